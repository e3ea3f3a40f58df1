import Foundation
import GRDB
import PactaCore
import PactaStore

/// The embedded default index: SQLite through GRDB, with an FTS5 full-text table for search.
///
/// A `Sendable` struct around a `DatabaseWriter`: migrations run in `init`; every method is one transaction.
/// Each treaty is stored whole, as a compact binary form of its model (``CompactCoding``), its log apart (an act
/// recorded appends its event's bytes), and read back whole for the questions that need it; the list's rows are
/// kept apart as steps (``ListStepsStore``), so that a list decodes no treaty. Chosen by measure (10,000 generated
/// treaties, 2-core machine): as JSON, encoding took 16–18% of an index build and decoding 63–82% of a
/// whole-corpus command; the compact form made the build 4.3–5.0 s -> 3.8–3.9 s. Events in rows, rebuilt per
/// question, were not tried: every question the index answers reads whole treaties. Search text is folded and
/// segmented by ``SearchText`` so that Traditional and Simplified Chinese, Korean, Russian (any case, ё or е) and
/// English all match.
public struct SQLiteIndex: TreatyIndex, FolderSealStore {
    private let writer: any DatabaseWriter
    /// ``appendsBeforeMerging`` for this index.
    private let mergeAfter: Int

    /// Opens (creating where needed) the index at `path`.
    /// - Throws: GRDB's `DatabaseError` where the file cannot be opened or migrated.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // Several commands may open the index at once (a script running `pacta status` in parallel): one that
        // finds it busy waits for up to five seconds instead of failing.
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        // The index is derived from the files, which are the record: a commit is not flushed to disk on its own
        // (WAL with `synchronous = NORMAL`: the database stays whole after a crash, and the last commits may be
        // lost), since a lost commit leaves a fingerprint that no longer matches its file, and the file is read
        // again. A desk's write is acknowledged once its file is flushed (DurableFile), not once the index is.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        try self.init(writer: DatabasePool(path: path, configuration: configuration))
    }

    /// Opens an existing index for reading only (a shared or read-only file): nothing is written, not even a
    /// migration.
    /// - Throws: GRDB's `DatabaseError` where the file cannot be read, ``OutdatedIndex`` where it was made by
    ///   another version of Pacta (`pacta index` brings it up to date), or ``IncompleteIndex`` where it is still
    ///   being created.
    public init(readingOnly path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let (version, migrated) = try queue.read { db -> (Int?, Bool) in
            let version =
                try db.tableExists("meta")
                ? try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'model-version'") : nil
            return (version, try Self.migrator.hasCompletedMigrations(db))
        }
        // An index without its model version is one another process is creating (or one whose creation was cut
        // short); one with a model version but another model, or without this Pacta's tables, was made by
        // another version of Pacta.
        guard let version else { throw IncompleteIndex(path: path) }
        guard version == Self.modelVersion, migrated else { throw OutdatedIndex(path: path) }
        self.writer = queue
        self.mergeAfter = Self.appendsBeforeMerging
    }

    /// An index that is being created (by another `pacta index`) or whose creation was cut short, opened for
    /// reading only.
    public struct IncompleteIndex: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "the index \(path) is being created by another process, or its creation was cut short"
        }
    }

    /// An index made by another version of Pacta, opened for reading only.
    public struct OutdatedIndex: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "the index \(path) was made by another version of Pacta" }
    }

    /// What went wrong with an index file, in words for the person who gave its path: SQLite's own sentence
    /// ("file is not a database", "unable to open database file"), without the statement it was running.
    public static func plainWords(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return "\(error)"
    }

    /// An index in memory, for tests.
    /// - Parameter appendsBeforeMerging: ``appendsBeforeMerging``, smaller to reach the merges and folds in a test.
    public static func inMemory(appendsBeforeMerging: Int = SQLiteIndex.appendsBeforeMerging) throws -> SQLiteIndex {
        try SQLiteIndex(writer: DatabaseQueue(), appendsBeforeMerging: appendsBeforeMerging)
    }

    /// The version of the stored model (``Treaty`` in ``CompactCoding``'s form, and the list steps the engine
    /// computed from it).
    /// When Pacta's model or engine changes, this number goes up, and an index made by an older Pacta is emptied
    /// on opening, so that the next refresh re-reads every file.
    static let modelVersion = 14

    init(writer: any DatabaseWriter, appendsBeforeMerging: Int = SQLiteIndex.appendsBeforeMerging) throws {
        self.writer = writer
        self.mergeAfter = Swift.max(2, appendsBeforeMerging)
        // Only an index that needs it is written to on opening, so that readers do not queue for a write lock.
        let migrator = Self.migrator
        if try writer.read({ db in try !migrator.hasCompletedMigrations(db) }) {
            do {
                try migrator.migrate(writer)
            } catch {
                // Another process may have migrated the same new index at the same moment: done is done.
                guard try writer.read({ db in try migrator.hasCompletedMigrations(db) }) else { throw error }
            }
        }
        let current = try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'model-version'")
        }
        guard current != Self.modelVersion else { return }
        try writer.write { db in
            let stored = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'model-version'")
            if stored != Self.modelVersion {
                try db.execute(
                    sql:
                        "DELETE FROM document_fts; DELETE FROM document; DELETE FROM amendment; DELETE FROM list_row; DELETE FROM condition_reference; DELETE FROM data_set_reference; DELETE FROM event_append; DELETE FROM file_log; DELETE FROM file; DELETE FROM other_file;"
                )
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('model-version', ?)",
                    arguments: [Self.modelVersion])
            }
        }
    }

    /// Migrations: never edit one that has shipped; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE file (
                        path TEXT PRIMARY KEY NOT NULL,
                        hash TEXT NOT NULL,
                        treaty TEXT NOT NULL,
                        model BLOB NOT NULL
                    );
                    CREATE TABLE document (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        treaty TEXT NOT NULL,
                        article TEXT,
                        field TEXT NOT NULL,
                        language TEXT NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX document_path ON document(path);
                    CREATE VIRTUAL TABLE document_fts USING fts5(segmented, tokenize = 'unicode61 remove_diacritics 0');
                    """)
        }
        migrator.registerMigration("v2-meta") { db in
            try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value NOT NULL)")
        }
        migrator.registerMigration("v3-other-files") { db in
            try db.execute(sql: "CREATE TABLE other_file (path TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL)")
        }
        // Which treaty each amending treaty amends (Treaty.amends), so that one treaty's closure finds its
        // amendments without decoding the others.
        migrator.registerMigration("v4-amendments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE amendment (
                        path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        treaty TEXT NOT NULL,
                        amends TEXT NOT NULL
                    );
                    CREATE INDEX amendment_amends ON amendment(amends);
                    """)
        }
        // The log apart from the rest of the treaty, so that an act recorded appends its event instead of storing
        // the whole treaty again: `model` is the treaty without its events, `events` the events' JSON objects
        // joined by commas (the inside of a JSON array), `event_count` how many.
        migrator.registerMigration("v5-events") { db in
            try db.execute(
                sql: """
                    ALTER TABLE file ADD COLUMN events BLOB NOT NULL DEFAULT x'';
                    ALTER TABLE file ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
                    """)
        }
        // (And the files' fingerprints in an index of their own, so that the freshness check of a command reads
        // them without reading the pages of the stored models.)
        // Each treaty's list row as a step function of the date (`ListSteps`, the engine's, as bytes:
        // `ListStepsCoding`), with the facts a list shows that do not change with the date, so that a list on
        // any date reads this narrow table instead of decoding every treaty; `steps` NULL with `computed` 0: not
        // yet computed; with `computed` 1: the engine computes the row when asked. And the treaties each treaty's
        // conditions wait for (`treaty-in-force`), so that a change to one drops the steps of those waiting for it.
        migrator.registerMigration("v6-list-steps") { db in
            try db.execute(
                sql: """
                    CREATE TABLE list_row (
                        treaty TEXT NOT NULL,
                        path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        title TEXT NOT NULL,
                        short_title TEXT,
                        kind TEXT NOT NULL,
                        record TEXT NOT NULL,
                        steps BLOB,
                        computed INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (treaty, path)
                    ) WITHOUT ROWID;
                    CREATE INDEX list_row_path ON list_row(path);
                    CREATE TABLE condition_reference (
                        path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        treaty TEXT NOT NULL,
                        waits_for TEXT NOT NULL
                    );
                    CREATE INDEX condition_reference_waits_for ON condition_reference(waits_for);
                    CREATE INDEX condition_reference_path ON condition_reference(path);
                    CREATE INDEX file_path_hash ON file(path, hash);
                    """)
        }
        // The folder's seal (``FolderSeal``) in `meta`, forgotten by the database itself whenever a file (treaty,
        // faulty or context) is stored or removed, whoever writes: a kept seal always describes the files held.
        migrator.registerMigration("v7-folder-seal") { db in
            var sql = ""
            for table in ["file", "other_file"] {
                for change in ["INSERT", "UPDATE", "DELETE"] {
                    sql += """
                        CREATE TRIGGER \(table)_\(change.lowercased())_forgets_seal AFTER \(change) ON \(table)
                        BEGIN DELETE FROM meta WHERE key = 'folder-seal'; END;

                        """
                }
            }
            try db.execute(sql: sql)
        }
        // The events an act appends, in a row of their own per write (`seq` in order), read after the file's
        // `events`: appending to the file's blob rewrote the whole log's pages at each write (1 to 3.5 ms for a
        // log of 3,000 events, with the checkpoints that followed). A write that finds ``appendsBeforeMerging``
        // of them folds them into `events`.
        migrator.registerMigration("v8-event-appends") { db in
            try db.execute(
                sql: """
                    CREATE TABLE event_append (
                        path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        seq INTEGER NOT NULL,
                        events BLOB NOT NULL
                    );
                    CREATE UNIQUE INDEX event_append_path_seq ON event_append(path, seq);
                    """)
        }
        // Rows of appended events merged into one (`merged` 1): ``appendsBeforeMerging`` single rows become one
        // row, and as many merged rows are folded into the file's `events`, so that the rewrite of the whole stored
        // log (a cost that grows with the log, in the write that makes it) comes once in thousands of writes, not
        // once in 64.
        migrator.registerMigration("v9-merged-appends") { db in
            try db.execute(sql: "ALTER TABLE event_append ADD COLUMN merged INTEGER NOT NULL DEFAULT 0")
        }
        // Whether each treaty has coded provisions (pledges, duties), so that the questions about alliances and
        // duties decode those treaties and what they need, not the whole corpus (``storedProvisionTreaties()``).
        // Existing rows cannot be filled in by SQL: the model version went up with this migration (12), so an
        // older index is emptied and re-read.
        migrator.registerMigration("v10-provisions") { db in
            try db.execute(sql: "ALTER TABLE file ADD COLUMN provisions INTEGER NOT NULL DEFAULT 0")
        }
        // Those treaties found without reading the table's pages (a scan of 250,000 rows took 0.2 s, most of the
        // time of `pacta allies` at that size beside the folder's freshness): an index of them alone.
        migrator.registerMigration("v11-provisions-index") { db in
            try db.execute(sql: "CREATE INDEX file_provisions ON file(treaty) WHERE provisions = 1")
        }
        // The data sets each treaty's `references` name (cow, atop, manydata ...), so that `pacta compare`
        // decodes the treaties that name the data set compared and what they need, not the whole corpus
        // (``storedReferringTreaties(to:)``). Existing rows cannot be filled in by SQL: the model version went up
        // with this migration (14), so an older index is emptied and re-read.
        migrator.registerMigration("v12-data-set-references") { db in
            try db.execute(
                sql: """
                    CREATE TABLE data_set_reference (
                        path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        treaty TEXT NOT NULL,
                        data_set TEXT NOT NULL
                    );
                    CREATE INDEX data_set_reference_data_set ON data_set_reference(data_set);
                    CREATE INDEX data_set_reference_path ON data_set_reference(path);
                    """)
        }
        // The last day each treaty's record became known (``PactaCore/Treaty/lastKnownDay``, a day's ordinal), so
        // that `pacta list --as-known-on` computes only the treaties with something recorded after that day
        // (``storedKnownAfter(_:)``). Rows from before hold the largest 32-bit number, "known after any day": each
        // such treaty is computed, as before, until its file is indexed again. And the files by treaty: a
        // treaty's row was found by scanning the table (`pacta status` of a treaty late in the table took 0.22 s
        // at 250,000 treaties, 0.06 s for one early in it).
        migrator.registerMigration("v13-known-through") { db in
            try db.execute(
                sql: """
                    ALTER TABLE list_row ADD COLUMN known_through INTEGER NOT NULL DEFAULT 2147483647;
                    CREATE INDEX list_row_known_through ON list_row(known_through);
                    CREATE INDEX file_treaty ON file(treaty);
                    """)
        }
        // Each treaty's stored model and log in a table of their own: SQLite writes a row whole, overflow pages
        // and all, whenever any of its columns changes, so that a recorded act's update of the file's `hash` and
        // `event_count` wrote the whole stored log again (2 MB into the write-ahead log for a log of 1 MB, measured
        // with SQLite 3.40), and the checkpoints that followed were the tail of a write's latency. The file's row
        // keeps what changes with each write; `file_log` changes only when appended rows are folded into it.
        migrator.registerMigration("v14-file-logs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE file_log (
                        path TEXT PRIMARY KEY NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                        model BLOB NOT NULL,
                        events BLOB NOT NULL
                    );
                    INSERT INTO file_log (path, model, events) SELECT path, model, events FROM file;
                    ALTER TABLE file DROP COLUMN model;
                    ALTER TABLE file DROP COLUMN events;
                    """)
        }
        return migrator
    }

    /// The kept ``FolderSeal``'s text, blocking; `nil` where none is kept.
    public func storedFolderSeal() throws -> String? { try writer.read(Self.folderSeal) }

    private static func folderSeal(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'folder-seal'")
    }

    // MARK: - Synchronous reads, for command-line tools that read the index before doing anything else

    /// Every indexed file's content hash, by relative path (blocking).
    public func storedHashes() throws -> [String: String] {
        // Read from the index of paths and fingerprints, not the table of models (`v6-list-steps`).
        try writer.read { db in try Self.fileHashes(db) }
    }

    /// ``otherHashes()``, blocking.
    public func storedOtherHashes() throws -> [String: String] {
        try writer.read { db in try Self.otherHashes(db) }
    }

    private static func otherHashes(_ db: Database) throws -> [String: String] {
        try pairs(db, sql: "SELECT path, hash FROM other_file")
    }

    /// Every indexed file's fingerprint, by path.
    private static func fileHashes(_ db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM file") ?? 0)
        return try pairs(db, sql: "SELECT path, hash FROM file", into: result)
    }

    /// The two text columns of each row of `sql`, as a dictionary; read with a cursor by column position (rows
    /// fetched whole and read by column name cost several times more at 250,000 files).
    private static func pairs(_ db: Database, sql: String, into start: [String: String] = [:]) throws -> [String:
        String]
    {
        var result = start
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            let key: String = row[0]
            result[key] = row[1]
        }
        return result
    }

    /// Every indexed treaty, sorted by id (blocking).
    public func storedTreaties() throws -> [Treaty] {
        let models = try writer.read { db in try Self.models(db) }
        return try Self.decode(models)
    }

    /// Decodes stored treaty models on every core, keeping their order (decoding is most of a whole-corpus read).
    /// - Throws: the first `DecodingError` met, where a stored model does not decode.
    static func decode(_ models: [StoredModel]) throws -> [Treaty] {
        let slots = OrderedSlots<Result<Treaty, any Error>>(count: models.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, models.count / 64 + 1))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for position in stride(from: worker, to: models.count, by: workers) {
                slots.store(Result { try models[position].treaty() }, at: position)
            }
        }
        return try slots.values.map { try $0!.get() }
    }

    /// A treaty as stored: its model without the log, and the log's events, each in ``CompactCoding``'s form
    /// (model version 11; JSON before), the events one after the other, so that an act recorded appends its
    /// event's bytes to the stored log.
    struct StoredModel {
        var model: Data
        var events: Data

        /// - Parameter appended: the events appended since the row's `events` were written
        ///   (`event_append`, in order), joined.
        init(_ row: Row, appended: Data? = nil) {
            model = row["model"]
            events = row["events"]
            if let appended { events += appended }
        }

        /// The treaty, its log put back.
        /// - Throws: `DecodingError` where either part does not decode.
        func treaty() throws -> Treaty {
            var treaty = try CompactCoding.decode(Treaty.self, from: [UInt8](model))
            treaty.events = try CompactCoding.decodeSequence(Event.self, from: [UInt8](events))
            return treaty
        }

        /// `treaty` as stored: the model and the events.
        static func encoding(_ treaty: Treaty) throws -> (model: Data, events: Data, count: Int) {
            var head = treaty
            head.events = []
            return (Data(try CompactCoding.encode(head)), try fragment(treaty.events), treaty.events.count)
        }

        /// The events' compact forms, one after the other.
        static func fragment<Events: Sequence<Event>>(_ events: Events) throws -> Data {
            Data(try CompactCoding.encodeEach(events))
        }
    }

    /// Every stored treaty's model and events, sorted by treaty id.
    private static func models(_ db: Database) throws -> [StoredModel] {
        var appended: [String: Data] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT path, events FROM event_append ORDER BY path, seq")
        while let row = try rows.next() { appended[row["path"], default: Data()] += row["events"] as Data }
        return try Row.fetchAll(
            db, sql: "SELECT path, model, events FROM file JOIN file_log USING (path) ORDER BY treaty"
        ).map { row in
            StoredModel(row, appended: appended[row["path"]])
        }
    }

    /// The events appended to the stored log of `path` since its `events` were written, joined in order; `nil`
    /// where there are none.
    private static func appendedEvents(path: String, db: Database) throws -> Data? {
        let chunks = try Data.fetchAll(
            db.cachedStatement(sql: "SELECT events FROM event_append WHERE path = ? ORDER BY seq"), arguments: [path])
        return chunks.isEmpty ? nil : chunks.reduce(into: Data()) { $0 += $1 }
    }

    /// How many single appended rows (one write's events each) a treaty's log may have before a write merges them
    /// into one row, and how many merged rows before a write folds them all into the file's `events`: reading the
    /// treaty joins at most twice this many rows; a merge rewrites this many writes' events, and the fold (the
    /// whole stored log) comes once in this many squared writes.
    public static let appendsBeforeMerging = 64

    /// The stored treaty with this id and, transitively, the treaties its conditions wait for (`treaty-in-force`)
    /// and the treaties that amend it (`amends`), each with its file path and fingerprint (blocking): what one treaty's status needs, decoded without the
    /// rest of the corpus, and what tells whether those files are still as indexed without reading the folder.
    /// - Returns: `nil` where no stored treaty has the id (the caller looks further: an alias, a title).
    /// - Complexity: one indexed lookup and one decoding per treaty returned.
    public func storedFiles(closureOf id: String) throws -> [IndexedFile]? {
        var found: [String: IndexedFile] = [:]
        var pending = [id]
        while let next = pending.popLast() {
            guard found[next] == nil else { continue }
            let read = try writer.read { db -> (Row, Data?)? in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT path, hash, model, events FROM file JOIN file_log USING (path) WHERE treaty = ?",
                        arguments: [next])
                else { return nil }
                return (row, try Self.appendedEvents(path: row["path"], db: db))
            }
            guard let (row, appended) = read else {
                if next == id { return nil }
                continue
            }
            let treaty = try StoredModel(row, appended: appended).treaty()
            found[next] = IndexedFile(path: row["path"], hash: row["hash"], treaty: treaty)
            pending += treaty.rules.treatyReferences
            pending += try writer.read { db in
                try String.fetchAll(db, sql: "SELECT treaty FROM amendment WHERE amends = ?", arguments: [next])
            }
        }
        return Array(found.values)
    }

    /// The stored treaties the questions about alliances and duties read (allies, scenarios, dyad tables, a
    /// State's allies over time), sorted by id (blocking): every treaty with coded provisions and, transitively,
    /// the treaties their conditions wait for (`treaty-in-force`), the treaties that amend them and those they
    /// amend. No other treaty can give an ally, a duty, a coverage row or a suspension that bears on one, so
    /// those answers are the same as from the whole corpus, at the cost of these treaties alone.
    /// - Complexity: one recursive query over the index's reference and amendment tables, and one decoding per
    ///   treaty returned (on every core).
    public func storedProvisionTreaties() throws -> [Treaty] {
        let models = try writer.read { db in
            try Self.closureModels(of: "SELECT treaty FROM file WHERE provisions = 1", db: db)
        }
        return try Self.decode(models)
    }

    /// The stored treaties `pacta compare` reads for the data set `key` (`cow`, `atop`, `manydata`: a key of a
    /// treaty's `references`), sorted by id (blocking): every treaty whose references name that data set and,
    /// transitively, the treaties their conditions wait for, those that amend them and those they amend. The
    /// comparison matches only the treaties that name the data set, and computes their members' dates from these
    /// alone, so it is the whole corpus's, at the cost of these treaties.
    /// - Complexity: one recursive query over the index's reference and amendment tables, and one decoding per
    ///   treaty returned (on every core).
    public func storedReferringTreaties(to key: String) throws -> [Treaty] {
        let models = try writer.read { db in
            try Self.closureModels(
                of: "SELECT treaty FROM data_set_reference WHERE data_set = ?", arguments: [key], db: db)
        }
        return try Self.decode(models)
    }

    /// The stored treaties the depositary's calendar from `from` through `through` reads (``Lifecycle/upcoming(from:through:)``
    /// and, where that window holds no date, the last date before it and the first in the 36,600 days after it),
    /// sorted by id (blocking): every treaty with a day of its calendar kept in the window (``ListSteps/calendar``),
    /// those holding the nearest days before and after it, every treaty whose days are not kept (computed when
    /// asked: a renewing term, a reservation, a row without steps), and, transitively, the treaties their
    /// conditions wait for, those that amend them and those they amend. No other treaty has a date in the window,
    /// so the calendar is the whole corpus's, at the cost of these treaties.
    /// - Complexity: one scan of the list table (each treaty's days read in place), one recursive query, and one
    ///   decoding per treaty returned (on every core).
    public func storedCalendarTreaties(from: CalendarDate, through: CalendarDate) throws -> [Treaty] {
        let (start, end) = (Int32(from.ordinal), Int32(through.ordinal))
        let horizon = Int32(through.adding(days: 36_600).ordinal)
        let models = try writer.read { db -> [StoredModel] in
            var wanted = Set<String>()
            var before: (day: Int32, treaties: [String]) = (Int32.min, [])
            var after: (day: Int32, treaties: [String]) = (Int32.max, [])
            let rows = try Row.fetchCursor(db, sql: "SELECT treaty, steps FROM list_row")
            while let row = try rows.next() {
                let id: String = row[0]
                let days = try row.withUnsafeData(atIndex: 1) { data in
                    data?.withUnsafeBytes { ListStepsCoding.calendar(in: $0) }
                }
                guard let days else {
                    wanted.insert(id)
                    continue
                }
                // The first day on or after the window's start, by halving (the days are in order).
                var (low, high) = (0, days.count)
                while low < high {
                    let middle = (low + high) / 2
                    if days[middle] < start { low = middle + 1 } else { high = middle }
                }
                if low < days.count, days[low] <= end { wanted.insert(id) }
                if low > 0 {
                    let last = days[low - 1]
                    if last > before.day {
                        before = (last, [id])
                    } else if last == before.day {
                        before.treaties.append(id)
                    }
                }
                if let next = days[low...].first(where: { $0 > end }), next <= horizon {
                    if next < after.day { after = (next, [id]) } else if next == after.day { after.treaties.append(id) }
                }
            }
            wanted.formUnion(before.treaties)
            wanted.formUnion(after.treaties)
            return try Self.closureModels(ofIDs: wanted, db: db)
        }
        return try Self.decode(models)
    }

    /// ``closureModels(of:arguments:db:)`` seeded with `ids` (passed to SQLite as one JSON array).
    private static func closureModels(ofIDs ids: Set<String>, db: Database) throws -> [StoredModel] {
        let seeds = String(decoding: try JSONEncoder().encode(ids.sorted()), as: UTF8.self)
        return try closureModels(of: "SELECT value FROM json_each(?)", arguments: [seeds], db: db)
    }

    /// The stored models of the treaties the query `seeds` names (one column of ids) and, transitively, of the
    /// treaties their conditions wait for (`treaty-in-force`), those that amend them and those they amend, sorted
    /// by id: one recursive query over the index's reference and amendment tables.
    private static func closureModels(
        of seeds: String, arguments: StatementArguments = StatementArguments(), db: Database
    ) throws -> [StoredModel] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH RECURSIVE edge(a, b) AS (
                    SELECT treaty, waits_for FROM condition_reference
                    UNION ALL SELECT amends, treaty FROM amendment
                    UNION ALL SELECT treaty, amends FROM amendment
                ),
                wanted(id) AS (
                    \(seeds)
                    UNION SELECT edge.b FROM edge JOIN wanted ON edge.a = wanted.id
                )
                SELECT path, model, events FROM file JOIN file_log USING (path)
                WHERE treaty IN (SELECT id FROM wanted) ORDER BY treaty
                """, arguments: arguments)
        return try rows.map { row in StoredModel(row, appended: try Self.appendedEvents(path: row["path"], db: db)) }
    }

    // MARK: - TreatyIndex

    public func hashes() async throws -> [String: String] {
        try await writer.read { db in try Self.fileHashes(db) }
    }

    public func upsert(_ files: [IndexedFile]) async throws {
        // Encoded on every core before the write (encoding was a sixth of an index build, on one core).
        let slots = OrderedSlots<Result<(model: Data, events: Data, count: Int), any Error>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { position in
            slots.store(Result { try StoredModel.encoding(files[position].treaty) }, at: position)
        }
        let encoded = try zip(files, slots.values).map { file, slot in (file, try slot!.get()) }
        try await writer.write { db in
            for (file, stored) in encoded {
                try Self.delete(path: file.path, db: db)
                try db.run(
                    sql: "INSERT INTO file (path, hash, treaty, event_count, provisions) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        file.path, file.hash, file.treaty.id, stored.count, file.treaty.provisions.isEmpty ? 0 : 1,
                    ])
                try db.run(
                    sql: "INSERT INTO file_log (path, model, events) VALUES (?, ?, ?)",
                    arguments: [file.path, stored.model, stored.events])
                if let amends = file.treaty.amends {
                    try db.run(
                        sql: "INSERT INTO amendment (path, treaty, amends) VALUES (?, ?, ?)",
                        arguments: [file.path, file.treaty.id, amends.treaty])
                }
                for dataSet in file.treaty.references.keys {
                    try db.run(
                        sql: "INSERT INTO data_set_reference (path, treaty, data_set) VALUES (?, ?, ?)",
                        arguments: [file.path, file.treaty.id, dataSet])
                }
                try Self.insertListRow(file, db: db)
                for document in file.treaty.searchDocuments {
                    try db.run(
                        sql:
                            "INSERT INTO document (path, treaty, article, field, language, text) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [
                            file.path, document.treaty, document.article, document.field.rawValue, document.language,
                            document.text,
                        ])
                    try db.run(
                        sql: "INSERT INTO document_fts (rowid, segmented) VALUES (?, ?)",
                        arguments: [db.lastInsertedRowID, SearchText.segment(document.text)])
                }
            }
        }
    }

    /// Appends the events `file`'s treaty has beyond `previous`'s to the stored log, where the index holds
    /// `previous` as it was (its content hash and number of events) and the rest of the treaty is unchanged; else
    /// stores the whole file, as ``upsert(_:)``.
    /// - Complexity: the new events' encoding, one small insert and one update, where the index holds `previous`
    ///   (once in ``appendsBeforeMerging`` writes, a merge of the appended rows; once in its square, a rewrite of the
    ///   stored log); a write of the whole treaty
    ///   otherwise.
    public func append(_ file: IndexedFile, after previous: IndexedFile) async throws {
        let old = previous.treaty.events
        let new = file.treaty.events
        // The rest of the treaty unchanged (compared as values: encoding it to compare its bytes cost a treaty
        // with a long text more than the events).
        var head = file.treaty
        head.events = []
        var previousHead = previous.treaty
        previousHead.events = []
        guard file.path == previous.path, new.count > old.count, old.last.map({ $0 == new[old.count - 1] }) ?? true,
            head == previousHead
        else { return try await upsert([file]) }
        let added = try StoredModel.fragment(new[old.count...])
        let appended: Bool = try await writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT hash, event_count FROM file WHERE path = ?", arguments: [file.path]),
                (row["hash"] as String).hasPrefix(previous.hash), row["event_count"] as Int == old.count
            else { return false }
            // The new events in a row of their own; once there are many such rows, merged into one; once there are
            // many merged rows, all of them folded into the file's `events` (``appendsBeforeMerging``).
            let (singles, merged, last) = try Self.appendRows(path: file.path, db: db)
            if singles + 1 >= mergeAfter, merged + 1 >= mergeAfter {
                let joined = (try Self.appendedEvents(path: file.path, db: db) ?? Data()) + added
                // `||` makes text of two blobs (and text stops at the compact form's zero bytes): cast back.
                try db.run(
                    sql: "UPDATE file_log SET events = CAST(events || ? AS BLOB) WHERE path = ?",
                    arguments: [joined, file.path])
                try db.run(
                    sql: "UPDATE file SET hash = ?, event_count = ? WHERE path = ?",
                    arguments: [file.hash, new.count, file.path])
                try db.run(sql: "DELETE FROM event_append WHERE path = ?", arguments: [file.path])
            } else {
                // One more appended row: this write's events, or, where the single rows are many, those rows' events
                // and this write's merged into one row that replaces them.
                let merging = singles + 1 >= mergeAfter
                var events = added
                if merging {
                    let chunks = try Data.fetchAll(
                        db, sql: "SELECT events FROM event_append WHERE path = ? AND merged = 0 ORDER BY seq",
                        arguments: [file.path])
                    events = chunks.reduce(into: Data()) { $0 += $1 } + added
                    try db.run(sql: "DELETE FROM event_append WHERE path = ? AND merged = 0", arguments: [file.path])
                }
                try db.run(
                    sql: "INSERT INTO event_append (path, seq, events, merged) VALUES (?, ?, ?, ?)",
                    arguments: [file.path, last + 1, events, merging ? 1 : 0])
                try db.run(
                    sql: "UPDATE file SET hash = ?, event_count = ? WHERE path = ?",
                    arguments: [file.hash, new.count, file.path])
            }
            try db.run(
                sql: "UPDATE list_row SET steps = NULL, computed = 0, known_through = ? WHERE path = ?",
                arguments: [Self.knownThrough(file.treaty), file.path])
            try Self.dropListSteps(waitingFor: file.treaty.id, db: db)
            return true
        }
        if !appended { try await upsert([file]) }
    }

    public func folderSeal() async throws -> String? { try await writer.read(Self.folderSeal) }

    public func storeFolderSeal(_ seal: String) async throws {
        try await writer.write { db in
            try db.run(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('folder-seal', ?)", arguments: [seal])
        }
    }

    public func otherHashes() async throws -> [String: String] {
        try await writer.read { db in try Self.otherHashes(db) }
    }

    public func recordOther(_ files: [String: String]) async throws {
        try await writer.write { db in
            for (path, hash) in files {
                try Self.delete(path: path, db: db)
                try db.run(sql: "INSERT INTO other_file (path, hash) VALUES (?, ?)", arguments: [path, hash])
            }
        }
    }

    public func restamp(_ fingerprints: [String: String]) async throws {
        try await writer.write { db in
            for (path, fingerprint) in fingerprints {
                try db.run(sql: "UPDATE file SET hash = ? WHERE path = ?", arguments: [fingerprint, path])
            }
        }
    }

    public func remove(paths: [String]) async throws {
        try await writer.write { db in
            for path in paths { try Self.delete(path: path, db: db) }
        }
    }

    /// How many appended rows the stored log of `path` has, and the last one's `seq` (0 for none).
    /// How many appended rows (single and merged) the file at `path` has, blocking: what a test reads to see the
    /// merges and folds happen.
    func appendedRowCount(path: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM event_append WHERE path = ?", arguments: [path]) ?? 0
        }
    }

    /// A treaty's appended rows: how many are single and merged, and the last's `seq` (0 where none).
    private static func appendRows(path: String, db: Database) throws -> (singles: Int, merged: Int, last: Int) {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT coalesce(sum(merged = 0), 0) AS singles, coalesce(sum(merged), 0) AS merged,
                        coalesce(max(seq), 0) AS last
                    FROM event_append WHERE path = ?
                    """),
            arguments: [path])
        return (row?["singles"] ?? 0, row?["merged"] ?? 0, row?["last"] ?? 0)
    }

    private static func delete(path: String, db: Database) throws {
        // The steps of the treaties waiting for the one the file held are dropped with it.
        guard
            let treaty = try String.fetchOne(
                db.cachedStatement(sql: "SELECT treaty FROM file WHERE path = ?"), arguments: [path])
        else {
            // No treaty held: every other row of a path is written with its `file` row, but for the record of a
            // faulty file (a new file, the usual case of an index built from scratch, costs one lookup).
            try db.run(sql: "DELETE FROM other_file WHERE path = ?", arguments: [path])
            return
        }
        try dropListSteps(waitingFor: treaty, db: db)
        try db.run(
            sql: "DELETE FROM document_fts WHERE rowid IN (SELECT id FROM document WHERE path = ?)", arguments: [path])
        try db.run(sql: "DELETE FROM document WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM amendment WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM list_row WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM condition_reference WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM data_set_reference WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM event_append WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM file_log WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM file WHERE path = ?", arguments: [path])
        try db.run(sql: "DELETE FROM other_file WHERE path = ?", arguments: [path])
    }

    public func treaties() async throws -> [Treaty] {
        let models = try await writer.read { db in try Self.models(db) }
        return try Self.decode(models)
    }

    // MARK: - List steps

    /// A list row's `known_through`: the ordinal of ``PactaCore/Treaty/lastKnownDay``, the smallest 32-bit number
    /// where nothing is recorded (known as of any day).
    private static func knownThrough(_ treaty: Treaty) -> Int { treaty.lastKnownDay?.ordinal ?? Int(Int32.min) }

    /// The list row's facts of `file`'s treaty, without steps (``Indexer`` stores them), and the treaties its
    /// conditions wait for; the steps of the treaties waiting for it are dropped.
    private static func insertListRow(_ file: IndexedFile, db: Database) throws {
        let treaty = file.treaty
        try db.run(
            sql:
                "INSERT INTO list_row (path, treaty, title, short_title, kind, record, known_through) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                file.path, treaty.id, treaty.title(), treaty.shortTitles["en"], treaty.kind.rawValue,
                treaty.record.rawValue, Self.knownThrough(treaty),
            ])
        for waited in Set(treaty.rules.treatyReferences) {
            try db.run(
                sql: "INSERT INTO condition_reference (path, treaty, waits_for) VALUES (?, ?, ?)",
                arguments: [file.path, treaty.id, waited])
        }
        try dropListSteps(waitingFor: treaty.id, db: db)
    }

    /// Drops the steps of every treaty whose conditions wait, at any depth, for the treaty `id`.
    private static func dropListSteps(waitingFor id: String, db: Database) throws {
        try db.run(
            sql: """
                WITH RECURSIVE waiting(id) AS (
                    SELECT treaty FROM condition_reference WHERE waits_for = ?
                    UNION SELECT r.treaty FROM condition_reference r JOIN waiting w ON r.waits_for = w.id
                )
                UPDATE list_row SET steps = NULL, computed = 0 WHERE treaty IN waiting AND (steps IS NOT NULL OR computed = 1)
                """, arguments: [id])
    }

    public func search(_ query: String, language: String?, limit: Int) async throws -> [SearchHit] {
        guard let expression = SearchText.ftsExpression(query), limit > 0 else { return [] }
        let arguments: StatementArguments = [expression, language, language, language, limit * 4]
        let found: [(document: SearchDocument, rank: Double)] = try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.treaty, d.article, d.field, d.language, d.text, bm25(document_fts) AS rank
                    FROM document_fts JOIN document d ON d.id = document_fts.rowid
                    WHERE document_fts MATCH ? AND (? IS NULL OR d.language = ? OR d.language LIKE ? || '-%')
                    ORDER BY rank LIMIT ?
                    """,
                arguments: arguments
            ).map { row in
                let document = SearchDocument(
                    treaty: row["treaty"], article: row["article"],
                    field: SearchDocument.Field(rawValue: row["field"]) ?? .text, language: row["language"],
                    text: row["text"])
                return (document, row["rank"])
            }
        }
        // Ranked first, so that only the hits returned get a snippet (the costly part of a search).
        let ranked = found.map { (document: $0.document, score: -$0.rank * $0.document.field.weight) }.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.document.treaty != b.document.treaty { return a.document.treaty < b.document.treaty }
            return (a.document.article ?? "", a.document.language) < (b.document.article ?? "", b.document.language)
        }
        let terms = SearchText.terms(query)
        return ranked.prefix(limit).map {
            SearchHit(
                document: $0.document, snippet: SearchText.snippet($0.document.text, terms: terms), score: $0.score)
        }
    }
}

// MARK: - List steps

/// The list steps (``ListStepsStore``) in the `list_row` table, one row per treaty, clustered by treaty id: the
/// facts a list shows and the steps as one blob (``ListStepsCoding``), which a list on a date reads with one scan
/// of the table in id order, decoding in each blob only the step that holds on the date.
///
/// Chosen over one table row per step (`list_step(treaty, from_day, status, ...)`, keyed by treaty and first day,
/// read with the last step on or before the date for each treaty): on the generated corpus of 250,000 treaties
/// (2.45 M steps), that query took 0.62 s where the scan of the blobs took 0.33 s, and its table 85 MB where the
/// blobs take 51 MB (`Benchmarks/list-store.py INDEX DATE` measures both, through Python's sqlite3, and checks
/// that they give the same rows). A treaty's steps are written and dropped together, so nothing needs them one
/// by one.
extension SQLiteIndex: ListStepsStore, ListStepsReader {
    public func storeListSteps(_ steps: [String: ListSteps?]) async throws {
        let encoded = steps.map { ($0.key, $0.value.map(ListStepsCoding.encode)) }
        try await writer.write { db in
            for (id, bytes) in encoded {
                try db.run(
                    sql: "UPDATE list_row SET steps = ?, computed = ? WHERE treaty = ?",
                    arguments: [bytes.map { Data($0) }, bytes == nil, id])
            }
        }
    }

    public func treatiesWithoutListSteps() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT treaty FROM list_row WHERE steps IS NULL AND computed = 0 ORDER BY treaty, path")
        }
    }

    public func listStepsClosure(of id: String) async throws -> [Treaty]? { try storedClosure(of: id) }

    /// The stored treaty `id` and, transitively, the treaties its conditions wait for and those that amend it
    /// (``storedFiles(closureOf:)``), blocking; `nil` where no stored treaty has the id.
    public func storedClosure(of id: String) throws -> [Treaty]? { try storedFiles(closureOf: id)?.map(\.treaty) }

    public func storedClosures(of ids: Set<String>) throws -> [Treaty] {
        try Self.decode(try writer.read { db in try Self.closureModels(ofIDs: ids, db: db) })
    }

    public func storedList(on date: CalendarDate) throws -> [(id: String, entry: ListEntry?)] {
        try writer.read { db in
            var result: [(id: String, entry: ListEntry?)] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT treaty, title, short_title, kind, record, steps FROM list_row ORDER BY treaty, path")
            while let row = try rows.next() {
                let id: String = row[0]
                let decoded = try row.withUnsafeData(atIndex: 5) { data in
                    data?.withUnsafeBytes { ListStepsCoding.row(on: date, in: $0) }
                }
                guard let decoded, let kind = Treaty.Kind(rawValue: row[3]),
                    let record = Treaty.Record(rawValue: row[4])
                else {
                    result.append((id, nil))
                    continue
                }
                result.append(
                    (id, ListEntry(id: id, title: row[1], shortTitle: row[2], kind: kind, record: record, row: decoded))
                )
            }
            return result
        }
    }

    public func storedKnownAfter(_ day: CalendarDate) throws -> Set<String> {
        try writer.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT treaty FROM list_row WHERE known_through > ?", arguments: [day.ordinal]))
        }
    }

    public func storedDependents(of ids: Set<String>) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try writer.read { db in
            var found = Set<String>()
            var pending = Array(ids)
            while let next = pending.popLast() {
                for waiting in try String.fetchAll(
                    db, sql: "SELECT treaty FROM condition_reference WHERE waits_for = ?", arguments: [next])
                where !ids.contains(waiting) && found.insert(waiting).inserted {
                    pending.append(waiting)
                }
            }
            return found
        }
    }
}

extension Database {
    /// `sql` (one statement) run with `arguments` through the connection's statement cache: compiled once per
    /// connection instead of once per call (an index build runs each of these statements for every file, and
    /// compiling them was 6% of its time).
    fileprivate func run(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
