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
        let rows = try entries().map(TreatySummaryDocument.init)
        switch output.format {
        case .json:
            emit(try TreatySummaryDocument.json(rows))
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

    /// Every treaty's line on the date: from the index's list steps where the index is fresh (no treaty decoded
    /// but those the engine computes), else from the whole corpus. `--as-known-on` reads the whole corpus: the
    /// steps hold what every recorded event fixes, not what was known on a date.
    func entries() throws -> [ListEntry] {
        let index: CorpusOptions.FreshIndex?
        if dates.asKnownOn == nil {
            switch options.storedList(on: dates.date) {
            case .success(let entries): return entries
            case .failure(let none): index = none.index
            }
        } else {
            index = options.freshIndex()
            if index != nil {
                note(
                    "--as-known-on counts only the events recorded by then, which the index's list rows do not tell apart: every treaty is read from the index and computed."
                )
            }
        }
        return try options.questions(index: index).listEntries(on: dates.date, asKnownOn: dates.asKnownOn)
    }
}
