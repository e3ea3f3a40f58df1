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

    func run() throws {
        let corpus = try options.load()
        let engine = Lifecycle(corpus: corpus)
        let rows = corpus.treaties.map { treaty in
            TreatySummaryDocument(
                treaty, engine.status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn, explain: false))
        }
        switch options.format {
        case .json:
            emit(try JSONOutput.string(rows))
        case .text:
            var table = TextTable(["Treaty", "Kind", "Status", "In force", "Ends", "Parties", "Title"])
            for row in rows {
                table.add([
                    row.id, row.kind, row.status + (row.record == "complete" ? "" : " *"), row.entryIntoForce ?? "-",
                    row.termination ?? "-", String(row.parties), row.displayTitle,
                ])
            }
            var text = "Treaties on \(dates.date) (\(rows.count)):\n\n" + table.render()
            let partial = rows.filter { $0.record != "complete" }.map(\.id)
            if !partial.isEmpty {
                text +=
                    "\n\n* The record of \(partial.joined(separator: ", ")) is incomplete or unconfirmed: see 'pacta status ID'."
            }
            emitText(text)
        }
    }
}
