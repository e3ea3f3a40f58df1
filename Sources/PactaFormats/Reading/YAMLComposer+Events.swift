import CLibYAML

extension YAMLComposer {
    /// How deep lists and mappings may nest in a file read by ``libyaml``. A Pacta file nests a few levels; the
    /// limit keeps every walk of a tree (and its release) shallow, whichever copy of libyaml the program calls.
    static let maximumDepth = 100

    /// How many nodes the aliases of a file read by ``libyaml`` may add, each alias counting the nodes of its
    /// anchor's tree: a few lines of aliases can stand for billions of nodes ("billion laughs"), which every walk
    /// of the tree would visit.
    static let maximumAliasNodes = 100_000

    /// The tree of `text`, composed from libyaml's parser events.
    /// - Complexity: O(*n*) in the length of the text: each event is handled once, an alias in O(1), and a
    ///   mapping's keys are compared as text (hashed where it has more than a few).
    static func composeEvents(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        var text = text
        text.makeContiguousUTF8()
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(YAMLProblem) in try EventComposer.root(of: bytes) }
        }
        if let result { return try result.get() }
        // Not reached for a native string made contiguous; read a copy of the bytes.
        return try Array(text.utf8).withUnsafeBufferPointer { bytes in
            Result { () throws(YAMLProblem) in try EventComposer.root(of: bytes) }
        }.get()
    }
}

/// Builds ``YAMLNode`` values from libyaml's event stream: a stack of the lists and mappings still open, each
/// collecting its children; a node is appended to the innermost one as soon as it is complete.
private struct EventComposer {
    /// A list or mapping whose end event has not come yet.
    struct Open {
        let kind: YAMLNode.Kind
        let line: Int32
        let column: Int32
        let anchor: String?
        /// The nodes counted before it opened (see ``EventComposer/counted``): its own count is the difference at
        /// its end.
        let countedBefore: Int
        var children: [YAMLNode] = []
        /// A mapping's keys that carry an explicit tag other than `!!str`, by pair: `!!int 1` and `1` differ.
        var keyTags: [Int: String] = [:]
    }

    /// What an anchor names: the node, how many nodes it stands for, and the tag of a scalar (see ``Open/keyTags``).
    struct Anchored {
        let node: YAMLNode
        let count: Int
        let tag: String?
    }

    var open: [Open] = []
    var anchors: [String: Anchored] = [:]
    var root: YAMLNode?
    var documents = 0
    /// Nodes completed so far, an alias counting the nodes of its anchor's tree.
    var counted = 0
    /// The part of ``counted`` that aliases added.
    var aliased = 0

    /// The single document of `bytes` (UTF-8); `nil` where there is none.
    static func root(of bytes: UnsafeBufferPointer<UInt8>) throws(YAMLProblem) -> YAMLNode? {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return nil }
        // libyaml keeps a pointer to the parser inside it (its input handler's data): the parser must not move.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else { throw .other("Memory error") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, start, bytes.count)
        var composer = EventComposer()
        while true {
            guard yaml_parser_parse(parser, event) == 1 else { throw problem(of: parser.pointee, in: bytes) }
            defer { yaml_event_delete(event) }
            if try composer.take(event.pointee) { return composer.root }
        }
    }

    /// Takes one event.
    /// - Returns: whether it ends the stream.
    mutating func take(_ event: yaml_event_t) throws(YAMLProblem) -> Bool {
        let line = Int32(truncatingIfNeeded: event.start_mark.line + 1)
        let column = Int32(truncatingIfNeeded: event.start_mark.column + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text =
                scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                }
                ?? ""
            let style = YAMLNode.Style(rawValue: UInt8(truncatingIfNeeded: scalar.style.rawValue)) ?? .any
            let node = YAMLNode(kind: .scalar, style: style, line: line, column: column, text: text)
            let tag = Self.distinctTag(scalar.tag, quotedImplicit: scalar.quoted_implicit != 0)
            if let anchor = Self.string(scalar.anchor) { anchors[anchor] = Anchored(node: node, count: 1, tag: tag) }
            counted += 1
            add(node, tag: tag)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard open.count < YAMLComposer.maximumDepth else {
                throw .refused(
                    message:
                        "lists and mappings are nested more than \(YAMLComposer.maximumDepth) deep here; a Pacta file needs a few levels",
                    line: Int(line), column: Int(column))
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor = Self.string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
            var opened = Open(
                kind: isMapping ? .mapping : .sequence, line: line, column: column, anchor: anchor,
                countedBefore: counted)
            // Room for four pairs or items from the start: an event's mapping then grows once, not four times.
            opened.children.reserveCapacity(8)
            open.append(opened)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let done = open.popLast() else { break }
            if done.kind == .mapping, let duplicates = Self.duplicateKeys(in: done) { throw duplicates }
            let node = YAMLNode(kind: done.kind, line: done.line, column: done.column, children: done.children)
            counted += 1
            if let anchor = done.anchor {
                anchors[anchor] = Anchored(node: node, count: counted - done.countedBefore, tag: nil)
            }
            add(node, tag: nil)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw .syntax(problem: "found undefined alias", context: nil, line: Int(line), column: Int(column))
            }
            counted += anchored.count
            aliased += anchored.count
            guard aliased <= YAMLComposer.maximumAliasNodes else {
                throw .refused(
                    message:
                        "the aliases (*name) here stand for more than \(YAMLComposer.maximumAliasNodes) nodes; write each value out",
                    line: Int(line), column: Int(column))
            }
            add(anchored.node, tag: anchored.tag)
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            guard documents == 1 else {
                throw .syntax(
                    problem: "but found another document", context: "expected a single document in the stream",
                    line: Int(line), column: Int(column))
            }
        case YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    /// Appends a completed node to the innermost open list or mapping, or makes it the root.
    mutating func add(_ node: YAMLNode, tag: String?) {
        guard !open.isEmpty else {
            root = node
            return
        }
        let last = open.count - 1
        if let tag, open[last].kind == .mapping, open[last].children.count % 2 == 0 {
            open[last].keyTags[open[last].children.count / 2] = tag
        }
        open[last].children.append(node)
    }

    /// A scalar key of a mapping: its text and, where it has one other than `!!str`, its tag.
    struct Key: Hashable {
        let text: String
        let tag: String?
    }

    /// The keys a mapping gives more than once, where it does: scalar keys compared by text and tag (a mapping or
    /// list as a key is not compared; the readers refuse it). The keys sorted, each with the line it is first given
    /// on, placed where a key is first given again (the line an editor should go to).
    static func duplicateKeys(in mapping: Open) -> YAMLProblem? {
        let pairs = mapping.children.count / 2
        guard pairs > 1 else { return nil }
        let tagged = !mapping.keyTags.isEmpty
        func text(_ pair: Int) -> String? { mapping.children[2 * pair].scalar?.string }
        func key(_ pair: Int) -> Key? { text(pair).map { Key(text: $0, tag: tagged ? mapping.keyTags[pair] : nil) } }
        // For each key given again: the pair that first gives it, and the first pair that gives it again.
        var repeated: [Int: Int] = [:]
        if pairs <= 12 {
            // Few keys (an event's fields): comparing each with the earlier ones costs less than hashing them.
            for pair in 1..<pairs {
                guard let current = text(pair) else { continue }
                let tag = tagged ? mapping.keyTags[pair] : nil
                if let first = (0..<pair).first(where: {
                    text($0) == current && (!tagged || mapping.keyTags[$0] == tag)
                }), repeated[first] == nil {
                    repeated[first] = pair
                }
            }
        } else {
            var firsts: [Key: Int] = [:]
            firsts.reserveCapacity(pairs)
            for pair in 0..<pairs {
                guard let current = key(pair) else { continue }
                if let first = firsts[current] {
                    if repeated[first] == nil { repeated[first] = pair }
                } else {
                    firsts[current] = pair
                }
            }
        }
        guard let again = repeated.values.min() else { return nil }
        let sorted = repeated.keys.sorted {
            (mapping.children[2 * $0].scalar?.string ?? "", $0) < (mapping.children[2 * $1].scalar?.string ?? "", $1)
        }
        let mark = mapping.children[2 * again].mark
        return .duplicateKeys(
            sorted.map { mapping.children[2 * $0].scalar?.string ?? "" }, line: mark.line, column: mark.column,
            firstLines: sorted.map { mapping.children[2 * $0].mark.line })
    }

    /// A scalar's tag where it makes the scalar differ from plain text: not for an untagged or quoted scalar, nor
    /// for `!` or `!!str`.
    static func distinctTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, quotedImplicit: Bool) -> String? {
        guard !quotedImplicit, let tag = string(tag) else { return nil }
        return tag == "!" || tag == "tag:yaml.org,2002:str" ? nil : tag
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// The parser's error as a ``YAMLProblem``; a reader error's place counted in Unicode scalars.
    static func problem(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = parser.problem_offset
            var scalars: Int?
            if offset <= bytes.count, offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
                // Every byte that is not a continuation byte (10xxxxxx) starts a Unicode scalar.
                scalars = bytes[..<offset].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            }
            return .character(problem: problem, offset: scalars, value: parser.problem_value)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let line = parser.problem_mark.line + 1
            return YAMLProblem.parsing(
                problem: problem,
                context: parser.context.map {
                    YAMLProblem.context(String(cString: $0), line: parser.context_mark.line + 1, problemLine: line)
                }, line: line, column: parser.problem_mark.column + 1)
        case YAML_MEMORY_ERROR:
            return .other("Memory error")
        default:
            return .other(problem)
        }
    }
}
