/// The treaties of a corpus and the organisations it declares: what the engines read.
/// Built by PactaFormats from a folder of files; the engines never read files themselves.
public struct Corpus: Sendable {
    /// An international organisation declared in `entities.yaml` (`org:eu: {names: {...}, kind: ...}`).
    public struct Entity: Sendable, Hashable {
        public var code: PartyCode
        public var names: [String: String]
        public var kind: String?
        public init(code: PartyCode, names: [String: String], kind: String? = nil) {
            self.code = code
            self.names = names
            self.kind = kind
        }
    }

    /// Treaties sorted by id (in chunks, so that a corpus with one treaty replaced shares the others: ``TreatyList``).
    public private(set) var treaties: TreatyList
    public let entities: [PartyCode: Entity]
    /// Named regions that provisions' triggers name (`north-atlantic-area`), from `regions.yaml`.
    public let regions: [String: Region]
    /// What the corpus claims to hold (`corpus.yaml`), where it says.
    public let scope: CorpusScope?
    /// The successions of States every treaty reads (`successions.yaml`).
    public let successions: [StateSuccession]
    private let index: [String: Int]
    /// For each amended treaty's id, the positions of the treaties that amend it (``Treaty/amends``), earliest
    /// adopted first.
    private let amending: [String: [Int]]

    /// - Parameters:
    ///   - treaties: the treaties, in any order; ids must be unique (a later duplicate is dropped).
    ///   - entities: declared organisations.
    ///   - regions: declared regions.
    ///   - scope: what the corpus claims to hold.
    ///   - successions: the successions of States every treaty reads (``Treaty/applying(_:)``).
    public init(
        treaties: [Treaty], entities: [PartyCode: Entity] = [:], regions: [String: Region] = [:],
        scope: CorpusScope? = nil, successions: [StateSuccession] = []
    ) {
        self.regions = regions
        self.scope = scope
        self.successions = successions
        var seen = Set<String>()
        // Each treaty reads the table of successions (a file's own state-succession events win).
        let unique = treaties.filter { seen.insert($0.id).inserted }.map { $0.applying(successions) }
        self.treaties = TreatyList(unique.sorted { $0.id < $1.id })
        self.entities = entities
        var index: [String: Int] = [:]
        var amending: [String: [Int]] = [:]
        for (offset, treaty) in self.treaties.enumerated() {
            index[treaty.id] = offset
            if let amends = treaty.amends { amending[amends.treaty, default: []].append(offset) }
        }
        self.index = index
        let sorted = self.treaties
        self.amending = amending.mapValues { positions in
            positions.sorted { (sorted[$0].adopted.date, sorted[$0].id) < (sorted[$1].adopted.date, sorted[$1].id) }
        }
    }

    /// The treaties of the corpus that amend the treaty `id` (``Treaty/amends``), earliest adopted first.
    public func amendments(of id: String) -> [Treaty] { (amending[id] ?? []).map { treaties[$0] } }

    /// The position of the treaty `id` in ``treaties``, or `nil`.
    public func position(of id: String) -> Int? { index[id] }

    /// The same corpus with `treaty` in place of the treaty of the same id (or added): what a recorded act changes.
    /// The treaty reads the corpus's successions, as every treaty does.
    /// - Complexity: O(n / 256 + 256), the list of chunks and one chunk copied (``TreatyList``), where a treaty of
    ///   that id is there and amends the same treaty as before (an act recorded); else O(n log n), as building the
    ///   corpus.
    public func replacing(_ treaty: Treaty) -> Corpus {
        // The positions of amending treaties (sorted by adoption) stay right while what they are sorted by stays.
        if let position = index[treaty.id], treaties[position].amends == treaty.amends,
            treaty.amends == nil || treaties[position].adopted == treaty.adopted
        {
            var copy = self
            copy.treaties.replace(at: position, with: treaty.applying(successions))
            return copy
        }
        return Corpus(
            treaties: [treaty] + treaties.filter { $0.id != treaty.id }, entities: entities, regions: regions,
            scope: scope, successions: successions)
    }

    /// The treaty with that id, or `nil`.
    public subscript(id: String) -> Treaty? { index[id].map { treaties[$0] } }

    /// Ids closest to `id` by edit distance (and ids that contain it), closest first, for "did you mean".
    /// - Complexity: O(n × m²) for n treaties of id length m.
    public func suggestions(for id: String, limit: Int = 3) -> [String] {
        let scored = treaties.map { treaty -> (String, Int) in
            let distance = Corpus.editDistance(id, treaty.id)
            let bonus = treaty.id.contains(id) || id.contains(treaty.id) ? -100 : 0
            return (treaty.id, distance + bonus)
        }
        let threshold = max(3, id.count / 2)
        return scored.filter { $0.1 <= threshold }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(limit).map(\.0)
    }

    /// Levenshtein distance between two strings, by Unicode scalar.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The name of a party in `language`: ISO names for States, declared names for organisations.
    public func name(of code: PartyCode, in language: String = "en") -> String {
        if code.isOrganisation {
            return entities[code].flatMap { $0.names[language] ?? $0.names["en"] } ?? code.rawValue
        }
        return PartyCodeTable.country(code)?.name(in: language) ?? code.rawValue
    }
}
