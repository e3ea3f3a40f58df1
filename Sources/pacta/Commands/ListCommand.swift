import ArgumentParser
import PactaCore
import PactaFormats
import PactaQuestions

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
    @OptionGroup var output: OutputOptions

    func run() throws {
        let questions = try options.questions()
        let rows = questions.list(on: dates.date, asKnownOn: dates.asKnownOn).map { TreatySummaryDocument($0, $1) }
        switch output.format {
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
            let adopted = rows.filter { $0.status != TreatyStatus.Value.notAdopted.rawValue }.count
            var text =
                "Treaties on \(dates.date): \(rows.count) in the corpus"
                + (adopted == rows.count ? "" : ", \(rows.count - adopted) not yet adopted then") + "\n\n"
                + table.render()
            let partial = rows.filter { $0.record != "complete" }.map(\.id)
            if !partial.isEmpty {
                text +=
                    "\n\n* The record of \(partial.joined(separator: ", ")) is incomplete or unconfirmed: see 'pacta status ID'."
            }
            emitText(text)
        }
    }
}
