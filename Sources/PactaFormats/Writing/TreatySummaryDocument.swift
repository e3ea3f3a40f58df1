import PactaCore

/// One treaty and its status on a date, as `pacta list --format json` prints it and `GET /api/v1/treaties` returns it.
public struct TreatySummaryDocument: Encodable, Sendable {
    public let id: String
    public let title: String
    public let shortTitle: String?
    public let kind: String
    public let status: String
    public let entryIntoForce: String?
    public let termination: String?
    public let parties: Int
    /// How complete the treaty's record is: `complete`, `partial`, `unconfirmed`.
    public let record: String
    enum CodingKeys: String, CodingKey {
        case id, title
        case shortTitle = "short-title"
        case kind, status
        case entryIntoForce = "entry-into-force"
        case termination, parties, record
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(shortTitle, forKey: .shortTitle)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(entryIntoForce, forKey: .entryIntoForce)
        try c.encode(termination, forKey: .termination)
        try c.encode(parties, forKey: .parties)
        try c.encode(record, forKey: .record)
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
    }

    /// The short title where there is one, else the title: what a table shows.
    public var displayTitle: String { shortTitle ?? title }
}

/// A treaty's timeline, as `pacta timeline --format json` prints it and `GET /api/v1/treaties/{id}/timeline`
/// returns it: the treaty, its note on the record, and the entries.
public struct TimelineDocument: Encodable, Sendable {
    let treaty: String
    let note: String?
    let entries: [TimelineEntryDocument]
    enum CodingKeys: String, CodingKey { case treaty, note, entries }

    public init(treaty: Treaty, entries: [TimelineEntry]) {
        self.treaty = treaty.id
        self.note = treaty.note
        self.entries = entries.map(TimelineEntryDocument.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treaty, forKey: .treaty)
        try container.encode(note, forKey: .note)
        try container.encode(entries, forKey: .entries)
    }
}
