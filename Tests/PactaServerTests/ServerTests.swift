import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaFormats
import PactaPostgres
import PactaQuestions
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// The application over the shipped corpus, with today fixed at 2026-11-29: on the files with an in-memory index,
/// or on a PostgreSQL record loaded from the same files, read as `pacta serve --database` reads it (its search
/// PostgreSQL's own).
func testApplication(_ backend: Backend = .files) async throws -> some ApplicationProtocol {
    let today: @Sendable () -> CalendarDate = { CalendarDate(iso: "2026-11-29")! }
    if backend == .postgres {
        let shipped = try await ShippedOnPostgres.shared.value
        let state = AppState(
            questions: Questions(
                corpus: shipped.serving.loaded.corpus, index: shipped.record, faulty: shipped.serving.faulty),
            today: today)
        return buildApplication(state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
    }
    let index = MemoryIndex()
    await index.upsert(
        Fixtures.shipped.corpus.treaties.map { IndexedFile(path: "\($0.id).yaml", hash: "t", treaty: $0) })
    let state = AppState(corpus: Fixtures.shipped.corpus, index: index, today: today)
    return buildApplication(state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
}

/// The shipped corpus imported once into a database of its own, shared by the read tests of the PostgreSQL back
/// end (reads change nothing), with the pool running for the rest of the test run.
struct ShippedOnPostgres: Sendable {
    let record: PostgresRecord
    let serving: PostgresServing

    static let shared = Task<ShippedOnPostgres, any Error> {
        let database = try await PostgresFixture.make()
        try await PostgresRecord.with(url: database.ownerURL, executor: ServerThreads.shared) { owner in
            try await owner.migrate()
            let report = try await owner.importCorpus(from: Fixtures.corpusPath)
            guard report.refused.isEmpty else {
                throw PostgresFixture.Failure(description: "the shipped corpus was refused: \(report.refused)")
            }
        }
        var quiet = Logger(label: "test.postgres")
        quiet.logLevel = .critical
        let record = try PostgresRecord(url: database.serverURL, logger: quiet, executor: ServerThreads.shared)
        Task(executorPreference: ServerThreads.shared) { await record.run() }
        return ShippedOnPostgres(record: record, serving: try await PostgresServing(record: record))
    }
}

func json(_ buffer: ByteBuffer) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8))
}

@Suite(.onServerThreads) struct APITests {
    @Test(arguments: Backend.available) func statusOfThe2024Treaty(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/treaties/ru-kp-2024-partnership/status?on=2024-12-05", method: .get)
            { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["status"] as? String == "in-force")
                #expect(body["entry-into-force"] as? String == "2024-12-04")
                #expect((body["states"] as? [[String: Any]])?.map { $0["status"] as? String } == ["party", "party"])
            }
        }
    }

    @Test(arguments: Backend.available) func unknownTreatyIsAProblem(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/treaties/ru-kp-2024-partnershp/status", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["title"] as? String == "Unknown treaty")
                #expect(body["status"] as? Int == 404)
                #expect(
                    body["detail"] as? String
                        == "No treaty 'ru-kp-2024-partnershp' in the corpus. Did you mean: ru-kp-2024-partnership, ru-kp-2000-friendship?"
                )
            }
        }
    }

    @Test(arguments: ["2024-02-30", "24-12-01", "0000-01-01", "10000-01-01", "today"])
    func malformedDatesAreProblems(_ value: String) async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/api/v1/treaties/ru-kp-2024-partnership/status?on=\(value)", method: .get) {
                response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(
                    body["detail"] as? String
                        == "The parameter 'on' must be an existing date YYYY-MM-DD from 0001-01-01 to 9999-12-31; got '\(value)'."
                )
            }
        }
    }

    @Test(arguments: Backend.available) func percentEncodedPathSegmentsAreDecoded(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/states/%55SA?on=2025-01-01", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/treaties/ru%2Dkp-2024-partnership", method: .get) { response in
                #expect(response.status == .ok)
            }
            // Decoded once: `%2570` is `%70`, not `p`; the pages read a segment as the API does.
            for uri in [
                "/api/v1/treaties/ru-kp-2024-partnershi%2570/status", "/api/v1/states/RU%2553",
                "/treaties/ru-kp-2024-partnershi%2570",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
            try await client.execute(uri: "/treaties/ru%2Dkp-2024-partnership", method: .get) { response in
                #expect(response.status == .ok)
            }
            // A broken percent-encoding is the client's mistake: 400, saying so.
            for uri in ["/api/v1/treaties/a%zz/status", "/api/v1/states/R%zz"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains("percent-encoding is broken"), "\(uri)")
                }
            }
        }
    }

    @Test(arguments: Backend.available) func otherMethodsAre405(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/treaties", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, POST")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            // The events route is written to, not read: a GET is 405 and says so.
            try await client.execute(uri: "/api/v1/treaties/north-atlantic-1949/events", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(
                    (body["detail"] as? String)?.hasPrefix(
                        "/api/v1/treaties/north-atlantic-1949/events answers POST, not GET.") == true)
            }
            try await client.execute(uri: "/api/v1/treaties/north-atlantic-1949/status", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test(arguments: Backend.available) func unknownRouteIsA404Problem(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test(arguments: Backend.available) func searchAcrossScripts(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=%E6%A2%9D%E7%B4%84&lang=zh", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                let results = try #require(body["results"] as? [[String: Any]])
                #expect(results.contains { $0["treaty"] as? String == "ru-kp-2024-partnership" })
            }
            try await client.execute(uri: "/api/v1/search?q=", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test(arguments: Backend.available) func scenarioMirrorsTheCLI(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/api/v1/scenario?attack=PRK&by=USA&on=2025-03-01", method: .get) {
                response in
                let body = try #require(try json(response.body) as? [String: Any])
                let duties = try #require(body["duties"] as? [[String: Any]])
                #expect(duties.contains { $0["bearer"] as? String == "RUS" && $0["article"] as? String == "4" })
            }
            try await client.execute(uri: "/api/v1/scenario?attack=PRK", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["detail"] as? String == "by: give a State code (ISO 3166-1 alpha-3), e.g. by=PRK.")
            }
        }
    }

    /// Every route the OpenAPI document lists is called with its example and answers 200 with JSON that has the
    /// required keys of the documented schema.
    @Test(arguments: Backend.available) func everyDocumentedRouteAnswers(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                try #require(try json(response.body) as? [String: Any])
            }
            #expect(document["openapi"] as? String == "3.1.0")
            let components = try #require(document["components"] as? [String: Any])
            let schemas = try #require(components["schemas"] as? [String: [String: Any]])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count == 10)
            // The write operations (POST) are exercised by WriteAPITests.
            for (path, item) in paths.sorted(by: { $0.key < $1.key }) where item["get"] != nil {
                let operation = try #require(item["get"] as? [String: Any], "\(path) has no GET")
                let example = try #require(operation["x-example"] as? String, "\(path) has no example")
                try await client.execute(uri: "/api/v1" + example, method: .get) { response in
                    #expect(response.status == .ok, "\(example)")
                    let body = try json(response.body)
                    let ok = (operation["responses"] as? [String: Any])?["200"] as? [String: Any]
                    let schema =
                        ((ok?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                        as? [String: Any]
                    var resolved = schema
                    if let items = schema?["items"] as? [String: Any] { resolved = items }
                    if let ref = resolved?["$ref"] as? String {
                        resolved = schemas[String(ref.split(separator: "/").last!)]
                    }
                    let required = resolved?["required"] as? [String] ?? []
                    let object = (body as? [String: Any]) ?? ((body as? [[String: Any]])?.first ?? [:])
                    for key in required where !(body as? [Any] ?? [1]).isEmpty {
                        #expect(object[key] != nil, "\(example) lacks '\(key)'")
                    }
                }
            }
        }
    }
}

@Suite(.onServerThreads) struct PageTests {
    @Test(arguments: Backend.available) func treatyPageShowsTheStatesAndTheDate(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/treaties/ru-kp-2024-partnership", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("<strong id=\"entry-into-force\">2024-12-04</strong>"))
                #expect(page.contains(">Russian Federation</a>"))
                #expect(page.contains(">North Korea</a>"))
                #expect(page.contains("<svg"))
                #expect(page.contains("Договор о всеобъемлющем стратегическом партнерстве"))
            }
        }
    }

    @Test(arguments: [
        "/", "/states/PRK", "/search?q=%EC%A1%B0%EC%95%BD", "/scenario?attack=PRK&by=USA&on=2025-03-01",
        "/upcoming?from=1996-01-01", "/scenario",
    ])
    func everyPageTypeAnswers(_ uri: String) async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.hasPrefix("<!doctype html>"))
                #expect(page.contains("<meta name=\"viewport\""))
            }
        }
    }

    @Test(arguments: Backend.available) func pageErrorsArePagesNotJSON(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            try await client.execute(uri: "/treaties/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(
                    String(buffer: response.body).contains(
                        "<h1>Unknown treaty</h1><p>No treaty &#39;nope&#39; in the corpus."))
            }
            try await client.execute(uri: "/treaties/ru-kp-2024-partnership?on=2024-02-30", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("<h1>Malformed date</h1>"))
            }
        }
    }

    @Test func corpusStringsAreEscaped() async throws {
        let index = MemoryIndex()
        var treaty = Fixtures.shipped.corpus["ru-kp-2024-partnership"]!
        treaty.titles["en"] = "<script>alert(1)</script>"
        let corpus = Corpus(treaties: [treaty], regions: Fixtures.shipped.corpus.regions)
        let state = AppState(corpus: corpus, index: index, today: { CalendarDate(iso: "2026-11-29")! })
        try await buildApplication(state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
            .test(.router) { client in
                try await client.execute(uri: "/treaties/ru-kp-2024-partnership", method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(!page.contains("<script>alert(1)</script>"))
                    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                }
            }
    }
}
