import ArgumentParser
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta upcoming`: the depositary's calendar of computed dates across the corpus.
struct UpcomingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upcoming",
        abstract: "Computed dates still to come across the corpus: the depositary's calendar.",
        discussion: """
            Entry into force of a treaty or for a State, a withdrawal taking effect, the end of the \
            twelve months for objections to a reservation (VCLT art. 20(5)), a renewal and the last \
            day to give notice before it, a term's expiry. Each comes with its derivation.

            --format ics writes an iCalendar file (RFC 5545) that a calendar program can subscribe to.

            Examples:
              pacta upcoming
              pacta upcoming --from 2026-01-01 --days 365
              pacta upcoming --days 730 --format ics > treaties.ics
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, ics
    }

    @Option(
        name: .long, help: ArgumentHelp("The first date. Default: today.", valueName: "date"),
        transform: CalendarDate.argument)
    var from: CalendarDate?

    // Unconditional: '--days -5' reaches the range check, not "missing value".
    @Option(name: .long, parsing: .unconditional, help: "How many days ahead, from --from.")
    var days: Int = 365

    @OptionGroup var options: CorpusOptions

    @Option(name: .long, help: "Output: text, json, or ics (iCalendar).")
    var format: Format = .text

    func validate() throws {
        guard (0...36_600).contains(days) else {
            throw ValidationError("--days must be from 0 to 36600 (a century), not \(days).")
        }
    }

    /// What an empty window says on standard error: no computed date in it, and the nearest ones outside it.
    static func nothingBetween(_ start: CalendarDate, _ end: CalendarDate, days: Int, calendar: Questions.Calendar)
        -> String
    {
        var text = "no computed dates in the \(days) days from \(start) to \(end)"
        if let before = calendar.before {
            text += "; the latest before is \(before.entry.date) (\(before.treaty): \(before.entry.summary))"
        }
        if let after = calendar.after {
            text += "; the next after is \(after.entry.date) (\(after.treaty): \(after.entry.summary))"
        }
        return text
    }

    func run() throws {
        let start = from ?? Today.date
        let end = start.adding(days: days)
        let questions = try options.calendarQuestions(from: start, through: end)
        let loaded = questions.corpus
        let calendar = questions.upcoming(from: start, through: end)
        let dates = calendar.dates
        if dates.isEmpty { warn(Self.nothingBetween(start, end, days: days, calendar: calendar)) }
        let title = { (id: String) in loaded[id]?.displayTitle ?? id }
        // Dates computed from an incomplete or unconfirmed record say so.
        let caveat = { (id: String) -> String? in questions.recordCaveat(id) }
        switch format {
        case .ics:
            emit(ICalendar.document(dates, title: title, stamp: Today.date, caveat: caveat))
        case .json:
            emit(try JSONOutput.string(dates.map { UpcomingDocument($0, caveat: caveat($0.treaty)) }))
        case .text:
            var out = ["Computed dates from \(start) to \(end) (\(dates.count)):", ""]
            var table = TextTable(["Date", "Treaty", "What"])
            for item in dates {
                let mark = caveat(item.treaty) == nil ? "" : " *"
                table.add([item.entry.date.description, item.treaty + mark, item.entry.summary])
            }
            out.append(dates.isEmpty ? "(none)" : table.render())
            let marked = Set(dates.map(\.treaty).filter { caveat($0) != nil }).sorted()
            if !marked.isEmpty {
                out += [
                    "",
                    "* The record of \(marked.joined(separator: ", ")) is incomplete or unconfirmed: see 'pacta status ID'.",
                ]
            }
            emitText(out.joined(separator: "\n"))
        }
    }
}
