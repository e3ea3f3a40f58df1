import PactaCore

extension Questions {
    /// The status of a treaty and of each State on a date, as every front end shows it. VCLT arts. 24, 54–56.
    ///
    /// - Parameters:
    ///   - treaty: the treaty (``treaty(named:)``).
    ///   - date: the date asked about.
    ///   - asKnownOn: where given, only the events recorded by then count.
    ///   - party: where given, the rows are narrowed to that State or organisation (a row with status `none`
    ///     and why, where the log does not name it), and the reservations to its own and its responses.
    ///   - explain: `false` leaves the explanations empty (bulk work).
    /// - Returns: the status, with the faulty-file caveat first where the treaty's file has errors.
    public func status(
        of treaty: Treaty, on date: CalendarDate, asKnownOn: CalendarDate? = nil, party: PartyCode? = nil,
        explain: Bool = true
    ) -> TreatyStatus {
        var status = lifecycle.status(of: treaty, on: date, asKnownOn: asKnownOn, explain: explain)
        status.asKnownOn = asKnownOn
        if faulty.contains(treaty.id) { status.caveats.insert(Self.faultyFileCaveat(treaty.id), at: 0) }
        guard let party else { return status }
        status.states = [status.state(party) ?? .uninvolved(party, on: status.on)]
        status.reservations = status.reservations.compactMap { reservation in
            var reservation = reservation
            if reservation.party == party { return reservation }
            reservation.responses = reservation.responses.filter { $0.state == party }
            return reservation.responses.isEmpty ? nil : reservation
        }
        return status
    }

    /// Every treaty of the corpus with its status on a date (without explanations), by id.
    ///
    /// Cooperative cancellation: where the task that asks is cancelled (a server request past its deadline), the
    /// list stops at the next treaty and is short; whoever cancelled does not use it.
    public func list(on date: CalendarDate, asKnownOn: CalendarDate? = nil) -> [(Treaty, TreatyStatus)] {
        var rows: [(Treaty, TreatyStatus)] = []
        rows.reserveCapacity(corpus.treaties.count)
        for treaty in corpus.treaties {
            if Task.isCancelled { break }
            rows.append((treaty, status(of: treaty, on: date, asKnownOn: asKnownOn, explain: false)))
        }
        return rows
    }

    /// Every event of a treaty and every date computed from its rules, through a date.
    public func timeline(of treaty: Treaty, through date: CalendarDate) -> [TimelineEntry] {
        lifecycle.timeline(of: treaty, through: date)
    }

    /// The computed dates of the whole corpus between two dates: the depositary's calendar. Where there is none,
    /// the nearest before and after, for the words that say so.
    public func upcoming(from start: CalendarDate, through end: CalendarDate) -> Calendar {
        let dates = lifecycle.upcoming(from: start, through: end)
        guard dates.isEmpty else { return Calendar(dates: dates, before: nil, after: nil) }
        return Calendar(
            dates: [],
            before: lifecycle.upcoming(from: CalendarDate(ordinal: 0), through: start.adding(days: -1)).last,
            after: lifecycle.upcoming(from: end.adding(days: 1), through: end.adding(days: 36_600)).first)
    }

    /// The depositary's calendar between two dates.
    public struct Calendar: Sendable {
        public var dates: [Lifecycle.UpcomingDate]
        /// Where ``dates`` is empty: the last computed date before the window and the first after it.
        public var before: Lifecycle.UpcomingDate?
        public var after: Lifecycle.UpcomingDate?
    }

    /// Why a computed date of `id` may be wrong: its record is incomplete or unconfirmed; `nil` otherwise.
    public func recordCaveat(_ id: String) -> String? {
        switch corpus[id]?.record {
        case .partial?:
            "the record of \(id) is incomplete (see its note): this date may be wrong; 'pacta status \(id)' says more."
        case .unconfirmed?:
            "some dates in the record of \(id) are not confirmed by a source: this date is as good as they are."
        default: nil
        }
    }
}
