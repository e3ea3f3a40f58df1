extension Derivation {
    /// The date the treaty enters into force for a State that consented on `consent`, with the words of the
    /// derivation (empty when explanations are off).
    ///
    /// VCLT art. 24(3) where the treaty has no `later-consent` rule: the later of the consent and the treaty's
    /// own date. Otherwise the rule decides which consents it governs (`after`, strictly), moves their dates by
    /// its delay, and never lets a State's date fall before the treaty's.
    /// - Returns: the date and the words, or `nil` while the treaty's date is unknown.
    ///   `nil` too where that date falls on or after the treaty's end: it never enters into force for the State.
    func stateEntryIntoForce(_ consent: LogMachine.ConsentRecord, party: PartyCode) -> (CalendarDate, String)? {
        guard let found = stateEntryIntoForceIgnoringEnd(consent, party: party) else { return nil }
        if let ending, found.0 >= ending.date { return nil }
        return found
    }

    private func stateEntryIntoForceIgnoringEnd(_ consent: LogMachine.ConsentRecord, party: PartyCode)
        -> (CalendarDate, String)?
    {
        guard let eif = entryIntoForce, let met = conditionsMet?.date else { return nil }
        let own = consent.effectiveFrom ?? consent.date
        if consent.form == .succession, treaty.kind == .multilateral,
            let (from, basis) = successionDate(consent, party: party)
        {
            // A notification of succession binds from the date of the succession of States (the date it names,
            // else the recorded change of State), not after the delay for new consents; never before the
            // treaty's own entry into force (Vienna Convention on Succession of States in respect of Treaties,
            // 1978, arts. 23 and 36 set the later of the two).
            let date = max(from, eif)
            guard explain else { return (date, "") }
            return (
                date,
                "Succession notified on \(consent.date) with effect from \(from)\(basis)"
                    + (from < eif
                        ? ", before the treaty's entry into force: bound from \(eif)." : ": bound from that date.")
            )
        }
        let (date, rule, governed) = stateDate(own: own, party: party, eif: eif, met: met)
        guard explain else { return (date, "") }
        let form =
            consent.form == .unrecorded
            ? "Consent documented by the official record"
            : String(consent.form.rawValue.map { $0 == "-" ? " " : $0 }).capitalizedFirst
        if treaty.kind == .bilateral { return (date, "The treaty entered into force for both parties on \(eif).") }
        guard let rule else {
            return own <= eif
                ? (
                    date,
                    own == eif
                        ? "\(form) of \(own), the day the treaty entered into force: bound from that day."
                        : "\(form) of \(own) came before the treaty's entry into force: bound from \(eif)."
                )
                : (
                    date,
                    "\(form) of \(own), after the treaty's entry into force: bound from that date (VCLT art. 24(3))."
                )
        }
        guard governed else {
            return own <= met
                ? (date, "\(form) of \(own) counts with those that brought the treaty into force: bound from \(eif).")
                : (
                    date,
                    "\(form) of \(own), after the conditions were met (\(met)) but not after the treaty's entry into force: bound from \(eif) (the later-consent rule governs consents after entry into force)."
                )
        }
        let after = rule.after == .conditionsMet ? "conditions were met (\(met))" : "treaty's entry into force (\(eif))"
        var text = "\(form) of \(own), after the \(after): \(rule.delay.explain(from: own))"
        if rule.delay.apply(to: own) < eif { text += "; not before the treaty's own entry into force, \(eif)" }
        return (date, text + ".")
    }

    /// The date a notification of succession takes effect from, and where that date comes from: the
    /// `effective-from` it names, else the State's recorded succession to (or separation from) another, where
    /// that came first. `nil` where neither is recorded.
    func successionDate(_ consent: LogMachine.ConsentRecord, party: PartyCode) -> (CalendarDate, String)? {
        if let from = consent.effectiveFrom { return (from, "") }
        guard let change = machine.record(party)?.succeeds.last(where: { $0.mode != .continuation }),
            change.date <= consent.date
        else { return nil }
        // Name the source where the date comes from the corpus's table of successions.
        let source = treaty.events.first { $0.id == change.event }?.source.flatMap { key in
            key.hasPrefix("successions:") ? treaty.sources[key]?.title : nil
        }
        return (
            change.date,
            " (the succession of States to \(change.code), \(change.event)"
                + (source.map { "; date from the table of successions, source: \($0)" } ?? "") + ")"
        )
    }

    /// The arithmetic of ``stateEntryIntoForce(_:party:)``: the date, the later-consent rule that applied
    /// (`nil`: VCLT art. 24(3)), and whether the rule governs this consent.
    private func stateDate(own: CalendarDate, party: PartyCode, eif: CalendarDate, met: CalendarDate)
        -> (CalendarDate, LaterConsentRule?, Bool)
    {
        if treaty.kind == .bilateral { return (eif, nil, false) }
        guard var rule = treaty.rules.laterConsent else { return (max(own, eif), nil, false) }
        if party.isOrganisation, let organisations = rule.organisations { rule = organisations.rule }
        let governed = rule.after == .conditionsMet ? own > met : own > eif
        return governed ? (max(rule.delay.apply(to: own), eif), rule, true) : (eif, rule, false)
    }

    /// The status of the treaty and of each State on `on`.
    func status(on date: CalendarDate) -> TreatyStatus {
        var explanation: [String] = []
        var caveats = machine.caveats
        let value: TreatyStatus.Value
        if date < treaty.adopted.date {
            value = .notAdopted
            note(
                &explanation,
                "Not yet adopted on \(date): the text was \(treaty.kind == .bilateral ? "signed" : "adopted") on \(treaty.adopted.date)."
            )
        } else if let ending, ending.date <= date {
            value = .terminated
            explanation += entryIntoForceExplanation
            note(&explanation, ending.explanation)
        } else if let eif = entryIntoForce, eif <= date {
            value = .inForce
            explanation += entryIntoForceExplanation
            note(&explanation, "In force since \(eif).")
            if let ending { note(&explanation, ending.explanation) }
        } else {
            value = .notInForce
            if let eif = entryIntoForce {
                explanation += entryIntoForceExplanation
                note(&explanation, "Not yet in force: enters into force on \(eif).")
            } else {
                if let rule = treaty.rules.entryIntoForce {
                    let article = rule.article.map { "Art. \($0)" } ?? "The treaty's final clause"
                    note(&explanation, "\(article): enters into force \(Derivation.describe(rule)).")
                }
                let evaluator = ConditionEvaluator(treaty: treaty, engine: engine, depth: depth)
                let condition =
                    treaty.rules.entryIntoForce?.condition ?? .allOf(.named("negotiating-states"), ConsentFilter())
                let pending = evaluator.check(condition, machine: machine, on: date)
                note(&explanation, "Not in force on \(date): " + pending.reasons.joined(separator: "; ") + ".")
            }
        }
        // Each event once, in order (a pairwise test was quadratic in a treaty's consents).
        var used = conditionsMet?.events ?? []
        if used.count > 1 {
            var seen = Set<String>(minimumCapacity: used.count)
            used = used.filter { seen.insert($0).inserted }
        }
        if let event = ending?.event, ending!.date <= date, !used.contains(event) { used.append(event) }

        let (reservations, precludedWith, late) =
            machine.reservations.isEmpty ? ([], [], []) : reservationStatuses(on: date)
        // Rows are built without words; each row's words are put together from this derivation when read.
        var quiet = self
        quiet.explain = false
        var states = machine.order.indices.map { quiet.row(slot: $0, on: date, treatyStatus: value) }
        let explained = explain ? ExplainedDerivation(ready: self) : nil
        for index in states.indices {
            let others = precludedWith.isEmpty ? [] : precludedWith[index]
            states[index].notInForceWith = others
            guard let explained else { continue }
            states[index].words = Explanation(explained) { derivation in
                var lines = derivation.row(slot: index, on: date, treatyStatus: value).explanation
                if !others.isEmpty {
                    lines.append(
                        "Not in force between it and \(others.map(\.rawValue).joined(separator: ", ")): an objection precludes it (VCLT art. 20(4)(b))."
                    )
                }
                return lines
            }
        }
        if !reservations.isEmpty {
            if explain {
                for (reservation, response) in late {
                    caveats.append(reservations[reservation].response(at: response).explanation)
                }
            }
            // VCLT art. 19: a reservation is made on signing or consenting; one made later stands only if no
            // contracting State objects to it being late (the depositary's practice).
            for reservation in machine.reservations where !reservation.isDeclaration {
                guard let consent = machine.records[reservation.slot].consent, consent.date < reservation.date
                else { continue }
                caveats.append(
                    "\(reservation.party) made reservation \(reservation.event) on \(reservation.date), after its consent of \(consent.date): a reservation is made on signing or consenting (VCLT art. 19); a late one stands only if no contracting State objects to it."
                )
            }
        }
        let suspensions = machine.suspensions.map {
            TreatyStatus.Suspension(since: $0.date, party: $0.party, articles: $0.articles, event: $0.event)
        }
        for suspension in suspensions {
            let articles =
                suspension.articles.isEmpty
                ? "The treaty's operation" : "The operation of art. \(suspension.articles.joined(separator: ", "))"
            let whom = suspension.party.map { " for \($0)" } ?? ""
            note(
                &explanation,
                "\(articles) is suspended\(whom) since \(suspension.since) (\(suspension.event); VCLT arts. 57–58, 72)."
            )
        }
        for state in states { caveats += state.caveats }
        // A former code still shown as taking part after ISO withdrew it: a change of State left unrecorded. The
        // treaty's index lists the former codes (rows follow its slots); without it, every row is looked up.
        let former =
            log.index?.formerParties.filter { $0.slot < states.count }
            ?? states.indices.compactMap { slot in Derivation.formerCodes[states[slot].code].map { (slot, $0) } }
        for (slot, withdrawn) in former {
            let state = states[slot]
            guard state.ceased == nil, state.status != .none, state.status != .withdrawn, withdrawn < date.year
            else { continue }
            caveats.append(
                "\(state.code) is shown as \(state.status.rawValue) on \(date), but ISO 3166 withdrew the code in \(withdrawn): where that State ceased or took another name, record the state-succession (continuation, succession or separation)."
            )
        }
        // Before the documented date, a record that does not yet give one is as expected.
        if let documented = treaty.documented?.entryIntoForce, documented != entryIntoForce,
            entryIntoForce != nil || date >= documented
        {
            let source = treaty.documented?.source.map { " (source: \($0))" } ?? ""
            caveats.append(
                "An official record gives entry into force on \(documented)\(source), but the events in this file give "
                    + (entryIntoForce.map { "\($0)" } ?? "no date") + ": the event log is incomplete or wrong.")
        }
        if let count = treaty.rules.entryIntoForce?.condition.partyCount, count.takesDepositaryCount,
            case let statesOnly = count.statesOnly,
            case let difference = machine.depositaryDifference(statesOnly: statesOnly), difference > 0,
            let number = machine.depositarySource(statesOnly: statesOnly)
        {
            let ceased = machine.ceasedWithConsent().map { machine.order[$0].rawValue }
            let why =
                ceased.isEmpty
                ? "instruments this file lacks"
                : "instruments this file lacks, or those of States that have since ceased: \(ceased.joined(separator: ", "))"
            let counted =
                "By the depositary's count, \(number.party)'s instrument of \(number.date) (\(number.event)) was the \(Derivation.ordinal(number.number)), \(difference) more than the consents in effect in this file that day (\(why))"
            caveats.append(
                machine.countsByDepositary
                    ? counted + "; the count for entry into force follows the depositary's from that date."
                    : counted
                        + "; this complete record counts its own consents in effect, and a depositary may count otherwise."
            )
        }
        if let (documentedDate, unrecorded) = documentedFallback, date >= documentedDate {
            let source = treaty.documented?.source.map { " (source: \($0))" } ?? ""
            let named =
                unrecorded.isEmpty
                ? ""
                : " Bound from that date by the record's word alone: \(unrecorded.map(\.rawValue).joined(separator: ", "))."
            caveats.append(
                "Entry into force on \(documentedDate) comes from an official record\(source), not from computation: this file lacks the deposits that would fix it.\(named)"
            )
        }
        if engine.cyclic.contains(treaty.id) {
            caveats.append(
                "The treaty's conditions wait for a treaty whose own conditions lead back to this one (a cycle of treaty-in-force conditions): no date can be computed from them; 'pacta check' reports the cycle."
            )
        }
        switch treaty.record {
        case .complete: break
        case .partial:
            caveats.append(
                "The record of this treaty is incomplete: some signatures or consents are not in the file (see its note), so the statuses computed from it may be wrong; a treaty shown not in force may be in force."
            )
        case .unconfirmed:
            caveats.append(
                "Some dates in this treaty's record are not confirmed by a source (see the events' notes); the dates computed from them are as good as those dates."
            )
        }
        var status = TreatyStatus(
            treaty: treaty.id, on: date, asKnownOn: nil, status: value, entryIntoForce: entryIntoForce,
            conditionsMet: conditionsMet?.date, termination: ending?.date, explanation: explanation,
            eventsUsed: used, caveats: Array(Set(caveats)).sorted(), states: states)
        status.reservations = reservations
        status.suspensions = suspensions
        status.corrections = log.corrected
        status.partialEntryIntoForce = treaty.rules.partial.indices.map { partialStatus($0, on: date, value) }
        return status
    }

    /// The status on `date` of the articles of `rules.partial[index]`.
    func partialStatus(_ index: Int, on date: CalendarDate, _ treatyStatus: TreatyStatus.Value)
        -> TreatyStatus.PartialEntryIntoForceStatus
    {
        let rule = treaty.rules.partial[index]
        let met = partialMet[index]
        // The articles follow their own rule, whether it gives a date before or after the treaty's; never after
        // the treaty's end.
        var effective = met?.date.map { rule.delay.apply(to: $0) }
        let endedFirst = ending.map { end in effective.map { $0 >= end.date } ?? false } ?? false
        if endedFirst { effective = nil }
        let ended = ending.map { $0.date <= date } ?? false
        let inForce = !ended && (effective.map { $0 <= date } ?? false)
        var lines: [String] = []
        let one = rule.articles.count == 1
        let articles = "Art\(one ? "." : "s.") \(rule.articles.joined(separator: ", "))"
        note(
            &lines,
            "\(articles) \(one ? "enters" : "enter") into force on \(one ? "its" : "their") own: \(ConditionEvaluator.describe(rule.condition))\(rule.delay == .none ? "" : ", " + Derivation.describe(rule.delay)) (rules.partial)."
        )
        if let met, let day = met.date {
            for reason in met.reasons { note(&lines, "Condition met on \(day): \(reason).") }
            if rule.delay != .none { note(&lines, "Delay: \(rule.delay.explain(from: day)).") }
        } else {
            note(&lines, "\(one ? "Its" : "Their") own condition is not met on \(date).")
        }
        if endedFirst, let ending {
            note(&lines, "The treaty ended on \(ending.date), before \(one ? "it" : "they") could enter into force.")
        } else if ended {
            note(&lines, "The treaty has ended.")
        } else if let effective {
            note(
                &lines,
                effective <= date
                    ? "In force since \(effective)." : "\(one ? "Enters" : "Enter") into force on \(effective).")
        }
        return .init(
            articles: rule.articles, conditionsMet: met?.date, entryIntoForce: effective, inForce: inForce,
            explanation: lines)
    }

    private func row(slot: Int, on date: CalendarDate, treatyStatus: TreatyStatus.Value) -> StateStatus {
        // The record is read in place: a copy of it would retain every text and list it holds, for each row.
        machine.records.withUnsafeBufferPointer { records in
            row(slot: slot, record: records.baseAddress! + slot, on: date, treatyStatus: treatyStatus)
        }
    }

    private func row(
        slot: Int, record pointer: UnsafePointer<LogMachine.PartyRecord>, on date: CalendarDate,
        treatyStatus: TreatyStatus.Value
    ) -> StateStatus {
        let code = machine.order[slot]
        var row = StateStatus(
            code: code, status: .none, entryIntoForce: nil, signature: pointer.pointee.signature?.date, consent: nil,
            withdrawal: nil, continues: pointer.pointee.continues.map { ($0.code, $0.date) },
            reservations: pointer.pointee.reservations,
            words: Explanation([]), caveats: [])
        if let signature = pointer.pointee.signature {
            note(&row.explanation, "Signed on \(signature.date) (\(signature.event)).")
        }
        if let revoked = pointer.pointee.revokedSignature {
            note(
                &row.explanation,
                "Signature revoked on \(revoked.date) (\(revoked.event)): it made clear it does not intend to become a party, which ends the obligations of a signatory (VCLT art. 18(a)); the depositary's table may still list the signature."
            )
        }
        if let continues = pointer.pointee.continues {
            note(
                &row.explanation,
                "Continues the status of \(continues.code) from \(continues.date) (state succession by continuation, \(continues.event))."
            )
        }
        for predecessor in pointer.pointee.succeeds where explain && predecessor.mode != .continuation {
            note(
                &row.explanation,
                (predecessor.mode == .separation ? "Separated from" : "A successor of")
                    + " \(predecessor.code) on \(predecessor.date) (\(predecessor.event)): it takes part by its own notification of succession."
            )
        }
        let consent = pointer.pointee.consent
        if let consent {
            if consent.byExchange {
                note(
                    &row.explanation,
                    "Consent established by the exchange of instruments on \(consent.date) (VCLT art. 16(a)).")
            } else if consent.form == .unrecorded {
                row.consent = .init(form: consent.form, date: consent.date, event: consent.event)
                note(
                    &row.explanation,
                    "Bound from \(consent.date) by the file's documented entry into force, which names it (documented.parties); its instrument is not in the file."
                )
            } else {
                row.consent = .init(form: consent.form, date: consent.date, event: consent.event)
                note(
                    &row.explanation,
                    "Consent to be bound: \(consent.form.rawValue) on \(consent.date) (\(consent.event)).")
            }
            if let (eif, text) = stateEntryIntoForce(consent, party: code) {
                if let ceased = pointer.pointee.succeededBy?.date, ceased <= eif {
                    // It ceased before it could be bound: its consent never took effect for it.
                    note(
                        &row.explanation,
                        "The treaty never entered into force for it: it ceased on \(ceased), before \(eif), the date it would have been bound."
                    )
                } else {
                    row.entryIntoForce = eif
                    note(&row.explanation, text)
                }
                if consent.form == .succession, treaty.kind == .multilateral,
                    successionDate(consent, party: code) == nil,
                    eif != entryIntoForce
                {
                    row.caveats.append(
                        "\(code)'s notification of succession (\(consent.event)) records no effective-from date, nor does the file record its change of State: its date in force, \(eif), follows the rule for new consents; under the Vienna Convention on Succession of States in respect of Treaties (1978) a succession usually takes effect from the date of the succession of States, which the depositary may record."
                    )
                }
            } else if let ending, entryIntoForce != nil {
                note(
                    &row.explanation,
                    "The treaty ended on \(ending.date), before it could enter into force for \(code): the consent has no effect."
                )
            }
        }
        // New States that separated from this one, and successors after the first (words only: most have none).
        var otherList = ""
        if explain, !pointer.pointee.successors.isEmpty {
            otherList = pointer.pointee.successors.filter { $0.event != pointer.pointee.succeededBy?.event }
                .map { "\($0.code) on \($0.date) (\($0.event))" }.joined(separator: ", ")
            if pointer.pointee.succeededBy == nil, !otherList.isEmpty {
                note(&row.explanation, "New States separated from it, which continues: \(otherList).")
            }
        }
        if let succeeded = pointer.pointee.succeededBy {
            // A predecessor keeps its own record up to the succession, and has no status after it.
            row.status = .none
            row.ceased = succeeded.date
            note(&row.explanation, "Ceased on \(succeeded.date): succeeded by \(succeeded.code) (\(succeeded.event)).")
            if !otherList.isEmpty { note(&row.explanation, "Other successor and separated States: \(otherList).") }
            return row
        }
        if let revoked = pointer.pointee.revokedConsent {
            note(&row.explanation, "Consent revoked on \(revoked.date) (\(revoked.event)).")
        }
        for past in pointer.pointee.pastNotices {
            let result = effect(of: past, party: code, partyEntryIntoForce: nil)
            if let again = past.supersededOn, let effective = result.effective, again < effective {
                note(
                    &row.explanation,
                    "\(code) notified denunciation on \(past.received) (\(past.event)) but consented again on \(again), before the withdrawal was to take effect (\(effective)): the notice no longer operates."
                )
            } else {
                note(&row.explanation, result.explanation + " It later consented again.")
            }
        }
        if let notice = pointer.pointee.notice {
            let result = effect(of: notice, party: code, partyEntryIntoForce: row.entryIntoForce)
            row.withdrawal = .init(notified: notice.received, effective: result.effective, event: notice.event)
            note(&row.explanation, result.explanation)
            if let caveat = result.caveat { row.caveats.append(caveat) }
        }
        let provisional = pointer.pointee.provisionalApplication
        // The status on the date.
        if let effective = row.withdrawal?.effective, effective <= date,
            treaty.kind == .multilateral || ending?.event == row.withdrawal?.event
        {
            row.status = .withdrawn
            note(&row.explanation, "Withdrawn: no longer bound from \(effective).")
        } else if treatyStatus == .terminated {
            row.status = .none
            if let ending { note(&row.explanation, "The treaty ended on \(ending.date); no State is bound after it.") }
        } else if consent != nil {
            if treatyStatus == .inForce, let eif = row.entryIntoForce, eif <= date {
                row.status = .party
            } else {
                row.status = .contractingState
                if let eif = row.entryIntoForce {
                    note(
                        &row.explanation,
                        "Contracting State: consented; the treaty enters into force for it on \(eif).")
                } else {
                    note(&row.explanation, "Contracting State: consented; the treaty is not yet in force.")
                }
            }
        } else if pointer.pointee.signature != nil {
            row.status = .signatory
        } else {
            row.status = .none
        }
        // Provisional application (VCLT art. 25) lasts until the treaty is in force for the State, the date
        // the State named, or the end of the treaty.
        if let provisional, row.status != .party, row.status != .withdrawn, treatyStatus != .terminated {
            if let until = provisional.until, until <= date {
                note(
                    &row.explanation,
                    "Applied the treaty provisionally from \(provisional.date) until \(until) (VCLT art. 25(2)).")
            } else {
                row.provisionalApplication = provisional.date
                note(
                    &row.explanation,
                    "Applies the treaty provisionally since \(provisional.date) (VCLT art. 25)"
                        + (provisional.until.map { " until \($0)" } ?? ", pending its entry into force for it") + ".")
            }
        }
        if row.explanation.isEmpty { note(&row.explanation, StateStatus.noActs(code, on: date)) }
        return row
    }
}

extension Derivation {
    /// Former ISO 3166 codes (ISO 3166-3) with the year ISO withdrew each.
    static let formerCodes: [PartyCode: Int] = {
        var result: [PartyCode: Int] = [:]
        for (code, country) in PartyCodeTable.byAlpha3 where country.isFormer {
            if let year = country.withdrawn.flatMap({ Int($0.prefix(4)) }) { result[PartyCode(code)] = year }
        }
        return result
    }()
}

extension String {
    /// The string with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
