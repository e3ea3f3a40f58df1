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

    public init(_ date: Lifecycle.UpcomingDate) {
        treaty = date.treaty
        entry = TimelineEntryDocument(date.entry)
        explanation = date.entry.explanation
    }
}
