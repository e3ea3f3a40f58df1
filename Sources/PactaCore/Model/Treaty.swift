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
    public var sources: [String: Source]
    /// The event log, in file order.
    public var events: [Event] { didSet { isPlainLog = Treaty.isPlain(events) } }
    /// Whether the log is in date order and has no corrections, so the engine can read it as it is.
    public private(set) var isPlainLog: Bool
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
        note: String? = nil, sources: [String: Source] = [:], events: [Event] = [], rules: Rules = Rules(),
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
        self.events = events
        self.isPlainLog = Treaty.isPlain(events)
        self.rules = rules
        self.sets = sets
        self.weights = weights
        self.provisions = provisions
        self.text = text
    }

    static func isPlain(_ events: [Event]) -> Bool {
        for index in events.indices {
            if case .correction = events[index].kind { return false }
            if index > 0, events[index - 1].date > events[index].date { return false }
        }
        return true
    }

    /// The title in `language`, else the short title or title in English, else any title.
    public func title(in language: String = "en") -> String {
        titles[language] ?? titles["en"] ?? titles.sorted { $0.key < $1.key }.first?.value ?? id
    }

    /// The short title in English where there is one, else the English title.
    public var displayTitle: String { shortTitles["en"] ?? title() }
}
