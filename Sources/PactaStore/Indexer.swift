import Foundation
import PactaCore
import PactaFormats

/// Brings an index up to date with a corpus folder: parses only the files whose content hash changed, and
/// removes files that are gone.
public struct Indexer: Sendable {
    /// What a refresh did.
    public struct Report: Sendable, Hashable {
        public var added: [String] = []
        public var updated: [String] = []
        public var removed: [String] = []
        public var unchanged = 0
        /// Files left out because they have errors (`pacta check` shows them).
        public var failed: [String] = []

        public var changed: Bool { !(added.isEmpty && updated.isEmpty && removed.isEmpty) }
    }

    /// The state of an index against the files: which treaty files differ.
    public struct Freshness: Sendable, Hashable {
        public var changed: [String]
        public var missing: [String]
        public var extra: [String]
        public var isFresh: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }
    }

    public let corpus: String

    public init(corpus: String) {
        self.corpus = corpus
    }

    /// The treaty files of the folder (not `entities.yaml` or `regions.yaml`), with their content hashes.
    public func currentHashes() throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus)
        var result: [String: String] = [:]
        for name in names
        where ![CorpusFiles.entities, CorpusFiles.regions].contains(name)
            && [".yaml", ".yml", ".json"].contains(where: name.hasSuffix)
        {
            guard let data = FileManager.default.contents(atPath: "\(corpus)/\(name)") else { continue }
            result[name] = ContentHash.of(data)
        }
        return result
    }

    /// How the index compares with the files.
    public func freshness(of index: some TreatyIndex) async throws -> Freshness {
        let current = try currentHashes()
        let indexed = try await index.hashes()
        return Freshness(
            changed: current.keys.filter { indexed[$0] != nil && indexed[$0] != current[$0] }.sorted(),
            missing: current.keys.filter { indexed[$0] == nil }.sorted(),
            extra: indexed.keys.filter { current[$0] == nil }.sorted())
    }

    /// Re-reads the changed files into the index and removes the deleted ones.
    /// - Parameter progress: called with (files done, files to read) while parsing.
    /// - Throws: a store error, or ``Diagnostic`` where the folder cannot be read.
    public func refresh(_ index: some TreatyIndex, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws
        -> Report
    {
        let current = try currentHashes()
        let indexed = try await index.hashes()
        var report = Report()
        let context = try CorpusLoader().context(directory: corpus)
        let reader = TreatyFileReader(organisations: Set(context.entities.keys), regions: Set(context.regions.keys))
        var batch: [IndexedFile] = []
        let todo = current.keys.sorted().filter { indexed[$0] != current[$0] }
        report.unchanged = current.count - todo.count
        for (number, name) in todo.enumerated() {
            progress?(number, todo.count)
            guard let data = FileManager.default.contents(atPath: "\(corpus)/\(name)"),
                let text = String(data: data, encoding: .utf8)
            else {
                report.failed.append(name)
                continue
            }
            let result = reader.read(text: text, file: "\(corpus)/\(name)")
            guard let treaty = result.treaty, result.diagnostics.isEmpty else {
                report.failed.append(name)
                continue
            }
            batch.append(IndexedFile(path: name, hash: current[name]!, treaty: treaty))
            if indexed[name] == nil { report.added.append(name) } else { report.updated.append(name) }
        }
        progress?(todo.count, todo.count)
        if !batch.isEmpty { try await index.upsert(batch) }
        report.removed = indexed.keys.filter { current[$0] == nil }.sorted()
        if !report.removed.isEmpty { try await index.remove(paths: report.removed) }
        return report
    }
}
