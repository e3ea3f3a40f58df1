/// One entry of a treaty's append-only event log: what happened, on which date, to whom.
/// Spec: "Events: what happened, in an append-only log".
///
/// `date` is the date the act took legal effect (for a multilateral consent, the date of deposit);
/// `recorded` is when the record was made or learned, so a status can be asked "as known on" a date.
public struct Event: Sendable, Hashable, Identifiable, Codable {
    /// Forms of consent to be bound (VCLT arts. 11–17).
    public enum ConsentForm: String, Sendable, Hashable, CaseIterable, Codable {
        case ratification, acceptance, approval, accession, succession
        case definitiveSignature = "definitive-signature"
        case formalConfirmation = "formal-confirmation"
        case admission
        /// Not a form a file may give: the engine's stand-in for a consent that the file's `documented`
        /// statement establishes without recording its instrument (see ``Treaty/Documented/parties``).
        case unrecorded

        /// The forms a treaty file may name (every case but ``unrecorded``).
        public static let recordable: [ConsentForm] = allCases.filter { $0 != .unrecorded }
    }

    /// How a successor State takes over a predecessor's status.
    public enum SuccessionMode: String, Sendable, Hashable, CaseIterable, Codable {
        /// The successor continues the predecessor's legal personality (the Russian Federation for the USSR).
        case continuation
        /// The successor takes over by its own notification, recorded as its own `consent` with form `succession`.
        case succession
        /// Pacta extension: a new State separates from one that continues to exist (South Sudan from Sudan); it
        /// takes over by its own notification, as under `succession`, and the predecessor keeps its own status.
        case separation
    }

    /// What a `revocation` withdraws.
    public enum RevocationTarget: String, Sendable, Hashable, CaseIterable, Codable {
        case signature, consent
    }

    /// The type of event and its own fields.
    public enum Kind: Sendable, Hashable, Codable {
        /// Signature subject to ratification, acceptance or approval (VCLT art. 14).
        case signature(party: PartyCode, by: String?)
        /// An internal act; informational, never changes status.
        case domesticStep(party: PartyCode, body: String?, step: String?)
        /// Consent to be bound (VCLT art. 11). `depositary` names which depositary, where several.
        /// `instrumentNumber` (Pacta extension `instrument-number`) is the depositary's own count: this was the
        /// Nth instrument deposited (as UNCLOS art. 308(1) speaks of "the sixtieth instrument"). A partial
        /// record counts at least that many consents from that deposit on; `pacta check` holds a complete
        /// record to it.
        case consent(
            party: PartyCode, form: ConsentForm, depositary: PartyCode? = nil, effectiveFrom: CalendarDate? = nil,
            instrumentNumber: Int? = nil)
        /// Bilateral: instruments exchanged (VCLT art. 16(a)).
        case exchangeOfInstruments(parties: [PartyCode], place: String?)
        /// Bilateral: notification that internal procedures are complete.
        case notification(party: PartyCode, of: String)
        /// Provisional application (VCLT art. 25).
        case provisionalApplication(party: PartyCode, until: CalendarDate?)
        /// A reservation (VCLT art. 2(1)(d), 19–23).
        case reservation(party: PartyCode, articles: [String], summary: String?)
        /// An interpretative declaration. `notBoundBy` (Pacta extension `not-bound-by`): the id of an amending
        /// treaty by which the State, becoming a party after that amendment entered into force, declares it is not
        /// bound (the "expression of a different intention" of VCLT art. 40(5)). `attackerKinds` (Pacta extension
        /// `attacker-kind`): the State's duties under `articles` answer only an attack by a State of these kinds (the
        /// United States' understanding of the Manila Pact: communist aggression only).
        case declaration(
            party: PartyCode, articles: [String], summary: String?, notBoundBy: String? = nil,
            attackerKinds: [String] = [])
        /// An objection to a reservation (VCLT arts. 20–21).
        case objection(party: PartyCode, to: String, summary: String?, precludesEntryIntoForce: Bool)
        case withdrawalOfReservation(party: PartyCode, to: String)
        /// Notification of denunciation or withdrawal; `effective` where it names a later date. `byAgreement`
        /// (Pacta extension `by-agreement: true`): the party leaves with the consent of all the parties (VCLT
        /// art. 54(b)), on `effective` or else the event's date, whatever the treaty's notice clause says.
        case denunciation(party: PartyCode, effective: CalendarDate?, byAgreement: Bool = false)
        /// A signature or consent withdrawn before the treaty is in force for that party.
        case revocation(party: PartyCode, of: RevocationTarget)
        /// Operation suspended (VCLT arts. 57–58, 72), for one party or all. `towards` (Pacta extension): the
        /// States with which `party` suspends it; empty: with all (VCLT art. 58 for a suspension between some
        /// parties only).
        case suspension(party: PartyCode?, articles: [String], towards: [PartyCode] = [])
        /// The end of a suspension: the same party, articles and `towards` as the suspension it ends.
        case resumption(party: PartyCode?, articles: [String], towards: [PartyCode] = [])
        /// Pacta extension: the parties agree to lengthen the treaty's fixed term (`rules.duration.term`) by `term`,
        /// as New START's art. XIV(2) allows (VCLT art. 39: a treaty may be amended by agreement of the parties).
        case extensionOfTerm(term: Span)
        case stateSuccession(predecessor: PartyCode, successor: PartyCode, mode: SuccessionMode)
        /// The treaty ends for all. `by`: the later treaty that replaced it.
        case termination(cause: String, by: String?)
        /// A party declares a provision's trigger met: a claim recorded as made, not as true.
        case invocation(party: PartyCode, provision: String, summary: String?)
        /// A later correction of an earlier record; `replacement` is the corrected event in full.
        indirect case correction(corrects: String, replacement: Event?)
    }

    public var id: String
    /// The day the act took effect. Where the record gives only a month or a year (`date: 1993-07`), the
    /// latest day it can be (1993-07-31), and ``earliestDate`` the first.
    public var date: CalendarDate
    /// Where the record dates the act only to a month or a year (Pacta extension: ISO 8601 reduced
    /// precision, `YYYY-MM` or `YYYY`), the earliest day it can be; `nil` for an exact date.
    public var earliestDate: CalendarDate?
    public var kind: Kind
    public var recorded: CalendarDate?
    /// Who recorded the event (Pacta extension `recorded-by`): the user name `pacta record` or the server's
    /// write API gives it, so that a record made through Pacta says who made it and when (``recorded``).
    public var recordedBy: String?
    public var source: String?
    public var note: String?

    public init(
        id: String, date: CalendarDate, kind: Kind, recorded: CalendarDate? = nil, source: String? = nil,
        note: String? = nil, earliestDate: CalendarDate? = nil, recordedBy: String? = nil
    ) {
        self.recordedBy = recordedBy
        self.id = id
        self.date = date
        self.earliestDate = earliestDate
        self.kind = kind
        self.recorded = recorded
        self.source = source
        self.note = note
    }

    /// The spec's `type` name: `signature`, `consent`, `exchange-of-instruments` ...
    public var typeName: String {
        switch kind {
        case .signature: "signature"
        case .domesticStep: "domestic-step"
        case .consent: "consent"
        case .exchangeOfInstruments: "exchange-of-instruments"
        case .notification: "notification"
        case .provisionalApplication: "provisional-application"
        case .reservation: "reservation"
        case .declaration: "declaration"
        case .objection: "objection"
        case .withdrawalOfReservation: "withdrawal-of-reservation"
        case .denunciation: "denunciation"
        case .revocation: "revocation"
        case .suspension: "suspension"
        case .resumption: "resumption"
        case .stateSuccession: "state-succession"
        case .extensionOfTerm: "extension"
        case .termination: "termination"
        case .invocation: "invocation"
        case .correction: "correction"
        }
    }

    /// Every event type of the spec, by its `type` name.
    public static let typeNames: [String] = [
        "signature", "domestic-step", "consent", "exchange-of-instruments", "notification",
        "provisional-application", "reservation", "declaration", "objection", "withdrawal-of-reservation",
        "denunciation", "revocation", "suspension", "resumption", "state-succession", "extension", "termination",
        "invocation", "correction",
    ]

    /// The States or organisations the event concerns.
    public var parties: [PartyCode] {
        switch kind {
        case .signature(let party, _), .domesticStep(let party, _, _), .consent(let party, _, _, _, _),
            .notification(let party, _), .provisionalApplication(let party, _), .reservation(let party, _, _),
            .declaration(let party, _, _, _, _), .objection(let party, _, _, _), .withdrawalOfReservation(let party, _),
            .denunciation(let party, _, _), .revocation(let party, _), .invocation(let party, _, _):
            return [party]
        case .exchangeOfInstruments(let parties, _): return parties
        case .suspension(let party, _, let towards), .resumption(let party, _, let towards):
            return (party.map { [$0] } ?? []) + towards
        case .stateSuccession(let predecessor, let successor, _): return [predecessor, successor]
        case .termination, .correction, .extensionOfTerm: return []
        }
    }

    /// The date as the record gives it: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a reduced-precision date.
    public var dateText: String {
        guard let earliest = earliestDate else { return date.description }
        return earliest.month == date.month && earliest.year == date.year
            ? String(date.description.prefix(7)) : String(date.description.prefix(4))
    }

    /// The single party of a one-party event, else `nil`.
    public var party: PartyCode? {
        switch kind {
        case .signature(let party, _), .domesticStep(let party, _, _), .consent(let party, _, _, _, _),
            .notification(let party, _), .provisionalApplication(let party, _), .reservation(let party, _, _),
            .declaration(let party, _, _, _, _), .objection(let party, _, _, _), .withdrawalOfReservation(let party, _),
            .denunciation(let party, _, _), .revocation(let party, _), .invocation(let party, _, _):
            return party
        case .suspension(let party, _, _), .resumption(let party, _, _): return party
        case .exchangeOfInstruments, .stateSuccession, .termination, .correction, .extensionOfTerm: return nil
        }
    }

    /// Whether this is the engine's stand-in consent for a State that a partial record's `documented` statement
    /// binds (form ``ConsentForm/unrecorded``), not an act the file records.
    public var isDocumentedStandIn: Bool {
        if case .consent(_, .unrecorded, _, _, _) = kind { return true }
        return false
    }
}

extension Event.Kind {
    /// The order in which acts of one day take effect, whatever their order in the file: a signature before
    /// the consent it precedes, a consent before the exchange, reservation or withdrawal that presupposes it, a
    /// reservation before the objections to it. Acts of equal rank keep their file order.
    var sameDayRank: Int {
        switch self {
        case .signature: 0
        case .domesticStep: 1
        case .consent: 2
        case .exchangeOfInstruments: 3
        case .notification: 4
        case .provisionalApplication: 5
        case .reservation, .declaration: 6
        case .objection: 7
        case .withdrawalOfReservation: 8
        case .denunciation: 9
        case .revocation: 10
        case .suspension, .resumption: 11
        case .stateSuccession: 12
        case .extensionOfTerm: 13
        case .termination: 14
        case .invocation: 15
        case .correction: 16
        }
    }
}

extension Event {
    /// Whether `self` takes effect before `other`: by date, then by ``Kind/sameDayRank``.
    func precedes(_ other: Event) -> Bool {
        date != other.date ? date < other.date : kind.sameDayRank < other.kind.sameDayRank
    }

    /// Positions of `events` in the order they take effect (date, then rank, then file order).
    static func effectOrder(_ events: LogArray<Event>) -> [Int] {
        events.indices.sorted { a, b in
            if events[a].precedes(events[b]) { return true }
            if events[b].precedes(events[a]) { return false }
            return a < b
        }
    }

    /// Whether `events` are already in the order they take effect.
    static func inEffectOrder(_ events: LogArray<Event>) -> Bool {
        zip(events, events.dropFirst()).allSatisfy { !$1.precedes($0) }
    }
}

extension Event {
    /// A log with its corrections applied: each corrected event replaced by its latest correction (the one
    /// recorded last, by `recorded`, else its date; then the later in the file), whatever the file's order;
    /// the corrections themselves left out; file order kept. Spec: `correction`.
    /// - Parameters:
    ///   - known: which events (and corrections) count, e.g. those recorded by an "as known on" date.
    /// - Returns: the effective events, and for each corrected event's id the id of the correction applied.
    public static func applyingCorrections(_ events: LogArray<Event>, known: (Event) -> Bool = { _ in true })
        -> (events: LogArray<Event>, corrected: [String: String])
    {
        var replacements: [String: (event: Event, on: CalendarDate, by: String)] = [:]
        var plain = true
        // By position: iterating the array would copy each event, retaining every text it holds.
        for position in events.indices {
            switch events[position].kind {
            case .correction: break
            default: if known(events[position]) { continue }  // the common case: a known act, no copy
            }
            let event = events[position]
            guard known(event) else {
                plain = false
                continue
            }
            guard case .correction(let target, let replacement) = event.kind else { continue }
            plain = false
            guard let replacement else { continue }
            let on = event.recorded ?? event.date
            if let earlier = replacements[target], earlier.on > on { continue }
            var replaced = replacement
            replaced.id = target
            replacements[target] = (replaced, on, event.id)
        }
        // A log with every event known and no correction is its own effective log: no copy.
        if plain { return (events, [:]) }
        var effective: LogArray<Event> = []
        for event in events where known(event) {
            if case .correction = event.kind { continue }
            effective.append(replacements[event.id]?.event ?? event)
        }
        return (effective, replacements.mapValues(\.by))
    }
}
