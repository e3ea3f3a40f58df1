import ArgumentParser
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta explain ID --party X`: every computed date of a treaty for one State, in words.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain every computed date of a treaty, for the treaty and for one State.",
        discussion: """
            The article, the condition, the deposits that met it (all of them where several fell on \
            the same day), the arithmetic of the delay, the floor; then the State's own dates: its \
            signature, its consent, when the treaty entered into force for it and why, a withdrawal \
            and when it takes effect, its reservations and the responses to them.

            Examples:
              pacta explain ru-kp-2024-partnership --party PRK
              pacta explain north-atlantic-1949 --party FIN --on 2024-01-01
            """)

    @Argument(help: "The treaty: its id, an alias (NATO) or its title.")
    var id: String

    @Option(name: .long, help: ArgumentHelp("The State (ISO alpha-3) or organisation (org:<slug>).", valueName: "code"))
    var party: String?

    @OptionGroup var dates: DateOptions
    @OptionGroup var options: CorpusOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let questions = try options.questions(about: id)
        let corpus = questions.corpus
        let treaty = try options.treaty(id, in: questions)
        let code = try party.map { try questions.party($0, option: "--party") }
        let status = questions.status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn)
        if output.format == .json {
            // A State the log does not name still gets its row: status none, and why.
            let narrowed = questions.status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn, party: code)
            emit(try JSONOutput.string(StatusDocument(narrowed, names: { corpus.name(of: $0) })))
            return
        }
        var out = ["\(treaty.title()) (\(treaty.id)), on \(status.on): \(status.status.rawValue)", ""]
        out.append("The treaty:")
        out += status.explanation.map { "  " + $0 }
        if let code {
            out.append("")
            guard let state = status.state(code) else {
                out.append("\(code): no signature, consent or other act is recorded on or before \(status.on).")
                emitText(out.joined(separator: "\n"))
                return
            }
            out.append("\(corpus.name(of: code)) (\(code)): \(state.status.rawValue)")
            out += state.explanation.map { "  " + $0 }
            out += state.caveats.map { "  ! " + $0 }
            for reservation in status.reservations {
                if reservation.party == code {
                    out.append("  Its \(reservation.kind.rawValue) \(reservation.event) of \(reservation.date):")
                    out += reservation.responses.map { "    " + $0.explanation }
                } else if let response = reservation.responses.first(where: { $0.state == code }) {
                    out.append("  On \(reservation.party)'s reservation \(reservation.event): \(response.explanation)")
                }
            }
        } else {
            out.append("")
            out.append(
                "Add --party CODE for one State's dates (States named: \(status.states.map(\.code.rawValue).joined(separator: ", ")))."
            )
        }
        // For one State: the treaty's own caveats, not those of other States' rows (its own are shown above).
        var caveats = status.caveats
        if code != nil {
            let rows = Set(status.states.flatMap(\.caveats))
            caveats.removeAll { rows.contains($0) }
        }
        if !caveats.isEmpty {
            out.append("")
            out += caveats.map { "! " + $0 }
        }
        emitText(out.joined(separator: "\n"))
    }
}
