import PactaCore

/// An in-memory ``TreatyIndex`` for tests: the same answers as the SQLite back end, by a linear scan.
public actor MemoryIndex: TreatyIndex {
    private var files: [String: IndexedFile] = [:]
    private var other: [String: String] = [:]

    public init() {}

    public func hashes() -> [String: String] { files.mapValues(\.hash) }

    public func upsert(_ new: [IndexedFile]) {
        for file in new {
            files[file.path] = file
            other[file.path] = nil
        }
    }

    public func restamp(_ fingerprints: [String: String]) {
        for (path, fingerprint) in fingerprints { files[path]?.hash = fingerprint }
    }

    public func remove(paths: [String]) {
        for path in paths {
            files[path] = nil
            other[path] = nil
        }
    }

    public func otherHashes() -> [String: String] { other }

    public func recordOther(_ new: [String: String]) {
        for (path, hash) in new {
            files[path] = nil
            other[path] = hash
        }
    }

    public func treaties() -> [Treaty] { files.values.map(\.treaty).sorted { $0.id < $1.id } }

    public func search(_ query: String, language: String?, limit: Int) -> [SearchHit] {
        let terms = SearchText.terms(query)
        guard !terms.isEmpty else { return [] }
        var hits: [SearchHit] = []
        for file in files.values {
            for document in file.treaty.searchDocuments
            where document.isIn(language: language) && SearchText.matches(document.text, query: query) {
                let snippet = SearchText.snippet(document.text, query: query)
                hits.append(SearchHit(document: document, snippet: snippet, score: Self.score(document, snippet)))
            }
        }
        return Array(hits.sorted(by: Self.order).prefix(limit))
    }

    /// Field weight, more matches, shorter texts first: a simple stand-in for BM25 that orders the same way
    /// on the cases the tests check.
    static func score(_ document: SearchDocument, _ snippet: SearchText.Snippet) -> Double {
        document.field.weight * 10 + Double(snippet.highlights.count) - Double(document.text.count) / 10_000
    }

    static func order(_ a: SearchHit, _ b: SearchHit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.document.treaty != b.document.treaty { return a.document.treaty < b.document.treaty }
        return (a.document.article ?? "", a.document.language) < (b.document.article ?? "", b.document.language)
    }
}
