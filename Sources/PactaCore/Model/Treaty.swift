/// One treaty as its file describes it: identity, metadata, the append-only event log, the rules the
/// treaty states about itself, its coded provisions and its text. Spec: `treaty-format.md`, format 1.
///
/// A `Treaty` is a plain value; it computes nothing. The lifecycle engine (``Lifecycle``) derives
/// statuses from it.
public struct Treaty: Sendable, Hashable, Codable {
    /// Whether the treaty binds two States or is open to many.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case bilateral, multilateral
    }

    /// Where the text was adopted or signed.
    public struct Adoption: Sendable, Hashable, Codable {
        public var date: CalendarDate
        public var place: String?
        public init(date: CalendarDate, place: String? = nil) {
            self.date = date
            self.place = place
        }
    }

    /// How far the event log can be trusted to give every State's acts.
    public enum Record: String, Sendable, Hashable, CaseIterable, Codable {
        /// Every signature and consent is recorded, each from a source.
        case complete
        /// Some signatures or consents are missing: computed statuses may be wrong (a treaty shown not in force
        /// may be in force).
        case partial
        /// Every act is recorded, but some dates are not confirmed by a source (the events' notes say which).
        case unconfirmed
    }

    /// A source that events cite by key.
    public struct Source: Sendable, Hashable, Codable {
        public var title: String?
        public var url: String?
        public var accessed: CalendarDate?
        public init(title: String? = nil, url: String? = nil, accessed: CalendarDate? = nil) {
            self.title = title
            self.url = url
            self.accessed = accessed
        }
    }

    /// Dates an official record gives for the treaty (Pacta extension `documented`), to be compared with
    /// the dates the engine computes from the events: where they differ, the event log is wrong or incomplete.
    public struct Documented: Sendable, Hashable, Codable {
        /// Which States the official record says the treaty entered into force for on its date.
        public enum Parties: Sendable, Hashable, Codable {
            /// These States, by code.
            case listed([PartyCode])
            /// Every State whose signature the file records on or before the date (the source says every
            /// signatory had consented by then).
            case signatories
        }

        /// The date of entry into force the depositary or another official source states.
        public var entryIntoForce: CalendarDate?
        /// The key in ``Treaty/sources`` of that source.
        public var source: String?
        /// The States bound from ``entryIntoForce`` by the source's word, where the file lacks their deposits
        /// (Pacta extension `documented.parties`). A statement of the file, never a guess of the engine: in a
        /// `record: partial` file whose events fix no date, the engine puts the treaty in force on the
        /// documented date for these States and for those whose consents the file records by then.
        public var parties: Parties?
        public init(entryIntoForce: CalendarDate? = nil, source: String? = nil, parties: Parties? = nil) {
            self.entryIntoForce = entryIntoForce
            self.source = source
            self.parties = parties
        }
    }

    /// What an amending treaty amends (Pacta extension `amends`; VCLT arts. 39–41): the amended treaty and the
    /// articles whose provisions and text this treaty replaces. The amending treaty has its own lifecycle; between
    /// two parties of the amended treaty, the amended articles apply where both are bound by it, the original ones
    /// where one is not (VCLT art. 40(4), with art. 30(4)(b)), and a State that becomes a party to the amended
    /// treaty after the amendment entered into force is bound by it unless it declares otherwise (art. 40(5)).
    public struct Amendment: Sendable, Hashable, Codable {
        /// The id of the amended treaty, in the same corpus.
        public var treaty: String
        /// The article numbers amended, at least one; this treaty's provisions and text articles of these numbers
        /// are the amended ones (a number it codes no provision for has none once amended).
        public var articles: [String]
        public init(treaty: String, articles: [String]) {
            self.treaty = treaty
            self.articles = articles
        }
    }

    /// A weight table for `share` conditions, e.g. each State's share of emissions.
    public struct WeightTable: Sendable, Hashable, Codable {
        public var unit: String?
        public var values: [PartyCode: Double]
        public init(unit: String? = nil, values: [PartyCode: Double]) {
            self.unit = unit
            self.values = values
        }
    }

    /// Stable id, `[a-z0-9-]+`, unique in a corpus.
    public var id: String
    /// Titles by BCP 47 language tag; at least one.
    public var titles: [String: String]
    public var shortTitles: [String: String]
    /// Other names people look the treaty up by, in any case: abbreviations ("NATO", "CSTO") and common
    /// names (Pacta extension `aliases`).
    public var aliases: [String] = []
    /// `false` where the treaty was never open for signature (Pacta extension `signature: not-open`), as an
    /// amendment adopted by a meeting of the parties: its ratifications, acceptances and approvals confirm no
    /// signature (VCLT art. 14(1) does not apply).
    public var signatureOpen = true
    public var kind: Kind
    public var categories: [String]
    /// Signature (bilateral) or adoption of the text (multilateral).
    public var adopted: Adoption
    /// Depositaries: party codes or `org:` entities; empty for a bilateral treaty.
    public var depositaries: [PartyCode]
    /// Equally authentic languages (VCLT art. 33).
    public var authenticLanguages: [String]
    public var negotiatingStates: [PartyCode]
    /// Identifiers in other systems (`wikidata`, `unts`, `atop` ...).
    public var references: [String: String]
    public var note: String?
    /// How complete the event log is. Pacta extension `record: complete | partial | unconfirmed`.
    public var record: Record = .complete
    /// What an official record says, to check the computed dates against (extension `documented`).
    public var documented: Documented?
    /// Where this treaty amends another (Pacta extension `amends`), which and what.
    public var amends: Amendment?
    public var sources: [String: Source]
    /// The event log, in file order.
    public var events: LogArray<Event> {
        get { log }
        // A copy whose log changes (an event appended) gets a cache of its own, so that the treaty it was copied
        // from keeps its index: reading the two in turn (a status before and after an act) builds each once.
        // Changed in place (`_modify`), not copied out and back, so that appending one by one stays linear.
        set {
            log = newValue
            logCache = LogCache()
        }
        _modify {
            yield &log
            logCache = LogCache()
        }
    }
    /// Storage of ``events``.
    private var log: LogArray<Event>
    /// The engine's cache of this log (``LogCache``): empty until the engine first reads the log; what it holds
    /// is checked against the log each time. Not part of the public model.
    private(set) var logCache = LogCache()
    public var rules: Rules
    /// Named party sets for conditions (`annex-2: [ARG, AUS]`).
    public var sets: [String: [PartyCode]]
    public var weights: [String: WeightTable]
    public var provisions: [Provision]
    public var text: TreatyText?

    public init(
        id: String, titles: [String: String], shortTitles: [String: String] = [:], kind: Kind,
        categories: [String] = [], adopted: Adoption, depositaries: [PartyCode] = [],
        authenticLanguages: [String] = [], negotiatingStates: [PartyCode], references: [String: String] = [:],
        note: String? = nil, sources: [String: Source] = [:], events: LogArray<Event> = [], rules: Rules = Rules(),
        sets: [String: [PartyCode]] = [:], weights: [String: WeightTable] = [:], provisions: [Provision] = [],
        text: TreatyText? = nil
    ) {
        self.id = id
        self.titles = titles
        self.shortTitles = shortTitles
        self.kind = kind
        self.categories = categories
        self.adopted = adopted
        self.depositaries = depositaries
        self.authenticLanguages = authenticLanguages
        self.negotiatingStates = negotiatingStates
        self.references = references
        self.note = note
        self.sources = sources
        self.log = events
        self.rules = rules
        self.sets = sets
        self.weights = weights
        self.provisions = provisions
        self.text = text
    }

    /// This treaty with `events` as its log and `cache` as what the engine built for that log: a log kept in
    /// another's cache (``LogCache/standIns(_:_:)``), read again without its index built again.
    func with(log events: LogArray<Event>, cache: LogCache) -> Treaty {
        var copy = self
        copy.log = events
        copy.logCache = cache
        return copy
    }

    /// Appends `event` to ``events``, keeping what the engine built for the log before it: the next read of the
    /// log extends that index by the one event (where it takes effect last) instead of building it anew. What
    /// the depositary's desk does act by act.
    public mutating func appendEvent(_ event: Event) {
        let previous = logCache
        log.append(event)
        logCache = LogCache(appendingTo: previous)
    }

    /// An event of the log dated `date` for which `predicate` holds (where several do, which one is not said),
    /// read in place: found among that day's events through the engine's index of the log (which keeps the
    /// events by date) where it has one, else by reading the whole log. What the desk asks of each act ("is this
    /// act recorded already?").
    /// - Complexity: O(log n + k) for the k events of that day where the log has no corrections, else O(n).
    public func event(dated date: CalendarDate, where predicate: (UnsafePointer<Event>) -> Bool) -> Event? {
        guard let index = logIndex else {
            return events.firstPosition(where: { $0.pointee.date == date && predicate($0) }).map { events[$0] }
        }
        let dates = index.dates
        return index.events.withUnsafeBufferPointer { buffer -> Event? in
            guard let base = buffer.baseAddress else { return nil }
            var position = dates.firstPosition(notBefore: date)
            while position < buffer.count, dates[position] == date {
                if predicate(base + position) { return buffer[position] }
                position += 1
            }
            return nil
        }
    }

    /// The log as the engine reads it, built the first time it is asked for and kept while the log is
    /// unchanged; `nil` where the log has corrections (the engine then reads it anew for each date, applying the
    /// corrections known then).
    var logIndex: LogIndex? {
        logCache.index(events: events, negotiatingStates: negotiatingStates) {
            for event in events {
                if case .correction = event.kind { return nil }
            }
            return LogIndex(negotiatingStates: negotiatingStates, events: events)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, titles, shortTitles, kind, categories, adopted, depositaries, authenticLanguages, negotiatingStates
        case references, note, record, documented, sources, events, rules, sets, weights, provisions, text
        case aliases, signatureOpen, amends
    }

    /// Decodes the fields ``encode(to:)`` writes (the engine's cache starts empty, never stored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), titles: try c.decode([String: String].self, forKey: .titles),
            shortTitles: try c.decode([String: String].self, forKey: .shortTitles),
            kind: try c.decode(Kind.self, forKey: .kind), categories: try c.decode([String].self, forKey: .categories),
            adopted: try c.decode(Adoption.self, forKey: .adopted),
            depositaries: try c.decode([PartyCode].self, forKey: .depositaries),
            authenticLanguages: try c.decode([String].self, forKey: .authenticLanguages),
            negotiatingStates: try c.decode([PartyCode].self, forKey: .negotiatingStates),
            references: try c.decode([String: String].self, forKey: .references),
            note: try c.decodeIfPresent(String.self, forKey: .note),
            sources: try c.decode([String: Source].self, forKey: .sources),
            events: try c.decode(LogArray<Event>.self, forKey: .events),
            rules: try c.decode(Rules.self, forKey: .rules),
            sets: try c.decode([String: [PartyCode]].self, forKey: .sets),
            weights: try c.decode([String: WeightTable].self, forKey: .weights),
            provisions: try c.decode([Provision].self, forKey: .provisions),
            text: try c.decodeIfPresent(TreatyText.self, forKey: .text))
        record = try c.decode(Record.self, forKey: .record)
        documented = try c.decodeIfPresent(Documented.self, forKey: .documented)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        signatureOpen = try c.decodeIfPresent(Bool.self, forKey: .signatureOpen) ?? true
        amends = try c.decodeIfPresent(Amendment.self, forKey: .amends)
    }

    /// Encodes the fields ``init(from:)`` reads, in the order of ``CodingKeys`` (the engine's cache is never
    /// stored).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(titles, forKey: .titles)
        try c.encode(shortTitles, forKey: .shortTitles)
        try c.encode(kind, forKey: .kind)
        try c.encode(categories, forKey: .categories)
        try c.encode(adopted, forKey: .adopted)
        try c.encode(depositaries, forKey: .depositaries)
        try c.encode(authenticLanguages, forKey: .authenticLanguages)
        try c.encode(negotiatingStates, forKey: .negotiatingStates)
        try c.encode(references, forKey: .references)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(record, forKey: .record)
        try c.encodeIfPresent(documented, forKey: .documented)
        try c.encode(sources, forKey: .sources)
        try c.encode(log, forKey: .events)
        try c.encode(rules, forKey: .rules)
        try c.encode(sets, forKey: .sets)
        try c.encode(weights, forKey: .weights)
        try c.encode(provisions, forKey: .provisions)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(signatureOpen, forKey: .signatureOpen)
        try c.encodeIfPresent(amends, forKey: .amends)
    }

    /// Whether `name` is this treaty's id, one of its titles or short titles, or one of its aliases, in any
    /// case.
    public func isNamed(_ name: String) -> Bool {
        let wanted = name.lowercased()
        return id == wanted
            || (aliases + Array(shortTitles.values) + Array(titles.values)).contains { $0.lowercased() == wanted }
    }

    /// The title in `language`, else the short title or title in English, else any title.
    public func title(in language: String = "en") -> String {
        titles[language] ?? titles["en"] ?? titles.sorted { $0.key < $1.key }.first?.value ?? id
    }

    /// The short title in English where there is one, else the English title.
    public var displayTitle: String { shortTitles["en"] ?? title() }
}

extension Treaty {
    /// The word for how the text was settled on its adoption date, as a header says it: `signed` for a
    /// bilateral treaty whose file records a signature on that date (a bilateral text is adopted by signing it),
    /// else `adopted` (a multilateral text is adopted by a conference or an organ, VCLT art. 9; and a bilateral
    /// file without that signature should not claim one).
    public var adoptionVerb: String {
        guard kind == .bilateral else { return "adopted" }
        let signed = events.contains { event in
            if case .signature = event.kind { return event.date == adopted.date }
            return false
        }
        return signed ? "signed" : "adopted"
    }
}
