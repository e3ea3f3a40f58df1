import PactaCore
import PactaFormats

extension FieldValue: Encodable {
    /// A scalar as a JSON string, a list as an array, a mapping as an object (keys in order).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .scalar(let text), .text(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .list(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .mapping(let fields):
            var container = encoder.container(keyedBy: FieldKey.self)
            for field in fields { try container.encode(field.value, forKey: FieldKey(field.key)) }
        }
    }
}

/// A coding key made of any text.
struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ text: String) { stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// What `pacta record --format json` prints and `POST /api/v1/treaties/{id}/events` answers: the event as stored
/// (the spec's keys), the file and its new version, the changes in words, and the status before and after.
public struct RecordingDocument: Encodable, Hashable, Sendable {
    let event: FieldValue
    let file: String
    let version: String
    let on: String
    let changes: [String]
    let statusBefore: StatusDocument?
    let statusAfter: StatusDocument

    enum CodingKeys: String, CodingKey {
        case event, file, version, on, changes
        case statusBefore = "status-before"
        case statusAfter = "status-after"
    }

    /// - Parameters:
    ///   - names: a party's name for the status documents.
    ///   - brief: the API's answer: no status before, and in the status after only the rows of the States the event
    ///     names (all rows where it names none); the whole table is at `GET .../status`. The CLI prints both
    ///     statuses whole.
    public init(_ recording: Recording, names: (PartyCode) -> String, brief: Bool = false) {
        event = .mapping(recording.fields)
        file = recording.file
        version = recording.version
        on = recording.on.description
        changes = recording.changes
        statusBefore = brief ? nil : StatusDocument(recording.statusBefore, names: names)
        var after = recording.statusAfter
        let named = Set(recording.event.parties)
        if brief, !named.isEmpty { after.states = after.states.filter { named.contains($0.code) } }
        statusAfter = StatusDocument(after, names: names)
    }
}
