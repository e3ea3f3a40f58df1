import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaStore

/// What a server started on the PostgreSQL record reads at start: the corpus as the record holds it (read into
/// the same in-memory snapshot a file-backed server holds), the desk that checks writes, and how to follow the
/// other servers' writes.
public struct PostgresServing: Sendable {
    public let record: PostgresRecord
    /// The corpus as the record holds it, read by ``PactaFormats/CorpusLoader`` from the record's files.
    public let loaded: CorpusLoader.Result
    /// Writes through the record.
    public let desk: PostgresDesk
    /// The folder name the treaties are read under (in diagnostics and the desk's paths): a private folder that
    /// held the record's context files (entities, regions, scope, successions) while they were read, and is gone
    /// once the server has started.
    public let folder: String

    /// Reads the whole record (the schema must be up to date): the treaty texts in memory, from the rows; only the
    /// few context files are written, to a private folder removed before this returns.
    /// - Throws: ``RecordError``.
    public init(record: PostgresRecord) async throws {
        try await record.requireSchema()
        let folder = NSTemporaryDirectory() + "pacta-serve-\(UUID().uuidString)"
        var desk: Desk?
        loaded = try await record.loadCorpus(as: folder) { folder in desk = try Desk(corpus: folder) }
        guard let desk else { throw RecordError("cannot read the record's corpus: no desk") }
        self.desk = PostgresDesk(record: record, desk: desk)
        self.record = record
        self.folder = folder
    }

    /// Ids of the treaties read with errors.
    public var faulty: Set<String> {
        Set(
            loaded.diagnostics.filter(\.isError).map { diagnostic in
                let name = (diagnostic.file as NSString).lastPathComponent
                return String(name.prefix { $0 != "." })
            })
    }

    /// Follows the writes of every server on the record until the task is cancelled: each treaty written is read
    /// again as committed and given to `replace`; once it listens (at the start, and after a lost connection), every
    /// treaty whose version changed since it last read is.
    /// - Parameters:
    ///   - executor: where the following runs; `nil` for Swift's pool (a task that outlives a cancellation does
    ///     not take its caller's executor, so a caller that wants one names it).
    ///   - replace: puts a treaty in the server's snapshot.
    public func follow(on executor: (any TaskExecutor)? = nil, _ replace: @escaping @Sendable (Treaty) -> Void) async {
        let known = Versions()
        if let versions = try? await record.versions() { known.set(versions) }
        let (record, desk, written) = (record, desk.desk, desk.committed)
        @Sendable func reread(_ id: String) async {
            // A write of this server's: its snapshot has the treaty already, or will once the write is answered
            // (the version committed is one its desk committed lately or is committing, or the text its desk
            // holds), and the text, 900 KB for a log of 6,000 events, is not read again.
            if let committed = try? await record.version(of: id) {
                if known.get(id) == committed.version || written.contains(id, committed.version) { return }
                // The text this server's desk holds: the treaty as it reads is taken from it (the snapshot has it
                // already, unless the write's outcome was unknown when it was answered and it committed after).
                if let treaty = desk.heldTreaty(file: committed.file, version: committed.version) {
                    known.set([id: committed.version])
                    replace(treaty)
                    return
                }
            }
            guard let stored = try? await record.storedTreaties(id: id).first else { return }
            known.set([id: stored.version])
            if let treaty = desk.read(text: stored.text.joined, file: "\(desk.folder)/\(stored.file)").treaty {
                replace(treaty)
            }
        }
        await record.listen(
            on: executor,
            changed: { id in await reread(id) },
            listening: {
                guard let versions = try? await record.versions() else { return }
                for (id, version) in versions where known.get(id) != version { await reread(id) }
            })
    }
}

/// The versions of each treaty a server's desk committed lately, or is committing: each is added before its
/// transaction commits, since the notification of the commit may reach the server's follower before the
/// transaction's answer reaches the desk, and removed where the transaction fails or its outcome is unknown. A few
/// are kept per treaty: under a steady load the version the follower reads after a notification is often that of a
/// later batch than the one notified.
final class OwnVersions: @unchecked Sendable {
    /// How many versions are kept per treaty.
    static let kept = 16
    private let lock = NSLock()
    private var values: [String: [String]] = [:]

    func add(_ id: String, _ version: String) {
        lock.withLock {
            var versions = values[id, default: []]
            guard !versions.contains(version) else { return }
            versions.append(version)
            if versions.count > Self.kept { versions.removeFirst(versions.count - Self.kept) }
            values[id] = versions
        }
    }

    func remove(_ id: String, _ version: String) { lock.withLock { values[id]?.removeAll { $0 == version } } }

    func contains(_ id: String, _ version: String) -> Bool { lock.withLock { values[id]?.contains(version) ?? false } }
}

/// The versions of the treaties a server last read.
final class Versions: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    func set(_ new: [String: String]) { lock.withLock { values.merge(new) { $1 } } }
    func get(_ id: String) -> String? { lock.withLock { values[id] } }
}
