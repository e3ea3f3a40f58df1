/// What a list of treaties shows of one treaty's status on a date (`pacta list`, `GET /api/v1/treaties`): the
/// treaty's own status, its dates of entry into force and termination, how many States are parties, and the
/// status's caveats. The rest of a list row (id, titles, kind, record) is the treaty's own and does not change
/// with the date.
public struct ListRow: Sendable, Hashable {
    /// The treaty's status on the date (VCLT arts. 24, 54–56).
    public var status: TreatyStatus.Value
    /// The date of entry into force, once the events up to the date fix it (it may lie after the date).
    public var entryIntoForce: CalendarDate?
    /// The date the treaty ends (or ended) for all, where the events up to the date fix it.
    public var termination: CalendarDate?
    /// How many States (and organisations) have status `party` on the date.
    public var parties: Int
    /// The caveats of the status without explanations (``Lifecycle/status(of:on:asKnownOn:explain:)`` with
    /// `explain: false`), sorted.
    public var caveats: [String]

    public init(
        status: TreatyStatus.Value, entryIntoForce: CalendarDate?, termination: CalendarDate?, parties: Int,
        caveats: [String]
    ) {
        self.status = status
        self.entryIntoForce = entryIntoForce
        self.termination = termination
        self.parties = parties
        self.caveats = caveats
    }

    /// The row of a computed status.
    public init(_ status: TreatyStatus) {
        var parties = 0
        for index in status.states.indices where status.states[index].status == .party { parties += 1 }
        self.init(
            status: status.status, entryIntoForce: status.entryIntoForce, termination: status.termination,
            parties: parties, caveats: status.caveats)
    }
}

/// One line of a list of treaties on a date: the treaty's own facts, which do not change with the date, and its
/// ``ListRow`` on the date.
public struct ListEntry: Sendable, Hashable {
    public var id: String
    /// The English title (``Treaty/title(in:)``).
    public var title: String
    /// The English short title, where there is one.
    public var shortTitle: String?
    public var kind: Treaty.Kind
    /// How complete the treaty's record is.
    public var record: Treaty.Record
    public var row: ListRow

    public init(
        id: String, title: String, shortTitle: String?, kind: Treaty.Kind, record: Treaty.Record, row: ListRow
    ) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle
        self.kind = kind
        self.record = record
        self.row = row
    }

    /// The entry of `treaty` with `row`.
    public init(_ treaty: Treaty, _ row: ListRow) {
        self.init(
            id: treaty.id, title: treaty.title(), shortTitle: treaty.shortTitles["en"], kind: treaty.kind,
            record: treaty.record, row: row)
    }
}

/// One treaty's ``ListRow`` as a step function of the date: the row from each date on which it may change, so
/// that a list on any date reads one step per treaty instead of running the engine over every log.
///
/// Made by ``Lifecycle/listSteps(of:)`` from the engine's own statuses; ``row(on:)`` gives, for every date,
/// the row the engine gives for that date (the equivalence tests check it date by date).
public struct ListSteps: Sendable, Hashable {
    /// A row and the first date it holds for; it holds until the next step's date.
    public struct Step: Sendable, Hashable {
        public var from: CalendarDate
        public var row: ListRow
        public init(from: CalendarDate, row: ListRow) {
            self.from = from
            self.row = row
        }
    }

    /// The steps in date order, the first from ``CalendarDate/earliest``, no two in a row with the same row.
    public let steps: [Step]

    /// The days of the treaty's calendar (``Lifecycle/calendarDays(of:)``), kept beside its steps by an index so
    /// that the calendar of a window decodes only the treaties with a day in it; `nil` where they were not
    /// computed or cannot be given once for every window (the treaty's calendar is then computed when asked).
    /// ``Lifecycle/listSteps(of:limit:)`` leaves it `nil`: the index builder sets it.
    public var calendar: [CalendarDate]? = nil

    /// Steps as stored: `nil` where they are not in strictly increasing date order, or the first does not start at
    /// ``CalendarDate/earliest``.
    public init?(steps: [Step]) {
        guard let first = steps.first, first.from == .earliest,
            zip(steps, steps.dropFirst()).allSatisfy({ $0.from < $1.from })
        else { return nil }
        self.steps = steps
    }

    /// The row on `date`: the last step from on or before it.
    /// - Complexity: O(log s) for s steps.
    public func row(on date: CalendarDate) -> ListRow {
        var low = 0
        var high = steps.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if steps[middle].from <= date { low = middle } else { high = middle }
        }
        return steps[low].row
    }
}

extension Lifecycle {
    /// The list row of `treaty` as a step function of the date: the row the engine gives
    /// (``status(of:on:asKnownOn:explain:)`` without explanations, all events known) on every date on which it
    /// can change, merged where consecutive rows are the same.
    ///
    /// The dates tried are those the row can turn on: the adoption, every event's date (and the earliest day of
    /// one dated only to a month or year), the documented date of entry into force, the dates the conditions
    /// name, every date a status on those dates gives (entry into force, for the treaty and for each State, a
    /// withdrawal or a denunciation taking effect, expiry, dissolution, a State's cessation), the first day of
    /// the year after ISO withdrew a former code the log names, and the same dates of every treaty the conditions
    /// wait for (`treaty-in-force`), at any depth. Each span between two of them is checked at its last day too;
    /// where the row there differs, the day it changes is found by halving the span and becomes a step.
    ///
    /// - Parameters:
    ///   - treaty: a treaty of this engine's corpus (successions applied, as ``Corpus`` applies them); the corpus
    ///     must hold every treaty its conditions wait for, at any depth, as the whole corpus does.
    ///   - limit: the most statuses computed; past it, `nil`.
    /// - Returns: `nil` where the row changes on more days than `limit` allows: the one case known is a caveat
    ///   that names the date asked about (a former ISO 3166 code shown as taking part), which differs every day.
    /// - Complexity: for a treaty whose conditions wait for no other treaty, whose log has no corrections nor
    ///   dates known only to a month or a year, and which is not a partial record with a documented date (most
    ///   treaties), one walk of the log and a row per date tried: O(e + d × p) for e events, d dates and p
    ///   parties; for the others, one status per date tried: O(d × e).
    public func listSteps(of treaty: Treaty, limit: Int = 4_096) -> ListSteps? {
        // Most treaties depend on their own events alone: one walk of the log gives the derivation through every
        // date. Where a span's last day shows a change no date explains, the statuses are computed one by one.
        if Derivation.walksOnce(treaty), !treaty.events.contains(where: { $0.earliestDate != nil }) {
            switch stepsInOneWalk(of: treaty, limit: limit) {
            case .steps(let steps): return steps
            case .overLimit: return nil
            case .unexplainedChange: break
            }
        }
        return stepsByStatus(of: treaty, limit: limit)
    }

    /// What ``stepsInOneWalk(of:limit:)`` found.
    private enum WalkedSteps {
        case steps(ListSteps)
        case overLimit
        /// A span's last day has another row than its first, or gives a date inside the span.
        case unexplainedChange
    }

    /// ``listSteps(of:limit:)`` for a treaty that ``Derivation/walksOnce(_:)``, from one walk of its log: in each
    /// span between two days of the log, one derivation gives the row on every date tried in it, and on the last
    /// day before each next date.
    private func stepsInOneWalk(of treaty: Treaty, limit: Int) -> WalkedSteps {
        var days = Set<CalendarDate>()
        var seen = Set<String>()
        changeDates(of: treaty, into: &days, seen: &seen)
        // The dates still to try, sorted; those a status gives are inserted in order.
        var upcoming = days.sorted()
        var position = 0
        var found: [CalendarDate] = []
        var steps: [ListSteps.Step] = []
        var computed = 0
        var outcome: WalkedSteps?
        // What the rows of the last derivation gave, brought up to date by the next (Derivation.ListFacts): a row's
        // dates are given once, when it is built, and those after that day are then in `upcoming`.
        var facts: Derivation.ListFacts?
        func insert(_ date: CalendarDate) {
            guard days.insert(date).inserted else { return }
            var low = position
            var high = upcoming.count
            while low < high {
                let middle = (low + high) / 2
                if upcoming[middle] < date { low = middle + 1 } else { high = middle }
            }
            upcoming.insert(date, at: low)
        }
        Derivation.successive(of: treaty, engine: self) { from, until, derivation in
            // Dates before this span were given too late to matter: the span that held them was checked whole.
            while position < upcoming.count, upcoming[position] < from { position += 1 }
            var day = from
            while true {
                guard computed + 2 <= limit else {
                    outcome = .overLimit
                    return false
                }
                found.removeAll(keepingCapacity: true)
                let row = derivation.listRow(on: day, dates: &found, facts: &facts)
                computed += 1
                for date in found where date > day { insert(date) }
                while position < upcoming.count, upcoming[position] <= day { position += 1 }
                let next =
                    position < upcoming.count && until.map({ upcoming[position] < $0 }) ?? true
                    ? upcoming[position] : until
                let last = next.map { CalendarDate(ordinal: $0.ordinal - 1) } ?? .latest
                if last > day {
                    found.removeAll(keepingCapacity: true)
                    let check = derivation.listRow(on: last, dates: &found, facts: &facts)
                    computed += 1
                    guard check == row, !found.contains(where: { $0 > day && $0 <= last }) else {
                        outcome = .unexplainedChange
                        return false
                    }
                    for date in found where date > last { insert(date) }
                }
                if steps.last?.row != row { steps.append(ListSteps.Step(from: day, row: row)) }
                guard let next, until.map({ next < $0 }) ?? true else { return true }
                day = next
            }
        }
        if let outcome { return outcome }
        return ListSteps(steps: steps).map { .steps($0) } ?? .unexplainedChange
    }

    /// ``listSteps(of:limit:)`` by computing each status on its own (any treaty): what the one walk is checked
    /// against.
    package func stepsByStatus(of treaty: Treaty, limit: Int = 4_096) -> ListSteps? {
        var rows: [CalendarDate: ListRow] = [:]
        var days = Set<CalendarDate>()
        var found: [CalendarDate] = []
        // A status's row, and the dates it gives that were not yet tried.
        func row(_ day: CalendarDate) -> ListRow? {
            if let known = rows[day] { return known }
            guard rows.count < limit else { return nil }
            let status = ownStatus(of: treaty, on: day, explain: false)
            for date in Self.dates(in: status) where days.insert(date).inserted { found.append(date) }
            let value = ListRow(status)
            rows[day] = value
            return value
        }
        var seen = Set<String>()
        changeDates(of: treaty, into: &days, seen: &seen)
        var pending = Array(days)
        var sorted: [CalendarDate] = []
        while !pending.isEmpty {
            // Until no status gives a date not yet tried.
            while !pending.isEmpty {
                found = []
                for day in pending where row(day) == nil { return nil }
                pending = found
            }
            // Each span checked at its last day; a change inside it is found by halving and tried as the others.
            sorted = days.sorted()
            found = []
            for (index, start) in sorted.enumerated() {
                let end = index + 1 < sorted.count ? CalendarDate(ordinal: sorted[index + 1].ordinal - 1) : .latest
                guard end > start else { continue }
                guard let first = row(start), let last = row(end) else { return nil }
                guard first != last else { continue }
                // The first day in (start, end] whose row differs from `first`.
                var low = start
                var high = end
                while high.ordinal - low.ordinal > 1 {
                    let middle = CalendarDate(ordinal: (low.ordinal + high.ordinal) / 2)
                    guard let value = row(middle) else { return nil }
                    if value == first { low = middle } else { high = middle }
                }
                if days.insert(high).inserted { found.append(high) }
            }
            pending = found
        }
        var steps: [ListSteps.Step] = []
        for day in sorted {
            guard let value = row(day) else { return nil }
            if steps.last?.row != value { steps.append(ListSteps.Step(from: day, row: value)) }
        }
        return ListSteps(steps: steps)
    }

    /// The dates `treaty`'s list row can turn on before any status is computed (see ``listSteps(of:limit:)``),
    /// with those of the treaties its conditions wait for, added to `days`.
    private func changeDates(of treaty: Treaty, into days: inout Set<CalendarDate>, seen: inout Set<String>) {
        guard seen.insert(treaty.id).inserted else { return }
        days.insert(.earliest)
        days.insert(treaty.adopted.date)
        if let documented = treaty.documented?.entryIntoForce { days.insert(documented) }
        for event in treaty.events {
            days.insert(event.date)
            if let earliest = event.earliestDate {
                days.insert(earliest)
                days.insert(max(earliest, treaty.adopted.date))
            }
        }
        // Corrections move events: the log as the engine reads it.
        for date in EventLog(treaty, through: nil).dates { days.insert(date) }
        for date in treaty.rules.conditions.flatMap(\.literalDates) { days.insert(date) }
        for code in Set(treaty.negotiatingStates + treaty.events.flatMap(\.parties)) {
            if let withdrawn = Derivation.formerCodes[code],
                let day = CalendarDate(year: withdrawn + 1, month: 1, day: 1)
            {
                days.insert(day)
            }
        }
        for id in treaty.rules.treatyReferences {
            if let other = corpus[id] { changeDates(of: other, into: &days, seen: &seen) }
        }
    }

    /// Every date a status gives: the treaty's, each State's, each suspension's and each part's.
    private static func dates(in status: TreatyStatus) -> [CalendarDate] {
        var dates = [status.entryIntoForce, status.conditionsMet, status.termination].compactMap { $0 }
        for state in status.states {
            dates += [
                state.entryIntoForce, state.signature, state.consent?.date, state.withdrawal?.notified,
                state.withdrawal?.effective, state.continues?.from, state.ceased, state.provisionalApplication,
            ].compactMap { $0 }
        }
        dates += status.suspensions.map(\.since)
        for part in status.partialEntryIntoForce {
            dates += [part.conditionsMet, part.entryIntoForce].compactMap { $0 }
        }
        return dates
    }
}
