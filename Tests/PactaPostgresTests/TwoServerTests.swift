import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaPostgres
import PactaQuestions
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// A server's state on the record, as `pacta serve --database` makes it.
func serverState(_ serving: PostgresServing, audit: Logger = Logger(label: "test.audit")) -> AppState {
    AppState(
        questions: Questions(corpus: serving.loaded.corpus, index: serving.record, faulty: serving.faulty),
        today: { CalendarDate(iso: "2026-12-05")! }, record: serving.desk, users: serving.record, audit: audit)
}

/// How many treaties each server's follower read again from the record (``PostgresServing/follow(on:_:)``).
final class FollowerReads: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = [0, 0]
    func add(_ server: Int) { lock.withLock { counts[server] += 1 } }
    var a: Int { lock.withLock { counts[0] } }
    var b: Int { lock.withLock { counts[1] } }
}

/// Runs two servers on one database (each with its own pool, as two processes would have), on free ports,
/// following each other's writes (each treaty their followers read again counted in `reads`); `body` gets their
/// states and ports.
func withTwoServers(
    _ fixture: PostgresFixture, reads: FollowerReads = FollowerReads(),
    _ body: @Sendable (_ a: (state: AppState, port: Int), _ b: (state: AppState, port: Int)) async throws -> Void
) async throws {
    try await withTwoServers(url: fixture.serverURL, reads: reads, body)
}

/// ``withTwoServers(_:reads:_:)`` on the database at `url`.
func withTwoServers(
    url: String, reads: FollowerReads = FollowerReads(),
    _ body: @Sendable (_ a: (state: AppState, port: Int), _ b: (state: AppState, port: Int)) async throws -> Void
) async throws {
    try await PostgresRecord.with(url: url, executor: ServerThreads.shared) { recordA in
        try await PostgresRecord.with(url: url, executor: ServerThreads.shared) { recordB in
            let servingA = try await PostgresServing(record: recordA)
            let servingB = try await PostgresServing(record: recordB)
            let stateA = serverState(servingA)
            let stateB = serverState(servingB)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await servingA.follow(on: ServerThreads.shared) {
                        reads.add(0)
                        stateA.replace($0)
                    }
                }
                group.addTask {
                    await servingB.follow(on: ServerThreads.shared) {
                        reads.add(1)
                        stateB.replace($0)
                    }
                }
                defer { group.cancelAll() }
                // The request deadline is long: 1,000 writes queue on one treaty in a debug build on a shared
                // machine; what is checked is that each acknowledged write is committed, not how fast.
                let deadline = Duration.seconds(600)
                let appA = buildApplication(
                    state: stateA, port: 0, requestDeadline: deadline, logger: Logger(label: "a"))
                let appB = buildApplication(
                    state: stateB, port: 0, requestDeadline: deadline, logger: Logger(label: "b"))
                try await appA.test(.live) { a in
                    try await appB.test(.live) { b in
                        try await body((stateA, try #require(a.port)), (stateB, try #require(b.port)))
                    }
                }
            }
        }
    }
}

/// A POST of `body` to `path` on `port` with a bearer token, on a thread of its own; the status code and body.
func post(_ path: String, _ body: String, token: String, port: Int) async throws -> (status: Int, body: String) {
    let request =
        "POST \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    let response = try await RawHTTP.exchangeOffPool(request, port: port, timeout: 600)
    let status = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
    let text = response.range(of: "\r\n\r\n").map { String(response[$0.upperBound...]) } ?? ""
    return (status, text)
}

@Suite(
    .serialized, .onServerThreads,
    .enabled(if: Requirements.postgresTestsRun, Comment(rawValue: Requirements.postgresSkipped)))
struct TwoServerTests {
    static let events = "/api/v1/treaties/th-vn-2026-friendship/events"

    /// Loads the desk's one-treaty corpus and a clerk into a new database.
    static func prepare(_ record: PostgresRecord) async throws -> String {
        let folder = try DeskFixture.make(delay: "30d").folder
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try await record.importCorpus(from: folder)
        #expect(report.added == ["th-vn-2026-friendship.yaml": 0])
        return try await record.addUser("amina", role: .clerk, now: "2026-12-05T09:00:00Z")
    }

    /// Two servers, 100 clients split between them, 10 acts each on the same treaty: 1,000 events in the
    /// database, each exactly once, every acknowledged one among them, none missing.
    @Test func twoServersAndAHundredClientsRecordAThousandEventsExactlyOnce() async throws {
        let fixture = try await PostgresFixture.make()
        defer { Task { await fixture.drop() } }
        let token = try await PostgresRecord.with(url: fixture.ownerURL, executor: ServerThreads.shared) { record in
            try await record.migrate()
            return try await Self.prepare(record)
        }
        try await withTwoServers(fixture) { a, b in
            let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
                for client in 0..<100 {
                    group.addTask {
                        var ids: [String] = []
                        for act in 0..<10 {
                            let body =
                                #"{"id": "d-\#(client)-\#(act)", "type": "declaration", "party": "THA", "date": "2026-03-01", "summary": "client \#(client) act \#(act)"}"#
                            let answer = try await post(
                                Self.events, body, token: token, port: client % 2 == 0 ? a.port : b.port)
                            if answer.status == 201 {
                                ids.append("d-\(client)-\(act)")
                            } else {
                                Issue.record("client \(client) act \(act): \(answer.status) \(answer.body.prefix(200))")
                            }
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(acknowledged.count == 1_000)
            let stored = try await PostgresFixture.psqlOffPool(
                fixture.ownerURL,
                "SELECT count(*), count(DISTINCT id), count(DISTINCT position), max(position) FROM event WHERE treaty = 'th-vn-2026-friendship'"
            )
            #expect(stored == "1000|1000|1000|999")
            let ids = try await PostgresFixture.psqlOffPool(
                fixture.ownerURL, "SELECT string_agg(id, ',') FROM event WHERE treaty = 'th-vn-2026-friendship'")
            #expect(Set(ids.split(separator: ",").map(String.init)) == Set(acknowledged))
            let log = try await PostgresFixture.psqlOffPool(
                fixture.ownerURL, "SELECT count(*) FROM write_log WHERE outcome = 201")
            #expect(log == "1000")
        }
    }

    /// A server's follower does not read its own server's writes again (the treaty's whole text), while the other
    /// server's follower reads each. The interleaving of a release build under a steady load, in which the version
    /// read after a notification is often an earlier batch's than the desk's last, is ``OwnVersionsTests``'.
    @Test func aServerDoesNotReadItsOwnWritesAgain() async throws {
        let fixture = try await PostgresFixture.make()
        defer { Task { await fixture.drop() } }
        let token = try await PostgresRecord.with(url: fixture.ownerURL, executor: ServerThreads.shared) { record in
            try await record.migrate()
            return try await Self.prepare(record)
        }
        let reads = FollowerReads()
        try await withTwoServers(fixture, reads: reads) { a, b in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<20 {
                    group.addTask {
                        for act in 0..<10 {
                            let body =
                                #"{"id": "d-\#(client)-\#(act)", "type": "declaration", "party": "THA", "date": "2026-03-01", "summary": "client \#(client) act \#(act)"}"#
                            let answer = try await post(Self.events, body, token: token, port: a.port)
                            #expect(answer.status == 201, "\(answer.body.prefix(200))")
                        }
                    }
                }
                try await group.waitForAll()
            }
            func events(_ state: AppState) -> Int {
                state.corpus.treaties.first { $0.id == DeskFixture.treaty }?.events.count ?? 0
            }
            let start = ContinuousClock.now
            while events(b.state) < 200, ContinuousClock.now - start < .seconds(10) {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(events(a.state) == 200)
            #expect(events(b.state) == 200)
            #expect(reads.b > 0)
            #expect(reads.a == 0)
        }
    }

    /// A write on server A is in server B's status within a second (LISTEN/NOTIFY), and in A's at once.
    @Test func aWriteOnOneServerIsSeenOnTheOtherWithinASecond() async throws {
        let fixture = try await PostgresFixture.make()
        defer { Task { await fixture.drop() } }
        let token = try await PostgresRecord.with(url: fixture.ownerURL, executor: ServerThreads.shared) { record in
            try await record.migrate()
            return try await Self.prepare(record)
        }
        try await withTwoServers(fixture) { a, b in
            func consent(_ state: AppState) -> CalendarDate? {
                state.questions.lifecycle.status(
                    of: state.corpus.treaties.first { $0.id == DeskFixture.treaty }!,
                    on: CalendarDate(iso: "2026-12-05")!
                ).state("THA")?.consent?.date
            }
            #expect(consent(b.state) == nil)
            let answer = try await post(
                Self.events, #"{"type": "consent", "form": "ratification", "party": "THA", "date": "2026-04-02"}"#,
                token: token, port: a.port)
            #expect(answer.status == 201)
            #expect(consent(a.state) == CalendarDate(iso: "2026-04-02"))
            let start = ContinuousClock.now
            while consent(b.state) == nil, ContinuousClock.now - start < .seconds(1) {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(consent(b.state) == CalendarDate(iso: "2026-04-02"))
            // And through B's API.
            let status = try await RawHTTP.exchangeOffPool(
                "GET /api/v1/treaties/th-vn-2026-friendship/status?on=2026-12-05&party=THA HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                port: b.port)
            #expect(status.contains(#""status":"contracting-state""#))
        }
    }
}
