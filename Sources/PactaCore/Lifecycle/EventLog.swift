/// A treaty's event log as the engine reads it on one date: corrections applied, events the
/// reader could not yet know left out, in the order acts take effect (date, then ``Event/Kind/sameDayRank``, then
/// file order).
struct EventLog: Sendable {
    /// Every effective event with a date on or before `through`, sorted by date.
    let events: LogArray<Event>
    /// The date of each of ``events``, at the same positions.
    let dates: LogArray<CalendarDate>
    /// Ids of events a correction replaced, with the correcting event's id.
    let corrected: [String: String]
    /// The treaty's ``LogIndex`` where ``events`` is a prefix of the treaty's own log (each event at its
    /// position there), else `nil`.
    let index: LogIndex?
    /// The day the log is read as known on, where it is (only events recorded by then are in it).
    var asKnownOn: CalendarDate? = nil

    /// - Parameters:
    ///   - treaty: the treaty whose log to read.
    ///   - through: the last date whose events count (the status date).
    ///   - asKnownOn: where given, only events (and corrections) recorded on or before it count;
    ///     an event without `recorded` counts as recorded on its `date`.
    init(_ treaty: Treaty, through: CalendarDate?, asKnownOn: CalendarDate? = nil) {
        // The common case (no corrections, no "as known on"): the treaty's log in date order, built once.
        if asKnownOn == nil, let index = treaty.logIndex {
            let end = through.map { index.dates.firstPosition(after: $0) } ?? index.events.count
            self.events = index.events.sharingPrefix(end)
            self.dates = index.dates.sharingPrefix(end)
            self.corrected = [:]
            self.index = index
            return
        }
        self.asKnownOn = asKnownOn
        func known(_ event: Event) -> Bool {
            guard let asKnownOn else { return true }
            return (event.recorded ?? event.date) <= asKnownOn
        }
        let (corrected, replaced) = Event.applyingCorrections(treaty.events, known: known)
        let events = through.map { through in LogArray(corrected.lazy.filter { $0.date <= through }) } ?? corrected
        // Files are usually in that order already; otherwise a stable sort by date and rank.
        if Event.inEffectOrder(events) {
            self.events = events
        } else {
            self.events = LogArray(Event.effectOrder(events).lazy.map { events[$0] })
        }
        self.dates = LogArray(self.events.lazy.map(\.date))
        self.corrected = replaced
        self.index = nil
    }
}

extension Treaty {
    /// The last day on which something of this treaty's record became known, as "as known on" reads a record: an
    /// event (or correction) counts from its `recorded` day, or its `date` where it has none (``EventLog``), and a
    /// partial record's documented date of entry into force from that date (``Derivation``'s documented
    /// parties). A status as known on this day or later is the status without "as known on", the treaties its
    /// conditions wait for alike; `nil` where nothing is recorded.
    public var lastKnownDay: CalendarDate? {
        var last = events.lazy.map { $0.recorded ?? $0.date }.max()
        if record == .partial, let documented = documented?.entryIntoForce {
            last = max(last ?? documented, documented)
        }
        return last
    }
}
