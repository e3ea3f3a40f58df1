import Logging
import PactaCore
import PostgresNIO

/// The writes of a batch of acts as one SQL statement: the write log's rows, the new event rows, the treaty's new
/// head and version, and the notice to the other servers, each a part (a data-modifying `WITH` query) of one
/// statement, so that a batch costs the database one round trip where it cost one per table (each about a
/// millisecond of a batch's dozen). Each part is optional; an import appends event rows and the head alone.
struct RecordWrites {
    /// A row of `write_log`: who, what, and how it ended (an HTTP status, and the reason of a refusal).
    struct Logged {
        var user: String
        var type: String
        var event: String?
        var outcome: Int
        var reason: String?
    }

    /// The treaty written.
    var treaty: String
    var logged: [Logged] = []
    /// Event items appended from position `start` on, with the event each gives (its id, `recorded` and
    /// `recorded-by` fill the row's columns), where known.
    var events: (start: Int, items: [String], found: [Event?])? = nil
    /// The treaty's new head (``RecordText/head``, ``RecordText/eventsAt``, ``RecordText/lineEnd``; its items are
    /// not read), version and number of event rows.
    var head: (text: RecordText, version: String, count: Int)? = nil
    /// Whether the other servers are told (``PostgresRecord/channel``, with the treaty's id).
    var notify = false

    /// Event rows for `items` from position `start`, each filled from the event of `events` with the item's id.
    mutating func append(_ items: [String], from start: Int, events: LogArray<Event>) {
        let byID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.events = (start, items, items.map { RecordText.eventID(of: $0).flatMap { byID[$0] } })
    }

    /// The statement, or `nil` where there is nothing to write. An empty string stands for NULL in the arrays
    /// (no event id, reason, date or user is empty).
    var query: PostgresQuery? {
        var sql = PostgresQuery.StringInterpolation(literalCapacity: 1_024, interpolationCount: 24)
        var parts = 0
        func part(_ name: String) {
            sql.appendLiteral(parts == 0 ? "WITH \(name) AS (" : "), \(name) AS (")
            parts += 1
        }
        if !logged.isEmpty {
            part("logged")
            sql.appendLiteral("INSERT INTO write_log (user_name, treaty, type, event, outcome, reason) SELECT row.u, ")
            sql.appendInterpolation(treaty)
            sql.appendLiteral(", row.t, NULLIF(row.e, ''), row.o, NULLIF(row.r, '') FROM unnest(")
            sql.appendInterpolation(logged.map(\.user))
            sql.appendLiteral("::text[], ")
            sql.appendInterpolation(logged.map(\.type))
            sql.appendLiteral("::text[], ")
            sql.appendInterpolation(logged.map { $0.event ?? "" })
            sql.appendLiteral("::text[], ")
            sql.appendInterpolation(logged.map(\.outcome))
            sql.appendLiteral("::int8[], ")
            sql.appendInterpolation(logged.map { $0.reason ?? "" })
            sql.appendLiteral("::text[]) AS row(u, t, e, o, r)")
        }
        if let events, !events.items.isEmpty {
            part("appended")
            sql.appendLiteral("INSERT INTO event (treaty, position, id, item, recorded, recorded_by) SELECT ")
            sql.appendInterpolation(treaty)
            sql.appendLiteral(
                ", row.p, NULLIF(row.i, ''), row.item, NULLIF(row.d, '')::date, NULLIF(row.b, '') FROM unnest(")
            sql.appendInterpolation(Array(events.start..<events.start + events.items.count))
            sql.appendLiteral("::int8[], ")
            sql.appendInterpolation(events.found.map { $0?.id ?? "" })
            sql.appendLiteral("::text[], ")
            sql.appendInterpolation(events.items)
            sql.appendLiteral("::text[], ")
            sql.appendInterpolation(events.found.map { $0?.recorded?.description ?? "" })
            sql.appendLiteral("::text[], ")
            sql.appendInterpolation(events.found.map { $0?.recordedBy ?? "" })
            sql.appendLiteral("::text[]) AS row(p, i, item, d, b)")
        }
        if let head {
            part("headed")
            sql.appendLiteral("UPDATE treaty SET head = ")
            sql.appendInterpolation(head.text.head)
            sql.appendLiteral(", events_at = ")
            sql.appendInterpolation(head.text.eventsAt)
            sql.appendLiteral(", line_end = ")
            sql.appendInterpolation(head.text.lineEnd)
            sql.appendLiteral(", version = ")
            sql.appendInterpolation(head.version)
            sql.appendLiteral(", event_count = ")
            sql.appendInterpolation(head.count)
            sql.appendLiteral(", updated = now() WHERE id = ")
            sql.appendInterpolation(treaty)
        }
        guard parts > 0 else { return nil }
        sql.appendLiteral(") SELECT ")
        if notify {
            sql.appendLiteral("pg_notify(")
            sql.appendInterpolation(PostgresRecord.channel)
            sql.appendLiteral(", ")
            sql.appendInterpolation(treaty)
            sql.appendLiteral(")")
        } else {
            sql.appendLiteral("1")
        }
        return PostgresQuery(stringInterpolation: sql)
    }

    /// Runs the statement on `connection` (in the caller's transaction), where there is anything to write.
    func run(on connection: PostgresConnection, logger: Logger) async throws {
        guard let query else { return }
        try await connection.query(query, logger: logger)
    }
}
