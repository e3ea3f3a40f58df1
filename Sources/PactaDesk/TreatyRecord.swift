import PactaCore

/// A record that several servers share (a database), in place of the corpus folder's files: acts are recorded
/// in it with the checks and sentences of the ``Desk``, each write committed before it is acknowledged.
///
/// The file-backed server writes through a ``Desk`` and a ``TreatyLock``; a server started on a database writes
/// through this protocol. Both give the same ``Recording`` and the same ``DeskError`` for the same act.
public protocol TreatyRecord: Sendable {
    /// Records acts of treaty `id`, in order, each checked against the treaty as committed and as the ones before
    /// it left it; the accepted ones are committed (durably) when this returns.
    /// - Parameters:
    ///   - corpus: the corpus the treaty's conditions may name; the treaty itself is read from the record.
    ///   - today: the day of the record (`recorded`).
    /// - Returns: one outcome per request, in order: ``DeskError/unavailable(_:)`` where the database could not be
    ///   reached or the commit was not confirmed (never acknowledged).
    func record(_ requests: [Desk.Request], in id: String, corpus: Corpus, today: CalendarDate) async
        -> [Result<Recording, DeskError>]

    /// Adds a new treaty, as ``Desk/create(_:)`` writes its file.
    /// - Throws: ``DeskError``: ``DeskError/conflict(_:)`` where the id is taken, ``DeskError/refused(_:)`` with
    ///   the faults of the request, ``DeskError/unavailable(_:)`` where the database cannot be reached.
    func create(_ new: NewTreaty) async throws(DeskError) -> Desk.Created
}

/// Who may write, wherever the users are kept: the users file (``UserStore``) or a database.
public protocol UserDirectory: Sendable {
    /// The active user whose bearer token this is, or `nil` (unknown or revoked).
    /// - Throws: where the users cannot be read.
    func user(forToken token: String) async throws -> User?

    /// The active users.
    /// - Throws: where the users cannot be read.
    func list() async throws -> [User]
}

extension UserStore: UserDirectory {}
