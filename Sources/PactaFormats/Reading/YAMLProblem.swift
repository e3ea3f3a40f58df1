/// Why a text could not be composed into YAML nodes; ``NodeReader`` turns it into a located diagnostic.
enum YAMLProblem: Error, Equatable, Sendable {
    /// A character YAML does not allow (libyaml's reader error): `offset` counts Unicode scalars from the start of
    /// the text (`nil`: not known), `value` is the character's code (-1: none).
    case character(problem: String, offset: Int?, value: Int32)
    /// Text that is not YAML (libyaml's scanner or parser error) or not one document (the composer's): at 1-based
    /// `line` and `column` as libyaml counts them; `context` is libyaml's "while ..." where it gives one.
    case syntax(problem: String, context: String?, line: Int, column: Int)
    /// A mapping gives the same scalar key more than once: the keys, sorted; where a key is first given again; and
    /// the line each key is first given on, in the keys' order (empty where not known: Yams placed the problem at
    /// the first of them and gave no more).
    case duplicateKeys([String], line: Int, column: Int, firstLines: [Int])
    /// YAML, but beyond what a Pacta file may be (nesting, aliases): `message` says what and is shown as it is.
    case refused(message: String, line: Int, column: Int)
    /// Anything else (libyaml out of memory): shown as it is, with no place in the file.
    case other(String)
}
