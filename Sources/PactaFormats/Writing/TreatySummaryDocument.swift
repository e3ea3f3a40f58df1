import Foundation
import PactaCore

/// One treaty and its status on a date, as `pacta list --format json` prints it and `GET /api/v1/treaties` returns it.
public struct TreatySummaryDocument: Encodable, Hashable, Sendable {
    public let id: String
    public let title: String
    @Nullable public var shortTitle: String?
    public let kind: String
    public let status: String
    @Nullable public var entryIntoForce: String?
    @Nullable public var termination: String?
    public let parties: Int
    /// How complete the treaty's record is: `complete`, `partial`, `unconfirmed`.
    public let record: String
    /// The status's caveats: what the record lacks, where the date comes from (Pacta addition).
    public let caveats: [String]
    enum CodingKeys: String, CodingKey {
        case id, title
        case shortTitle = "short-title"
        case kind, status
        case entryIntoForce = "entry-into-force"
        case termination, parties, record, caveats
    }

    public init(_ treaty: Treaty, _ status: TreatyStatus) {
        id = treaty.id
        title = treaty.title()
        shortTitle = treaty.shortTitles["en"]
        kind = treaty.kind.rawValue
        self.status = status.status.rawValue
        entryIntoForce = status.entryIntoForce?.description
        termination = status.termination?.description
        parties = status.states.filter { $0.status == .party }.count
        record = treaty.record.rawValue
        caveats = status.caveats
    }

    /// The line of a list (``ListEntry``): the same document as from the treaty and its status.
    public init(_ entry: ListEntry) {
        id = entry.id
        title = entry.title
        shortTitle = entry.shortTitle
        kind = entry.kind.rawValue
        status = entry.row.status.rawValue
        entryIntoForce = entry.row.entryIntoForce?.description
        termination = entry.row.termination?.description
        parties = entry.row.parties
        record = entry.record.rawValue
        caveats = entry.row.caveats
    }

    /// The short title where there is one, else the title: what a table shows.
    public var displayTitle: String { shortTitle ?? title }
}

/// A treaty's timeline, as `pacta timeline --format json` prints it and `GET /api/v1/treaties/{id}/timeline`
/// returns it: the treaty, its note on the record, and the entries.
public struct TimelineDocument: Encodable, Hashable, Sendable {
    let treaty: String
    @Nullable var note: String?
    let entries: [TimelineEntryDocument]
    enum CodingKeys: String, CodingKey { case treaty, note, entries }

    public init(treaty: Treaty, entries: [TimelineEntry]) {
        self.treaty = treaty.id
        self.note = treaty.note
        self.entries = entries.map(TimelineEntryDocument.init)
    }
}

/// One computed date of the depositary's calendar, as `pacta upcoming --format json` prints it and
/// `GET /api/v1/upcoming` returns it: the treaty, the entry, and the entry's explanation.
public struct UpcomingDocument: Encodable, Hashable, Sendable {
    let treaty: String
    let entry: TimelineEntryDocument
    let explanation: [String]
    /// Where the treaty's record is incomplete or unconfirmed, what that means for this date; absent otherwise.
    let recordCaveat: String?

    enum CodingKeys: String, CodingKey {
        case treaty, entry, explanation
        case recordCaveat = "record-caveat"
    }

    /// - Parameter caveat: the sentence for a date computed from an incomplete or unconfirmed record.
    public init(_ date: Lifecycle.UpcomingDate, caveat: String? = nil) {
        treaty = date.treaty
        entry = TimelineEntryDocument(date.entry)
        explanation = date.entry.explanation
        recordCaveat = caveat
    }
}

extension TreatySummaryDocument {
    /// `rows` as ``JSONOutput/string(_:)`` writes them (pretty-printed, keys sorted, `/` unescaped), byte for
    /// byte, written directly: through `JSONEncoder`, 250,000 rows took longer than computing them. A string
    /// with a character JSON escapes (a quotation mark, a backslash, a control character, U+007F, U+2028 or
    /// U+2029) is written by `JSONEncoder` itself.
    /// - Throws: `EncodingError`, as `JSONEncoder` (not expected).
    public static func json(_ rows: [TreatySummaryDocument]) throws -> String {
        String(decoding: try jsonBytes(rows), as: UTF8.self)
    }

    /// ``json(_:)``'s UTF-8 bytes, as written, for a caller that writes them out as they are (90 MB at 250,000
    /// rows: made into a `String`, they are checked and copied once more).
    /// - Throws: `EncodingError`, as `JSONEncoder` (not expected).
    public static func jsonBytes(_ rows: [TreatySummaryDocument]) throws -> [UInt8] {
        guard !rows.isEmpty else { return Array(try JSONOutput.string(rows).utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 360)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func string(_ text: String) throws {
            var plain = true
            for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 {
                plain = false
                break
            }
            if plain {
                out.append(0x22)
                out += text.utf8
                out.append(0x22)
            } else {
                out += try encoder.encode(text)
            }
        }
        func key(_ name: StaticString) {
            out += "    \"".utf8
            name.withUTF8Buffer { out += $0 }
            out += "\" : ".utf8
        }
        func optional(_ text: String?) throws {
            if let text { try string(text) } else { out += "null".utf8 }
        }
        out += "[\n".utf8
        for (position, row) in rows.enumerated() {
            out += "  {\n".utf8
            key("caveats")
            if row.caveats.isEmpty {
                out += "[\n\n    ],\n".utf8
            } else {
                out += "[\n".utf8
                for (index, caveat) in row.caveats.enumerated() {
                    out += "      ".utf8
                    try string(caveat)
                    out += (index + 1 < row.caveats.count ? ",\n" : "\n").utf8
                }
                out += "    ],\n".utf8
            }
            key("entry-into-force")
            try optional(row.entryIntoForce)
            out += ",\n".utf8
            key("id")
            try string(row.id)
            out += ",\n".utf8
            key("kind")
            try string(row.kind)
            out += ",\n".utf8
            key("parties")
            out += String(row.parties).utf8
            out += ",\n".utf8
            key("record")
            try string(row.record)
            out += ",\n".utf8
            key("short-title")
            try optional(row.shortTitle)
            out += ",\n".utf8
            key("status")
            try string(row.status)
            out += ",\n".utf8
            key("termination")
            try optional(row.termination)
            out += ",\n".utf8
            key("title")
            try string(row.title)
            out += (position + 1 < rows.count ? "\n  },\n" : "\n  }\n").utf8
        }
        out += "]".utf8
        return out
    }
}
