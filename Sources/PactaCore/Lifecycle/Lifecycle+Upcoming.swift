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
        var result: [UpcomingDate] = []
        for treaty in corpus.treaties {
            for entry in computedDates(of: treaty, through: through) where entry.date >= from && entry.date <= through {
                result.append(UpcomingDate(treaty: treaty.id, entry: entry))
            }
        }
        return result.sorted { $0.entry.date != $1.entry.date ? $0.entry.date < $1.entry.date : $0.treaty < $1.treaty }
    }
}
