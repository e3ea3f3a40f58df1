import PactaCore

extension TreatyDecoder {
    static let ruleFields = [
        "entry-into-force", "later-consent", "denunciation", "duration", "dissolution", "partial", "signature-required",
    ]
    static let conditionKeys = [
        "exchange-of-instruments", "last-notification", "consents", "treaty-in-force", "all-of", "majority-of", "share",
        "date", "all", "any",
    ]
    static let filterKeys = ["from", "excluding", "states-only", "forms"]

    func rules(_ node: YAMLNode) -> Rules {
        var rules = Rules()
        guard let fields = reader.mapping(node, what: "rules", allowed: Self.ruleFields) else { return rules }
        if let node = fields["entry-into-force"],
            let eif = reader.mapping(
                node, what: "rules.entry-into-force", allowed: ["when", "delay", "not-before", "article"])
        {
            if let when = reader.require(eif, "when", expected: "a condition such as {exchange-of-instruments: true}"),
                let condition = condition(when)
            {
                rules.entryIntoForce = EntryIntoForceRule(
                    article: eif["article"].flatMap { reader.string($0, what: "article") }, condition: condition,
                    delay: eif["delay"].flatMap(delay) ?? .none, notBefore: eif["not-before"].flatMap(floor))
            }
        }
        if let node = fields["later-consent"] { rules.laterConsent = laterConsent(node, what: "rules.later-consent") }
        if let node = fields["denunciation"] { rules.denunciation = denunciation(node) }
        if let node = fields["duration"] { rules.duration = duration(node) }
        if let node = fields["dissolution"],
            let dissolution = reader.mapping(node, what: "rules.dissolution", allowed: ["parties-below"]),
            let below = reader.require(dissolution, "parties-below", expected: "a number of parties")
        {
            rules.dissolutionBelow = reader.int(below, what: "parties-below")
            if let minimum = rules.dissolutionBelow, !(1...100_000).contains(minimum) {
                reader.error(below, "parties-below is a number of parties, 1 or more; found \(minimum)")
                rules.dissolutionBelow = nil
            }
        }
        if let node = fields["partial"], let items = reader.sequence(node, what: "rules.partial") {
            for item in items {
                guard let part = reader.mapping(item, what: "a partial rule", allowed: ["articles", "when", "delay"]),
                    let articles = reader.require(part, "articles", expected: "the articles concerned").flatMap({
                        reader.strings($0, what: "articles")
                    }),
                    let when = reader.require(part, "when", expected: "a condition"), let condition = condition(when)
                else { continue }
                rules.partial.append(
                    PartialEntryIntoForce(
                        articles: articles, condition: condition, delay: part["delay"].flatMap(delay) ?? .none))
            }
        }
        if let node = fields["signature-required"] {
            rules.signatureRequired = reader.bool(node, what: "signature-required") ?? false
        }
        return rules
    }

    // MARK: - Conditions

    /// A condition of the rule language. Spec: "Conditions (`when`)".
    func condition(_ node: YAMLNode) -> Condition? {
        guard let mapping = node.mapping else {
            reader.error(
                node,
                "a condition must be a mapping such as {exchange-of-instruments: true} or {consents: 35}, found \(NodeReader.kind(of: node))"
            )
            return nil
        }
        let names = mapping.compactMap { $0.key.scalar?.string }
        let main = names.filter { Self.conditionKeys.contains($0) }
        guard main.count == 1 else {
            if main.isEmpty {
                let unknown = names.filter { !Self.filterKeys.contains($0) }
                if unknown.isEmpty {
                    reader.error(node, "a condition needs one of: \(Self.conditionKeys.joined(separator: ", "))")
                } else {
                    // Report the unknown keys, with a suggestion for a likely typo.
                    _ = reader.mapping(node, what: "a condition", allowed: Self.conditionKeys + Self.filterKeys)
                }
            } else {
                reader.error(
                    node,
                    "a condition takes one of \(main.joined(separator: ", ")), not several; combine them with all: [...] or any: [...]"
                )
            }
            return nil
        }
        let key = main[0]
        let counting = ["consents", "all-of", "majority-of", "share"].contains(key)
        guard
            let fields = reader.mapping(
                node, what: "the \(key) condition", allowed: [key] + (counting ? Self.filterKeys : []))
        else { return nil }
        guard let value = fields.value(key) else { return nil }
        let filter = counting ? self.filter(fields) : ConsentFilter()
        switch key {
        case "exchange-of-instruments", "last-notification":
            guard reader.bool(value, what: key) == true else {
                if value.scalar?.string == "false" {
                    reader.error(value, "\(key): false is not a condition; write true")
                }
                return nil
            }
            return key == "exchange-of-instruments" ? .exchangeOfInstruments : .lastNotification
        case "consents":
            if value.mapping != nil { return fraction(value, filter: filter, from: fields["from"]) }
            guard let count = reader.int(value, what: "consents") else { return nil }
            if count < 1 { reader.error(value, "consents must be at least 1") }
            return .consents(count, filter)
        case "treaty-in-force":
            return reader.string(value, what: "treaty-in-force").map { .treatyInForce($0) }
        case "all-of":
            return partySet(value, what: "all-of").map { .allOf($0, filter) }
        case "majority-of":
            return partySet(value, what: "majority-of").map { .majorityOf($0, filter) }
        case "share":
            guard let share = reader.mapping(value, what: "share", allowed: ["weight", "at-least"]),
                let weight = reader.require(share, "weight", expected: "the name of a weight table").flatMap({
                    reader.string($0, what: "weight")
                }),
                let atLeast = reader.require(share, "at-least", expected: "a fraction such as 0.55").flatMap({
                    reader.double($0, what: "at-least")
                })
            else { return nil }
            if !(0...1).contains(atLeast) {
                reader.error(value, "share.at-least is a fraction from 0 to 1, found \(atLeast)")
            }
            return .share(weight: weight, atLeast: atLeast, filter)
        case "date":
            return reader.date(value, what: "date").map { .date($0) }
        case "all", "any":
            guard let items = reader.sequence(value, what: key) else { return nil }
            guard !items.isEmpty else {
                reader.error(value, "\(key) needs at least one condition")
                return nil
            }
            let conditions = items.compactMap(condition)
            guard conditions.count == items.count else { return nil }
            return key == "all" ? .all(conditions) : .any(conditions)
        default:
            return nil
        }
    }

    /// **(Pacta)** `consents: {fraction: "2/3", of: SET}`: the consents of a fraction of a set of parties, the
    /// number needed rounded up. The fraction is `N/D` with whole numbers, above 0 and at most 1; `of` is a set
    /// name (`signatories`, `negotiating-states`, a name under `sets`) or a list of codes; `from` is not used
    /// beside it (the set is its `of`).
    private func fraction(_ value: YAMLNode, filter: ConsentFilter, from: YAMLNode?) -> Condition? {
        guard let parts = reader.mapping(value, what: "consents", allowed: ["fraction", "of"]) else { return nil }
        if let from {
            reader.error(from, "a fraction counts the consents of its own set ('of'); 'from' is not used with it")
        }
        let of = reader.require(
            parts, "of",
            expected:
                "the set the fraction is taken of: signatories, negotiating-states, a name under sets, or a list of party codes"
        ).flatMap { partySet($0, what: "of") }
        guard let node = reader.require(parts, "fraction", expected: "a part of the set, such as \"2/3\""),
            let text = reader.string(node, what: "fraction")
        else { return nil }
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.filter { $0 != " " } }
        guard pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }),
            let numerator = Int(pieces[0]), let denominator = Int(pieces[1])
        else {
            reader.error(node, "fraction must be two whole numbers written N/D, such as \"2/3\"; found '\(text)'")
            return nil
        }
        let rule = "a fraction of a set is above 0 and at most 1, such as \"2/3\""
        if denominator == 0 {
            reader.error(node, "fraction '\(text)' divides by 0; write N/D with D at least 1, such as \"2/3\"")
            return nil
        }
        if numerator == 0 {
            reader.error(node, "fraction '\(text)' is nothing of the set; \(rule)")
            return nil
        }
        if numerator > denominator {
            reader.error(node, "fraction '\(text)' is more than the whole set; \(rule)")
            return nil
        }
        guard let of else { return nil }
        return .fraction(Fraction(numerator, denominator), of: of, filter)
    }

    private func filter(_ fields: NodeReader.Fields) -> ConsentFilter {
        var filter = ConsentFilter()
        if let node = fields["from"] { filter.from = partySet(node, what: "from") }
        if let node = fields["excluding"] { filter.excluding = partyList(node, what: "excluding") }
        if let node = fields["states-only"] { filter.statesOnly = reader.bool(node, what: "states-only") ?? false }
        if let node = fields["forms"], let names = reader.sequence(node, what: "forms") {
            filter.forms = names.compactMap {
                reader.choice($0, what: "a form", of: Event.ConsentForm.self, values: Event.ConsentForm.recordable)
            }
        }
        return filter
    }

    private func partySet(_ node: YAMLNode, what: String) -> PartySet? {
        if let name = node.scalar?.string, !NodeReader.isNull(node) { return .named(name) }
        if node.sequence != nil { return .codes(partyList(node, what: what)) }
        reader.error(node, "\(what) takes a set name (signatories, or one under sets) or a list of party codes")
        return nil
    }

    // MARK: - Delays, floors, spans

    /// A delay. Spec: "Delays (`delay`)".
    func delay(_ node: YAMLNode) -> Delay? {
        let keys = [
            "days", "months", "years", "first-day-of-month-after", "first-day-of-month", "fixed-date", "if-met-later",
        ]
        guard let fields = reader.mapping(node, what: "a delay", allowed: keys) else { return nil }
        if let value = fields["fixed-date"] {
            guard let date = reader.date(value, what: "fixed-date") else { return nil }
            return .fixedDate(date, ifMetLater: fields["if-met-later"].flatMap(delay) ?? .none)
        }
        if let value = fields["first-day-of-month-after"] {
            guard let inner = reader.mapping(value, what: "first-day-of-month-after", allowed: ["days"]),
                let days = reader.require(inner, "days", expected: "a number of days").flatMap({
                    reader.int($0, what: "days")
                })
            else { return nil }
            guard Self.limits["days"]!.contains(days) else {
                reader.error(inner["days"], days < 0 ? "a delay cannot be negative" : "days must be at most 366000")
                return nil
            }
            return .firstDayOfMonthAfterDays(days)
        }
        if let value = fields["first-day-of-month"] {
            guard let months = reader.int(value, what: "first-day-of-month") else { return nil }
            guard (1...12_000).contains(months) else {
                reader.error(
                    value,
                    "first-day-of-month counts months after the month the condition is met: 1 or more, found \(months)")
                return nil
            }
            return .firstDayOfMonth(months)
        }
        let present = ["days", "months", "years"].filter { fields[$0] != nil }
        guard present.count == 1 else {
            reader.error(
                node,
                present.isEmpty
                    ? "a delay needs one of: \(keys.dropLast().joined(separator: ", "))"
                    : "a delay takes one unit (days, months or years), found \(present.joined(separator: " and "))")
            return nil
        }
        guard let amount = reader.int(fields[present[0]]!, what: present[0]) else { return nil }
        guard Self.limits[present[0]]!.contains(amount) else {
            reader.error(
                fields[present[0]],
                amount < 0
                    ? "a delay cannot be negative"
                    : "\(present[0]) must be at most \(Self.limits[present[0]]!.upperBound); found \(amount)")
            return nil
        }
        switch present[0] {
        case "days": return .days(amount)
        case "months": return .months(amount)
        default: return .years(amount)
        }
    }

    /// A `not-before` floor: a date, or `{years: N, from: adopted}`.
    func floor(_ node: YAMLNode) -> Floor? {
        if node.scalar != nil { return reader.date(node, what: "not-before").map { .date($0) } }
        guard let fields = reader.mapping(node, what: "not-before", allowed: ["years", "months", "days", "from"]) else {
            return nil
        }
        if let from = fields["from"], reader.string(from, what: "from") != "adopted" {
            reader.error(from, "not-before counts from 'adopted' only")
        }
        return span(fields).map { .afterAdoption($0) }
    }

    /// The largest lengths a rule may state: a millennium, in any unit. Larger ones are typing errors, and would
    /// run past the calendar Pacta represents (0001–9999).
    static let limits: [String: ClosedRange<Int>] = ["years": 0...1000, "months": 0...12_000, "days": 0...366_000]

    /// A span from `years`, `months` and `days` fields; at least one must be present; none negative.
    func span(_ fields: NodeReader.Fields) -> Span? {
        // A component already reported (not a number, out of range) makes no span: a later check of the span
        // ("a term cannot be zero") would blame the file for what it does not say.
        var faulty = false
        func component(_ name: String) -> Int {
            guard let node = fields[name] else { return 0 }
            guard let value = reader.int(node, what: name) else {
                faulty = true
                return 0
            }
            guard Self.limits[name]!.contains(value) else {
                reader.error(node, "\(name) must be from 0 to \(Self.limits[name]!.upperBound); found \(value)")
                faulty = true
                return 0
            }
            return value
        }
        let years = component("years")
        let months = component("months")
        let days = component("days")
        guard fields["years"] != nil || fields["months"] != nil || fields["days"] != nil else {
            reader.error(fields.node, "\(fields.what) needs a length: years, months or days")
            return nil
        }
        guard !faulty else { return nil }
        return Span(years: years, months: months, days: days)
    }

    func spanNode(_ node: YAMLNode, what: String) -> Span? {
        guard let fields = reader.mapping(node, what: what, allowed: ["years", "months", "days"]) else { return nil }
        return span(fields)
    }

    // MARK: - Later consent, denunciation, duration

    func laterConsent(_ node: YAMLNode, what: String) -> LaterConsentRule? {
        guard
            let fields = reader.mapping(
                node, what: what, allowed: ["after", "delay", "not-before", "organisations"])
        else { return nil }
        var rule = LaterConsentRule()
        if let after = fields["after"] {
            rule.after =
                reader.choice(
                    after, what: "after", of: LaterConsentRule.After.self, values: [.conditionsMet, .entryIntoForce])
                ?? .conditionsMet
        }
        rule.delay = fields["delay"].flatMap(delay) ?? .none
        if let floor = fields["not-before"] {
            if reader.string(floor, what: "not-before") == "treaty-entry-into-force" {
                rule.notBeforeTreatyEntryIntoForce = true
            } else {
                reader.error(floor, "later-consent.not-before takes 'treaty-entry-into-force'")
            }
        }
        if let organisations = fields["organisations"] {
            rule.organisations = laterConsent(organisations, what: "later-consent.organisations").map(
                LaterConsentRule.Box.init)
        }
        return rule
    }

    func denunciation(_ node: YAMLNode) -> DenunciationRule? {
        guard
            let fields = reader.mapping(
                node, what: "rules.denunciation",
                allowed: ["allowed", "notice", "earliest", "suspended-during", "article"])
        else { return nil }
        var rule = DenunciationRule()
        rule.article = fields["article"].flatMap { reader.string($0, what: "article") }
        if let allowed = fields["allowed"] { rule.allowed = reader.bool(allowed, what: "allowed") ?? true }
        if let notice = fields["notice"] { rule.notice = spanNode(notice, what: "notice") ?? Span() }
        if let earliest = fields["earliest"],
            let bound = reader.mapping(earliest, what: "earliest", allowed: ["years", "months", "days", "from"]),
            let span = span(bound)
        {
            let from =
                bound["from"].flatMap {
                    reader.choice(
                        $0, what: "earliest.from", of: DenunciationRule.EarliestFrom.self,
                        values: [.partyEntryIntoForce, .treatyEntryIntoForce, .adopted])
                } ?? .partyEntryIntoForce
            rule.earliest = (span, from)
        }
        rule.suspendedDuring = fields["suspended-during"].flatMap { reader.string($0, what: "suspended-during") }
        return rule
    }

    func duration(_ node: YAMLNode) -> Rules.Duration {
        if let text = node.scalar?.string {
            if text != "indefinite" {
                reader.error(node, "duration is 'indefinite' or {term: {years: N}, renewal: ...}, found '\(text)'")
            }
            return .indefinite
        }
        guard let fields = reader.mapping(node, what: "rules.duration", allowed: ["term", "renewal", "article"]),
            let termNode = reader.require(fields, "term", expected: "{years: N}"),
            let term = spanNode(termNode, what: "term")
        else { return .indefinite }
        if term.isZero { reader.error(termNode, "a term cannot be zero") }
        var renewal: Rules.Duration.Renewal?
        if let node = fields["renewal"],
            let renewalFields = reader.mapping(node, what: "renewal", allowed: ["term", "notice-before-expiry"]),
            let renewalTerm = reader.require(renewalFields, "term", expected: "{years: N}").flatMap({
                spanNode($0, what: "renewal.term")
            })
        {
            let notice =
                renewalFields["notice-before-expiry"].flatMap { spanNode($0, what: "notice-before-expiry") } ?? Span()
            renewal = Rules.Duration.Renewal(term: renewalTerm, noticeBeforeExpiry: notice)
        }
        return .fixed(
            term: term, renewal: renewal, article: fields["article"].flatMap { reader.string($0, what: "article") })
    }
}
