import PactaCore
import PactaStore

extension Questions {
    /// Full text in any language and script: titles, headings, summaries and text (``SearchText``'s folding and
    /// stemming), ranked by the index.
    /// - Throws: the index's error; where there is no index, the corpus is indexed in memory first.
    public func search(_ query: String, language: String?, limit: Int) async throws -> [SearchHit] {
        if let index { return try await index.search(query, language: language, limit: limit) }
        let memory = MemoryIndex()
        await memory.upsert(corpus.treaties.map { IndexedFile(path: "\($0.id).yaml", hash: "", treaty: $0) })
        return await memory.search(query, language: language, limit: limit)
    }
}
