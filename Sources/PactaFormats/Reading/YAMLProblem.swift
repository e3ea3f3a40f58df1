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

extension YAMLProblem {
    /// libyaml's context ("while parsing a flow sequence"), with the line it started on where that is not the
    /// problem's own: an unclosed `[` is found on a later line.
    static func context(_ text: String, line: Int, problemLine: Int) -> String {
        text.hasPrefix("while ") && line >= 1 && line != problemLine ? "\(text) started on line \(line)" : text
    }

    /// libyaml's own limit on nesting (1,000 open lists and mappings, far past ``YAMLComposer/maximumDepth``), which
    /// it reports at the start of the text in words that name its C function: as a refusal in plain words, there.
    static func parsing(problem: String, context: String?, line: Int, column: Int) -> YAMLProblem {
        guard problem.hasPrefix("Maximum nesting level reached") else {
            return .syntax(problem: problem, context: context, line: line, column: column)
        }
        return .refused(
            message:
                "lists and mappings are nested more than \(YAMLComposer.maximumDepth) deep in this file; a Pacta file needs a few levels",
            line: line, column: column)
    }

    /// What the commonest of libyaml's problems usually mean in a treaty file, in plain words; `nil` for others.
    static func hint(_ problem: String) -> String? {
        switch problem {
        case "did not find expected ',' or ']'":
            "a list in [ ] is not closed, or two of its items lack a comma between them"
        case "did not find expected ',' or '}'":
            "a mapping in { } is not closed, or two of its fields lack a comma between them"
        case "mapping values are not allowed in this context":
            "a ': ' where a value was expected: put the value in quotes if it holds ': ', or check the indentation"
        case "found a tab character that violates indentation": "YAML indents with spaces, never with tabs"
        case "found character that cannot start any token":
            "a tab, or another character that cannot start a value: YAML indents with spaces"
        case "did not find expected '-' indicator", "did not find expected key":
            "this line's indentation does not match the lines above it"
        case "could not find expected ':'":
            "a field without ':' after its name (write 'name: value')"
        default: nil
        }
    }
}
