import Foundation
import HTTPTypes
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
import Synchronization
import Testing

/// A log handler that keeps every message and its metadata, for the tests of the audit log.
/// How many requests have been answered, counted from the tasks that sent them.
final class AnsweredCount: Sendable {
    let count = Atomic<Int>(0)
}

final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        // swift-format-ignore: AllPublicDeclarationsHaveDocumentation
        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.append("\(event.level) \(event.message) \(pairs)")
        }
    }

    var logger: Logger { Logger(label: "test.audit") { _ in Handler(log: self) } }
}

/// Where a server's writes go: the corpus folder's files, or the PostgreSQL record (`pacta serve --database`).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case files, postgres

    var testDescription: String { rawValue }

    /// The back ends the write tests run on here: the files always; PostgreSQL where `PACTA_TEST_DATABASE_URL` is
    /// set or `PACTA_TEST_REQUIRE` names it (the PactaPostgresTests suites say so where they are skipped).
    static var available: [Backend] { Requirements.postgresTestsRun ? [.files, .postgres] : [.files] }
}

/// A temporary corpus with one bilateral treaty (THA–VNM, 30 days after the exchange), a clerk and an admin, and
/// the application over it: on the folder's files, or loaded into a new PostgreSQL database of its own.
final class WriteFixture: @unchecked Sendable {
    let backend: Backend
    let folder: String
    let users: UserStore
    let clerk: String
    let admin: String
    let log = CapturedLog()
    let index = MemoryIndex()
    /// The database and the record on it (PostgreSQL only), with the task running its pool.
    let database: PostgresFixture?
    let record: PostgresRecord?
    private let running: Task<Void, Never>?

    /// The files back end.
    convenience init() throws {
        let folder = try DeskFixture.make(delay: "30d").folder
        let users = UserStore(path: "\(folder)/.pacta-users.json")
        try self.init(
            backend: .files, folder: folder, users: users,
            clerk: users.add("amina", role: .clerk, now: "2026-12-05T09:00:00Z"),
            admin: users.add("boss", role: .admin, now: "2026-12-05T09:00:00Z"), database: nil, record: nil)
    }

    private init(
        backend: Backend, folder: String, users: UserStore, clerk: String, admin: String,
        database: PostgresFixture?, record: PostgresRecord?
    ) throws {
        self.backend = backend
        self.folder = folder
        self.users = users
        self.clerk = clerk
        self.admin = admin
        self.database = database
        self.record = record
        running = record.map { record in Task(executorPreference: ServerThreads.shared) { await record.run() } }
    }

    /// The fixture on `backend`; `prepare` runs on the folder before the database is loaded from it.
    static func make(_ backend: Backend, prepare: (String) throws -> Void = { _ in }) async throws -> WriteFixture {
        guard backend == .postgres else {
            let fixture = try WriteFixture()
            try prepare(fixture.folder)
            return fixture
        }
        let folder = try DeskFixture.make(delay: "30d").folder
        try prepare(folder)
        let database = try await PostgresFixture.make()
        let (clerk, admin) = try await PostgresRecord.with(url: database.ownerURL, executor: ServerThreads.shared) {
            owner in
            try await owner.migrate()
            let report = try await owner.importCorpus(from: folder)
            #expect(report.refused.isEmpty)
            return (
                try await owner.addUser("amina", role: .clerk, now: "2026-12-05T09:00:00Z"),
                try await owner.addUser("boss", role: .admin, now: "2026-12-05T09:00:00Z")
            )
        }
        var quiet = Logger(label: "test.postgres")
        quiet.logLevel = .critical
        return try WriteFixture(
            backend: .postgres, folder: folder, users: UserStore(path: "\(folder)/.pacta-users.json"), clerk: clerk,
            admin: admin, database: database,
            record: PostgresRecord(url: database.serverURL, logger: quiet, executor: ServerThreads.shared))
    }

    deinit {
        running?.cancel()
        if let database { Task { await database.drop() } }
    }

    var path: String { "\(folder)/th-vn-2026-friendship.yaml" }

    /// The treaty's text as the back end holds it: the file, or the record's text of it.
    func text(_ id: String = DeskFixture.treaty) async throws -> String? {
        guard let record else { return try? String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8) }
        return try await record.storedTreaties(id: id).first?.text.joined
    }

    /// The treaties as the back end's index holds them.
    func indexed() async throws -> [Treaty] {
        guard let record else { return await index.treaties() }
        return try await record.treaties()
    }

    /// Revokes a user's token where the back end keeps it.
    func revoke(_ name: String) async throws {
        guard let database else { return try users.revoke(name, now: "2026-12-05T10:00:00Z") }
        try await PostgresRecord.with(url: database.ownerURL, executor: ServerThreads.shared) { owner in
            try await owner.revokeUser(name, now: "2026-12-05T10:00:00Z")
        }
    }

    func application() async throws -> some ApplicationProtocol {
        try await buildApplication(
            state: state(), requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
    }

    /// The server's state: over the folder, or over the record as `pacta serve --database` reads it.
    func state() async throws -> AppState {
        if let record {
            let serving = try await PostgresServing(record: record)
            return AppState(
                questions: Questions(corpus: serving.loaded.corpus, index: record, faulty: serving.faulty),
                today: { CalendarDate(iso: "2026-12-05")! }, record: serving.desk, users: record, audit: log.logger)
        }
        let loaded = try CorpusLoader().load(directory: folder)
        _ = try await Indexer(corpus: folder).refresh(index)
        return AppState(
            questions: Questions(corpus: loaded.corpus, index: index), today: { CalendarDate(iso: "2026-12-05")! },
            desk: try Desk(corpus: folder), users: users, audit: log.logger)
    }
}

extension TestClientProtocol {
    /// POSTs `json` with an optional bearer token.
    func post(_ uri: String, _ json: String, token: String?, headers extra: HTTPFields = [:]) async throws
        -> TestResponse
    {
        var headers = extra
        headers[.contentType] = "application/json"
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }
}

@Suite(.onServerThreads) struct WriteAPITests {
    static let ratification = #"{"type": "consent", "form": "ratification", "party": "THA", "date": "2026-04-02"}"#
    static let events = "/api/v1/treaties/th-vn-2026-friendship/events"

    @Test(arguments: Backend.available) func withoutATokenOrWithABadOneA401AndTheFileIsUnchanged(backend: Backend)
        async throws
    {
        let fixture = try await WriteFixture.make(backend)
        let before = try await fixture.text()
        try await fixture.application().test(.router) { client in
            let none = try await client.post(Self.events, Self.ratification, token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer realm=\"pacta\"")
            #expect(String(buffer: none.body).contains("Writes need 'Authorization: Bearer TOKEN'"))
            let bad = try await client.post(Self.events, Self.ratification, token: "not-a-token")
            #expect(bad.status == .unauthorized)
            #expect(String(buffer: bad.body).contains("The bearer token is not valid or was revoked"))
        }
        #expect(try await fixture.text() == before)
    }

    /// The scheme of `Authorization` is read without regard to case (RFC 9110 §11.1): `bearer TOKEN` writes.
    @Test(arguments: Backend.available) func aLowerCaseSchemeIsABearerToken(backend: Backend) async throws {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(
                uri: Self.events, method: .post,
                headers: [.contentType: "application/json", .authorization: "bearer \(fixture.clerk)"],
                body: ByteBuffer(string: Self.ratification))
            #expect(response.status == .created, "\(String(buffer: response.body))")
        }
    }

    /// The pages' session cookie is not a credential for the API (no CSRF token there): a write with the cookie
    /// and no bearer token is a 401.
    @Test(arguments: Backend.available) func theSessionCookieDoesNotWriteThroughTheAPI(backend: Backend) async throws {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            let login = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(fixture.clerk)&next=/"))
            #expect(login.status == .seeOther)
            let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(login.headers[.setCookie]?.contains("HttpOnly") == true)
            let page = try await client.execute(
                uri: "/treaties/th-vn-2026-friendship", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: page.body).contains("Signed in as <strong>amina</strong>"))
            let write = try await client.post(Self.events, Self.ratification, token: nil, headers: [.cookie: cookie])
            #expect(write.status == .unauthorized)
        }
    }

    /// A sign-in posted from another site's page is refused (login CSRF), with no session cookie; one from this
    /// server's page, or from a client that names no origin, signs in.
    @Test func aSignInFromAnotherSiteIsRefused() async throws {
        let fixture = try await WriteFixture.make(.files)
        try await fixture.application().test(.router) { client in
            func signIn(_ headers: HTTPFields) async throws -> TestResponse {
                var headers = headers
                headers[.contentType] = "application/x-www-form-urlencoded"
                return try await client.execute(
                    uri: "/login", method: .post, headers: headers,
                    body: ByteBuffer(string: "token=\(fixture.clerk)&next=/"))
            }
            let host = HTTPField.Name("Host")!
            let origin = HTTPField.Name("Origin")!
            let crossSite = try await signIn([origin: "https://evil.example", host: "pacta.example:8080"])
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.headers[.setCookie] == nil)
            #expect(String(buffer: crossSite.body).contains("This sign-in form was sent from another site"))
            let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
            #expect(try await signIn([fetchSite: "cross-site"]).status == .forbidden)
            #expect(try await signIn([fetchSite: "same-site", origin: "null"]).status == .forbidden)
            // A browser under the pages' `Referrer-Policy: no-referrer` sends `Origin: null` from this site too.
            #expect(try await signIn([fetchSite: "same-origin", origin: "null"]).status == .seeOther)
            let sameSite = try await signIn([origin: "http://pacta.example:8080", host: "pacta.example:8080"])
            #expect(sameSite.status == .seeOther)
            #expect(sameSite.headers[.setCookie] != nil)
            #expect(try await signIn([:]).status == .seeOther)
        }
        #expect(fixture.log.all.contains { $0.contains("sign-in refused") && $0.contains("reason=cross-site") })
    }

    @Test(arguments: Backend.available) func aCorrectionThroughTheAPIIsDatedTodayByDefault(backend: Backend)
        async throws
    {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            _ = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            let fix = try await client.post(
                Self.events,
                #"{"type": "correction", "corrects": "th-vn-2026-friendship-ratification-tha", "replace": {"date": "2026-04-03"}}"#,
                token: fixture.clerk)
            #expect(fix.status == .created, "\(String(buffer: fix.body))")
            let event = (try json(fix.body) as? [String: Any])?["event"] as? [String: Any]
            #expect(event?["date"] as? String == "2026-12-05")
        }
    }

    /// The server has read the users (a write accepted) when the token is revoked from outside it (`pacta user
    /// revoke`): its next check reads the changed file.
    @Test(arguments: Backend.available) func aRevokedTokenIsA401AtOnce(backend: Backend) async throws {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            let before = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(before.status == .created)
            try await fixture.revoke("amina")
            let response = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(response.status == .unauthorized)
        }
    }

    @Test(arguments: Backend.available) func aClerkCannotCreateATreatyButAnAdminCan(backend: Backend) async throws {
        let fixture = try await WriteFixture.make(backend)
        let new =
            #"{"id": "fr-de-2026-example", "kind": "bilateral", "title": "Example", "parties": ["FRA", "DEU"], "adopted": "2026-01-05"}"#
        try await fixture.application().test(.router) { client in
            let clerk = try await client.post("/api/v1/treaties", new, token: fixture.clerk)
            #expect(clerk.status == .forbidden)
            #expect(String(buffer: clerk.body).contains("amina is a clerk: only an admin may create treaties."))
            let admin = try await client.post("/api/v1/treaties", new, token: fixture.admin)
            #expect(admin.status == .created)
            #expect(admin.headers[.location] == "/api/v1/treaties/fr-de-2026-example")
            let read = try await client.execute(
                uri: "/api/v1/treaties/fr-de-2026-example/status?on=2026-12-05", method: .get)
            #expect(read.status == .ok)
        }
        #expect(try await fixture.text("fr-de-2026-example")?.contains("\nid: fr-de-2026-example\n") == true)
    }

    @Test(arguments: Backend.available) func aClerkRecordsARatificationAndTheStatusShowsIt(backend: Backend)
        async throws
    {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            let response = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(response.status == .created)
            let body = try #require(try json(response.body) as? [String: Any])
            let event = try #require(body["event"] as? [String: Any])
            #expect(event["recorded-by"] as? String == "amina")
            #expect(event["recorded"] as? String == "2026-12-05")
            #expect(body["changes"] as? [String] == ["THA on 2026-12-05: none → contracting-state"])
            #expect(response.headers[.eTag] == "\"\(body["version"] as? String ?? "")\"")
            let status = try await client.execute(
                uri: "/api/v1/treaties/th-vn-2026-friendship/status?on=2026-12-05&party=THA", method: .get)
            let read = try #require(try json(status.body) as? [String: Any])
            let states = try #require(read["states"] as? [[String: Any]])
            #expect(states.first?["status"] as? String == "contracting-state")
            #expect((states.first?["consent"] as? [String: Any])?["date"] as? String == "2026-04-02")
        }
        let text = try #require(try await fixture.text())
        #expect(
            text.hasSuffix(
                "  - {id: th-vn-2026-friendship-ratification-tha, date: 2026-04-02, type: consent, party: THA, form: ratification, recorded: 2026-12-05, recorded-by: amina}\n"
            ))
        // The index holds the file as written.
        let stored = try await fixture.indexed().first { $0.id == "th-vn-2026-friendship" }
        #expect(stored?.events.map(\.id) == ["th-vn-2026-friendship-ratification-tha"])
    }

    @Test(arguments: Backend.available) func aRefusalIs422WithTheCLIsSentenceAndAConflictIs409(backend: Backend)
        async throws
    {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            let exchange = try await client.post(
                Self.events, #"{"type": "exchange-of-instruments", "parties": ["THA", "VNM"], "date": "2026-05-10"}"#,
                token: fixture.clerk)
            #expect(exchange.status == .unprocessableContent)
            #expect(exchange.headers[.contentType] == "application/problem+json")
            let problem = try #require(try json(exchange.body) as? [String: Any])
            let errors = try #require(problem["errors"] as? [[String: String]])
            #expect(
                errors.first?["message"]
                    == "An exchange of instruments needs both consents first: no consent of THA to be bound is recorded on or before 2026-05-10. Record its ratification (or other consent) first."
            )
            #expect(errors.first?["section"] == "exchange-of-instruments")
            let unknown = try await client.post(
                Self.events, #"{"type": "signature", "party": "THA", "date": "2026-03-01", "signed-by": "x"}"#,
                token: fixture.clerk)
            #expect(unknown.status == .unprocessableContent)
            #expect(String(buffer: unknown.body).contains("Unknown field 'signed-by' in a signature event"))

            let first = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(first.status == .created)
            let version = first.headers[.eTag] ?? ""
            // The same act again: a conflict, not a second record.
            let again = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("This act is already recorded for th-vn-2026-friendship"))
            // An act made wrong by one recorded since the version the clerk saw: a conflict.
            let vnm = try await client.post(
                Self.events, #"{"type": "consent", "form": "ratification", "party": "VNM", "date": "2026-04-20"}"#,
                token: fixture.clerk)
            #expect(vnm.status == .created)
            let stale = try await client.post(
                Self.events, #"{"type": "consent", "form": "acceptance", "party": "VNM", "date": "2026-04-25"}"#,
                token: fixture.clerk, headers: [.ifMatch: version])
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("changed since the version you saw"))
            let garbage = try await client.post(
                Self.events, #"{"type": "signature", "party": "VNM", "date": "2026-03-01"}"#, token: fixture.clerk,
                headers: [.ifMatch: "\"nope\""])
            #expect(garbage.status == .badRequest)
            #expect(String(buffer: garbage.body).contains("is not a version of a treaty file"))
            // Every reason at once: the law's (THA is bound already) and the reader's (a field signatures lack, and
            // the record's order of acts).
            let both = try await client.post(
                Self.events, #"{"type": "signature", "party": "THA", "date": "2026-05-01", "place": "Bangkok"}"#,
                token: fixture.clerk)
            #expect(both.status == .unprocessableContent)
            let reasons = (try json(both.body) as? [String: Any])?["errors"] as? [[String: String]] ?? []
            #expect(reasons.count == 3, "\(reasons)")
            #expect(reasons.first?["message"]?.hasPrefix("THA has already consented to be bound") == true)
            #expect(reasons.contains { $0["message"]?.hasPrefix("Unknown field 'place' in a signature event") == true })
            // and the record's own check of the same order of acts (art. 14(1)).
            #expect(reasons.last?["message"]?.contains("its signature is dated 2026-05-01, after the consent") == true)
            // `If-Match: *` is any current version (RFC 9110): the act is checked as without the header.
            let any = try await client.post(
                Self.events, #"{"type": "signature", "party": "VNM", "date": "2026-03-01"}"#, token: fixture.clerk,
                headers: [.ifMatch: "*"])
            #expect(any.status == .created)
            let server = try await client.post(
                Self.events, #"{"type": "signature", "party": "THA", "date": "2026-03-01", "recorded-by": "x"}"#,
                token: fixture.clerk)
            #expect(server.status == .unprocessableContent)
        }
    }

    /// A key given twice is refused (a JSON reader would keep one value without a word), and nothing is written;
    /// a body that starts with a UTF-8 byte order mark is read as the same JSON.
    @Test func aKeyGivenTwiceIsA400AndAByteOrderMarkIsRead() async throws {
        let fixture = try await WriteFixture.make(.files)
        let file = "\(fixture.folder)/\(DeskFixture.treaty).yaml"
        let before = try String(contentsOfFile: file, encoding: .utf8)
        try await fixture.application().test(.router) { client in
            let twice = try await client.post(
                Self.events,
                #"{"type": "signature", "party": "THA", "date": "2026-03-01", "type": "consent", "party": "VNM"}"#,
                token: fixture.clerk)
            #expect(twice.status == .badRequest)
            let problem = try #require(try json(twice.body) as? [String: Any])
            #expect(
                problem["detail"] as? String
                    == "The body gives 'party', 'type' more than once; give each key once (a JSON reader would silently keep one of the values)."
            )
            #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
            // Text that is not JSON says where the parser stopped.
            let cut = try await client.post(Self.events, #"{"type":"#, token: fixture.clerk)
            #expect(cut.status == .badRequest)
            let cutProblem = try #require(try json(cut.body) as? [String: Any])
            #expect(
                (cutProblem["detail"] as? String)?.hasPrefix(
                    "The body is not valid JSON (Unexpected end of file during JSON parse). The body must be one JSON object"
                )
                    == true, "\(cutProblem)")
            let marked = try await client.post(Self.events, "\u{FEFF}" + Self.ratification, token: fixture.clerk)
            #expect(marked.status == .created)
        }
        #expect(fixture.log.all.contains { $0.contains("outcome=400") && $0.contains("duplicated keys party, type") })
    }

    /// A body sent as another media type than JSON is a 415 problem, logged, and nothing is written; JSON with a
    /// charset parameter is JSON.
    @Test func aBodyThatIsNotSentAsJSONIsA415() async throws {
        let fixture = try await WriteFixture.make(.files)
        let before = try await fixture.text()
        try await fixture.application().test(.router) { client in
            let form = try await client.execute(
                uri: Self.events, method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .authorization: "Bearer \(fixture.clerk)",
                ], body: ByteBuffer(string: Self.ratification))
            #expect(form.status == .unsupportedMediaType)
            #expect(form.headers[.contentType] == "application/problem+json")
            let problem = try #require(try json(form.body) as? [String: Any])
            #expect(
                problem["detail"] as? String
                    == "A write's body is one JSON object, sent with 'Content-Type: application/json'; this request said 'application/x-www-form-urlencoded'."
            )
            #expect(try await fixture.text() == before)
            let charset = try await client.execute(
                uri: Self.events, method: .post,
                headers: [.contentType: "application/json; charset=utf-8", .authorization: "Bearer \(fixture.clerk)"],
                body: ByteBuffer(string: Self.ratification))
            #expect(charset.status == .created)
        }
        #expect(
            fixture.log.all.contains {
                $0.contains("outcome=415") && $0.contains("reason=Content-Type application/x-www-form-urlencoded")
            })
    }

    /// A write that waits for a treaty another process is writing (a shell's `pacta record` holds its lock) and
    /// runs past the server's deadline is answered 503 and is not recorded: sending it again records it once.
    @Test func aWriteStoppedWhileAnotherProcessHoldsTheTreatyIsNotRecorded() async throws {
        let fixture = try await WriteFixture.make(.files)
        let before = try await fixture.text()
        let held = try TreatyLock(folder: fixture.folder, id: DeskFixture.treaty)
        // Long enough for the second write under a loaded machine (the whole suite runs beside it).
        let application = buildApplication(
            state: try await fixture.state(), requestDeadline: .seconds(2), logger: Logger(label: "test"))
        try await application.test(.router) { client in
            let stopped = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(stopped.status == .serviceUnavailable)
            #expect(
                String(buffer: stopped.body).contains(
                    "The write was stopped before its turn came (the treaty is being written by another process); it was not recorded. Send it again."
                ))
            held.unlock()
            // The treaty's queue takes the lock, finds the write withdrawn, and lets it go.
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await fixture.text() == before)
            let again = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(again.status == .created)
        }
        let after = try #require(try await fixture.text())
        #expect(after.components(separatedBy: "form: ratification").count == 2)
    }

    /// The form's examples of State codes are the treaty's own negotiating States.
    @Test func theFormSuggestsTheTreatysOwnStates() async throws {
        let fixture = try await WriteFixture.make(.files) { folder in
            _ = try Desk(corpus: folder).create(
                NewTreaty(
                    id: "fr-de-2026-accord", kind: .bilateral, title: "Accord", parties: ["FRA", "DEU"],
                    adopted: CalendarDate(iso: "2026-02-01")!))
        }
        try await fixture.application().test(.router) { client in
            let login = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(fixture.clerk)&next=/"))
            let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let page = String(
                buffer: try await client.execute(
                    uri: "/treaties/fr-de-2026-accord", method: .get, headers: [.cookie: cookie]
                ).body)
            #expect(page.contains(#"<input name="party" value="" placeholder="FRA" size="8">"#))
            #expect(page.contains(#"<input name="parties" value="" placeholder="FRA,DEU" size="10">"#))
        }
    }

    /// A write to a treaty whose file was removed after the server read it: a 404 that says so (not a hint to use
    /// the id the client already sent).
    @Test func aWriteToATreatyWhoseFileWasRemovedSaysSo() async throws {
        let fixture = try await WriteFixture.make(.files)
        let application = buildApplication(state: try await fixture.state(), logger: Logger(label: "test"))
        try FileManager.default.removeItem(atPath: "\(fixture.folder)/\(DeskFixture.treaty).yaml")
        try await application.test(.router) { client in
            let response = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(response.status == .notFound)
            #expect(
                String(buffer: response.body).contains(
                    "th-vn-2026-friendship has no file in \(fixture.folder) any more (it was removed after it was read)"
                ))
        }
    }

    /// Writes waiting for treaties that other processes hold (more than Dispatch's pool has threads) hold no
    /// thread while they wait: a write to another treaty is recorded while they still wait (not after the
    /// deadline frees them), and the waiting ones are withdrawn at the deadline with words that say they were not
    /// recorded.
    @Test func writesWaitingForManyLockedTreatiesLeaveTheOthersFree() async throws {
        let fixture = try await WriteFixture.make(.files)
        let desk = try Desk(corpus: fixture.folder)
        let locked = (0..<300).map { "locked-\($0)" }
        for id in locked {
            _ = try desk.create(
                NewTreaty(
                    id: id, kind: .bilateral, title: "Locked \(id)", parties: ["THA", "VNM"],
                    adopted: CalendarDate(iso: "2026-03-01")!))
        }
        let held = try locked.map { try TreatyLock(folder: fixture.folder, id: $0) }
        defer { for lock in held { lock.unlock() } }
        // The deadline bounds the wait, it does not measure the free write: in a clean-clone CI run on two cores,
        // the whole suite beside it, the free write once took more than 6 s, and the waiting ones were answered first.
        let application = buildApplication(
            state: try await fixture.state(), requestDeadline: .seconds(20), logger: Logger(label: "test"))
        let answered = AnsweredCount()
        try await application.test(.router) { client in
            let body = #"{"type": "signature", "party": "THA", "date": "2026-03-01"}"#
            let stopped = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for id in locked {
                    group.addTask {
                        let status = try await client.post(
                            "/api/v1/treaties/\(id)/events", body, token: fixture.clerk
                        ).status
                        answered.count.add(1, ordering: .relaxed)
                        return status
                    }
                }
                // Once the 300 wait, a treaty no one holds.
                try await Task.sleep(for: .milliseconds(500))
                let free = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
                #expect(free.status == .created, "\(String(buffer: free.body))")
                // Recorded while all 300 still wait for their deadline: none was answered before it.
                #expect(answered.count.load(ordering: .relaxed) == 0)
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(stopped.count == 300)
            #expect(stopped.allSatisfy { $0 == .serviceUnavailable })
            let last = try await client.post("/api/v1/treaties/locked-7/events", body, token: fixture.clerk)
            // Still held: withdrawn at the deadline, and said so.
            #expect(last.status == .serviceUnavailable)
            #expect(String(buffer: last.body).contains("it was not recorded. Send it again."))
        }
        #expect(
            !(try String(contentsOfFile: "\(fixture.folder)/locked-7.yaml", encoding: .utf8)).contains(
                "type: signature"))
    }

    @Test(arguments: Backend.available) func asKnownOnThroughTheAPIAfterACorrection(backend: Backend) async throws {
        // The acts recorded on the files before the server starts (and the database loaded from them).
        let fixture = try await WriteFixture.make(backend) { folder in
            let desk = try Desk(corpus: folder)
            let corpus = try CorpusLoader().load(directory: folder).corpus
            for (party, recorded) in [("THA", "2026-04-03"), ("VNM", "2026-04-21")] {
                _ = try desk.record(
                    [
                        Field("date", "2026-04-02"), Field("type", "consent"), Field("party", .scalar(party)),
                        Field("form", "ratification"),
                    ], in: "th-vn-2026-friendship", corpus: corpus, by: "amina",
                    today: CalendarDate(iso: recorded)!)
            }
            _ = try desk.record(
                [
                    Field("id", "exch"), Field("date", "2026-05-10"), Field("type", "exchange-of-instruments"),
                    Field("parties", .list(["THA", "VNM"])),
                ], in: "th-vn-2026-friendship", corpus: corpus, by: "amina",
                today: CalendarDate(iso: "2026-05-11")!)
        }
        try await fixture.application().test(.router) { client in
            let fix = try await client.post(
                Self.events,
                #"{"type": "correction", "corrects": "exch", "replace": {"date": "2026-05-12"}, "date": "2026-12-05"}"#,
                token: fixture.clerk)
            #expect(fix.status == .created)
            func eif(_ asKnownOn: String) async throws -> String? {
                let response = try await client.execute(
                    uri: "/api/v1/treaties/th-vn-2026-friendship/status?on=2026-12-05&as-known-on=\(asKnownOn)",
                    method: .get)
                return (try json(response.body) as? [String: Any])?["entry-into-force"] as? String
            }
            #expect(try await eif("2026-06-01") == "2026-06-09")
            #expect(try await eif("2026-12-05") == "2026-06-11")
        }
    }

    /// Every documented write, called with its documented example body and an admin's token, answers 201 with the
    /// keys its schema requires.
    @Test(arguments: Backend.available) func everyDocumentedWriteAnswersItsExample(backend: Backend) async throws {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            let document = try #require(
                try json(try await client.execute(uri: "/api/v1/openapi.json", method: .get).body) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let schemas = try #require(
                (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            var posts = 0
            for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
                guard let operation = item["post"] as? [String: Any] else { continue }
                posts += 1
                #expect((operation["security"] as? [[String: Any]])?.first?["bearer"] != nil, "\(path)")
                let example = try #require(operation["x-example-body"] as? [String: Any], "\(path) has no example body")
                let body = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
                let uri = "/api/v1" + path.replacingOccurrences(of: "{id}", with: "th-vn-2026-friendship")
                let response = try await client.post(uri, body, token: fixture.admin)
                #expect(response.status == .created, "\(path): \(String(buffer: response.body))")
                let created = (operation["responses"] as? [String: Any])?["201"] as? [String: Any]
                let schema =
                    ((created?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                    as? [String: Any]
                let name = try #require((schema?["$ref"] as? String)?.split(separator: "/").last.map(String.init))
                let answer = try #require(try json(response.body) as? [String: Any])
                for key in schemas[name]?["required"] as? [String] ?? [] {
                    #expect(answer[key] != nil, "\(path) lacks '\(key)'")
                }
            }
            #expect(posts == 2)
        }
    }

    @Test(arguments: Backend.available) func everyWriteIsLoggedWithoutTheToken(backend: Backend) async throws {
        let fixture = try await WriteFixture.make(backend)
        try await fixture.application().test(.router) { client in
            _ = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            _ = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            _ = try await client.post(Self.events, Self.ratification, token: "wrong-token")
        }
        let lines = fixture.log.all
        #expect(lines.count == 3)
        #expect(
            lines[0]
                == "info write accepted event=th-vn-2026-friendship-ratification-tha outcome=201 treaty=th-vn-2026-friendship type=consent user=amina"
        )
        #expect(lines[1].hasPrefix("notice write refused outcome=409 reason=This act is already recorded"))
        #expect(lines[1].contains("user=amina"))
        #expect(lines[2].hasPrefix("notice write refused outcome=401"))
        #expect(lines[2].contains("reason=bad token"))
        #expect(!lines.joined().contains(fixture.clerk))
        #expect(!lines.joined().contains("wrong-token"))
    }
}

#if canImport(Glibc)
    extension WriteAPITests {
        /// A write that waits its turn longer than the header timeout (here behind a `pacta record` holding the
        /// treaty's lock for 2.5 s, with a 1-second header timeout) is answered on its connection: the wait for the
        /// next request's headers starts when the response is sent, not when the request ends. (Under load, the
        /// server used to close such connections unanswered.)
        @Test func aWriteThatWaitsLongerThanTheHeaderTimeoutIsStillAnswered() async throws {
            let fixture = try WriteFixture()
            let loaded = try CorpusLoader().load(directory: fixture.folder)
            _ = try await Indexer(corpus: fixture.folder).refresh(fixture.index)
            let state = AppState(
                questions: Questions(corpus: loaded.corpus, index: fixture.index),
                today: { CalendarDate(iso: "2026-12-05")! }, desk: try Desk(corpus: fixture.folder),
                users: fixture.users, audit: fixture.log.logger)
            try await buildApplication(
                state: state, port: 0, requestDeadline: functionalTestDeadline,
                limits: ConnectionLimits(headerTimeout: .seconds(1)), logger: Logger(label: "test")
            )
            .test(.live) { client in
                let port = try #require(client.port)
                let lock = try TreatyLock(folder: fixture.folder, id: DeskFixture.treaty)
                let body = Self.ratification
                let request =
                    "POST \(Self.events) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(fixture.clerk)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                    + body
                // Each read may wait 60 s: on a loaded machine the write takes a while after the lock is released.
                async let answer = RawHTTP.exchangeOffPool(request, port: port, timeout: 60)
                try await Task.sleep(for: .milliseconds(2_500))
                lock.unlock()
                let response = try await answer
                #expect(response.hasPrefix("HTTP/1.1 201"), "\(response.prefix(300))")
            }
        }
    }
#endif

/// The audit log keeps one line per record: the control characters a request carries (a percent-encoded line
/// break in its path) are written as escapes, in the message and in every metadata value.
@Suite struct AuditLogHandlerTests {
    @Test func controlCharactersAreEscaped() {
        let log = CapturedLog()
        let audit = Logger(label: "test.audit") { _ in AuditLogHandler(wrapping: CapturedLog.Handler(log: log)) }
        audit.notice(
            "write refused\nforged",
            metadata: [
                "path": "/api/v1/treaties/x\nfake line [PactaServer] write accepted/events",
                "reason": .array(["a\u{1B}[2J", .dictionary(["b": "\r\u{2028}"])]), "treaty": "ru-kp-2024-partnership",
            ])
        #expect(
            log.all == [
                #"notice write refused\nforged path=/api/v1/treaties/x\nfake line [PactaServer] write accepted/events reason=["a\\u{1B}[2J", ["b": "\\r\\u{2028}"]] treaty=ru-kp-2024-partnership"#
            ])
    }
}
