import Mustache
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
        // A summary that ends its own sentence gets no second full stop.
        func ended(_ text: String) -> String {
            text.hasSuffix(".") || text.hasSuffix("!") || text.hasSuffix("?") ? text : text + "."
        }
        switch event.kind {
        case .reservation(let party, let list, let summary):
            return ("Reservation", party, ended("\(party)\(articles(list)): \(summary ?? "text not recorded")") + note)
        case .declaration(let party, let list, let summary, _, _):
            return ("Declaration", party, ended("\(party)\(articles(list)): \(summary ?? "text not recorded")") + note)
        case .objection(let party, let to, let summary, let precludes):
            let preclusion = precludes ? " The treaty is not in force between the two (VCLT art. 20(4)(b))." : ""
            return (
                "Objection", party,
                ended("\(party) objects to \(to)\(summary.map { ": \($0)" } ?? "")") + preclusion + note
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

    /// `participants.mustache`: the rows, the legend and the footnotes, as text.
    struct View {
        struct Consent {
            let consentDate: String
            let form: String
            let mark: String?
        }

        struct Withdrawal {
            let notified: String
            let effective: String?
        }

        struct Row {
            let code: String
            let name: String
            let filter: String
            let notes: [Int]
            let explanation: [String]
            let status: String
            let signatureSort: String
            let signature: String
            let consent: Consent?
            let inForceSort: String
            let inForce: String
            let withdrawal: Withdrawal?
        }

        struct Source {
            let key: String
            let sourceTitle: String
            /// Only a web address (`http`, `https`) is a link.
            let sourceURL: String?
        }

        struct Footnote {
            let number: Int
            let what: String
            let date: String
            let text: String
            let source: Source?
            /// Whether the note links back to its row.
            let back: Bool
        }

        let rows: [Row]
        let legend: String
        let hasFootnotes: Bool
        let footnotes: [Footnote]
    }

    /// The table (`id="states"`), sortable and filtered by `/assets/table.js` where scripts run, rendered by
    /// `participants.mustache`.
    /// - Throws: ``Problem`` `500` where the templates did not load.
    func html() throws -> String {
        let codes = Set(rows.map(\.code))
        let view = View(
            rows: rows.map { row in
                View.Row(
                    code: row.code.rawValue, name: row.name,
                    filter: [
                        row.name, row.code.rawValue, row.status.rawValue, row.signature?.description,
                        row.consent.map { "\($0.date) \($0.form.rawValue)" }, row.inForce?.description,
                        row.withdrawal?.notified.description,
                    ].compactMap { $0 }.joined(separator: " ").lowercased(),
                    notes: row.notes, explanation: row.explanation, status: row.status.rawValue,
                    signatureSort: row.signature?.description ?? "", signature: row.signature?.description ?? "–",
                    consent: row.consent.map {
                        View.Consent(consentDate: $0.date.description, form: $0.form.rawValue, mark: Self.mark($0.form))
                    },
                    inForceSort: row.inForce?.description ?? "", inForce: row.inForce?.description ?? "–",
                    withdrawal: row.withdrawal.map {
                        View.Withdrawal(notified: $0.notified.description, effective: $0.effective?.description)
                    })
            },
            legend: Self.legend, hasFootnotes: !footnotes.isEmpty,
            footnotes: footnotes.map { note in
                View.Footnote(
                    number: note.number, what: note.what, date: note.date.description, text: note.text,
                    source: note.source.map { key in
                        View.Source(
                            key: key, sourceTitle: note.sourceTitle ?? key,
                            sourceURL: note.sourceURL.flatMap(Self.webAddress))
                    },
                    back: note.party.map(codes.contains) ?? false)
            })
        return try PageTemplates.render(view, "participants")
    }

    /// `url` where it is a web address (`http:` or `https:`), else `nil`: a `javascript:` address in a corpus
    /// file never becomes a link.
    static func webAddress(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }
}

// MARK: - Read by name

// The templates read a view by name through `child(named:)`, never by reflection (see PageViews.swift).

extension StatusTable.View.Consent: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "consentDate": self.consentDate
        case "form": self.form
        case "mark": self.mark
        default: nil
        }
    }
}

extension StatusTable.View.Withdrawal: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "notified": self.notified
        case "effective": self.effective
        default: nil
        }
    }
}

extension StatusTable.View.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": self.code
        case "name": self.name
        case "filter": self.filter
        case "notes": self.notes
        case "explanation": self.explanation
        case "status": self.status
        case "signatureSort": self.signatureSort
        case "signature": self.signature
        case "consent": self.consent
        case "inForceSort": self.inForceSort
        case "inForce": self.inForce
        case "withdrawal": self.withdrawal
        default: nil
        }
    }
}

extension StatusTable.View.Source: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "sourceTitle": self.sourceTitle
        case "sourceURL": self.sourceURL
        default: nil
        }
    }
}

extension StatusTable.View.Footnote: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "what": self.what
        case "date": self.date
        case "text": self.text
        case "source": self.source
        case "back": self.back
        default: nil
        }
    }
}

extension StatusTable.View: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": self.rows.map(PageTemplates.Shared.init)
        case "legend": self.legend
        case "hasFootnotes": self.hasFootnotes
        case "footnotes": self.footnotes.map(PageTemplates.Shared.init)
        default: nil
        }
    }
}
