import Synchronization

/// A log without corrections, ready for the engine: its events in the order they take effect (date, then
/// ``Event/Kind/sameDayRank``, then file order) and
/// positions for reading them without hashing: each party's slot in order of first appearance, negotiating
/// States first, and for each event its party's slot and the reservation it concerns. Built by the engine the
/// first time it reads a log (``Treaty/logIndex``), kept in the treaty's ``LogCache`` while the log is unchanged,
/// never encoded; internal to the engine.
///
/// Slots are the positions ``LogMachine`` gives parties as it applies the log, so the machine for any prefix
/// of the log (a status on an earlier date) uses a prefix of the same numbering.
final class LogIndex: Sendable {
    /// The log in the order acts take effect: the treaty's own array where it is in that order.
    let events: LogArray<Event>
    /// The date of each of ``events``, so that the engine can walk the days without touching the events.
    let dates: LogArray<CalendarDate>
    /// How many slots the negotiating States take (the first ones).
    let negotiatingCount: Int
    /// Every party named by the negotiating States or the log, by slot.
    let parties: [PartyCode]
    /// Each party's slot.
    let slotOf: [PartyCode: Int]
    /// Per event (by position in ``events``): the slot of its one party, or -1 (exchange of
    /// instruments, succession, termination, correction, a suspension for all).
    let eventSlot: LogArray<Int32>
    /// Per event: for a reservation or declaration, its position among the log's reservations and
    /// declarations; for an objection or a withdrawal, the position of the reservation it names; else -1.
    let reservationPosition: LogArray<Int32>
    /// The parties whose codes are former ones (ISO 3166-3), by slot, with the year ISO withdrew each: found
    /// once here, so that a status need not look every party up.
    let formerParties: [(slot: Int, withdrawn: Int)]
    /// Each reservation's and declaration's position among them, by event id (what ``reservationPosition``
    /// numbers), kept so that an appended objection finds the reservation it names.
    let reservationOf: [String: Int32]
    /// The positions in ``events`` of the log's state successions, so that a question about them (has this State
    /// ceased?) does not read the whole log.
    let successions: [Int32]

    init(negotiatingStates: [PartyCode], events fileOrder: LogArray<Event>) {
        let events =
            Event.inEffectOrder(fileOrder) ? fileOrder : LogArray(Event.effectOrder(fileOrder).map { fileOrder[$0] })
        var parties: [PartyCode] = []
        var slotOf: [PartyCode: Int] = [:]
        parties.reserveCapacity(negotiatingStates.count + 8)
        @discardableResult
        func touch(_ code: PartyCode) -> Int32 {
            if let slot = slotOf[code] { return Int32(slot) }
            slotOf[code] = parties.count
            parties.append(code)
            return Int32(parties.count - 1)
        }
        for code in negotiatingStates { touch(code) }
        let negotiatingCount = parties.count
        var eventSlot = [Int32](repeating: -1, count: events.count)
        var reservationPosition = [Int32](repeating: -1, count: events.count)
        var reservations: [String: Int32] = [:]
        var successions: [Int32] = []
        for position in events.indices {
            let event = events[position]
            switch event.kind {
            case .exchangeOfInstruments(let list, _): for code in list { touch(code) }
            case .stateSuccession(let predecessor, let successor, _):
                touch(predecessor)
                touch(successor)
                successions.append(Int32(position))
            case .suspension(let party?, _, _), .resumption(let party?, _, _): eventSlot[position] = touch(party)
            case .termination, .correction, .suspension, .resumption, .extensionOfTerm: break
            default: if let party = event.party { eventSlot[position] = touch(party) }
            }
            switch event.kind {
            case .reservation, .declaration:
                reservationPosition[position] = Int32(reservations.count)
                reservations[event.id] = Int32(reservations.count)
            case .objection(_, let to, _, _), .withdrawalOfReservation(_, let to):
                reservationPosition[position] = reservations[to] ?? -1
            default: break
            }
        }
        self.events = events
        self.dates = LogArray(events.lazy.map(\.date))
        self.negotiatingCount = negotiatingCount
        self.parties = parties
        self.slotOf = slotOf
        self.eventSlot = LogArray(eventSlot)
        self.reservationPosition = LogArray(reservationPosition)
        self.formerParties = parties.indices.compactMap { slot in
            Derivation.formerCodes[parties[slot]].map { (slot, $0) }
        }
        self.reservationOf = reservations
        self.successions = successions
    }

    private init(
        events: LogArray<Event>, dates: LogArray<CalendarDate>, negotiatingCount: Int, parties: [PartyCode],
        slotOf: [PartyCode: Int], eventSlot: LogArray<Int32>, reservationPosition: LogArray<Int32>,
        formerParties: [(slot: Int, withdrawn: Int)],
        reservationOf: [String: Int32], successions: [Int32]
    ) {
        self.events = events
        self.dates = dates
        self.negotiatingCount = negotiatingCount
        self.parties = parties
        self.slotOf = slotOf
        self.eventSlot = eventSlot
        self.reservationPosition = reservationPosition
        self.formerParties = formerParties
        self.reservationOf = reservationOf
        self.successions = successions
    }

    /// The index of `log`, which is this index's log with `event` appended in file order: built from this one
    /// where `event` takes effect last (no earlier date or same-day rank than the last event), so that its
    /// position in effect order is the end; `nil` otherwise (a full build is then needed), and for a correction.
    /// - Parameter fileOrder: whether this index's ``events`` are the treaty's own array (the log was in effect
    ///   order): the new index then reads `log` itself.
    /// - Complexity: O(events) to copy the position arrays, against hashing every party of the log again.
    func appending(_ event: Event, log: LogArray<Event>, fileOrder: Bool) -> LogIndex? {
        if case .correction = event.kind { return nil }
        if let last = events.last, event.precedes(last) { return nil }
        var parties = parties
        var slotOf = slotOf
        var formerParties = formerParties
        @discardableResult
        func touch(_ code: PartyCode) -> Int32 {
            if let slot = slotOf[code] { return Int32(slot) }
            slotOf[code] = parties.count
            parties.append(code)
            if let withdrawn = Derivation.formerCodes[code] { formerParties.append((parties.count - 1, withdrawn)) }
            return Int32(parties.count - 1)
        }
        var slot: Int32 = -1
        var successions = successions
        switch event.kind {
        case .exchangeOfInstruments(let list, _): for code in list { touch(code) }
        case .stateSuccession(let predecessor, let successor, _):
            touch(predecessor)
            touch(successor)
            successions.append(Int32(events.count))
        case .suspension(let party?, _, _), .resumption(let party?, _, _): slot = touch(party)
        case .termination, .correction, .suspension, .resumption, .extensionOfTerm: break
        default: if let party = event.party { slot = touch(party) }
        }
        var reservationOf = reservationOf
        var reservation: Int32 = -1
        switch event.kind {
        case .reservation, .declaration:
            reservation = Int32(reservationOf.count)
            reservationOf[event.id] = reservation
        case .objection(_, let to, _, _), .withdrawalOfReservation(_, let to):
            reservation = reservationOf[to] ?? -1
        default: break
        }
        // The log in effect order is the treaty's own array where this index's was; else this one's and the event.
        // Each array is appended in place where this index's ends where its buffer does (the usual case: the
        // index of the treaty's latest log), so that this costs the event, not the log.
        var ordered = events
        if fileOrder { ordered = log } else { ordered.append(event) }
        var dates = dates
        dates.append(event.date)
        var eventSlot = eventSlot
        eventSlot.append(slot)
        var reservationPosition = reservationPosition
        reservationPosition.append(reservation)
        return LogIndex(
            events: ordered, dates: dates, negotiatingCount: negotiatingCount, parties: parties, slotOf: slotOf,
            eventSlot: eventSlot, reservationPosition: reservationPosition, formerParties: formerParties,
            reservationOf: reservationOf, successions: successions)
    }

}

/// The engine's cache of a treaty's log: the ``LogIndex`` of the events and negotiating States it was last built
/// for, and those arrays. A lookup gives the index only where the treaty's arrays are the very ones it was built
/// for (the same storage and count): while the cache holds them, nothing can change them in place (a change
/// copies them first), so the same storage means the same content. Appending events one by one thus costs
/// nothing until the log is next read, and then one build.
///
/// It is not part of a treaty's value: two caches compare equal and hash alike, so a treaty's value is its fields.
/// Copies of a treaty share one cache; thread-safe.
final class LogCache: Sendable, Hashable {
    private struct Built: Sendable {
        let events: LogArray<Event>
        let negotiatingStates: [PartyCode]
        let index: LogIndex?
    }
    private let built = Mutex<Built?>(nil)
    /// Where the log is another cache's log with one event appended (``Treaty/appendEvent(_:)``): that cache's
    /// build, which the first lookup extends instead of building anew.
    private let base: Built?

    init() { base = nil }

    /// What the stand-in consents of a partial record's documented date of entry into force are made from
    /// (``Derivation/adding(_:on:to:)``): with the log this cache is for, they are the same events.
    struct StandInKey: Hashable, Sendable {
        var treaty: String
        var source: String?
        var date: CalendarDate
        var codes: [PartyCode]
    }

    /// The log with its stand-in consents, and the cache of that log, kept from the first status that made them:
    /// every status from the documented date on adds the same ones, and each would otherwise build the index of a
    /// log of its own (a list's steps compute a status per date: quadratic in the log). Held as long as this
    /// cache (the treaty's log unchanged): the log twice over, for such treaties only.
    private let standIns = Mutex<(key: StandInKey, events: LogArray<Event>, cache: LogCache)?>(nil)

    /// The log with the stand-in consents `key` describes, from `make` the first time (or where `key` differs
    /// from the one kept), with the cache of that log.
    func standIns(_ key: StandInKey, _ make: () -> LogArray<Event>) -> (LogArray<Event>, LogCache) {
        standIns.withLock { kept in
            if let kept, kept.key == key { return (kept.events, kept.cache) }
            let made = (key: key, events: make(), cache: LogCache())
            kept = made
            return (made.events, made.cache)
        }
    }

    /// A cache for a log that is `previous`'s log with one event appended and otherwise unchanged.
    init(appendingTo previous: LogCache) { base = previous.built.withLock { $0 } }

    /// The index of `events` and `negotiatingStates`, from `make` where the cache holds another log's.
    func index(events: LogArray<Event>, negotiatingStates: [PartyCode], _ make: () -> LogIndex?) -> LogIndex? {
        built.withLock { built in
            if let built, built.events.sharesStorage(with: events),
                Self.same(built.negotiatingStates, negotiatingStates)
            {
                return built.index
            }
            let index = extended(events, negotiatingStates) ?? make()
            built = Built(events: events, negotiatingStates: negotiatingStates, index: index)
            return index
        }
    }

    /// The base's index extended by the one event appended to its log, where the base was built for that log
    /// less its last event (and the same negotiating States) and the event takes effect last.
    private func extended(_ events: LogArray<Event>, _ negotiatingStates: [PartyCode]) -> LogIndex? {
        guard let base, let index = base.index, let event = events.last, base.events.count + 1 == events.count,
            base.negotiatingStates == negotiatingStates
        else { return nil }
        let fileOrder = index.events.sharesStorage(with: base.events)
        return index.appending(event, log: events, fileOrder: fileOrder)
    }

    /// Whether two arrays share their storage (and so, while one is held here, their content).
    private static func same<Element>(_ lhs: [Element], _ rhs: [Element]) -> Bool {
        lhs.count == rhs.count
            && lhs.withUnsafeBufferPointer { left in rhs.withUnsafeBufferPointer { left.baseAddress == $0.baseAddress }
            }
    }

    static func == (lhs: LogCache, rhs: LogCache) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
