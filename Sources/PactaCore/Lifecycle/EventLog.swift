/// A treaty's event log as the engine reads it on one date: corrections applied, events the
/// reader could not yet know left out, in the order acts take effect (date, then ``Event/Kind/sameDayRank``, then
/// file order).
struct EventLog: Sendable {
    /// Every effective event with a date on or before `through`, sorted by date.
    let events: ArraySlice<Event>
    /// The date of each of ``events``, at the same positions.
    let dates: ArraySlice<CalendarDate>
    /// Ids of events a correction replaced, with the correcting event's id.
    let corrected: [String: String]
    /// The treaty's ``LogIndex`` where ``events`` is a prefix of the treaty's own log (each event at its
    /// position there), else `nil`.
    let index: LogIndex?

    /// - Parameters:
    ///   - treaty: the treaty whose log to read.
    ///   - through: the last date whose events count (the status date).
    ///   - asKnownOn: where given, only events (and corrections) recorded on or before it count;
    ///     an event without `recorded` counts as recorded on its `date`.
    init(_ treaty: Treaty, through: CalendarDate?, asKnownOn: CalendarDate? = nil) {
        // The common case (no corrections, no "as known on"): the treaty's log in date order, built once.
        if asKnownOn == nil, let index = treaty.logIndex {
            let all = index.events
            var end = all.count
            if let through {
                // Binary search for the first event after `through`.
                var low = 0
                while low < end {
                    let middle = (low + end) / 2
                    if all[middle].date <= through { low = middle + 1 } else { end = middle }
                }
            }
            self.events = all[..<end]
            self.dates = index.dates[..<end]
            self.corrected = [:]
            self.index = index
            return
        }
        func known(_ event: Event) -> Bool {
            guard let asKnownOn else { return true }
            return (event.recorded ?? event.date) <= asKnownOn
        }
        // The latest correction of each event governs: by the date it was recorded (else its date), then by
        // file order, whatever the order of the file.
        var replacements: [String: Event] = [:]
        var corrected: [String: String] = [:]
        var correctedOn: [String: CalendarDate] = [:]
        for event in treaty.events where known(event) {
            if case .correction(let target, let replacement?) = event.kind {
                let on = event.recorded ?? event.date
                if let earlier = correctedOn[target], earlier > on { continue }
                var replaced = replacement
                replaced.id = target
                replacements[target] = replaced
                corrected[target] = event.id
                correctedOn[target] = on
            }
        }
        var events: [Event] = []
        events.reserveCapacity(treaty.events.count)
        for event in treaty.events where known(event) {
            if case .correction = event.kind { continue }
            let effective = replacements[event.id] ?? event
            if let through, effective.date > through { continue }
            events.append(effective)
        }
        // Files are usually in that order already; otherwise a stable sort by date and rank.
        if Event.inEffectOrder(events) {
            self.events = events[...]
        } else {
            self.events = Event.effectOrder(events).map { events[$0] }[...]
        }
        self.dates = self.events.map(\.date)[...]
        self.corrected = corrected
        self.index = nil
    }
}
