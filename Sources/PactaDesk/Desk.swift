import Foundation
import PactaCore
import PactaFormats
import PactaStore

/// Why an act was not recorded.
public enum DeskError: Error, Sendable, CustomStringConvertible {
    /// The act cannot be right against the treaty as it stands: the sentences say why (HTTP 422).
    case refused([AdmissionFault])
    /// The act conflicts with one recorded meanwhile: the same act is already recorded, or it became wrong
    /// after the version of the file the writer saw (HTTP 409).
    case conflict(String)
    /// No treaty file with that id in the corpus folder (HTTP 404).
    case notFound(String)
    /// The file could not be read, locked or written (HTTP 500); the file is unchanged.
    case failed(String)
    /// The record's database cannot be reached now (HTTP 503, with `Retry-After`): nothing was recorded, or
    /// nothing that was acknowledged; the writer may send the act again.
    case unavailable(String)

    public var description: String {
        switch self {
        case .refused(let faults): faults.map(\.message).joined(separator: "\n")
        case .conflict(let message), .notFound(let message), .failed(let message), .unavailable(let message):
            message
        }
    }
}

/// A source to add to the treaty's `sources` with the act that cites it.
public struct NewSource: Sendable, Hashable {
    public var key: String
    public var title: String
    public var url: String?
    public var accessed: CalendarDate?
    public init(key: String, title: String, url: String? = nil, accessed: CalendarDate? = nil) {
        self.key = key
        self.title = title
        self.url = url
        self.accessed = accessed
    }
}

/// What recording an act did: the event as stored, the file's new version, and the treaty's status on the day
/// before and after it, with the computed dates that moved.
public struct Recording: Sendable {
    /// The event as the file now holds it (read back from the file's text).
    public var event: Event
    /// The line appended to the file.
    public var line: String
    /// The event's keys as written, in order.
    public var fields: [Field]
    /// The treaty as the file now reads (what an index stores for the file).
    public var read: Treaty
    /// The file, relative to the corpus folder.
    public var file: String
    /// The statuses on ``on``: today, or the act's date where it is later.
    public var statusBefore: TreatyStatus
    public var statusAfter: TreatyStatus
    public var on: CalendarDate
    /// The file's version after the write (``ContentHash`` of its bytes), to give back as `If-Match`.
    public var version: String
    /// The index fingerprint of the new file (hash and stamp), for an index refresh of that file alone.
    public var fingerprint: String
    /// What a reviewer should look at, though the act was recorded (a ratification with no signature recorded).
    public var warnings: [String]
    /// The treaty as the file read before this act and the others written with it, and that file's version: what
    /// lets an index append the new events rather than store the treaty again (``TreatyIndex/append(_:after:)``).
    public var readBefore: Treaty? = nil
    public var versionBefore = ""

    /// What changed, a sentence a line: the treaty's status and date of entry into force, each State's status and
    /// date of entry into force for it ("entry into force for THA: none → 2026-04-01").
    public var changes: [String] {
        var lines: [String] = []
        func text(_ date: CalendarDate?) -> String { date?.description ?? "none" }
        if statusBefore.status != statusAfter.status {
            lines.append(
                "status of \(statusAfter.treaty) on \(on): \(statusBefore.status.rawValue) → \(statusAfter.status.rawValue)"
            )
        }
        if statusBefore.entryIntoForce != statusAfter.entryIntoForce {
            lines.append("entry into force: \(text(statusBefore.entryIntoForce)) → \(text(statusAfter.entryIntoForce))")
        }
        if statusBefore.termination != statusAfter.termination {
            lines.append("termination: \(text(statusBefore.termination)) → \(text(statusAfter.termination))")
        }
        // Each State's row before: at the same position where the States are the same and in the same order (an
        // act seldom adds a State), else found by code. Rows are read in place, never copied (a copy of each of
        // 200 rows, and a dictionary of their codes, were a tenth of a write's time in a server).
        let before = statusBefore.states
        let after = statusAfter.states
        let aligned =
            before.count == after.count
            && zip(before.indices, after.indices).allSatisfy {
                before[$0].code == after[$1].code
            }
        var positions: [PartyCode: Int] = [:]
        if !aligned {
            positions.reserveCapacity(before.count)
            for position in before.indices { positions[before[position].code] = position }
        }
        for index in after.indices {
            let old = aligned ? index : positions[after[index].code]
            let code = after[index].code
            let (oldStatus, newStatus) = (old.map { before[$0].status }, after[index].status)
            if oldStatus != newStatus {
                lines.append("\(code) on \(on): \(oldStatus?.rawValue ?? "none") → \(newStatus.rawValue)")
            }
            let (oldEntry, newEntry) = (old.flatMap { before[$0].entryIntoForce }, after[index].entryIntoForce)
            if oldEntry != newEntry {
                lines.append("entry into force for \(code): \(text(oldEntry)) → \(text(newEntry))")
            }
            let oldWithdrawal = old.flatMap { before[$0].withdrawal?.effective }
            let newWithdrawal = after[index].withdrawal?.effective
            if oldWithdrawal != newWithdrawal {
                lines.append(
                    "withdrawal of \(code) takes effect: \(text(oldWithdrawal)) → \(text(newWithdrawal))")
            }
        }
        return lines
    }
}

/// The depositary's desk: records acts in treaty files, one event appended at a time, checked against the treaty
/// as it stands, never rewriting what is there. Each write holds the treaty's ``TreatyLock`` (against other
/// threads and other processes), re-reads the file under it, and replaces the file with ``DurableFile``.
public struct Desk: Sendable {
    /// The corpus folder.
    public let folder: String
    private let reader: TreatyFileReader
    /// The last file each write of this desk left, read: the next write of the same file, unchanged since (same
    /// size and modification time), starts from it instead of reading the file again.
    private let cache = ReadCache()
    /// The last text each ``record(_:in:file:text:corpus:today:)`` left, read, by file: the next write of the same
    /// treaty, unchanged since (same version), starts from it.
    private let texts = TextCache()

    /// - Throws: ``DeskError/failed(_:)`` where the corpus folder cannot be read.
    public init(corpus folder: String) throws(DeskError) {
        self.folder = folder
        do {
            let context = try CorpusLoader().context(directory: folder)
            reader = TreatyFileReader(organisations: Set(context.entities.keys), regions: Set(context.regions.keys))
        } catch {
            throw .failed("cannot read the corpus at \(folder): \(error)")
        }
    }

    /// The treaty file of `id`, relative to the folder (`ID.yaml`, `.yml` or `.json`), or `nil`.
    public func file(of id: String) -> String? {
        guard Self.isValidID(id), !Self.reserved.contains(id) else { return nil }
        return ["yaml", "yml", "json"].map { "\(id).\($0)" }.first {
            FileManager.default.fileExists(atPath: "\(folder)/\($0)")
        }
    }

    /// Removes the temporary files a writer killed in the middle of a write left (`.ID.yaml.XXXXXX`: the file
    /// it was writing, never renamed over the treaty's): each under its treaty's lock, taken without waiting, so
    /// that a write under way keeps its own. What a server does when it starts.
    /// - Returns: the names removed.
    @discardableResult public func removeLeftovers() -> [String] {
        guard let names = try? CorpusFiles.names(inFolder: folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(".") {
            // `.` + the treaty file's name + `.` + six characters (mkstemp's).
            let parts = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, ["yaml", "yml", "json"].contains(parts[1]), parts[2].count == 6,
                Self.isValidID(String(parts[0]))
            else { continue }
            guard let lock = try? attemptLock(String(parts[0])) else { continue }
            if unlink("\(folder)/\(name)") == 0 { removed.append(name) }
            lock.unlock()
        }
        return removed
    }

    /// Names of the corpus's own files (`entities.yaml` ...), never a treaty's id.
    public static let reserved: Set<String> = Set(CorpusFiles.context.map { String($0.prefix { $0 != "." }) })

    /// A treaty id as the format allows it: lowercase letters, digits and hyphens, 1 to 120 characters, never a
    /// path.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 120 && id.first != "-"
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Takes the write lock of treaty `id` (``TreatyLock``), waiting for another writer to finish. Hold it across
    /// ``record(_:in:holding:corpus:today:)`` and whatever must follow the write before another writer's
    /// (refreshing the index for the file), then ``TreatyLock/unlock()``.
    /// - Throws: ``DeskError/failed(_:)`` where the lock file cannot be made (a read-only folder).
    public func lock(_ id: String) throws(DeskError) -> TreatyLock { try Self.lock(folder, id) }

    /// ``lock(_:)`` without waiting: `nil` where another writer holds the treaty's lock now.
    /// - Throws: ``DeskError/failed(_:)`` where the lock file cannot be made (a read-only folder).
    public func attemptLock(_ id: String) throws(DeskError) -> TreatyLock? {
        guard Self.isValidID(id) else {
            throw .notFound("'\(id)' is not a treaty id: lower-case letters, digits and hyphens.")
        }
        do { return try TreatyLock.attempt(folder: folder, id: id) } catch { throw .failed(error.description) }
    }

    /// Records one act in the file of treaty `id`, under the treaty's lock (``record(_:in:holding:corpus:today:)``
    /// for one request).
    /// - Parameters:
    ///   - fields: the event's keys as the spec names them (`date`, `type`, `party`, `form` ...), in the order to
    ///     write them; `id` is made up where not given (`ID-ratification-tha`), and `recorded` and `recorded-by`
    ///     are added.
    ///   - source: a source to add to the file's `sources`, where the event cites a key the file lacks.
    ///   - corpus: the corpus the treaty's conditions may name (`treaty-in-force`).
    ///   - user: who records it (`recorded-by`).
    ///   - today: the day it is recorded (`recorded`); read from the clock by the caller, never here.
    ///   - version: the file's version the writer saw (`If-Match`), where it gives one: an act refused only
    ///     because of events recorded since is a conflict, not a fault of the act.
    /// - Returns: the recording, after the file is durably replaced.
    /// - Throws: ``DeskError``; the file is then unchanged.
    public func record(
        _ fields: [Field], in id: String, source: NewSource? = nil, corpus: Corpus, by user: String,
        today: CalendarDate, expecting version: String? = nil
    ) throws(DeskError) -> Recording {
        guard file(of: id) != nil else {
            throw notFound(id, corpus: corpus)
        }
        let lock = try lock(id)
        defer { lock.unlock() }
        let request = Request(fields: fields, source: source, user: user, version: version)
        return try record([request], in: id, holding: lock, corpus: corpus, today: today)[0].get()
    }

    func notFound(_ id: String, corpus: Corpus) -> DeskError {
        // An alias or a title (as 'pacta status' takes them): a write names the file, so the id is asked for.
        let named = corpus.treaties.filter { $0.isNamed(id) }
        if named.count == 1, named[0].id == id {
            return .notFound(
                "\(id) has no file in \(folder) any more (it was removed after it was read); a treaty's file is created first ('pacta new', or POST /api/v1/treaties)."
            )
        }
        if named.count == 1 {
            return .notFound(
                "'\(id)' names \(named[0].id) (by its alias or title); a write gives the treaty's id: record with '\(named[0].id)'."
            )
        }
        let near = corpus.suggestions(for: id)
        return .notFound(
            "No treaty has the id '\(id)' in the corpus\(near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"); a treaty's file is created first ('pacta new', or POST /api/v1/treaties)."
        )
    }

    /// One act to record, as ``record(_:in:holding:corpus:today:)`` takes it.
    public struct Request: Sendable {
        public var fields: [Field]
        public var source: NewSource?
        public var user: String
        public var version: String?
        public init(fields: [Field], source: NewSource? = nil, user: String, version: String? = nil) {
            self.fields = fields
            self.source = source
            self.user = user
            self.version = version
        }
    }

    /// Records several acts in the file of treaty `id`, each checked against the treaty as the ones before it
    /// left it, and writes the file once (group commit): what a server does with the writes that queued up while
    /// it wrote the last ones. Each act is accepted or refused on its own; the accepted ones are durable when this
    /// returns, all in one replacement of the file.
    /// - Returns: one result per request, in order; every recording carries the file's version after all of them.
    public func record(
        _ requests: [Request], in id: String, holding lock: TreatyLock, corpus: Corpus, today: CalendarDate
    ) -> [Result<Recording, DeskError>] {
        guard let name = file(of: id) else { return requests.map { _ in .failure(notFound(id, corpus: corpus)) } }
        guard !name.hasSuffix(".json") else {
            let fault = AdmissionFault(
                "\(name) is written in JSON; Pacta appends to YAML files only. Convert it to YAML (\(id).yaml; JSON is valid YAML, so renaming the file is enough) and record again.",
                section: "corpus-files")
            return requests.map { _ in .failure(.refused([fault])) }
        }
        let path = "\(folder)/\(name)"
        var state: FileState
        let stamp: FileIdentity?
        do { (state, stamp) = try fileState(path, name: name) } catch { return requests.map { _ in .failure(error) } }
        let initial = state.version
        let initialTreaty = state.treaty
        let results = prepare(requests, in: id, name: name, path: path, state: &state, corpus: corpus, today: today)
        guard state.version != initial else {
            // Nothing accepted: the file is as read.
            if let stamp { cache.set(path, stamp: stamp, state: state) }
            return results
        }
        do { try DurableFile.replace(path, with: state.text) } catch {
            return results.map { result in result.flatMap { _ in .failure(.failed(error.description)) } }
        }
        let written = FileIdentity.of(path)
        if let written { cache.set(path, stamp: written, state: state) }
        let fingerprint = state.version + (written?.stamp.description ?? "@?")
        return results.map { result in
            result.map { recording in
                var recording = recording
                recording.version = state.version
                recording.fingerprint = fingerprint
                recording.read = state.treaty
                recording.readBefore = initialTreaty
                recording.versionBefore = initial
                return recording
            }
        }
    }

    /// Each request checked against `state` and appended to its text, in order; `state` is left as the accepted
    /// ones made it.
    func prepare(
        _ requests: [Request], in id: String, name: String, path: String, state: inout FileState, corpus: Corpus,
        today: CalendarDate
    ) -> [Result<Recording, DeskError>] {
        var results: [Result<Recording, DeskError>] = []
        var accepted = false
        // The text and the event ids are held here alone while the acts are appended, so that each act adds to
        // them in place: they are copied once a batch (where a cache holds them too), not once an act.
        var text = state.text
        var ids = state.ids ?? EventIDs(state.treaty.events)
        state.text = ""
        state.ids = nil
        for request in requests {
            do {
                let (recording, next) = try prepare(
                    request, in: id, name: name, path: path, state: state, text: &text, ids: &ids, corpus: corpus,
                    today: today)
                results.append(.success(recording))
                state = next
                accepted = true
            } catch {
                results.append(.failure(error))
            }
        }
        state.text = text
        state.ids = ids
        // The version is the hash of the text as written: hashed once for the batch, not once per act, and from
        // where the last batch's lines went, where the text before it is unchanged.
        if accepted { state.version = Self.version(of: &state) }
        return results
    }

    /// ``ContentHash`` of `state`'s text, hashed from ``FileState/hashed`` where the text before that point is
    /// unchanged (acts were appended at or after it); ``FileState/hashed`` is then the state where the next line
    /// goes. A file of 6,000 events is about 900 KB: hashing it whole took about a millisecond a batch.
    static func version(of state: inout FileState) -> String {
        guard let point = state.point, point.textCount == state.text.utf8.count, point.offset <= point.textCount
        else {
            state.hashed = nil
            return ContentHash.of(state.text.utf8)
        }
        var running = ContentHash.Running()
        var from = 0
        if let hashed = state.hashed, hashed.offset <= point.offset {
            (running, from) = (hashed.running, hashed.offset)
        }
        let hashedNow: (text: String, atPoint: ContentHash.Running)? = state.text.utf8
            .withContiguousStorageIfAvailable { buffer in
                running.add(UnsafeBufferPointer(rebasing: buffer[from..<point.offset]))
                let atPoint = running
                running.add(UnsafeBufferPointer(rebasing: buffer[point.offset...]))
                return (running.text, atPoint)
            }
        guard let hashedNow else {
            state.hashed = nil
            return ContentHash.of(state.text.utf8)
        }
        state.hashed = (point.offset, hashedNow.atPoint)
        return hashedNow.text
    }

    /// What ``record(_:in:file:text:corpus:today:)`` did to a treaty's text.
    public struct TextRecording: Sendable {
        /// Each request's outcome, in order; every recording carries the text's version after all of them.
        public var results: [Result<Recording, DeskError>]
        /// The treaty's text after the accepted acts (the text given, where none was accepted).
        public var text: String
        /// ``ContentHash`` of ``text``.
        public var version: String
    }

    /// Records acts in a treaty's text held elsewhere than in this desk's folder (a database's record), with the
    /// same checks and the same sentences as ``record(_:in:holding:corpus:today:)``, but writing nothing: the
    /// caller stores ``TextRecording/text`` (in the same transaction in which it read `text`).
    /// - Parameters:
    ///   - name: the treaty's file name (`ID.yaml`), as a file of the corpus would be named.
    ///   - text: the treaty file's text as the record holds it now.
    /// - Returns: each outcome, and the text after the accepted acts.
    public func record(
        _ requests: [Request], in id: String, file name: String, text: String, corpus: Corpus, today: CalendarDate
    ) -> TextRecording {
        record(
            requests, in: id, file: name, text: text, version: ContentHash.of(text.utf8), corpus: corpus, today: today)
    }

    /// Whether this desk holds the text of treaty file `name` at `version` from its last recording in it (so that
    /// the caller need not read the text: ``record(_:in:file:text:version:corpus:today:)`` with `text` `nil`).
    public func holdsText(file name: String, version: String) -> Bool {
        texts.version("\(folder)/\(name)") == version
    }

    /// The treaty as the text this desk holds for file `name` reads, where that text is at `version` and no batch
    /// has it taken; else `nil`.
    public func heldTreaty(file name: String, version: String) -> Treaty? {
        texts.state("\(folder)/\(name)", version: version)?.treaty
    }

    /// ``record(_:in:file:text:corpus:today:)`` where the caller knows the text's version (the record stores it
    /// beside the text), so that the text is not hashed again; `text` may be `nil` where ``holdsText(file:version:)``
    /// said this desk holds it.
    /// - Parameter version: ``ContentHash`` of the text as the record holds it now.
    public func record(
        _ requests: [Request], in id: String, file name: String, text given: String?, version: String,
        corpus: Corpus, today: CalendarDate
    ) -> TextRecording {
        let path = "\(folder)/\(name)"
        guard !name.hasSuffix(".json") else {
            let fault = AdmissionFault(
                "\(name) is written in JSON; Pacta appends to YAML files only. Convert it to YAML (\(id).yaml; JSON is valid YAML, so renaming the file is enough) and record again.",
                section: "corpus-files")
            return TextRecording(
                results: requests.map { _ in .failure(.refused([fault])) }, text: given ?? "", version: version)
        }
        var state: FileState
        // Taken out of the cache, so that this batch holds the only reference to the text it appends to.
        if let cached = texts.take(path), cached.version == version {
            // The text this desk left last time (the record unchanged since): not read again.
            state = cached
        } else {
            guard let text = given else {
                let failure = DeskError.failed(
                    "the text of \(name) at version \(version) is not held here; read it again")
                return TextRecording(results: requests.map { _ in .failure(failure) }, text: "", version: version)
            }
            let result = reader.read(text: text, file: path)
            guard let treaty = result.treaty, !result.diagnostics.contains(where: \.isError) else {
                let first = result.diagnostics.first(where: \.isError)
                let fault = AdmissionFault(
                    "\(name) has errors already\(first.map { " (line \($0.line): \($0.message))" } ?? ""); fix the treaty first ('pacta db export' and 'pacta check' list every error).",
                    section: "checking-a-file")
                return TextRecording(
                    results: requests.map { _ in .failure(.refused([fault])) }, text: text, version: version)
            }
            state = FileState(text: text, version: version, treaty: treaty, diagnostics: result.diagnostics)
        }
        let results = prepare(requests, in: id, name: name, path: path, state: &state, corpus: corpus, today: today)
        texts.set(path, state)
        let finalVersion = state.version
        let read = state.treaty
        return TextRecording(
            results: results.map { result in
                result.map { recording in
                    var recording = recording
                    recording.version = finalVersion
                    recording.fingerprint = finalVersion
                    recording.read = read
                    return recording
                }
            }, text: state.text, version: finalVersion)
    }

    /// The reading of a new treaty's text as ``create(_:)`` checks it, without writing it: the treaty, or the
    /// faults that refuse it (the same sentences).
    /// - Throws: ``DeskError/refused(_:)``.
    public func check(_ new: NewTreaty) throws(DeskError) -> Treaty {
        if let fault = new.faults.first { throw .refused([AdmissionFault(fault, section: "identity-and-metadata")]) }
        let read = reader.read(text: new.text, file: "\(folder)/\(new.id).yaml")
        let errors = read.diagnostics.filter(\.isError)
        guard errors.isEmpty, let treaty = read.treaty else {
            throw .refused(errors.map { AdmissionFault(Self.sentence($0.message), section: "identity-and-metadata") })
        }
        return treaty
    }

    /// The treaty read from `text` with this desk's organisations and regions, and the diagnostics.
    public func read(text: String, file: String) -> (treaty: Treaty?, diagnostics: [Diagnostic]) {
        let result = reader.read(text: text, file: file)
        return (result.treaty, result.diagnostics)
    }

    /// A treaty file's text, version and reading.
    struct FileState {
        var text: String
        /// ``ContentHash`` of ``text``; empty where an act of a batch appended to it and it is not hashed yet.
        var version: String
        var treaty: Treaty
        var diagnostics: [Diagnostic]
        /// The record's issues (``Treaty/recordIssues(events:)``), kept act by act once known.
        var issues: Treaty.RecordChecks? = nil
        /// The treaty's status on a day, once computed (the status after one act of a batch is the status before
        /// the next).
        var status: (on: CalendarDate, status: TreatyStatus)? = nil
        /// Where the next event's line goes in ``text``, once known.
        var point: TreatyFileText.AppendPoint? = nil
        /// The log's event ids, once needed.
        var ids: EventIDs? = nil
        /// The treaty's log walked by the engine through its last event, where it could be
        /// (``Lifecycle/Resumable``): the next act's statuses walk only that act.
        var walked: Lifecycle.Resumable? = nil
        /// The hash of the text's first `offset` UTF-8 bytes (``ContentHash/Running``), kept while acts are appended
        /// at or after that offset (the next line's place, ``point``), so that a batch's version hashes only the
        /// bytes from there.
        var hashed: (offset: Int, running: ContentHash.Running)? = nil
    }

    /// What ``reread(_:holding:)`` found in a treaty's file.
    public enum FileChange: Sendable {
        /// The file is as this desk last wrote or read it (same size and modification time).
        case unchanged
        /// The file changed (another process recorded in it, or an editor saved it): the treaty as it now reads,
        /// the file relative to the folder, and its index fingerprint (``Recording/fingerprint``'s form).
        case changed(treaty: Treaty, file: String, fingerprint: String)
        /// The file is gone, or reads with errors: why, in a sentence. The treaty as last read stands.
        case unreadable(String)
    }

    /// Treaty `id`'s file read again, where it changed since this desk last wrote or read it: what a server does
    /// when the folder says a file was written (`pacta record` in a shell, an editor), so that it answers from the
    /// file as it is. The reading is kept, so that the desk's next write starts from it.
    /// - Parameter lock: the treaty's lock (``lock(_:)``), held by the caller, so that no write of this desk comes
    ///   between; `nil` where the folder is read-only (no lock file can be made, and nothing of this desk writes).
    /// - Returns: ``FileChange/unreadable(_:)`` also where the file holds another treaty than its name says (a
    ///   copy saved under another name must not stand for the treaty it holds).
    /// - Complexity: one `stat` where the file is unchanged; else a read of the whole file.
    public func reread(_ id: String, holding lock: TreatyLock?) -> FileChange {
        guard let name = file(of: id) else { return .unreadable("\(id) has no file in \(folder) any more") }
        let path = "\(folder)/\(name)"
        guard let identity = FileIdentity.of(path) else { return .unreadable("cannot look at \(path)") }
        if cache.stamp(of: path) == identity { return .unchanged }
        switch read(path, name: name) {
        case .success(let state):
            cache.set(path, stamp: identity, state: state)
            return .changed(treaty: state.treaty, file: name, fingerprint: state.version + identity.stamp.description)
        case .failure(.unreadable(let why)): return .unreadable(why)
        case .failure(.errors(let errors)):
            let first = errors.first.map { " (line \($0.line): \($0.message))" } ?? ""
            return .unreadable(
                "\(name) now reads with \(errors.count == 1 ? "an error" : "\(errors.count) errors")\(first); the treaty as last read stays served until the file is fixed ('pacta check \(path)' lists every error)"
            )
        case .failure(.otherTreaty(let other)):
            return .unreadable(
                "\(name) holds treaty '\(other)', not '\(id)': a file's name is its treaty's id; it is not read")
        }
    }

    /// Whether treaty `id`'s file may have changed since this desk last wrote or read it: its identity differs
    /// from the one kept (or none is kept, a batch holding it). One `stat`, without the treaty's lock: what a
    /// server looks at before it takes the lock to read the file again, so that its own writes, announced by the
    /// folder too, cost its write queue no wait for the lock.
    public func mayHaveChanged(_ id: String) -> Bool {
        guard let name = file(of: id) else { return true }
        let path = "\(folder)/\(name)"
        return FileIdentity.of(path).map { cache.stamp(of: path) != $0 } ?? true
    }

    /// Why a treaty file could not be taken (``read(_:name:)``).
    enum ReadFailure: Error {
        case unreadable(String)
        /// The reader's errors, in file order.
        case errors([Diagnostic])
        /// The file holds the treaty with this id, not the one its name says.
        case otherTreaty(String)
    }

    /// The file `name` (at `path`) read and checked: no reader error, and the treaty its name says.
    private func read(_ path: String, name: String) -> Result<FileState, ReadFailure> {
        let text: String
        do { text = try CorpusFiles.text(ofFile: path) } catch {
            return .failure(.unreadable("cannot read \(path): \(error)"))
        }
        let result = reader.read(text: text, file: path)
        guard let treaty = result.treaty, !result.diagnostics.contains(where: \.isError) else {
            return .failure(.errors(result.diagnostics.filter(\.isError)))
        }
        let stem = String(name.prefix { $0 != "." })
        guard treaty.id == stem else { return .failure(.otherTreaty(treaty.id)) }
        return .success(
            FileState(text: text, version: ContentHash.of(text.utf8), treaty: treaty, diagnostics: result.diagnostics))
    }

    /// Whether the entry at `path` is a symbolic link, or a file with another name too (a hard link).
    public static func isLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFLNK || (info.st_mode & S_IFMT == S_IFREG && info.st_nlink > 1)
    }

    /// What tells a file's versions apart without reading it: its ``PactaFormats/CorpusFiles/Stamp`` (size,
    /// modification time, and the time its inode last changed, which no program can set back: `touch -r` gives a
    /// file another's modification time, and a copy in place keeps the inode; neither keeps the change time) and
    /// its inode.
    struct FileIdentity: Equatable {
        var stamp: CorpusFiles.Stamp
        var inode: UInt64

        /// The identity of the file at `path`; `nil` where it cannot be looked at.
        static func of(_ path: String) -> FileIdentity? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return FileIdentity(stamp: CorpusFiles.stamp(info), inode: UInt64(info.st_ino))
        }
    }

    /// The file as it is, with its identity before it was read: from the cache where the file has not changed
    /// since this desk wrote or read it (taken out of the cache: the caller puts it back), else read.
    func fileState(_ path: String, name: String) throws(DeskError) -> (FileState, FileIdentity?) {
        let stamp = FileIdentity.of(path)
        if let stamp, let cached = cache.take(path), cached.stamp == stamp { return (cached.state, stamp) }
        switch read(path, name: name) {
        case .success(let state): return (state, stamp)
        case .failure(.unreadable(let why)): throw .failed(why)
        case .failure(.errors(let errors)):
            throw .refused([
                AdmissionFault(
                    "\(name) has errors already\(errors.first.map { " (line \($0.line): \($0.message))" } ?? ""); fix the file first ('pacta check \(path)' lists every error).",
                    section: "checking-a-file")
            ])
        case .failure(.otherTreaty(let other)):
            let stem = String(name.prefix { $0 != "." })
            throw .refused([
                AdmissionFault(
                    "\(name) holds treaty '\(other)', not '\(stem)': a file's name is its treaty's id. Rename the file or fix its id first ('pacta check \(path)').",
                    section: "checking-a-file")
            ])
        }
    }

    /// One act checked against `state` and appended to `text` and `ids` (the state's, held by the caller), not
    /// yet written. The state returned has an empty ``FileState/text`` and no ``FileState/ids``: `text` and `ids`
    /// are those after the act. Where the act is refused, `text` is as it was and `ids` takes no new id.
    func prepare(
        _ request: Request, in id: String, name: String, path: String, state: FileState, text: inout String,
        ids: inout EventIDs, corpus: Corpus, today: CalendarDate
    ) throws(DeskError) -> (Recording, FileState) {
        let treaty = state.treaty
        var fields = try Self.checkedFields(of: request, today: today)
        let eventID = try Self.eventID(of: &fields, in: id, treaty: treaty, ids: &ids, corpus: corpus)
        fields.append(Field("recorded", .scalar(today.description)))
        fields.append(Field("recorded-by", .scalar(request.user)))
        var point = state.point
        // Where the line goes at the known place, the text before that place is unchanged.
        let hashed = state.point.map { $0.textCount == text.utf8.count } ?? false ? state.hashed : nil
        // The version the act is checked against, where the writer gave the one it saw.
        let current = request.version == nil ? "" : state.version.isEmpty ? ContentHash.of(text.utf8) : state.version
        // The event as YAML, written once: the line appended, the text read back, the line reported.
        let yaml = FieldValue.mapping(fields).yaml
        let (context, edit) = try Self.appending(
            fields, yaml: yaml, source: request.source, to: &text, of: id, treaty: treaty, today: today,
            point: &point)
        do throws(DeskError) {
            let prepared = try prepare(
                request, in: id, name: name, path: path, state: state, fields: fields, yaml: yaml, eventID: eventID,
                ids: ids, text: text, context: context, point: point, hashed: hashed, current: current, corpus: corpus,
                today: today)
            ids.insert(prepared.0.event)
            return prepared
        } catch {
            TreatyFileText.undo(edit, in: &text)
            throw error
        }
    }

    /// ``prepare(_:in:name:path:state:text:corpus:today:)`` once the act's line is in `text`: the act read back
    /// and checked against the law, the state after it.
    private func prepare(
        _ request: Request, in id: String, name: String, path: String, state: FileState, fields: [Field],
        yaml: String, eventID: String, ids: EventIDs, text newText: String, context: Treaty,
        point: TreatyFileText.AppendPoint?,
        hashed: (offset: Int, running: ContentHash.Running)?, current: String, corpus: Corpus, today: CalendarDate
    ) throws(DeskError) -> (Recording, FileState) {
        let treaty = state.treaty
        var hashed = hashed
        // A source added edits the text before the events.
        if context.sources.count != treaty.sources.count { hashed = nil }
        var issues = state.issues
        let reread = read(
            appended: fields, yaml: yaml, text: newText, context: context, state: state, path: path, issues: &issues)
        let errors = reread.diagnostics.filter(\.isError)
        let before = treaty.applying(corpus.successions)
        // The engine reads the corpus for the treaties a condition waits for: only a treaty whose conditions wait
        // for others can reach itself there (through a cycle), and needs the corpus with itself as it stands. For
        // any other the corpus as given computes the same, without a copy of its array of treaties at each act
        // (two copies an act of 250,000 treaties' values).
        let waits = treaty.rules.waitsForATreaty
        let lifecycle = Lifecycle(corpus: waits ? corpus.replacing(before) : corpus)
        // The log as the last act left it, walked (the corpus's successions added nothing to it): a status on its
        // last day or later costs no walk of the log.
        let walkedBefore = state.walked.flatMap {
            before.events.count == treaty.events.count && $0.treaty.events.count == before.events.count ? $0 : nil
        }
        func status(before day: CalendarDate) -> TreatyStatus {
            walkedBefore.flatMap { lifecycle.status(of: $0, on: day) }
                ?? lifecycle.status(of: before, on: day, explain: false)
        }
        // The law's sentences first, where the event could be read; then the reader's.
        let readBack =
            reread.treaty?.events.last.flatMap { $0.id == eventID ? $0 : nil }
            ?? reread.treaty?.events.first(where: { $0.id == eventID })
        // The statuses are on today, or the act's date where it is later: for an act of today (what a desk mostly
        // records), the status the law's check reads is the status before, computed once for both.
        var knownBefore = state.status.flatMap { $0.on == max(today, readBack?.date ?? today) ? $0.status : nil }
        if let readBack {
            if readBack.date >= today, knownBefore == nil {
                knownBefore = status(before: readBack.date)
            }
            // An act of an earlier day is judged against the status of that day: its end known from the walk
            // where the act's kind needs no more (a domestic step ...), the whole status where it does.
            let day = readBack.date
            let known = day >= today ? knownBefore : nil
            // Every reason at once: the law's, then the reader's (an unknown field as well as a State bound already).
            do throws(DeskError) {
                try Self.checkLaw(
                    readBack, in: id, treaty: treaty, before: before, lifecycle: lifecycle,
                    termination: {
                        known.map { $0.termination } ?? walkedBefore.flatMap { lifecycle.termination(of: $0, on: day) }
                    },
                    status: {
                        known ?? walkedBefore.flatMap { lifecycle.status(of: $0, on: day) }
                            ?? lifecycle.status(of: before, on: day, explain: false)
                    },
                    seen: request.version, current: current, mayBeRecorded: ids.mayHaveRecorded(readBack))
            } catch {
                guard case .refused(let faults) = error, !errors.isEmpty else { throw error }
                let section = Self.section(of: fields)
                // A reader's error that says what a law's fault says (the same opening clause) is said once.
                func opening(_ text: String) -> Substring { text.prefix { $0 != ":" && $0 != "," && $0 != ";" } }
                let said = Set(faults.map { opening($0.message) })
                let more = errors.map { AdmissionFault(Self.sentence($0.message), section: section) }
                    .filter { !said.contains(opening($0.message)) }
                throw .refused(faults + more)
            }
        }
        if newText.utf8.count > CorpusFiles.maximumBytes {
            throw .refused([
                AdmissionFault(
                    "With this act \(name) would be \(newText.utf8.count) bytes, over the limit of \(CorpusFiles.maximumBytes) for a treaty file, and could no longer be read; shorten the notes, or split the record.",
                    section: "events")
            ])
        }
        guard errors.isEmpty, let afterFile = reread.treaty, let event = readBack else {
            let messages = errors.isEmpty ? ["the event could not be read back from the file"] : errors.map(\.message)
            throw .refused(messages.map { AdmissionFault(Self.sentence($0), section: Self.section(of: fields)) })
        }
        let known = Set(state.diagnostics.map(\.message))
        let warnings = reread.diagnostics.filter { !$0.isError && !known.contains($0.message) }.map(\.message)
        let after = afterFile.applying(corpus.successions)
        let on = max(today, event.date)
        let statusBefore = knownBefore ?? status(before: on)
        let lifecycleAfter = waits ? Lifecycle(corpus: corpus.replacing(after)) : lifecycle
        // The log walked on by the act (or walked anew where it cannot be: an act dated before the last ...).
        var walkedAfter: Lifecycle.Resumable?
        if after.events.count == afterFile.events.count {
            walkedAfter =
                walkedBefore.flatMap { lifecycleAfter.resuming($0, with: after) } ?? lifecycleAfter.resumable(after)
        }
        let statusAfter =
            walkedAfter.flatMap { lifecycleAfter.status(of: $0, on: on) }
            ?? lifecycleAfter.status(of: after, on: on, explain: false)
        let line = "- " + yaml
        let recording = Recording(
            event: event, line: line, fields: fields, read: afterFile, file: name,
            statusBefore: statusBefore, statusAfter: statusAfter, on: on, version: "", fingerprint: "",
            warnings: warnings)
        let next = FileState(
            // The version is hashed when written, or when a later act of the batch gives the version it saw; the
            // text is the caller's.
            text: "", version: "", treaty: afterFile, diagnostics: reread.diagnostics,
            issues: issues, status: (on, statusAfter), point: point, walked: walkedAfter, hashed: hashed)
        return (recording, next)
    }

    /// The request's fields as they are written: without `recorded` and `recorded-by`, which the desk adds, and
    /// with article numbers quoted.
    /// - Throws: ``DeskError/refused(_:)`` where the request's own values are wrong (``inputFault(_:user:today:)``).
    static func checkedFields(of request: Request, today: CalendarDate) throws(DeskError) -> [Field] {
        let fields = request.fields.filter { !["recorded", "recorded-by"].contains($0.key) }.map { field in
            // Article numbers are written quoted, as the corpus writes them.
            guard field.key == "articles", case .list(let items) = field.value else { return field }
            return Field(field.key, .list(items.map { if case .scalar(let a) = $0 { .text(a) } else { $0 } }))
        }
        if let fault = inputFault(fields, user: request.user, today: today) {
            throw .refused([AdmissionFault(fault, section: "events")])
        }
        return fields
    }

    /// The new event's id: the one `fields` give, else one made up (``EventIDs/newID(_:treaty:)``) and put first in `fields`.
    /// - Throws: ``DeskError/refused(_:)`` where the id given is taken by an event of this treaty or another.
    static func eventID(
        of fields: inout [Field], in id: String, treaty: Treaty, ids: inout EventIDs, corpus: Corpus
    ) throws(DeskError) -> String {
        guard let given = fields.first(where: { $0.key == "id" }), case .scalar(let value) = given.value else {
            let made = ids.newID(fields, treaty: treaty)
            fields.insert(Field("id", .scalar(made)), at: 0)
            return made
        }
        if ids.contains(value), let taken = treaty.events.first(where: { $0.id == value }) {
            throw .refused([
                AdmissionFault(
                    "The id '\(value)' is taken by another event of \(id) (\(taken.typeName), \(taken.dateText)); choose another, or leave the id out to have one made.",
                    section: "events")
            ])
        }
        if let other = corpus.treaties.first(where: { $0.id != id && $0.events.contains { $0.id == value } }) {
            throw .refused([
                AdmissionFault(
                    "The id '\(value)' is taken by an event of \(other.id); event ids are unique in the corpus.",
                    section: "events")
            ])
        }
        return value
    }

    /// Appends the event to the `events` of `text`, in place, and gives the treaty to read the event against: where
    /// the event cites a source `treaty` lacks, the new `source` is added to both. `text` is unchanged where this
    /// throws; the edit returned takes the act back (``TreatyFileText/undo(_:in:)``).
    /// - Throws: ``DeskError/refused(_:)`` where the cited source is neither known nor given, or the text cannot
    ///   take the event.
    /// - Parameter point: where the event's line goes in `text`, where known; then where the next one goes.
    /// - Parameter yaml: ``FieldValue/yaml`` of the mapping of `fields`.
    static func appending(
        _ fields: [Field], yaml: String, source: NewSource?, to text: inout String, of id: String, treaty: Treaty,
        today: CalendarDate, point: inout TreatyFileText.AppendPoint?
    ) throws(DeskError) -> (context: Treaty, edit: TreatyFileText.Edit) {
        var context = treaty
        // The text before a source was added to it: what taking the act back restores.
        var original: String?
        do {
            if let citedKey = scalar(fields, "source"), treaty.sources[citedKey] == nil {
                guard let source, source.key == citedKey else {
                    let known = treaty.sources.keys.sorted().joined(separator: ", ")
                    throw DeskError.refused([
                        AdmissionFault(
                            "The source '\(citedKey)' is not among the sources of \(id) (known: \(known.isEmpty ? "none" : known)); give its title (and URL) to add it.",
                            section: "sources")
                    ])
                }
                var entry = [Field("title", .scalar(source.title))]
                if let url = source.url { entry.append(Field("url", .scalar(url))) }
                let accessed = source.accessed ?? today
                entry.append(Field("accessed", .scalar(accessed.description)))
                original = text
                text = try TreatyFileText.addingEntry(source.key, entry, toMapping: "sources", in: text)
                context.sources[source.key] = Treaty.Source(title: source.title, url: source.url, accessed: accessed)
                point = nil  // the sources block may come before the events
            }
            let edit = try TreatyFileText.appendItem(yaml: yaml, toList: "events", in: &text, point: &point)
            return (context, original.map { .replaced($0) } ?? edit)
        } catch let error as DeskError {
            if let original { text = original }
            throw error
        } catch {
            if let original { text = original }
            throw .refused([AdmissionFault("\(error)", section: "events")])
        }
    }

    /// The treaty and its diagnostics with the event appended. The appended line alone is read against `context`
    /// (what a read of the whole file would say of it); a correction, or a file whose documented date the events
    /// must give, is read again whole from `text`, and `issues` are then forgotten. `yaml` is the event's mapping
    /// as written (``FieldValue/yaml``).
    func read(
        appended fields: [Field], yaml: String, text: String, context: Treaty, state: FileState, path: String,
        issues: inout Treaty.RecordChecks?
    ) -> (treaty: Treaty?, diagnostics: [Diagnostic]) {
        let treaty = state.treaty
        guard Self.scalar(fields, "type") != "correction",
            treaty.documented?.entryIntoForce == nil || treaty.record == .partial
        else {
            let result = reader.read(text: text, file: path)
            issues = nil
            return (result.treaty, result.diagnostics)
        }
        let (_, diagnostics, after) = reader.read(
            event: yaml, appendedTo: context, file: path, issues: &issues, idIsNew: true)
        return (after ?? context, state.diagnostics + diagnostics)
    }

    /// Checks the event read back against the law of the treaty as it stood (`before`, with `lifecycle`), and
    /// against the acts `treaty` records.
    /// - Parameters:
    ///   - termination, status: the treaty's end and status on the event's date, as
    ///     ``Treaty/admissionFaults(of:lifecycle:termination:status:)`` takes them.
    ///   - seen: the file's version the writer saw, where it gave one; `current` is the file's version now.
    /// - Throws: ``DeskError/conflict(_:)`` where the act is recorded already, or where the law refuses it and
    ///   the writer saw an older version; ``DeskError/refused(_:)`` with the law's faults otherwise.
    static func checkLaw(
        _ event: Event, in id: String, treaty: Treaty, before: Treaty, lifecycle: Lifecycle,
        termination: () -> CalendarDate??, status: () -> TreatyStatus, seen: String?, current: String,
        mayBeRecorded: Bool = true
    ) throws(DeskError) {
        let faults = before.admissionFaults(
            of: event, lifecycle: lifecycle, termination: termination, status: status)
        if mayBeRecorded, let same = treaty.event(dated: event.date, where: { sameAct($0, event) }) {
            throw .conflict(
                "This act is already recorded for \(id), as event \(same.id)\(same.recordedBy.map { " (recorded by \($0)\(same.recorded.map { " on \($0)" } ?? ""))" } ?? ""); it was not recorded twice."
            )
        }
        guard !faults.isEmpty else { return }
        if seen.map({ $0 != current }) ?? false {
            throw .conflict(
                "\(id) changed since the version you saw (\(seen ?? "")): \(faults.map(\.message).joined(separator: " ")) Read the treaty's status again before recording."
            )
        }
        throw .refused(faults)
    }

    /// Writes the file of a new treaty, `ID.yaml`, after reading it back: the text must pass the reader with no
    /// error.
    /// - Returns: the file written, relative to the folder, with the treaty read from it.
    /// - Throws: ``DeskError/conflict(_:)`` where a file for that id exists, ``DeskError/refused(_:)`` where the
    ///   request has faults (``NewTreaty/faults``) or the file would not read (an unknown party code).
    public func create(_ new: NewTreaty) throws(DeskError) -> Created {
        if let fault = new.faults.first { throw .refused([AdmissionFault(fault, section: "identity-and-metadata")]) }
        let lock = try Self.lock(folder, new.id)
        defer { lock.unlock() }
        if let existing = file(of: new.id) {
            throw .conflict(
                "\(existing) exists already: a treaty id is used once; record acts in that treaty instead."
            )
        }
        let name = "\(new.id).yaml"
        let read = reader.read(text: new.text, file: "\(folder)/\(name)")
        let errors = read.diagnostics.filter(\.isError)
        guard errors.isEmpty else {
            throw .refused(errors.map { AdmissionFault(Self.sentence($0.message), section: "identity-and-metadata") })
        }
        let path = "\(folder)/\(name)"
        do { try DurableFile.replace(path, with: new.text) } catch { throw .failed(error.description) }
        let version = ContentHash.of(new.text.utf8)
        return Created(
            file: name, treaty: read.treaty!, version: version,
            fingerprint: version + (CorpusFiles.stamp(ofFile: path)?.description ?? "@?"))
    }

    /// A treaty file ``create(_:)`` wrote: its name, the treaty as read from it, its version and index fingerprint.
    public struct Created: Sendable {
        public var file: String
        public var treaty: Treaty
        public var version: String
        public var fingerprint: String

        /// - Parameters:
        ///   - file: the file name (`ID.yaml`); `treaty`: as read from it; `version`: ``ContentHash`` of its text;
        ///   `fingerprint`: what an index keeps for it.
        public init(file: String, treaty: Treaty, version: String, fingerprint: String) {
            self.file = file
            self.treaty = treaty
            self.version = version
            self.fingerprint = fingerprint
        }
    }

    /// The file's version (``ContentHash`` of its bytes), as ``Recording/version`` gives it after a write.
    public func version(of id: String) -> String? {
        guard let name = file(of: id), let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else {
            return nil
        }
        return ContentHash.of(data)
    }

    static func lock(_ folder: String, _ id: String) throws(DeskError) -> TreatyLock {
        guard isValidID(id) else {
            throw .notFound("'\(id)' is not a treaty id: lower-case letters, digits and hyphens.")
        }
        do { return try TreatyLock(folder: folder, id: id) } catch { throw .failed(error.description) }
    }

    /// What is wrong with the request's own values, before any check of the law: a key that is not a field name,
    /// an id or a user name that is not a plain token, control characters, a line over 64 KiB, an act dated after today or recorded before it
    /// happened.
    static func inputFault(_ fields: [Field], user: String, today: CalendarDate) -> String? {
        func plain(_ text: String) -> Bool {
            !text.isEmpty && text.count <= 120
                && text.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                        || "._:-".unicodeScalars.contains($0)
                }
        }
        // Every key, nested ones too, is a field name of the format (lower-case words joined by '-'): a key is
        // written as it is given, so one that could hold YAML's punctuation would let a request write other
        // fields (`recorded-by`) or a comment into the file.
        func keys(_ fields: [Field]) -> [String] {
            fields.flatMap { field -> [String] in
                switch field.value {
                case .mapping(let inner): [field.key] + keys(inner)
                case .list(let items):
                    [field.key]
                        + items.flatMap { item -> [String] in
                            if case .mapping(let inner) = item { keys(inner) } else { [] }
                        }
                default: [field.key]
                }
            }
        }
        if let key = keys(fields).first(where: { key in
            key.isEmpty || key.count > 40
                || !key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }) {
            return
                "'\(key.prefix(60))' is not a field of an event: a field name is lower-case letters, digits and '-' (docs/treaty-format.md lists each event type's fields)."
        }
        if let id = scalar(fields, "id"), !plain(id) {
            return
                "The id '\(id.prefix(60))' cannot be used: an event id is letters, digits, '.', '_', ':' or '-', at most 120 characters."
        }
        if !plain(user) {
            return
                "'\(user.prefix(60))' cannot be written as recorded-by: a user name is letters, digits, '.', '_', ':' or '-'."
        }
        func controls(_ value: FieldValue) -> Bool {
            switch value {
            case .scalar(let text), .text(let text):
                return text.unicodeScalars.contains { $0 != "\t" && $0 != "\n" && Self.isNotPlainText($0) }
            case .list(let items): return items.contains(where: controls)
            case .mapping(let inner): return inner.contains { controls($0.value) }
            }
        }
        if let field = fields.first(where: { controls($0.value) }) {
            return
                "The \(field.key) holds control characters (or a Unicode line separator or a bidirectional override); write it as plain text."
        }
        let bytes = FieldValue.mapping(fields).yaml.utf8.count
        if bytes > 65_536 { return "This event is \(bytes) bytes; an event is at most 64 KiB (keep notes short)." }
        if scalar(fields, "type") != "correction", let text = scalar(fields, "date"),
            let date = CalendarDate(iso: text), date > today
        {
            return "The act is dated \(date), after today (\(today)): record an act once it has taken place."
        }
        // A correction that would date the act it corrects after today would let an act still to come in.
        if scalar(fields, "type") == "correction", let replace = fields.first(where: { $0.key == "replace" }),
            case .mapping(let replaced) = replace.value, let text = scalar(replaced, "date"),
            let date = CalendarDate(iso: text), date > today
        {
            return
                "The correction dates the act \(date), after today (\(today)): an act is recorded, or corrected, once it has taken place."
        }
        return nil
    }

    /// Whether `scalar` has no place in a value written into a treaty file: a C0 or C1 control character
    /// (line breaks and tabs included: callers that allow them say so), DEL, a Unicode line or paragraph separator,
    /// or a bidirectional override or isolate (shown as is, they reverse what follows them).
    static func isNotPlainText(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F..<0xA0).contains(value) || value == 0x2028 || value == 0x2029
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// The value of a scalar field.
    static func scalar(_ fields: [Field], _ key: String) -> String? {
        guard let field = fields.first(where: { $0.key == key }), case .scalar(let value) = field.value else {
            return nil
        }
        return value
    }

    /// Whether two events record the same act: the same type, date and fields, whatever their ids, notes, sources
    /// and who recorded them.
    /// - Parameter a: read in place (the log's events are searched for one like `b`, and a copy of each would
    ///   retain every text it holds).
    static func sameAct(_ a: UnsafePointer<Event>, _ b: Event) -> Bool {
        // The dates first: they are compared without copying anything.
        guard a.pointee.date == b.date, a.pointee.earliestDate == b.earliestDate else { return false }
        switch a.pointee.kind {
        case .correction: return false
        default: return a.pointee.kind == b.kind
        }
    }

    /// The reader's message as a sentence for a clerk: capitalised, with a full stop.
    static func sentence(_ message: String) -> String {
        guard let first = message.first else { return message }
        // A message that starts with a code or a field (`org:un ...`, `party: ...`) keeps its case.
        let firstWord = message.prefix { $0 != " " }
        let text = firstWord.contains(":") ? message : first.uppercased() + message.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }

    /// The section of the format reference for an event's type (`consent`, `exchange-of-instruments` ...).
    static func section(of fields: [Field]) -> String {
        switch scalar(fields, "type") ?? "events" {
        case "reservation", "declaration": "reservation-and-declaration"
        case "suspension", "resumption": "suspension-and-resumption"
        case let type: type
        }
    }
}

/// The last text and reading of each file a desk wrote or read, with the file's stamp then.
final class ReadCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (stamp: Desk.FileIdentity, state: Desk.FileState)] = [:]

    /// The entry of `path`, taken out of the cache: the caller then holds the only reference to its text and event
    /// ids, which a batch grows in place (a copy of the text, 1 MB at 6,000 events, and of the ids at each batch
    /// otherwise), and puts it back with ``set(_:stamp:state:)``. Writers of one file take turns (``TreatyLock``).
    func take(_ path: String) -> (stamp: Desk.FileIdentity, state: Desk.FileState)? {
        lock.withLock { entries.removeValue(forKey: path) }
    }

    /// The stamp of `path`'s entry, where there is one (it stays in the cache).
    func stamp(of path: String) -> Desk.FileIdentity? { lock.withLock { entries[path]?.stamp } }

    /// Keeps `state` without its status: that is on a day against the corpus of its batch, which the next batch
    /// may not share.
    func set(_ path: String, stamp: Desk.FileIdentity, state: Desk.FileState) {
        var kept = state
        kept.status = nil
        lock.withLock { entries[path] = (stamp, kept) }
    }
}

/// The last state of each treaty text a desk recorded in (``Desk/record(_:in:file:text:corpus:today:)``).
final class TextCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Desk.FileState] = [:]
    /// The version of each text last set, kept while its state is taken.
    private var versions: [String: String] = [:]

    /// The version of the text last set for `path`.
    func version(_ path: String) -> String? { lock.withLock { versions[path] } }
    /// The state of `path`, taken out of the cache (its version stays): the caller then holds the only reference to
    /// its text and ids, which a batch grows in place, and puts it back with ``set(_:_:)``. Batches of one treaty
    /// take turns (the server's queue per treaty).
    func take(_ path: String) -> Desk.FileState? { lock.withLock { entries.removeValue(forKey: path) } }
    /// The state of `path` where it is held at `version` (it stays in the cache).
    func state(_ path: String, version: String) -> Desk.FileState? {
        lock.withLock { entries[path].flatMap { $0.version == version ? $0 : nil } }
    }
    func set(_ path: String, _ state: Desk.FileState) {
        lock.withLock {
            entries[path] = state
            versions[path] = state.version
        }
    }
}

/// The event ids of a treaty's log, kept while a desk records act after act: whether an id is taken, and for each
/// base of made-up ids (`ID-ratification-tha`) the highest number used after it, so that making an id does not
/// read the whole log again; and a hash of each act (``act(_:)``), so that an act not recorded yet (the usual
/// case) is known to be new without reading the log.
struct EventIDs: Sendable {
    private var ids: Set<String>
    /// Per base: whether the base itself is taken, and the highest `N` of the ids `BASE-N`.
    private var numbered: [String: (taken: Bool, highest: Int)] = [:]
    private var acts: Set<Int>

    init(_ events: LogArray<Event>) {
        ids = Set(events.lazy.map(\.id))
        acts = Set(events.lazy.compactMap(Self.act))
    }

    /// What ``Desk/sameAct(_:_:)`` compares, hashed: the dates and the kind; `nil` for a correction, which is never
    /// the same act as another.
    static func act(_ event: Event) -> Int? {
        if case .correction = event.kind { return nil }
        var hasher = Hasher()
        hasher.combine(event.date)
        hasher.combine(event.earliestDate)
        hasher.combine(event.kind)
        return hasher.finalize()
    }

    func contains(_ id: String) -> Bool { ids.contains(id) }

    /// Whether the log may record `event`'s act already: `false` where no event of it is the same act.
    func mayHaveRecorded(_ event: Event) -> Bool { Self.act(event).map(acts.contains) ?? false }

    /// Takes `event`'s id and act, for an event now recorded.
    mutating func insert(_ event: Event) {
        insert(event.id)
        if let act = Self.act(event) { acts.insert(act) }
    }

    /// Takes `id` for an event now recorded.
    mutating func insert(_ id: String) {
        ids.insert(id)
        for (base, entry) in numbered {
            if id == base {
                numbered[base] = (true, entry.highest)
            } else if id.hasPrefix(base + "-"), let n = Int(id.dropFirst(base.count + 1)) {
                numbered[base] = (entry.taken, max(entry.highest, n))
            }
        }
    }

    /// A new event id: the treaty's id, the type and the party (`ru-kp-2024-partnership-consent-rus`), with a
    /// number after the highest of those numbers where that is taken (`...-consent-rus-2`).
    mutating func newID(_ fields: [Field], treaty: Treaty) -> String {
        var parts = [treaty.id, Desk.scalar(fields, "form") ?? Desk.scalar(fields, "type") ?? "event"]
        if let party = Desk.scalar(fields, "party") {
            parts.append(party.lowercased().replacingOccurrences(of: ":", with: "-"))
        }
        let base = parts.joined(separator: "-")
        guard ids.contains(base) else { return base }
        let entry: (taken: Bool, highest: Int)
        if let known = numbered[base] {
            entry = known
        } else {
            // One pass over the ids, the first time this base is taken: the highest number after it (`BASE-7`).
            let numberedPrefix = base + "-"
            var highest = 1
            for id in ids where id.hasPrefix(numberedPrefix) {
                if let n = Int(id.dropFirst(numberedPrefix.count)) { highest = max(highest, n) }
            }
            entry = (true, highest)
            numbered[base] = entry
        }
        return "\(base)-\(entry.highest + 1)"
    }
}
