/// Which composer turns a file's YAML text into the nodes the readers walk. The readers use ``libyaml``; the tests
/// and the benchmarks set ``yams`` to compare with what Pacta read before.
@_spi(Testing) public enum YAMLComposer: String, Sendable, CaseIterable {
    /// libyaml's parser events composed by Pacta into ``YAMLNode`` values: a mapping's scalar keys are checked for
    /// duplicates, lists and mappings nest at most ``maximumDepth`` deep, and aliases add at most
    /// ``maximumAliasNodes`` nodes.
    case libyaml
    /// Yams' composer (`Yams.compose`), which Pacta used before: about three times slower per event, and its
    /// check of duplicate keys hashes whole nodes, which a mapping of aliases makes exponential. Its trees are
    /// converted to ``YAMLNode`` values, and its errors to the same ``YAMLProblem``s.
    case yams

    /// The node tree of `text`, every scalar kept as text (the decoders type them), read as UTF-8.
    /// - Returns: `nil` where the text holds no document (empty, or only comments).
    /// - Throws: ``YAMLProblem`` where the text is not YAML, holds more than one document, gives a mapping's key
    ///   twice, or nests or aliases beyond the limits (``libyaml`` only).
    func root(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        switch self {
        case .libyaml: try Self.composeEvents(text)
        case .yams: try Self.composeWithYams(text)
        }
    }

    /// How many nodes `text` composes into, aliases counted as the nodes they stand for: the YAML step of reading a
    /// file alone, which the benchmarks time (for ``yams``, Yams' tree is counted, not converted).
    /// - Returns: `nil` where the text cannot be composed (``root(_:)`` would throw).
    public func nodeCount(of text: String) -> Int? {
        switch self {
        case .libyaml: (try? Self.composeEvents(text)).map { $0?.count ?? 0 }
        case .yams: Self.yamsNodeCount(text)
        }
    }
}
