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
        switch try options.storedList(on: dates.date, asKnownOn: dates.asKnownOn, render: rendered) {
        case .success(let bytes): emit(bytes: bytes)
        case .failure(let none): emit(bytes: try rendered(try entries(index: none.index)))
        }
    }

    /// The output as printed, as UTF-8 bytes: JSON, or the text table with its heading and notes, wrapped to the
    /// terminal.
    func rendered(_ entries: [ListEntry]) throws -> [UInt8] {
        let rows = entries.map(TreatySummaryDocument.init)
        switch output.format {
        case .json:
            return try TreatySummaryDocument.jsonBytes(rows)
        case .text:
            return Array(table(rows).utf8)
        }
    }

    /// The text table of `rows`, with its heading and notes, wrapped to the terminal.
    private func table(_ rows: [TreatySummaryDocument]) -> String {
        var table = TextTable(["Treaty", "Kind", "Status", "In force", "Ends", "Parties", "Title"])
        for row in rows {
            table.add([
                row.id, row.kind, row.status + (row.record == "complete" ? "" : " *"), row.entryIntoForce ?? "-",
                row.termination ?? "-", String(row.parties), row.displayTitle,
            ])
        }
        let adopted = rows.filter { $0.status != TreatyStatus.Value.notAdopted.rawValue }.count
        // The table folds its own rows: only the heading and the note are wrapped.
        var text =
            Terminal.wrap(
                "Treaties on \(dates.date): \(rows.count) in the corpus"
                    + (adopted == rows.count ? "" : ", \(rows.count - adopted) not yet adopted then")) + "\n\n"
        text += table.render()
        let partial = rows.filter { $0.record != "complete" }.map(\.id)
        if !partial.isEmpty {
            text += "\n\n"
            text += Terminal.wrap(
                "* The record of \(partial.joined(separator: ", ")) is incomplete or unconfirmed: see 'pacta status ID'."
            )
        }
        return text
    }

    /// Every treaty's line on the date computed by the engine over the whole corpus (from `index` where given,
    /// else from the files): what is printed where the index's list steps cannot be read, or would leave most
    /// treaties to compute.
    func entries(index: CorpusOptions.FreshIndex?) throws -> [ListEntry] {
        try options.questions(index: index).listEntries(on: dates.date, asKnownOn: dates.asKnownOn)
    }
}
