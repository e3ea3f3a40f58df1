import Foundation
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import PactaStore

/// What the server holds: the questions over one loaded corpus and its index, and the clock for defaults. The
/// index is any ``TreatyIndex`` back end, chosen by the caller (`pacta serve` passes SQLite; tests the in-memory
/// index): the server never names one.
///
/// Writes (``desk``) change the corpus the questions are over: each request reads the snapshot current when it
/// starts (``questions``), and a write replaces it with the treaty as written.
public struct AppState: Sendable {
    let live: LiveQuestions
    public let today: @Sendable () -> CalendarDate
    /// Records acts in the corpus folder's files; `nil` where the server only reads (no folder given), or writes
    /// to a shared ``record`` instead.
    public let desk: Desk?
    /// The shared record (a database) that writes go to in place of the folder's files; `nil` for files.
    public let record: (any TreatyRecord)?
    /// The users who may write (the users file, or the database's users); `nil` where the server only reads.
    public let users: (any UserDirectory)?
    /// Where every write, accepted or refused, is logged: who, when, what, the outcome. Never a token.
    public let audit: Logger
    let batches = WriteBatches()
    /// Where ``reread(_:starting:)`` runs: one queue per server, so that one server's folder of new files does
    /// not keep another's waiting.
    let rereads = DispatchQueue(label: "pacta.reread")
    /// Where the awaited steps of this server's writes run: ``WriteSteps/shared``, the one thread of the process's
    /// writes. A test that holds that thread gives its server one of its own, so as not to hold the writes of the
    /// other tests of the process.
    var writeSteps = WriteSteps.shared
    /// Where the index refreshes of ``reread(_:starting:)`` run: ``WriteSteps/rereads``, never ``writeSteps``.
    var rereadSteps = WriteSteps.rereads

    /// The questions over the corpus as it is now.
    public var questions: Questions { live.current }

    public var corpus: Corpus { questions.corpus }
    public var lifecycle: Lifecycle { questions.lifecycle }
    public var network: AllianceNetwork { questions.network }
    public var obligations: ObligationsEngine { questions.obligations }

    /// Reads the corpus folder and brings `index` up to date with it.
    /// - Throws: where the corpus folder or the index cannot be read.
    public init(configuration: ServerConfiguration, index: any TreatyIndex) async throws {
        let loaded = try CorpusLoader().load(directory: configuration.corpus)
        _ = try await Indexer(corpus: configuration.corpus).refresh(index)
        let faulty = Set(loaded.diagnostics.filter(\.isError).map { Self.stem(of: $0.file) })
        let desk = try? Desk(corpus: configuration.corpus)
        // What writers killed in the middle of a write left behind (never a treaty's file).
        let leftovers = desk?.removeLeftovers() ?? []
        if !leftovers.isEmpty {
            configuration.audit.info(
                "removed temporary files of unfinished writes",
                metadata: ["files": "\(leftovers.joined(separator: ", "))"])
        }
        self.init(
            questions: Questions(corpus: loaded.corpus, index: index, faulty: faulty), today: configuration.today,
            desk: desk,
            users: UserStore(path: configuration.users ?? UserStore.defaultPath(corpus: configuration.corpus)),
            audit: configuration.audit)
    }

    public init(corpus: Corpus, index: any TreatyIndex, today: @escaping @Sendable () -> CalendarDate) {
        self.init(questions: Questions(corpus: corpus, index: index), today: today)
    }

    /// - Parameters:
    ///   - desk, users: where writes go and who may make them; without them every write answers `503`.
    ///   - audit: the log of writes.
    ///   - record: the shared record writes go to instead of `desk` (a database), where there is one.
    public init(
        questions: Questions, today: @escaping @Sendable () -> CalendarDate, desk: Desk? = nil,
        record: (any TreatyRecord)? = nil, users: (any UserDirectory)? = nil,
        audit: Logger = Logger(label: "pacta.audit")
    ) {
        self.live = LiveQuestions(questions)
        self.today = today
        self.desk = desk
        self.record = record
        self.users = users
        self.audit = audit
    }

    /// Whether this server takes writes: to the folder's files or to a shared record.
    var writable: Bool { (desk != nil || record != nil) && users != nil }

    /// Puts `treaty` in the questions' snapshot as the shared record now holds it (this server's write, or another
    /// server's, of which the record notified this one), unless the snapshot holds that reading or a later one
    /// already (as many events or more: the record's events are only ever appended).
    public func replace(_ treaty: Treaty) {
        live.update { questions in
            if let held = questions.corpus[treaty.id], held.events.count >= treaty.events.count {
                return questions
            }
            return questions.replacing(treaty)
        }
    }

    /// Reads treaty `id`'s file again where it changed since this server last wrote or read it (another process
    /// recorded in it, an editor saved it: ``FolderWatch`` says so), and answers from it: the index is given the
    /// file and the questions' snapshot takes the treaty, under the treaty's file lock, as a write of this server
    /// would. A file that now reads with errors, or holds another treaty than its name says, is not taken (the
    /// treaty as last read stays), and the audit log says why.
    ///
    /// The readings run one at a time on a queue of their own, not on the treaties' write queues: a folder of
    /// files copied in at once would otherwise hold one of Dispatch's threads per treaty.
    /// - Parameter starting: run on the queue before the file is looked at.
    func reread(_ id: String, starting: @escaping @Sendable () -> Void = {}) async {
        guard let desk, record == nil else { return }
        let (live, audit, rereads, steps) = (live, audit, rereads, rereadSteps)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            rereads.async {
                defer { done.resume() }
                starting()
                // Most announcements are this server's own writes: one `stat`, no wait for the lock.
                guard desk.mayHaveChanged(id) else { return }
                // Where the folder is read-only no lock file can be made; nothing of this server writes there.
                let lock = try? desk.lock(id)
                defer { lock?.unlock() }
                switch desk.reread(id, holding: lock) {
                case .unchanged: return
                case .unreadable(let why):
                    audit.warning("file changed, not read", metadata: ["treaty": "\(id)", "reason": "\(why)"])
                case .changed(let treaty, let file, let fingerprint):
                    let questions = live.current
                    let failure = Self.waiting(on: steps) {
                        await questions.indexing(read: treaty, file: file, fingerprint: fingerprint)
                    }
                    live.update { $0.replacing(treaty) }
                    var metadata: Logger.Metadata = ["treaty": "\(id)", "events": "\(treaty.events.count)"]
                    if let failure { metadata["index"] = "\(failure)" }
                    audit.info("file changed outside this server, read again", metadata: metadata)
                }
            }
        }
    }

    /// A file's name without folder or extension: the id of the treaty it holds.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.split(separator: ".").dropLast().joined(separator: ".")
    }
}

/// The current ``Questions`` snapshot, replaced as a whole after each write.
final class LiveQuestions: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Questions

    init(_ questions: Questions) { value = questions }

    var current: Questions { lock.withLock { value } }

    /// Replaces the snapshot with `change` of it, atomically with respect to other writers.
    func update(_ change: (Questions) -> Questions) { lock.withLock { value = change(value) } }
}

/// The writes of each treaty, on a serial queue of its own (other treaties' writes run beside them); the queue's
/// thread waits on the treaty's file lock, which also holds against `pacta record` in a shell, never one of the
/// threads that run requests. Acts recorded in a treaty are gathered while the previous ones are written, then
/// recorded together (group commit): one replacement of the file and one refresh of the index for all of them.
/// Each write still gets its own answer.
///
/// A write is taken into a batch only once the batch holds what it waits for (the treaty's file lock, where the
/// caller gives one): until then it can be withdrawn. A request stopped at the server's deadline while it waits
/// (a shell holds the lock) is withdrawn and answered as not recorded; once taken, it is recorded or refused.
/// While another process holds the lock, the queue tries again a few milliseconds later rather than wait in
/// `flock`: a thread of Dispatch's pool held per treaty waiting (256 treaties locked by shells at once) left no
/// thread for the writes of any other treaty.
final class WriteBatches: @unchecked Sendable {
    private struct Item {
        var number: Int
        var request: Desk.Request
        var continuation: CheckedContinuation<Result<Recording, DeskError>, Never>
    }

    private let lock = NSLock()
    private var pending: [String: [Item]] = [:]
    private var queues: [String: DispatchQueue] = [:]
    private var issued = 0

    /// At most this many writes are recorded together.
    static let largestBatch = 64

    /// What ``submit(_:to:hold:work:)``'s `hold` found: the lock, another holder, or why it cannot be had.
    enum Hold {
        case held(TreatyLock)
        case busy
        case failed(DeskError)
    }

    /// Queues `request` for treaty `id`, and answers it once `work` (run on the treaty's queue with the requests
    /// gathered by then, in order of arrival, and what `hold` took) has recorded it.
    /// - Parameters:
    ///   - hold: taken on the treaty's queue before the requests are, without waiting: the treaty's file lock,
    ///     ``Hold/busy`` (tried again shortly), or why it cannot be had (every request gathered is then answered
    ///     with it). `nil`: nothing to wait for.
    ///   - work: records the requests; it releases what `hold` took.
    /// - Returns: the recording, or why not; ``PactaDesk/DeskError/unavailable(_:)`` where the task was cancelled
    ///   before its batch took it (nothing recorded).
    func submit(
        _ request: Desk.Request, to id: String,
        hold: (@Sendable () -> Hold)? = nil,
        work: @escaping @Sendable ([Desk.Request], TreatyLock?) -> [Result<Recording, DeskError>]
    ) async -> Result<Recording, DeskError> {
        let number = lock.withLock {
            issued += 1
            return issued
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let (queue, first) = lock.withLock {
                    pending[id, default: []].append(Item(number: number, request: request, continuation: continuation))
                    return (serialQueue(for: id), pending[id]!.count == 1)
                }
                guard first else { return }
                queue.async { self.drain(id, queue, hold, work, retry: 0) }
            }
        } onCancel: {
            withdraw(number, from: id)
        }
    }

    /// Answers write `number` of treaty `id` as not recorded, where no batch has taken it yet.
    private func withdraw(_ number: Int, from id: String) {
        let item: Item? = lock.withLock {
            guard let position = pending[id]?.firstIndex(where: { $0.number == number }) else { return nil }
            return pending[id]!.remove(at: position)
        }
        item?.continuation.resume(
            returning: .failure(
                .unavailable(
                    "The write was stopped before its turn came (the treaty is being written by another process); it was not recorded. Send it again."
                )))
    }

    /// Runs `work` on treaty `id`'s queue, after the writes queued before it, and returns its result.
    func run<T: Sendable>(_ id: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let queue = lock.withLock { serialQueue(for: id) }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Treaty `id`'s queue, made the first time; called with `lock` held.
    private func serialQueue(for id: String) -> DispatchQueue {
        if let queue = queues[id] { return queue }
        let queue = DispatchQueue(label: "pacta.write.\(id)")
        queues[id] = queue
        return queue
    }

    /// Records the writes pending for treaty `id`, batch after batch, on its `queue`; where `hold` finds the lock
    /// busy, runs again on the queue after a pause that grows with `retry` (1 to 100 ms), the writes still pending
    /// (and withdrawable).
    private func drain(
        _ id: String, _ queue: DispatchQueue, _ hold: (@Sendable () -> Hold)?,
        _ work: @escaping @Sendable ([Desk.Request], TreatyLock?) -> [Result<Recording, DeskError>], retry: Int
    ) {
        while lock.withLock({ !(pending[id] ?? []).isEmpty }) {
            let held = hold?()
            if case .busy? = held {
                // 1, 2, 4 … 64 ms, then every 100 ms: a shell's write is over in milliseconds, and a lock held
                // long (hundreds of treaties held at once) is not asked for thousands of times a second.
                let pause = min(100, 1 << min(retry, 7))
                queue.asyncAfter(deadline: .now() + .milliseconds(pause)) {
                    self.drain(id, queue, hold, work, retry: retry + 1)
                }
                return
            }
            let items: [Item] = lock.withLock {
                let all = pending[id] ?? []
                let taken = Array(all.prefix(Self.largestBatch))
                pending[id] = Array(all.dropFirst(taken.count))
                return taken
            }
            let results: [Result<Recording, DeskError>]
            switch held {
            case .failed(let error)?: results = items.map { _ in .failure(error) }
            case .held(let treatyLock)?:
                // Every write waiting was withdrawn while the lock was awaited.
                guard !items.isEmpty else {
                    treatyLock.unlock()
                    continue
                }
                results = work(items.map(\.request), treatyLock)
            case .busy?, nil:
                guard !items.isEmpty else { continue }
                results = work(items.map(\.request), nil)
            }
            for (item, result) in zip(items, results) { item.continuation.resume(returning: result) }
        }
    }
}
