extension Lifecycle {
    /// A treaty's log walked once and kept, so that the status after one more act recorded at the end of the
    /// log costs that act and not a walk of the whole log again: what the depositary's desk keeps from one act
    /// to the next (a treaty of 3,000 events: the status after an act without it walks 3,000 events). Made by
    /// ``Lifecycle/resumable(_:)``, continued act by act by ``Lifecycle/resuming(_:with:)``, read by
    /// ``Lifecycle/status(of:on:)``. Every status it gives is the one ``Lifecycle/status(of:on:asKnownOn:explain:)``
    /// gives without words.
    public struct Resumable: Sendable {
        let walked: Derivation.Walked

        /// The treaty walked.
        public var treaty: Treaty { walked.treaty }
        /// The date of the treaty's last event in the order acts take effect; `nil` for an empty log. A status
        /// is given for this day or later.
        public var lastDay: CalendarDate? { walked.lastDay }
    }

    /// `treaty`'s log walked once, for ``status(of:on:)`` and ``resuming(_:with:)``.
    /// - Returns: `nil` where a status of the treaty depends on more than its own log read once in date order:
    ///   a log with corrections, conditions that wait for other treaties, a partial record with a documented
    ///   date of entry into force, acts dated only to a month or a year (whose caveats read the log again at
    ///   their earliest dates), amendments of it in the corpus. The caller then asks
    ///   ``status(of:on:asKnownOn:explain:)``.
    /// - Complexity: O(e) for the e events of the log.
    public func resumable(_ treaty: Treaty) -> Resumable? {
        guard corpus.amendments(of: treaty.id).isEmpty,
            treaty.events.firstPosition(where: { $0.pointee.earliestDate != nil }) == nil,
            let walked = Derivation.Walked(treaty, engine: self)
        else { return nil }
        return Resumable(walked: walked)
    }

    /// `resumable` walked on by the last event of `treaty`, which must be `resumable`'s treaty with that one event
    /// appended (``Treaty/appendEvent(_:)``) and nothing else changed.
    /// - Returns: `nil` where the event does not take effect last (it is dated before the last event, or ranks
    ///   before it on the same day), where it is the first event of a day on which the treaty's conditions
    ///   already held, where it is a correction or dated only to a month or a year, or where `treaty` differs
    ///   otherwise: ``resumable(_:)`` then walks the log anew.
    /// - Complexity: O(p) for the p parties, plus the fixed dates a condition names up to the event's date.
    public func resuming(_ resumable: Resumable, with treaty: Treaty) -> Resumable? {
        guard treaty.events.last?.earliestDate == nil, corpus.amendments(of: treaty.id).isEmpty,
            let walked = resumable.walked.appending(treaty)
        else { return nil }
        return Resumable(walked: walked)
    }

    /// The status of `resumable`'s treaty and of every State on `date`: the same as
    /// ``status(of:on:asKnownOn:explain:)`` without words (`explain: false`), without walking the log again.
    /// - Returns: `nil` where `date` is before ``Resumable/lastDay`` (its events are walked already).
    /// - Complexity: O(p) for the p parties.
    public func status(of resumable: Resumable, on date: CalendarDate) -> TreatyStatus? {
        resumable.walked.derivation(through: date)?.status(on: date)
    }

    /// The treaty's end as the status of `resumable`'s treaty on `date` gives it (``TreatyStatus/termination``,
    /// `.some(nil)` where it has none), without the States' rows that the status computes.
    /// - Returns: `nil` where `date` is before ``Resumable/lastDay``.
    public func termination(of resumable: Resumable, on date: CalendarDate) -> CalendarDate?? {
        resumable.walked.derivation(through: date).map { $0.ending?.date }
    }
}
