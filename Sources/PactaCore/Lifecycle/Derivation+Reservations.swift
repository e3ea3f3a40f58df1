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
        let consentSlots = machine.consentSlots
        let records = machine.records
        let objections = machine.objections
        var byReservation = [[Int]](repeating: [], count: machine.reservations.count)
        for index in objections.indices {
            if let reservation = objections[index].reservationIndex { byReservation[reservation].append(index) }
        }
        // The first objection of each party to the reservation at hand, by slot (-1: none).
        var first = [Int](repeating: -1, count: records.count)
        var precluded = [[PartyCode]](repeating: [], count: records.count)
        // Pairs already listed, by slot: a flat matrix, allocated at the first precluding objection.
        var listed: [Bool] = []
        func preclude(_ a: Int, _ b: Int) {
            if listed.isEmpty { listed = [Bool](repeating: false, count: records.count * records.count) }
            guard !listed[a * records.count + b] else { return }
            listed[a * records.count + b] = true
            precluded[a].append(machine.order[b])
        }
        var late: [(Int, Int)] = []
        var statuses: [ReservationStatus] = []
        statuses.reserveCapacity(machine.reservations.count)
        // Objections as the responses need them, shared by every reservation's rows.
        let context = ReservationStatus.Context(
            codes: machine.order,
            objections: objections.map {
                .init(
                    event: $0.event, date: $0.date, withdrawn: $0.withdrawn?.date,
                    precluding: $0.precludesEntryIntoForce)
            })
        // Each State's consent date, by slot, read once.
        var consentDay = [Int32](repeating: -1, count: records.count)
        for slot in consentSlots { consentDay[slot] = Int32(records[slot].consent!.date.ordinal) }
        let today = Int32(date.ordinal)
        var withdrawals: [Int: [(received: CalendarDate, effective: CalendarDate)]] = [:]
        for (index, reservation) in machine.reservations.enumerated() {
            let windowEnds = reservation.date.adding(months: 12)
            let window = Int32(windowEnds.ordinal)
            // Withdrawn by the State, or lapsed with its withdrawal from the treaty, whichever came first.
            // A State that leaves the treaty and joins again makes its reservations anew (VCLT arts. 19, 70(1)).
            if withdrawals[reservation.slot] == nil {
                withdrawals[reservation.slot] = withdrawalsTakingEffect(slot: reservation.slot, on: date)
            }
            let lapsed = withdrawals[reservation.slot]!.first { $0.received >= reservation.date }?.effective
            let ended = [reservation.withdrawn?.date, lapsed].compactMap { $0 }.min()
            guard !reservation.isDeclaration else {
                statuses.append(
                    ReservationStatus(
                        event: reservation.event, party: reservation.party, kind: .declaration, date: reservation.date,
                        articles: reservation.articles, summary: reservation.summary, windowEnds: windowEnds,
                        withdrawn: ended, storage: .compact(context, [])))
                continue
            }
            for objection in byReservation[index] where first[objections[objection].slot] < 0 {
                first[objections[objection].slot] = objection
            }
            var rows: [ReservationStatus.Row] = []
            rows.reserveCapacity(consentSlots.count)
            let withdrawnOn = ended.map { Int32($0.ordinal) }
            for slot in consentSlots where slot != reservation.slot {
                let consent = consentDay[slot]
                // A State that consented after the reservation was withdrawn never had it to answer.
                if let withdrawnOn, consent > withdrawnOn { continue }
                let deadline = max(window, consent)
                let found = first[slot]
                guard found >= 0 else {
                    // Withdrawn before the State's acceptance date: there was nothing left to accept.
                    if let withdrawnOn, deadline > withdrawnOn { continue }
                    rows.append(
                        .init(
                            slot: Int32(slot), value: deadline <= today ? .accepted : .pending, basis: .noObjection,
                            acceptedOn: deadline, consent: consent, objection: -1))
                    continue
                }
                let objected = Int32(objections[found].date.ordinal)
                let precluding = objections[found].precludesEntryIntoForce
                var row = ReservationStatus.Row(
                    slot: Int32(slot), value: deadline <= today ? .accepted : .pending, basis: .lateObjection,
                    acceptedOn: deadline, consent: consent, objection: Int32(found))
                if let withdrawn = objections[found].withdrawn?.date {
                    row.value = .accepted
                    row.basis = .objectionWithdrawn
                    row.acceptedOn = max(deadline, Int32(withdrawn.ordinal))
                } else if objected <= deadline {
                    row.value = precluding ? .objectedPrecluding : .objected
                    row.basis = .objection
                    row.acceptedOn = -1
                    if precluding, ended == nil {
                        preclude(reservation.slot, slot)
                        preclude(slot, reservation.slot)
                    }
                } else {
                    late.append((statuses.count, rows.count))
                }
                rows.append(row)
            }
            for objection in byReservation[index] { first[objections[objection].slot] = -1 }
            statuses.append(
                ReservationStatus(
                    event: reservation.event, party: reservation.party, kind: .reservation, date: reservation.date,
                    articles: reservation.articles, summary: reservation.summary, windowEnds: windowEnds,
                    withdrawn: ended, storage: .compact(context, rows)))
        }
        return (statuses, precluded, late)
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
    /// art. 20(5)), and each reservation made after its author's consent (VCLT art. 19: a reservation is made
    /// on signing or consenting; one made later stands only if no contracting State objects to it being late,
    /// the depositary's practice).
    /// - Parameter late: the late objections, by reservation and response position in `reservations`.
    func addReservationCaveats(_ reservations: [ReservationStatus], late: [(Int, Int)], to caveats: inout [String]) {
        if explain {
            for (reservation, response) in late {
                caveats.append(reservations[reservation].response(at: response).explanation)
            }
        }
        for reservation in machine.reservations where !reservation.isDeclaration {
            guard let consent = machine.records[reservation.slot].consent, consent.date < reservation.date
            else { continue }
            caveats.append(
                "\(reservation.party) made reservation \(reservation.event) on \(reservation.date), after its consent of \(consent.date): a reservation is made on signing or consenting (VCLT art. 19); a late one stands only if no contracting State objects to it."
            )
        }
    }
}
