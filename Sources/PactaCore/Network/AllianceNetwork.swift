/// The alliance network over time: a State's allies on a date, and dyad-year tables in the column conventions
/// of the Correlates of War (COW) and ATOP alliance data sets.
///
/// A *pledge* is a coded provision of one of the ATOP categories (defense, offense, neutrality,
/// non-aggression, consultation) in a treaty in force for both States. Provisions whose bearer is
/// `other-parties` or `all-parties` bind every party to every other, so they give both directions of a dyad;
/// a provision whose bearer is one party gives only that direction.
public struct AllianceNetwork: Sendable {
    public let corpus: Corpus
    private let lifecycle: Lifecycle

    public init(corpus: Corpus) {
        self.corpus = corpus
        self.lifecycle = Lifecycle(corpus: corpus)
    }

    /// The ATOP categories a dyad table counts, in its column order.
    public static let categories: [Provision.Category] = [
        .defense, .offense, .neutrality, .nonAggression, .consultation,
    ]

    /// One ally of a State on a date, under one treaty.
    public struct Ally: Sendable, Hashable {
        public var ally: PartyCode
        public var treaty: String
        public var categories: [Provision.Category]
        /// The articles of the pledges that bind them, each once, in the order of the treaty's provisions.
        public var articles: [String]
        /// Since when the treaty binds both.
        public var since: CalendarDate?
        /// Whether the treaty's record is partial (`record: partial`): the row rests on an incomplete record.
        public var partialRecord: Bool = false
        /// The amending treaties whose text applies between the two (VCLT art. 40(4)); empty: the treaty's own.
        public var amendedBy: [String] = []
    }

    /// Whether `treaty` gives pledges of the ATOP categories (``categories``), by its own provisions or by those of
    /// the treaties that amend it. An amending treaty gives none of its own: its provisions are versions of the
    /// amended treaty's (``Treaty/amends``).
    public func bearsPledges(_ treaty: Treaty) -> Bool {
        guard treaty.amends == nil else { return false }
        func pledges(_ treaty: Treaty) -> Bool { treaty.provisions.contains { Self.categories.contains($0.category) } }
        return pledges(treaty) || corpus.amendments(of: treaty.id).contains(where: pledges)
    }

    /// The States bound with `state` on `date` by a pledge of the ATOP categories, one row per ally and treaty.
    /// A pledge whose operation is suspended between the two on `date` is left out (VCLT arts. 57–58).
    /// - Parameter category: only pledges of this category.
    public func allies(of state: PartyCode, on date: CalendarDate, category: Provision.Category? = nil) -> [Ally] {
        var result: [Ally] = []
        // An amending treaty's provisions are versions of the amended treaty's (``Treaty/amends``), not pledges of
        // their own.
        for treaty in corpus.treaties where treaty.amends == nil {
            func isPledge(_ provision: Provision) -> Bool {
                Self.categories.contains(provision.category) && (category == nil || provision.category == category)
            }
            let amending = corpus.amendments(of: treaty.id)
            guard
                treaty.provisions.contains(where: isPledge)
                    || amending.contains(where: { $0.provisions.contains(where: isPledge) })
            else { continue }
            // The treaty's own status: its amendments are weighed pair by pair below (``Lifecycle/versions``).
            let status = lifecycle.ownStatus(of: treaty, on: date, explain: false)
            guard status.status == .inForce, let own = status.state(state), own.status == .party else { continue }
            let amendments = amending.isEmpty ? [] : lifecycle.amendments(of: treaty, on: date)
            for other in status.states where other.status == .party && other.code != state {
                if own.notInForceWith.contains(other.code) { continue }
                // The text in force between the two (VCLT art. 40(4)): each amendment that binds both replaces the
                // provisions of the articles it amends.
                var pledges = treaty.provisions
                var amendedBy: [String] = []
                if !amendments.isEmpty {
                    let choices = lifecycle.versions(
                        of: treaty, status, between: state, and: other.code, amendments: amendments)
                    for choice in choices where choice.applies {
                        guard let amendment = corpus[choice.amendment] else { continue }
                        pledges.removeAll { choice.articles.contains($0.article) }
                        pledges += amendment.provisions.filter { choice.articles.contains($0.article) }
                        amendedBy.append(choice.amendment)
                    }
                }
                pledges = pledges.filter(isPledge)
                let binding = pledges.filter { provision in
                    // A pledge whose operation is suspended between the two binds neither (VCLT arts. 57–58).
                    if status.suspensions.contains(where: {
                        $0.covers(article: provision.article, between: state, and: other.code)
                    }) {
                        return false
                    }
                    switch provision.bearer ?? "other-parties" {
                    case "other-parties", "all-parties": return true
                    case let code: return code == state.rawValue || code == other.code.rawValue
                    }
                }
                guard !binding.isEmpty else { continue }
                var categories: [Provision.Category] = []
                for provision in binding where !categories.contains(provision.category) {
                    categories.append(provision.category)
                }
                // Each article once, in the order of the provisions (an article may hold several pledges).
                var articles: [String] = []
                for provision in binding where !articles.contains(provision.article) {
                    articles.append(provision.article)
                }
                result.append(
                    Ally(
                        ally: other.code, treaty: treaty.id,
                        categories: Self.categories.filter(categories.contains), articles: articles,
                        since: [own.entryIntoForce, other.entryIntoForce, own.continues?.from, other.continues?.from]
                            .compactMap { $0 }.max(),
                        partialRecord: treaty.record == .partial, amendedBy: amendedBy))
            }
        }
        return result.sorted { $0.ally != $1.ally ? $0.ally < $1.ally : $0.treaty < $1.treaty }
    }

    /// One row of a dyad-year table.
    public struct DyadYear: Sendable, Hashable {
        public var state1: PartyCode
        public var state2: PartyCode
        public var ccode1: Int
        public var ccode2: Int
        /// COW state abbreviations (`RUS`, `PRK`, `GFR` ...).
        public var abbreviation1: String
        public var abbreviation2: String
        public var year: Int
        /// Flags in the order of ``AllianceNetwork/categories``.
        public var flags: [Bool]
        public var treaties: [String]
    }

    /// The period a State is bound by a treaty: from its date of entry into force until (not including) the day
    /// it ceases to be bound; `nil` for a bond still running.
    struct Bond {
        var code: PartyCode
        var from: CalendarDate
        var until: CalendarDate?
        /// States the treaty does not bind with this one (``StateStatus/notInForceWith``): a precluding objection,
        /// or two successors holding one side of a bilateral treaty.
        var apart: [PartyCode] = []
    }

    /// Dyad-years from `firstYear` to `lastYear`.
    ///
    /// The rule for "in effect in a year": a pledge counts for a dyad in year Y when the treaty binds both States
    /// on at least one common day of Y (a treaty that enters into force on 4 December counts for that year).
    /// States are identified by COW codes (``COWCodeTable``) on the days both were bound; COW gives the USSR and
    /// the Russian Federation one code, 365, so a treaty continued by Russia keeps its dyads, and gives the German
    /// Federal Republic 260 until 2 October 1990 and Germany 255 from 3 October 1990, so 1990 has a row under
    /// each code where the days both were bound fall on both sides of the change. States without a COW code
    /// (organisations, most dependent territories) are left out and listed in `skipped`. A pledge suspended
    /// between the two (VCLT arts. 57–58: ANZUS between the United States and New Zealand from 1986) counts on
    /// none of the days of its suspension.
    /// - Parameter directed: both directions of each symmetric pledge as separate rows (ccode1 → ccode2);
    ///   otherwise one row per pair with ccode1 < ccode2.
    /// - Complexity: O(treaties × parties² × years).
    public func dyadYears(from firstYear: Int, to lastYear: Int, directed: Bool) -> (
        rows: [DyadYear], skipped: [PartyCode]
    ) {
        guard firstYear <= lastYear, let end = CalendarDate(year: lastYear, month: 12, day: 31) else { return ([], []) }
        struct Key: Hashable {
            var a: PartyCode
            var b: PartyCode
            var year: Int
            /// The COW entries of `a` and `b` on the days both were bound that year.
            var entries: [COWCodeTable.Entry]
        }
        var table: [Key: (flags: [Bool], treaties: [String])] = [:]
        var skipped = Set<PartyCode>()
        for treaty in corpus.treaties where treaty.amends == nil {
            let pledges = treaty.provisions.filter { Self.categories.contains($0.category) }
            guard !pledges.isEmpty else { continue }
            let status = lifecycle.status(of: treaty, on: end, explain: false)
            let bonds = Self.bonds(status)
            let suspended = suspensionPeriods(of: treaty, through: end)
            for first in bonds {
                for second in bonds where second.code != first.code && !first.apart.contains(second.code) {
                    guard COWCodeTable.entry(first.code) != nil, COWCodeTable.entry(second.code) != nil else {
                        for code in [first.code, second.code] where COWCodeTable.entry(code) == nil {
                            skipped.insert(code)
                        }
                        continue
                    }
                    let start = max(first.from, second.from)
                    let stop = [first.until, second.until].compactMap { $0 }.min()
                    if let stop, stop <= start { continue }
                    let lastDay = min(stop?.adding(days: -1) ?? end, end)
                    guard start <= lastDay else { continue }
                    // The common period, cut where a suspension between the two begins or ends (VCLT arts. 57–58):
                    // a pledge whose operation is suspended between them counts on none of its days.
                    let between = suspended.filter { period in
                        pledges.contains {
                            period.suspension.covers(article: $0.article, between: first.code, and: second.code)
                        }
                    }
                    var cuts = [start]
                    for period in between {
                        for day in [period.from, period.until].compactMap({ $0 }) where day > start && day <= lastDay {
                            cuts.append(day)
                        }
                    }
                    cuts = Array(Set(cuts)).sorted()
                    for (index, segmentStart) in cuts.enumerated() {
                        let segmentEnd = index + 1 < cuts.count ? cuts[index + 1].adding(days: -1) : lastDay
                        let active = between.filter {
                            $0.from <= segmentStart && ($0.until.map { segmentStart < $0 } ?? true)
                        }
                        // Categories pledged from first to second and not suspended between them.
                        let flags = Self.categories.map { category in
                            pledges.contains { provision in
                                guard provision.category == category else { return false }
                                if active.contains(where: {
                                    $0.suspension.covers(
                                        article: provision.article, between: first.code, and: second.code)
                                }) {
                                    return false
                                }
                                switch provision.bearer ?? "other-parties" {
                                case "other-parties", "all-parties": return true
                                case let code: return code == first.code.rawValue
                                }
                            }
                        }
                        guard flags.contains(true) else { continue }
                        add(first.code, second.code, treaty.id, flags, from: segmentStart, through: segmentEnd)
                    }
                }
            }
        }
        /// Counts `flags` for the pair in every year of `start...lastDay` within the years asked, under each COW
        /// code either State bore on the common days.
        func add(
            _ a: PartyCode, _ b: PartyCode, _ treaty: String, _ flags: [Bool], from start: CalendarDate,
            through lastDay: CalendarDate
        ) {
            let (low, high) = (max(firstYear, start.year), min(lastYear, lastDay.year))
            guard start <= lastDay, low <= high else { return }
            for year in low...high {
                // The common days of the year, under each COW code either State bore on them.
                let from = max(start, CalendarDate(year: year, month: 1, day: 1)!)
                let through = min(lastDay, CalendarDate(year: year, month: 12, day: 31)!)
                for one in COWCodeTable.periods(a, from: from, through: through) {
                    for other in COWCodeTable.periods(b, from: one.from, through: one.through) {
                        let key = Key(a: a, b: b, year: year, entries: [one.entry, other.entry])
                        var entry = table[key] ?? (Array(repeating: false, count: Self.categories.count), [])
                        entry.flags = zip(entry.flags, flags).map { $0 || $1 }
                        if !entry.treaties.contains(treaty) { entry.treaties.append(treaty) }
                        table[key] = entry
                    }
                }
            }
        }
        // Merge the two directions for a non-directed table; codes are COW's. In a fixed order, so that where two
        // States share a COW code (the USSR and Russia in 1991) a row names the same one on every run.
        var rows: [String: DyadYear] = [:]
        for (key, entry) in table.sorted(by: {
            ($0.key.year, $0.key.a.rawValue, $0.key.b.rawValue, $0.key.entries[0].ccode, $0.key.entries[1].ccode)
                < ($1.key.year, $1.key.a.rawValue, $1.key.b.rawValue, $1.key.entries[0].ccode, $1.key.entries[1].ccode)
        }) {
            let (e1, e2) = (key.entries[0], key.entries[1])
            let (c1, c2) = (e1.ccode, e2.ccode)
            if c1 == c2 { continue }  // a State and its continuator (USSR, Russia) are one COW state
            if !directed, c1 > c2 { continue }
            let id = "\(c1)-\(c2)-\(key.year)"
            if var existing = rows[id] {
                existing.flags = zip(existing.flags, entry.flags).map { $0 || $1 }
                existing.treaties = Array(Set(existing.treaties + entry.treaties)).sorted()
                rows[id] = existing
            } else {
                rows[id] = DyadYear(
                    state1: key.a, state2: key.b, ccode1: c1, ccode2: c2, abbreviation1: e1.abbreviation,
                    abbreviation2: e2.abbreviation, year: key.year, flags: entry.flags,
                    treaties: entry.treaties.sorted())
            }
        }
        let sorted = rows.values.sorted {
            ($0.ccode1, $0.ccode2, $0.year) < ($1.ccode1, $1.ccode2, $1.year)
        }
        return (sorted, skipped.sorted())
    }

    /// A suspension of a treaty's operation and the days it was in effect: from its date until (not including)
    /// the day it was resumed; `nil`: still in effect on the last day asked.
    struct SuspensionPeriod {
        var suspension: TreatyStatus.Suspension
        var from: CalendarDate
        var until: CalendarDate?
    }

    /// The suspensions of `treaty` up to `end` and when each was in effect, from its status on each day a
    /// suspension or resumption is recorded (VCLT arts. 57–58, 72); empty for the many treaties that record none.
    func suspensionPeriods(of treaty: Treaty, through end: CalendarDate) -> [SuspensionPeriod] {
        let days = Set(
            treaty.events.compactMap { event -> CalendarDate? in
                switch event.kind {
                case .suspension, .resumption: event.date <= end ? event.date : nil
                default: nil
                }
            }
        ).sorted()
        var open: [String: SuspensionPeriod] = [:]
        var periods: [SuspensionPeriod] = []
        for day in days {
            let active = lifecycle.status(of: treaty, on: day, explain: false).suspensions
            let ids = Set(active.map(\.event))
            for (id, period) in open where !ids.contains(id) {
                periods.append(SuspensionPeriod(suspension: period.suspension, from: period.from, until: day))
                open[id] = nil
            }
            for suspension in active where open[suspension.event] == nil {
                open[suspension.event] = SuspensionPeriod(suspension: suspension, from: suspension.since, until: nil)
            }
        }
        return periods + open.values.sorted { $0.from < $1.from }
    }

    /// One ally's period under one treaty: from the first to the last day both were bound, up to the date asked.
    public struct AllySpan: Sendable, Hashable {
        public var ally: PartyCode
        public var treaty: String
        public var from: CalendarDate
        public var through: CalendarDate
    }

    /// Every ally `state` has had, up to `date`, with the period of each treaty's pledges: what a State's page
    /// shows as "allies over time".
    ///
    /// Only the treaties that name the State are computed, once each, from their status on `date`; no year is
    /// visited, so the cost does not grow with the span of years asked about.
    /// - Complexity: O(t × p) for the t treaties naming the State, with p parties each.
    public func allySpans(of state: PartyCode, through date: CalendarDate) -> [AllySpan] {
        var spans: [String: AllySpan] = [:]
        for treaty in corpus.treaties where Coverage.names(treaty, any: [state]) {
            let pledges = treaty.provisions.filter { Self.categories.contains($0.category) }
            guard !pledges.isEmpty else { continue }
            let bonds = Self.bonds(lifecycle.status(of: treaty, on: date, explain: false))
            for own in bonds where own.code == state {
                for other in bonds where other.code != state && !own.apart.contains(other.code) {
                    let binds = pledges.contains { provision in
                        switch provision.bearer ?? "other-parties" {
                        case "other-parties", "all-parties": true
                        case let code: code == state.rawValue
                        }
                    }
                    guard binds else { continue }
                    let start = max(own.from, other.from)
                    let stop = [own.until, other.until].compactMap { $0 }.min()
                    let last = min(stop.map { $0.adding(days: -1) } ?? date, date)
                    guard start <= last else { continue }
                    let key = "\(other.code.rawValue)|\(treaty.id)"
                    if var span = spans[key] {
                        span.from = min(span.from, start)
                        span.through = max(span.through, last)
                        spans[key] = span
                    } else {
                        spans[key] = AllySpan(ally: other.code, treaty: treaty.id, from: start, through: last)
                    }
                }
            }
        }
        return spans.values.sorted { ($0.from, $0.ally, $0.treaty) < ($1.from, $1.ally, $1.treaty) }
    }

    /// Each State's bond under the treaty, from a status computed at the end of the period.
    static func bonds(_ status: TreatyStatus) -> [Bond] {
        var bonds: [Bond] = []
        for state in status.states {
            guard var from = state.entryIntoForce else { continue }
            if let continues = state.continues { from = max(from, continues.from) }
            var until: CalendarDate? = state.withdrawal?.effective
            if let succession = status.states.first(where: { $0.continues?.predecessor == state.code })?.continues?.from
            {
                until = min(until ?? succession, succession)
            }
            // A State that ceased (the GDR in 1990) is bound until then, whoever succeeds it.
            if let ceased = state.ceased { until = min(until ?? ceased, ceased) }
            if let termination = status.termination { until = min(until ?? termination, termination) }
            guard state.consent != nil || state.entryIntoForce != nil else { continue }
            if state.status == .none, state.continues == nil, until == nil { continue }  // never bound, or revoked
            bonds.append(Bond(code: state.code, from: from, until: until, apart: state.notInForceWith))
        }
        return bonds
    }
}
