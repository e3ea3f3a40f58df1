/// The status of a treaty on a date, with every State's status and the derivation of each.
/// The JSON form (spec "Status as JSON") is written by PactaFormats from this value.
public struct TreatyStatus: Sendable, Hashable {
    /// The treaty's own status. Spec values: `not-adopted`, `not-in-force`, `in-force`, `terminated`.
    public enum Value: String, Sendable, Hashable, CaseIterable {
        case notAdopted = "not-adopted"
        case notInForce = "not-in-force"
        case inForce = "in-force"
        case terminated
    }

    public var treaty: String
    public var on: CalendarDate
    /// Only events recorded on or before this date were taken into account; `nil`: all.
    public var asKnownOn: CalendarDate?
    public var status: Value
    /// The treaty's date of entry into force once the events up to `on` fix it (it may lie after `on`).
    public var entryIntoForce: CalendarDate?
    /// The date the conditions of entry into force were met (before any delay).
    public var conditionsMet: CalendarDate?
    /// The date the treaty ends (or ended) for all, where the events up to `on` fix it.
    public var termination: CalendarDate?
    /// Why: the rule, the events, the arithmetic, in a treaty officer's words.
    public var explanation: [String]
    /// Ids of the events the derivation used.
    public var eventsUsed: [String]
    /// Doubts a reader should know of (a denunciation open to dispute, an invalid notice ...).
    public var caveats: [String]
    public var states: [StateStatus]
    /// Reservations and declarations with each contracting State's response (VCLT arts. 19–23).
    public var reservations: [ReservationStatus] = []
    /// Suspensions of the treaty's operation in effect on the date (VCLT arts. 57–58, 72).
    public var suspensions: [Suspension] = []
    /// Events whose record a later correction replaced: corrected event id → correcting event id.
    public var corrections: [String: String] = [:]
    /// Articles with their own entry into force (spec `rules.partial`), in the order of the rules.
    public var partialEntryIntoForce: [PartialEntryIntoForceStatus] = []
    /// The treaties of the corpus that amend this one (Pacta extension `amends`; VCLT arts. 39–41), in the order
    /// they entered into force, with the parties each binds on the date.
    public var amendments: [AmendmentStatus] = []

    /// Where some articles enter into force on their own condition (spec `rules.partial`; VCLT art. 24(4)
    /// for the final clauses that apply from adoption).
    public struct PartialEntryIntoForceStatus: Sendable, Hashable {
        public var articles: [String]
        /// The date their own condition was first met, where it has been.
        public var conditionsMet: CalendarDate?
        /// The date the articles enter (or entered) into force under their own rule.
        public var entryIntoForce: CalendarDate?
        /// Whether they are in force on the status date.
        public var inForce: Bool
        public var explanation: [String]
    }

    /// A suspension of the operation of the treaty, or of some articles, for all parties or for one, with all
    /// the others or (``towards``) some (VCLT arts. 57–58).
    public struct Suspension: Sendable, Hashable {
        public var since: CalendarDate
        /// The State that suspends; `nil`: every party.
        public var party: PartyCode?
        /// The articles suspended; empty: the whole treaty.
        public var articles: [String]
        public var event: String
        /// The States with which ``party`` suspends it; empty: with every other party.
        public var towards: [PartyCode] = []

        /// Whom it concerns, as the sentences say it: " for ITA", " between USA and NZL", or "" for every party.
        public var whom: String {
            guard !towards.isEmpty else { return party.map { " for \($0)" } ?? "" }
            return " between \(party?.rawValue ?? "?") and " + towards.map(\.rawValue).joined(separator: ", ")
        }

        /// Whether the suspension covers `article` between `a` and `b` (either way round).
        public func covers(article: String, between a: PartyCode, and b: PartyCode) -> Bool {
            guard articles.isEmpty || articles.contains(article) else { return false }
            guard let party else { return true }
            if towards.isEmpty { return party == a || party == b }
            return (party == a && towards.contains(b)) || (party == b && towards.contains(a))
        }
    }

    /// The State's row, or `nil`.
    public func state(_ code: PartyCode) -> StateStatus? { states.first { $0.code == code } }
}

/// One State's (or organisation's) status under a treaty on a date.
public struct StateStatus: Sendable, Hashable {
    /// Spec values: `none`, `signatory`, `contracting-state`, `party`, `withdrawn`; and **(Pacta)** `ceased`: a
    /// State that ceased to exist (succeeded by continuation, succession, dissolution or unification), from the
    /// day it ceased, whatever it was before. A ceased State is bound by nothing: it is not a party, and its
    /// successors take part in its stead (Vienna Convention on Succession of States in respect of Treaties, 1978).
    public enum Value: String, Sendable, Hashable, CaseIterable {
        case none
        case signatory
        case contractingState = "contracting-state"
        case party
        case withdrawn
        case ceased
    }

    /// A consent to be bound: its form and date (of deposit, for a multilateral treaty).
    public struct Consent: Sendable, Hashable {
        public var form: Event.ConsentForm
        public var date: CalendarDate
        public var event: String
    }

    /// A notified withdrawal or denunciation and the date it takes effect.
    public struct Withdrawal: Sendable, Hashable {
        public var notified: CalendarDate
        /// `nil` where the notice is invalid or has no effect.
        public var effective: CalendarDate?
        public var event: String
    }

    public var code: PartyCode
    public var status: Value
    /// The date the treaty enters (or entered) into force for this State, when known, even if after `on`.
    public var entryIntoForce: CalendarDate?
    public var signature: CalendarDate?
    public var consent: Consent?
    public var withdrawal: Withdrawal?
    /// The predecessor whose status this State continues, and from when.
    public var continues: (predecessor: PartyCode, from: CalendarDate)?
    /// The date this State ceased to exist, succeeded by another (continuation or succession), on or before the
    /// status date; its row then keeps its own record and has status ``Value/ceased``.
    public var ceased: CalendarDate? = nil
    /// Reservations and declarations made by this State, event ids.
    public var reservations: [String]
    /// The derivation in words: signature, consent, the date in force for it, withdrawal.
    public var explanation: [String] {
        get { words.lines }
        set { words = Explanation(newValue) }
    }
    /// The words of ``explanation``, possibly still to be put together (see ``Explanation``).
    public var words: Explanation
    public var caveats: [String]
    /// Since when the State applies the treaty provisionally (VCLT art. 25), while it is not yet a party.
    public var provisionalApplication: CalendarDate? = nil
    /// States with which the treaty is not in force for this one: by a precluding objection (VCLT art. 20(4)(b)),
    /// or, in a bilateral treaty continued with several successors of one party, the other States holding that
    /// party's side (each is bound with the other party alone: Vienna Convention on Succession of States in
    /// respect of Treaties, 1978, art. 34(1)).
    public var notInForceWith: [PartyCode] = []

    /// The row of a State that the treaty's log does not name on or before `date`: status `none`.
    public static func uninvolved(_ code: PartyCode, on date: CalendarDate) -> StateStatus {
        StateStatus(
            code: code, status: .none, entryIntoForce: nil, signature: nil, consent: nil, withdrawal: nil,
            continues: nil, reservations: [],
            words: Explanation([noActs(code, on: date)]), caveats: [])
    }

    /// The words for a State with no act recorded on or before `date` (known on `asKnownOn`, where given).
    public static func noActs(_ code: PartyCode, on date: CalendarDate, asKnownOn: CalendarDate? = nil) -> String {
        guard let asKnownOn else {
            return "No signature, consent or other act of \(code) is recorded on or before \(date)."
        }
        return
            "No signature, consent or other act of \(code) dated on or before \(date) was recorded by \(asKnownOn) (the status as known on that day)."
    }

    public static func == (lhs: StateStatus, rhs: StateStatus) -> Bool {
        lhs.code == rhs.code && lhs.status == rhs.status && lhs.entryIntoForce == rhs.entryIntoForce
            && lhs.signature == rhs.signature && lhs.consent == rhs.consent && lhs.withdrawal == rhs.withdrawal
            && lhs.continues?.predecessor == rhs.continues?.predecessor && lhs.continues?.from == rhs.continues?.from
            && lhs.reservations == rhs.reservations && lhs.words == rhs.words
            && lhs.caveats == rhs.caveats && lhs.provisionalApplication == rhs.provisionalApplication
            && lhs.notInForceWith == rhs.notInForceWith && lhs.ceased == rhs.ceased
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(status)
        hasher.combine(entryIntoForce)
        hasher.combine(words)
    }
}

/// One line of a treaty's timeline: an event of the log, or a date the engine computed.
public struct TimelineEntry: Sendable, Hashable {
    /// Whether the entry was recorded in the file, computed from the rules, or taken from an official record the
    /// file cites (`documented`: a partial record's date of entry into force, which its events cannot fix).
    public enum Origin: String, Sendable, Hashable {
        case recorded, computed, documented
    }

    public var date: CalendarDate
    public var origin: Origin
    /// The spec's event type, or for computed entries: `entry-into-force`, `entry-into-force-for-state`,
    /// `withdrawal-effective`, `renewal-notice-deadline`, `renewal`, `reservation-window-end`, `termination`,
    /// `partial-entry-into-force`.
    public var type: String
    public var parties: [PartyCode]
    /// What happened, in words.
    public var summary: String
    /// Event id for a recorded entry.
    public var event: String?
    public var source: String?
    public var note: String?
    /// For a computed entry, the derivation in words: the article, the condition, the arithmetic.
    public var explanation: [String] {
        get { words.lines }
        set { words = Explanation(newValue) }
    }
    /// The words of ``explanation``, possibly still to be put together.
    public var words: Explanation

    public init(
        date: CalendarDate, origin: Origin, type: String, parties: [PartyCode], summary: String, event: String?,
        source: String?, note: String?, explanation: [String] = []
    ) {
        self.date = date
        self.origin = origin
        self.type = type
        self.parties = parties
        self.summary = summary
        self.event = event
        self.source = source
        self.note = note
        self.words = Explanation(explanation)
    }

    /// A computed entry whose words are put together when read.
    init(
        date: CalendarDate, origin: Origin, type: String, parties: [PartyCode], summary: String, words: Explanation
    ) {
        self.date = date
        self.origin = origin
        self.type = type
        self.parties = parties
        self.summary = summary
        self.event = nil
        self.source = nil
        self.note = nil
        self.words = words
    }
}
