import Yams

extension YAMLComposer {
    /// The tree of `text` as Yams composes it, converted.
    ///
    /// The encoding is given rather than left to Yams' default, which reads the process environment at every call
    /// (`YAMS_DEFAULT_ENCODING`) and, where that variable is set, prints a line to standard output each time.
    static func composeWithYams(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        do {
            return try Yams.compose(yaml: text, .basic, .default, .utf8).map(YAMLNode.init(yams:))
        } catch let error as YamlError {
            throw YAMLProblem(yams: error)
        } catch {
            throw .other("\(error)")
        }
    }

    /// The number of nodes of Yams' tree of `text`, as ``nodeCount(of:)`` counts them.
    static func yamsNodeCount(_ text: String) -> Int? {
        func count(_ node: Node) -> Int {
            switch node {
            case .scalar, .alias: 1
            case .mapping(let mapping): mapping.reduce(1) { $0 + count($1.key) + count($1.value) }
            case .sequence(let sequence): sequence.reduce(1) { $0 + count($1) }
            }
        }
        do {
            return try Yams.compose(yaml: text, .basic, .default, .utf8).map(count) ?? 0
        } catch {
            return nil
        }
    }
}

extension YAMLNode {
    /// The node of a tree Yams composed. Yams resolves aliases while composing, so none is left (one would
    /// become an empty scalar).
    init(yams node: Node) {
        let mark = node.mark.map { (Int32($0.line), Int32($0.column)) } ?? (0, 0)
        switch node {
        case .scalar(let scalar):
            self.init(
                kind: .scalar, style: Style(rawValue: UInt8(scalar.style.rawValue)) ?? .any, line: mark.0,
                column: mark.1, text: scalar.string)
        case .mapping(let mapping):
            self.init(
                kind: .mapping, line: mark.0, column: mark.1,
                children: mapping.flatMap { [YAMLNode(yams: $0.key), YAMLNode(yams: $0.value)] })
        case .sequence(let sequence):
            self.init(kind: .sequence, line: mark.0, column: mark.1, children: sequence.map(YAMLNode.init(yams:)))
        case .alias:
            self.init(kind: .scalar, line: mark.0, column: mark.1)
        }
    }
}

extension YAMLProblem {
    /// The problem Yams reported; a reader error's place converted from Characters to Unicode scalars.
    init(yams error: YamlError) {
        switch error {
        case .reader(let problem, let offset, let value, let yaml):
            let index = offset.flatMap { yaml.index(yaml.startIndex, offsetBy: $0, limitedBy: yaml.endIndex) }
            self = .character(
                problem: problem,
                offset: index.map { yaml.unicodeScalars.distance(from: yaml.unicodeScalars.startIndex, to: $0) },
                value: value)
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            self = YAMLProblem.parsing(
                problem: problem,
                context: context.map { YAMLProblem.context($0.text, line: $0.mark.line, problemLine: mark.line) },
                line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            self = .duplicateKeys(duplicates, line: context.mark.line, column: context.mark.column, firstLines: [])
        default:
            self = .other("\(error)")
        }
    }
}
