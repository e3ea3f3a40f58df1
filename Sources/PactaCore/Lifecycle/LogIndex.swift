/// A log without corrections, ready for the engine: its events in the order they take effect (date, then
/// ``Event/Kind/sameDayRank``, then file order) and
/// positions for reading them without hashing: each party's slot in order of first appearance, negotiating
/// States first, and for each event its party's slot and the reservation it concerns. Built once per treaty
/// value (``Treaty/logIndex``), shared by every copy, never encoded and never compared: two treaties with
/// the same fields are equal whatever their index.
///
/// Slots are the positions ``LogMachine`` gives parties as it applies the log, so the machine for any prefix
/// of the log (a status on an earlier date) uses a prefix of the same numbering.
public final class LogIndex: Sendable, Hashable {
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
            case .suspension(let party?, _), .resumption(let party?, _): eventSlot[position] = touch(party)
            case .termination, .correction, .suspension, .resumption: break
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

    public static func == (lhs: LogIndex, rhs: LogIndex) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
