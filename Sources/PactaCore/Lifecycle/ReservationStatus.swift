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
    /// One response per other State with a consent in effect; empty for a declaration.
    public var responses: [Response]
}
