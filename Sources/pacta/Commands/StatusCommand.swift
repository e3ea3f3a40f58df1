import ArgumentParser
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta status ID`: the treaty's status and every State's on a date, with the derivation.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The status of a treaty and of each State on a date, and why.",
        discussion: """
            Treaty status: not-adopted, not-in-force, in-force or terminated. State status: none, \
            signatory, contracting-state (consented, not yet in force for it), party, withdrawn, or \
            ceased (the State ceased to exist: the USSR from 1991-12-25). \
            A State that has notified withdrawal stays a party until the date it takes effect. Every \
            date comes with its derivation: the article, the events, the arithmetic.

            Only events dated on or before --on count; dates that follow from them (entry into force \
            after a delay, a withdrawal taking effect) are shown even where they lie after it.

            JSON (--format json) has the keys of the treaty-format spec: treaty, on, status, \
            entry-into-force, explanation, states[] with code, status, entry-into-force, signature, \
            consent {form, date}, withdrawal {notified, effective}, explanation.

            Examples:
              pacta status ru-kp-2024-partnership --on 2024-11-20
              pacta status north-atlantic-1949 --party FIN --on 2023-04-04
              pacta status su-kp-1961-friendship --on 1993-01-01 --format json
            """)

    @Argument(
        help: "The treaty: its id (ru-kp-2024-partnership), an alias (NATO) or its title; 'pacta list' shows them.")
    var id: String

    @OptionGroup var dates: DateOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Show only this State or organisation (ISO alpha-3 code, or org:<slug>).", valueName: "code")
    )
    var party: String?

    @OptionGroup var options: CorpusOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let questions = try options.questions(about: id)
        let corpus = questions.corpus
        let treaty = try options.treaty(id, in: questions)
        let code = try party.map { try questions.party($0, option: "--party") }
        let allStates = questions.status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn).states
        let status = questions.status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn, party: code)
        switch output.format {
        case .json:
            emit(try JSONOutput.string(StatusDocument(status, names: { corpus.name(of: $0) })))
        case .text:
            emitText(
                StatusText.render(
                    status, treaty: treaty, corpus: corpus, detailed: treaty.kind == .bilateral || party != nil,
                    allStates: allStates))
        }
    }
}

/// The text form of a status.
enum StatusText {
    /// A bilateral treaty: both States with every date.
    static func stateTable(_ status: TreatyStatus, corpus: Corpus) -> String {
        var table = TextTable(["State", "Name", "Status", "In force for it", "Signature", "Consent", "Withdrawal"])
        for state in status.states {
            let consent =
                state.consent.map { "\($0.form == .unrecorded ? "documented" : $0.form.rawValue) \($0.date)" } ?? "-"
            table.add([
                state.code.rawValue, corpus.name(of: state.code), statusCell(state, status),
                state.entryIntoForce?.description ?? "-", state.signature?.description ?? "-", consent,
                withdrawal(state),
            ])
        }
        return table.render()
    }

    /// A multilateral treaty, as the UN Treaty Collection prints a status table: participants by name, the
    /// consent's form marked (a) accession, (A) acceptance, (AA) approval, (d) succession, (s) definitive signature,
    /// with footnote marks for reservations [r], State successions [succ] and corrected records [*].
    static func participantTable(_ status: TreatyStatus, corpus: Corpus) -> String {
        var table = TextTable(["Participant", "Signature", "Consent", "In force for it", "Status", "Withdrawal"])
        let corrected = Set(status.corrections.keys)
        for state in status.states.sorted(by: { corpus.name(of: $0.code) < corpus.name(of: $1.code) }) {
            var marks = ""
            if !state.reservations.isEmpty { marks += " [r]" }
            if state.continues != nil || state.consent?.form == .succession { marks += " [succ]" }
            if let event = state.consent?.event, corrected.contains(event) { marks += " [*]" }
            let consent = state.consent.map { "\($0.date)\(marker($0.form))" } ?? "-"
            table.add([
                "\(corpus.name(of: state.code)) (\(state.code))\(marks)", state.signature?.description ?? "-", consent,
                state.entryIntoForce?.description ?? "-", statusCell(state, status), withdrawal(state),
            ])
        }
        return table.render()
            + "\n\nConsent: ratification unmarked; a accession, A acceptance, AA approval, d succession, s definitive signature, c formal confirmation. [r] reservation or declaration, [succ] State succession (continuation or notification), [*] corrected record."
    }

    /// A State's status as the table shows it: its value, and for a State bound until the treaty ended (status
    /// `none` once it has, VCLT art. 70(1)(a)) the date it was bound until, so that a date in force beside "none"
    /// is not read as a contradiction.
    static func statusCell(_ state: StateStatus, _ status: TreatyStatus) -> String {
        state.shown(treaty: status.status, termination: status.termination)
    }

    static func marker(_ form: Event.ConsentForm) -> String {
        switch form {
        case .ratification: ""
        case .accession: " a"
        case .acceptance: " A"
        case .approval: " AA"
        case .succession: " d"
        case .definitiveSignature: " s"
        case .formalConfirmation: " c"
        case .admission: " (admission)"
        case .unrecorded: " (documented)"
        }
    }

    static func withdrawal(_ state: StateStatus) -> String {
        state.withdrawal.map { w in
            "notified \(w.notified)" + (w.effective.map { ", effective \($0)" } ?? ", no effect")
        } ?? "-"
    }

    static func render(
        _ status: TreatyStatus, treaty: Treaty, corpus: Corpus, detailed: Bool, allStates: [StateStatus]? = nil
    ) -> String {
        var out: [String] = []
        out.append(treaty.title())
        let adopted = treaty.adoptionVerb
        let place = treaty.adopted.place.map { " at \($0)" } ?? ""
        out.append("\(treaty.id) · \(treaty.kind.rawValue) · \(adopted) \(treaty.adopted.date)\(place)")
        out.append("")
        var headline = "Status on \(status.on): \(status.status.rawValue)"
        switch status.status {
        case .inForce: headline += status.entryIntoForce.map { " since \($0)" } ?? ""
        case .notInForce: headline += status.entryIntoForce.map { " (enters into force on \($0))" } ?? ""
        case .terminated: headline += status.termination.map { " since \($0)" } ?? ""
        case .notAdopted: break
        }
        if let known = status.asKnownOn { headline += " (as known on \(known))" }
        out.append(headline)
        if treaty.kind == .multilateral {
            let everyone = allStates ?? status.states
            let count = { (value: StateStatus.Value) in everyone.filter { $0.status == value }.count }
            // States that exist on the date: a continuator's row carries its predecessor's signature, and a
            // State that ceased is no longer counted (as the depositary's tables count).
            let signed = everyone.filter { $0.signature != nil && $0.ceased == nil }.count
            let ceased = count(.ceased)
            out.append(
                "Signed by \(signed) · signatories only: \(count(.signatory)) · contracting States: \(count(.contractingState)) · parties: \(count(.party)) · withdrawn: \(count(.withdrawn))"
                    + (ceased > 0 ? " · ceased: \(ceased)" : "")
            )
        }
        out.append("")
        out.append("Why:")
        out += status.explanation.map { "  " + $0 }
        for part in status.partialEntryIntoForce {
            out.append("")
            let state: String
            switch (part.inForce, part.entryIntoForce) {
            case (true, let since?): state = "in force since \(since)"
            case (false, let from?) where from <= status.on: state = "no longer in force (in force from \(from))"
            case (false, let from?): state = "not in force, enters into force on \(from)"
            default: state = "not in force"
            }
            out.append("Art. \(part.articles.joined(separator: ", ")): \(state)")
            out += part.explanation.map { "  " + $0 }
        }
        out.append("")
        out.append(
            treaty.kind == .multilateral ? participantTable(status, corpus: corpus) : stateTable(status, corpus: corpus)
        )
        if !status.reservations.isEmpty {
            out.append("")
            out.append("Reservations and declarations (VCLT arts. 19–23):")
            for reservation in status.reservations {
                let articles =
                    reservation.articles.isEmpty ? "" : " to art. \(reservation.articles.joined(separator: ", "))"
                let withdrawn = reservation.withdrawn.map { ", withdrawn \($0)" } ?? ""
                out.append(
                    "  [\(reservation.event)] \(reservation.party) \(reservation.kind.rawValue)\(articles), \(reservation.date)\(withdrawn)"
                        + (reservation.summary.map { ": " + Terminal.oneLine($0) } ?? ""))
                if reservation.kind == .reservation {
                    out.append("      twelve-month window of art. 20(5) ends \(reservation.windowEnds)")
                }
                for response in reservation.responses {
                    out.append("      \(response.state): \(response.value.rawValue). \(response.explanation)")
                }
            }
        }
        if !status.corrections.isEmpty {
            out.append("")
            out.append("Corrections:")
            for (corrected, correction) in status.corrections.sorted(by: { $0.key < $1.key }) {
                out.append("  \(corrected) as corrected by \(correction)")
            }
        }
        if !detailed {
            out.append("")
            out.append("Each State's derivation: pacta explain \(treaty.id) --party CODE (or status --party CODE).")
        }
        for state in status.states where detailed && !state.explanation.isEmpty {
            out.append("")
            out.append("\(state.code):")
            out += state.explanation.map { "  " + $0 }
        }
        if !status.caveats.isEmpty {
            out.append("")
            out.append("Caveats:")
            out += status.caveats.map { "  ! " + $0 }
        }
        return out.joined(separator: "\n")
    }
}
