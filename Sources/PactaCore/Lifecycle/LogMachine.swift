/// A value-type state machine over one treaty's event log: each ``apply(_:)`` takes the next event
/// (in date order) and says what it did. It holds facts (who signed, who consented, what was
/// notified); dates that follow from rules are derived afterwards by ``Lifecycle``.
struct LogMachine: Sendable {
    /// A party's consent as the log records it.
    struct ConsentRecord: Sendable, Hashable {
        var form: Event.ConsentForm
        var date: CalendarDate
        var event: String
        var effectiveFrom: CalendarDate?
        /// Consent established by the exchange of instruments itself (VCLT art. 16(a)), no consent event recorded.
        var byExchange = false
        /// Consent expressed by the State's notification that its internal procedures are complete (VCLT art. 11),
        /// no consent event recorded before it.
        var byNotification = false
    }

    /// A notice of denunciation or withdrawal.
    struct NoticeRecord: Sendable, Hashable {
        var received: CalendarDate
        var namedEffective: CalendarDate?
        var event: String
        /// The consent the notice withdraws.
        var consent: ConsentRecord?
        /// The date of the State's next consent, once it consented again.
        var supersededOn: CalendarDate?
        /// A withdrawal by agreement of all the parties (VCLT art. 54(b)): it takes effect on the agreed date.
        var byAgreement = false
    }

    /// Everything the log says about one party.
    struct PartyRecord: Sendable {
        var signature: (date: CalendarDate, event: String)?
        var revokedSignature: (date: CalendarDate, event: String)?
        var consent: ConsentRecord?
        var revokedConsent: (date: CalendarDate, event: String, consent: ConsentRecord?)?
        var notice: NoticeRecord?
        /// Earlier withdrawals, superseded by a new consent.
        var pastNotices: [NoticeRecord] = []
        var notification: (date: CalendarDate, event: String)?
        var succeededBy: (code: PartyCode, date: CalendarDate, event: String)?
        /// Every successor recorded, in order (a State that breaks up has several, separations included); the
        /// first that is not a separation ends the record (``succeededBy``).
        var successors: [(code: PartyCode, date: CalendarDate, event: String)] = []
        /// The States this one succeeded (or separated from), in the order of the events.
        var succeeds: [(code: PartyCode, date: CalendarDate, event: String, mode: Event.SuccessionMode)] = []
        var continues: (code: PartyCode, date: CalendarDate, event: String)?
        var reservations: [String] = []
        var provisionalApplication: (date: CalendarDate, event: String, until: CalendarDate?)?
    }

    /// What applying an event did.
    enum Outcome: Sendable, Equatable {
        /// The event changed what the engine knows.
        case applied
        /// The event is informational (a domestic step, an invocation).
        case informational
        /// The event could not take effect; the reason is shown as a caveat.
        case ignored(String)
    }

    /// A reservation or interpretative declaration as recorded (VCLT art. 2(1)(d), 19–23).
    struct ReservationRecord: Sendable, Hashable {
        var event: String
        var party: PartyCode
        /// The party's slot in ``LogMachine/records``.
        var slot: Int
        var date: CalendarDate
        var articles: [String]
        var summary: String?
        var isDeclaration: Bool
        var withdrawn: (date: CalendarDate, event: String)?

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.event == rhs.event && lhs.withdrawn?.date == rhs.withdrawn?.date
        }
        func hash(into hasher: inout Hasher) { hasher.combine(event) }
    }

    /// An objection to a reservation (VCLT arts. 20(4)(b), 21(3)).
    /// Only what the responses need: the objecting party by slot, the reservation by position (the event's
    /// other fields stay in the log).
    struct ObjectionRecord: Sendable, Hashable {
        var event: String
        /// The objecting party's slot in ``LogMachine/records``.
        var slot: Int
        /// The position of the reservation objected to in ``LogMachine/reservations``, where it is one.
        var reservationIndex: Int?
        var date: CalendarDate
        var precludesEntryIntoForce: Bool
        var withdrawn: (date: CalendarDate, event: String)?

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.event == rhs.event && lhs.withdrawn?.date == rhs.withdrawn?.date
        }
        func hash(into hasher: inout Hasher) { hasher.combine(event) }
    }

    /// A suspension of the operation of the treaty (VCLT arts. 57–58, 72), for all or for one party, with all
    /// or (`towards`) some of the others.
    struct SuspensionRecord: Sendable, Hashable {
        var event: String
        var date: CalendarDate
        var party: PartyCode?
        var articles: [String]
        var towards: [PartyCode]
    }

    /// Every party's record, in the order parties first appear (parallel to ``order``).
    private(set) var records: [PartyRecord] = []
    /// Each party's position in ``records`` and ``order``, where no ``LogIndex`` gives it.
    private var slots: [PartyCode: Int] = [:]
    /// The treaty's positions, for a plain log read from its start: no hashing per event.
    private var index: LogIndex?
    private(set) var reservations: [ReservationRecord] = []
    /// Each reservation's position in ``reservations``, by event id.
    private var reservationIndex: [String: Int] = [:]
    private(set) var objections: [ObjectionRecord] = []
    /// Suspensions in effect (a resumption for the same party and articles ends one).
    private(set) var suspensions: [SuspensionRecord] = []
    /// Extensions of the fixed term agreed so far (`extension` events), in the order applied.
    private(set) var extensions: [(date: CalendarDate, event: String, term: Span)] = []
    /// Parties in the order they first appear.
    private(set) var order: [PartyCode] = []
    private(set) var exchange: (date: CalendarDate, event: String, place: String?)?
    private(set) var termination: (date: CalendarDate, event: String, cause: String, by: String?)?
    private(set) var caveats: [String] = []
    /// How many parties have a consent in effect (as ``consents`` lists them), and how many of those are
    /// organisations: kept as events are applied, so that a plain count needs no pass over the records.
    private(set) var consentCount = 0
    private(set) var organisationConsentCount = 0
    /// A numbered deposit (`instrument-number`): the depositary's count of instruments at that deposit.
    struct DepositaryCount: Sendable, Hashable {
        var number: Int
        var event: String
        var party: PartyCode
        var date: CalendarDate
    }

    /// The depositary's count as numbered deposits (`instrument-number`) left it: the difference the days
    /// before the open numbered day left, counting every consent or States' alone, with the deposit that set
    /// each, and the highest-numbered deposit of the day being applied. Boxed, copied on write: most logs have
    /// no numbers, and the machine is copied whole.
    private final class DepositaryState: @unchecked Sendable {
        // @unchecked: mutated only through a uniquely referenced box (``LogMachine/depositaryForWriting()``).
        var settled = (all: 0, states: 0)
        var settledSource: (all: DepositaryCount?, states: DepositaryCount?) = (nil, nil)
        var pending: DepositaryCount?

        func copy() -> DepositaryState {
            let copy = DepositaryState()
            (copy.settled, copy.settledSource, copy.pending) = (settled, settledSource, pending)
            return copy
        }
    }

    /// Whether the count of consents follows the depositary's numbers (a partial record); otherwise they are
    /// only compared with the log (``depositaryDifference(statesOnly:)``).
    let countsByDepositary: Bool
    private var depositary: DepositaryState?
    /// The day of ``DepositaryState/pending``, kept inline: every event is compared with it.
    private var openDepositaryDay: CalendarDate?
    /// Consent instruments applied (each deposit once, whatever became of it), all and States' alone: what the
    /// depositary numbers.
    private(set) var deposited = (all: 0, states: 0)

    /// Parties that ceased (succeeded other than by separation) with a consent no continuator carries, by slot:
    /// no longer in effect here (the SFRY's), though a depositary may go on counting their instruments.
    func ceasedWithConsent() -> [Int] {
        records.indices.filter { slot in
            guard records[slot].consent != nil, let successor = records[slot].succeededBy else { return false }
            return record(successor.code)?.continues?.code != order[slot]
        }
    }

    private mutating func depositaryForWriting() -> DepositaryState {
        if depositary == nil {
            depositary = DepositaryState()
        } else if !isKnownUniquelyReferenced(&depositary!) {
            depositary = depositary!.copy()
        }
        return depositary!
    }

    /// How many more instruments the depositary counted than the consents in effect in the log, by the numbered
    /// deposits applied so far: deposits the log lacks (the number less the instruments applied), and the
    /// consents of States that have since ceased, which the depositary went on counting (the SFRY's under
    /// UNCLOS). A revoked consent or a withdrawal is not counted by the depositary either. A number is set
    /// against the end of its day (consents of one day count together) and kept for later days;
    /// `statesOnly`: States' instruments alone (an organisation's number is not one of them).
    func depositaryDifference(statesOnly: Bool) -> Int {
        guard let depositary else { return 0 }
        let base = statesOnly ? depositary.settled.states : depositary.settled.all
        guard let pending = depositary.pending, !(statesOnly && pending.party.isOrganisation) else { return base }
        let ceased = ceasedWithConsent().count { !(statesOnly && order[$0].isOrganisation) }
        return max(base, pending.number - (statesOnly ? deposited.states : deposited.all) + ceased)
    }

    /// ``depositaryDifference(statesOnly:)`` where the count follows the depositary (a partial record), else 0:
    /// what a count of consents adds.
    func unrecordedInstruments(statesOnly: Bool) -> Int {
        countsByDepositary ? depositaryDifference(statesOnly: statesOnly) : 0
    }

    /// The numbered deposit behind ``depositaryDifference(statesOnly:)``, where it is above 0.
    func depositarySource(statesOnly: Bool) -> DepositaryCount? {
        guard let depositary else { return nil }
        let base = statesOnly ? depositary.settled.states : depositary.settled.all
        let difference = depositaryDifference(statesOnly: statesOnly)
        if difference > base, let pending = depositary.pending { return pending }
        return base > 0 ? (statesOnly ? depositary.settledSource.states : depositary.settledSource.all) : nil
    }

    /// Takes the depositary's number for a consent just counted (spec extension `instrument-number`).
    private mutating func countByDepositary(_ number: Int, slot: Int, _ event: Event) {
        if let pending = depositary?.pending, pending.number >= number { return }
        depositaryForWriting().pending = DepositaryCount(
            number: number, event: event.id, party: order[slot], date: event.date)
        openDepositaryDay = event.date
    }

    /// Closes the numbered day once a later one begins: what it left stays so.
    private mutating func settleDepositaryDay() {
        let all = depositaryDifference(statesOnly: false)
        let states = depositaryDifference(statesOnly: true)
        let state = depositaryForWriting()
        if all > state.settled.all { (state.settled.all, state.settledSource.all) = (all, state.pending) }
        if states > state.settled.states {
            (state.settled.states, state.settledSource.states) = (states, state.pending)
        }
        state.pending = nil
        openDepositaryDay = nil
    }

    /// Whether the party at `slot` has a consent in effect.
    private func inEffect(_ slot: Int) -> Bool { records[slot].consent != nil && records[slot].succeededBy == nil }

    /// Brings the counts up to date after the record at `slot` changed; `before` is ``inEffect(_:)`` before.
    private mutating func recount(_ slot: Int, was before: Bool) {
        let now = inEffect(slot)
        guard now != before else { return }
        let change = now ? 1 : -1
        consentCount += change
        if order[slot].isOrganisation { organisationConsentCount += change }
    }

    /// Reads on with `index`, the ``LogIndex`` of the log this machine applies with events appended after those
    /// applied so far (``LogIndex/appending(_:log:fileOrder:)``: the positions, slots and reservations applied
    /// are numbered the same in both).
    mutating func reading(_ index: LogIndex) { self.index = index }

    /// - Parameter index: the treaty's ``LogIndex``, where the events applied are the treaty's own, from the
    ///   first, at their positions (``apply(_:position:)``).
    ///   - countsByDepositary: whether numbered deposits count (a partial record).
    init(negotiatingStates: [PartyCode], capacity: Int = 0, index: LogIndex? = nil, countsByDepositary: Bool = false) {
        self.index = index
        self.countsByDepositary = countsByDepositary
        if index == nil { slots.reserveCapacity(capacity) }
        records.reserveCapacity(capacity)
        order.reserveCapacity(capacity)
        if let index {
            // The negotiating States take the first slots, in the index's order.
            order.append(contentsOf: index.parties[..<index.negotiatingCount])
            records.append(contentsOf: repeatElement(PartyRecord(), count: index.negotiatingCount))
        } else {
            for code in negotiatingStates { touch(code) }
        }
    }

    /// The party's slot, where it has one.
    func slot(of code: PartyCode) -> Int? {
        guard let index else { return slots[code] }
        guard let slot = index.slotOf[code], slot < records.count else { return nil }
        return slot
    }

    /// The party's slot, adding a record the first time it appears: one hash lookup.
    @discardableResult
    private mutating func touch(_ code: PartyCode) -> Int {
        if let index {
            return touch(slot: index.slotOf[code]!, code)
        }
        if let slot = slots[code] { return slot }
        slots[code] = records.count
        records.append(PartyRecord())
        order.append(code)
        return records.count - 1
    }

    /// The party at a slot the ``LogIndex`` gave: parties appear in slot order, so a new one comes next.
    private mutating func touch(slot: Int, _ code: PartyCode) -> Int {
        if slot == records.count {
            records.append(PartyRecord())
            order.append(code)
        }
        return slot
    }

    /// Takes the next event of the log. Events must come in date order.
    /// - Parameters:
    ///   - pointer: the event, read in place for the length of the call (the caller holds the log's buffer).
    ///     Passed as a value, each event was copied on the way in, retaining every text it holds: a sixth of
    ///     the time of a 5,000-event log.
    ///   - position: the event's position in the treaty's log, where the machine reads it by its ``LogIndex``;
    ///     ignored otherwise.
    @discardableResult
    mutating func apply(_ pointer: UnsafePointer<Event>, position: Int = -1) -> Outcome {
        if let open = openDepositaryDay, pointer.pointee.date > open { settleDepositaryDay() }
        let slot = partySlot(pointer, position: position)
        let (date, id) = (pointer.pointee.date, pointer.pointee.id)
        switch pointer.pointee.kind {
        case .signature(_, _):
            records[slot].signature = (date, id)
            records[slot].revokedSignature = nil
            return .applied
        case .consent(_, let form, _, let effectiveFrom, let number):
            return consent(slot, pointer, form: form, effectiveFrom: effectiveFrom, number: number)
        case .exchangeOfInstruments(let parties, let place):
            return exchangeOfInstruments(parties, place: place, pointer)
        case .notification(_, let of):
            records[slot].notification = (date, id)
            if of == "internal-procedures" { notified(slot, pointer) }
            return .applied
        case .provisionalApplication(_, let until):
            records[slot].provisionalApplication = (date, id, until)
            return .applied
        case .reservation(let party, let articles, let summary),
            .declaration(let party, let articles, let summary, _, _):
            var isDeclaration = false
            if case .declaration = pointer.pointee.kind { isDeclaration = true }
            reserve(slot, pointer, party: party, articles: articles, summary: summary, isDeclaration: isDeclaration)
            return .applied
        case .objection(_, let to, _, let precludes):
            objections.append(
                ObjectionRecord(
                    event: id, slot: slot, reservationIndex: reservation(named: to, position: position), date: date,
                    precludesEntryIntoForce: precludes))
            return .applied
        case .withdrawalOfReservation(let party, let to):
            return withdrawal(of: to, by: party, slot: slot, pointer, position: position)
        case .suspension(let party, let articles, let towards):
            suspensions.append(
                SuspensionRecord(event: id, date: date, party: party, articles: articles, towards: towards))
            return .applied
        case .resumption(let party, let articles, let towards):
            suspensions.removeAll {
                $0.party == party && (articles.isEmpty || $0.articles == articles)
                    && (towards.isEmpty || $0.towards == towards)
            }
            return .applied
        case .extensionOfTerm(let term):
            extensions.append((date, id, term))
            return .applied
        case .denunciation(let party, let effective, let byAgreement):
            return denunciation(by: party, slot: slot, effective: effective, byAgreement: byAgreement, pointer)
        case .revocation(let party, let target):
            return revocation(of: target, by: party, slot: slot, pointer)
        case .stateSuccession(let predecessor, let successor, let mode):
            return succession(of: predecessor, by: successor, mode: mode, pointer)
        case .termination(let cause, let by):
            if termination == nil { termination = (date, id, cause, by) }
            return .applied
        case .domesticStep, .invocation, .correction:
            return .informational
        }
    }

    /// The slot of the event's one party (-1 where it names none or several), every party it names given a slot:
    /// from the ``LogIndex`` where there is one (no hashing), else by code.
    private mutating func partySlot(_ pointer: UnsafePointer<Event>, position: Int) -> Int {
        if let index, case let known = Int(index.eventSlot[position]), known >= 0 {
            return touch(slot: known, index.parties[known])
        }
        switch pointer.pointee.kind {
        case .exchangeOfInstruments(let parties, _): for party in parties { touch(party) }
        case .stateSuccession(let predecessor, let successor, _):
            touch(predecessor)
            touch(successor)
        case .suspension(let party?, _, _), .resumption(let party?, _, _): return touch(party)
        case .termination, .correction, .suspension, .resumption, .extensionOfTerm: break
        default: if let party = pointer.pointee.party { return touch(party) }
        }
        return -1
    }

    // MARK: - Consent to be bound (VCLT arts. 11-16)

    /// A consent to be bound (VCLT arts. 11-15): the party's first consent in effect stands; a later one while it
    /// is in effect is ignored with a caveat; a consent after a denunciation's notice withdraws the notice.
    private mutating func consent(
        _ slot: Int, _ pointer: UnsafePointer<Event>, form: Event.ConsentForm, effectiveFrom: CalendarDate?,
        number: Int?
    ) -> Outcome {
        if let earlier = records[slot].consent, records[slot].notice == nil {
            // A State already bound (or consenting) does not consent again: its first consent stands.
            let numbered = number.map { " (nor does its instrument-number, \($0))" } ?? ""
            let reason =
                "\(order[slot]) consented again on \(pointer.pointee.date) (\(pointer.pointee.id)) while its consent of \(earlier.date) (\(earlier.event)) was in effect; the later instrument changes nothing\(numbered)."
            caveats.append(reason)
            return .ignored(reason)
        }
        // In place: a copy of the record would retain everything it holds.
        let before = inEffect(slot)
        if var notice = records[slot].notice {
            notice.supersededOn = pointer.pointee.date
            records[slot].pastNotices.append(notice)
            records[slot].notice = nil
        }
        records[slot].consent = ConsentRecord(
            form: form, date: pointer.pointee.date, event: pointer.pointee.id, effectiveFrom: effectiveFrom)
        records[slot].revokedConsent = nil
        recount(slot, was: before)
        deposited.all += 1
        if !order[slot].isOrganisation { deposited.states += 1 }
        if let number { countByDepositary(number, slot: slot, pointer.pointee) }
        return .applied
    }

    /// An exchange of instruments (VCLT art. 16(a)): it establishes the consent of a party that recorded none.
    private mutating func exchangeOfInstruments(
        _ parties: [PartyCode], place: String?, _ pointer: UnsafePointer<Event>
    ) -> Outcome {
        exchange = (pointer.pointee.date, pointer.pointee.id, place)
        for party in parties { consentByAct(self.slot(of: party)!, pointer, exchange: true) }
        return .applied
    }

    /// A notification that the State's internal procedures are complete (spec `notification`): the means of
    /// expressing consent the treaty agreed on (VCLT art. 11), so it establishes the consent of a State that
    /// recorded none, as an exchange of instruments does.
    private mutating func notified(_ slot: Int, _ pointer: UnsafePointer<Event>) {
        consentByAct(slot, pointer, exchange: false)
    }

    /// The consent of a State that recorded none, established by the act at `pointer`: an exchange of instruments
    /// (`exchange`) or a notification of internal procedures.
    private mutating func consentByAct(_ slot: Int, _ pointer: UnsafePointer<Event>, exchange: Bool) {
        guard records[slot].consent == nil else { return }
        let before = inEffect(slot)
        records[slot].consent = ConsentRecord(
            form: .ratification, date: pointer.pointee.date, event: pointer.pointee.id, effectiveFrom: nil,
            byExchange: exchange, byNotification: !exchange)
        recount(slot, was: before)
    }

    /// A revocation of a signature or a consent (VCLT art. 18(a), 68): ignored with a caveat where none is in
    /// effect.
    private mutating func revocation(
        of target: Event.RevocationTarget, by party: PartyCode, slot: Int, _ pointer: UnsafePointer<Event>
    ) -> Outcome {
        let (date, id) = (pointer.pointee.date, pointer.pointee.id)
        switch target {
        case .signature:
            guard records[slot].signature != nil else {
                let reason = "\(party) revoked a signature on \(date) (\(id)) but had none in effect."
                caveats.append(reason)
                return .ignored(reason)
            }
            records[slot].signature = nil
            records[slot].revokedSignature = (date, id)
        case .consent:
            guard records[slot].consent != nil else {
                let reason = "\(party) revoked a consent on \(date) (\(id)) but had none in effect."
                caveats.append(reason)
                return .ignored(reason)
            }
            let before = inEffect(slot)
            records[slot].revokedConsent = (date, id, records[slot].consent)
            records[slot].consent = nil
            recount(slot, was: before)
        }
        return .applied
    }

    // MARK: - Reservations (VCLT arts. 19-23)

    /// A reservation or an interpretative declaration (VCLT art. 19).
    private mutating func reserve(
        _ slot: Int, _ pointer: UnsafePointer<Event>, party: PartyCode, articles: [String], summary: String?,
        isDeclaration: Bool
    ) {
        records[slot].reservations.append(pointer.pointee.id)
        if index == nil { reservationIndex[pointer.pointee.id] = reservations.count }
        reservations.append(
            ReservationRecord(
                event: pointer.pointee.id, party: party, slot: slot, date: pointer.pointee.date, articles: articles,
                summary: summary, isDeclaration: isDeclaration))
    }

    /// The withdrawal of a reservation or of an objection (VCLT art. 22): only its author's, only once.
    private mutating func withdrawal(
        of target: String, by party: PartyCode, slot: Int, _ pointer: UnsafePointer<Event>, position: Int
    ) -> Outcome {
        let (date, id) = (pointer.pointee.date, pointer.pointee.id)
        if let index = reservation(named: target, position: position), reservations[index].party == party {
            if let earlier = reservations[index].withdrawn {
                let reason =
                    "\(party) withdrew \(target) again on \(date) (\(id)); it was withdrawn on \(earlier.date) (\(earlier.event)), which stands."
                caveats.append(reason)
                return .ignored(reason)
            }
            reservations[index].withdrawn = (date, id)
            return .applied
        }
        if let index = objections.firstIndex(where: { $0.event == target && $0.slot == slot }) {
            objections[index].withdrawn = (date, id)
            return .applied
        }
        let reason =
            "\(party) withdrew \(target) on \(date) (\(id)), but \(target) is not a reservation or objection of \(party)."
        caveats.append(reason)
        return .ignored(reason)
    }

    // MARK: - Denunciation and withdrawal (VCLT arts. 54, 56, 67)

    /// A notice of denunciation or withdrawal (VCLT arts. 56, 67): it runs from the consent in effect; without one
    /// it has no effect (a caveat).
    private mutating func denunciation(
        by party: PartyCode, slot: Int, effective: CalendarDate?, byAgreement: Bool, _ pointer: UnsafePointer<Event>
    ) -> Outcome {
        guard let consent = records[slot].consent else {
            let reason =
                "\(party) gave notice of denunciation on \(pointer.pointee.date) (\(pointer.pointee.id)) without a consent in effect; the notice has no effect."
            caveats.append(reason)
            return .ignored(reason)
        }
        // One notice at a time: a later one (before any new consent) neither replaces a notice still running nor
        // brings back a State whose withdrawal took effect; the record changes a notice by a correction.
        if let first = records[slot].notice {
            let reason =
                "\(party) gave notice of denunciation again on \(pointer.pointee.date) (\(pointer.pointee.id)) after its notice of \(first.received) (\(first.event)), with no consent between: the first notice stands and the later one has no effect; a notice is changed by a correction of it."
            caveats.append(reason)
            return .ignored(reason)
        }
        records[slot].notice = NoticeRecord(
            received: pointer.pointee.date, namedEffective: effective, event: pointer.pointee.id, consent: consent,
            byAgreement: byAgreement)
        return .applied
    }

    // MARK: - Succession of States (Vienna Convention of 1978)

    /// A succession: a separation leaves the predecessor in being; otherwise the first succession ends it, and a
    /// continuation carries its signature, consent, notice and reservations over to the successor.
    private mutating func succession(
        of predecessor: PartyCode, by successor: PartyCode, mode: Event.SuccessionMode, _ pointer: UnsafePointer<Event>
    ) -> Outcome {
        let (date, id) = (pointer.pointee.date, pointer.pointee.id)
        let from = self.slot(of: predecessor)!
        let to = self.slot(of: successor)!
        let predecessorBefore = inEffect(from)
        let successorBefore = inEffect(to)
        records[from].successors.append((successor, date, id))
        records[to].succeeds.append((predecessor, date, id, mode))
        if mode == .separation { return .applied }
        if records[from].succeededBy == nil { records[from].succeededBy = (successor, date, id) }
        if mode == .continuation {
            // The successor continues the predecessor's legal personality: its signature, consent and notices.
            let old = records[from]
            var new = records[to]
            new.signature = new.signature ?? old.signature
            new.consent = new.consent ?? old.consent
            new.notice = new.notice ?? old.notice
            new.reservations = old.reservations + new.reservations
            new.continues = (predecessor, date, id)
            records[to] = new
        }
        recount(from, was: predecessorBefore)
        if to != from { recount(to, was: successorBefore) }
        return .applied
    }

    /// Adds a caveat found after the log was applied.
    mutating func note(_ caveat: String) { caveats.append(caveat) }

    /// Undoes the revocation of the consent at `slot`, which came too late to have effect, with the reason.
    mutating func undoRevocation(at slot: Int, because reason: String) {
        guard let revoked = records[slot].revokedConsent, let consent = revoked.consent else { return }
        let before = inEffect(slot)
        records[slot].consent = consent
        records[slot].revokedConsent = nil
        recount(slot, was: before)
        caveats.append(reason)
    }

    /// The position in ``reservations`` of the reservation with event id `id`, named by the event at
    /// `position`.
    private func reservation(named id: String, position: Int) -> Int? {
        guard let index else { return reservationIndex[id] }
        // The index numbered the reservations in the order the machine appends them: the position is the id's.
        let found = Int(index.reservationPosition[position])
        return found >= 0 && found < reservations.count ? found : nil
    }

    /// The party's record.
    func record(_ code: PartyCode) -> PartyRecord? { slot(of: code).map { records[$0] } }

    /// Parties with a consent in effect: not revoked, and not a predecessor State that has been succeeded.
    var consents: [(code: PartyCode, consent: ConsentRecord)] {
        consentSlots.map { (order[$0], records[$0].consent!) }
    }

    /// The slots of the parties in ``consents``, in the same order.
    var consentSlots: [Int] {
        records.indices.filter(inEffect)
    }

    /// Parties with a signature in effect.
    var signatories: [PartyCode] {
        order.indices.filter { records[$0].signature != nil }.map { order[$0] }
    }
}
