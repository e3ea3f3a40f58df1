import Foundation

/// A treaty file's text cut into what the database stores: the head (every byte of the file but its events'
/// items) and the items of its `events` list, each as the file writes it (a flow mapping on one line, or a block
/// over several lines, with the comments before it). ``joined`` puts the bytes back together exactly, so that
/// an import followed by an export gives the file byte for byte.
public struct RecordText: Sendable, Hashable {
    /// The file without its events' items.
    public var head: String
    /// Where the items go in ``head``: a UTF-8 byte offset; `nil` where the file has no block list `events`
    /// (no events yet, `events: []`, or a flow list or JSON, kept whole in the head).
    public var eventsAt: Int?
    /// Each event's item, in the file's order, without the line end after it.
    public var items: [String]
    /// The line end between items: `\n`, or `\r\n` in a file written with them.
    public var lineEnd: String

    /// - Parameters:
    ///   - head, eventsAt, items, lineEnd: as stored (see the properties).
    public init(head: String, eventsAt: Int?, items: [String], lineEnd: String) {
        self.head = head
        self.eventsAt = eventsAt
        self.items = items
        self.lineEnd = lineEnd
    }

    /// Cuts a treaty file's text.
    public init(splitting text: String) {
        let bytes = Array(text.utf8)
        let crlf = zip(bytes, bytes.dropFirst()).contains { $0 == 13 && $1 == 10 }
        lineEnd = crlf ? "\r\n" : "\n"
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 10 { starts.append(offset + 1) }
        /// The end of the line's content (before `\r\n` or `\n`).
        func end(_ index: Int) -> Int {
            var end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
            if end > starts[index], end - 1 < bytes.count, bytes[end - 1] == 13, index + 1 < starts.count { end -= 1 }
            return end
        }
        func content(_ index: Int) -> ArraySlice<UInt8> { bytes[starts[index]..<end(index)] }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#"), dash = UInt8(ascii: "-")
        let prefix = Array("events:".utf8)
        let whole = (head: text, eventsAt: Int?.none, items: [String]())
        guard let keyLine = starts.indices.first(where: { content($0).starts(with: prefix) }) else {
            (head, eventsAt, items) = whole
            return
        }
        let after = String(decoding: content(keyLine).dropFirst(prefix.count), as: UTF8.self)
        let value =
            after.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard value.isEmpty else {
            (head, eventsAt, items) = whole
            return
        }
        // The block: the lines after the key that are indented, comments, blank, or items at the margin.
        var indent: Int?
        var itemStarts: [Int] = []
        var lastContent: Int?
        var index = keyLine + 1
        while index < starts.count {
            let line = content(index)
            if let first = line.first, first != space, first != tab, first != hash, first != dash { break }
            let trimmed = line.drop { $0 == space || $0 == tab }
            if !trimmed.isEmpty, trimmed.first != hash {
                let width = line.count - trimmed.count
                if indent == nil { indent = width }
                if width == indent, trimmed.first == dash,
                    trimmed.count == 1 || [space, tab].contains(trimmed.dropFirst().first!)
                {
                    itemStarts.append(index)
                }
                lastContent = index
            }
            index += 1
        }
        guard let firstItem = itemStarts.first, let lastContent else {
            (head, eventsAt, items) = whole
            return
        }
        var cut: [String] = []
        for (position, start) in itemStarts.enumerated() {
            let stop = position + 1 < itemStarts.count ? end(itemStarts[position + 1] - 1) : end(lastContent)
            cut.append(String(decoding: bytes[starts[start]..<stop], as: UTF8.self))
        }
        let from = starts[firstItem]
        let to = end(lastContent)
        head = String(decoding: bytes[..<from] + bytes[to...], as: UTF8.self)
        eventsAt = from
        items = cut
        // Line ends mixed between the items: kept whole rather than changed.
        if joined != text { (head, eventsAt, items) = whole }
    }

    /// The items of `text` after those of `before`, where `text` is `before`'s text with `lines` (each `- ...` on
    /// one line, as the desk writes an act) appended after its last item at its items' indent, and nothing else
    /// changed: what ``init(splitting:)`` of `text` would give after `before`'s items, found by comparing the
    /// bytes of `before`'s head at both ends of `text` instead of cutting the whole text again (a log of 9,000
    /// events is 1.5 MB). Only `before`'s head, ``eventsAt`` and ``lineEnd`` are read.
    /// - Returns: the items, each the indent and its line; `nil` where `text` is not that (a source was added to
    ///   the head, the list had no items, a line spans lines), and the caller cuts the whole text.
    public static func items(appending lines: [String], to before: RecordText, in text: String) -> [String]? {
        guard let eventsAt = before.eventsAt, !lines.isEmpty,
            !lines.contains(where: { $0.utf8.contains(10) || $0.utf8.contains(13) })
        else { return nil }
        let head = Array(before.head.utf8)
        let lineEnd = Array(before.lineEnd.utf8)
        guard eventsAt <= head.count else { return nil }
        let found: [String]?? = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard bytes.count > head.count, bytes[..<eventsAt].elementsEqual(head[..<eventsAt]) else { return nil }
            // The first item's indent, where its line starts.
            var indentEnd = eventsAt
            while indentEnd < bytes.count, bytes[indentEnd] == UInt8(ascii: " ") { indentEnd += 1 }
            let indent = Array(bytes[eventsAt..<indentEnd])
            let items = lines.map { indent + Array($0.utf8) }
            var tail: [UInt8] = []
            for item in items { tail += lineEnd + item }
            tail += head[eventsAt...]
            // The first items (`before`'s) stay before the tail, not empty.
            guard bytes.count - eventsAt > tail.count, bytes.suffix(tail.count).elementsEqual(tail) else {
                return nil
            }
            return items.map { String(decoding: $0, as: UTF8.self) }
        }
        return found ?? nil
    }

    /// The file's text: the head with the items put back.
    public var joined: String {
        guard let eventsAt else { return head }
        let bytes = Array(head.utf8)
        let middle = items.joined(separator: lineEnd)
        return String(decoding: bytes[..<eventsAt], as: UTF8.self) + middle
            + String(decoding: bytes[eventsAt...], as: UTF8.self)
    }

    /// The `id` an item gives its event (`- {id: X, ...}` or `- id: X`), or `nil`.
    public static func eventID(of item: String) -> String? {
        let body = item.drop { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "{" }
        var candidates = [Substring(body)]
        for line in item.split(separator: "\n") { candidates.append(line.drop { $0 == " " || $0 == "\t" }) }
        guard let found = candidates.first(where: { $0.hasPrefix("id:") }) else {
            // A flow mapping whose id is not its first key.
            guard let range = item.range(of: ", id: ") ?? item.range(of: "{id: ") else { return nil }
            return value(item[range.upperBound...])
        }
        return value(found.dropFirst(3))
    }

    /// A scalar at the start of `text`, up to `,`, `}` or the line's end, without quotes.
    private static func value(_ text: Substring) -> String? {
        let trimmed = text.drop { $0 == " " }
        let raw = trimmed.prefix { $0 != "," && $0 != "}" && $0 != "\n" && $0 != "\r" && $0 != "#" }
            .trimmingCharacters(in: .whitespaces)
        let bare = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return bare.isEmpty ? nil : bare
    }
}
