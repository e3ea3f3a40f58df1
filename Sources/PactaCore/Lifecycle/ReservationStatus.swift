/// A reservation or interpretative declaration, and how each other contracting State stands toward it
/// on the status date. Sources: VCLT arts. 19–23; art. 20(5) for tacit acceptance.
public struct ReservationStatus: Sendable, Hashable {
    /// A reservation excludes or modifies a provision's effect; a declaration only states a reading.
    public enum Kind: String, Sendable, Hashable {
        case reservation, declaration
    }

    /// One contracting State's position on the reservation.
    public struct Response: Sendable, Hashable {
        /// Spec-style values: `pending` (the art. 20(5) window is still open), `accepted`, `objected`,
        /// `objected-precluding` (the objecting State said the treaty does not enter into force between the two,
        /// VCLT art. 20(4)(b)).
        public enum Value: String, Sendable, Hashable {
            case pending, accepted, objected
            case objectedPrecluding = "objected-precluding"
        }

        /// The facts the value rests on, kept as data so that the words are built only when read.
        public enum Basis: Sendable, Hashable {
            /// No objection: accepted on `deadline`, the later of `windowEnds` (twelve months after notification
            /// on `notified`) and the State's own consent on `consent` (VCLT art. 20(5)).
            case noObjection(notified: CalendarDate, windowEnds: CalendarDate, consent: CalendarDate)
            /// An objection made by `deadline` (art. 20(4)(b) where `precluding`, otherwise art. 21(3)).
            case objection(date: CalendarDate, deadline: CalendarDate, precluding: Bool, author: PartyCode)
            /// An objection later withdrawn: the reservation operates from the withdrawal (art. 22(3)(b)).
            case objectionWithdrawn(date: CalendarDate, withdrawn: CalendarDate)
            /// An objection made after `deadline`: too late to prevent acceptance under art. 20(5).
            case lateObjection(date: CalendarDate, deadline: CalendarDate)
        }

        public var state: PartyCode
        public var value: Value
        /// When the reservation counts (or will count) as accepted by this State under art. 20(5): the later of
        /// twelve months after notification and the State's own consent. `nil` where it objected in time.
        public var acceptedOn: CalendarDate?
        /// The objection's event id, where there is one.
        public var objection: String?
        public var basis: Basis

        /// Whether the State objected after the time of art. 20(5): too late to prevent acceptance.
        public var lateObjection: Bool {
            if case .lateObjection = basis { return true }
            return false
        }

        /// The response in a treaty officer's words, with the article of the VCLT it rests on.
        public var explanation: String {
            let id = objection.map { " (\($0))" } ?? ""
            switch basis {
            case .noObjection(let notified, let windowEnds, let consent):
                let deadline = max(windowEnds, consent)
                let basis =
                    consent > windowEnds
                    ? "its own consent on \(consent), after the twelve months ended on \(windowEnds)"
                    : "twelve months after notification on \(notified)"
                return value == .accepted
                    ? "\(state) raised no objection: accepted on \(deadline) (\(basis); VCLT art. 20(5))."
                    : "\(state) may object until \(deadline) (\(basis)); absent an objection it counts as accepted then (VCLT art. 20(5))."
            case .objectionWithdrawn(let date, let withdrawn):
                let from = acceptedOn.map { "\($0)" } ?? "\(withdrawn)"
                return
                    "\(state) objected on \(date)\(id) and withdrew the objection on \(withdrawn): the reservation operates for it from \(from) (VCLT art. 22(3)(b))."
            case .objection(let date, let deadline, let precluding, let author):
                return "\(state) objected on \(date)\(id), within the time of art. 20(5) (by \(deadline))"
                    + (precluding
                        ? "; it declared that the treaty does not enter into force between it and \(author) (art. 20(4)(b))."
                        : "; the provisions concerned do not apply between the two to the extent of the reservation (art. 21(3)).")
            case .lateObjection(let date, let deadline):
                return
                    "\(state) objected on \(date)\(id), after \(deadline): too late to prevent acceptance under art. 20(5); recorded as a communication."
            }
        }
    }

    public var event: String
    public var party: PartyCode
    public var kind: Kind
    /// The date it was made (at signature or consent) and notified.
    public var date: CalendarDate
    public var articles: [String]
    public var summary: String?
    /// The end of the twelve-month window of art. 20(5) for States already bound.
    public var windowEnds: CalendarDate
    public var withdrawn: CalendarDate?
    /// One response per other State with a consent in effect; empty for a declaration. Built from the
    /// compact form the engine computes (``acceptanceDates`` reads the dates without building them).
    public var responses: [Response] {
        get {
            switch storage {
            case .explicit(let responses): responses
            case .compact(let context, let rows): rows.map { response($0, context) }
            }
        }
        set { storage = .explicit(newValue) }
    }

    /// How many States respond.
    public var responseCount: Int {
        switch storage {
        case .explicit(let responses): responses.count
        case .compact(_, let rows): rows.count
        }
    }

    /// Each responding State's art. 20(5) acceptance date, in the order of ``responses`` (`nil` where it
    /// objected in time), read from the compact form.
    public var acceptanceDates: [CalendarDate?] {
        switch storage {
        case .explicit(let responses): responses.map(\.acceptedOn)
        case .compact(_, let rows): rows.map { $0.acceptedOn >= 0 ? CalendarDate(ordinal: Int($0.acceptedOn)) : nil }
        }
    }

    /// The response at `index`, built alone.
    public func response(at index: Int) -> Response {
        switch storage {
        case .explicit(let responses): responses[index]
        case .compact(let context, let rows): response(rows[index], context)
        }
    }

    // MARK: - Compact form

    /// What the engine computes for one responding State: positions and day numbers only, so a list of
    /// them holds no references. Internal.
    struct Row: Sendable, Hashable {
        var slot: Int32
        var value: Response.Value
        var basis: BasisKind
        /// Ordinal day, or -1.
        var acceptedOn: Int32
        var consent: Int32
        /// Position in ``Context/objections``, or -1.
        var objection: Int32
    }

    enum BasisKind: UInt8, Sendable, Hashable {
        case noObjection, objection, objectionWithdrawn, lateObjection
    }

    /// An objection as the responses need it.
    struct ObjectionFact: Sendable, Hashable {
        var event: String
        var date: CalendarDate
        var withdrawn: CalendarDate?
        var precluding: Bool
    }

    /// What the rows of every reservation of one status point into: party codes by slot, and objections.
    final class Context: Sendable {
        let codes: [PartyCode]
        let objections: [ObjectionFact]
        init(codes: [PartyCode], objections: [ObjectionFact]) {
            self.codes = codes
            self.objections = objections
        }
    }

    enum Storage: Sendable {
        case explicit([Response])
        case compact(Context, [Row])
    }

    var storage: Storage

    private func response(_ row: Row, _ context: Context) -> Response {
        let deadline = max(windowEnds, CalendarDate(ordinal: Int(row.consent)))
        let objection = row.objection >= 0 ? context.objections[Int(row.objection)] : nil
        let basis: Response.Basis
        switch row.basis {
        case .noObjection:
            basis = .noObjection(
                notified: date, windowEnds: windowEnds, consent: CalendarDate(ordinal: Int(row.consent)))
        case .objection:
            basis = .objection(
                date: objection!.date, deadline: deadline, precluding: objection!.precluding, author: party)
        case .objectionWithdrawn:
            basis = .objectionWithdrawn(date: objection!.date, withdrawn: objection!.withdrawn!)
        case .lateObjection:
            basis = .lateObjection(date: objection!.date, deadline: deadline)
        }
        return Response(
            state: context.codes[Int(row.slot)], value: row.value,
            acceptedOn: row.acceptedOn >= 0 ? CalendarDate(ordinal: Int(row.acceptedOn)) : nil,
            objection: objection?.event, basis: basis)
    }

    init(
        event: String, party: PartyCode, kind: Kind, date: CalendarDate, articles: [String], summary: String?,
        windowEnds: CalendarDate, withdrawn: CalendarDate?, storage: Storage
    ) {
        self.event = event
        self.party = party
        self.kind = kind
        self.date = date
        self.articles = articles
        self.summary = summary
        self.windowEnds = windowEnds
        self.withdrawn = withdrawn
        self.storage = storage
    }

    public static func == (lhs: ReservationStatus, rhs: ReservationStatus) -> Bool {
        lhs.event == rhs.event && lhs.party == rhs.party && lhs.kind == rhs.kind && lhs.date == rhs.date
            && lhs.articles == rhs.articles && lhs.summary == rhs.summary && lhs.windowEnds == rhs.windowEnds
            && lhs.withdrawn == rhs.withdrawn && lhs.responses == rhs.responses
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(event)
        hasher.combine(responseCount)
    }
}
