extension Derivation {
    /// Every reservation and declaration in the log, with each other contracting State's response on `date`.
    ///
    /// VCLT art. 20(5): a reservation counts as accepted by a State that has not objected by the end of twelve
    /// months after it was notified, or by the date of that State's own consent, whichever is later. An objection
    /// made after that date comes too late to prevent acceptance (shown as a caveat). Art. 20(4)(b): an objection
    /// that says so precludes entry into force between the two States. Art. 22: a withdrawn reservation no longer
    /// operates; a withdrawn objection lets the reservation take effect from the withdrawal.
    func reservationStatuses(on date: CalendarDate) -> [ReservationStatus] {
        let consents = machine.consents
        var objections: [String: [PartyCode: LogMachine.ObjectionRecord]] = [:]
        for objection in machine.objections where objections[objection.reservation]?[objection.party] == nil {
            objections[objection.reservation, default: [:]][objection.party] = objection
        }
        return machine.reservations.map { reservation in
            let windowEnds = reservation.date.adding(months: 12)
            var status = ReservationStatus(
                event: reservation.event, party: reservation.party,
                kind: reservation.isDeclaration ? .declaration : .reservation, date: reservation.date,
                articles: reservation.articles, summary: reservation.summary, windowEnds: windowEnds,
                withdrawn: reservation.withdrawn?.date, responses: [])
            guard !reservation.isDeclaration else { return status }
            for (code, consent) in consents where code != reservation.party {
                let deadline = max(windowEnds, consent.date)
                let objection = objections[reservation.event]?[code]
                var response = ReservationStatus.Response(
                    state: code, value: deadline <= date ? .accepted : .pending, acceptedOn: deadline, objection: nil,
                    explanation: "")
                if let objection {
                    response.objection = objection.event
                    if let withdrawn = objection.withdrawn {
                        response.value = .accepted
                        response.acceptedOn = max(deadline, withdrawn.date)
                        response.explanation =
                            explain
                            ? "\(code) objected on \(objection.date) (\(objection.event)) and withdrew the objection on \(withdrawn.date): the reservation operates for it from \(response.acceptedOn!) (VCLT art. 22(3)(b))."
                            : ""
                    } else if objection.date <= deadline {
                        response.value = objection.precludesEntryIntoForce ? .objectedPrecluding : .objected
                        response.acceptedOn = nil
                        response.explanation =
                            explain
                            ? "\(code) objected on \(objection.date) (\(objection.event)), within the time of art. 20(5) (by \(deadline))"
                                + (objection.precludesEntryIntoForce
                                    ? "; it declared that the treaty does not enter into force between it and \(reservation.party) (art. 20(4)(b))."
                                    : "; the provisions concerned do not apply between the two to the extent of the reservation (art. 21(3)).")
                            : ""
                    } else {
                        response.lateObjection = true
                        response.explanation =
                            explain
                            ? "\(code) objected on \(objection.date) (\(objection.event)), after \(deadline): too late to prevent acceptance under art. 20(5); recorded as a communication."
                            : ""
                    }
                } else if explain {
                    let basis =
                        consent.date > windowEnds
                        ? "its own consent on \(consent.date), after the twelve months ended on \(windowEnds)"
                        : "twelve months after notification on \(reservation.date)"
                    response.explanation =
                        response.value == .accepted
                        ? "\(code) raised no objection: accepted on \(deadline) (\(basis); VCLT art. 20(5))."
                        : "\(code) may object until \(deadline) (\(basis)); absent an objection it counts as accepted then (VCLT art. 20(5))."
                }
                status.responses.append(response)
            }
            return status
        }
    }

    /// For each State, the States with which it has no treaty relations because of a precluding objection in
    /// effect (VCLT art. 20(4)(b)). One pass over the responses.
    func precluded(in reservations: [ReservationStatus]) -> [PartyCode: [PartyCode]] {
        var result: [PartyCode: [PartyCode]] = [:]
        func add(_ a: PartyCode, _ b: PartyCode) {
            if !(result[a]?.contains(b) ?? false) { result[a, default: []].append(b) }
        }
        for reservation in reservations where reservation.withdrawn == nil {
            for response in reservation.responses where response.value == .objectedPrecluding {
                add(reservation.party, response.state)
                add(response.state, reservation.party)
            }
        }
        return result
    }
}
