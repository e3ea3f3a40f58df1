import PactaCore
import PactaFormats

/// The status of a treaty as a treaty officer reads it, the way the UN Treaty Collection lays it out: the counts
/// on the date, one row per participant (signature, consent with the mark of its form, the date in force for it,
/// withdrawal), and numbered footnotes for reservations, declarations, objections, successions and corrections,
/// each with its date and source. The same rows give the page's table and its CSV download.
struct StatusTable: Sendable {
    /// One participant's row.
    struct Row: Sendable {
        var code: PartyCode
        var name: String
        var status: StateStatus.Value
        var signature: CalendarDate?
        var consent: StateStatus.Consent?
        var inForce: CalendarDate?
        var withdrawal: StateStatus.Withdrawal?
        var explanation: [String]
        /// The numbers of this row's footnotes.
        var notes: [Int] = []
    }

    /// A numbered note below the table.
    struct Footnote: Sendable {
        var number: Int
        var party: PartyCode?
        var what: String
        var date: CalendarDate
        var text: String
        var source: String?
        var sourceTitle: String?
        var sourceURL: String?
    }

    var rows: [Row]
    var footnotes: [Footnote]

    /// The columns of the CSV download: those of the page's table, with the consent's date and its form apart.
    static let csvHeader = [
        "participant", "code", "status", "signature", "consent", "consent_form", "in_force", "withdrawal_notified",
        "withdrawal_effective",
    ]

    /// The mark of a form of consent as the UN Treaty Collection prints it after the date (`nil`: ratification,
    /// which has none).
    static func mark(_ form: Event.ConsentForm) -> String? {
        switch form {
        case .ratification: nil
        case .accession: "a"
        case .succession: "d"
        case .acceptance: "A"
        case .approval: "AA"
        case .definitiveSignature: "s"
        case .formalConfirmation: "c"
        case .admission: "adm"
        case .unrecorded: "*"
        }
    }

    /// The legend of ``mark(_:)``.
    static let legend =
        "Marks after a consent's date, as the UN Treaty Collection prints them: a accession, d succession, A acceptance, AA approval, s definitive signature, c formal confirmation; no mark: ratification. adm: admission; *: the consent rests on an official record whose instrument the file does not hold."

    init(treaty: Treaty, status: TreatyStatus, name: (PartyCode) -> String) {
        let on = status.on
        var rows = status.states.map { row in
            Row(
                code: row.code, name: name(row.code), status: row.status,
                signature: row.signature.flatMap { $0 <= on ? $0 : nil }, consent: row.consent,
                inForce: row.entryIntoForce, withdrawal: row.withdrawal, explanation: row.explanation)
        }
        rows.sort { ($0.name, $0.code.rawValue) < ($1.name, $1.code.rawValue) }
        var footnotes: [Footnote] = []
        let replaced = Set(status.corrections.keys)
        for event in treaty.events where event.date <= on && !replaced.contains(event.id) {
            guard let (what, party, text) = Self.note(event) else { continue }
            let source = event.source.flatMap { treaty.sources[$0] }
            footnotes.append(
                Footnote(
                    number: footnotes.count + 1, party: party, what: what, date: event.date, text: text,
                    source: event.source, sourceTitle: source?.title, sourceURL: source?.url))
        }
        for note in footnotes {
            guard let party = note.party, let index = rows.firstIndex(where: { $0.code == party }) else { continue }
            rows[index].notes.append(note.number)
        }
        self.rows = rows
        self.footnotes = footnotes
    }

    /// What a footnote says of `event`, and whose row carries its mark; `nil` for events the row itself shows.
    static func note(_ event: Event) -> (String, PartyCode?, String)? {
        func articles(_ list: [String]) -> String {
            list.isEmpty ? "" : " (art\(list.count == 1 ? "" : "s"). \(list.joined(separator: ", ")))"
        }
        let note = event.note.map { " \($0)" } ?? ""
        switch event.kind {
        case .reservation(let party, let list, let summary):
            return ("Reservation", party, "\(party)\(articles(list)): \(summary ?? "text not recorded").\(note)")
        case .declaration(let party, let list, let summary, _, _):
            return ("Declaration", party, "\(party)\(articles(list)): \(summary ?? "text not recorded").\(note)")
        case .objection(let party, let to, let summary, let precludes):
            let preclusion = precludes ? " The treaty is not in force between the two (VCLT art. 20(4)(b))." : ""
            return (
                "Objection", party, "\(party) objects to \(to)\(summary.map { ": \($0)" } ?? "").\(preclusion)\(note)"
            )
        case .withdrawalOfReservation(let party, let to):
            return ("Reservation withdrawn", party, "\(party) withdraws \(to).\(note)")
        case .stateSuccession(let predecessor, let successor, let mode):
            return ("Succession", successor, "\(successor) succeeds \(predecessor) (\(mode.rawValue)).\(note)")
        case .consent(let party, .succession, _, _, _):
            return ("Succession", party, "\(party) consents by notification of succession.\(note)")
        case .correction(let corrects, let replacement):
            return (
                "Correction", replacement?.party,
                "The record of \(corrects) is corrected\(replacement.map { ": now \($0.typeName) dated \($0.dateText)" } ?? " (withdrawn)").\(note)"
            )
        default:
            return nil
        }
    }

    // MARK: - Counts

    /// The counts on the date, as `pacta status` gives them: how many signed on or before it (a revoked
    /// signature no longer counts), how many are signatories only, contracting States, parties and withdrawn;
    /// and how many ceased to exist, where any did.
    var counts: [(key: String, label: String, count: Int)] {
        func count(_ value: StateStatus.Value) -> Int { rows.filter { $0.status == value }.count }
        var out: [(key: String, label: String, count: Int)] = [
            ("signed", "signed", rows.filter { $0.signature != nil }.count),
            ("signatories", "signatories only", count(.signatory)),
            (
                "contracting-states", "contracting States (consented, not yet in force for them)",
                count(.contractingState)
            ),
            ("parties", "parties", count(.party)),
            ("withdrawn", "withdrawn", count(.withdrawn)),
        ]
        if count(.ceased) > 0 { out.append(("ceased", "ceased to exist", count(.ceased))) }
        return out
    }

    // MARK: - CSV

    /// The rows as the CSV download gives them, in ``csvHeader``'s order.
    var csvRows: [[String]] {
        rows.map { row in
            [
                row.name, row.code.rawValue, row.status.rawValue, row.signature?.description ?? "",
                row.consent?.date.description ?? "", row.consent?.form.rawValue ?? "", row.inForce?.description ?? "",
                row.withdrawal?.notified.description ?? "", row.withdrawal?.effective?.description ?? "",
            ]
        }
    }

    // MARK: - HTML

    /// The table (`id="states"`), sortable and filtered by `/assets/table.js` where scripts run.
    func html() -> String {
        typealias E = HTML
        func date(_ value: CalendarDate?) -> String {
            guard let value else { return "<td class=\"date\" data-sort=\"\">–</td>" }
            return "<td class=\"date\" data-sort=\"\(value)\">\(value)</td>"
        }
        var out = """
            <p class="filter" id="states-filter" hidden><label>Filter the participants<input type="search" data-filter-for="states" placeholder="name, code, status or date" size="30"></label> <span class="muted" data-count-for="states"></span></p>
            <div class="scroll"><table id="states" class="participants" data-sortable><thead><tr><th>Participant</th><th>Status</th><th>Signature</th><th>Consent</th><th>In force for it</th><th>Withdrawal</th></tr></thead><tbody>
            """
        for row in rows {
            let marks = row.notes.map {
                "<sup class=\"fn\"><a href=\"#note-\($0)\" id=\"ref-\($0)\">\($0)</a></sup>"
            }.joined()
            let consent =
                row.consent.map { consent in
                    let mark = Self.mark(consent.form).map {
                        " <abbr class=\"mark\" title=\"\(E.escape(consent.form.rawValue))\">\(E.escape($0))</abbr>"
                    }
                    return "<td class=\"date\" data-sort=\"\(consent.date)\">\(consent.date)\(mark ?? "")</td>"
                } ?? "<td class=\"date\" data-sort=\"\">–</td>"
            let withdrawal =
                row.withdrawal.map { withdrawal in
                    let effect =
                        withdrawal.effective.map { "effective <span class=\"date\">\($0)</span>" } ?? "no effect"
                    return
                        "<td data-sort=\"\(withdrawal.notified)\"><span class=\"date\">\(withdrawal.notified)</span> <span class=\"muted\">(\(effect))</span></td>"
                } ?? "<td class=\"date\" data-sort=\"\">–</td>"
            let filter = [
                row.name, row.code.rawValue, row.status.rawValue, row.signature?.description,
                row.consent.map { "\($0.date) \($0.form.rawValue)" }, row.inForce?.description,
                row.withdrawal?.notified.description,
            ].compactMap { $0 }.joined(separator: " ")
            out += """
                <tr id="row-\(E.escape(row.code.rawValue))" data-filter="\(E.escape(filter.lowercased()))"><td data-sort="\(E.escape(row.name))"><a href="/states/\(E.escape(row.code.rawValue))">\(E.escape(row.name))</a> <span class="muted">\(E.escape(row.code.rawValue))</span>\(marks)<details class="why"><summary>why</summary><ul>\(row.explanation.map { "<li>\(E.escape($0))</li>" }.joined())</ul></details></td>
                <td class="\(PageRoutes.statusClass(row.status.rawValue))">\(E.escape(row.status.rawValue))</td>\(date(row.signature))\(consent)\(date(row.inForce))\(withdrawal)</tr>

                """
        }
        out += "</tbody></table></div>"
        out += "<p class=\"muted legend\" id=\"marks\">\(E.escape(Self.legend))</p>"
        if !footnotes.isEmpty {
            out += "<h3>Notes</h3><ol class=\"footnotes\" id=\"footnotes\">"
            for note in footnotes {
                let back = note.party.flatMap { party in rows.contains { $0.code == party } ? party : nil }
                let source: String
                if let key = note.source {
                    let title = E.escape(note.sourceTitle ?? key)
                    source =
                        " Source: "
                        + (note.sourceURL.map { "<a href=\"\(E.escape($0))\" rel=\"noreferrer\">\(title)</a>" } ?? title)
                        + " <span class=\"muted\">[\(E.escape(key))]</span>."
                } else {
                    source = " <span class=\"muted\">No source given.</span>"
                }
                out +=
                    "<li id=\"note-\(note.number)\"><strong>\(E.escape(note.what))</strong>, <span class=\"date\">\(note.date)</span>: \(E.escape(note.text))\(source)\(back.map { _ in " <a href=\"#ref-\(note.number)\" aria-label=\"back to the row\">↩</a>" } ?? "")</li>"
            }
            out += "</ol>"
        }
        return out
    }
}
