import ArgumentParser
import PactaCore
import PactaFormats

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

    @Argument(help: "The treaty's id.")
    var id: String

    @Option(name: .long, help: ArgumentHelp("The State (ISO alpha-3) or organisation (org:<slug>).", valueName: "code"))
    var party: String?

    @OptionGroup var dates: DateOptions
    @OptionGroup var options: CorpusOptions

    /// `--party` as a code: upper case, except an organisation's `org:<slug>`.
    var code: PartyCode? { party.map { PartyCode($0.hasPrefix("org:") ? $0 : $0.uppercased()) } }

    func validate() throws {
        if let party, let code {
            guard code.isOrganisation || PartyCodeTable.country(code) != nil else {
                throw ValidationError(
                    "--party: unknown party code '\(party)'; expected an ISO 3166-1 alpha-3 code (RUS, PRK ...), a former ISO 3166-3 code (SUN ...), or org:<slug>."
                        + (PartyCodeTable.suggestion(for: party).map { " Did you mean \($0.code) (\($0.name))?" } ?? "")
                )
            }
        }
    }

    func run() throws {
        let (corpus, faulty) = try options.loadNotingFaults()
        let treaty = try options.treaty(id, in: corpus)
        if let party, let code, code.isOrganisation, corpus.entities[code] == nil {
            let known = corpus.entities.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw CLIError(
                "--party: the organisation '\(party)' is not declared in the corpus's entities.yaml (declared: \(known.isEmpty ? "none" : known))."
            )
        }
        var status = Lifecycle(corpus: corpus).status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn)
        if faulty.contains(treaty.id) { status.caveats.insert(CorpusOptions.faultyFileCaveat(treaty.id), at: 0) }
        if options.format == .json {
            var narrowed = status
            if let code {
                // A State the log does not name still gets its row: status none, and why.
                narrowed.states = [status.state(code) ?? .uninvolved(code, on: status.on)]
            }
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
