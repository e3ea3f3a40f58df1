import Foundation
import PactaCore
import PactaStore
import PostgresNIO

/// Full-text search with PostgreSQL's own `tsvector` and `tsquery`, made from the same tokens as the SQLite
/// index and the in-memory one (``PactaCore/SearchText``): text folded (case, `ё` to `е`, Traditional to
/// Simplified Chinese, full-width forms), each Han, kana or Hangul character a token of its own, so that a word
/// term matches the beginning of a word (`'term':*`) and an ideographic term a run of characters
/// (`'军' <-> '事'`). Built in Swift and cast, so that PostgreSQL's parser, dictionaries and locale change
/// nothing.
public enum PostgresSearch {
    /// The largest position a `tsvector` holds (PostgreSQL: 16,383); later tokens share it.
    static let lastPosition = 16_383

    /// A `tsvector` literal of `text`'s tokens with their positions (from 1).
    public static func vector(_ text: String) -> String {
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        for (index, token) in SearchText.tokens(text).enumerated() {
            let lexeme = String(token)
            if positions[lexeme] == nil { order.append(lexeme) }
            positions[lexeme, default: []].append(min(index + 1, lastPosition))
        }
        return order.map { lexeme in
            quoted(lexeme) + ":" + (positions[lexeme] ?? []).prefix(255).map(String.init).joined(separator: ",")
        }.joined(separator: " ")
    }

    /// A `tsquery` literal for `query`: every term must match (`&`); `nil` where the query has no term.
    public static func query(_ query: String) -> String? {
        let parts = SearchText.terms(query).map { term -> String in
            if term.contains(where: SearchText.isIdeographic) {
                return "(" + term.map { quoted(String($0)) }.joined(separator: " <-> ") + ")"
            }
            return quoted(term) + ":*"
        }
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }

    /// A lexeme in single quotes, with `'` doubled and `\` escaped.
    static func quoted(_ lexeme: String) -> String {
        "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension PostgresRecord {
    /// Search results for `query`, best first, as ``PactaStore/TreatyIndex/search(_:language:limit:)`` gives them:
    /// the documents whose tokens match every term, ranked by PostgreSQL (`ts_rank`) to pick the candidates, then
    /// ordered as the in-memory index orders them (field weight, matches, shorter texts first).
    /// - Throws: ``RecordError``.
    public func search(_ query: String, language: String?, limit: Int) async throws -> [SearchHit] {
        guard let expression = PostgresSearch.query(query), limit > 0 else { return [] }
        var found: [SearchDocument] = []
        do {
            let rows = try await client.query(
                """
                SELECT treaty, article, field, language, text FROM search_document
                WHERE terms @@ \(expression)::tsquery
                    AND (\(language)::text IS NULL OR language = \(language) OR language LIKE \(language) || '-%')
                ORDER BY ts_rank(terms, \(expression)::tsquery) DESC, treaty, id LIMIT \(limit * 4)
                """, logger: logger)
            for try await (treaty, article, field, language, text) in rows.decode(
                (String, String?, String, String, String).self)
            {
                found.append(
                    SearchDocument(
                        treaty: treaty, article: article, field: SearchDocument.Field(rawValue: field) ?? .text,
                        language: language, text: text))
            }
        } catch {
            throw RecordError(error)
        }
        let terms = SearchText.terms(query)
        let hits = found.map { document in
            let snippet = SearchText.snippet(document.text, terms: terms)
            let score =
                document.field.weight * 10 + Double(snippet.highlights.count) - Double(document.text.count) / 10_000
            return SearchHit(document: document, snippet: snippet, score: score)
        }
        return Array(
            hits.sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.document.treaty != b.document.treaty { return a.document.treaty < b.document.treaty }
                return (a.document.article ?? "", a.document.language) < (b.document.article ?? "", b.document.language)
            }
            .prefix(limit))
    }
}
