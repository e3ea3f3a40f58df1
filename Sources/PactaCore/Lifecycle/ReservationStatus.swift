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

        public var state: PartyCode
        public var value: Value
        /// When the reservation counts (or will count) as accepted by this State under art. 20(5): the later of
        /// twelve months after notification and the State's own consent. `nil` where it objected in time.
        public var acceptedOn: CalendarDate?
        /// The objection's event id, where there is one.
        public var objection: String?
        public var explanation: String
        /// Whether the State objected after the time of art. 20(5): too late to prevent acceptance.
        public var lateObjection = false
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
