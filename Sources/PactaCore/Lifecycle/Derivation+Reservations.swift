extension Derivation {
    /// Every reservation and declaration in the log, with each other contracting State's response on `date`.
    ///
    /// VCLT art. 20(5): a reservation counts as accepted by a State that has not objected by the end of twelve
    /// months after it was notified, or by the date of that State's own consent, whichever is later. An objection
    /// made after that date comes too late to prevent acceptance (shown as a caveat). Art. 20(4)(b): an objection
    /// that says so precludes entry into force between the two States. Art. 22: a withdrawn reservation no longer
    /// operates; a withdrawn objection lets the reservation take effect from the withdrawal.
    ///
    /// - Returns: one status per reservation or declaration in log order, and for each party slot the States
    ///   with which it has no treaty relations because of a precluding objection in effect (art. 20(4)(b)).
    ///   Objections and parties are matched by position, without hashing, and the words of each response are
    ///   built only when read.
    ///   `late` lists the late objections by reservation and response position.
    func reservationStatuses(on date: CalendarDate)
        -> (statuses: [ReservationStatus], precluded: [[PartyCode]], late: [(Int, Int)])
    {
        var responses = ReservationResponses(machine, on: date)
        var statuses: [ReservationStatus] = []
        statuses.reserveCapacity(machine.reservations.count)
        var withdrawals: [Int: [(received: CalendarDate, effective: CalendarDate)]] = [:]
        for (index, reservation) in machine.reservations.enumerated() {
            let windowEnds = reservation.date.adding(months: 12)
            let ended = operationEnd(of: reservation, on: date, withdrawals: &withdrawals)
            let rows =
                reservation.isDeclaration
                ? [] : responses.rows(answering: reservation, at: index, window: windowEnds, ended: ended)
            statuses.append(
                ReservationStatus(
                    event: reservation.event, party: reservation.party,
                    kind: reservation.isDeclaration ? .declaration : .reservation, date: reservation.date,
                    articles: reservation.articles, summary: reservation.summary, windowEnds: windowEnds,
                    withdrawn: ended, storage: .compact(responses.context, rows)))
        }
        return (statuses, responses.precluded, responses.late)
    }

    /// When `reservation` stopped operating: withdrawn by its author (VCLT art. 22(1)), or lapsed with the
    /// author's withdrawal from the treaty, whichever came first; `nil` while it operates. A State that leaves
    /// the treaty and joins again makes its reservations anew (VCLT arts. 19, 70(1)).
    /// - Parameter withdrawals: each author's withdrawals from the treaty by slot, filled in as first needed.
    private func operationEnd(
        of reservation: LogMachine.ReservationRecord, on date: CalendarDate,
        withdrawals: inout [Int: [(received: CalendarDate, effective: CalendarDate)]]
    ) -> CalendarDate? {
        if withdrawals[reservation.slot] == nil {
            withdrawals[reservation.slot] = withdrawalsTakingEffect(slot: reservation.slot, on: date)
        }
        let lapsed = withdrawals[reservation.slot]!.first { $0.received >= reservation.date }?.effective
        return [reservation.withdrawn?.date, lapsed].compactMap { $0 }.min()
    }

    /// When each withdrawal of a State from the treaty took effect (on or before `date`), with the day its
    /// notice was received, in log order: the withdrawals that end its reservations.
    func withdrawalsTakingEffect(slot: Int, on date: CalendarDate) -> [(
        received: CalendarDate, effective: CalendarDate
    )] {
        guard !machine.records[slot].pastNotices.isEmpty || machine.records[slot].notice != nil else { return [] }
        // Only the dates are needed: a derivation without words computes them.
        var quiet = self
        quiet.explain = false
        let record = machine.records[slot]
        let party = machine.order[slot]
        var result = record.pastNotices.compactMap { past in
            quiet.takesEffect(past, party: party).map { (past.received, $0.effective) }
        }
        if let notice = record.notice, let found = quiet.takesEffect(notice, party: party), found.effective <= date {
            result.append((notice.received, found.effective))
        }
        return result
    }

    /// When a notice of withdrawal takes effect, with the State's date in force under the consent it withdraws
    /// (for `earliest` bounds); `nil` where it has no effect, or where the State consented again before it.
    func takesEffect(_ notice: LogMachine.NoticeRecord, party: PartyCode)
        -> (bound: CalendarDate?, effective: CalendarDate)?
    {
        let bound = notice.consent.flatMap { stateEntryIntoForce($0, party: party)?.0 }
        guard let effective = effect(of: notice, party: party, partyEntryIntoForce: bound).effective,
            notice.supersededOn.map({ effective <= $0 }) ?? true
        else { return nil }
        return (bound, effective)
    }

    // MARK: - In a status

    /// The caveats on reservations in a status: each objection made after the twelve months for it (VCLT
    /// art. 20(5)), each reservation made after its author's consent (VCLT art. 19: a reservation is made
    /// on signing or consenting; one made later stands only if no contracting State objects to it being late,
    /// the depositary's practice), and each made before a consent by ratification, acceptance, approval or formal
    /// confirmation, which must be confirmed then (art. 23(2)); the record has no confirmation to read.
    /// - Parameter late: the late objections, by reservation and response position in `reservations`.
    func addReservationCaveats(_ reservations: [ReservationStatus], late: [(Int, Int)], to caveats: inout [String]) {
        if explain {
            for (reservation, response) in late {
                caveats.append(reservations[reservation].response(at: response).explanation)
            }
        }
        for reservation in machine.reservations where !reservation.isDeclaration {
            guard let consent = machine.records[reservation.slot].consent else { continue }
            if consent.date < reservation.date {
                caveats.append(
                    "\(reservation.party) made reservation \(reservation.event) on \(reservation.date), after its consent of \(consent.date): a reservation is made on signing or consenting (VCLT art. 19); a late one stands only if no contracting State objects to it."
                )
            } else if consent.date > reservation.date,
                [.ratification, .acceptance, .approval, .formalConfirmation].contains(consent.form)
            {
                // Made on signing a treaty subject to ratification: it holds only if confirmed on consenting.
                caveats.append(
                    "\(reservation.party) made reservation \(reservation.event) on \(reservation.date), before its \(consent.form.rawValue) of \(consent.date): a reservation formulated on signing must be formally confirmed when the State consents, and is then considered made on that day (VCLT art. 23(2)); the record does not say whether it was confirmed, and its twelve months for objections (art. 20(5)) are counted here from \(reservation.date)."
                )
            }
        }
    }
}

/// The responses of the contracting States to the reservations of one status, built one reservation at a time
/// (VCLT arts. 20–22), with the pairs of States a precluding objection keeps apart and the late objections.
///
/// Objections and parties are matched by position, without hashing; one instance serves every reservation.
private struct ReservationResponses {
    /// Objections as the responses need them, shared by every reservation's rows.
    let context: ReservationStatus.Context
    /// For each slot, the States with which it has no treaty relations because of a precluding objection in
    /// effect (VCLT art. 20(4)(b)).
    private(set) var precluded: [[PartyCode]]
    /// The late objections, by reservation and response position.
    private(set) var late: [(Int, Int)] = []

    private let objections: [LogMachine.ObjectionRecord]
    private let order: [PartyCode]
    private let consentSlots: [Int]
    /// The objections to each reservation, by position in `objections`.
    private let byReservation: [[Int]]
    /// Each State's consent date, by slot, read once (-1: none).
    private let consentDay: [Int32]
    private let today: Int32
    /// The first objection of each party to the reservation at hand, by slot (-1: none).
    private var first: [Int]
    /// Pairs already listed in `precluded`, by slot: a flat matrix, allocated at the first precluding objection.
    private var listed: [Bool] = []

    /// Reads what the responses need from `machine`, for the status on `date`.
    init(_ machine: LogMachine, on date: CalendarDate) {
        let records = machine.records
        objections = machine.objections
        order = machine.order
        consentSlots = machine.consentSlots
        var byReservation = [[Int]](repeating: [], count: machine.reservations.count)
        for index in objections.indices {
            if let reservation = objections[index].reservationIndex { byReservation[reservation].append(index) }
        }
        self.byReservation = byReservation
        var consentDay = [Int32](repeating: -1, count: records.count)
        for slot in consentSlots { consentDay[slot] = Int32(records[slot].consent!.date.ordinal) }
        self.consentDay = consentDay
        today = Int32(date.ordinal)
        first = [Int](repeating: -1, count: records.count)
        precluded = [[PartyCode]](repeating: [], count: records.count)
        context = ReservationStatus.Context(
            codes: machine.order,
            objections: objections.map {
                .init(
                    event: $0.event, date: $0.date, withdrawn: $0.withdrawn?.date,
                    precluding: $0.precludesEntryIntoForce)
            })
    }

    /// Each other contracting State's response to `reservation`, the one at `index`, whose twelve months end
    /// on `window` (VCLT art. 20(5)) and which stopped operating on `ended`, if it did (art. 22).
    mutating func rows(
        answering reservation: LogMachine.ReservationRecord, at index: Int, window windowEnds: CalendarDate,
        ended: CalendarDate?
    ) -> [ReservationStatus.Row] {
        for objection in byReservation[index] where first[objections[objection].slot] < 0 {
            first[objections[objection].slot] = objection
        }
        let window = Int32(windowEnds.ordinal)
        var rows: [ReservationStatus.Row] = []
        rows.reserveCapacity(consentSlots.count)
        let withdrawnOn = ended.map { Int32($0.ordinal) }
        for slot in consentSlots where slot != reservation.slot {
            let consent = consentDay[slot]
            // A State that consented after the reservation was withdrawn never had it to answer.
            if let withdrawnOn, consent > withdrawnOn { continue }
            let deadline = max(window, consent)
            guard first[slot] >= 0 else {
                // Withdrawn before the State's acceptance date: there was nothing left to accept.
                if let withdrawnOn, deadline > withdrawnOn { continue }
                rows.append(
                    .init(
                        slot: Int32(slot), value: deadline <= today ? .accepted : .pending, basis: .noObjection,
                        acceptedOn: deadline, consent: consent, objection: -1))
                continue
            }
            let row = objectedRow(slot: slot, consent: consent, deadline: deadline)
            if row.value == .objectedPrecluding, ended == nil {
                preclude(reservation.slot, slot)
                preclude(slot, reservation.slot)
            } else if row.basis == .lateObjection {
                late.append((index, rows.count))
            }
            rows.append(row)
        }
        for objection in byReservation[index] { first[objections[objection].slot] = -1 }
        return rows
    }

    /// The response of the State in `slot`, which objected: accepted from the withdrawal of its objection
    /// (VCLT art. 22(3)(b)); objected where the objection came by `deadline`, precluding where it says so
    /// (art. 20(4)(b)); otherwise accepted or pending as if it had not objected, the objection too late
    /// (art. 20(5)).
    private func objectedRow(slot: Int, consent: Int32, deadline: Int32) -> ReservationStatus.Row {
        let found = first[slot]
        var row = ReservationStatus.Row(
            slot: Int32(slot), value: deadline <= today ? .accepted : .pending, basis: .lateObjection,
            acceptedOn: deadline, consent: consent, objection: Int32(found))
        if let withdrawn = objections[found].withdrawn?.date {
            row.value = .accepted
            row.basis = .objectionWithdrawn
            row.acceptedOn = max(deadline, Int32(withdrawn.ordinal))
        } else if Int32(objections[found].date.ordinal) <= deadline {
            let precluding = objections[found].precludesEntryIntoForce
            row.value = precluding ? .objectedPrecluding : .objected
            row.basis = .objection
            row.acceptedOn = -1
        }
        return row
    }

    /// Records that the States in slots `a` and `b` have no treaty relations (VCLT art. 20(4)(b)), once.
    private mutating func preclude(_ a: Int, _ b: Int) {
        let count = first.count
        if listed.isEmpty { listed = [Bool](repeating: false, count: count * count) }
        guard !listed[a * count + b] else { return }
        listed[a * count + b] = true
        precluded[a].append(order[b])
    }
}
