import PactaCore

extension StateStatus {
    /// The State's status as a table shows it (the command line's status table, a State's page): its value, and
    /// for a State that was bound until the treaty ended (status `none` once it has, VCLT art. 70(1)(a)) the date
    /// it was bound until, "none (party until 2026-02-05)", so that a date of entry into force beside "none" is
    /// not read as a contradiction. The JSON keeps the value alone.
    /// - Parameters:
    ///   - treaty: the treaty's status on the same date.
    ///   - termination: the date the treaty ended for all, where it has.
    public func shown(treaty: TreatyStatus.Value, termination: CalendarDate?) -> String {
        guard status == .none, treaty == .terminated, let end = termination, let bound = entryIntoForce, bound < end
        else { return status.rawValue }
        return "none (party until \(end))"
    }
}
