import PactaCore
import PactaDesk
import PactaStore

extension Questions {
    /// What ``record(_:in:holding:desk:today:)`` did: each act's outcome, the treaty after them, and where the
    /// index could not follow.
    public struct Recorded: Sendable {
        /// Each request's outcome, in order: the act as recorded, or why not.
        public let results: [Result<Recording, DeskError>]
        /// The treaty as its file now reads, where an act was recorded (``replacing(_:)`` puts it in the
        /// questions).
        public let treaty: Treaty?
        /// Why the index does not hold the file as written (recorded in the file all the same), where it does not.
        public let indexFailure: String?
    }

    /// These questions with `treaty` as its file now reads (in place of the one with its id, or added).
    public func replacing(_ treaty: Treaty) -> Questions {
        Questions(corpus: corpus.replacing(treaty), index: index, faulty: faulty.subtracting([treaty.id]))
    }

    /// Records `requests` (acts of one treaty, in order) in treaty `id`'s file, as the depositary's desk does:
    /// each checked against the treaty as the ones before it left it (VCLT arts. 11–25, 56, 65–68, 70 as
    /// ``Treaty/admissionFaults(of:lifecycle:)`` applies them), the file appended to once and flushed; then the
    /// index (where there is one) is given the file as written, before the caller releases `lock`, so that no
    /// other writer's refresh comes between.
    /// - Parameters:
    ///   - lock: the treaty's file lock, which the caller took (``Desk/lock(_:)`` waits for other writers: take it
    ///     on a thread that may wait) and releases after this returns.
    ///   - today: the date of the record (`recorded`), and the latest date an act may have.
    /// - Returns: the outcomes; never throws: a refusal is an outcome.
    public func record(
        _ requests: [Desk.Request], in id: String, holding lock: TreatyLock, desk: Desk, today: CalendarDate
    ) async -> Recorded {
        await indexing(desk.record(requests, in: id, holding: lock, corpus: corpus, today: today))
    }

    /// The second half of ``record(_:in:holding:desk:today:)``, for a caller that ran the desk's
    /// ``Desk/record(_:in:holding:corpus:today:)`` itself (with ``corpus``) on a thread of its own, still holding
    /// the treaty's lock: gives the file as written to the index and says what was recorded.
    /// - Parameter results: the desk's outcomes, in order.
    public func indexing(_ results: [Result<Recording, DeskError>]) async -> Recorded {
        guard let last = results.lazy.compactMap({ try? $0.get() }).last else {
            return Recorded(results: results, treaty: nil, indexFailure: nil)
        }
        let written = IndexedFile(path: last.file, hash: last.fingerprint, treaty: last.read)
        let failure = await refreshIndex(
            written,
            after: last.readBefore.map { IndexedFile(path: last.file, hash: last.versionBefore, treaty: $0) })
        return Recorded(results: results, treaty: last.read, indexFailure: failure)
    }

    /// Why `id` cannot be a new treaty's id where another treaty of the corpus answers to it (its alias, short
    /// title or title, as `pacta status` takes names): the new id would take the name from it, and `pacta status
    /// nato` would then mean the new treaty. `nil` where no other treaty has that name.
    /// - Complexity: O(t) for the corpus's t treaties (a new treaty is rare).
    public func nameClash(_ id: String) -> DeskError? {
        guard let other = corpus.treaties.first(where: { $0.id != id && $0.isNamed(id) }) else { return nil }
        return .conflict(
            "'\(id)' is a name of \(other.id) (\(other.displayTitle)): 'pacta status \(id)' finds that treaty now, and would find the new one instead. Choose another id."
        )
    }

    /// Gives the index treaty file `file` as read again after another process wrote it
    /// (``Desk/reread(_:holding:)``); why the index does not hold it, where it does not.
    /// - Parameters:
    ///   - file: relative to the corpus folder; `fingerprint`: its content hash and stamp.
    public func indexing(read treaty: Treaty, file: String, fingerprint: String) async -> String? {
        await refreshIndex(IndexedFile(path: file, hash: fingerprint, treaty: treaty))
    }

    /// Writes treaty file `new` as `pacta new` does and gives it to the index.
    /// - Returns: the file written (``replacing(_:)`` puts its treaty in the questions), and why the index does not
    ///   hold it, where it does not.
    /// - Throws: ``DeskError``: the id is taken, or the file would not pass `pacta check`.
    public func create(_ new: NewTreaty, desk: Desk) async throws(DeskError) -> (
        created: Desk.Created, indexFailure: String?
    ) {
        if let clash = nameClash(new.id) { throw clash }
        let created = try desk.create(new)
        let failure = await refreshIndex(
            IndexedFile(path: created.file, hash: created.fingerprint, treaty: created.treaty))
        return (created, failure)
    }

    /// Gives `file` to the index, where there is one (as events appended to `previous`, where given); why it
    /// failed, else `nil`.
    private func refreshIndex(_ file: IndexedFile, after previous: IndexedFile? = nil) async -> String? {
        guard let index else { return nil }
        do {
            if let previous { try await index.append(file, after: previous) } else { try await index.upsert([file]) }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
