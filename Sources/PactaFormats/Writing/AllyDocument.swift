import PactaCore

/// One ally of a State under one treaty, as `pacta allies --format json` prints it and the API's State
/// document holds it: `{ally, name, treaty, categories, articles, since, partial-record, amended-by}`.
public struct AllyDocument: Encodable, Hashable, Sendable {
    public let ally: String
    public let name: String
    public let treaty: String
    public let categories: [String]
    public let articles: [String]
    @Nullable public var since: String?
    public let partialRecord: Bool
    /// The amending treaties whose text applies between the two (VCLT art. 40(4)); empty: the treaty's own.
    public let amendedBy: [String]

    enum CodingKeys: String, CodingKey {
        case ally, name, treaty, categories, articles, since
        case partialRecord = "partial-record"
        case amendedBy = "amended-by"
    }

    /// - Parameters:
    ///   - ally: the network's row.
    ///   - corpus: for the ally's name.
    public init(_ ally: AllianceNetwork.Ally, corpus: Corpus) {
        self.ally = ally.ally.rawValue
        name = corpus.name(of: ally.ally)
        treaty = ally.treaty
        categories = ally.categories.map(\.rawValue)
        articles = ally.articles
        since = ally.since?.description
        partialRecord = ally.partialRecord
        amendedBy = ally.amendedBy
    }
}
