import PactaCore
import PactaFormats

/// JSON documents of the API that the CLI has no equivalent for. Keys are kebab-case like the spec's.
struct TreatyDocument: Encodable, Hashable, Sendable {
    struct ArticleDocument: Encodable, Hashable, Sendable {
        let number: String
        let heading: [String: String]
        let summary: [String: String]
        let paragraphs: [[String: String]]
    }
    struct ProvisionDocument: Encodable, Hashable, Sendable {
        let id: String
        let article: String
        let category: String
        @Nullable var duty: String?
        let means: [String]
        @Nullable var timing: String?
        @Nullable var trigger: [String: String]?
        @Nullable var bearer: String?
        @Nullable var beneficiary: String?
        let qualifiers: [String]
        let summary: [String: String]
    }
    struct SourceDocument: Encodable, Hashable, Sendable {
        @Nullable var title: String?
        @Nullable var url: String?
        @Nullable var accessed: String?
    }
    let id: String
    let titles: [String: String]
    let shortTitles: [String: String]
    let kind: String
    let categories: [String]
    let adopted: [String: String]
    let depositaries: [String]
    let authenticLanguages: [String]
    let negotiatingStates: [String]
    let references: [String: String]
    @Nullable var note: String?
    let sources: [String: SourceDocument]
    let provisions: [ProvisionDocument]
    let articles: [ArticleDocument]
    enum CodingKeys: String, CodingKey {
        case id, titles
        case shortTitles = "short-titles"
        case kind, categories, adopted, depositaries
        case authenticLanguages = "authentic-languages"
        case negotiatingStates = "negotiating-states"
        case references, note, sources, provisions, articles
    }

    init(_ treaty: Treaty) {
        id = treaty.id
        titles = treaty.titles
        shortTitles = treaty.shortTitles
        kind = treaty.kind.rawValue
        categories = treaty.categories
        var adopted = ["date": treaty.adopted.date.description]
        if let place = treaty.adopted.place { adopted["place"] = place }
        self.adopted = adopted
        depositaries = treaty.depositaries.map(\.rawValue)
        authenticLanguages = treaty.authenticLanguages
        negotiatingStates = treaty.negotiatingStates.map(\.rawValue)
        references = treaty.references
        note = treaty.note
        sources = treaty.sources.mapValues {
            SourceDocument(title: $0.title, url: $0.url, accessed: $0.accessed?.description)
        }
        provisions = treaty.provisions.map { p in
            ProvisionDocument(
                id: p.id, article: p.article, category: p.category.rawValue, duty: p.duty, means: p.means,
                timing: p.timing,
                trigger: p.trigger.map {
                    ["event": $0.event, "against": $0.against, "by": $0.by.joined(separator: ","), "where": $0.region]
                }, bearer: p.bearer, beneficiary: p.beneficiary, qualifiers: p.qualifiers, summary: p.summary)
        }
        articles = (treaty.text?.articles ?? []).map {
            ArticleDocument(number: $0.number, heading: $0.heading, summary: $0.summary, paragraphs: $0.paragraphs)
        }
    }
}

struct StateDocument: Encodable, Hashable, Sendable {
    struct Membership: Encodable, Hashable, Sendable {
        let treaty: String
        let title: String
        let treatyStatus: String
        let status: String
        @Nullable var entryIntoForce: String?
        enum CodingKeys: String, CodingKey {
            case treaty, title
            case treatyStatus = "treaty-status"
            case status
            case entryIntoForce = "entry-into-force"
        }
    }
    let code: String
    let name: String
    let names: [String: String]
    let on: String
    let treaties: [Membership]
    let allies: [AllyDocument]
    let caveats: [String]
    let coverage: CoverageDocument
}
