extension Derivation {
    // MARK: - The date for each State

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
        if consent.form == .succession, let (from, basis) = successionDate(consent, party: party) {
            // A notification of succession binds from the date of the succession of States (the date it names,
            // else the recorded change of State), not after the delay for new consents; never before the
            // treaty's own entry into force (Vienna Convention on Succession of States in respect of Treaties,
            // 1978, arts. 23 and 36 set the later of the two). In a bilateral treaty, likewise each successor
            // that succeeds by its own consent (arts. 24 and 34).
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

    // MARK: - In a status

    /// Why the treaty is not in force on `date` while the events fix no date: its rule of entry into force and
    /// the conditions still unmet (VCLT art. 24(1); without a rule, every negotiating State's consent, art. 24(2)).
    func noteConditionsPending(on date: CalendarDate, in explanation: inout [String]) {
        // Words only: the conditions' check is not made for a derivation without them (3% of an index build).
        guard explain else { return }
        if let rule = treaty.rules.entryIntoForce {
            let article = rule.article.map { "Art. \($0)" } ?? "The treaty's final clause"
            note(&explanation, "\(article): enters into force \(Derivation.describe(rule)).")
        }
        let evaluator = ConditionEvaluator(treaty: treaty, engine: engine, depth: depth)
        let condition = treaty.rules.entryIntoForce?.condition ?? .allOf(.named("negotiating-states"), ConsentFilter())
        let pending = evaluator.check(condition, machine: machine, on: date)
        note(&explanation, "Not in force on \(date): " + pending.reasons.joined(separator: "; ") + ".")
    }

    // MARK: - In a State's row

    // Called once per row from `row(slot:record:on:treatyStatus:)` and inlined into it (see there).

    /// The date the treaty enters into force for the State of `row`, which consented by `consent`, put in the row
    /// with its words (see ``stateEntryIntoForce(_:party:)``; VCLT art. 24(3)). No date where the State ceased
    /// before it, and none where the treaty ended first: the consent then has no effect.
    @inline(__always)
    func noteStateEntryIntoForce(
        _ consent: LogMachine.ConsentRecord, record: UnsafePointer<LogMachine.PartyRecord>, in row: inout StateStatus
    ) {
        let code = row.code
        guard let (eif, text) = stateEntryIntoForce(consent, party: code) else {
            if let ending, entryIntoForce != nil {
                note(
                    &row,
                    "The treaty ended on \(ending.date), before it could enter into force for \(code): the consent has no effect."
                )
            }
            return
        }
        if let ceased = record.pointee.succeededBy?.date, ceased <= eif {
            // It ceased before it could be bound: its consent never took effect for it.
            note(
                &row,
                "The treaty never entered into force for it: it ceased on \(ceased), before \(eif), the date it would have been bound."
            )
        } else {
            row.entryIntoForce = eif
            note(&row, text)
        }
        addUndatedSuccessionCaveat(consent, bound: eif, in: &row)
    }

    /// Provisional application (VCLT art. 25), in the row and in words: it lasts until the treaty is in force for
    /// the State, the date the State named, or the end of the treaty.
    @inline(__always)
    func noteProvisionalApplication(
        record: UnsafePointer<LogMachine.PartyRecord>, on date: CalendarDate, treatyStatus: TreatyStatus.Value,
        in row: inout StateStatus
    ) {
        guard let provisional = record.pointee.provisionalApplication, row.status != .party,
            row.status != .withdrawn, treatyStatus != .terminated
        else { return }
        if let until = provisional.until, until <= date {
            note(
                &row,
                "Applied the treaty provisionally from \(provisional.date) until \(until) (VCLT art. 25(2)).")
        } else {
            row.provisionalApplication = provisional.date
            note(
                &row,
                "Applies the treaty provisionally since \(provisional.date) (VCLT art. 25)"
                    + (provisional.until.map { " until \($0)" } ?? ", pending its entry into force for it") + ".")
        }
    }
}
