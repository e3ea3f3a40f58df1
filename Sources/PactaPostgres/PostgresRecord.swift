import Foundation
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaStore
import PostgresNIO

/// Why the PostgreSQL record refused or failed: a sentence to show, with the server's own message where it gave
/// one.
public struct RecordError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// Whether the database could not be reached (connection refused or lost, server shutting down): the same
    /// request may succeed once it is back.
    public var unavailable: Bool

    /// - Parameters:
    ///   - description: the sentence.
    ///   - unavailable: whether the database could not be reached.
    public init(_ description: String, unavailable: Bool = false) {
        self.description = description
        self.unavailable = unavailable
    }

    /// A PostgresNIO or other error as a sentence: the server's message and detail (PostgresNIO hides them from
    /// `description`), and whether it means the database is unreachable.
    public init(_ error: any Error) {
        if let record = error as? RecordError {
            self = record
            return
        }
        if let transaction = error as? PostgresTransactionError {
            // The transaction's own error: BEGIN's, the work's, or COMMIT's (a commit whose answer was lost is
            // unavailable: it is not known to have committed, and is not acknowledged).
            let inner = transaction.beginError ?? transaction.commitError ?? transaction.closureError
            if let inner {
                self.init(inner)
                if transaction.commitError != nil { unavailable = true }
                return
            }
        }
        guard let psql = error as? PSQLError else {
            self.init("\(error)", unavailable: error is CancellationError)
            return
        }
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "error"
            let detail = info[.detail].map { " (\($0))" } ?? ""
            // Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
            let down = state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            self.init("PostgreSQL: \(message)\(detail) [\(state)]", unavailable: down)
        } else {
            let reason = psql.underlying.map { ": \($0)" } ?? ""
            self.init("PostgreSQL cannot be reached (\(psql.code)\(reason))", unavailable: true)
        }
    }

    /// The server's SQLSTATE and message, where the error came from the server.
    public static func serverMessage(_ error: any Error) -> (state: String, message: String)? {
        if let transaction = error as? PostgresTransactionError,
            let inner = transaction.beginError ?? transaction.commitError ?? transaction.closureError
        {
            return serverMessage(inner)
        }
        guard let psql = error as? PSQLError, let info = psql.serverInfo else { return nil }
        return (info[.sqlState] ?? "", info[.message] ?? "")
    }
}

/// A `postgres://` URL as PostgresNIO's settings.
public enum DatabaseURL {
    /// Reads `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require][&host=/socket/dir]`
    /// (`postgresql://` too). A `host` query naming a folder connects through the unix socket
    /// `FOLDER/.s.PGSQL.PORT`, as libpq does.
    /// - Throws: ``RecordError`` where the URL is not such a URL.
    public static func configuration(_ text: String) throws(RecordError) -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw RecordError(
                "'\(text.prefix(80))' is not a PostgreSQL URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
        }
        let user = url.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let database = String(url.path.drop { $0 == "/" }).removingPercentEncoding
        let query = Dictionary(
            (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let port = url.port ?? 5432
        var configuration: PostgresClient.Configuration
        if let socket = query["host"], socket.hasPrefix("/") {
            configuration = .init(
                unixSocketPath: "\(socket)/.s.PGSQL.\(port)", username: user, password: password,
                database: database?.isEmpty == false ? database : nil)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] ?? "disable" {
            case "disable": tls = .disable
            case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
            case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            case let other:
                throw RecordError("sslmode=\(other) is not one of disable, prefer, require.")
            }
            configuration = .init(
                host: url.host ?? "127.0.0.1", port: port, username: user, password: password,
                database: database?.isEmpty == false ? database : nil, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = 20
        return configuration
    }

    /// The URL without its password, to show.
    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text) else { return "the database URL" }
        if url.password != nil { url.password = "***" }
        return url.string ?? "the database URL"
    }
}

/// The treaty record on PostgreSQL (PostgresNIO's connection pool): treaties and their append-only events,
/// the corpus's own files, users and tokens, the write log, full-text search. Several servers may share it: each
/// write is a transaction that locks the treaty's row and re-reads its committed events.
///
/// Run ``run()`` in a task for as long as the record is used (the pool's background work), or use
/// ``with(url:logger:_:)``.
public final class PostgresRecord: Sendable {
    /// PostgresNIO's pool.
    public let client: PostgresClient
    let logger: Logger
    /// The channel a write notifies, with the treaty's id as payload.
    public static let channel = "pacta_treaty"
    /// How long one operation may wait for the database before it is answered as unavailable.
    public static let deadline: Duration = .seconds(5)
    /// How long an operation that has its connection is waited for before it is answered as unavailable, its
    /// outcome unknown (``timed(_:)``).
    public static let outcomeDeadline: Duration = .seconds(30)

    /// PostgresNIO's background messages at `error` and above only (a lost connection, not each lease).
    public static var quietLogger: Logger {
        var logger = Logger(label: "pacta.postgres")
        logger.logLevel = .error
        return logger
    }

    /// Where ``run()`` runs the pool: its task outlives a cancellation (see ``run()``), so it does not take its
    /// caller's executor; `nil` for Swift's pool.
    public let executor: (any TaskExecutor)?

    /// - Parameter executor: see ``executor``.
    /// - Throws: ``RecordError`` where `url` is not a PostgreSQL URL.
    public init(url: String, logger: Logger = PostgresRecord.quietLogger, executor: (any TaskExecutor)? = nil)
        throws(RecordError)
    {
        client = PostgresClient(configuration: try DatabaseURL.configuration(url), backgroundLogger: logger)
        self.logger = logger
        self.executor = executor
    }

    /// How long ``run()`` waits, once cancelled, for the pool to close its connections.
    public static let shutdownLimit: Duration = .seconds(10)

    /// The pool's background work; returns when the task running it is cancelled and the pool has closed its
    /// connections, or ``shutdownLimit`` after the cancellation, whichever comes first. A query on a connection
    /// lost in a crash of PostgreSQL may never be answered (``timed(_:)`` leaves it behind), and the pool may wait
    /// for it: a server or command shutting down must not (see ``untilCancelled(_:)`` for the hang that was seen).
    public func run() async {
        let race = Race<Void>()
        let pool = Task(executorPreference: executor) { [client] in
            await client.run()
            race.finish(.success(()))
        }
        await withTaskCancellationHandler {
            _ = try? await withCheckedThrowingContinuation { race.start($0) }
        } onCancel: {
            pool.cancel()
            Task {
                try? await Task.sleep(for: Self.shutdownLimit)
                race.finish(.success(()))
            }
        }
    }

    /// Runs `body` with a record on `url` whose pool runs meanwhile (for a command that does one thing), on
    /// `executor` (``executor``).
    /// - Throws: what `body` throws, or ``RecordError``.
    public static func with<T: Sendable>(
        url: String, logger: Logger = PostgresRecord.quietLogger, executor: (any TaskExecutor)? = nil,
        _ body: @Sendable (PostgresRecord) async throws -> T
    ) async throws -> T {
        let record = try PostgresRecord(url: url, logger: logger, executor: executor)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await record.run() }
            defer { group.cancelAll() }
            // A command says at once where the database cannot be reached, in a sentence: the pool would try again
            // for a minute and then name its circuit breaker.
            do {
                try await record.timed { lease in
                    try await record.client.withConnection { connection in
                        lease.start()
                        try await connection.query("SELECT 1", logger: record.logger)
                    }
                }
            } catch {
                let failure = RecordError(error)
                throw RecordError(
                    "cannot reach the database at \(DatabaseURL.redacted(url)): \(failure.description)",
                    unavailable: failure.unavailable)
            }
            return try await body(record)
        }
    }

    /// `work`, answered as unavailable where no connection is leased for it within ``deadline`` (the database is
    /// down or unreachable). Once `work` has its connection (it calls ``Lease/started()``), it is waited for up to
    /// ``outcomeDeadline``: a write in flight when the database crashed may never be answered by the lost
    /// connection, and a clerk must not wait for ever. It is then answered as unavailable with words that say the
    /// outcome is unknown (it may have committed just before the crash): never as recorded.
    func timed<T: Sendable>(_ work: @escaping @Sendable (Lease) async throws -> T) async throws -> T {
        let lease = Lease()
        let race = Race<T>()
        // Not a task group: a group waits for all its tasks, and a query on a connection lost in a crash may not
        // heed cancellation, so the answer would wait for it after all. The work runs on its own and is left
        // behind (cancelled) when the time is up. It runs on the writes' own executor, not behind the requests
        // that Swift's pool may be computing.
        return try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            let worker = Task(executorPreference: WriteSteps.shared) {
                do { race.finish(.success(try await work(lease))) } catch { race.finish(.failure(error)) }
            }
            let timer = Task {
                try await Task.sleep(for: Self.deadline)
                guard lease.isStarted else {
                    race.finish(
                        .failure(RecordError("no connection to PostgreSQL within \(Self.deadline)", unavailable: true)))
                    worker.cancel()
                    return
                }
                try await Task.sleep(for: Self.outcomeDeadline - Self.deadline)
                race.finish(
                    .failure(
                        RecordError(
                            "PostgreSQL gave no answer within \(Self.outcomeDeadline) of the write's start, so whether it was recorded is not known: read the treaty's status before sending it again",
                            unavailable: true)))
                worker.cancel()
            }
            race.onFinish { timer.cancel() }
        }
    }

    /// The first of the work's outcome and the timer's, given once to the waiting caller.
    final class Race<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var finished = false
        /// The outcome of a race finished before its caller waited.
        private var early: Result<T, any Error>?
        private var cleanup: (@Sendable () -> Void)?

        /// The caller's wait: resumed by the first ``finish(_:)``, at once where the race is finished already.
        func start(_ continuation: CheckedContinuation<T, any Error>) {
            let outcome = lock.withLock { () -> Result<T, any Error>? in
                if let early { return early }
                self.continuation = continuation
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }

        /// Runs `cleanup` once the race is finished (now, where it is already).
        func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
            let now = lock.withLock { () -> Bool in
                if finished { return true }
                self.cleanup = cleanup
                return false
            }
            if now { cleanup() }
        }

        func finish(_ result: Result<T, any Error>) {
            let (waiting, cleanup) = lock.withLock {
                () -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
                guard !finished else { return (nil, nil) }
                finished = true
                if continuation == nil { early = result }
                defer { continuation = nil }
                return (continuation, self.cleanup)
            }
            waiting?.resume(with: result)
            cleanup?()
        }
    }

    /// Whether an operation has its connection.
    final class Lease: @unchecked Sendable {
        private let lock = NSLock()
        private var started = false
        var isStarted: Bool { lock.withLock { started } }
        func start() { lock.withLock { started = true } }
    }

    // MARK: - Schema

    /// Runs the migrations not yet run, in order, each in its own transaction, under an advisory lock (two
    /// processes migrating at once wait for each other).
    /// - Returns: the numbers of the migrations run.
    /// - Throws: ``RecordError``.
    @discardableResult
    public func migrate() async throws -> [Int] {
        do {
            return try await client.withConnection { connection in
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())",
                    logger: logger)
                var ran: [Int] = []
                for (offset, statements) in Migrations.all.enumerated() {
                    let version = offset + 1
                    let done = try await connection.withTransaction(logger: logger) { connection in
                        try await connection.query("SELECT pg_advisory_xact_lock(7472616374)", logger: logger)
                        let rows = try await connection.query(
                            "SELECT count(*) FROM schema_migrations WHERE version = \(version)", logger: logger)
                        var count = 0
                        for try await value in rows.decode(Int.self) { count = value }
                        guard count == 0 else { return false }
                        for statement in statements {
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.query(
                            "INSERT INTO schema_migrations (version) VALUES (\(version))", logger: logger)
                        return true
                    }
                    if done { ran.append(version) }
                }
                return ran
            }
        } catch {
            throw RecordError(error)
        }
    }

    /// The number of the last migration run, 0 where none has run.
    /// - Throws: ``RecordError``.
    public func schemaVersion() async throws -> Int {
        do {
            let rows = try await client.query(
                "SELECT coalesce(max(version), 0) FROM schema_migrations WHERE to_regclass('schema_migrations') IS NOT NULL",
                logger: logger)
            var version = 0
            for try await value in rows.decode(Int.self) { version = value }
            return version
        } catch {
            // No schema_migrations table at all.
            if RecordError.serverMessage(error)?.state == "42P01" { return 0 }
            throw RecordError(error)
        }
    }

    /// Throws unless every migration has run (a server's role may not run them: `pacta db import` or
    /// `pacta db migrate` does, as the database's owner).
    /// - Throws: ``RecordError``.
    public func requireSchema() async throws {
        let version = try await schemaVersion()
        guard version == Migrations.all.count else {
            throw RecordError(
                "the database has schema version \(version), this Pacta needs \(Migrations.all.count): run 'pacta db migrate --database URL' (or 'pacta db import') as the database's owner first."
            )
        }
    }

    // MARK: - Reading the record

    /// One treaty as the record holds it.
    public struct StoredTreaty: Sendable, Hashable {
        public var id: String
        /// The file name (`ID.yaml`).
        public var file: String
        public var text: RecordText
        /// ``ContentHash`` of the whole text.
        public var version: String
        /// How many event rows the treaty has (``RecordText/items`` holds them where they were read).
        public var eventCount: Int = 0
    }

    /// The corpus's own files (`entities.yaml` ...), by name.
    /// - Throws: ``RecordError``.
    public func corpusFiles() async throws -> [String: String] {
        do {
            var files: [String: String] = [:]
            let rows = try await client.query("SELECT name, text FROM corpus_file", logger: logger)
            for try await (name, text) in rows.decode((String, String).self) { files[name] = text }
            return files
        } catch {
            throw RecordError(error)
        }
    }

    /// Every treaty (or the one with `id`), sorted by id, with its events.
    /// - Throws: ``RecordError``.
    public func storedTreaties(id: String? = nil) async throws -> [StoredTreaty] {
        do {
            return try await timed { [client, logger] lease in
                try await client.withConnection { connection in
                    lease.start()
                    return try await Self.treaties(id: id, connection: connection, logger: logger, lock: false)
                }
            }
        } catch {
            throw RecordError(error)
        }
    }

    /// - Parameter events: whether to read the event rows (``RecordText/items``); without them only the
    ///   treaty rows are read (``StoredTreaty/eventCount`` says how many there are).
    static func treaties(
        id: String?, connection: PostgresConnection, logger: Logger, lock: Bool, events withEvents: Bool = true
    ) async throws -> [StoredTreaty] {
        var found: [StoredTreaty] = []
        let rows: PostgresRowSequence
        if let id, lock {
            rows = try await connection.query(
                "SELECT id, file, head, events_at, line_end, version, event_count FROM treaty WHERE id = \(id) FOR UPDATE",
                logger: logger)
        } else if let id {
            rows = try await connection.query(
                "SELECT id, file, head, events_at, line_end, version, event_count FROM treaty WHERE id = \(id)",
                logger: logger)
        } else {
            rows = try await connection.query(
                "SELECT id, file, head, events_at, line_end, version, event_count FROM treaty ORDER BY id",
                logger: logger)
        }
        for try await (id, file, head, at, lineEnd, version, count) in rows.decode(
            (String, String, String, Int?, String, String, Int).self)
        {
            found.append(
                StoredTreaty(
                    id: id, file: file, text: RecordText(head: head, eventsAt: at, items: [], lineEnd: lineEnd),
                    version: version, eventCount: count))
        }
        guard !found.isEmpty, withEvents else { return found }
        var items: [String: [String]] = [:]
        let events: PostgresRowSequence
        if let id {
            events = try await connection.query(
                "SELECT treaty, item FROM event WHERE treaty = \(id) ORDER BY position", logger: logger)
        } else {
            events = try await connection.query(
                "SELECT treaty, item FROM event ORDER BY treaty, position", logger: logger)
        }
        for try await (treaty, item) in events.decode((String, String).self) { items[treaty, default: []].append(item) }
        return found.map { stored in
            var stored = stored
            stored.text.items = items[stored.id] ?? []
            return stored
        }
    }

    /// The event rows' items of treaty `id`, in the file's order.
    static func items(of id: String, connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var items: [String] = []
        let rows = try await connection.query(
            "SELECT item FROM event WHERE treaty = \(id) ORDER BY position", logger: logger)
        for try await item in rows.decode(String.self) { items.append(item) }
        return items
    }

    /// Every treaty's version, by id.
    /// - Throws: ``RecordError``.
    /// Treaty `id`'s file name and version (the hash of its text) as committed, without its text; `nil` where no
    /// treaty has that id.
    /// - Throws: ``RecordError`` where the database cannot be reached.
    public func version(of id: String) async throws -> (file: String, version: String)? {
        do {
            let rows = try await client.query("SELECT file, version FROM treaty WHERE id = \(id)", logger: logger)
            for try await (file, version) in rows.decode((String, String).self) { return (file, version) }
            return nil
        } catch {
            throw RecordError(error)
        }
    }

    public func versions() async throws -> [String: String] {
        do {
            var versions: [String: String] = [:]
            let rows = try await client.query("SELECT id, version FROM treaty", logger: logger)
            for try await (id, version) in rows.decode((String, String).self) { versions[id] = version }
            return versions
        } catch {
            throw RecordError(error)
        }
    }

    // MARK: - Export

    /// Writes the record as a corpus folder: the corpus's own files and one file per treaty, each byte for byte
    /// as imported and appended to (files `pacta check` reads). Files of the folder that the record does not
    /// hold are left alone.
    /// - Returns: the file names written, sorted.
    /// - Throws: ``RecordError``.
    @discardableResult
    public func export(to folder: String) async throws -> [String] {
        let context = try await corpusFiles()
        let treaties = try await storedTreaties()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RecordError("cannot make the folder \(folder): \(error.localizedDescription)")
        }
        var written: [String] = []
        do {
            for (name, text) in context.sorted(by: { $0.key < $1.key }) {
                try DurableFile.replace("\(folder)/\(name)", with: text)
                written.append(name)
            }
            for treaty in treaties {
                try DurableFile.replace("\(folder)/\(treaty.file)", with: treaty.text.joined)
                written.append(treaty.file)
            }
        } catch {
            throw RecordError(error.description)
        }
        return written.sorted()
    }

    // MARK: - Import

    /// What ``importCorpus(from:)`` did, file by file.
    public struct ImportReport: Sendable, Hashable {
        /// Treaty files added, with their events' count.
        public var added: [String: Int] = [:]
        /// Treaty files already in the record with events recorded since, with the count of events appended.
        public var appended: [String: Int] = [:]
        /// Treaty files the record already holds as they are.
        public var unchanged: [String] = []
        /// Files refused, each with its reasons (the checker's errors, or why the record cannot take it).
        public var refused: [String: [String]] = [:]
        /// The corpus's own files stored.
        public var context: [String] = []
    }

    /// Loads a corpus folder into the record. Every file is checked first, as `pacta check` checks it: a file
    /// with errors is refused with its errors and nothing of it is loaded; the others are loaded in one
    /// transaction. A treaty already in the record is left as it is where the file is the same, given the file's
    /// further events where the file only adds events, and refused otherwise (the events are append-only).
    /// - Throws: ``RecordError`` where the folder cannot be read or the database refuses.
    public func importCorpus(from folder: String) async throws -> ImportReport {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let loaded: CorpusLoader.Result
        do {
            loaded = try CorpusLoader().load(directory: base)
        } catch {
            throw RecordError("cannot read the corpus at \(base): \(error)")
        }
        var report = ImportReport()
        var errors: [String: [String]] = [:]
        for diagnostic in loaded.diagnostics where diagnostic.isError {
            let name = (diagnostic.file as NSString).lastPathComponent
            errors[name, default: []].append(diagnostic.description)
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: base).sorted() } catch {
            throw RecordError("cannot read the corpus at \(base): \(error.localizedDescription)")
        }
        if let broken = CorpusFiles.context.first(where: { errors[$0] != nil }) {
            throw RecordError(
                "\(broken) has errors, and every treaty is read against it: nothing was loaded.\n"
                    + (errors[broken] ?? []).joined(separator: "\n"))
        }
        var context: [(String, String)] = []
        for name in CorpusFiles.context where names.contains(name) {
            do { context.append((name, try CorpusFiles.text(ofFile: "\(base)/\(name)"))) } catch {
                throw RecordError("cannot read \(base)/\(name): \(error)")
            }
        }
        let byID = Dictionary(loaded.corpus.treaties.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var files: [(name: String, text: String, treaty: Treaty)] = []
        for name in names where CorpusFiles.isTreatyFile(name) {
            if let problems = errors[name] {
                report.refused[name] = problems
                continue
            }
            let stem = String(name[..<name.lastIndex(of: ".")!])
            guard let treaty = byID[stem] else {
                report.refused[name] = ["\(name) holds no treaty with the id \(stem)."]
                continue
            }
            do { files.append((name, try CorpusFiles.text(ofFile: "\(base)/\(name)"), treaty)) } catch {
                report.refused[name] = ["cannot read \(base)/\(name): \(error)"]
            }
        }
        report.context = context.map(\.0)
        let toLoad = files
        let outcome: ImportReport
        do {
            outcome = try await client.withTransaction(logger: logger) { [logger] connection in
                var outcome = ImportReport()
                for (name, text) in context {
                    try await connection.query(
                        "INSERT INTO corpus_file (name, text) VALUES (\(name), \(text)) ON CONFLICT (name) DO UPDATE SET text = excluded.text",
                        logger: logger)
                }
                for file in toLoad {
                    let split = RecordText(splitting: file.text)
                    let version = ContentHash.of(file.text.utf8)
                    let stored = try await Self.treaties(
                        id: file.treaty.id, connection: connection, logger: logger, lock: true
                    ).first
                    guard let stored else {
                        try await Self.insert(
                            file.treaty, file: file.name, text: split, version: version, connection: connection,
                            logger: logger)
                        outcome.added[file.name] = split.items.count
                        continue
                    }
                    if stored.version == version, stored.text == split {
                        outcome.unchanged.append(file.name)
                        continue
                    }
                    guard stored.file == file.name, split.items.count >= stored.text.items.count,
                        Array(split.items.prefix(stored.text.items.count)) == stored.text.items
                    else {
                        outcome.refused[file.name] = [
                            "\(file.name) differs from the record in what is recorded already (its events are append-only); export the record, compare, and record corrections instead."
                        ]
                        continue
                    }
                    try await Self.append(
                        Array(split.items.dropFirst(stored.text.items.count)), from: stored.text.items.count,
                        in: split, events: file.treaty.events, treaty: file.treaty, version: version,
                        connection: connection, logger: logger)
                    outcome.appended[file.name] = split.items.count - stored.text.items.count
                }
                return outcome
            }
        } catch {
            throw RecordError(error)
        }
        report.added = outcome.added
        report.appended = outcome.appended
        report.unchanged = outcome.unchanged
        report.refused.merge(outcome.refused) { $0 + $1 }
        return report
    }

    /// Inserts a new treaty, its events and its search documents.
    static func insert(
        _ treaty: Treaty, file: String, text: RecordText, version: String, connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO treaty (id, file, head, events_at, line_end, version, event_count)
            VALUES (\(treaty.id), \(file), \(text.head), \(text.eventsAt), \(text.lineEnd), \(version), \(text.items.count))
            """, logger: logger)
        try await insertEvents(
            text.items, from: 0, events: treaty.events, treaty: treaty.id, connection: connection, logger: logger)
        try await replaceSearch(treaty, connection: connection, logger: logger)
    }

    /// Appends `items` as the event rows from position `start` on (the events `events`, where known) and stores the
    /// treaty's new head and version: `text`'s head, ``RecordText/eventsAt`` and line end (its items are not read).
    static func append(
        _ items: [String], from start: Int, in text: RecordText, events: LogArray<Event>, treaty: Treaty,
        version: String, connection: PostgresConnection, logger: Logger
    ) async throws {
        var writes = RecordWrites(treaty: treaty.id)
        writes.append(items, from: start, events: events)
        writes.head = (text, version, start + items.count)
        try await writes.run(on: connection, logger: logger)
        // The search documents are not replaced: they are read from titles, text, provisions and the note, and an
        // act adds events (and sources) only.
    }

    /// Inserts event rows for `items` at positions `start`...; each row's id, `recorded` and `recorded_by` from
    /// the event of `events` with the item's id.
    static func insertEvents(
        _ items: [String], from start: Int, events: LogArray<Event>, treaty: String, connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var writes = RecordWrites(treaty: treaty)
        writes.append(items, from: start, events: events)
        try await writes.run(on: connection, logger: logger)
    }

    // MARK: - Search

    /// Replaces the treaty's search documents.
    static func replaceSearch(_ treaty: Treaty, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("DELETE FROM search_document WHERE treaty = \(treaty.id)", logger: logger)
        for document in treaty.searchDocuments {
            try await connection.query(
                """
                INSERT INTO search_document (treaty, article, field, language, text, terms)
                VALUES (\(document.treaty), \(document.article), \(document.field.rawValue), \(document.language),
                    \(document.text), \(PostgresSearch.vector(document.text))::tsvector)
                """, logger: logger)
        }
    }
}
