import ArgumentParser
import PactaCore
import PactaFormats

/// `pacta status ID`: the treaty's status and every State's on a date, with the derivation.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The status of a treaty and of each State on a date, and why.",
        discussion: """
            Treaty status: not-adopted, not-in-force, in-force or terminated. State status: none, \
            signatory, contracting-state (consented, not yet in force for it), party, or withdrawn. \
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

    @Argument(help: "The treaty's id, e.g. ru-kp-2024-partnership ('pacta list' shows them).")
    var id: String

    @OptionGroup var dates: DateOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Show only this State or organisation (ISO alpha-3 code, or org:<slug>).", valueName: "code")
    )
    var party: String?

    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.load()
        let treaty = try options.treaty(id, in: corpus)
        var status = Lifecycle(corpus: corpus).status(of: treaty, on: dates.date, asKnownOn: dates.asKnownOn)
        status.asKnownOn = dates.asKnownOn
        if let party {
            let code = PartyCode(party.uppercased() == party || party.hasPrefix("org:") ? party : party.uppercased())
            let rows = status.states.filter { $0.code == code }
            if rows.isEmpty {
                guard PartyCodeTable.country(code) != nil || corpus.entities[code] != nil else {
                    throw CLIError(
                        "unknown party code '\(party)': expected an ISO 3166-1 alpha-3 code (RUS, PRK ...), a former ISO 3166-3 code (SUN ...), or an org: code declared in entities.yaml."
                    )
                }
                status.states = [.uninvolved(code, on: status.on)]
            } else {
                status.states = rows
            }
        }
        switch options.format {
        case .json:
            emit(try JSONOutput.string(StatusDocument(status, names: { corpus.name(of: $0) })))
        case .text:
            emit(StatusText.render(status, treaty: treaty, corpus: corpus))
        }
    }
}

/// The text form of a status.
enum StatusText {
    static func render(_ status: TreatyStatus, treaty: Treaty, corpus: Corpus) -> String {
        var out: [String] = []
        out.append(treaty.title())
        let adopted = treaty.kind == .bilateral ? "signed" : "adopted"
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
            let count = { (value: StateStatus.Value) in status.states.filter { $0.status == value }.count }
            let signed = status.states.filter { $0.signature != nil }.count
            out.append(
                "Signed by \(signed) · signatories only: \(count(.signatory)) · contracting States: \(count(.contractingState)) · parties: \(count(.party)) · withdrawn: \(count(.withdrawn))"
            )
        }
        out.append("")
        out.append("Why:")
        out += status.explanation.map { "  " + $0 }
        out.append("")
        var table = TextTable(["State", "Name", "Status", "In force for it", "Signature", "Consent", "Withdrawal"])
        for state in status.states {
            let consent = state.consent.map { "\($0.form.rawValue) \($0.date)" } ?? "-"
            let withdrawal =
                state.withdrawal.map { w in
                    "notified \(w.notified)" + (w.effective.map { ", effective \($0)" } ?? ", no effect")
                } ?? "-"
            table.add([
                state.code.rawValue, corpus.name(of: state.code), state.status.rawValue,
                state.entryIntoForce?.description ?? "-", state.signature?.description ?? "-", consent, withdrawal,
            ])
        }
        out.append(table.render())
        for state in status.states where !state.explanation.isEmpty {
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
