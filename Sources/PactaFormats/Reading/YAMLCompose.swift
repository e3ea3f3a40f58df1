import Yams

/// How every Pacta file is read into YAML nodes.
enum YAMLCompose {
    /// The node tree of `text`, every scalar kept as text (the decoders type them), read as UTF-8.
    ///
    /// The encoding is given rather than left to Yams' default, which reads the process environment at every call
    /// (`YAMS_DEFAULT_ENCODING`: a twentieth of the time of reading a corpus) and, where that variable is set,
    /// prints a line to standard output each time.
    /// - Throws: `YamlError` where the text is not YAML, or a mapping gives a key twice.
    static func root(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic, .default, .utf8)
    }
}
