import ArgumentParser
import PactaCore
import PactaFormats

/// `pacta list`: every treaty of the corpus and its status on a date.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The treaties of the corpus and their status on a date.",
        discussion: """
            Examples:
              pacta list
              pacta list --on 1993-01-01 --format json
            """)

    @OptionGroup var dates: DateOptions
    @OptionGroup var options: CorpusOptions

    struct Row: Encodable {
        let id: String
        let title: String
        let kind: String
        let status: String
        let entryIntoForce: String?
        let termination: String?
        let parties: Int
        let record: String
        enum CodingKeys: String, CodingKey {
            case id, title, kind, status
            case entryIntoForce = "entry-into-force"
            case termination, parties, record
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(entryIntoForce, forKey: .entryIntoForce)
            try container.encode(termination, forKey: .termination)
            try container.encode(parties, forKey: .parties)
            try container.encode(record, forKey: .record)
        }
    }

    func run() throws {
        let corpus = try options.load()
        let engine = Lifecycle(corpus: corpus)
        let rows = corpus.treaties.map { treaty -> Row in
            let status = engine.status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn, explain: false)
            return Row(
                id: treaty.id, title: treaty.displayTitle, kind: treaty.kind.rawValue, status: status.status.rawValue,
                entryIntoForce: status.entryIntoForce?.description, termination: status.termination?.description,
                parties: status.states.filter { $0.status == .party }.count, record: treaty.record.rawValue)
        }
        switch options.format {
        case .json:
            emit(try JSONOutput.string(rows))
        case .text:
            var table = TextTable(["Treaty", "Kind", "Status", "In force", "Ends", "Parties", "Title"])
            for row in rows {
                table.add([
                    row.id, row.kind, row.status, row.entryIntoForce ?? "-", row.termination ?? "-",
                    String(row.parties),
                    row.title,
                ])
            }
            var text = "Treaties on \(dates.date) (\(rows.count)):\n\n" + table.render()
            let partial = rows.filter { $0.record != "complete" }.map(\.id)
            if !partial.isEmpty {
                text +=
                    "\n\n* The record of \(partial.joined(separator: ", ")) is incomplete or unconfirmed: see 'pacta status ID'."
            }
            emit(text)
        }
    }
}
