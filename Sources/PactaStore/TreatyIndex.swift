import PactaCore

/// One indexed treaty file: where it is, its content hash, and the treaty parsed from it.
public struct IndexedFile: Sendable, Hashable {
    /// The file's path relative to the corpus folder (`ru-kp-2024-partnership.yaml`).
    public var path: String
    /// ``ContentHash`` of the file's bytes.
    public var hash: String
    public var treaty: Treaty

    public init(path: String, hash: String, treaty: Treaty) {
        self.path = path
        self.hash = hash
        self.treaty = treaty
    }
}

/// The index of a corpus: parsed treaties and their search text, kept by file and content hash so that a
/// refresh re-reads only what changed. The index never holds a legal status of its own: statuses always come
/// from the engines.
///
/// Back ends: ``MemoryIndex`` here (for tests), SQLite through GRDB in `PactaSQLite` (the default), and later
/// PostgreSQL, each in its own target.
public protocol TreatyIndex: Sendable {
    /// Every indexed file's content hash, by relative path.
    func hashes() async throws -> [String: String]

    /// Adds or replaces these files, with their treaties and search documents, in one transaction.
    func upsert(_ files: [IndexedFile]) async throws

    /// Gives the index `file`, whose treaty is `previous`'s with events appended to its log (acts recorded by the
    /// desk); `previous.hash` is the content hash of the file before them. A back end may then store only the new
    /// events; where it does not hold `previous` as it was (another writer came between), it stores the whole
    /// file, as ``upsert(_:)`` does.
    func append(_ file: IndexedFile, after previous: IndexedFile) async throws

    /// Gives these indexed files (by relative path) new fingerprints whose content hash is the one the index
    /// holds: a file touched, or written again with the same bytes, has a new stamp and the same treaty, which is
    /// not parsed or stored again.
    func restamp(_ fingerprints: [String: String]) async throws

    /// Removes the files at these relative paths, with any record of them as other files.
    func remove(paths: [String]) async throws

    /// Files the index knows without holding a treaty for them, by relative path, with their content hashes:
    /// treaty files left out for their errors, and the corpus's `entities.yaml` and `regions.yaml`, against
    /// which every treaty was read. They let a refresh skip a faulty file that has not changed, and re-read
    /// every file when the entities or regions change.
    func otherHashes() async throws -> [String: String]

    /// Records such files, replacing any record (treaty or other) of the same paths.
    func recordOther(_ files: [String: String]) async throws

    /// Every indexed treaty, sorted by id.
    func treaties() async throws -> [Treaty]

    /// Search results for `query` in any language and script (see ``SearchText``), best first.
    /// - Parameters:
    ///   - language: only documents in this language (BCP 47 tag prefix: `zh` matches `zh-Hans` and `zh-Hant`).
    ///   - limit: the most results.
    func search(_ query: String, language: String?, limit: Int) async throws -> [SearchHit]
}

extension TreatyIndex {
    /// Stores the whole file (a back end that keeps whole treaties).
    public func append(_ file: IndexedFile, after previous: IndexedFile) async throws { try await upsert([file]) }
}

extension SearchDocument {
    /// Whether the document's language matches a requested one (`zh` matches `zh-Hans`).
    public func isIn(language: String?) -> Bool {
        guard let language else { return true }
        return self.language == language || self.language.hasPrefix(language + "-")
    }
}
