/// What a treaty says about its own life: entry into force, later consents, denunciation, duration.
/// Spec: "Rules: what the treaty says about itself".
public struct Rules: Sendable, Hashable, Codable {
    public var entryIntoForce: EntryIntoForceRule?
    /// When the treaty enters into force for a State whose consent comes late; `nil`: VCLT art. 24(3).
    public var laterConsent: LaterConsentRule?
    /// `nil`: no clause, VCLT art. 56 applies (12 months' notice, open to dispute).
    public var denunciation: DenunciationRule?
    public var duration: Duration
    /// Ends when parties fall below this number; `nil`: never on that ground (VCLT art. 55).
    public var dissolutionBelow: Int?
    /// Articles with their own entry into force.
    public var partial: [PartialEntryIntoForce]
    /// Pacta extension: every consent other than accession or succession needs an earlier signature.
    public var signatureRequired: Bool

    public init(
        entryIntoForce: EntryIntoForceRule? = nil, laterConsent: LaterConsentRule? = nil,
        denunciation: DenunciationRule? = nil, duration: Duration = .indefinite, dissolutionBelow: Int? = nil,
        partial: [PartialEntryIntoForce] = [], signatureRequired: Bool = false
    ) {
        self.entryIntoForce = entryIntoForce
        self.laterConsent = laterConsent
        self.denunciation = denunciation
        self.duration = duration
        self.dissolutionBelow = dissolutionBelow
        self.partial = partial
        self.signatureRequired = signatureRequired
    }
}

/// When the treaty enters into force: a condition, its date met moved by a delay, then a floor.
/// Spec: "Conditions", "Delays and floors". VCLT art. 24(1)–(2).
public struct EntryIntoForceRule: Sendable, Hashable, Codable {
    public var article: String?
    public var condition: Condition
    public var delay: Delay
    public var notBefore: Floor?

    public init(article: String? = nil, condition: Condition, delay: Delay = .none, notBefore: Floor? = nil) {
        self.article = article
        self.condition = condition
        self.delay = delay
        self.notBefore = notBefore
    }
}

/// Articles with their own entry into force (spec `partial`).
public struct PartialEntryIntoForce: Sendable, Hashable, Codable {
    public var articles: [String]
    public var condition: Condition
    public var delay: Delay
    public init(articles: [String], condition: Condition, delay: Delay = .none) {
        self.articles = articles
        self.condition = condition
        self.delay = delay
    }
}

/// A set of parties named in a condition: a list of codes, or a set name (`signatories` is built in).
public enum PartySet: Sendable, Hashable, CustomStringConvertible, Codable {
    case codes([PartyCode])
    case named(String)

    public var description: String {
        switch self {
        case .codes(let codes): codes.map(\.rawValue).joined(separator: ", ")
        case .named(let name): name
        }
    }
}

/// Which consents a counting condition counts.
public struct ConsentFilter: Sendable, Hashable, Codable {
    public var from: PartySet?
    public var excluding: [PartyCode]
    public var statesOnly: Bool
    /// `nil`: every form.
    public var forms: [Event.ConsentForm]?
    public init(
        from: PartySet? = nil, excluding: [PartyCode] = [], statesOnly: Bool = false,
        forms: [Event.ConsentForm]? = nil
    ) {
        self.from = from
        self.excluding = excluding
        self.statesOnly = statesOnly
        self.forms = forms
    }

    /// Whether the count names no parties (no `from`, no `excluding`): a count of whoever consents, which a
    /// depositary's `instrument-number` can speak of.
    public var countsEveryParty: Bool { from == nil && excluding.isEmpty }

    /// Whether the engine adds a depositary's count to this count: it names no parties and takes every form.
    public var takesDepositaryCount: Bool { countsEveryParty && forms == nil }
}

/// A part of a whole, `numerator/denominator`, above 0 and at most 1 (`2/3`): the part of a set of States whose
/// consents a **(Pacta)** fraction condition needs (`consents: {fraction: "2/3", of: signatories}`).
public struct Fraction: Sendable, Hashable, Codable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int

    /// - Precondition: `0 < numerator <= denominator`; the reader refuses other fractions.
    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `2/3`.
    public var description: String { "\(numerator)/\(denominator)" }

    /// How many of `count` members make up the fraction, rounded up (two-thirds of 21 is 14, of 20 is 14), and at
    /// least 1: a fraction of an empty set is never reached.
    public func needed(of count: Int) -> Int {
        max(1, (count * numerator + denominator - 1) / denominator)
    }

    /// The fraction in words: `two-thirds`, `one-half`, `three-quarters`; `5/12` where it has no common name.
    public var words: String {
        let ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        let parts = ["", "", "half", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        guard numerator < ones.count, denominator < parts.count, denominator >= 2 else {
            return numerator == denominator ? "all" : description
        }
        let part = parts[denominator]
        let plural = numerator == 1 ? part : (part == "half" ? "halves" : part + "s")
        return "\(ones[numerator])-\(plural)"
    }
}

/// A condition of the rule language; its *date met* is the earliest date on which it holds.
public indirect enum Condition: Sendable, Hashable, Codable {
    case exchangeOfInstruments
    case lastNotification
    case consents(Int, ConsentFilter)
    /// **(Pacta)** The consents of a fraction of a set of parties, the number needed rounded up (`consents:
    /// {fraction: "2/3", of: signatories}`); the filter's `excluding` and `states-only` narrow the set too.
    case fraction(Fraction, of: PartySet, ConsentFilter)
    case treatyInForce(String)
    case allOf(PartySet, ConsentFilter)
    case majorityOf(PartySet, ConsentFilter)
    case share(weight: String, atLeast: Double, ConsentFilter)
    case date(CalendarDate)
    case all([Condition])
    case any([Condition])

    /// The fixed dates this condition turns on (`date`), at any depth.
    public var literalDates: [CalendarDate] {
        switch self {
        case .date(let date): [date]
        case .all(let list), .any(let list): list.flatMap(\.literalDates)
        default: []
        }
    }

    /// Ids of the treaties this condition waits for (`treaty-in-force`), in order, at any depth.
    public var treatyReferences: [String] {
        switch self {
        case .treatyInForce(let id): [id]
        case .all(let list), .any(let list): list.flatMap(\.treatyReferences)
        default: []
        }
    }

    /// Whether this condition waits for another treaty at any depth: ``treatyReferences`` is not empty, asked
    /// without building the list (a status asks it, and most conditions name none).
    public var waitsForATreaty: Bool {
        switch self {
        case .treatyInForce: true
        case .all(let list), .any(let list): list.contains(where: \.waitsForATreaty)
        default: false
        }
    }
}

/// How the date met moves to the date of entry into force. Spec: "Delays".
public indirect enum Delay: Sendable, Hashable, Codable {
    case none
    case days(Int)
    case months(Int)
    case years(Int)
    /// The first day of the month that follows D + N days.
    case firstDayOfMonthAfterDays(Int)
    /// The first day of the Nth month after the month of D.
    case firstDayOfMonth(Int)
    /// That date where D is on or before it; otherwise D moved by the inner delay.
    case fixedDate(CalendarDate, ifMetLater: Delay)

    /// `date` moved by this delay.
    public func apply(to date: CalendarDate) -> CalendarDate {
        switch self {
        case .none: date
        case .days(let n): date.adding(days: n)
        case .months(let n): date.adding(months: n)
        case .years(let n): date.adding(years: n)
        case .firstDayOfMonthAfterDays(let n): date.adding(days: n).firstDayOfMonth(after: 1)
        case .firstDayOfMonth(let n): date.firstDayOfMonth(after: n)
        case .fixedDate(let fixed, let later): date <= fixed ? fixed : later.apply(to: date)
        }
    }

    /// The arithmetic in words: "30 days after 2024-01-01 is 2024-01-31".
    public func explain(from date: CalendarDate) -> String {
        let result = apply(to: date)
        switch self {
        case .none: return "no delay: \(date)"
        case .days(let n):
            return n == 0 ? "no delay: \(date)" : "\(n) day\(n == 1 ? "" : "s") after \(date) is \(result)"
        case .months(let n): return "\(n) month\(n == 1 ? "" : "s") after \(date) is \(result)"
        case .years(let n): return "\(n) year\(n == 1 ? "" : "s") after \(date) is \(result)"
        case .firstDayOfMonthAfterDays(let n):
            return
                "\(date) + \(n) day\(n == 1 ? "" : "s") is \(date.adding(days: n)); the first day of the following month is \(result)"
        case .firstDayOfMonth(let n): return "the first day of month \(n) after the month of \(date) is \(result)"
        case .fixedDate(let fixed, let later):
            return date <= fixed
                ? "met on or before the fixed date \(fixed): \(result)"
                : "met after the fixed date \(fixed): " + later.explain(from: date)
        }
    }
}

/// A date before which entry into force cannot fall (`not-before`).
public enum Floor: Sendable, Hashable, Codable {
    case date(CalendarDate)
    /// A span counted from the adoption of the text.
    case afterAdoption(Span)
}

/// When the treaty enters into force for a State that consents late. Spec: `later-consent`.
public struct LaterConsentRule: Sendable, Hashable, Codable {
    /// Which consents the rule governs: those after the date the conditions were met, or after entry into force.
    public enum After: String, Sendable, Hashable, Codable {
        case conditionsMet = "conditions-met"
        case entryIntoForce = "entry-into-force"
    }

    public var after: After
    public var delay: Delay
    /// Never earlier than the treaty's own entry into force.
    public var notBeforeTreatyEntryIntoForce: Bool
    /// A rule of the same shape for `org:` parties.
    public var organisations: Box?

    /// Indirection for the recursive `organisations` rule.
    public final class Box: Sendable, Hashable, Codable {
        public let rule: LaterConsentRule
        public init(_ rule: LaterConsentRule) { self.rule = rule }
        public convenience init(from decoder: any Decoder) throws {
            self.init(try LaterConsentRule(from: decoder))
        }
        public func encode(to encoder: any Encoder) throws { try rule.encode(to: encoder) }
        public static func == (lhs: Box, rhs: Box) -> Bool { lhs.rule == rhs.rule }
        public func hash(into hasher: inout Hasher) { hasher.combine(rule) }
    }

    public init(
        after: After = .conditionsMet, delay: Delay = .none, notBeforeTreatyEntryIntoForce: Bool = false,
        organisations: LaterConsentRule? = nil
    ) {
        self.after = after
        self.delay = delay
        self.notBeforeTreatyEntryIntoForce = notBeforeTreatyEntryIntoForce
        self.organisations = organisations.map(Box.init)
    }
}

/// The treaty's denunciation or withdrawal clause (VCLT arts. 54, 56).
public struct DenunciationRule: Sendable, Hashable, Codable {
    /// From what an `earliest` bound is counted.
    public enum EarliestFrom: String, Sendable, Hashable, Codable {
        case partyEntryIntoForce = "party-entry-into-force"
        case treatyEntryIntoForce = "treaty-entry-into-force"
        case adopted
    }

    public var article: String?
    /// `false`: no unilateral exit; a denunciation has no effect (VCLT art. 56(1)).
    public var allowed: Bool
    /// How long after receipt the denunciation takes effect.
    public var notice: Span
    /// A notice received before this bound is invalid.
    public var earliest: (span: Span, from: EarliestFrom)?
    /// The effect waits while the withdrawing State is in that situation (shown as a caveat).
    public var suspendedDuring: String?

    public init(
        article: String? = nil, allowed: Bool = true, notice: Span = Span(), earliest: (Span, EarliestFrom)? = nil,
        suspendedDuring: String? = nil
    ) {
        self.article = article
        self.allowed = allowed
        self.notice = notice
        self.earliest = earliest.map { (span: $0.0, from: $0.1) }
        self.suspendedDuring = suspendedDuring
    }

    private enum CodingKeys: String, CodingKey {
        case article, allowed, notice, earliestSpan, earliestFrom, suspendedDuring
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        article = try container.decodeIfPresent(String.self, forKey: .article)
        allowed = try container.decode(Bool.self, forKey: .allowed)
        notice = try container.decode(Span.self, forKey: .notice)
        if let span = try container.decodeIfPresent(Span.self, forKey: .earliestSpan),
            let from = try container.decodeIfPresent(EarliestFrom.self, forKey: .earliestFrom)
        {
            earliest = (span, from)
        }
        suspendedDuring = try container.decodeIfPresent(String.self, forKey: .suspendedDuring)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(article, forKey: .article)
        try container.encode(allowed, forKey: .allowed)
        try container.encode(notice, forKey: .notice)
        try container.encodeIfPresent(earliest?.span, forKey: .earliestSpan)
        try container.encodeIfPresent(earliest?.from, forKey: .earliestFrom)
        try container.encodeIfPresent(suspendedDuring, forKey: .suspendedDuring)
    }

    public static func == (lhs: DenunciationRule, rhs: DenunciationRule) -> Bool {
        lhs.article == rhs.article && lhs.allowed == rhs.allowed && lhs.notice == rhs.notice
            && lhs.earliest?.span == rhs.earliest?.span && lhs.earliest?.from == rhs.earliest?.from
            && lhs.suspendedDuring == rhs.suspendedDuring
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(article)
        hasher.combine(allowed)
        hasher.combine(notice)
        hasher.combine(earliest?.span)
        hasher.combine(earliest?.from)
    }
}

extension Rules {
    /// How long the treaty lasts.
    public enum Duration: Sendable, Hashable, Codable {
        case indefinite
        /// A fixed term from entry into force, with optional automatic renewal.
        case fixed(term: Span, renewal: Renewal?, article: String?)

        /// Automatic renewal for further periods unless a party gives notice before expiry.
        public struct Renewal: Sendable, Hashable, Codable {
            public var term: Span
            public var noticeBeforeExpiry: Span
            public init(term: Span, noticeBeforeExpiry: Span) {
                self.term = term
                self.noticeBeforeExpiry = noticeBeforeExpiry
            }
        }
    }
}

extension Condition {
    /// The filter of the condition's first count of consents that names no parties (``ConsentFilter/countsEveryParty``),
    /// looking into `all` and `any`: the count a depositary's `instrument-number` speaks of. `nil` where there
    /// is none.
    public var partyCount: ConsentFilter? {
        switch self {
        case .consents(_, let filter) where filter.countsEveryParty: return filter
        case .all(let list), .any(let list): return list.lazy.compactMap(\.partyCount).first
        default: return nil
        }
    }
}

extension Rules {
    /// The conditions the rules give: entry into force (where the file states one), then each partial entry
    /// into force's, in order.
    public var conditions: [Condition] {
        [entryIntoForce?.condition].compactMap { $0 } + partial.map(\.condition)
    }

    /// The ids of the treaties those conditions wait for (`treaty-in-force`), in order, repeats kept: empty for
    /// most treaties, whose statuses then depend on their own log alone.
    public var treatyReferences: [String] { conditions.flatMap(\.treatyReferences) }

    /// Whether any of those conditions waits for another treaty: ``treatyReferences`` is not empty, asked without
    /// building the list.
    public var waitsForATreaty: Bool {
        (entryIntoForce?.condition.waitsForATreaty ?? false) || partial.contains { $0.condition.waitsForATreaty }
    }
}
