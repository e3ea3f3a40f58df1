extension Lifecycle {
    /// One computed date of the depositary's calendar.
    public struct UpcomingDate: Sendable, Hashable {
        public var treaty: String
        public var entry: TimelineEntry
        public init(treaty: String, entry: TimelineEntry) {
            self.treaty = treaty
            self.entry = entry
        }
    }

    /// Computed dates from `from` through `through` (both included) across every treaty of the corpus: entry
    /// into force of a treaty or for a State, a withdrawal taking effect, the end of an art. 20(5) window, a
    /// renewal and the last day to give notice before it, a term's expiry. Each carries its derivation.
    ///
    /// Only events recorded in the corpus count: a date that a future event could change is given as the
    /// events known today fix it.
    /// - Complexity: O(total events) over the corpus.
    public func upcoming(from: CalendarDate, through: CalendarDate) -> [UpcomingDate] {
        // Treaties come sorted by id and each timeline in its own order, so sorting positions by date alone
        // (ties by position) gives date, then treaty, then timeline order, without moving the entries.
        var found: [UpcomingDate] = []
        for treaty in corpus.treaties {
            for entry in computedDates(of: treaty, through: through) where entry.date >= from && entry.date <= through {
                found.append(UpcomingDate(treaty: treaty.id, entry: entry))
            }
        }
        let order = found.indices.sorted {
            found[$0].entry.date != found[$1].entry.date ? found[$0].entry.date < found[$1].entry.date : $0 < $1
        }
        return order.map { found[$0] }
    }

    /// Every date ``upcoming(from:through:)`` can give for `treaty` in any window, sorted, each once: the dates
    /// of its calendar, for an index to keep so that the calendar of a window decodes only the treaties with a date
    /// in it. `nil` where the treaty's dates cannot be given once for every window: a fixed term that renews (its
    /// renewals and the notice days before them recur without end), or a reservation (the end of its art. 20(5)
    /// window is given as the reservation stands at the window's last day, which a later withdrawal changes).
    /// - Complexity: one derivation of the treaty's log, as the calendar computes it.
    public func calendarDays(of treaty: Treaty) -> [CalendarDate]? {
        if case .fixed(_, _?, _) = treaty.rules.duration { return nil }
        if treaty.events.contains(where: { if case .reservation = $0.kind { true } else { false } }) { return nil }
        return Set(computedDates(of: treaty, through: .latest).map(\.date)).sorted()
    }
}
