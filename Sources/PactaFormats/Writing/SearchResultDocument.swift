import PactaCore

/// Search results, as `pacta search --format json` prints them and `GET /api/v1/search` returns them.
public struct SearchResultDocument: Encodable, Sendable {
    struct Hit: Encodable, Sendable {
        let treaty: String
        let article: String?
        let field: String
        let language: String
        let snippet: String
        let highlights: [[Int]]
        let score: Double
        enum CodingKeys: String, CodingKey { case treaty, article, field, language, snippet, highlights, score }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(treaty, forKey: .treaty)
            try c.encode(article, forKey: .article)
            try c.encode(field, forKey: .field)
            try c.encode(language, forKey: .language)
            try c.encode(snippet, forKey: .snippet)
            try c.encode(highlights, forKey: .highlights)
            try c.encode(score, forKey: .score)
        }
    }
    let query: String
    let language: String?
    let results: [Hit]
    enum CodingKeys: String, CodingKey { case query, language, results }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(language, forKey: .language)
        try c.encode(results, forKey: .results)
    }

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
