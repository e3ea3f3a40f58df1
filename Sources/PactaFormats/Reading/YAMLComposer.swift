/// Which composer turns a file's YAML text into the nodes the readers walk.
enum YAMLComposer: String, Sendable, CaseIterable {
    /// Yams' composer (`Yams.compose`): its trees are converted to ``YAMLNode`` values, and its errors to
    /// ``YAMLProblem``s.
    case yams

    /// The node tree of `text`, every scalar kept as text (the decoders type them), read as UTF-8.
    /// - Returns: `nil` where the text holds no document (empty, or only comments).
    /// - Throws: ``YAMLProblem`` where the text is not YAML, holds more than one document, or gives a mapping's key
    ///   twice.
    func root(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        switch self {
        case .yams: try Self.composeWithYams(text)
        }
    }
}
