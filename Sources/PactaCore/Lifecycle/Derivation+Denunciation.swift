extension Derivation {
    // MARK: - In a State's row

    // Called once per row from `row(slot:record:on:treatyStatus:)` and inlined into it (see there).

    /// A State's notices of denunciation or withdrawal, in its row: each earlier notice, which stopped operating
    /// when the State consented again, and the notice in operation, with the date it takes effect or why it has
    /// none (see ``effect(of:party:partyEntryIntoForce:)``; VCLT arts. 54–56).
    @inline(__always)
    func noteWithdrawals(record: UnsafePointer<LogMachine.PartyRecord>, in row: inout StateStatus) {
        let code = row.code
        for past in record.pointee.pastNotices {
            let result = effect(of: past, party: code, partyEntryIntoForce: nil)
            if let again = past.supersededOn, let effective = result.effective, again < effective {
                note(
                    &row,
                    "\(code) notified denunciation on \(past.received) (\(past.event)) but consented again on \(again), before the withdrawal was to take effect (\(effective)): the notice no longer operates."
                )
            } else {
                note(&row, result.explanation + " It later consented again.")
            }
        }
        if let notice = record.pointee.notice {
            let result = effect(of: notice, party: code, partyEntryIntoForce: row.entryIntoForce)
            row.withdrawal = .init(notified: notice.received, effective: result.effective, event: notice.event)
            note(&row, result.explanation)
            if let caveat = result.caveat { row.caveats.append(caveat) }
        }
    }
}
