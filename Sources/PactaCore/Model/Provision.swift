/// A coded provision: what an article obliges, of whom, on which trigger. Spec: "Provisions".
/// Categories follow the Alliance Treaty Obligations and Provisions (ATOP) project, plus cooperation.
public struct Provision: Sendable, Hashable, Identifiable, Codable {
    /// ATOP obligation categories, plus `cooperation` and `other`.
    public enum Category: String, Sendable, Hashable, CaseIterable, Codable {
        case defense, offense, neutrality, consultation, cooperation, other
        case nonAggression = "non-aggression"
    }

    /// What sets the duty off.
    public struct Trigger: Sendable, Hashable, Codable {
        /// `armed-attack`, `threat-of-attack`, `state-of-war` or `other`.
        public var event: String
        /// `any-party` or a party code, as the spec has it; where the file gives a list or a set (Pacta extension),
        /// `any-party` if the list holds it, else the list as written.
        public var against: String
        /// Pacta extension: States whose being attacked sets the duty off although they need not be parties (Rio
        /// Treaty art. 3: "an American State"; the Manila Pact's protocol: Cambodia, Laos, South Vietnam), from a
        /// list of codes or a set of the file (`sets`) given as `against`.
        public var protects: [PartyCode] = []
        /// `any-state`, `non-party`, or a list of codes.
        public var by: [String]
        /// `anywhere`, `territory-of-party`, or a named region.
        public var region: String
        public init(
            event: String, against: String = "any-party", by: [String] = ["any-state"], region: String = "anywhere",
            protects: [PartyCode] = []
        ) {
            self.protects = protects
            self.event = event
            self.against = against
            self.by = by
            self.region = region
        }
    }

    public var id: String
    public var article: String
    public var category: Category
    public var duty: String?
    public var means: [String]
    public var timing: String?
    public var trigger: Trigger?
    public var bearer: String?
    public var beneficiary: String?
    public var qualifiers: [String]
    public var summary: [String: String]

    public init(
        id: String, article: String, category: Category, duty: String? = nil, means: [String] = [],
        timing: String? = nil, trigger: Trigger? = nil, bearer: String? = nil, beneficiary: String? = nil,
        qualifiers: [String] = [], summary: [String: String] = [:]
    ) {
        self.id = id
        self.article = article
        self.category = category
        self.duty = duty
        self.means = means
        self.timing = timing
        self.trigger = trigger
        self.bearer = bearer
        self.beneficiary = beneficiary
        self.qualifiers = qualifiers
        self.summary = summary
    }
}

/// The treaty's text: preamble and articles, each paragraph in several languages. Spec: "Text".
public struct TreatyText: Sendable, Hashable, Codable {
    /// One article.
    public struct Article: Sendable, Hashable, Codable {
        public var number: String
        public var heading: [String: String]
        /// Pacta extension: a one-line summary in the corpus's own words, by language.
        public var summary: [String: String]
        public var paragraphs: [[String: String]]
        public init(
            number: String, heading: [String: String] = [:], summary: [String: String] = [:],
            paragraphs: [[String: String]] = []
        ) {
            self.number = number
            self.heading = heading
            self.summary = summary
            self.paragraphs = paragraphs
        }
    }

    public var preamble: [String: String]
    public var articles: [Article]
    public init(preamble: [String: String] = [:], articles: [Article] = []) {
        self.preamble = preamble
        self.articles = articles
    }
}
