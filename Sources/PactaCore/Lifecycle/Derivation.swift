/// Everything the engine derives for one treaty from the events up to one date. Internal to ``Lifecycle``.
struct Derivation: Sendable {
    private(set) var treaty: Treaty
    private(set) var log: EventLog
    /// The engine, for conditions on other treaties, and how deep this derivation is in such a chain.
    let engine: Lifecycle
    let depth: Int
    /// Whether to put the derivation into words. Dates and statuses are the same either way.
    var explain: Bool
    private(set) var machine: LogMachine
    /// The date the entry-into-force condition was first met, with the reasons and the events used.
    private(set) var conditionsMet: ConditionCheck?
    private(set) var entryIntoForce: CalendarDate?
    private(set) var entryIntoForceExplanation: [String] = []
    /// For each rule of `rules.partial`, the date its condition was first met, with the reasons.
    private(set) var partialMet: [ConditionCheck?] = []
    /// When and why the treaty ends for all, where the log fixes it.
    private(set) var ending: Ending?
    /// In a bilateral treaty continued with several successors of one party, the notices (event ids) by which one
    /// of them leaves while another stays bound: the treaty ends for that State alone.
    private(set) var withdrawalsAlone: Set<String> = []
    /// Where the events fix no date, or a later one, and the file's `documented` statement gives one: that date, and the States
    /// bound from it by the record's word alone (no instrument in the file).
    /// `computed`: the other date the events alone give, where they give one.
    private(set) var documentedFallback: (date: CalendarDate, unrecorded: [PartyCode], computed: CalendarDate?)?

    /// The end of the treaty for all.
    struct Ending {
        var date: CalendarDate
        var explanation: String
        var event: String?
    }

    init(
        treaty: Treaty, through: CalendarDate?, asKnownOn: CalendarDate?, engine: Lifecycle, depth: Int,
        explain: Bool = true
    ) {
        self.init(
            computing: treaty, through: through, asKnownOn: asKnownOn, engine: engine, depth: depth, explain: explain)
        // A partial record's documented date stands wherever the events give another date, or none. A later one
        // comes from deposits missing from the file (or denunciations recorded while earlier consents are not): the
        // condition seems met only years later, by a consent given while the treaty was in force already, and a
        // treaty in force does not enter into force again (VCLT art. 24; art. 55: nor does it end because its
        // parties fall below the number its entry into force needed). An earlier one comes from an act or a rule
        // the file lacks (an exchange of instruments after the last ratification, a delay): the treaty is not in
        // force before the documented date, whatever the date asked, and enters into force on it.
        let earlier =
            treaty.record == .partial
            && entryIntoForce.map { computed in treaty.documented?.entryIntoForce.map { computed < $0 } ?? false }
                ?? false
        guard
            let (date, unrecorded) = Derivation.documentedParties(
                treaty, through: earlier ? nil : through, asKnownOn: asKnownOn),
            entryIntoForce.map({ $0 != date }) ?? true
        else { return }
        let computed = entryIntoForce
        self.init(
            computing: Derivation.adding(unrecorded, on: date, to: treaty), through: through, asKnownOn: asKnownOn,
            engine: engine, depth: depth, explain: explain)
        adoptDocumented(date, unrecorded: unrecorded, computed: computed)
    }

    private init(
        computing treaty: Treaty, through: CalendarDate?, asKnownOn: CalendarDate?, engine: Lifecycle, depth: Int,
        explain: Bool
    ) {
        self.init(
            settingUp: treaty, through: through, asKnownOn: asKnownOn, engine: engine, depth: depth, explain: explain)
        let plan = walkPlan(through: through)
        // The events are read in place: a copy of each would retain every text it holds.
        let events = log.events
        events.withUnsafeBufferPointer { buffer in
            var walk = Walk(base: events.startIndex)
            self.walk(buffer, &walk, plan)
        }
        finish()
    }

    /// The derivation before its walk: the log through `through`, a machine that has applied nothing.
    private init(
        settingUp treaty: Treaty, through: CalendarDate?, asKnownOn: CalendarDate?, engine: Lifecycle, depth: Int,
        explain: Bool
    ) {
        self.treaty = treaty
        self.explain = explain
        self.engine = engine
        self.depth = depth
        self.log = EventLog(treaty, through: through, asKnownOn: asKnownOn)
        self.machine = LogMachine(
            negotiatingStates: treaty.negotiatingStates, capacity: treaty.negotiatingStates.count + 4, index: log.index,
            countsByDepositary: treaty.record == .partial)
        partialMet = Array(repeating: nil, count: treaty.rules.partial.count)
    }

    /// What a walk through `through` tests, and on which days besides those of the events.
    fileprivate struct WalkPlan {
        let condition: Condition
        /// The fixed dates a condition can turn on, sorted (repeats are harmless: the walk takes each day once).
        let extra: [CalendarDate]
        let evaluator: ConditionEvaluator
    }

    /// The condition of entry into force, the extra days (the fixed dates a condition names, and the dates the
    /// treaties it waits for entered into force, on or before `through`) and the evaluator, with those treaties'
    /// dates worked out once.
    private func walkPlan(through: CalendarDate?) -> WalkPlan {
        let condition = treaty.rules.entryIntoForce?.condition ?? .allOf(.named("negotiating-states"), ConsentFilter())
        // Candidate days: every event day, and the fixed dates a condition can turn on.
        var extra: [CalendarDate] = []
        let partial = treaty.rules.partial
        for literal in ([condition] + partial.map(\.condition)).flatMap(\.literalDates)
        where through.map({ literal <= $0 }) ?? true {
            extra.append(literal)
        }
        var referenced: [String: (from: CalendarDate, until: CalendarDate?)?] = [:]
        for id in ([condition] + partial.map(\.condition)).flatMap(\.treatyReferences) where referenced[id] == nil {
            let inForce = engine.inForce(of: id, asOf: through ?? CalendarDate(ordinal: 3_652_058), depth: depth)
            referenced[id] = .some(inForce)
            if let date = inForce?.from, through.map({ date <= $0 }) ?? true { extra.append(date) }
        }
        extra.sort()
        var evaluator = ConditionEvaluator(treaty: treaty, engine: engine, depth: depth)
        evaluator.referenced = referenced
        return WalkPlan(condition: condition, extra: extra, evaluator: evaluator)
    }

    /// The steps after the walk: the date of entry into force, revocations that came too late, the end.
    private mutating func finish() {
        computeEntryIntoForce(rule: treaty.rules.entryIntoForce)
        undoLateRevocations()
        computeEnding()
    }

    /// Where a walk through the days of the log is: the position of the next event to apply (from `base`, the
    /// position in the treaty's log of the walk's first event) and of the next extra day.
    fileprivate struct Walk {
        let base: Int
        var next = 0
        var nextExtra = 0
    }

    /// The walk in date order, day by day, for at most `days` days: each day with an event or an extra date (a
    /// fixed date a condition can turn on), whose events it applies, then tests the conditions (the fast test; the
    /// words of the derivation only on the day a condition first holds).
    /// - Returns: the last day walked, `nil` where none was left.
    @discardableResult @inline(__always)
    private mutating func walk(
        _ events: UnsafeBufferPointer<Event>, _ walk: inout Walk, _ plan: WalkPlan, days: Int = .max
    ) -> CalendarDate? {
        let (condition, extra, evaluator) = (plan.condition, plan.extra, plan.evaluator)
        let partial = treaty.rules.partial
        let dates = log.dates
        let base = walk.base
        var walked = 0
        var last: CalendarDate?
        while walked < days, walk.next < events.count || walk.nextExtra < extra.count {
            var day = walk.next < events.count ? dates[base + walk.next] : extra[walk.nextExtra]
            if walk.nextExtra < extra.count, extra[walk.nextExtra] < day { day = extra[walk.nextExtra] }
            while walk.nextExtra < extra.count, extra[walk.nextExtra] == day { walk.nextExtra += 1 }
            while walk.next < events.count, dates[base + walk.next] == day {
                machine.apply(events.baseAddress! + walk.next, position: base + walk.next)
                walk.next += 1
            }
            if conditionsMet == nil, evaluator.holds(condition, machine: machine, on: day) {
                var check =
                    explain
                    ? evaluator.check(condition, machine: machine, on: day)
                    : ConditionCheck(holds: true, reasons: [], events: [])
                check.date = day
                conditionsMet = check
            }
            for index in partial.indices where partialMet[index] == nil {
                guard evaluator.holds(partial[index].condition, machine: machine, on: day) else { continue }
                var check =
                    explain
                    ? evaluator.check(partial[index].condition, machine: machine, on: day)
                    : ConditionCheck(holds: true, reasons: [], events: [])
                check.date = day
                partialMet[index] = check
            }
            walked += 1
            last = day
        }
        return last
    }

    // MARK: - Every date in one walk

    /// Whether ``successive(of:engine:_:)`` derives `treaty`: its log has no corrections, its conditions wait for
    /// no other treaty, and it is not a partial record with a documented date of entry into force (each of which
    /// makes a status depend on more than the treaty's own events up to the date).
    static func walksOnce(_ treaty: Treaty) -> Bool {
        return !treaty.rules.waitsForATreaty
            && (treaty.record != .partial || treaty.documented?.entryIntoForce == nil) && treaty.logIndex != nil
    }

    /// The derivations of `treaty` (one that ``walksOnce(_:)``) without words through every date, from one walk
    /// of its log: `body(from, until, derivation)` is called with the derivation that
    /// `Derivation(treaty:through:asKnownOn:engine:depth:explain:)` makes through every date from `from` until
    /// the day before `until` (the log has no event and the conditions name no date in between; `nil`: every later
    /// date), which is the next call's `from`; the first call is from ``CalendarDate/earliest``. `body` returns
    /// `false` to stop.
    /// - Complexity: O(e) for the walk of e events, plus the derivation's last steps once per call.
    static func successive(
        of treaty: Treaty, engine: Lifecycle, _ body: (CalendarDate, CalendarDate?, Derivation) -> Bool
    ) {
        var state = Derivation(
            settingUp: treaty, through: nil, asKnownOn: nil, engine: engine, depth: 0, explain: false)
        let plan = state.walkPlan(through: nil)
        let events = state.log.events
        let dates = state.log.dates
        events.withUnsafeBufferPointer { buffer in
            var walk = Walk(base: events.startIndex)
            var from = CalendarDate.earliest
            while true {
                var next: CalendarDate? = walk.next < buffer.count ? dates[walk.base + walk.next] : nil
                if walk.nextExtra < plan.extra.count { next = min(next ?? .latest, plan.extra[walk.nextExtra]) }
                if next.map({ $0 > from }) ?? true {
                    var derivation = state
                    derivation.log = EventLog(treaty, through: from)
                    derivation.finish()
                    guard body(from, next, derivation) else { return }
                }
                guard next != nil else { return }
                guard let day = state.walk(buffer, &walk, plan, days: 1) else { return }
                from = day
            }
        }
    }

    // MARK: - Resuming after an appended act

    /// A derivation without words that has walked every event of its treaty's log (not finished: no date of
    /// entry into force worked out yet), with where the walk stands: what ``Lifecycle/Resumable`` keeps, so that
    /// a status after one more act dated on or after the last costs that act and the derivation's last steps,
    /// not a walk of the whole log.
    struct Walked: Sendable {
        fileprivate var state: Derivation
        fileprivate var walk: Walk
        fileprivate var plan: WalkPlan
        /// The day of the last event walked; `nil` for an empty log.
        private(set) var lastDay: CalendarDate?

        /// The treaty walked.
        var treaty: Treaty { state.treaty }

        /// `treaty` (one that ``Derivation/walksOnce(_:)``) walked through its last event; `nil` otherwise.
        /// - Complexity: O(e) for e events, once.
        init?(_ treaty: Treaty, engine: Lifecycle) {
            guard Derivation.walksOnce(treaty) else { return nil }
            state = Derivation(
                settingUp: treaty, through: nil, asKnownOn: nil, engine: engine, depth: 0, explain: false)
            plan = state.walkPlan(through: nil)
            walk = Walk(base: state.log.events.startIndex)
            walkEvents()
        }

        /// Walks the days up to and including the last event's (the fixed dates a condition names on the way
        /// included), never a day after it.
        private mutating func walkEvents() {
            let events = state.log.events
            events.withUnsafeBufferPointer { buffer in
                while walk.next < buffer.count, state.walk(buffer, &walk, plan, days: 1) != nil {}
            }
            lastDay = state.log.dates.last
        }

        /// This walk continued with the last event of `treaty`, which is this walk's treaty with that one event
        /// appended (``Treaty/appendEvent(_:)``): `nil` where that event does not take effect last (an earlier
        /// date or same-day rank than the last event walked), or where the conditions already held on the last
        /// day walked and the event is of that day too (one test after all of a day's events could then differ
        /// from the test made before this one), or where the treaty is not one ``Derivation/walksOnce(_:)``.
        /// - Complexity: O(p) for the p parties copied, plus the index's extension by one event.
        func appending(_ treaty: Treaty) -> Walked? {
            let old = state.treaty
            guard treaty.events.count == old.events.count + 1, let event = treaty.events.last,
                treaty.id == old.id, treaty.kind == old.kind, treaty.record == old.record,
                treaty.negotiatingStates == old.negotiatingStates, treaty.rules == old.rules,
                treaty.sets == old.sets, treaty.weights == old.weights, treaty.adopted == old.adopted,
                treaty.documented == old.documented,
                Derivation.walksOnce(treaty), let index = treaty.logIndex, index.events.count == treaty.events.count,
                index.events.last?.id == event.id
            else { return nil }
            if let lastDay {
                guard event.date >= lastDay else { return nil }
                if event.date == lastDay,
                    state.conditionsMet?.date == lastDay || state.partialMet.contains(where: { $0?.date == lastDay })
                {
                    return nil
                }
            }
            var next = self
            next.state.treaty = treaty
            next.state.log = EventLog(treaty, through: nil)
            next.state.machine.reading(index)
            next.plan = next.state.walkPlan(through: nil)
            next.walkEvents()
            return next
        }

        /// The derivation through `date`, finished: what `Derivation(treaty:through:asKnownOn:engine:depth:
        /// explain:)` makes without words; `nil` where `date` is before the last day walked.
        /// - Complexity: O(p) for the p parties, plus the fixed dates a condition names up to `date`.
        func derivation(through date: CalendarDate) -> Derivation? {
            if let lastDay, date < lastDay { return nil }
            var derivation = state
            var walk = self.walk
            let plan = self.plan
            let events = derivation.log.events
            events.withUnsafeBufferPointer { buffer in
                while walk.nextExtra < plan.extra.count, plan.extra[walk.nextExtra] <= date {
                    derivation.walk(buffer, &walk, plan, days: 1)
                }
            }
            derivation.log = EventLog(derivation.treaty, through: date)
            derivation.finish()
            return derivation
        }
    }

    // MARK: - A documented date where the events fix none

    /// Where `treaty` is a partial record with a documented date of entry into force on or before `through`:
    /// that date, and the States its `documented.parties` names that have no consent in the file by then.
    /// `nil` where the fallback does not apply. The States are the file's statement, never the engine's guess.
    /// - Parameter asKnownOn: where given, the statement counts only from its date on (that a treaty entered into
    ///   force on a day cannot be known before that day), and only the events recorded by then name signatories
    ///   and consents.
    static func documentedParties(_ treaty: Treaty, through: CalendarDate?, asKnownOn: CalendarDate? = nil) -> (
        CalendarDate, [PartyCode]
    )? {
        guard treaty.record == .partial, let date = treaty.documented?.entryIntoForce,
            through.map({ date <= $0 }) ?? true, asKnownOn.map({ date <= $0 }) ?? true
        else { return nil }
        var consented = Set<PartyCode>()
        var signed: [PartyCode] = []
        // A consent dated only to a month or year that may fall on or before the date counts as recorded by it.
        for event in treaty.events
        where (event.earliestDate ?? event.date) <= date
            && asKnownOn.map({ (event.recorded ?? event.date) <= $0 }) ?? true
        {
            switch event.kind {
            case .consent(let party, _, _, _, _): consented.insert(party)
            case .exchangeOfInstruments(let parties, _): consented.formUnion(parties)
            case .signature(let party, _) where !signed.contains(party): signed.append(party)
            default: break
            }
        }
        let named: [PartyCode]
        switch treaty.documented?.parties {
        case .listed(let codes): named = codes
        case .signatories: named = signed
        case nil: named = treaty.kind == .bilateral ? treaty.negotiatingStates : []
        }
        return (date, named.filter { !consented.contains($0) })
    }

    /// `treaty` with a stand-in consent (form ``Event/ConsentForm/unrecorded``) on `date` for each of `codes`.
    /// The log and its index are kept in the treaty's ``LogCache`` for the next status that adds the same ones.
    static func adding(_ codes: [PartyCode], on date: CalendarDate, to treaty: Treaty) -> Treaty {
        let key = LogCache.StandInKey(treaty: treaty.id, source: treaty.documented?.source, date: date, codes: codes)
        let (events, cache) = treaty.logCache.standIns(key) {
            var events = treaty.events
            events += codes.map { code in
                Event(
                    id: "\(treaty.id)-documented-\(code)", date: date,
                    kind: .consent(party: code, form: .unrecorded), source: treaty.documented?.source,
                    note: "bound from the documented date of entry into force; the instrument is not in the file")
            }
            return events
        }
        return treaty.with(log: events, cache: cache)
    }

    /// Takes the documented date as the treaty's date of entry into force, with words that say where it comes
    /// from.
    /// - Parameter computed: the other date the events alone give, where they give one.
    private mutating func adoptDocumented(_ date: CalendarDate, unrecorded: [PartyCode], computed: CalendarDate?) {
        let source = treaty.documented?.source.map { key in
            treaty.sources[key]?.title.map { "\($0) [\(key)]" } ?? key
        }
        let events =
            computed.map {
                $0 > date
                    ? "the events in this file give \($0), later, which only deposits missing from the file can give (a treaty in force does not enter into force again)"
                    : "the events in this file give \($0), earlier: an act or a rule the file lacks (an exchange of instruments, a delay) put it off"
            } ?? "the events in this file cannot fix a date"
        let reason =
            "an official record gives entry into force on \(date)\(source.map { " (\($0))" } ?? ""); \(events), so the date is taken from that record, not computed"
        conditionsMet = ConditionCheck(holds: true, reasons: [reason], events: [], date: date)
        entryIntoForce = date
        documentedFallback = (date, unrecorded, computed)
        if explain {
            entryIntoForceExplanation = [
                "Entry into force on \(date) is documented, not computed: \(reason).",
                "Entry into force: \(date).",
            ]
        }
        computeEnding()
    }

    // MARK: - Entry into force

    private mutating func computeEntryIntoForce(rule: EntryIntoForceRule?) {
        guard let met = conditionsMet, let metDate = met.date else { return }
        guard explain else {
            entryIntoForce = Derivation.floor(
                rule?.delay.apply(to: metDate) ?? metDate, rule?.notBefore, adopted: treaty.adopted.date)
            return
        }
        let article = rule?.article.map { "Art. \($0)" }
        var lines: [String] = []
        if let rule {
            lines.append("\(article ?? "The treaty's final clause"): enters into force \(Derivation.describe(rule)).")
        } else {
            lines.append(
                "The treaty states no rule: it enters into force once all negotiating States have consented (VCLT art. 24(2))."
            )
        }
        lines += met.reasons.map { "Condition met on \(metDate): \($0)." }
        var date = rule?.delay.apply(to: metDate) ?? metDate
        if let delay = rule?.delay, delay != .none {
            lines.append("Delay: \(delay.explain(from: metDate)).")
        }
        if let floor = rule?.notBefore {
            let bound = Derivation.bound(floor, adopted: treaty.adopted.date)
            if bound > date {
                lines.append("Not before \(bound): moved from \(date) to \(bound).")
                date = bound
            } else {
                lines.append("Not before \(bound): no effect.")
            }
        }
        entryIntoForce = date
        lines.append("Entry into force: \(date).")
        entryIntoForceExplanation = lines
    }

    /// A State may revoke its consent only until the treaty is in force for it; after that, only a
    /// denunciation or withdrawal ends its obligations (VCLT arts. 24, 54–56). A later revocation is undone.
    private mutating func undoLateRevocations() {
        guard let eif = entryIntoForce, let met = conditionsMet?.date else { return }
        for slot in machine.records.indices {
            if let revoked = machine.records[slot].revokedConsent, met < revoked.date, revoked.date < eif {
                machine.note(
                    "\(machine.order[slot]) revoked its consent on \(revoked.date) (\(revoked.event)), after the conditions were met (\(met)) and before the entry into force (\(eif)); the date is kept as the conditions fixed it, but a depositary may hold that the count must still be reached then."
                )
            }
            guard let revoked = machine.records[slot].revokedConsent, let consent = revoked.consent,
                let (bound, _) = stateEntryIntoForce(consent, party: machine.order[slot]), bound <= revoked.date
            else { continue }
            let code = machine.order[slot]
            machine.undoRevocation(
                at: slot,
                because:
                    "\(code) revoked its consent on \(revoked.date) (\(revoked.event)), but the treaty had been in force for it since \(bound): a State bound by a treaty leaves it only by denunciation or withdrawal (VCLT arts. 54–56). The revocation has no effect."
            )
        }
    }

    // MARK: - Duration, termination

    /// The end of each period of a fixed term: the first at entry into force + term, then one per renewal.
    /// - Parameters:
    ///   - from: the first end listed is the first on or after it (the first term's end where earlier).
    ///   - until: the last end listed is the first after it (or the last before the calendar's end).
    ///   - limit: at most this many ends; where there are more, the last ones (those nearest `until`).
    /// - Returns: the ends in order, and how many ends on or after `from` came before the first listed
    ///   (left out for `limit`).
    /// - Complexity: O(log p + n) for p periods before `until`, n listed: the period that holds a date is found
    ///   by bisection, not by walking every renewal from the first (a monthly renewal since 1900 is 1,500
    ///   periods; a daily one 46,000).
    func periodEnds(from: CalendarDate = .earliest, until: CalendarDate, limit: Int = 1_000) -> (
        ends: [CalendarDate], skipped: Int
    ) {
        guard let eif = entryIntoForce, case .fixed(let term, let renewal, _) = treaty.rules.duration else {
            return ([], 0)
        }
        let first = eif.adding(term)
        guard let renewal, !renewal.term.isZero else { return ([first], 0) }
        // The end of period k (0: the first term's), from entry into force each time, so that a month's end is
        // kept (31 January + 1 month, + 2 months ...). Past this many periods every end is the calendar's last day
        // (a renewal of at least a day, a calendar of 3.65 million days).
        let most = 3_700_000
        func end(_ k: Int) -> CalendarDate {
            eif.adding(
                Span(
                    years: term.years + renewal.term.years * k, months: term.months + renewal.term.months * k,
                    days: term.days + renewal.term.days * k))
        }
        /// The first period whose end satisfies `test` (which, once true, stays true for later periods).
        func firstPeriod(where test: (CalendarDate) -> Bool) -> Int {
            var (low, high) = (0, most)
            while low < high {
                let middle = (low + high) / 2
                if test(end(middle)) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let last = firstPeriod { $0 > until || $0 == .latest }
        let firstFrom = firstPeriod { $0 >= from }
        let start = max(firstFrom, last - limit + 1)
        let skipped = start - firstFrom
        var ends: [CalendarDate] = []
        for k in start...max(start, last) {
            let date = end(k)
            if k > 0, date == .latest || ends.last.map({ date <= $0 }) ?? false { break }
            ends.append(date)
        }
        return (ends, skipped)
    }

    /// What a State's notice of denunciation does: the date it takes effect, or why it has none.
    func effect(of notice: LogMachine.NoticeRecord, party: PartyCode, partyEntryIntoForce: CalendarDate?)
        -> NoticeEffect
    {
        if notice.byAgreement { return agreedEffect(of: notice, party: party) }
        let rule = treaty.rules.denunciation
        let article = rule?.article.map { " (art. \($0))" } ?? ""
        if let rule, !rule.allowed {
            return (
                nil,
                "\(party) notified denunciation on \(notice.received) (\(notice.event)).",
                "The treaty allows no unilateral denunciation\(article): the notice of \(notice.received) has no effect unless the parties agree (VCLT arts. 54, 56(1))."
            )
        }
        if let nonRenewal = nonRenewalEffect(of: notice, party: party) { return nonRenewal }
        if let premature = prematureEffect(
            of: notice, party: party, rule: rule, article: article, partyEntryIntoForce: partyEntryIntoForce)
        {
            return premature
        }
        return noticePeriodEffect(of: notice, party: party, rule: rule, article: article)
    }

    /// What a denunciation does: the date it takes effect (`nil` where it has none), its words, and a caveat.
    typealias NoticeEffect = (effective: CalendarDate?, explanation: String, caveat: String?)

    /// A withdrawal by agreement of all the parties (VCLT art. 54(b)): it takes effect on the agreed date (the
    /// event's `effective`, else its own date), whatever the treaty's notice clause, its earliest date, its
    /// renewal terms or a bar on denunciation (`allowed: false`) say.
    private func agreedEffect(of notice: LogMachine.NoticeRecord, party: PartyCode) -> NoticeEffect {
        let effective = notice.namedEffective ?? notice.received
        return (
            effective,
            "\(party) left by agreement of the parties (VCLT art. 54(b)) on \(notice.received) (\(notice.event)), with effect from \(effective); the treaty's notice clause does not apply.",
            nil
        )
    }

    /// Under a fixed term with renewal, a notice that the State does not renew: it ends the treaty for the State
    /// at the end of the first period for which it came in time, as the treaty's duration clause says (VCLT
    /// art. 54(a)). `nil` where the term is not renewable or no period ends in reach.
    private func nonRenewalEffect(of notice: LogMachine.NoticeRecord, party: PartyCode) -> NoticeEffect? {
        guard case .fixed(_, let renewal?, let durationArticle) = treaty.rules.duration else { return nil }
        let ends = periodEnds(
            from: notice.received, until: notice.received.adding(renewal.noticeBeforeExpiry).adding(renewal.term)
        ).ends
        let where_ = durationArticle.map { " (art. \($0))" } ?? ""
        guard let end = ends.first(where: { notice.received <= $0.subtracting(renewal.noticeBeforeExpiry) })
        else { return nil }
        let due = end.subtracting(renewal.noticeBeforeExpiry)
        if let running = ends.first(where: { $0 > notice.received }), running < end {
            // Too late for the running period: the treaty runs one more period for the State.
            return (
                end,
                "\(party) gave notice on \(notice.received) (\(notice.event)) that it does not renew; notice for the period ending \(running) was due by \(running.subtracting(renewal.noticeBeforeExpiry)), so it runs a further period and ends on \(end) (notice due by \(due))\(where_).",
                nil
            )
        }
        return (
            end,
            "\(party) gave notice on \(notice.received) (\(notice.event)) that it does not renew; the running period ends on \(end), and notice had to be given \(renewal.noticeBeforeExpiry) before it, by \(due)\(where_).",
            nil
        )
    }

    /// A notice given before the denunciation clause's `earliest` date: invalid, with no effect (VCLT
    /// art. 54(a)). `nil` where the notice comes in time, or where the date the bound counts from is not fixed.
    private func prematureEffect(
        of notice: LogMachine.NoticeRecord, party: PartyCode, rule: DenunciationRule?, article: String,
        partyEntryIntoForce: CalendarDate?
    ) -> NoticeEffect? {
        guard let (span, from) = rule?.earliest else { return nil }
        let start: CalendarDate?
        switch from {
        case .partyEntryIntoForce: start = partyEntryIntoForce
        case .treatyEntryIntoForce: start = entryIntoForce
        case .adopted: start = treaty.adopted.date
        }
        guard let start else { return nil }
        let bound = start.adding(span)
        guard notice.received < bound else { return nil }
        return (
            nil,
            "\(party) notified denunciation on \(notice.received) (\(notice.event)).",
            "The notice of \(notice.received) is invalid: denunciation is open only from \(bound), \(span) after \(start) (\(from.rawValue))\(article)."
        )
    }

    /// A valid notice: it takes effect after the clause's notice period, or twelve months where the treaty has
    /// no clause (VCLT art. 56(2)), unless the notification names a later date.
    private func noticePeriodEffect(
        of notice: LogMachine.NoticeRecord, party: PartyCode, rule: DenunciationRule?, article: String
    ) -> NoticeEffect {
        let notice_ = rule?.notice ?? Span(months: 12)
        var effective = notice.received.adding(notice_)
        // The words only where they are wanted (a derivation without explanations leaves them empty).
        var explanation =
            explain
            ? "\(party) notified denunciation on \(notice.received) (\(notice.event)); with notice of \(notice_)\(article) it takes effect on \(effective)."
            : ""
        if let named = notice.namedEffective {
            if named > effective {
                effective = named
                if explain { explanation += " The notification names a later date, \(named), which governs." }
            } else if named < effective, explain {
                explanation +=
                    " The notification names \(named), earlier than the notice period allows; the notice period governs."
            }
        }
        let caveat = denunciationCaveat(party: party, rule: rule, article: article, effective: effective)
        return (effective, explanation, caveat)
    }

    /// The caveat on a valid denunciation: with no clause, its validity is open to dispute (VCLT art. 56(1));
    /// with a clause that suspends withdrawal during a situation, the date assumes there is none.
    private func denunciationCaveat(
        party: PartyCode, rule: DenunciationRule?, article: String, effective: CalendarDate
    ) -> String? {
        guard let rule else {
            return
                "The treaty has no denunciation clause: the denunciation is recorded under VCLT art. 56(2) with 12 months' notice, but its validity is open to dispute (art. 56(1))."
        }
        guard let situation = rule.suspendedDuring else { return nil }
        let state = situation == "armed-conflict" ? "engaged in an armed conflict" : "in that situation (\(situation))"
        return
            "The denunciation clause\(article) holds back the effect of \(party)'s withdrawal while \(party) is \(state) when it would take effect (\(effective)); Pacta records no such situations, so that date assumes there is none."
    }

    private mutating func computeEnding() {
        var candidates: [Ending] = []
        if let termination = machine.termination {
            let by = termination.by.map { " (replaced by \($0))" } ?? ""
            candidates.append(
                Ending(
                    date: termination.date,
                    explanation: "Terminated on \(termination.date): \(termination.cause)\(by) (\(termination.event)).",
                    event: termination.event))
        }
        if let eif = entryIntoForce, case .fixed(let term, let renewal, let article) = treaty.rules.duration {
            let where_ = article.map { " (art. \($0))" } ?? ""
            if renewal == nil {
                let first = eif.adding(term)
                var end = first
                var extended: [String] = []
                var event: String? = nil
                // An extension agreed while the term runs lengthens it (VCLT art. 39); one agreed after the
                // treaty expired revives nothing (`pacta check` reports it).
                for agreed in machine.extensions {
                    guard agreed.date < end else {
                        machine.note(
                            "The extension agreed on \(agreed.date) (\(agreed.event)) came after the treaty expired on \(end): it cannot lengthen a term that has ended; a new agreement would be a new treaty."
                        )
                        continue
                    }
                    end = end.adding(agreed.term)
                    extended.append(
                        "extended by \(agreed.term) to \(end) by the parties' agreement of \(agreed.date) "
                            + "(\(agreed.event); VCLT art. 39)")
                    event = agreed.event
                }
                let explanation =
                    extended.isEmpty
                    ? "Expires on \(end), \(term) after entry into force on \(eif)\(where_)."
                    : "Expires on \(end): the term of \(term) from entry into force on \(eif)\(where_) would have ended on "
                        + "\(first); " + extended.joined(separator: "; ") + "."
                candidates.append(Ending(date: end, explanation: explanation, event: event))
            }
        }
        if treaty.kind == .bilateral {
            // A bilateral treaty ends for both when either party's denunciation or non-renewal takes effect; where
            // several successors hold one party's side, one of them leaves alone while another stays bound.
            withdrawalsAlone = []
            for (slot, code) in machine.order.enumerated() {
                guard let notice = machine.records[slot].notice else { continue }
                let result = effect(of: notice, party: code, partyEntryIntoForce: entryIntoForce)
                if let effective = result.effective {
                    let staying = coSuccessors(of: slot).contains { other in
                        guard let theirs = machine.records[other].notice else { return true }
                        let until = effect(of: theirs, party: machine.order[other], partyEntryIntoForce: entryIntoForce)
                        return until.effective.map { $0 > effective } ?? true
                    }
                    if staying {
                        withdrawalsAlone.insert(notice.event)
                        continue
                    }
                    candidates.append(
                        Ending(
                            date: effective,
                            explanation: result.explanation + " A bilateral treaty ends for both parties on that date.",
                            event: notice.event))
                }
            }
        }
        if treaty.kind == .multilateral, let minimum = treaty.rules.dissolutionBelow, entryIntoForce != nil {
            // Parties over time: from each State's date of entry into force until its withdrawal takes effect.
            var spans: [(code: PartyCode, from: CalendarDate, until: CalendarDate?)] = []
            for (code, consent) in machine.consents {
                guard let from = stateEntryIntoForce(consent, party: code)?.0 else { continue }
                let until = machine.record(code)?.notice.flatMap {
                    effect(of: $0, party: code, partyEntryIntoForce: from).effective
                }
                spans.append((code, from, until))
            }
            // And the earlier periods of States that consented again: until the withdrawal took effect, or, where
            // the new consent stopped the notice first, until it would have (the new period overlaps it: a State
            // is counted once). A treaty dissolved stays ended when they join again.
            for (slot, code) in machine.order.enumerated() {
                for past in machine.records[slot].pastNotices {
                    guard let consent = past.consent, let from = stateEntryIntoForce(consent, party: code)?.0
                    else { continue }
                    let effective = effect(of: past, party: code, partyEntryIntoForce: from).effective
                    spans.append((code, from, effective))
                }
            }
            for day in Set(spans.compactMap(\.until)).sorted() {
                let count = Set(
                    spans.lazy.filter { $0.from <= day && ($0.until.map { $0 > day } ?? true) }.map(\.code)
                ).count
                if count < minimum {
                    candidates.append(
                        Ending(
                            date: day,
                            explanation:
                                "Dissolved on \(day): the number of parties fell to \(count), below \(minimum) (rules.dissolution).",
                            event: nil))
                    break
                }
            }
        }
        ending = candidates.min { $0.date < $1.date }
    }

    // MARK: - Helpers

    /// Appends the words of a derivation step, built only when explanations are wanted.
    func note(_ list: inout [String], _ text: @autoclosure () -> String) {
        if explain { list.append(text()) }
    }

    /// Appends the words of a step to a State's row, only where explanations are wanted: without them the row's
    /// words are not even read and written back (a State's row is built for every State of every status).
    @inline(__always)
    func note(_ row: inout StateStatus, _ text: @autoclosure () -> String) {
        if explain { row.explanation.append(text()) }
    }

    /// `date` raised to the `not-before` floor.
    static func floor(_ date: CalendarDate, _ floor: Floor?, adopted: CalendarDate) -> CalendarDate {
        floor.map { max(date, bound($0, adopted: adopted)) } ?? date
    }

    /// The first day a `not-before` floor allows: its date, or the span counted from the adoption of the text.
    static func bound(_ floor: Floor, adopted: CalendarDate) -> CalendarDate {
        switch floor {
        case .date(let fixed): fixed
        case .afterAdoption(let span): adopted.adding(span)
        }
    }

    /// The rule in words: "on the exchange of instruments", "when ... ; 30 days after".
    static func describe(_ rule: EntryIntoForceRule) -> String {
        var text = ConditionEvaluator.describe(rule.condition)
        if rule.delay != .none { text += ", " + describe(rule.delay) }
        return text
    }

    /// 1st, 2nd, 3rd, 4th, 11th, 21st ...
    static func ordinal(_ n: Int) -> String { PactaCore.ordinal(n) }

    static func describe(_ delay: Delay) -> String {
        switch delay {
        case .none: "on that date"
        case .days(let n): n == 0 ? "on that date" : "on the \(ordinal(n)) day after that date"
        case .months(let n): "\(n) month\(n == 1 ? "" : "s") after that date"
        case .years(let n): "\(n) year\(n == 1 ? "" : "s") after that date"
        case .firstDayOfMonthAfterDays(let n):
            n == 0
                ? "on the first day of the following month"
                : "on the first day of the month after \(n) day\(n == 1 ? "" : "s") from that date"
        case .firstDayOfMonth(let n): "on the first day of the \(ordinal(n)) month after that date's month"
        case .fixedDate(let date, let later): "on \(date) if met by then, otherwise " + describe(later)
        }
    }
}
