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
        /// The folder's watcher vouched that no file changed since the index's kept seal: no file was looked at.
        public var vouched = false

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
        /// Treaty files of the folder that cannot be read (a folder or a named pipe under a treaty file's name, a
        /// link to nothing, no permission), by name: the index holds nothing of them, and they do not make it stale
        /// (a refresh would leave them out again); a command that reads the index says so.
        public var unreadable: [String] = []
        public var isFresh: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty && !contextChanged }
    }

    /// The files every treaty is read against, kept among the index's other files.
    public static let contextFiles = CorpusFiles.context

    public let corpus: String

    public init(corpus: String) {
        self.corpus = corpus
    }

    /// The fingerprints of the named files of the folder (those that exist), each read only where its size or
    /// modification time differs from its fingerprint in `known` (as git does): what one treaty's answer needs to
    /// know that the index still holds its files as they are. A fingerprint is ``ContentHash`` of the file's
    /// bytes, then `@` its size, modification time and status change time.
    public func fingerprints(of names: [String], known: [String: String]) throws -> [String: String] {
        // A file that is gone cannot be read, and is left out.
        resolve(stamps(of: names), known: known, alsoKnown: [:], verify: false)
    }

    /// The stamps of the folder's files (`@` size, modification and status change times, or `@?` for a file that cannot be looked
    /// at), taken without reading any file: the treaty files and the corpus's other files. What
    /// ``freshness(treaties:other:stamps:)`` compares with an index, taken while the index is read.
    public struct Stamps: Sendable {
        var treaties: [Stamped]
        var context: [Stamped]

        /// Their ``FolderSeal``.
        public var seal: FolderSeal { FolderSeal(self) }
    }

    /// The folder's ``Stamps``.
    /// - Throws: where the folder cannot be listed.
    public func stamps() throws -> Stamps {
        let names = try CorpusFiles.names(inFolder: corpus).filter { CorpusFiles.isTreatyFile($0) }
        return Stamps(treaties: stamps(of: names), context: stamps(of: Self.contextFiles))
    }

    /// The stamps of the named files, looked at on every core (a folder of 250,000 files took 1.5 s on one),
    /// each by its name in the folder held open.
    private func stamps(of names: [String]) -> [Stamped] {
        let corpus = corpus
        let folder = open(corpus, O_RDONLY | O_DIRECTORY)
        defer { if folder >= 0 { close(folder) } }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, names.count / 4_096 + 1))
        let shares = OrderedSlots<[Stamped]>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var found: [Stamped] = []
            found.reserveCapacity(names.count / workers + 1)
            for position in stride(from: worker, to: names.count, by: workers) {
                let name = names[position]
                // One stat call per file (Foundation's attributes cost several times more).
                let stamp =
                    folder >= 0
                    ? CorpusFiles.stamp(ofFile: name, inFolder: folder)
                    : CorpusFiles.stamp(ofFile: "\(corpus)/\(name)")
                found.append((name, stamp))
            }
            shares.store(found, at: worker)
        }
        return shares.values.flatMap { $0 ?? [] }
    }

    /// The fingerprints of stamped files: the stored one where its stamp is unchanged (unless `verify`), else the
    /// file's bytes hashed (read on every core); a file that cannot be read is left out.
    /// - Parameter parseLater: a file with no stored fingerprint at all gets ``Self/toBeRead`` instead of its
    ///   hash: it is read anyway, and the refresh hashes the bytes it parses rather than read the file twice.
    /// - Parameter suspects: files hashed whatever their stamps (a watcher saw them change).
    private func resolve(
        _ stamps: [Stamped], known: [String: String], alsoKnown: [String: String], verify: Bool,
        suspects: Set<String> = [], parseLater: Bool = false
    ) -> [String: String] {
        var result = [String: String](minimumCapacity: stamps.count)
        var unread: [(name: String, stamp: String)] = []
        for (name, stamped) in stamps {
            let stamp = Self.text(stamped)
            let stored = known[name] ?? alsoKnown[name]
            if !verify, let stored, Self.ends(stored, with: stamp), !suspects.contains(name) {
                result[name] = stored
            } else if parseLater, stored == nil {
                result[name] = Self.toBeRead
            } else {
                unread.append((name, stamp))
            }
        }
        let corpus = corpus
        let read = OrderedSlots<String>(count: unread.count)
        let work = unread
        DispatchQueue.concurrentPerform(iterations: work.count) { position in
            guard let data = FileManager.default.contents(atPath: "\(corpus)/\(work[position].name)") else { return }
            read.store(ContentHash.of(data) + work[position].stamp, at: position)
        }
        for (position, hash) in read.values.enumerated() {
            if let hash { result[work[position].name] = hash }
        }
        return result
    }

    /// What ``resolve(_:known:alsoKnown:verify:parseLater:)`` gives a file to be hashed when it is parsed: no
    /// fingerprint (16 hex digits, `@`, a stamp) is empty.
    private static let toBeRead = ""

    /// Whether two fingerprints are of the same bytes: their content hashes (before the `@` of the stamp) are
    /// equal. A file touched, or written again with the same text, has a new stamp and the same content.
    static func sameContent(_ stored: String?, _ current: String?) -> Bool {
        guard let stored, let current, stored != toBeRead, current != toBeRead else { return false }
        return stored.utf8.prefix { $0 != UInt8(ascii: "@") }.elementsEqual(
            current.utf8.prefix { $0 != UInt8(ascii: "@") })
    }

    /// A file's name and its stamp (`nil`: it cannot be looked at).
    public typealias Stamped = (name: String, stamp: CorpusFiles.Stamp?)

    /// A stamp as a fingerprint ends with it: `@` size, modification and status change times, or `@?` for a file that cannot be
    /// looked at.
    private static func text(_ stamp: CorpusFiles.Stamp?) -> String { stamp?.description ?? "@?" }

    /// Whether `text` ends with `suffix`, byte for byte (fingerprints and stamps are ASCII).
    private static func ends(_ text: String, with suffix: String) -> Bool {
        let count = suffix.utf8.count
        return text.utf8.count >= count && text.utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    /// How stored hashes compare with the files: `treaties` are the indexed treaty files, `other` the
    /// index's other files (faulty treaty files, entities and regions).
    public func freshness(treaties: [String: String], other: [String: String]) throws -> Freshness {
        try freshness(treaties: treaties, other: other, stamps: stamps())
    }

    /// ``freshness(treaties:other:)`` against stamps already taken (``stamps()``): only the files whose stamps
    /// differ from the index's are read, and the `suspects` (a watcher saw them change: ``WatchVerdict``).
    public func freshness(
        treaties: [String: String], other: [String: String], stamps: Stamps, suspects: Set<String> = []
    ) -> Freshness {
        let context = resolve(stamps.context, known: other, alsoKnown: [:], verify: false, suspects: suspects)
        // The usual case first, without building the folder's fingerprints: every file known, and unchanged.
        let faulty = other.filter { !Self.contextFiles.contains($0.key) }
        var unchanged = 0
        var fresh = suspects.isEmpty
        for (name, stamp) in stamps.treaties where fresh {
            guard let stored = treaties[name] ?? faulty[name], Self.ends(stored, with: Self.text(stamp)) else {
                fresh = false
                break
            }
            unchanged += 1
        }
        let known = treaties.count + faulty.keys.count { treaties[$0] == nil }
        if fresh, unchanged == known, Self.sameContext(context, other) {
            return Freshness(changed: [], missing: [], extra: [])
        }
        let current = resolve(stamps.treaties, known: treaties, alsoKnown: other, verify: false, suspects: suspects)
        var freshness = Self.freshness(current: current, context: context, treaties: treaties, other: other)
        freshness.unreadable = stamps.treaties.map(\.name).filter { current[$0] == nil }.sorted()
        return freshness
    }

    /// ``freshness(treaties:other:)`` against hashes of the files already taken.
    private static func freshness(
        current: [String: String], context: [String: String], treaties: [String: String], other: [String: String]
    ) -> Freshness {
        // A faulty file the index knows, unchanged, is as known as an indexed one.
        let faulty = other.filter { !contextFiles.contains($0.key) }
        var changed: [String] = []
        var missing: [String] = []
        for (name, hash) in current {
            guard let known = treaties[name] ?? faulty[name] else {
                missing.append(name)
                continue
            }
            if !sameContent(known, hash) { changed.append(name) }
        }
        let extra =
            treaties.keys.filter { current[$0] == nil }
            + faulty.keys.filter { treaties[$0] == nil && current[$0] == nil }
        return Freshness(
            changed: changed.sorted(), missing: missing.sorted(), extra: extra.sorted(),
            contextChanged: !sameContext(context, other))
    }

    /// Whether the context files' fingerprints `context` hold the same files with the same bytes as those kept in
    /// `other` (their stamps may differ: a file touched, or an index written before the stamp held the change time).
    static func sameContext(_ context: [String: String], _ other: [String: String]) -> Bool {
        let kept = other.filter { contextFiles.contains($0.key) }
        return context.count == kept.count && context.allSatisfy { sameContent($0.value, kept[$0.key]) }
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
    ///   - watch: the folder's watcher (`pacta watch`), where one may run: where it vouches that no file changed
    ///     since the index's kept seal, no file is looked at (``Report/vouched``); its position is kept with the
    ///     seal for the next refresh.
    /// - Throws: a store error, or ``Diagnostic`` where the folder cannot be read.
    public func refresh(
        _ index: some TreatyIndex, verify: Bool = false, chunkSize: Int = 1_000, watch: (any FolderWatching)? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> Report {
        let sealStore = index as? any FolderSealStore
        let (verdict, answered) =
            verify || sealStore == nil
            ? (.unknown, nil) : Self.verdictAndPosition(kept: try await sealStore?.folderSeal(), by: watch)
        // No file changed since the kept seal's stamps were taken: not even a stat call.
        if case .vouched(let seal) = verdict {
            var report = try await unchanged(index, files: seal.treatyFiles)
            report.vouched = true
            return report
        }
        let suspects = verdict.suspects
        // Asked before the stamps are taken: a change made while they are taken is after this position (the
        // verdict's answer's where it was asked).
        let position = answered ?? watch?.changes(since: nil)?.position
        let stamps = try stamps()
        let seal = stamps.seal
        let kept = KeptSeal(seal: seal.description, position: position)
        // Nothing changed since the index last matched the folder: its fingerprints need not even be read.
        if !verify, suspects.isEmpty, let sealStore, let stored = try await sealStore.folderSeal(),
            KeptSeal(stored).seal == kept.seal
        {
            if stored != kept.text { try await sealStore.storeFolderSeal(kept.text) }
            return try await unchanged(index, files: seal.treatyFiles)
        }
        let indexed = try await index.hashes()
        let other = try await index.otherHashes()
        // Files the index has never seen are hashed from the bytes their parse reads (each file read once: a
        // folder not yet in the page cache took 12 s of 80 at 250,000 files to be read twice).
        var current = resolve(
            stamps.treaties, known: indexed, alsoKnown: other, verify: verify, suspects: suspects, parseLater: true)
        let newContext = resolve(stamps.context, known: other, alsoKnown: [:], verify: verify, suspects: suspects)
        let freshness = Self.freshness(current: current, context: newContext, treaties: indexed, other: other)
        let faulty = other.filter { !Self.contextFiles.contains($0.key) }
        var report = Report()
        let context = try CorpusLoader().context(directory: corpus)
        let reader = TreatyFileReader(organisations: Set(context.entities.keys), regions: Set(context.regions.keys))
        var failures: [String: String] = [:]
        let twins = Self.twins(Array(current.keys))
        // Where the folder's names changed, the files left out are read again: one left out as a twin may be the
        // treaty's only file now.
        let namesChanged = !freshness.missing.isEmpty || !freshness.extra.isEmpty
        let todo = current.keys.sorted().filter {
            freshness.contextChanged || !Self.sameContent(indexed[$0] ?? faulty[$0], current[$0])
                || twins.contains($0) || (namesChanged && faulty[$0] != nil)
        }
        report.unchanged = current.count - todo.count
        // A file whose stamp changed but not its bytes (touched, checked out again, copied over with the same text)
        // is not parsed again: the index only takes its new stamp, so that the next refresh does not hash it.
        var restamped: [String: String] = [:]
        var restampedFaulty: [String: String] = [:]
        for (name, fingerprint) in current where !freshness.contextChanged {
            guard let stored = indexed[name] ?? faulty[name], stored != fingerprint,
                Self.sameContent(stored, fingerprint)
            else { continue }
            if indexed[name] != nil { restamped[name] = fingerprint } else { restampedFaulty[name] = fingerprint }
        }
        if !restamped.isEmpty { try await index.restamp(restamped) }
        // Files are parsed a chunk at a time on every core and each chunk is written in its own transaction, so
        // that memory stays bounded by the chunk (not the corpus) and an interrupted build keeps what it wrote: the
        // files not yet written are read again by the next refresh.
        let step = max(1, chunkSize)
        // Where the index keeps list steps, those of a treaty that waits for no other are computed with its parsing.
        let stepsStore = index as? any ListStepsStore
        let successions = stepsStore == nil ? nil : context.successions
        // Each chunk is written while the next is parsed (the writes keep their order: one chunk's are done before
        // the next chunk's start).
        var writing: Task<Void, any Error>?
        let corpus = corpus
        // Each file's stamp by name, made once where any file is to be read: the sizes order a chunk's parse.
        let stampsByName =
            todo.isEmpty ? [:] : Dictionary(stamps.treaties.map { ($0.name, $0.stamp) }) { a, _ in a }
        for start in stride(from: 0, to: todo.count, by: step) {
            progress?(start, todo.count)
            let chunk = Array(todo[start..<min(start + step, todo.count)])
            // The next chunk's files are read from the disk into the page cache while this one is parsed (the
            // parse's own reads then find them there instead of leaving a core idle on each).
            let next = Array(todo[min(start + step, todo.count)..<min(start + 2 * step, todo.count)])
            if !next.isEmpty { DispatchQueue.global().async { CorpusFiles.prefetch(next, inFolder: corpus) } }
            let outcomes = Self.parse(
                chunk, sizes: chunk.map { (stampsByName[$0] ?? nil)?.size ?? 0 }, corpus: corpus, reader: reader,
                listStepsWith: successions)
            var batch: [IndexedFile] = []
            var steps: [String: ListSteps?] = [:]
            for (name, outcome) in zip(chunk, outcomes) {
                if current[name] == Self.toBeRead {
                    // A file the parse could not read (too large, gone) is hashed as a changed file is; a file
                    // that cannot be read at all is passed over, as one that cannot be looked at.
                    let fingerprint =
                        outcome.fingerprint
                        ?? resolve([(name, stampsByName[name] ?? nil)], known: [:], alsoKnown: [:], verify: true)[name]
                    guard let fingerprint else {
                        current[name] = nil
                        continue
                    }
                    current[name] = fingerprint
                }
                guard let (treaty, stepped) = outcome.treaty, !twins.contains(name) else {
                    report.failed.append(name)
                    failures[name] = current[name]
                    continue
                }
                batch.append(IndexedFile(path: name, hash: current[name]!, treaty: treaty))
                if let stepped { steps[treaty.id] = .some(stepped) }
                if indexed[name] == nil { report.added.append(name) } else { report.updated.append(name) }
            }
            try await writing?.value
            writing = Task { [batch, steps] in
                if !batch.isEmpty { try await index.upsert(batch) }
                if let stepsStore, !steps.isEmpty { try await stepsStore.storeListSteps(steps) }
            }
        }
        try await writing?.value
        progress?(todo.count, todo.count)
        // Files that are there but cannot be read (no permission, a named pipe or a folder under a treaty file's
        // name, a link to nothing, a context file among them): left out, as faulty files are, but not remembered,
        // so that the next refresh tries them again (a permission given back changes no stamp).
        let unreadable =
            stamps.treaties.map(\.name).filter { current[$0] == nil }
            + stamps.context.filter { $0.stamp != nil && newContext[$0.name] == nil }.map(\.name)
        // Faulty files take the place of what the index held for them; unchanged faulty ones stay listed.
        // A file left out again, unchanged, is counted among the failed, not also among the unchanged: the counts
        // add up to the folder's treaty files.
        let stillFaulty = faulty.keys.filter { Self.sameContent(faulty[$0], current[$0]) && !todo.contains($0) }
        report.unchanged -= stillFaulty.count
        // Each once: an unreadable context file is also one that reads with errors.
        report.failed = Set(report.failed + stillFaulty + unreadable + Self.faultyContextFiles(context.diagnostics))
            .sorted()
        var record = failures.merging(restampedFaulty) { a, _ in a }
        // The context files' fingerprints are kept anew where their bytes changed, and where only their stamps did
        // (touched: not every treaty read again, only the new stamps kept).
        if freshness.contextChanged || newContext != other.filter({ Self.contextFiles.contains($0.key) }) {
            record.merge(newContext) { a, _ in a }
        }
        if freshness.contextChanged {
            let gone = Self.contextFiles.filter { other[$0] != nil && newContext[$0] == nil }
            if !gone.isEmpty { try await index.remove(paths: gone) }
        }
        if !record.isEmpty { try await index.recordOther(record) }
        // What the index held for a file that can no longer be read goes too: it is not what the file holds now.
        let gone = Set(indexed.keys).union(faulty.keys).filter { current[$0] == nil }.sorted()
        if !gone.isEmpty { try await index.remove(paths: gone) }
        report.removed = gone.filter { !unreadable.contains($0) }
        if let stepsStore, let successions {
            try await Self.storeMissingListSteps(stepsStore, successions: successions)
        }
        // No seal while a file cannot be read: the next refresh looks at the files again (an empty seal matches
        // no folder).
        try await sealStore?.storeFolderSeal(unreadable.isEmpty ? kept.text : "")
        return report
    }

    /// The treaty files of `names` that another file of the folder holds the same treaty id before (`x.yml` beside
    /// `x.yaml`; `x.json` before both): left out, as `pacta check` refuses them ("treaty id 'x' is already used by
    /// ./x.json"), so that the index holds one file a treaty, the one the files' own reading keeps (the first by
    /// name).
    /// - Complexity: O(n) for the n names, O(k log k) for the k names that share a treaty id.
    static func twins(_ names: [String]) -> Set<String> {
        func id(_ name: String) -> Substring? {
            guard CorpusFiles.hasLowerCaseExtension(name), let dot = name.lastIndex(of: ".") else { return nil }
            return name[..<dot]
        }
        var seen = Set<Substring>(minimumCapacity: names.count)
        var shared = Set<Substring>()
        for name in names {
            guard let id = id(name) else { continue }
            if !seen.insert(id).inserted { shared.insert(id) }
        }
        guard !shared.isEmpty else { return [] }
        let groups = Dictionary(grouping: names.filter { id($0).map(shared.contains) ?? false }) { id($0)! }
        return Set(groups.values.flatMap { $0.sorted().dropFirst() })
    }

    /// The report of a refresh that found the folder as the index's kept seal describes it: every file unchanged,
    /// those left out for their errors still left out, and the list steps a recorded act dropped stored again.
    private func unchanged(_ index: some TreatyIndex, files: Int) async throws -> Report {
        var report = Report()
        report.failed = try await index.otherHashes().keys.filter { !Self.contextFiles.contains($0) }.sorted()
        // The files left out again are counted among the failed alone (see ``refresh(_:verify:progress:)``).
        report.unchanged = files - report.failed.count
        let context = try CorpusLoader().context(directory: corpus)
        report.failed = (report.failed + Self.faultyContextFiles(context.diagnostics)).sorted()
        if let stepsStore = index as? any ListStepsStore {
            try await Self.storeMissingListSteps(stepsStore, successions: context.successions)
        }
        return report
    }

    /// The corpus's own files (`entities.yaml`, `regions.yaml` ...) that read with errors, by name: every treaty is
    /// read without what they fail to declare, so a refresh names them with the files left out (a tester found
    /// only the treaties naming an undeclared organisation named, not the broken entities.yaml behind them).
    public static func faultyContextFiles(_ diagnostics: [Diagnostic]) -> [String] {
        Set(diagnostics.filter(\.isError).compactMap { $0.file.split(separator: "/").last.map(String.init) })
            .filter { contextFiles.contains($0) }.sorted()
    }

    /// Computes and stores the list steps the index lacks: those of treaties that wait for another (computed
    /// once every file is in), and those a change dropped (a treaty they wait for changed, or an act was recorded
    /// since), each from the treaty and those it waits for, read from the index.
    static func storeMissingListSteps(_ store: some ListStepsStore, successions: [StateSuccession]) async throws {
        let missing = try await store.treatiesWithoutListSteps()
        for start in stride(from: 0, to: missing.count, by: 256) {
            var closures: [(id: String, treaties: [Treaty])] = []
            for id in missing[start..<min(start + 256, missing.count)] {
                if let treaties = try await store.listStepsClosure(of: id) { closures.append((id, treaties)) }
            }
            let slots = OrderedSlots<ListSteps?>(count: closures.count)
            let work = closures
            DispatchQueue.concurrentPerform(iterations: work.count) { position in
                let (id, treaties) = work[position]
                let corpus = Corpus(treaties: treaties, successions: successions)
                guard let treaty = corpus[id] else { return }
                slots.store(Self.listSteps(of: treaty, engine: Lifecycle(corpus: corpus)), at: position)
            }
            var steps: [String: ListSteps?] = [:]
            for (position, stepped) in slots.values.enumerated() {
                steps[closures[position].id] = .some(stepped ?? nil)
            }
            try await store.storeListSteps(steps)
        }
    }

    /// The list steps the index keeps of `treaty` (``Lifecycle/listSteps(of:limit:)``), with the days of its
    /// calendar (``Lifecycle/calendarDays(of:)``), so that `pacta upcoming` decodes only the treaties with a day in
    /// its window; `nil` where the row changes too often to be kept as steps.
    static func listSteps(of treaty: Treaty, engine: Lifecycle) -> ListSteps? {
        guard var steps = engine.listSteps(of: treaty) else { return nil }
        steps.calendar = engine.calendarDays(of: treaty)
        return steps
    }

    /// Reads and parses the named files of `corpus` on every core, in order: a file that cannot be read, has an
    /// error, or is not named after its treaty (as `pacta check` requires, so that no two files hold one id) is `nil`.
    /// Where `successions` are given, each treaty whose conditions wait for no other treaty comes with its list
    /// steps (``Lifecycle/listSteps(of:limit:)``, the treaty read against those successions); the others with none
    /// (`nil`), computed once every file is in.
    /// - Parameter sizes: each file's size in bytes, by position: the largest are parsed first, so that a large
    ///   treaty (its list steps grow with its States and events) is not left alone on one core at the chunk's end
    ///   while the others wait.
    private static func parse(
        _ names: [String], sizes: [Int], corpus: String, reader: TreatyFileReader,
        listStepsWith successions: [StateSuccession]?
    ) -> [Parsed] {
        let slots = OrderedSlots<Parsed>(count: names.count)
        let order = names.indices.sorted { sizes[$0] > sizes[$1] }
        DispatchQueue.concurrentPerform(iterations: names.count) { turn in
            let position = order[turn]
            let name = names[position]
            guard let (data, stamp) = try? CorpusFiles.bytes(ofFile: "\(corpus)/\(name)") else { return }
            var parsed = Parsed(fingerprint: ContentHash.of(data) + Self.text(stamp))
            defer { slots.store(parsed, at: position) }
            guard let text = String(data: data, encoding: .utf8) else { return }
            let result = reader.read(text: text, file: "\(corpus)/\(name)")
            guard let treaty = result.treaty, !result.diagnostics.contains(where: \.isError),
                CorpusFiles.isNamed(name, after: treaty.id)
            else { return }
            var steps: ListSteps?? = nil
            let rules = treaty.rules
            if let successions, !rules.waitsForATreaty {
                let alone = Corpus(treaties: [treaty], successions: successions)
                steps = .some(Self.listSteps(of: alone.treaties[0], engine: Lifecycle(corpus: alone)))
            }
            parsed.treaty = (treaty, steps)
        }
        return slots.values.map { $0 ?? Parsed() }
    }

    /// What ``parse(_:corpus:reader:listStepsWith:)`` made of a file: the fingerprint of the bytes it read (`nil`:
    /// the file could not be read), and the treaty with its list steps (`nil`: it has an error).
    private struct Parsed {
        var fingerprint: String?
        var treaty: (Treaty, ListSteps??)?
    }
}
