import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// A log handler that keeps every message and its metadata, for the tests of the audit log.
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

/// A temporary corpus with one bilateral treaty (THA–VNM, 30 days after the exchange), a clerk and an admin, and
/// the application over it.
struct WriteFixture {
    let folder: String
    let users: UserStore
    let clerk: String
    let admin: String
    let log = CapturedLog()
    let index = MemoryIndex()

    init() throws {
        folder = try DeskFixture.make(delay: "30d").folder
        users = UserStore(path: "\(folder)/.pacta-users.json")
        clerk = try users.add("amina", role: .clerk, now: "2026-12-05T09:00:00Z")
        admin = try users.add("boss", role: .admin, now: "2026-12-05T09:00:00Z")
    }

    var path: String { "\(folder)/th-vn-2026-friendship.yaml" }

    func application() async throws -> some ApplicationProtocol {
        let loaded = try CorpusLoader().load(directory: folder)
        _ = try await Indexer(corpus: folder).refresh(index)
        let state = AppState(
            questions: Questions(corpus: loaded.corpus, index: index), today: { CalendarDate(iso: "2026-12-05")! },
            desk: try Desk(corpus: folder), users: users, audit: log.logger)
        return buildApplication(state: state, logger: Logger(label: "test"))
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

@Suite struct WriteAPITests {
    static let ratification = #"{"type": "consent", "form": "ratification", "party": "THA", "date": "2026-04-02"}"#
    static let events = "/api/v1/treaties/th-vn-2026-friendship/events"

    @Test func withoutATokenOrWithABadOneA401AndTheFileIsUnchanged() async throws {
        let fixture = try WriteFixture()
        let before = try String(contentsOfFile: fixture.path, encoding: .utf8)
        try await fixture.application().test(.router) { client in
            let none = try await client.post(Self.events, Self.ratification, token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer realm=\"pacta\"")
            #expect(String(buffer: none.body).contains("Writes need 'Authorization: Bearer TOKEN'"))
            let bad = try await client.post(Self.events, Self.ratification, token: "not-a-token")
            #expect(bad.status == .unauthorized)
            #expect(String(buffer: bad.body).contains("The bearer token is not valid or was revoked"))
        }
        #expect(try String(contentsOfFile: fixture.path, encoding: .utf8) == before)
    }

    /// The pages' session cookie is not a credential for the API (no CSRF token there): a write with the cookie
    /// and no bearer token is a 401.
    @Test func theSessionCookieDoesNotWriteThroughTheAPI() async throws {
        let fixture = try WriteFixture()
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

    @Test func aCorrectionThroughTheAPIIsDatedTodayByDefault() async throws {
        let fixture = try WriteFixture()
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

    @Test func aRevokedTokenIsA401AtOnce() async throws {
        let fixture = try WriteFixture()
        try await fixture.application().test(.router) { client in
            try fixture.users.revoke("amina", now: "2026-12-05T10:00:00Z")
            let response = try await client.post(Self.events, Self.ratification, token: fixture.clerk)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func aClerkCannotCreateATreatyButAnAdminCan() async throws {
        let fixture = try WriteFixture()
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
        #expect(FileManager.default.fileExists(atPath: "\(fixture.folder)/fr-de-2026-example.yaml"))
    }

    @Test func aClerkRecordsARatificationAndTheStatusShowsIt() async throws {
        let fixture = try WriteFixture()
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
        let text = try String(contentsOfFile: fixture.path, encoding: .utf8)
        #expect(
            text.hasSuffix(
                "  - {id: th-vn-2026-friendship-ratification-tha, date: 2026-04-02, type: consent, party: THA, form: ratification, recorded: 2026-12-05, recorded-by: amina}\n"
            ))
        // The index holds the file as written.
        let stored = await fixture.index.treaties().first { $0.id == "th-vn-2026-friendship" }
        #expect(stored?.events.map(\.id) == ["th-vn-2026-friendship-ratification-tha"])
    }

    @Test func aRefusalIs422WithTheCLIsSentenceAndAConflictIs409() async throws {
        let fixture = try WriteFixture()
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
            let server = try await client.post(
                Self.events, #"{"type": "signature", "party": "THA", "date": "2026-03-01", "recorded-by": "x"}"#,
                token: fixture.clerk)
            #expect(server.status == .unprocessableContent)
        }
    }

    /// A key given twice is refused (a JSON reader would keep one value without a word), and nothing is written;
    /// a body that starts with a UTF-8 byte order mark is read as the same JSON.
    @Test func aKeyGivenTwiceIsA400AndAByteOrderMarkIsRead() async throws {
        let fixture = try WriteFixture()
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
            let marked = try await client.post(Self.events, "\u{FEFF}" + Self.ratification, token: fixture.clerk)
            #expect(marked.status == .created)
        }
        #expect(fixture.log.all.contains { $0.contains("outcome=400") && $0.contains("duplicated keys party, type") })
    }

    @Test func asKnownOnThroughTheAPIAfterACorrection() async throws {
        let fixture = try WriteFixture()
        let desk = try Desk(corpus: fixture.folder)
        let corpus = try CorpusLoader().load(directory: fixture.folder).corpus
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
    @Test func everyDocumentedWriteAnswersItsExample() async throws {
        let fixture = try WriteFixture()
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

    @Test func everyWriteIsLoggedWithoutTheToken() async throws {
        let fixture = try WriteFixture()
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
                state: state, port: 0, limits: ConnectionLimits(headerTimeout: .seconds(1)),
                logger: Logger(label: "test")
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
