import Foundation

/// A value to write into a treaty file: a scalar, a list or a mapping, written in YAML's flow style on one line.
/// Spec: "Events"; every value is read back as text by the file reader, which decides its type.
public indirect enum FieldValue: Sendable, Hashable, ExpressibleByStringLiteral {
    case scalar(String)
    /// Text written double-quoted even where it could be plain: article numbers (`"5"`), which other YAML
    /// tools would otherwise read as numbers (docs/treaty-format.md, "General reading rules").
    case text(String)
    case list([FieldValue])
    case mapping([Field])

    public init(stringLiteral value: String) { self = .scalar(value) }

    /// The value in YAML flow style: plain where that is safe (codes, dates, ids, words without punctuation),
    /// double-quoted otherwise.
    public var yaml: String {
        switch self {
        case .scalar(let text): FieldValue.quoted(text)
        case .text(let text): FieldValue.doubleQuoted(text)
        case .list(let items): "[" + items.map(\.yaml).joined(separator: ", ") + "]"
        // Keys as values are: plain where safe, else quoted, so that no key can end the mapping or start a comment.
        case .mapping(let fields):
            "{" + fields.map { "\(FieldValue.quoted($0.key)): \(FieldValue.yaml(of: $0))" }.joined(separator: ", ")
                + "}"
        }
    }

    /// The fields the format reads as `true` or `false` (docs/treaty-format.md).
    static let booleanKeys: Set<String> = [
        "by-agreement", "precludes-entry-into-force", "allowed", "signature-required", "states-only",
    ]

    /// A field's value in YAML: a boolean field's `true` or `false` plain, as the format writes it (another YAML
    /// reader would take the quoted word for text); any other value as ``yaml``.
    static func yaml(of field: Field) -> String {
        if booleanKeys.contains(field.key), case .scalar(let word) = field.value, word == "true" || word == "false" {
            return word
        }
        return field.value.yaml
    }

    /// Words a YAML 1.1 reader would take for a boolean or null if written plain.
    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// `text` as a plain scalar where every YAML reader reads it back as the same text, else double-quoted with
    /// YAML's escapes (a backslash, a quote, control characters).
    static func quoted(_ text: String) -> String {
        let plain =
            !text.isEmpty && !reserved.contains(text.lowercased())
            && text.unicodeScalars.allSatisfy { scalar in
                (scalar.value < 128 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                    || "._/-".unicodeScalars.contains(scalar)
            }
            && !"-.".contains(text.first!)
        return plain ? text : doubleQuoted(text)
    }

    /// `text` double-quoted, with YAML's escapes.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// One key and its value, in the order they are written.
public struct Field: Sendable, Hashable {
    public var key: String
    public var value: FieldValue
    public init(_ key: String, _ value: FieldValue) {
        self.key = key
        self.value = value
    }
}

/// Edits of a treaty file's text that change nothing but what they add: every other byte (comments, order,
/// quoting, the other events) stays as it was. Works on the text's lines, as a person would edit the file.
public enum TreatyFileText {
    /// Why the text cannot be edited in place.
    public struct EditError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// `text` with one more item at the end of the top-level list `key` (`events`): a line
    /// `  - {id: ..., ...}` indented as the list's other items, after its last item. Where the file has no such
    /// key, `key:` and the item are added at the end of the file; `key: []` becomes `key:` with the item below.
    /// - Throws: ``EditError`` where the list is written in flow style with items (`events: [{...}]`), which
    ///   cannot be extended by a line, or where a line ends with a carriage return alone.
    public static func appendingItem(_ item: [Field], toList key: String, in text: String) throws(EditError)
        -> String
    {
        var point: AppendPoint?
        return try appendingItem(item, toList: key, in: text, point: &point)
    }

    /// Where the next item of a list goes in one exact text: what ``appendingItem(_:toList:in:point:)`` found
    /// when it last appended, so that the next item of a batch is put there without scanning the file's lines
    /// again. Valid for the text that call returned, and only while nothing else edits it.
    public struct AppendPoint: Sendable, Hashable {
        /// The UTF-8 offset where the next line goes, and the text's UTF-8 length then.
        var offset: Int
        var textCount: Int
        /// The indent of the list's items, and the file's end of line.
        var indent: [UInt8]
        var eol: [UInt8]
        /// Whether the text ends without an end of line, so that the next line starts with one.
        var newlineFirst: Bool
    }

    /// ``appendingItem(_:toList:in:)``, at `point` where it is given for this text; `point` is then where the
    /// item after this one goes (`nil` where that is not known: the list was empty).
    public static func appendingItem(
        _ item: [Field], toList key: String, in text: String, point: inout AppendPoint?
    ) throws(EditError) -> String {
        var out = text
        _ = try appendItem(item, toList: key, in: &out, point: &point)
        return out
    }

    /// What ``appendItem(_:toList:in:point:)`` did to a text, so that ``undo(_:in:)`` can take it back.
    public enum Edit: Sendable {
        /// Bytes inserted at these UTF-8 offsets, the rest of the text unchanged.
        case inserted(Range<Int>)
        /// The whole text replaced; this was the text before.
        case replaced(String)
    }

    /// ``appendingItem(_:toList:in:point:)`` on `text` itself: at a known `point`, the line is inserted in place
    /// (where `text` is not shared, with no copy of the file: a desk appends act after act to a text of a
    /// megabyte); else the text is scanned and replaced. `text` is unchanged where this throws.
    /// - Returns: the edit, to take it back where the act is then refused.
    public static func appendItem(
        _ item: [Field], toList key: String, in text: inout String, point: inout AppendPoint?
    ) throws(EditError) -> Edit {
        try appendItem(yaml: FieldValue.mapping(item).yaml, toList: key, in: &text, point: &point)
    }

    /// ``appendItem(_:toList:in:point:)`` for an item already written as YAML (``FieldValue/yaml`` of its
    /// mapping), where the caller needs that text too.
    static func appendItem(
        yaml: String, toList key: String, in text: inout String, point: inout AppendPoint?
    ) throws(EditError) -> Edit {
        let line = Array(("- " + yaml).utf8)
        if var known = point, known.textCount == text.utf8.count {
            let content = known.indent + line
            let added = known.newlineFirst ? known.eol + content : content + known.eol
            let addedText = String(decoding: added, as: UTF8.self)
            if known.offset == known.textCount {
                text.append(addedText)
            } else {
                text.insert(contentsOf: addedText, at: text.utf8.index(text.utf8.startIndex, offsetBy: known.offset))
            }
            let inserted = known.offset..<known.offset + added.count
            known.offset += added.count
            known.textCount += added.count
            point = known
            return .inserted(inserted)
        }
        let (out, next) = try inserting(
            line: String(decoding: line, as: UTF8.self), under: key, in: text, defaultIndent: "  ")
        point = next
        let before = text
        text = out
        return .replaced(before)
    }

    /// `text` as it was before `edit`, which was the last edit made to it.
    public static func undo(_ edit: Edit, in text: inout String) {
        switch edit {
        case .inserted(let range):
            let utf8 = text.utf8
            text.removeSubrange(
                utf8.index(
                    utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                        utf8.startIndex, offsetBy: range.upperBound))
        case .replaced(let before): text = before
        }
    }

    /// `text` with one more entry `name: {fields}` at the end of the top-level mapping `key` (`sources`).
    /// - Throws: ``EditError`` as ``appendingItem(_:toList:in:)``.
    public static func addingEntry(_ name: String, _ fields: [Field], toMapping key: String, in text: String)
        throws(EditError) -> String
    {
        try inserting(
            line: "\(FieldValue.quoted(name)): " + FieldValue.mapping(fields).yaml, under: key, in: text,
            defaultIndent: "  "
        ).text
    }

    /// Inserts `line` as the last entry of the top-level block `key`, indented as the block's first entry. Works
    /// on the text's UTF-8 bytes, line by line (a file of thousands of events is scanned once).
    /// - Returns: the text, and where a line after this one would go (``AppendPoint``), where that is known.
    private static func inserting(line: String, under key: String, in text: String, defaultIndent: String)
        throws(EditError) -> (text: String, next: AppendPoint?)
    {
        var bytes = Array(text.utf8)
        // Lines ended by a carriage return alone (classic Mac OS): YAML reads them, but the file would then be one
        // line to this edit, and the item would go after all of it, under a second key.
        if let bare = bytes.indices.first(where: { bytes[$0] == 13 && ($0 + 1 == bytes.count || bytes[$0 + 1] != 10) })
        {
            let line = bytes[..<bare].count { $0 == 10 || $0 == 13 } + 1
            throw EditError(
                description:
                    "line \(line) of the file ends with a carriage return alone (the line end of classic Mac OS); save the file with LF (or CRLF) line ends and record again"
            )
        }
        let crlf = text.utf8.count > 1 && zip(bytes, bytes.dropFirst()).contains { $0 == 13 && $1 == 10 }
        let eol: [UInt8] = crlf ? [13, 10] : [10]
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 10 { starts.append(offset + 1) }
        /// The line's bytes without its end of line.
        func content(_ index: Int) -> ArraySlice<UInt8> {
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
            let slice = bytes[starts[index]..<end]
            return crlf && slice.last == 13 ? slice.dropLast() : slice
        }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#"), dash = UInt8(ascii: "-")
        let prefix = Array("\(key):".utf8)
        guard let keyLine = starts.indices.first(where: { content($0).starts(with: prefix) }) else {
            // No such key: add it at the end.
            var out = text
            if !out.isEmpty, !out.hasSuffix("\n") { out += String(decoding: eol, as: UTF8.self) }
            let newline = String(decoding: eol, as: UTF8.self)
            return (out + "\(key):" + newline + defaultIndent + line + newline, nil)
        }
        let afterColon = String(decoding: content(keyLine).dropFirst(prefix.count), as: UTF8.self)
        let value =
            afterColon.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        var emptied: (range: Range<Int>, with: [UInt8])?
        // An empty list or mapping, or a null (which the reader takes for absent): the item goes below the key.
        if ["[]", "{}", "~", "null", "Null", "NULL"].contains(value) {
            let whole = content(keyLine)
            emptied = (whole.startIndex..<whole.endIndex, prefix)
        } else if !value.isEmpty {
            throw EditError(
                description:
                    "'\(key)' is written on one line (\(key): \(value.prefix(40))...); write it as a block, one entry a line, to record through Pacta"
            )
        }
        var lastContent: Int?
        var lastAny = keyLine
        var indent: [UInt8]?
        var index = keyLine + 1
        while index < starts.count {
            let line = content(index)
            if let first = line.first, first != space, first != tab, first != hash, first != dash { break }
            let trimmed = line.drop { $0 == space || $0 == tab }
            if !trimmed.isEmpty {
                lastAny = index
                if trimmed.first != hash {
                    lastContent = index
                    if indent == nil { indent = Array(line.prefix(line.count - trimmed.count)) }
                }
            }
            index += 1
        }
        let after = lastContent ?? lastAny
        let itemIndent = indent ?? Array(defaultIndent.utf8)
        let newLine = itemIndent + Array(line.utf8)
        var next: AppendPoint?
        if after + 1 < starts.count {
            // Before the next line.
            let at = starts[after + 1]
            bytes.insert(contentsOf: newLine + eol, at: at)
            next = AppendPoint(
                offset: at + newLine.count + eol.count, textCount: bytes.count, indent: itemIndent, eol: eol,
                newlineFirst: false)
        } else {
            // After the last line, which has no end of line.
            bytes.append(contentsOf: eol + newLine)
            next = AppendPoint(
                offset: bytes.count, textCount: bytes.count, indent: itemIndent, eol: eol, newlineFirst: true)
        }
        if let emptied {
            bytes.replaceSubrange(emptied.range, with: emptied.with)
            next = nil
        }
        return (String(decoding: bytes, as: UTF8.self), next)
    }
}
