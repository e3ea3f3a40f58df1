extension Derivation {
    /// The status of the treaty and of each State on `on`.
    func status(on date: CalendarDate) -> TreatyStatus {
        var explanation: [String] = []
        let value = treatyStatusValue(on: date, explanation: &explanation)
        let used = eventsUsed(on: date)
        let (reservations, precludedWith, late) =
            machine.reservations.isEmpty ? ([], [], []) : reservationStatuses(on: date)
        let states = stateRows(on: date, treatyStatus: value, precludedWith: precludedWith)
        let suspensions = suspensions(noting: &explanation)
        var status = TreatyStatus(
            treaty: treaty.id, on: date, asKnownOn: nil, status: value, entryIntoForce: entryIntoForce,
            conditionsMet: conditionsMet?.date, termination: ending?.date, explanation: explanation,
            eventsUsed: used, caveats: caveats(on: date, states: states, reservations: reservations, late: late),
            states: states)
        status.reservations = reservations
        status.suspensions = suspensions
        status.corrections = log.corrected
        status.partialEntryIntoForce = treaty.rules.partial.indices.map { partialStatus($0, on: date, value) }
        return status
    }

    /// The caveats of the status on `date` whose State rows are `states`, each once, sorted: the log's, the
    /// reservations' (with `late`, the late objections, where the derivation has words), the rows' (or
    /// `stateCaveats`, where given), former codes still taking part, and the record's.
    private func caveats(
        on date: CalendarDate, states: [StateStatus], stateCaveats: [String]? = nil,
        reservations: [ReservationStatus], late: [(Int, Int)]
    ) -> [String] {
        var caveats = machine.caveats
        if !machine.reservations.isEmpty { addReservationCaveats(reservations, late: late, to: &caveats) }
        if let stateCaveats {
            caveats += stateCaveats
        } else {
            // By position: a copy of each row would retain everything it holds.
            for index in states.indices { caveats += states[index].caveats }
        }
        addFormerCodeCaveats(states, on: date, to: &caveats)
        addRecordCaveats(on: date, to: &caveats)
        // Date arithmetic stops at the calendar's last day rather than overflow: a date shown as that day may lie
        // after it (a delay or term of centuries from a late date).
        if entryIntoForce == .latest || ending?.date == .latest
            || states.contains(where: { $0.entryIntoForce == .latest || $0.withdrawal?.effective == .latest })
        {
            caveats.append(
                "A computed date falls on or after 9999-12-31, the last day of Pacta's calendar: it is shown as 9999-12-31, and may lie later."
            )
        }
        return Array(Set(caveats)).sorted()
    }

    /// What a treaty's list rows read of its States' rows, kept from one derivation to the next of the same walk
    /// (``Lifecycle/listSteps(of:limit:)``). Within one derivation only a State's status (and its provisional
    /// application, whose date lies on or before the derivation's last event) changes with the date, so its rows
    /// are built once. A later derivation of the walk whose own dates (``Key``) are the same, and whose new events
    /// each concern one State, differs only in those States' records: only their rows are built again. Any other
    /// change (an exchange, a succession, an extension, a termination, an end or a date of entry into force newly
    /// fixed) builds every row again.
    struct ListFacts {
        /// What a State's row gives that a list row reads.
        fileprivate struct Row {
            var ceased: Bool
            var consented: Bool
            var signed: Bool
            var entryIntoForce: CalendarDate?
            /// ``Derivation/withdrawnFrom(_:)`` of its withdrawal.
            var withdrawnFrom: CalendarDate?
            var caveats: [String]
        }

        /// What a State's row reads of the derivation besides the State's own record.
        fileprivate struct Key: Equatable {
            var entryIntoForce: CalendarDate?
            var conditionsMet: CalendarDate?
            var ending: CalendarDate?
            var endingEvent: String?
            var withdrawalsAlone: Set<String>
            var documented: CalendarDate?
        }

        /// By slot.
        fileprivate var rows: [Row] = []
        fileprivate var key: Key
        /// How many events of the log the rows were built from.
        fileprivate var events: Int
    }

    /// This derivation's ``ListFacts/Key``.
    private var listKey: ListFacts.Key {
        ListFacts.Key(
            entryIntoForce: entryIntoForce, conditionsMet: conditionsMet?.date, ending: ending?.date,
            endingEvent: ending?.event, withdrawalsAlone: withdrawalsAlone, documented: documentedFallback?.date)
    }

    /// What ``status(on:)`` gives of the treaty's list row on `date` (``ListRow``), without what a list does not
    /// show (the events used, the reservations' responses, suspensions, articles with their own entry into force),
    /// for a derivation without words; the dates a status on `date` gives (``Lifecycle/listSteps(of:limit:)``
    /// tries them) are added to `dates`.
    /// - Parameter facts: the ``ListFacts`` of the last call of the same walk, `nil` on the first: kept there for
    ///   the next. Where they are this derivation's already, or are brought up to date with the rows of some States
    ///   only, the dates added are those of the rows built anew and the treaty's own: the others were given before,
    ///   by a derivation through an earlier date, so a walk has tried those after it already.
    func listRow(on date: CalendarDate, dates: inout [CalendarDate], facts: inout ListFacts?) -> ListRow {
        precondition(!explain, "a list row is read from a derivation without words")
        var explanation: [String] = []
        let value = treatyStatusValue(on: date, explanation: &explanation)
        // The former codes' caveats read every row on the date: those treaties build them for each date.
        if !(log.index?.formerParties.isEmpty ?? false) {
            facts = nil
            return listRowFromRows(on: date, treatyStatus: value, dates: &dates)
        }
        updateListFacts(&facts, on: date, treatyStatus: value, dates: &dates)
        var parties = 0
        var stateCaveats: [String] = []
        for row in facts!.rows {
            if !row.caveats.isEmpty { stateCaveats += row.caveats }
            guard !row.ceased else { continue }
            let status = StateStatus.Value.settled(
                consented: row.consented, signed: row.signed, entryIntoForce: row.entryIntoForce,
                withdrawnFrom: row.withdrawnFrom, on: date, treatyStatus: value)
            if status == .party { parties += 1 }
        }
        return ListRow(
            status: value, entryIntoForce: entryIntoForce, termination: ending?.date, parties: parties,
            caveats: caveats(on: date, states: [], stateCaveats: stateCaveats, reservations: [], late: []))
    }

    /// `facts` made this derivation's (see ``ListFacts``), rows built on `date`, with the dates they give and the
    /// treaty's own added to `dates` where any row is built.
    private func updateListFacts(
        _ facts: inout ListFacts?, on date: CalendarDate, treatyStatus value: TreatyStatus.Value,
        dates: inout [CalendarDate]
    ) {
        let key = listKey
        let count = log.events.count
        if let kept = facts, kept.key == key, kept.events == count, kept.rows.count == machine.order.count { return }
        // The slots whose rows are built again: those of the new events, and new slots; every slot where a new
        // event concerns no one State, or the derivation's own dates changed.
        var slots: [Int] = []
        var all = true
        if let kept = facts, kept.key == key, kept.events <= count, let index = log.index {
            all = false
            for position in kept.events..<count {
                let slot = Int(index.eventSlot[position])
                guard slot >= 0 else {
                    all = true
                    break
                }
                if !slots.contains(slot) { slots.append(slot) }
            }
            for slot in kept.rows.count..<machine.order.count where !slots.contains(slot) { slots.append(slot) }
            // New slots are appended in order, after the kept ones.
            slots.sort()
        }
        // Taken out of `facts`, so that its rows are written in place rather than copied.
        var updated = all ? ListFacts(rows: [], key: key, events: count) : facts!
        facts = nil
        updated.key = key
        updated.events = count
        if all {
            updated.rows.reserveCapacity(machine.order.count)
            slots = Array(machine.order.indices)
        }
        // Each record read in place, each row built in place (a closure that returns a row copies it).
        machine.records.withUnsafeBufferPointer { records in
            for slot in slots {
                let record = records.baseAddress! + slot
                let state = row(slot: slot, record: record, on: date, treatyStatus: value)
                Self.addDates(of: state, to: &dates)
                let facts = ListFacts.Row(
                    ceased: state.status == .ceased, consented: record.pointee.consent != nil,
                    signed: record.pointee.signature != nil, entryIntoForce: state.entryIntoForce,
                    withdrawnFrom: withdrawnFrom(state.withdrawal), caveats: state.caveats)
                if slot < updated.rows.count { updated.rows[slot] = facts } else { updated.rows.append(facts) }
            }
        }
        addTreatyDates(on: date, treatyStatus: value, to: &dates)
        facts = updated
    }

    /// ``listRow(on:dates:facts:)`` from every State's row on `date`, all kept for the former codes' caveats.
    private func listRowFromRows(
        on date: CalendarDate, treatyStatus value: TreatyStatus.Value, dates: inout [CalendarDate]
    )
        -> ListRow
    {
        var states: [StateStatus] = []
        var stateCaveats: [String] = []
        var parties = 0
        for slot in machine.order.indices {
            let state = row(slot: slot, on: date, treatyStatus: value)
            if state.status == .party { parties += 1 }
            stateCaveats += state.caveats
            Self.addDates(of: state, to: &dates)
            states.append(state)
        }
        addTreatyDates(on: date, treatyStatus: value, to: &dates)
        return ListRow(
            status: value, entryIntoForce: entryIntoForce, termination: ending?.date, parties: parties,
            caveats: caveats(on: date, states: states, stateCaveats: stateCaveats, reservations: [], late: []))
    }

    /// The dates a State's row gives.
    private static func addDates(of state: StateStatus, to dates: inout [CalendarDate]) {
        if let date = state.entryIntoForce { dates.append(date) }
        if let date = state.signature { dates.append(date) }
        if let date = state.consent?.date { dates.append(date) }
        if let withdrawal = state.withdrawal {
            dates.append(withdrawal.notified)
            if let date = withdrawal.effective { dates.append(date) }
        }
        if let date = state.continues?.from { dates.append(date) }
        if let date = state.ceased { dates.append(date) }
        if let date = state.provisionalApplication { dates.append(date) }
    }

    /// The dates the treaty's status gives besides its rows': entry into force, conditions met, the end, the
    /// suspensions, and each part's own dates.
    private func addTreatyDates(
        on date: CalendarDate, treatyStatus value: TreatyStatus.Value, to dates: inout [CalendarDate]
    ) {
        if let date = entryIntoForce { dates.append(date) }
        if let date = conditionsMet?.date { dates.append(date) }
        if let date = ending?.date { dates.append(date) }
        for suspension in machine.suspensions { dates.append(suspension.date) }
        for index in treaty.rules.partial.indices {
            let part = partialStatus(index, on: date, value)
            if let date = part.conditionsMet { dates.append(date) }
            if let date = part.entryIntoForce { dates.append(date) }
        }
    }

    /// The treaty's own status on `date`, with the words of its derivation: not yet adopted, terminated, in
    /// force, or not (yet) in force.
    private func treatyStatusValue(on date: CalendarDate, explanation: inout [String]) -> TreatyStatus.Value {
        if date < treaty.adopted.date {
            note(
                &explanation,
                "Not yet adopted on \(date): the text was \(treaty.adoptionVerb) on \(treaty.adopted.date)."
            )
            return .notAdopted
        }
        if let ending, ending.date <= date {
            explanation += entryIntoForceExplanation
            note(&explanation, ending.explanation)
            return .terminated
        }
        guard let eif = entryIntoForce else {
            noteConditionsPending(on: date, in: &explanation)
            return .notInForce
        }
        explanation += entryIntoForceExplanation
        guard eif <= date else {
            note(&explanation, "Not yet in force: enters into force on \(eif).")
            return .notInForce
        }
        note(&explanation, "In force since \(eif).")
        if let ending { note(&explanation, ending.explanation) }
        return .inForce
    }

    /// The events the status rests on: those that met the conditions, each once, in order (a pairwise test was
    /// quadratic in a treaty's consents), then the one that ended the treaty by `date`.
    private func eventsUsed(on date: CalendarDate) -> [String] {
        var used = conditionsMet?.events ?? []
        if used.count > 1 {
            var seen = Set<String>(minimumCapacity: used.count)
            used = used.filter { seen.insert($0).inserted }
        }
        if let event = ending?.event, ending!.date <= date, !used.contains(event) { used.append(event) }
        return used
    }

    /// Each State's row on `date`, with the States with which an objection keeps the treaty from being in force
    /// for it (VCLT art. 20(4)(b)). Rows are built without words; each row's words are put together from this
    /// derivation when read.
    private func stateRows(on date: CalendarDate, treatyStatus value: TreatyStatus.Value, precludedWith: [[PartyCode]])
        -> [StateStatus]
    {
        var states: [StateStatus]
        if explain {
            var quiet = self
            quiet.explain = false
            states = machine.order.indices.map { quiet.row(slot: $0, on: date, treatyStatus: value) }
        } else {
            // Without words already: no copy of the derivation (which retains all it holds), as for every status of
            // a whole corpus.
            states = machine.order.indices.map { row(slot: $0, on: date, treatyStatus: value) }
        }
        let explained = explain ? ExplainedDerivation(ready: self) : nil
        for index in states.indices {
            let others = precludedWith.isEmpty ? [] : precludedWith[index]
            // A bilateral treaty continued with several successors of one party binds each with the other party.
            let sharing = coSuccessors(of: index).map { machine.order[$0] }
            states[index].notInForceWith = others + sharing
            guard let explained else { continue }
            let side = sharing.isEmpty ? nil : negotiatingSide(of: index)
            states[index].words = Explanation(explained) { derivation in
                var lines = derivation.row(slot: index, on: date, treatyStatus: value).explanation
                if !others.isEmpty {
                    lines.append(
                        "Not in force between it and \(others.map(\.rawValue).joined(separator: ", ")): an objection precludes it (VCLT art. 20(4)(b))."
                    )
                }
                if let side {
                    lines.append(
                        "Not in force between it and \(sharing.map(\.rawValue).joined(separator: ", ")): each holds \(side)'s side of this bilateral treaty, which binds each with the other party alone (Vienna Convention on Succession of States in respect of Treaties, 1978, art. 34(1))."
                    )
                }
                return lines
            }
        }
        return states
    }

    /// The suspensions of the treaty's operation, whole or of some articles, for all or for one party, each put
    /// into words in `explanation` (VCLT arts. 57–58, 72).
    private func suspensions(noting explanation: inout [String]) -> [TreatyStatus.Suspension] {
        let suspensions = machine.suspensions.map {
            TreatyStatus.Suspension(
                since: $0.date, party: $0.party, articles: $0.articles, event: $0.event, towards: $0.towards)
        }
        for suspension in suspensions {
            let articles =
                suspension.articles.isEmpty
                ? "The treaty's operation" : "The operation of art. \(suspension.articles.joined(separator: ", "))"
            let whom = suspension.whom
            note(
                &explanation,
                "\(articles) is suspended\(whom) since \(suspension.since) (\(suspension.event), as recorded; its effect: VCLT art. 72; whether it was lawful, under the treaty or VCLT arts. 57–62, is not judged here)."
            )
        }
        return suspensions
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

    // MARK: - Caveats on the record

    /// Caveats on the file's record rather than on the law: a documented date of entry into force that the
    /// events contradict or that they cannot fix, the depositary's count of instruments, a cycle of
    /// treaty-in-force conditions, and a record known to be incomplete or unconfirmed.
    private func addRecordCaveats(on date: CalendarDate, to caveats: inout [String]) {
        // Before the documented date, a record that does not yet give one is as expected.
        if let documented = treaty.documented?.entryIntoForce, documented != entryIntoForce,
            entryIntoForce != nil || date >= documented
        {
            let source = treaty.documented?.source.map { " (source: \($0))" } ?? ""
            caveats.append(
                "An official record gives entry into force on \(documented)\(source), but the events in this file give "
                    + (entryIntoForce.map { "\($0)" } ?? "no date") + ": the event log is incomplete or wrong.")
        }
        addDepositaryCountCaveat(to: &caveats)
        if let (documentedDate, unrecorded, computed) = documentedFallback, date >= documentedDate {
            let source = treaty.documented?.source.map { " (source: \($0))" } ?? ""
            let named =
                unrecorded.isEmpty
                ? ""
                : " Bound from that date by the record's word alone: \(unrecorded.map(\.rawValue).joined(separator: ", "))."
            caveats.append(
                "Entry into force on \(documentedDate) comes from an official record\(source), not from computation: this file lacks the deposits that would fix it\(computed.map { " (its events alone give \($0), \($0 > documentedDate ? "later" : "earlier"))" } ?? "").\(named)"
            )
        }
        // Only a treaty whose conditions wait for another can be on a cycle (asked first: the cycles are worked
        // out over the whole corpus).
        if treaty.rules.waitsForATreaty, engine.cyclic.contains(treaty.id) {
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
    }

    /// Where the entry-into-force condition counts instruments the depositary's way and the depositary counted
    /// more instruments than the consents in effect in this file: a caveat that says by how many, and whose
    /// count the date follows.
    private func addDepositaryCountCaveat(to caveats: inout [String]) {
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
    }

    // MARK: - A State's row

    /// One State's row on `date`, its record read in place; inlined into both callers (the status and the list
    /// row), as its helpers are.
    @inline(__always)
    private func row(slot: Int, on date: CalendarDate, treatyStatus: TreatyStatus.Value) -> StateStatus {
        // The record is read in place: a copy of it would retain every text and list it holds, for each row.
        machine.records.withUnsafeBufferPointer { records in
            row(slot: slot, record: records.baseAddress! + slot, on: date, treatyStatus: treatyStatus)
        }
    }

    /// One State's row on `date`: its signature, consent, date in force, succession, withdrawal, status and
    /// provisional application, each with its words.
    ///
    /// Every State of every treaty passes here without words for each status, so its helpers are
    /// `@inline(__always)`: left as calls, with the row passed `inout` to each, they cost some 10% of the
    /// whole-corpus status.
    @inline(__always)
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
        noteSignature(record: pointer, in: &row)
        notePredecessors(record: pointer, in: &row)
        let consent = pointer.pointee.consent
        if let consent {
            noteConsent(consent, in: &row)
            noteStateEntryIntoForce(consent, record: pointer, in: &row)
        }
        if noteCessation(record: pointer, in: &row) { return row }
        if let revoked = pointer.pointee.revokedConsent {
            note(&row, "Consent revoked on \(revoked.date) (\(revoked.event)).")
        }
        noteWithdrawals(record: pointer, in: &row)
        if ending != nil, row.withdrawal != nil { noteTerminationDuringNotice(in: &row) }
        settleStatus(consented: consent != nil, record: pointer, on: date, treatyStatus: treatyStatus, in: &row)
        noteProvisionalApplication(record: pointer, on: date, treatyStatus: treatyStatus, in: &row)
        if explain, row.explanation.isEmpty { note(&row, StateStatus.noActs(code, on: date, asKnownOn: log.asKnownOn)) }
        return row
    }

    /// A caveat where the treaty was terminated by agreement (a `termination` event whose cause is `agreement`)
    /// while this State, a party, had a notice of withdrawal or denunciation running: it was still a party that day,
    /// and the record does not say it joined the agreement (the Baghdad Pact: ended by the United Kingdom and
    /// Turkey on 4 October 1979, when the notices of Iran and Pakistan were to take effect in April 1980). A treaty
    /// ends by agreement only with the consent of all its parties (VCLT art. 54(b)); the termination is taken as
    /// recorded. Date-free within a derivation: it reads only the log and the row's withdrawal, so a list's rows
    /// carry it as the status's do.
    @inline(__always)
    private func noteTerminationDuringNotice(in row: inout StateStatus) {
        guard let ending, let termination = machine.termination, termination.event == ending.event,
            termination.cause == "agreement", let withdrawal = row.withdrawal, let effective = withdrawal.effective,
            withdrawal.notified <= ending.date, effective > ending.date, let eif = row.entryIntoForce,
            eif <= ending.date
        else { return }
        let code = row.code.rawValue
        row.caveats.append(
            "\(code)'s notice to leave the treaty (\(withdrawal.event), \(withdrawal.notified)) was to take effect on \(effective), so \(code) was still a party when the treaty was terminated by agreement on \(ending.date) (\(termination.event)); the record does not say that \(code) joined that agreement. A treaty ends by agreement only with the consent of all its parties (VCLT art. 54(b)): the termination is taken as recorded, and its lawfulness is not judged here."
        )
    }

    /// A State's signature in words, and its revocation: a State that makes clear it does not intend to become a
    /// party ends the obligations of a signatory (VCLT art. 18(a)).
    @inline(__always)
    private func noteSignature(record: UnsafePointer<LogMachine.PartyRecord>, in row: inout StateStatus) {
        if let signature = record.pointee.signature {
            note(&row, "Signed on \(signature.date) (\(signature.event)).")
        }
        if let revoked = record.pointee.revokedSignature {
            note(
                &row,
                "Signature revoked on \(revoked.date) (\(revoked.event)): it made clear it does not intend to become a party, which ends the obligations of a signatory (VCLT art. 18(a)); the depositary's table may still list the signature."
            )
        }
    }

    /// A State's consent to be bound, in its row and in words: by an instrument, by the exchange of instruments
    /// (VCLT art. 16(a)), by its notification that its internal procedures are complete (VCLT art. 11), or by the
    /// file's documented entry into force that names the State.
    @inline(__always)
    private func noteConsent(_ consent: LogMachine.ConsentRecord, in row: inout StateStatus) {
        if consent.byExchange {
            note(
                &row,
                "Consent established by the exchange of instruments on \(consent.date) (VCLT art. 16(a)).")
        } else if consent.byNotification {
            note(
                &row,
                "Consent expressed by its notification that its internal procedures are complete, received on \(consent.date) (\(consent.event); VCLT art. 11)."
            )
        } else if consent.form == .unrecorded {
            row.consent = .init(form: consent.form, date: consent.date, event: consent.event)
            note(
                &row,
                "Bound from \(consent.date) by the file's documented entry into force, which names it (documented.parties); its instrument is not in the file."
            )
        } else {
            row.consent = .init(form: consent.form, date: consent.date, event: consent.event)
            note(
                &row,
                "Consent to be bound: \(consent.form.rawValue) on \(consent.date) (\(consent.event)).")
        }
    }

    /// A State's status on `date` (``StateStatus/Value/settled(consented:signed:entryIntoForce:withdrawnFrom:on:
    /// treatyStatus:)``), with its words.
    @inline(__always)
    private func settleStatus(
        consented: Bool, record: UnsafePointer<LogMachine.PartyRecord>, on date: CalendarDate,
        treatyStatus: TreatyStatus.Value, in row: inout StateStatus
    ) {
        let withdrawnFrom = withdrawnFrom(row.withdrawal)
        row.status = .settled(
            consented: consented, signed: record.pointee.signature != nil, entryIntoForce: row.entryIntoForce,
            withdrawnFrom: withdrawnFrom, on: date, treatyStatus: treatyStatus)
        switch row.status {
        case .withdrawn:
            if let withdrawnFrom { note(&row, "Withdrawn: no longer bound from \(withdrawnFrom).") }
        case .none where treatyStatus == .terminated:
            if let ending { note(&row, "The treaty ended on \(ending.date); no State is bound after it.") }
        case .contractingState:
            if let eif = row.entryIntoForce {
                note(&row, "Contracting State: consented; the treaty enters into force for it on \(eif).")
            } else {
                note(&row, "Contracting State: consented; the treaty is not yet in force.")
            }
        default: break
        }
    }

    /// The date from which `withdrawal` ends the treaty for its State: its effective date, in a multilateral
    /// treaty; in a bilateral one, where it ends the treaty, or ends it for that State alone (one of several
    /// successors of a party). `nil` where it has no such effect.
    @inline(__always)
    private func withdrawnFrom(_ withdrawal: StateStatus.Withdrawal?) -> CalendarDate? {
        guard let withdrawal, let effective = withdrawal.effective,
            treaty.kind == .multilateral || ending?.event == withdrawal.event
                || withdrawalsAlone.contains(withdrawal.event)
        else { return nil }
        return effective
    }
}

extension StateStatus.Value {
    /// The status on `date` of a State that has not ceased: withdrawn once its withdrawal takes effect; none once
    /// the treaty has ended; a party once the treaty is in force for it and a contracting State before (VCLT art.
    /// 2(1)(f)–(g)); else a signatory, or none.
    /// - Parameters:
    ///   - consented: whether its consent to be bound is in effect.
    ///   - signed: whether it signed.
    ///   - entryIntoForce: the date the treaty enters into force for it, where fixed.
    ///   - withdrawnFrom: the date its withdrawal or denunciation ends the treaty for it, where one does.
    ///   - treatyStatus: the treaty's own status on `date`.
    @inline(__always)
    static func settled(
        consented: Bool, signed: Bool, entryIntoForce: CalendarDate?, withdrawnFrom: CalendarDate?,
        on date: CalendarDate, treatyStatus: TreatyStatus.Value
    ) -> Self {
        if let withdrawnFrom, withdrawnFrom <= date { return .withdrawn }
        if treatyStatus == .terminated { return .none }
        if consented {
            if treatyStatus == .inForce, let entryIntoForce, entryIntoForce <= date { return .party }
            return .contractingState
        }
        return signed ? .signatory : .none
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
