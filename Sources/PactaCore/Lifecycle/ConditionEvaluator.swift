/// Whether a condition holds on a day, and why: the result and the words of a derivation.
struct ConditionCheck {
    var holds: Bool
    var reasons: [String]
    var events: [String]
    /// Set by the caller to the day the condition was first met.
    var date: CalendarDate?
}

/// Evaluates the rule language's conditions (spec "Conditions") against the log state of one day.
struct ConditionEvaluator {
    let treaty: Treaty
    let engine: Lifecycle
    let depth: Int
    /// For each treaty a `treaty-in-force` condition names, when it entered into force and ended, as fixed by the
    /// events up to the derivation's date: worked out once per derivation, not once per candidate day (a day's
    /// answer is the same, since a later event cannot move an entry into force to or before that day).
    var referenced: [String: (from: CalendarDate, until: CalendarDate?)?] = [:]

    /// Whether `condition` holds once the events up to `day` are applied to `machine`, without the words: the
    /// fast path of ``check(_:machine:on:words:)``, the same evaluation.
    func holds(_ condition: Condition, machine: LogMachine, on day: CalendarDate) -> Bool {
        check(condition, machine: machine, on: day, words: false).holds
    }

    /// Whether `condition` holds once the events up to `day` are applied to `machine`, and, with `words`, why.
    /// Each condition of the rule language is evaluated here, once: without `words` the answer is counted without
    /// building the lists the words need (the engine asks this on every candidate day), with `words` the same
    /// answer comes with its reasons and events.
    func check(_ condition: Condition, machine: LogMachine, on day: CalendarDate, words: Bool = true)
        -> ConditionCheck
    {
        switch condition {
        case .exchangeOfInstruments: return exchangeCheck(machine: machine, words: words)
        case .lastNotification: return lastNotificationCheck(machine: machine, words: words)
        case .consents(let needed, let filter):
            return consentsCheck(needed, filter, machine: machine, on: day, words: words)
        case .fraction(let fraction, let set, let filter):
            return fractionCheck(fraction, of: set, filter, machine: machine, on: day, words: words)
        case .allOf(let set, let filter): return allOfCheck(set, filter, machine: machine, words: words)
        case .majorityOf(let set, let filter):
            return majorityCheck(set, filter, machine: machine, on: day, words: words)
        case .share(let weight, let atLeast, let filter):
            return shareCheck(weight, atLeast: atLeast, filter, machine: machine, words: words)
        case .date(let date): return dateCheck(date, on: day, words: words)
        case .treatyInForce(let id): return treatyInForceCheck(id, on: day, words: words)
        case .all(let list): return allCheck(list, machine: machine, on: day, words: words)
        case .any(let list): return anyCheck(list, machine: machine, on: day, words: words)
        }
    }

    /// The instruments exchanged (VCLT art. 16(a)).
    private func exchangeCheck(machine: LogMachine, words: Bool) -> ConditionCheck {
        let no = ConditionCheck(holds: false, reasons: [], events: [])
        guard let exchange = machine.exchange else {
            return words ? ConditionCheck(holds: false, reasons: ["instruments not yet exchanged"], events: []) : no
        }
        guard words else { return ConditionCheck(holds: true, reasons: [], events: []) }
        let place = exchange.place.map { " at \($0)" } ?? ""
        return ConditionCheck(
            holds: true, reasons: ["instruments exchanged\(place) on \(exchange.date) (\(exchange.event))"],
            events: [exchange.event])
    }

    /// The last of the negotiating States' notifications that their internal procedures are complete.
    private func lastNotificationCheck(machine: LogMachine, words: Bool) -> ConditionCheck {
        let states = treaty.negotiatingStates
        guard words else {
            return ConditionCheck(
                holds: states.allSatisfy { machine.record($0)?.notification != nil }, reasons: [], events: [])
        }
        let sent = states.compactMap { code in machine.record(code)?.notification.map { (code, $0) } }
        guard sent.count == states.count, let last = sent.max(by: { $0.1.date < $1.1.date }) else {
            let missing = states.filter { machine.record($0)?.notification == nil }
            return ConditionCheck(
                holds: false, reasons: ["awaiting notification from \(Self.list(missing))"], events: [])
        }
        return ConditionCheck(
            holds: true,
            reasons: [
                "the last notification that internal procedures are complete came from \(last.0) on \(last.1.date) (\(last.1.event))"
            ], events: sent.map(\.1.event))
    }

    /// A number of consents to be bound (VCLT art. 24(2)), counted as the filter says, or as the depositary numbers them.
    private func consentsCheck(
        _ needed: Int, _ filter: ConsentFilter, machine: LogMachine, on day: CalendarDate, words: Bool
    ) -> ConditionCheck {
        let within = resolve(filter.from, machine: machine)
        guard words else {
            // The machine keeps the treaty's own count as it applies events; the depositary's numbering
            // follows it.
            let total =
                filter.takesDepositaryCount
                ? machine.consentCount - (filter.statesOnly ? machine.organisationConsentCount : 0)
                    + machine.unrecordedInstruments(statesOnly: filter.statesOnly)
                : count(filter, machine: machine, within: within)
            return ConditionCheck(holds: total >= needed, reasons: [], events: [])
        }
        // The depositary numbers the instruments the treaty's condition counts: not those of a named set.
        return thresholdCheck(
            counted(filter, machine: machine, within: within), needed: needed, of: nil, day: day,
            depositary: filter.takesDepositaryCount ? (machine, filter.statesOnly) : nil)
    }

    /// The consent of every member of a named set of States.
    private func allOfCheck(_ set: PartySet, _ filter: ConsentFilter, machine: LogMachine, words: Bool)
        -> ConditionCheck
    {
        let required = (resolve(set, machine: machine) ?? []).filter { !filter.excluding.contains($0) }
        guard words else {
            let met = !required.isEmpty && count(filter, machine: machine, within: required) == required.count
            return ConditionCheck(holds: met, reasons: [], events: [])
        }
        let counted = counted(filter, machine: machine, within: required)
        let have = Set(counted.map(\.code))
        let missing = required.filter { !have.contains($0) }
        guard missing.isEmpty, !required.isEmpty else {
            return ConditionCheck(
                holds: false, reasons: ["awaiting consent of \(Self.list(missing)) (all of \(set))"], events: [])
        }
        let last = counted.max { $0.consent.date < $1.consent.date }!
        let lastDay = counted.filter { $0.consent.date == last.consent.date }.map(\.code)
        return ConditionCheck(
            holds: true,
            reasons: [
                "all of \(Self.list(required)) have consented, the last on \(last.consent.date) (\(Self.list(lastDay)))"
            ], events: counted.map(\.consent.event))
    }

    /// The consent of a majority of a named set of States.
    private func majorityCheck(
        _ set: PartySet, _ filter: ConsentFilter, machine: LogMachine, on day: CalendarDate, words: Bool
    ) -> ConditionCheck {
        let members = (resolve(set, machine: machine) ?? []).filter { !filter.excluding.contains($0) }
        let needed = members.count / 2 + 1
        guard words else {
            return ConditionCheck(
                holds: count(filter, machine: machine, within: members) >= needed, reasons: [], events: [])
        }
        let counted = counted(filter, machine: machine, within: members)
        return thresholdCheck(counted, needed: needed, of: "a majority of the \(members.count) \(set)", day: day)
    }

    /// **(Pacta)** The consents of a fraction of a set of States, the number needed rounded up (two-thirds of 21
    /// signatories: 14); `excluding` and `states-only` take their parties out of the set as well as the count,
    /// `forms` narrows only the count.
    private func fractionCheck(
        _ fraction: Fraction, of set: PartySet, _ filter: ConsentFilter, machine: LogMachine, on day: CalendarDate,
        words: Bool
    ) -> ConditionCheck {
        let members = (resolve(set, machine: machine) ?? []).filter {
            !filter.excluding.contains($0) && !(filter.statesOnly && $0.isOrganisation)
        }
        let needed = fraction.needed(of: members.count)
        guard words else {
            return ConditionCheck(
                holds: !members.isEmpty && count(filter, machine: machine, within: members) >= needed, reasons: [],
                events: [])
        }
        let counted = counted(filter, machine: machine, within: members)
        let name = Self.name(of: set)
        guard !members.isEmpty, counted.count >= needed else {
            return ConditionCheck(
                holds: false,
                reasons: [
                    "\(counted.count) of \(needed) consent\(needed == 1 ? "" : "s") needed (\(fraction.words) of the \(members.count) \(name), rounded up)"
                ], events: [])
        }
        let sameDay = counted.filter { $0.consent.date == day }.map(\.code)
        let dayText =
            sameDay.isEmpty
            ? "" : "; deposited that day: \(Self.list(sameDay))\(sameDay.count > 1 ? ", counted together" : "")"
        let reason =
            counted.count == needed
            ? "\(needed) of \(members.count) \(name) (\(fraction.words), rounded up) have consented"
            : "\(counted.count) of \(members.count) \(name) have consented, \(needed) needed (\(fraction.words), rounded up)"
        return ConditionCheck(holds: true, reasons: [reason + dayText], events: counted.map(\.consent.event))
    }

    /// A set of parties in words: `signatories`, `negotiating States`, `members of annex-1`, `listed parties`.
    static func name(of set: PartySet) -> String {
        switch set {
        case .named("signatories"): "signatories"
        case .named("negotiating-states"): "negotiating States"
        case .named(let name): "members of \(name)"
        case .codes: "listed parties"
        }
    }

    /// A share of a weight table (tonnage, contributions) held by the consenting parties.
    private func shareCheck(
        _ weight: String, atLeast: Double, _ filter: ConsentFilter, machine: LogMachine, words: Bool
    ) -> ConditionCheck {
        guard let table = treaty.weights[weight] else {
            return ConditionCheck(
                holds: false, reasons: words ? ["no weight table named \(weight)"] : [], events: [])
        }
        let counted = counted(filter, machine: machine, within: nil)
        let total = table.values.values.reduce(0, +)
        let have = counted.reduce(0.0) { $0 + (table.values[$1.code] ?? 0) }
        let fraction = total > 0 ? have / total : 0
        // Weights are decimal figures summed in binary floating point: 55.00 may come out as 54.999..., so a
        // share within a billionth of the threshold meets it.
        let met = total > 0 && fraction >= atLeast - 1e-9
        guard words else { return ConditionCheck(holds: met, reasons: [], events: []) }
        return ConditionCheck(
            holds: met,
            reasons: [
                "consenting parties hold \(Self.percent(fraction)) of \(weight) (at least \(Self.percent(atLeast)) needed)"
            ], events: counted.map(\.consent.event))
    }

    /// A fixed date.
    private func dateCheck(_ date: CalendarDate, on day: CalendarDate, words: Bool) -> ConditionCheck {
        guard words else { return ConditionCheck(holds: day >= date, reasons: [], events: []) }
        return ConditionCheck(
            holds: day >= date,
            reasons: [day >= date ? "the date \(date) has come" : "the date \(date) has not come"],
            events: [])
    }

    /// Another treaty in force on the day (a protocol waiting for its parent treaty).
    private func treatyInForceCheck(_ id: String, on day: CalendarDate, words: Bool) -> ConditionCheck {
        let known = referenced[id] ?? engine.inForce(of: id, asOf: day, depth: depth)
        guard let (eif, ended) = known, eif <= day else {
            guard words else { return ConditionCheck(holds: false, reasons: [], events: []) }
            // A treaty on a cycle of such conditions has no date here, whatever its own status says (the cycles are
            // worked out only where the words are built: the walk's fast test needs no reason).
            let why =
                engine.cyclic.contains(id)
                ? "\(id) waits, through treaty-in-force conditions, for itself: no date of its entry into force is computed here ('pacta check' reports the cycle)"
                : "\(id) is not in force"
            return ConditionCheck(holds: false, reasons: [why], events: [])
        }
        if let ended, ended <= day {
            return ConditionCheck(
                holds: false, reasons: words ? ["\(id) is no longer in force (it ended on \(ended))"] : [],
                events: [])
        }
        return ConditionCheck(holds: true, reasons: words ? ["\(id) entered into force on \(eif)"] : [], events: [])
    }

    /// Every condition of the list.
    private func allCheck(_ list: [Condition], machine: LogMachine, on day: CalendarDate, words: Bool) -> ConditionCheck
    {
        guard words else {
            return ConditionCheck(
                holds: list.allSatisfy { holds($0, machine: machine, on: day) }, reasons: [], events: [])
        }
        let checks = list.map { check($0, machine: machine, on: day) }
        return ConditionCheck(
            holds: checks.allSatisfy(\.holds), reasons: checks.flatMap(\.reasons), events: checks.flatMap(\.events))
    }

    /// One condition of the list at least (the first met gives the words).
    private func anyCheck(_ list: [Condition], machine: LogMachine, on day: CalendarDate, words: Bool) -> ConditionCheck
    {
        guard words else {
            return ConditionCheck(
                holds: list.contains { holds($0, machine: machine, on: day) }, reasons: [], events: [])
        }
        let checks = list.map { check($0, machine: machine, on: day) }
        let met = checks.filter(\.holds)
        return ConditionCheck(
            holds: !met.isEmpty, reasons: (met.isEmpty ? checks : [met[0]]).flatMap(\.reasons),
            events: met.first?.events ?? [])
    }

    /// How many consents in effect the filter counts, within `within` where given (the count of
    /// ``counted(_:machine:within:)``, without building the list).
    private func count(_ filter: ConsentFilter, machine: LogMachine, within: [PartyCode]?) -> Int {
        var total = 0
        if let within {
            // Sets are short lists without repeats (a set name resolves to distinct codes).
            for code in within {
                if let slot = machine.slot(of: code), let consent = machine.records[slot].consent,
                    machine.records[slot].succeededBy == nil, Self.accepts(code, consent.form, filter: filter)
                {
                    total += 1
                }
            }
        } else {
            for slot in machine.records.indices {
                guard let consent = machine.records[slot].consent, machine.records[slot].succeededBy == nil else {
                    continue
                }
                if Self.accepts(machine.order[slot], consent.form, filter: filter) { total += 1 }
            }
        }
        return total
    }

    /// Whether the filter counts a consent of `code` in that form: the one rule for `excluding`, `states-only`
    /// and `forms` (spec "Conditions").
    static func accepts(_ code: PartyCode, _ form: Event.ConsentForm, filter: ConsentFilter) -> Bool {
        if !filter.excluding.isEmpty, filter.excluding.contains(code) { return false }
        if filter.statesOnly, code.isOrganisation { return false }
        if let forms = filter.forms, !forms.contains(form) { return false }
        return true
    }

    /// - Parameter depositary: where given, instruments the depositary counted that are not consents in effect
    ///   in the log (``LogMachine/unrecordedInstruments(statesOnly:)``) are added to the count.
    private func thresholdCheck(
        _ counted: [(code: PartyCode, consent: LogMachine.ConsentRecord)], needed: Int, of scope: String?,
        day: CalendarDate, depositary: (machine: LogMachine, statesOnly: Bool)? = nil
    ) -> ConditionCheck {
        let scopeText = scope.map { " (\($0))" } ?? ""
        let unrecorded = depositary.map { $0.machine.unrecordedInstruments(statesOnly: $0.statesOnly) } ?? 0
        let total = counted.count + unrecorded
        var countText = ""
        if unrecorded > 0, let depositary,
            let number = depositary.machine.depositarySource(
                statesOnly: depositary.statesOnly)
        {
            let inFile = counted.count == 1 ? "1 of them is a consent" : "\(counted.count) of them are consents"
            countText =
                " by the depositary's count (\(number.party)'s instrument of \(number.date), \(number.event), was the \(Derivation.ordinal(number.number)); \(inFile) in effect in this file)"
        }
        // Counted by the depositary's numbers, they are instruments; counted here, consents in effect.
        let noun = unrecorded > 0 ? "instrument" : "consent"
        guard total >= needed else {
            return ConditionCheck(
                holds: false,
                reasons: ["\(total) of \(needed) \(noun)\(needed == 1 ? "" : "s") needed\(scopeText)\(countText)"],
                events: [])
        }
        let sameDay = counted.filter { $0.consent.date == day }.map(\.code)
        let dayText =
            sameDay.isEmpty
            ? ""
            : "; deposited that day: \(Self.list(sameDay))\(sameDay.count > 1 ? ", counted together" : "")"
        return ConditionCheck(
            holds: true,
            reasons: [
                unrecorded > 0
                    ? "\(total) instruments\(countText), \(needed) needed\(scopeText)\(dayText)"
                    : "\(total) consent\(total == 1 ? "" : "s") in effect, \(needed) needed\(scopeText)\(dayText)"
            ],
            events: counted.map(\.consent.event))
    }

    /// Consents in effect that the filter counts, restricted to `within` where given.
    func counted(_ filter: ConsentFilter, machine: LogMachine, within: [PartyCode]?)
        -> [(code: PartyCode, consent: LogMachine.ConsentRecord)]
    {
        let allowed = within.map(Set.init)
        return machine.consents.filter { entry in
            if let allowed, !allowed.contains(entry.code) { return false }
            return Self.accepts(entry.code, entry.consent.form, filter: filter)
        }
    }

    /// The members of a party set: a list, `signatories` (signatures in effect), `negotiating-states`, or a
    /// set the treaty names. `nil` for an absent set.
    func resolve(_ set: PartySet?, machine: LogMachine) -> [PartyCode]? {
        switch set {
        case nil: return nil
        case .codes(let codes): return codes
        case .named("signatories"): return machine.signatories
        case .named("negotiating-states"): return treaty.negotiatingStates
        case .named(let name): return treaty.sets[name] ?? []
        }
    }

    /// A fraction as a percentage with at most two decimals: 0.55 → "55.0%", 0.5512 → "55.12%".
    static func percent(_ value: Double) -> String { String(Double(Int((value * 10_000).rounded())) / 100) + "%" }

    static func list(_ codes: [PartyCode]) -> String {
        codes.isEmpty ? "none" : codes.map(\.rawValue).joined(separator: ", ")
    }

    /// The condition in words.
    static func describe(_ condition: Condition) -> String {
        switch condition {
        case .exchangeOfInstruments: return "on the exchange of instruments of ratification"
        case .lastNotification: return "on the last notification that internal procedures are complete"
        case .consents(let n, let filter):
            return "when \(n) consent\(n == 1 ? " has" : "s have") been deposited" + describe(filter)
        case .fraction(let fraction, let set, let filter):
            return "when \(fraction.words) of the \(name(of: set)) (rounded up) have consented" + describe(filter)
        case .treatyInForce(let id): return "once \(id) is in force"
        case .allOf(let set, let filter): return "when all of \(set) have consented" + describe(filter)
        case .majorityOf(let set, let filter): return "when a majority of the \(set) have consented" + describe(filter)
        case .share(let weight, let atLeast, _):
            return "when the consenting parties hold at least \(percent(atLeast)) of \(weight)"
        case .date(let date): return "on \(date)"
        case .all(let list): return list.map(describe).joined(separator: " and ")
        case .any(let list): return "either " + list.map(describe).joined(separator: " or ")
        }
    }

    private static func describe(_ filter: ConsentFilter) -> String {
        var parts: [String] = []
        if let from = filter.from { parts.append("from \(from)") }
        if !filter.excluding.isEmpty { parts.append("not counting \(list(filter.excluding))") }
        if filter.statesOnly { parts.append("States only") }
        if let forms = filter.forms { parts.append("by " + forms.map(\.rawValue).joined(separator: ", ")) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }
}
