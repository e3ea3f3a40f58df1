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

    /// The state of an index against the files: which treaty files differ, and whether the entities or regions
    /// every treaty is read against changed.
    public struct Freshness: Sendable, Hashable {
        public var changed: [String]
        public var missing: [String]
        public var extra: [String]
        /// `entities.yaml` or `regions.yaml` changed, appeared or went: every file must be read again.
        public var contextChanged = false
        public var isFresh: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty && !contextChanged }
    }

    /// The files every treaty is read against, kept among the index's other files.
    public static let contextFiles = CorpusFiles.context

    public let corpus: String

    public init(corpus: String) {
        self.corpus = corpus
    }

    /// The treaty files of the folder (not the corpus's other files), with their fingerprints.
    /// - Parameter known: fingerprints stored before; a file whose size and modification time are unchanged keeps
    ///   its stored fingerprint without being read (as git does), unless `verify` asks for every file to be read.
    public func currentHashes(known: [String: String] = [:], verify: Bool = false) throws -> [String: String] {
        try hashes(known: known, verify: verify) { CorpusFiles.isTreatyFile($0) }
    }

    /// The corpus's other files (entities, regions, scope, successions), where present, with their fingerprints.
    public func contextHashes(known: [String: String] = [:], verify: Bool = false) throws -> [String: String] {
        // A name the folder lacks fails its `stat` and cannot be read: left out.
        try hashes(known: known, verify: verify, names: Self.contextFiles) { _ in true }
    }

    /// The fingerprints of the named files of the folder (those that exist), each read only where its size or
    /// modification time differs from its fingerprint in `known`: what one treaty's answer needs to know that the
    /// index still holds its files as they are.
    public func fingerprints(of names: [String], known: [String: String]) throws -> [String: String] {
        // A file that is gone cannot be read, and is left out.
        try hashes(known: known, verify: false, names: names) { _ in true }
    }

    /// A file's fingerprint: ``ContentHash`` of its bytes, then `@` its size and modification time, so that an
    /// unchanged size and time tell that the file need not be read again.
    ///
    /// What an unchanged corpus costs is one directory listing and one `stat` a file: the names are read with
    /// `readdir`, each file is looked at with `fstatat` relative to the open folder (no path resolved from the
    /// root), the files are looked at and the changed ones hashed on every core.
    private func hashes(
        known: [String: String], verify: Bool, names given: [String]? = nil, of wanted: (String) -> Bool
    ) throws -> [String: String] {
        let names = try (given ?? Self.listing(of: corpus)).filter(wanted)
        guard let folder = opendir(corpus) else {
            throw Diagnostic(file: corpus, line: 1, column: 1, message: "cannot open the folder \(corpus)")
        }
        defer { closedir(folder) }
        let descriptor = dirfd(folder)
        let slots = OrderedSlots<String>(count: names.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, names.count / 512 + 1))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var found: [(Int, String)] = []
            for position in stride(from: worker, to: names.count, by: workers) {
                let name = names[position]
                let stamp = CorpusFiles.stamp(of: name, inFolder: descriptor)?.description ?? "@?"
                if !verify, let stored = known[name], stored.hasSuffix(stamp) {
                    found.append((position, stored))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: "\(corpus)/\(name)") else { continue }
                found.append((position, ContentHash.of(data) + stamp))
            }
            for (position, fingerprint) in found { slots.store(fingerprint, at: position) }
        }
        var result: [String: String] = [:]
        result.reserveCapacity(names.count)
        for (name, fingerprint) in zip(names, slots.values) {
            if let fingerprint { result[name] = fingerprint }
        }
        return result
    }

    /// The names in folder `path` (not `.` and `..`), as `readdir` gives them.
    /// - Throws: ``Diagnostic`` where the folder cannot be read.
    static func listing(of path: String) throws -> [String] {
        guard let folder = opendir(path) else {
            throw Diagnostic(file: path, line: 1, column: 1, message: "cannot read the folder \(path)")
        }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// How stored hashes compare with the files: `treaties` are the indexed treaty files, `other` the
    /// index's other files (faulty treaty files, entities and regions).
    public func freshness(treaties: [String: String], other: [String: String]) throws -> Freshness {
        Self.freshness(
            current: try currentHashes(known: treaties.merging(other) { a, _ in a }),
            context: try contextHashes(known: other), treaties: treaties, other: other)
    }

    /// ``freshness(treaties:other:)`` against hashes of the files already taken.
    private static func freshness(
        current: [String: String], context: [String: String], treaties: [String: String], other: [String: String]
    ) -> Freshness {
        // A faulty file the index knows, unchanged, is as known as an indexed one. One pass over the files:
        // changed, missing, and how many known ones were seen (where all were, none is extra).
        func known(_ name: String) -> String? {
            treaties[name] ?? (contextFiles.contains(name) ? nil : other[name])
        }
        var changed: [String] = []
        var missing: [String] = []
        var seen = 0
        for (name, fingerprint) in current {
            if let stored = known(name) {
                seen += 1
                if stored != fingerprint { changed.append(name) }
            } else {
                missing.append(name)
            }
        }
        let knownCount = treaties.count + other.keys.filter { treaties[$0] == nil && !contextFiles.contains($0) }.count
        let extra =
            seen == knownCount
            ? []
            : (Array(treaties.keys) + other.keys.filter { treaties[$0] == nil && !contextFiles.contains($0) })
                .filter { current[$0] == nil }
        return Freshness(
            changed: changed.sorted(), missing: missing.sorted(), extra: extra.sorted(),
            contextChanged: context != other.filter { contextFiles.contains($0.key) })
    }

    /// How the index compares with the files.
    public func freshness(of index: some TreatyIndex) async throws -> Freshness {
        try freshness(treaties: try await index.hashes(), other: try await index.otherHashes())
    }

    /// Re-reads the changed files into the index and removes the deleted ones. A file with errors is left out
    /// and remembered by its hash, so that it is not read again until it changes; where `entities.yaml` or
    /// `regions.yaml` changed, every file is read again.
    /// - Parameters:
    ///   - verify: read and hash every file, not only those whose size or modification time changed.
    ///   - progress: called with (files done, files to read) while parsing, once per chunk.
    ///   - chunkSize: how many files are parsed together (on every core) and written in one transaction; memory
    ///     grows with it, not with the corpus.
    /// - Throws: a store error, or ``Diagnostic`` where the folder cannot be read.
    public func refresh(
        _ index: some TreatyIndex, verify: Bool = false, chunkSize: Int = 1_000,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> Report {
        let indexed = try await index.hashes()
        let other = try await index.otherHashes()
        let current = try currentHashes(known: indexed.merging(other) { a, _ in a }, verify: verify)
        let newContext = try contextHashes(known: other, verify: verify)
        let freshness = Self.freshness(current: current, context: newContext, treaties: indexed, other: other)
        let faulty = other.filter { !Self.contextFiles.contains($0.key) }
        var report = Report()
        let context = try CorpusLoader().context(directory: corpus)
        let reader = TreatyFileReader(organisations: Set(context.entities.keys), regions: Set(context.regions.keys))
        var failures: [String: String] = [:]
        // Filtered before sorting: an unchanged corpus sorts nothing.
        let todo = current.keys.filter {
            freshness.contextChanged || (indexed[$0] ?? faulty[$0]) != current[$0]
        }.sorted()
        report.unchanged = current.count - todo.count
        // Files are parsed a chunk at a time on every core and each chunk is written in its own transaction, so
        // that memory stays bounded by the chunk (not the corpus) and an interrupted build keeps what it wrote: the
        // files not yet written are read again by the next refresh.
        let step = max(1, chunkSize)
        for start in stride(from: 0, to: todo.count, by: step) {
            progress?(start, todo.count)
            let chunk = Array(todo[start..<min(start + step, todo.count)])
            let outcomes = Self.parse(chunk, corpus: corpus, reader: reader)
            var batch: [IndexedFile] = []
            for (name, treaty) in zip(chunk, outcomes) {
                guard let treaty else {
                    report.failed.append(name)
                    failures[name] = current[name]
                    continue
                }
                batch.append(IndexedFile(path: name, hash: current[name]!, treaty: treaty))
                if indexed[name] == nil { report.added.append(name) } else { report.updated.append(name) }
            }
            if !batch.isEmpty { try await index.upsert(batch) }
        }
        progress?(todo.count, todo.count)
        // Faulty files take the place of what the index held for them; unchanged faulty ones stay listed.
        report.failed = (report.failed + faulty.keys.filter { current[$0] == faulty[$0] && !todo.contains($0) })
            .sorted()
        var record = failures
        if freshness.contextChanged {
            record.merge(newContext) { a, _ in a }
            let gone = Self.contextFiles.filter { other[$0] != nil && newContext[$0] == nil }
            if !gone.isEmpty { try await index.remove(paths: gone) }
        }
        if !record.isEmpty { try await index.recordOther(record) }
        report.removed = Set(indexed.keys).union(faulty.keys).filter { current[$0] == nil }.sorted()
        if !report.removed.isEmpty { try await index.remove(paths: report.removed) }
        return report
    }

    /// Reads and parses the named files of `corpus` on every core, in order: a file that cannot be read, has an
    /// error, or is not named after its treaty (as `pacta check` requires, so that no two files hold one id) is `nil`.
    private static func parse(_ names: [String], corpus: String, reader: TreatyFileReader) -> [Treaty?] {
        let slots = OrderedSlots<Treaty>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { position in
            let name = names[position]
            guard let text = try? CorpusFiles.text(ofFile: "\(corpus)/\(name)") else { return }
            let result = reader.read(text: text, file: "\(corpus)/\(name)")
            let stem = name.split(separator: ".").dropLast().joined(separator: ".")
            guard let treaty = result.treaty, !result.diagnostics.contains(where: \.isError), treaty.id == stem
            else { return }
            slots.store(treaty, at: position)
        }
        return slots.values
    }
}
