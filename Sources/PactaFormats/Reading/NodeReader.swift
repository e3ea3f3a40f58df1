import PactaCore

/// Walks a composed YAML tree, reading values and collecting located diagnostics instead of stopping at
/// the first fault. Internal to ``TreatyFileReader``.
final class NodeReader {
    let file: String
    private let text: String
    /// The text's Unicode scalars and where its lines start, worked out at the first diagnostic: most files have
    /// none, and need no more than their tree.
    private lazy var lines = Lines(text)
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// A text's Unicode scalars and the offsets where its lines start, for locating diagnostics.
    private struct Lines {
        let scalars: [Unicode.Scalar]
        /// Where each line starts (scalar offsets) as the YAML library counts lines: it also breaks at CR alone,
        /// NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
        let yamlLineStarts: [Int]
        /// Where each line starts as an editor counts lines (LF, CRLF or CR alone), which diagnostics report.
        let lineStarts: [Int]

        init(_ text: String) {
            let scalars = Array(text.unicodeScalars)
            self.scalars = scalars
            var yaml = [0]
            var editor = [0]
            var index = 0
            while index < scalars.count {
                let value = scalars[index].value
                var next = index + 1
                if value == 0x0D, next < scalars.count, scalars[next].value == 0x0A { next += 1 }
                if [0x0A, 0x0D].contains(value) {
                    yaml.append(next)
                    editor.append(next)
                } else if [0x85, 0x2028, 0x2029].contains(value) {
                    yaml.append(next)
                }
                index = next
            }
            self.yamlLineStarts = yaml
            self.lineStarts = editor
        }
    }

    /// The editor's line and column of the YAML library's 1-based `line` and `column`, and the text of that line.
    private func locate(line: Int, column: Int) -> (line: Int, column: Int, text: String?) {
        guard line >= 1 else { return (line, column, nil) }
        let (scalars, yamlLineStarts) = (lines.scalars, lines.yamlLineStarts)
        // The YAML library puts an error at the end of a file without a final line break on the line after it:
        // such an error is placed at the end of the text, on its last line.
        return locate(
            offset: line <= yamlLineStarts.count
                ? min(scalars.count, yamlLineStarts[line - 1] + max(0, column - 1)) : scalars.count)
    }

    /// The editor's line and column of the Unicode scalar at `offset` (0-based; the end of the text at most), and
    /// the text of that line.
    private func locate(offset: Int) -> (line: Int, column: Int, text: String?) {
        let (scalars, lineStarts) = (lines.scalars, lines.lineStarts)
        let offset = min(max(0, offset), scalars.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {  // the last editor line start at or before the offset
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let start = lineStarts[low]
        var end = low + 1 < lineStarts.count ? lineStarts[low + 1] : scalars.count
        while end > start, [0x0A, 0x0D].contains(scalars[end - 1].value) { end -= 1 }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<end])
        return (low + 1, offset - start + 1, String(text))
    }

    // MARK: - Errors

    /// `UTF-16LE` or `UTF-16BE` where the text's first bytes (up to 64) have a zero byte in every other place
    /// and no other (how ASCII text saved as UTF-16 without a byte order mark reads as UTF-8); `nil` otherwise.
    static func utf16WithoutMark(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(64))
        guard head.count >= 4 else { return nil }
        let even = stride(from: 0, to: head.count, by: 2).map { head[$0] }
        let odd = stride(from: 1, to: head.count, by: 2).map { head[$0] }
        if odd.allSatisfy({ $0 == 0 }), even.allSatisfy({ $0 != 0 }) { return "UTF-16LE" }
        if even.allSatisfy({ $0 == 0 }), odd.allSatisfy({ $0 != 0 }) { return "UTF-16BE" }
        return nil
    }

    /// A problem of the YAML text, located: at its place, or, for a character YAML does not allow (a control
    /// character), at that character, with its code in the message.
    func error(yaml problem: YAMLProblem) {
        switch problem {
        case .character(let problem, let offset, let value):
            if value == 0, let encoding = Self.utf16WithoutMark(text.utf8) {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: 1, column: 1,
                        message:
                            "the file is not UTF-8 text: it looks like \(encoding) without a byte order mark (every other byte is 0); save it as UTF-8"
                    ))
                return
            }
            let place = locate(offset: offset ?? 0)
            let hex = String(value, radix: 16, uppercase: true)
            let code = value >= 0 ? " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))" : ""
            diagnostics.append(
                Diagnostic(
                    file: file, line: place.line, column: place.column,
                    message:
                        "not valid YAML: \(problem)\(code); remove the character or write it as an escape in double quotes",
                    sourceLine: place.text))
        case .syntax(let problem, let context, let line, let column):
            error(
                line: line, column: column,
                "not valid YAML: \(problem)" + (context.map { " (\($0))" } ?? "")
                    + (YAMLProblem.hint(problem).map { "; " + $0 } ?? ""))
        case .duplicateKeys(let keys, let line, let column, let firstLines):
            error(line: line, column: column, Self.duplicateKeysMessage(keys, firstLines: firstLines))
        case .refused(let message, let line, let column):
            error(line: line, column: column, message)
        case .other(let message):
            error(line: 0, column: 0, "not valid YAML: \(message)")
        }
    }

    /// What a mapping that gives `keys` twice is told: each key with the line it is first given on, where known.
    static func duplicateKeysMessage(_ keys: [String], firstLines: [Int]) -> String {
        guard firstLines.count == keys.count else {
            return "a field is given twice in one mapping: \(keys.joined(separator: ", "))"
        }
        let named = zip(keys, firstLines).map { "'\($0)' (first on line \($1))" }
        return keys.count == 1
            ? "the field \(named[0]) is given again in the same mapping; keep one of the two"
            : "fields are given again in the same mapping: \(named.joined(separator: ", ")); keep one of each"
    }

    func error(at mark: YAMLNode.Mark?, _ message: String, severity: Diagnostic.Severity = .error) {
        error(line: mark?.line ?? 0, column: mark?.column ?? 0, message, severity: severity)
    }

    /// An error at a 1-based line and column (0: the whole file).
    func error(line: Int, column: Int, _ message: String, severity: Diagnostic.Severity = .error) {
        let place = locate(line: line, column: column)
        diagnostics.append(
            Diagnostic(
                file: file, line: place.line, column: place.column, message: message, sourceLine: place.text,
                severity: severity))
    }

    /// A warning: the file is read, but a reviewer should look (`pacta check --strict` makes it an error).
    func warning(_ node: YAMLNode?, _ message: String) { error(at: node?.mark, message, severity: .warning) }

    func error(_ node: YAMLNode?, _ message: String) { error(at: node?.mark, message) }

    // MARK: - Structure

    /// The node as a mapping keyed by string, reporting keys outside `allowed` (with the list expected).
    /// - Returns: `nil` (and a diagnostic) where the node is not a mapping.
    func mapping(_ node: YAMLNode, what: String, allowed: [String]) -> Fields? {
        guard let mapping = node.mapping else {
            error(node, "\(what) must be a mapping of fields (key: value), found \(Self.kind(of: node))")
            return nil
        }
        var fields = Fields(node: node, what: what)
        fields.names.reserveCapacity(mapping.count)
        fields.values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error(key, "a key in \(what) must be a plain text key")
                continue
            }
            if !allowed.contains(name) {
                let suggestion = Self.closest(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                error(
                    key,
                    "unknown field '\(name)' in \(what)\(suggestion); expected one of: \(allowed.joined(separator: ", "))"
                )
                continue
            }
            fields.names.append(name)
            fields.values.append(value)
        }
        return fields
    }

    /// The fields of a mapping, by name.
    struct Fields {
        let node: YAMLNode
        let what: String
        /// The fields' names and values, in the order of the file. A mapping has a few fields: they are found by
        /// comparing names, which costs less than hashing them into a dictionary for a few look-ups.
        fileprivate(set) var names: [String] = []
        fileprivate(set) var values: [YAMLNode] = []

        /// The field's value, a null one included (the last, where two keys give the same name).
        func value(_ name: String) -> YAMLNode? { names.lastIndex(of: name).map { values[$0] } }

        /// The field's value, where it has one that is not null.
        subscript(name: String) -> YAMLNode? {
            guard let value = value(name) else { return nil }
            return NodeReader.isNull(value) ? nil : value
        }

        /// Whether the field is present, even with a null value.
        func has(_ name: String) -> Bool { names.contains(name) }
    }

    /// Reports a missing field at the mapping.
    func require(_ fields: Fields, _ name: String, expected: String) -> YAMLNode? {
        if let value = fields[name] { return value }
        error(fields.node, "\(fields.what) is missing the field '\(name)' (\(expected))")
        return nil
    }

    func sequence(_ node: YAMLNode, what: String) -> [YAMLNode]? {
        guard let sequence = node.sequence else {
            error(node, "\(what) must be a list, found \(Self.kind(of: node))")
            return nil
        }
        return Array(sequence)
    }

    // MARK: - Scalars

    func string(_ node: YAMLNode, what: String) -> String? {
        guard let scalar = node.scalar else {
            error(node, "\(what) must be text, found \(Self.kind(of: node))")
            return nil
        }
        return scalar.string
    }

    func int(_ node: YAMLNode, what: String) -> Int? {
        if let text = node.scalar?.string, Int(text) == nil, !text.isEmpty,
            text.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isASCII),
            text.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber), text.count > 18
        {
            error(node, "\(what) is too large a number: \(text.prefix(30))\(text.count > 30 ? "..." : "")")
            return nil
        }
        guard let text = node.scalar?.string, let value = Int(text) else {
            error(node, "\(what) must be a whole number, found \(Self.describe(node))")
            return nil
        }
        return value
    }

    func double(_ node: YAMLNode, what: String) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text) else {
            error(node, "\(what) must be a number, found \(Self.describe(node))")
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode, what: String) -> Bool? {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            error(node, "\(what) must be true or false, found \(Self.describe(node))")
            return nil
        }
    }

    /// An ISO 8601 calendar date that exists.
    func date(_ node: YAMLNode, what: String) -> CalendarDate? {
        guard let text = node.scalar?.string else {
            error(node, "\(what) must be a date YYYY-MM-DD, found \(Self.kind(of: node))")
            return nil
        }
        if let date = CalendarDate(iso: text) { return date }
        if text.count == 10, text.split(separator: "-").count == 3, text.allSatisfy({ $0.isNumber || $0 == "-" }) {
            error(node, "\(what): the date \(text) does not exist")
        } else {
            error(node, "\(what) must be a date YYYY-MM-DD, found '\(text)'")
        }
        return nil
    }

    /// An event's date: `YYYY-MM-DD`, or an ISO 8601 date of reduced precision, `YYYY-MM` or `YYYY`, where the
    /// record gives only the month or the year (Pacta extension).
    /// - Returns: the latest day the date can be, and the earliest where it is of reduced precision.
    func eventDate(_ node: YAMLNode, what: String) -> (date: CalendarDate, earliest: CalendarDate?)? {
        guard let text = node.scalar?.string else { return date(node, what: what).map { ($0, nil) } }
        // Most dates are whole (YYYY-MM-DD, ten bytes, which no form of reduced precision has).
        if text.utf8.count == 10, let date = CalendarDate(iso: text) { return (date, nil) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        if digits, parts.count == 1, parts[0].count == 4, let year = Int(parts[0]),
            let first = CalendarDate(year: year, month: 1, day: 1),
            let last = CalendarDate(year: year, month: 12, day: 31)
        {
            return (last, first)
        }
        if digits, parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]), let first = CalendarDate(year: year, month: month, day: 1)
        {
            let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
            return (last, first)
        }
        return date(node, what: what).map { ($0, nil) }
    }

    /// A value from a fixed vocabulary.
    func choice<T: RawRepresentable>(_ node: YAMLNode, what: String, of type: T.Type, values: [T]) -> T?
    where T.RawValue == String {
        guard let text = string(node, what: what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = values.map(\.rawValue)
        let suggestion = Self.closest(text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        error(node, "\(what) '\(text)' is not known\(suggestion); expected one of: \(names.joined(separator: ", "))")
        return nil
    }

    /// A list of text values; a single scalar counts as a list of one.
    func strings(_ node: YAMLNode, what: String) -> [String]? {
        if node.scalar != nil { return string(node, what: what).map { [$0] } }
        guard let items = sequence(node, what: what) else { return nil }
        return items.compactMap { string($0, what: "an item of \(what)") }
    }

    /// A map from language tag to text (`{en: ..., ru: ...}`).
    func localized(_ node: YAMLNode, what: String) -> [String: String] {
        guard let mapping = node.mapping else {
            error(node, "\(what) must map language tags to text ({en: ..., ru: ...}), found \(Self.kind(of: node))")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let tag = key.scalar?.string, Self.isLanguageTag(tag) else {
                error(
                    key,
                    "\(what): '\(key.scalar?.string ?? "?")' is not a BCP 47 language tag (en, ru, ko, zh-Hans ...)")
                continue
            }
            if let text = string(value, what: "\(what) in \(tag)") { result[tag] = text }
        }
        return result
    }

    // MARK: - Helpers

    static func isNull(_ node: YAMLNode) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["null", "Null", "NULL", "~", ""].contains(scalar.string)
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy {
            !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isLetter || $0.isNumber }
        }
    }

    static func kind(of node: YAMLNode) -> String {
        switch node.kind {
        case .scalar: return isNull(node) ? "nothing (null)" : "the text '\(node.scalar?.string ?? "")'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    static func describe(_ node: YAMLNode) -> String { kind(of: node) }

    /// The allowed name closest to `name`, where it is close enough to be a likely typo.
    static func closest(_ name: String, in names: [String]) -> String? {
        let scored = names.map { ($0, Self.distance(name, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(1, name.count / 3) else { return nil }
        return best
    }

    static func distance(_ a: String, _ b: String) -> Int { Corpus.editDistance(a, b) }
}

extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring { hasSuffix(suffix) ? dropLast(suffix.count) : self }
}
