import Foundation

/// A database of its own for one PostgreSQL test, in the cluster `PACTA_TEST_DATABASE_URL` names, made with
/// `psql` (Debian's `postgresql-client`): the owner's URL, and the URL of a login role that is a member of the
/// servers' group role `pacta_writer` (the role `pacta serve` runs as: no UPDATE or DELETE on events).
public struct PostgresFixture: Sendable {
    /// Why a fixture could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The database's owner (runs the migrations and the import).
    public let ownerURL: String
    /// The server's role, `pacta_test_server`, member of `pacta_writer`.
    public let serverURL: String
    /// The database's name.
    public let name: String

    /// The login role the server tests use.
    public static let serverRole = "pacta_test_server"

    /// Makes a new database `pacta_test_<random>`, and the roles where the cluster lacks them.
    /// - Throws: ``Failure`` where `PACTA_TEST_DATABASE_URL` is not set or `psql` fails (its message).
    public init() throws {
        guard let base = Requirements.postgresURL, var url = URLComponents(string: base) else {
            throw Failure(description: "PACTA_TEST_DATABASE_URL is not set: " + Requirements.postgresSkipped)
        }
        name = "pacta_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try Self.psql(
            base,
            """
            DO $$ BEGIN CREATE ROLE pacta_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE \(Self.serverRole) LOGIN PASSWORD 'pacta-test' IN ROLE pacta_writer; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            """)
        try Self.psql(base, "CREATE DATABASE \(name)")
        url.path = "/\(name)"
        ownerURL = url.string!
        url.user = Self.serverRole
        url.password = "pacta-test"
        serverURL = url.string!
    }

    /// ``init()`` on a thread of its own (`psql` is waited for there, never on the concurrency pool).
    public static func make() async throws -> PostgresFixture {
        try await onOwnThread { try PostgresFixture() }
    }

    /// ``psql(_:_:)`` on a thread of its own.
    @discardableResult
    public static func psqlOffPool(_ url: String, _ sql: String) async throws -> String {
        try await onOwnThread { try psql(url, sql) }
    }

    /// Drops the database (after the test; its connections are ended first).
    public func drop() async {
        guard let base = Requirements.postgresURL else { return }
        _ = try? await Self.psqlOffPool(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs `sql` with `psql` on `url`, stopping at the first error.
    /// - Returns: what `psql` printed (unaligned, tuples only).
    /// - Throws: ``Failure`` with `psql`'s error output.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let run = try Program.runWaiting(
            "/usr/bin/env", ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
        guard run.status == 0 else {
            throw Failure(description: run.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
