/// One node of a composed YAML document, as the readers walk it: a scalar's text (never typed: the decoders
/// type it), a mapping's pairs in the order of the file, or a list's items; and where the node starts.
///
/// A value: a scalar holds its text inline (most are under 16 bytes and need no allocation), a mapping or a list
/// one array of its children. Tags and anchors are not kept; an alias is composed as a copy of its anchor's node.
struct YAMLNode: Equatable, Sendable {
    /// What the node is.
    enum Kind: UInt8, Sendable {
        case scalar, mapping, sequence
    }

    /// How a scalar is written, numbered as libyaml numbers its `yaml_scalar_style_t`.
    enum Style: UInt8, Sendable {
        case any, plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// Where a node starts: libyaml's 1-based line and column (columns count Unicode scalars).
    struct Mark: Equatable, Sendable {
        var line: Int
        var column: Int
    }

    /// A scalar's text and style.
    struct Scalar: Sendable {
        let string: String
        let style: Style
    }

    /// A mapping's pairs, in the order of the file.
    struct Mapping: RandomAccessCollection, Sendable {
        /// Keys and values alternating: key 0, value 0, key 1, ...
        fileprivate let flat: [YAMLNode]
        var startIndex: Int { 0 }
        var endIndex: Int { flat.count / 2 }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            (flat[2 * position], flat[2 * position + 1])
        }
    }

    let kind: Kind
    /// A scalar's style; `.any` for a mapping or a list.
    let style: Style
    private let line: Int32
    private let column: Int32
    /// A scalar's text; empty for a mapping or a list.
    private let text: String
    /// A list's items, or a mapping's keys and values alternating.
    private let children: [YAMLNode]

    /// A node as the composer builds it: `children` are a list's items or a mapping's keys and values alternating.
    init(kind: Kind, style: Style = .any, line: Int32, column: Int32, text: String = "", children: [YAMLNode] = []) {
        self.kind = kind
        self.style = style
        self.line = line
        self.column = column
        self.text = text
        self.children = children
    }

    /// A mapping of `pairs` starting at `mark`.
    init(mapping pairs: [(key: YAMLNode, value: YAMLNode)], mark: Mark) {
        var flat: [YAMLNode] = []
        flat.reserveCapacity(pairs.count * 2)
        for (key, value) in pairs {
            flat.append(key)
            flat.append(value)
        }
        self.init(kind: .mapping, line: Int32(mark.line), column: Int32(mark.column), children: flat)
    }

    /// Where the node starts.
    var mark: Mark { Mark(line: Int(line), column: Int(column)) }

    /// The scalar, where the node is one.
    var scalar: Scalar? { kind == .scalar ? Scalar(string: text, style: style) : nil }

    /// The pairs, where the node is a mapping.
    var mapping: Mapping? { kind == .mapping ? Mapping(flat: children) : nil }

    /// The items, where the node is a list.
    var sequence: [YAMLNode]? { kind == .sequence ? children : nil }

    /// How many nodes the tree holds, this one included (a mapping counts its keys).
    var count: Int { children.reduce(1) { $0 + $1.count } }
}
