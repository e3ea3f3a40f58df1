import ArgumentParser
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta timeline ID`: recorded events and computed dates in one list.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Every event of a treaty and every date computed from its rules, in one list.",
        discussion: """
            Recorded events (signature, domestic steps, consents, exchange, invocations ...) are marked \
            'recorded'; dates the engine derives from the rules (entry into force, for the treaty and \
            for each State, withdrawals taking effect, renewals, expiry) are marked 'computed'. Notes \
            on disputed facts are shown under the event they concern.

            Examples:
              pacta timeline ru-kp-2024-partnership
              pacta timeline su-kp-1961-friendship --format json
            """)

    @Argument(help: "The treaty: its id, an alias (NATO) or its title.")
    var id: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "List computed renewals up to this date, and the first after it (the next to watch). Default: today.",
            valueName: "date"),
        transform: CalendarDate.argument)
    var through: CalendarDate?

    @OptionGroup var options: CorpusOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let questions = try options.questions(about: id)
        let treaty = try options.treaty(id, in: questions)
        let entries = questions.timeline(of: treaty, through: through ?? Today.date)
        switch output.format {
        case .json:
            emit(try JSONOutput.string(TimelineDocument(treaty: treaty, entries: entries)))
        case .text:
            var out = [treaty.title(), treaty.id, ""]
            var table = TextTable(["Date", "Origin", "Type", "What"])
            // Notes go under their row, indented under the date.
            let indent = String(repeating: " ", count: 12)
            for entry in entries {
                table.add([
                    entry.date.description, entry.origin.rawValue, entry.type,
                    Terminal.oneLine(entry.summary)
                        + (entry.note.map { "\n" + indent + "note: " + Terminal.oneLine($0) } ?? ""),
                ])
            }
            out.append(table.render())
            if let note = treaty.note {
                out.append("")
                out.append("Note on the record: " + note)
            }
            emitText(out.joined(separator: "\n"))
        }
    }
}
