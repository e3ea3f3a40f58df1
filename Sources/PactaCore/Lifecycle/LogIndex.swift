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
    let events: [Event]
    /// The date of each of ``events``, so that the engine can walk the days without touching the events.
    let dates: [CalendarDate]
    /// How many slots the negotiating States take (the first ones).
    let negotiatingCount: Int
    /// Every party named by the negotiating States or the log, by slot.
    let parties: [PartyCode]
    /// Each party's slot.
    let slotOf: [PartyCode: Int]
    /// Per event (by position in ``events``): the slot of its one party, or -1 (exchange of
    /// instruments, succession, termination, correction, a suspension for all).
    let eventSlot: [Int32]
    /// Per event: for a reservation or declaration, its position among the log's reservations and
    /// declarations; for an objection or a withdrawal, the position of the reservation it names; else -1.
    let reservationPosition: [Int32]
    /// The parties whose codes are former ones (ISO 3166-3), by slot, with the year ISO withdrew each: found
    /// once here, so that a status need not look every party up.
    let formerParties: [(slot: Int, withdrawn: Int)]

    init(negotiatingStates: [PartyCode], events fileOrder: [Event]) {
        let events =
            Event.inEffectOrder(fileOrder) ? fileOrder : Event.effectOrder(fileOrder).map { fileOrder[$0] }
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
        for (position, event) in events.enumerated() {
            switch event.kind {
            case .exchangeOfInstruments(let list, _): for code in list { touch(code) }
            case .stateSuccession(let predecessor, let successor, _):
                touch(predecessor)
                touch(successor)
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
        self.dates = events.map(\.date)
        self.negotiatingCount = negotiatingCount
        self.parties = parties
        self.slotOf = slotOf
        self.eventSlot = eventSlot
        self.reservationPosition = reservationPosition
        self.formerParties = parties.indices.compactMap { slot in
            Derivation.formerCodes[parties[slot]].map { (slot, $0) }
        }
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
        let events: [Event]
        let negotiatingStates: [PartyCode]
        let index: LogIndex?
    }
    private let built = Mutex<Built?>(nil)

    /// The index of `events` and `negotiatingStates`, from `make` where the cache holds another log's.
    func index(events: [Event], negotiatingStates: [PartyCode], _ make: () -> LogIndex?) -> LogIndex? {
        built.withLock { built in
            if let built, Self.same(built.events, events), Self.same(built.negotiatingStates, negotiatingStates) {
                return built.index
            }
            let index = make()
            built = Built(events: events, negotiatingStates: negotiatingStates, index: index)
            return index
        }
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
