extension Derivation {
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

    // MARK: - Several successors in a bilateral treaty

    /// In a bilateral treaty, the slots of the other States that hold the place of the same negotiating State as
    /// the one at `slot`: its co-successors (the Czech Republic and Slovakia for Czechoslovakia), or a State and
    /// the one that separated from it, each still in being and with a consent in effect. The treaty binds each of
    /// them with the other party alone, never with each other (Vienna Convention on Succession of States in
    /// respect of Treaties, 1978, art. 34(1): a treaty continues in force in respect of each successor State).
    /// Empty for a multilateral treaty, and wherever no party of a bilateral treaty has more than one successor.
    /// - Complexity: O(p × s) for p parties and s successions of the log: a bilateral log names few.
    func coSuccessors(of slot: Int) -> [Int] {
        guard treaty.kind == .bilateral, machine.records.count > 2, holdsPlace(slot) else { return [] }
        let side = negotiatingSide(of: slot)
        return machine.records.indices.filter { other in
            other != slot && holdsPlace(other) && negotiatingSide(of: other) == side
        }
    }

    /// Whether the State at `slot` is in being (not succeeded) and has a consent in effect.
    private func holdsPlace(_ slot: Int) -> Bool {
        machine.records[slot].succeededBy == nil && machine.records[slot].consent != nil
    }

    /// The negotiating State whose side of a bilateral treaty the State at `slot` holds: itself, or the one its
    /// first recorded predecessor (and that one's, in turn) holds.
    func negotiatingSide(of slot: Int) -> PartyCode {
        var code = machine.order[slot]
        var steps = 0
        while !treaty.negotiatingStates.contains(code), steps < machine.records.count,
            let predecessor = machine.record(code)?.succeeds.first?.code
        {
            code = predecessor
            steps += 1
        }
        return code
    }

    // MARK: - In a State's row

    // Called once per row from `row(slot:record:on:treatyStatus:)` and inlined into it (see there).

    /// The words of where a State comes from: the predecessor whose status it continues (continuation), and
    /// those it succeeded or separated from, under which it takes part by its own notification of succession
    /// (Vienna Convention on Succession of States in respect of Treaties, 1978).
    @inline(__always)
    func notePredecessors(record: UnsafePointer<LogMachine.PartyRecord>, in row: inout StateStatus) {
        if let continues = record.pointee.continues {
            note(
                &row,
                "Continues the status of \(continues.code) from \(continues.date) (state succession by continuation, \(continues.event))."
            )
        }
        for predecessor in record.pointee.succeeds where explain && predecessor.mode != .continuation {
            note(
                &row,
                (predecessor.mode == .separation ? "Separated from" : "A successor of")
                    + " \(predecessor.code) on \(predecessor.date) (\(predecessor.event)): it takes part by its own notification of succession."
            )
        }
    }

    /// A caveat where a notification of succession to a multilateral treaty gives no date of its own and the
    /// file records no change of State, so that its date in force `bound` follows the rule for new consents
    /// rather than the date of the succession of States (Vienna Convention on Succession of States in respect
    /// of Treaties, 1978).
    @inline(__always)
    func addUndatedSuccessionCaveat(
        _ consent: LogMachine.ConsentRecord, bound eif: CalendarDate, in row: inout StateStatus
    ) {
        guard consent.form == .succession, treaty.kind == .multilateral,
            successionDate(consent, party: row.code) == nil,
            eif != entryIntoForce
        else { return }
        row.caveats.append(
            "\(row.code)'s notification of succession (\(consent.event)) records no effective-from date, nor does the file record its change of State: its date in force, \(eif), follows the rule for new consents; under the Vienna Convention on Succession of States in respect of Treaties (1978) a succession usually takes effect from the date of the succession of States, which the depositary may record."
        )
    }

    /// A State's successors, in its row: a State succeeded by another ceases, keeps its own record up to the
    /// succession and has status `ceased` from it; the other successors and the new States that separated from it
    /// are named (words only: most have none).
    /// - Returns: `true` where the State has ceased: its row is then complete.
    @inline(__always)
    func noteCessation(record: UnsafePointer<LogMachine.PartyRecord>, in row: inout StateStatus) -> Bool {
        var otherList = ""
        if explain, !record.pointee.successors.isEmpty {
            otherList = record.pointee.successors.filter { $0.event != record.pointee.succeededBy?.event }
                .map { "\($0.code) on \($0.date) (\($0.event))" }.joined(separator: ", ")
            if record.pointee.succeededBy == nil, !otherList.isEmpty {
                note(&row, "New States separated from it, which continues: \(otherList).")
            }
        }
        guard let succeeded = record.pointee.succeededBy else { return false }
        row.status = .ceased
        row.ceased = succeeded.date
        note(&row, "Ceased on \(succeeded.date): succeeded by \(succeeded.code) (\(succeeded.event)).")
        if !otherList.isEmpty { note(&row, "Other successor and separated States: \(otherList).") }
        return true
    }

    // MARK: - In a status

    /// A caveat for each former code still shown as taking part on `date` after ISO 3166 withdrew it: a change
    /// of State left unrecorded (continuation, succession or separation). The treaty's index lists the former
    /// codes (rows follow its slots); without it, every row is looked up.
    func addFormerCodeCaveats(_ states: [StateStatus], on date: CalendarDate, to caveats: inout [String]) {
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
    }
}
