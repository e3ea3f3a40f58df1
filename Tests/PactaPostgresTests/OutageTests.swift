import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import PactaCore
import PactaDesk
import PactaPostgres
import PactaTestSupport
import Testing

/// `Scripts/pg-throwaway.sh` with `arguments`, on a thread of its own; what it printed.
func throwaway(_ arguments: [String]) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        startThread(named: "pacta.test.pg") {
            continuation.resume(
                with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/bash")
                    process.arguments =
                        [Fixtures.packageRoot.appendingPathComponent("Scripts/pg-throwaway.sh").path]
                        + arguments
                    let output = Pipe()
                    process.standardOutput = output
                    try process.run()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    // Reaped here: Foundation's waitUntilExit() does not return once the script has started
                    // PostgreSQL's daemon (seen on Linux with Swift 6.3).
                    var status: Int32 = 0
                    waitpid(process.processIdentifier, &status, 0)
                    guard status == 0 else {
                        throw PostgresFixture.Failure(
                            description: "pg-throwaway.sh \(arguments.joined(separator: " ")) failed")
                    }
                    return String(decoding: data, as: UTF8.self)
                })
        }
    }
}

/// PostgreSQL stopped as by a crash (`pg_ctl stop -m immediate`) in the middle of writes from two servers, then
/// started again: on a cluster of the test's own (`Scripts/pg-throwaway.sh`), so that the other tests' database
/// stays up.
///
/// A write in flight at the moment of the crash may never be answered by its lost connection: it is answered
/// `503` (outcome unknown) after ``PostgresRecord/outcomeDeadline``, never `201`.
@Suite(
    .serialized, .onServerThreads,
    .enabled(if: Requirements.postgresTestsRun, Comment(rawValue: Requirements.postgresSkipped)))
struct OutageTests {
    @Test func aCrashOfPostgreSQLLosesNoAcknowledgedWriteAndTheServersServeAgainAfter() async throws {
        // This test hung twice in CI (every task waiting, no thread working): the stage it is at is named if it
        // takes over 5 minutes (it takes 15-90 s), so that a hang reads as where it happened.
        let stage = Stage("starting a cluster", deadline: 300)
        defer { stage.set(nil) }
        let exports = try await throwaway(["start"])
        var settings: [String: String] = [:]
        for line in exports.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            settings[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        let folder = try #require(settings["PACTA_PG_DIR"])
        defer { Task { _ = try? await throwaway(["stop", folder]) } }
        let owner = try #require(settings["PACTA_PG_ADMIN_URL"])
        let server = try #require(settings["PACTA_PG_SERVER_URL"])
        stage.set("preparing the database")
        let token = try await PostgresRecord.with(url: owner, executor: ServerThreads.shared) { record in
            try await record.migrate()
            return try await TwoServerTests.prepare(record)
        }
        stage.set("starting two servers")
        try await withTwoServers(url: server) { a, b in
            stage.set("writing through the crash")
            do {
                // The clients write until PostgreSQL is back (at most 200 acts each): on a fast machine a fixed
                // count of acts was all answered before the crash, and none met it.
                let writing = OutageFlag()
                let outcomes = try await withThrowingTaskGroup(of: (acknowledged: [String], unavailable: Int).self) {
                    group in
                    for client in 0..<20 {
                        group.addTask {
                            var acknowledged: [String] = []
                            var unavailable = 0
                            for act in 0..<200 where writing.isSet {
                                let body =
                                    #"{"id": "o-\#(client)-\#(act)", "type": "declaration", "party": "THA", "date": "2026-03-01", "summary": "client \#(client) act \#(act)"}"#
                                let answer = try await post(
                                    TwoServerTests.events, body, token: token, port: client % 2 == 0 ? a.port : b.port)
                                switch answer.status {
                                case 201: acknowledged.append("o-\(client)-\(act)")
                                case 503:
                                    unavailable += 1
                                    try await Task.sleep(for: .milliseconds(200))
                                default:
                                    Issue.record(
                                        "client \(client) act \(act): \(answer.status) \(answer.body.prefix(200))")
                                }
                            }
                            return (acknowledged, unavailable)
                        }
                    }
                    // The crash, once writes are under way; PostgreSQL back 3 seconds later.
                    try await Task.sleep(for: .seconds(2))
                    _ = try await throwaway(["pause", folder])
                    try await Task.sleep(for: .seconds(3))
                    _ = try await throwaway(["resume", folder])
                    try await Task.sleep(for: .seconds(1))
                    writing.clear()
                    return try await group.reduce(into: [(acknowledged: [String], unavailable: Int)]()) {
                        $0.append($1)
                    }
                }
                stage.set("writing after the crash")
                let acknowledged = outcomes.flatMap(\.acknowledged)
                #expect(outcomes.map(\.unavailable).reduce(0, +) > 0)
                // Each server serves writes again.
                for (port, party) in [(a.port, "THA"), (b.port, "VNM")] {
                    var status = 0
                    for _ in 0..<30 where status != 201 {
                        status = try await post(
                            TwoServerTests.events,
                            #"{"type": "consent", "form": "ratification", "party": "\#(party)", "date": "2026-04-02"}"#,
                            token: token, port: port
                        ).status
                        if status != 201 { try await Task.sleep(for: .milliseconds(500)) }
                    }
                    #expect(status == 201)
                }
                stage.set("reading the events back")
                let stored = try await PostgresFixture.psqlOffPool(
                    owner, "SELECT string_agg(id, ',') FROM event WHERE treaty = 'th-vn-2026-friendship'")
                let ids = Set(stored.split(separator: ",").map(String.init))
                #expect(Set(acknowledged).isSubset(of: ids))
                // Each event once.
                let counts = try await PostgresFixture.psqlOffPool(
                    owner, "SELECT count(*) = count(DISTINCT id) FROM event WHERE treaty = 'th-vn-2026-friendship'")
                #expect(counts == "t")
                #expect(!acknowledged.isEmpty)
            } catch {
                stage.set("stopping the two servers and their pools after an error (\(error))")
                throw error
            }
            stage.set("stopping the two servers and their pools")
        }
    }
}

/// The stage a long test is at; past `deadline` seconds in one stage, the process stops with the stage's name.
final class Stage: @unchecked Sendable {
    private let lock = NSLock()
    private var name: String?
    private var since = Date()

    init(_ name: String, deadline: TimeInterval) {
        self.name = name
        startThread(named: "pacta.test.stage") { [self] in
            while true {
                sleep(5)
                let (current, start) = lock.withLock { (self.name, since) }
                guard let current else { return }
                if Date().timeIntervalSince(start) > deadline {
                    fatalError("the PostgreSQL crash test is stuck \(current) (over \(Int(deadline)) s)")
                }
            }
        }
    }

    /// Enters stage `name`; nil ends the watch.
    func set(_ name: String?) {
        lock.withLock {
            self.name = name
            since = Date()
        }
    }
}

/// Whether the clients of an outage test still write.
final class OutageFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = true
    var isSet: Bool { lock.withLock { value } }
    func clear() { lock.withLock { value = false } }
}
