import Foundation
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaStore
import PostgresNIO

/// The depositary's desk on the PostgreSQL record: each batch of acts of one treaty is one transaction that locks
/// the treaty's row (`SELECT ... FOR UPDATE`), re-reads its committed events, checks the acts as the file desk
/// does (``PactaDesk/Desk/record(_:in:file:text:corpus:today:)``: the same refusals, the same sentences),
/// inserts the event rows, logs the writes, notifies the other servers, and commits; only then are the acts
/// answered as recorded.
public struct PostgresDesk: TreatyRecord {
    public let record: PostgresRecord
    /// Reads and checks treaty texts with the corpus's organisations and regions (a desk over a folder holding
    /// the record's corpus files).
    public let desk: Desk
    /// The versions of each treaty this desk committed lately or is committing (added before the commit, removed
    /// where it fails): the server's follower of the record's notifications (``PostgresServing/follow(_:)``) knows
    /// its own writes by them, and does not read those treaties again.
    let committed = OwnVersions()

    /// - Parameters:
    ///   - record: the database.
    ///   - desk: a desk over a folder with the record's `entities.yaml` and `regions.yaml` (``PostgresRecord/export(to:)``
    ///     writes them), which reads the treaties' texts.
    public init(record: PostgresRecord, desk: Desk) {
        self.record = record
        self.desk = desk
    }

    public func record(_ requests: [Desk.Request], in id: String, corpus: Corpus, today: CalendarDate) async
        -> [Result<Recording, DeskError>]
    {
        let (desk, logger) = (desk, record.logger)
        let (client, committed) = (record.client, committed)
        // The version this batch commits, once known: forgotten where the transaction fails.
        let committing = Committing()
        do {
            let results: [Result<Recording, DeskError>] = try await record.timed { lease in
                try await client.withTransaction(logger: logger) { connection in
                    lease.start()
                    guard
                        var stored = try await PostgresRecord.treaties(
                            id: id, connection: connection, logger: logger, lock: true, events: false
                        ).first
                    else {
                        let near = corpus.suggestions(for: id)
                        let error = DeskError.notFound(
                            "No treaty '\(id)' in the database\(near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"); create one with 'pacta new \(id)'."
                        )
                        return requests.map { _ in .failure(error) }
                    }
                    // The event rows are read only where this server does not hold the text at the version the row
                    // gives (another server wrote since, or this is the first write here): the text this desk
                    // left is the record's, byte for byte, where the versions (hashes of the text) agree.
                    let held = desk.holdsText(file: stored.file, version: stored.version)
                    if !held {
                        stored.text.items = try await PostgresRecord.items(
                            of: id, connection: connection, logger: logger)
                    }
                    // The desk's work (most of a write's) on a thread of the system's, not one of Swift's pool that
                    // runs the requests, where it would wait its turn behind them.
                    let text = held ? nil : stored.text.joined
                    let (file, version) = (stored.file, stored.version)
                    let done = await Self.offPool {
                        desk.record(
                            requests, in: id, file: file, text: text, version: version, corpus: corpus, today: today)
                    }
                    let accepted = done.results.compactMap { try? $0.get() }
                    // The log, the event rows, the head and the notice: one statement.
                    var writes = RecordWrites(treaty: id, logged: Self.logged(requests, done.results))
                    guard !accepted.isEmpty, done.version != stored.version else {
                        try await writes.run(on: connection, logger: logger)
                        return done.results
                    }
                    let old = stored.eventCount
                    // The acts' lines as event rows: found at the end of the text where only they were added,
                    // else by cutting the whole text.
                    var after = stored.text
                    let appended: [String]
                    if let items = RecordText.items(appending: accepted.map(\.line), to: stored.text, in: done.text) {
                        appended = items
                    } else {
                        after = RecordText(splitting: done.text)
                        guard after.eventsAt != nil, after.items.count == old + accepted.count,
                            held || Array(after.items.prefix(old)) == stored.text.items
                        else {
                            throw RecordError("the acts could not be appended as event rows of \(stored.file)")
                        }
                        appended = Array(after.items.dropFirst(old))
                    }
                    writes.append(appended, from: old, events: LogArray(accepted.lazy.map(\.event)))
                    writes.head = (after, done.version, old + appended.count)
                    writes.notify = true
                    committed.add(id, done.version)
                    committing.set(done.version)
                    try await writes.run(on: connection, logger: logger)
                    return done.results
                }
            }
            return results
        } catch {
            if let version = committing.get() { committed.remove(id, version) }
            let failure = RecordError(error)
            let answer: DeskError =
                failure.unavailable
                ? .unavailable(
                    "The database could not be reached or did not answer (\(failure.description)); the act is not acknowledged: read the treaty's status in a moment, and send it again if it is not there."
                )
                : .failed("not recorded: \(failure.description)")
            return requests.map { _ in .failure(answer) }
        }
    }

    /// What `work` returns, computed on a thread of Dispatch's, off Swift's cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    /// The write log's rows of a batch (``RecordWrites/logged``), one a request: written in the write's
    /// transaction, so that a write is logged exactly when it commits.
    static func logged(_ requests: [Desk.Request], _ results: [Result<Recording, DeskError>])
        -> [RecordWrites.Logged]
    {
        zip(requests, results).map { request, result in
            let type = request.fields.first { $0.key == "type" }.flatMap { field -> String? in
                if case .scalar(let value) = field.value { return value }
                return nil
            }
            let (event, outcome, reason): (String?, Int, String?) =
                switch result {
                case .success(let recording): (recording.event.id, 201, nil)
                case .failure(.refused(let faults)): (nil, 422, faults.map(\.message).joined(separator: " "))
                case .failure(.conflict(let message)): (nil, 409, message)
                case .failure(.notFound(let message)): (nil, 404, message)
                case .failure(.failed(let message)): (nil, 500, message)
                case .failure(.unavailable(let message)): (nil, 503, message)
                }
            return RecordWrites.Logged(
                user: request.user, type: type ?? "?", event: event, outcome: outcome, reason: reason)
        }
    }

    public func create(_ new: NewTreaty) async throws(DeskError) -> Desk.Created {
        let treaty = try desk.check(new)
        let name = "\(new.id).yaml"
        let split = RecordText(splitting: new.text)
        let version = ContentHash.of(new.text.utf8)
        let (client, logger) = (record.client, record.logger)
        let added: Bool
        do {
            added = try await record.timed { lease in
                try await client.withTransaction(logger: logger) { connection in
                    lease.start()
                    let rows = try await connection.query(
                        "SELECT count(*) FROM treaty WHERE id = \(new.id)", logger: logger)
                    var count = 0
                    for try await value in rows.decode(Int.self) { count = value }
                    guard count == 0 else { return false }
                    try await PostgresRecord.insert(
                        treaty, file: name, text: split, version: version, connection: connection, logger: logger)
                    try await connection.query(
                        "SELECT pg_notify(\(PostgresRecord.channel), \(new.id))", logger: logger)
                    return true
                }
            }
        } catch {
            let failure = RecordError(error)
            // Another server added the same id at the same moment: the primary key refused the second.
            if RecordError.serverMessage(error)?.state == "23505" {
                throw .conflict("The treaty \(new.id) exists already in the database: a treaty id is used once.")
            }
            throw failure.unavailable
                ? .unavailable("The database is unreachable, so nothing was created (\(failure.description)).")
                : .failed("not created: \(failure.description)")
        }
        guard added else {
            throw .conflict(
                "The treaty \(new.id) exists already in the database: a treaty id is used once; record acts in it with 'pacta record \(new.id)'."
            )
        }
        return Desk.Created(file: name, treaty: treaty, version: version, fingerprint: version)
    }
}

// MARK: - Users

extension PostgresRecord: UserDirectory {
    /// Issues a new user with a new token, as ``PactaDesk/UserStore/add(_:role:now:)`` does in the users file.
    /// - Returns: the token: shown once, never stored (the database keeps its SHA-256).
    /// - Throws: ``RecordError`` where the name is not valid or taken by an active user.
    public func addUser(_ name: String, role: Role, now: String) async throws -> String {
        guard UserStore.isValidName(name) else {
            throw RecordError(
                "'\(name)' cannot be a user name: use 1 to 64 letters, digits, '.', '_' or '-' (it is written into the files as recorded-by)."
            )
        }
        let token = UserStore.newToken()
        let digest = UserStore.digest(token)
        do {
            try await client.withTransaction(logger: logger) { [logger] connection in
                let rows = try await connection.query(
                    "INSERT INTO users (name, role, issued) VALUES (\(name), \(role.rawValue), \(now)) RETURNING id",
                    logger: logger)
                var id = 0
                for try await value in rows.decode(Int.self) { id = value }
                try await connection.query(
                    "INSERT INTO tokens (token_sha256, user_id) VALUES (\(digest), \(id))", logger: logger)
            }
        } catch {
            if RecordError.serverMessage(error)?.state == "23505" {
                throw RecordError("the user \(name) exists already; revoke it first to issue a new token.")
            }
            throw RecordError(error)
        }
        return token
    }

    /// Revokes every active token of `name`.
    /// - Throws: ``RecordError`` where no active user has that name.
    public func revokeUser(_ name: String, now: String) async throws {
        var count = 0
        do {
            let rows = try await client.query(
                "UPDATE users SET revoked = \(now) WHERE name = \(name) AND revoked IS NULL RETURNING id",
                logger: logger)
            for try await _ in rows.decode(Int.self) { count += 1 }
        } catch {
            throw RecordError(error)
        }
        guard count > 0 else { throw RecordError("no active user named \(name).") }
    }

    public func user(forToken token: String) async throws -> User? {
        guard !token.isEmpty, token.utf8.count <= 256 else { return nil }
        let digest = UserStore.digest(token)
        do {
            return try await timed { [client, logger] lease in
                let rows = try await client.query(
                    """
                    SELECT u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_sha256 = \(digest) AND u.revoked IS NULL
                    """, logger: logger)
                lease.start()
                var user: User?
                for try await (name, role) in rows.decode((String, String).self) {
                    user = Role(rawValue: role).map { User(name: name, role: $0) }
                }
                return user
            }
        } catch {
            let failure = RecordError(error)
            // Said as the desk says it, so that the server answers 503 (Retry-After), not 401.
            if failure.unavailable {
                throw DeskError.unavailable(
                    "The database is unreachable, so the token cannot be checked (\(failure.description)); try again in a moment."
                )
            }
            throw failure
        }
    }

    public func list() async throws -> [User] {
        do {
            let rows = try await client.query(
                "SELECT name, role FROM users WHERE revoked IS NULL ORDER BY name", logger: logger)
            var users: [User] = []
            for try await (name, role) in rows.decode((String, String).self) {
                if let role = Role(rawValue: role) { users.append(User(name: name, role: role)) }
            }
            return users
        } catch {
            throw RecordError(error)
        }
    }
}

// MARK: - Notifications

extension PostgresRecord {
    /// Listens for the writes of every server (``channel``) until the task is cancelled, calling `changed` with
    /// each treaty's id as it is committed, one at a time. Where the connection is lost it connects again every
    /// half second. Each time it starts listening, the first time included, it calls `listening`: notifications
    /// sent before (while the connection was lost, or between the caller's last read and the first LISTEN) are
    /// not delivered, so the caller compares versions then. Returns as soon as the task is cancelled, even where
    /// PostgreSQL does not answer (``untilCancelled(on:_:)``).
    /// - Parameter executor: where the listening runs (``untilCancelled(on:_:)``); `nil` for Swift's pool.
    ///
    /// A listener can fall deaf without an error (seen after PostgreSQL was stopped and started again under load:
    /// the server's LISTEN was gone and no notification came again): every ``Heartbeat/interval`` the listener
    /// sends an empty notification of its own through the pool, and where one sent is not heard within
    /// ``Heartbeat/silence`` (while no treaty is being read), it connects and listens again, comparing versions.
    public func listen(
        on executor: (any TaskExecutor)? = nil,
        changed: @escaping @Sendable (String) async -> Void, listening: @escaping @Sendable () async -> Void
    ) async {
        while !Task.isCancelled {
            let heart = Heartbeat()
            let client = client
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await Self.untilCancelled(on: executor) {
                        try await client.withConnection { connection in
                            try await connection.listen(on: Self.channel) { notifications in
                                heart.heard()
                                await heart.working { await listening() }
                                for try await notification in notifications {
                                    heart.heard()
                                    // An empty notification is a heartbeat (a treaty's id is never empty).
                                    guard !notification.payload.isEmpty else { continue }
                                    await heart.working { await changed(notification.payload) }
                                }
                            }
                        }
                    }
                }
                group.addTask { [self] in await watch(heart) }
                // Whichever ends first: the listening (its connection lost) or the watch (the listener deaf).
                await group.next()
                group.cancelAll()
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Sends heartbeats and returns once the listener of `heart` is deaf (or the task is cancelled).
    private func watch(_ heart: Heartbeat) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: Heartbeat.interval) } catch { return }
            if heart.isDeaf(at: .now) {
                logger.warning("the listener of other servers' writes heard nothing for a while: listening again")
                return
            }
            // Left behind where the caller is cancelled (a server shutting down while PostgreSQL is away).
            await Self.untilCancelled { [client, logger] in
                _ = try await client.query("SELECT pg_notify(\(Self.channel), '')", logger: logger)
                heart.sent(at: .now)
            }
        }
    }

    /// What a listener heard of its own heartbeats: the first one sent since it last heard anything, and whether
    /// it is reading treaties (it hears nothing meanwhile).
    final class Heartbeat: @unchecked Sendable {
        /// How often a heartbeat is sent.
        static let interval: Duration = .seconds(2)
        /// How long a heartbeat may go unheard (reads of treaties aside) before the listener is taken as deaf.
        static let silence: Duration = .seconds(6)
        /// How long a single read of treaties may last before the listener is taken as stuck.
        static let longestWork: Duration = .seconds(60)

        private let lock = NSLock()
        private var unheardSince: ContinuousClock.Instant?
        private var workingSince: ContinuousClock.Instant?

        /// Something came: every heartbeat sent before it was heard (notifications come in order).
        func heard() { lock.withLock { unheardSince = nil } }

        /// A heartbeat was sent at `instant`.
        func sent(at instant: ContinuousClock.Instant) { lock.withLock { unheardSince = unheardSince ?? instant } }

        /// Runs `work` (a read of treaties) marked as such.
        func working(_ work: () async -> Void) async {
            lock.withLock { workingSince = .now }
            await work()
            lock.withLock {
                workingSince = nil
                unheardSince = nil
            }
        }

        /// Whether, at `instant`, a heartbeat has gone unheard for longer than ``silence`` while no read of
        /// treaties was under way, or a read has lasted longer than ``longestWork``.
        func isDeaf(at instant: ContinuousClock.Instant) -> Bool {
            lock.withLock {
                if let workingSince { return instant - workingSince > Self.longestWork }
                guard let unheardSince else { return false }
                return instant - unheardSince > Self.silence
            }
        }
    }

    /// Runs `work` in a task of its own and waits for it to end or for the caller to be cancelled, whichever comes
    /// first; on cancellation the work is cancelled and left behind. A test run hung twice as two servers shut
    /// down after PostgreSQL had crashed and restarted, every task waiting and none working (whether on this
    /// listener's connection or on the pool, ``run()``, was not seen): a server shutting down must not wait for a
    /// connection that may never answer. What `work` throws is dropped (the caller tries again).
    /// - Parameter executor: where `work` runs (its task does not take the caller's executor); `nil` for Swift's
    ///   pool.
    static func untilCancelled(
        on executor: (any TaskExecutor)? = nil, _ work: @escaping @Sendable () async throws -> Void
    ) async {
        let race = Race<Void>()
        await withTaskCancellationHandler {
            _ = try? await withCheckedThrowingContinuation { continuation in
                race.start(continuation)
                let task = Task(executorPreference: executor) {
                    do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) }
                }
                race.onFinish { task.cancel() }
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }
}

// MARK: - The index protocol

extension PostgresRecord: TreatyIndex {
    /// Every treaty file's version, by file name.
    public func hashes() async throws -> [String: String] {
        let rows = try await client.query("SELECT file, version FROM treaty", logger: logger)
        var hashes: [String: String] = [:]
        for try await (file, version) in rows.decode((String, String).self) { hashes[file] = version }
        return hashes
    }

    /// Replaces the search documents of these treaties (the record's treaty and event rows are written by the
    /// desk and the import only).
    public func upsert(_ files: [IndexedFile]) async throws {
        try await client.withTransaction(logger: logger) { [logger] connection in
            for file in files { try await Self.replaceSearch(file.treaty, connection: connection, logger: logger) }
        }
    }

    /// Nothing to give: the record's ``hashes()`` are its treaties' versions, not files' fingerprints.
    public func restamp(_ fingerprints: [String: String]) async throws {}

    /// Removes the search documents of the treaties in these files (never a treaty or an event: the record is
    /// append-only).
    public func remove(paths: [String]) async throws {
        for path in paths {
            let id = String(path.prefix { $0 != "." })
            try await client.query("DELETE FROM search_document WHERE treaty = \(id)", logger: logger)
        }
    }

    /// The record holds no faulty treaty files (the import refuses them), and its corpus files are rows.
    public func otherHashes() async throws -> [String: String] { [:] }

    /// Nothing to record: the import refuses a faulty file instead of remembering it.
    public func recordOther(_ files: [String: String]) async throws {}

    /// Every treaty, read from its text (in memory) with the record's organisations and regions.
    public func treaties() async throws -> [Treaty] {
        let folder = NSTemporaryDirectory() + "pacta-record-\(UUID().uuidString)"
        return try await loadCorpus(as: folder) { _ in }.corpus.treaties.sorted { $0.id < $1.id }
    }

    /// The record read as ``PactaFormats/CorpusLoader`` reads a folder: the treaty texts from the rows, in memory,
    /// and the context files (entities, regions, scope, successions) from a private folder `folder`, made for the
    /// reading and removed before this returns; `whileThere` runs while the folder holds them.
    /// - Throws: ``RecordError``.
    func loadCorpus(as folder: String, whileThere: (String) throws -> Void) async throws -> CorpusLoader.Result {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let context = try await corpusFiles()
        let stored = try await storedTreaties()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in context where CorpusFiles.context.contains(name) {
                try text.write(toFile: "\(folder)/\(name)", atomically: false, encoding: .utf8)
            }
            try whileThere(folder)
        } catch {
            throw RecordError("cannot read the record's corpus: \(error)")
        }
        return CorpusLoader().load(context: folder, treaties: stored.map { ($0.file, $0.text.joined) })
    }
}

/// The version a batch's transaction commits, once known (set in the transaction, read after it).
private final class Committing: @unchecked Sendable {
    private let lock = NSLock()
    private var version: String?
    func set(_ new: String) { lock.withLock { version = new } }
    func get() -> String? { lock.withLock { version } }
}
