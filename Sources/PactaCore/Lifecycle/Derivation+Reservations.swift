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
        for (index, reservation) in machine.reservations.enumerated() {
            let windowEnds = reservation.date.adding(months: 12)
            var status = ReservationStatus(
                event: reservation.event, party: reservation.party,
                kind: reservation.isDeclaration ? .declaration : .reservation, date: reservation.date,
                articles: reservation.articles, summary: reservation.summary, windowEnds: windowEnds,
                withdrawn: reservation.withdrawn?.date, responses: [])
            guard !reservation.isDeclaration else {
                statuses.append(status)
                continue
            }
            for objection in byReservation[index] where first[objections[objection].slot] < 0 {
                first[objections[objection].slot] = objection
            }
            status.responses.reserveCapacity(consentSlots.count)
            let withdrawnOn = reservation.withdrawn?.date
            for slot in consentSlots where slot != reservation.slot {
                // Each response is made in one piece: a response built and then changed would be copied.
                let consent = records[slot].consent!.date
                // A State that consented after the reservation was withdrawn never had it to answer.
                if let withdrawnOn, consent > withdrawnOn { continue }
                let deadline = max(windowEnds, consent)
                let found = first[slot]
                guard found >= 0 else {
                    status.responses.append(
                        ReservationStatus.Response(
                            state: machine.order[slot], value: deadline <= date ? .accepted : .pending,
                            acceptedOn: deadline, objection: nil,
                            basis: .noObjection(notified: reservation.date, windowEnds: windowEnds, consent: consent)))
                    continue
                }
                let objected = objections[found].date
                let precluding = objections[found].precludesEntryIntoForce
                let value: ReservationStatus.Response.Value
                let acceptedOn: CalendarDate?
                let basis: ReservationStatus.Response.Basis
                if let withdrawn = objections[found].withdrawn?.date {
                    value = .accepted
                    acceptedOn = max(deadline, withdrawn)
                    basis = .objectionWithdrawn(date: objected, withdrawn: withdrawn)
                } else if objected <= deadline {
                    value = precluding ? .objectedPrecluding : .objected
                    acceptedOn = nil
                    basis = .objection(
                        date: objected, deadline: deadline, precluding: precluding, author: reservation.party)
                    if precluding, reservation.withdrawn == nil {
                        preclude(reservation.slot, slot)
                        preclude(slot, reservation.slot)
                    }
                } else {
                    value = deadline <= date ? .accepted : .pending
                    acceptedOn = deadline
                    basis = .lateObjection(date: objected, deadline: deadline)
                    late.append((statuses.count, status.responses.count))
                }
                status.responses.append(
                    ReservationStatus.Response(
                        state: machine.order[slot], value: value, acceptedOn: acceptedOn,
                        objection: objections[found].event, basis: basis))
            }
            for objection in byReservation[index] { first[objections[objection].slot] = -1 }
            statuses.append(status)
        }
        return (statuses, precluded, late)
    }
}
