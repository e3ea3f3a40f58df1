import PactaCore

/// Search results, as `pacta search --format json` prints them and `GET /api/v1/search` returns them.
public struct SearchResultDocument: Encodable, Hashable, Sendable {
    struct Hit: Encodable, Hashable, Sendable {
        let treaty: String
        @Nullable var article: String?
        let field: String
        let language: String
        let snippet: String
        let highlights: [[Int]]
        let score: Double
        enum CodingKeys: String, CodingKey { case treaty, article, field, language, snippet, highlights, score }
    }
    let query: String
    @Nullable var language: String?
    let results: [Hit]
    enum CodingKeys: String, CodingKey { case query, language, results }

    public init(query: String, language: String?, hits: [SearchHit]) {
        self.query = query
        self.language = language
        results = hits.map {
            Hit(
                treaty: $0.document.treaty, article: $0.document.article, field: $0.document.field.rawValue,
                language: $0.document.language, snippet: $0.snippet.text,
                highlights: $0.snippet.highlights.map { [$0.lowerBound, $0.upperBound] },
                score: ($0.score * 1000).rounded() / 1000)
        }
    }
}
