import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PactaCore
import PactaFormats
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// The API keeps its contract, `openapi.yaml`: every operation the document lists is called, and every answer
/// (successes and errors) fits the schema the document gives for its status, key by key.
@Suite(
    .onServerThreads, .enabled(if: Requirements.jsonschemaTestsRun, Comment(rawValue: Requirements.jsonschemaSkipped)))
struct ContractTests {
    /// The operations of the served document (JSON text) as `(path, method, operation)`.
    static func operations(_ document: String) throws -> [(String, String, [String: Any])] {
        let object = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
        let paths = try #require(object?["paths"] as? [String: [String: Any]])
        return paths.sorted { $0.key < $1.key }.flatMap { path, item in
            item.sorted { $0.key < $1.key }.compactMap { method, operation in
                (operation as? [String: Any]).map { (path, method, $0) }
            }
        }
    }

    /// The answer of `response` to the operation at `path`.
    static func answer(_ path: String, _ method: String, _ response: TestResponse) -> Contract.Answer {
        Contract.Answer(
            path: path, method: method, status: Int(response.status.code), body: String(buffer: response.body))
    }

    @Test(arguments: Backend.available) func everyOperationAnswersAsTheDocumentSays(backend: Backend) async throws {
        let (document, reads) = try await testApplication(backend).test(.router) { client in
            let document = String(buffer: try await client.execute(uri: "/api/v1/openapi.json", method: .get).body)
            var answers: [Contract.Answer] = []
            for (path, method, operation) in try Self.operations(document) where method == "get" {
                let example = try #require(operation["x-example"] as? String, "\(path) has no example")
                // The example; the same with a date that does not exist, where the operation takes a date; an
                // unknown treaty, where it names one.
                var uris = [example]
                let names = (operation["parameters"] as? [[String: Any]] ?? []).compactMap {
                    ($0["$ref"] as? String)?.split(separator: "/").last.map(String.init) ?? $0["name"] as? String
                }
                if names.contains("on") {
                    let parts = example.split(separator: "?", maxSplits: 1)
                    let query = parts.dropFirst().first?.split(separator: "&").filter { !$0.hasPrefix("on=") } ?? []
                    uris.append("\(parts[0])?" + (query + ["on=2024-02-30"]).joined(separator: "&"))
                }
                if path.contains("{id}") { uris.append(path.replacingOccurrences(of: "{id}", with: "no-such-treaty")) }
                for uri in uris {
                    answers.append(
                        Self.answer(path, method, try await client.execute(uri: "/api/v1" + uri, method: .get)))
                }
            }
            return (document, answers)
        }
        let fixture = try WriteFixture()
        let writes = try await fixture.application().test(.router) { client in
            var answers: [Contract.Answer] = []
            for (path, method, operation) in try Self.operations(document) where method == "post" {
                let example = try #require(operation["x-example-body"] as? [String: Any], "\(path) has no body")
                let body = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
                let uri = "/api/v1" + path.replacingOccurrences(of: "{id}", with: "th-vn-2026-friendship")
                // Accepted, then the same again (409), then without a token (401).
                for token in [fixture.admin, fixture.admin, nil] {
                    answers.append(Self.answer(path, method, try await client.post(uri, body, token: token)))
                }
            }
            return answers
        }
        let answers = reads + writes
        let operations = try Self.operations(document).map { "\($0.1) \($0.0)" }
        #expect(Set(answers.map { "\($0.method) \($0.path)" }) == Set(operations))
        #expect(operations.count == 11)
        #expect(Set(answers.map(\.status)) == [200, 201, 400, 401, 404, 409])
        let violations = try await Contract.violations(of: answers, document: document)
        #expect(violations == [], "\(violations)")
    }

    /// The check fails where an answer differs from the document: a field of the wrong type, a required key gone.
    @Test(arguments: Backend.available) func theCheckCatchesAFieldThatDiffers(backend: Backend) async throws {
        let (document, status) = try await testApplication(backend).test(.router) { client in
            let document = String(buffer: try await client.execute(uri: "/api/v1/openapi.json", method: .get).body)
            let uri = "/api/v1/treaties/ru-kp-2024-partnership/status?on=2024-12-05"
            return (document, String(buffer: try await client.execute(uri: uri, method: .get).body))
        }
        var object = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        object["status"] = 5
        object["states"] = nil
        let answer = try Contract.Answer(path: "/treaties/{id}/status", method: "get", status: 200, object: object)
        let violations = try await Contract.violations(of: [answer], document: document)
        #expect(violations.count == 2)
        #expect(violations.contains { $0.hasPrefix("get /treaties/{id}/status 200: (top): 'states' is a required") })
        #expect(violations.contains { $0.hasPrefix("get /treaties/{id}/status 200: status: 5 is not one of") })
    }
}

/// The server serves under `/api/v1/` exactly the operations of `openapi.yaml` (and HEAD for each GET): no route
/// outside the document, none of the document missing.
@Suite(.onServerThreads) struct RoutesTests {
    @Test func theAPIsRoutesAreTheDocumentsOperations() async throws {
        let state = AppState(
            corpus: Fixtures.shipped.corpus, index: MemoryIndex(), today: { CalendarDate(iso: "2026-11-29")! })
        let router = buildRouter(state: state, requestDeadline: functionalTestDeadline)
        let served = Set(
            router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/v1/") }.map {
                $0.replacingOccurrences(of: "/api/v1", with: "").replacingOccurrences(of: ":id", with: "{id}")
                    .replacingOccurrences(of: ":code", with: "{code}")
            })
        let document = try await testApplication().test(.router) { client in
            String(buffer: try await client.execute(uri: "/api/v1/openapi.json", method: .get).body)
        }
        let documented = try ContractTests.operations(document).flatMap { path, method, _ in
            method == "get" ? ["GET \(path)", "HEAD \(path)"] : ["\(method.uppercased()) \(path)"]
        }
        #expect(served == Set(documented))
        #expect(served.contains("POST /treaties/{id}/events"))
        #expect(served.count == 20)
    }
}

/// What the generated code cannot read is answered with Pacta's sentence for the parameter, not the runtime's.
@Suite(.onServerThreads) struct GeneratedInputTests {
    @Test(arguments: [
        ("/api/v1/search?q=x&limit=abc", "limit must be a whole number from 1 to 200; got 'abc'."),
        ("/api/v1/upcoming?days=-5", "days must be a whole number from 0 to 36600; got '-5'."),
        ("/api/v1/scenario?attack=PRK&by=USA&chain=maybe", "chain: true or false. Got 'maybe'."),
        ("/api/v1/scenario?by=USA", "attack: give a State code (ISO 3166-1 alpha-3), e.g. attack=PRK."),
        ("/api/v1/search?lang=en", "q: give the words to search for, in any language (q=条约)."),
    ])
    func aParameterItCannotReadIsNamed(_ uri: String, _ detail: String) async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["detail"] as? String == detail)
            }
        }
    }

    @Test(arguments: Backend.available) func anAcceptHeaderWithoutJSONIs406(backend: Backend) async throws {
        try await testApplication(backend).test(.router) { client in
            let uri = "/api/v1/treaties/ru-kp-2024-partnership/status"
            try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .notAcceptable)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["type"] as? String == "https://pacta.invalid/problems/not-acceptable")
            }
            try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html, */*;q=0.8"]) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
