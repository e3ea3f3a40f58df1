import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaFormats
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// Headers, HEAD, aliases and as-known-on through the server (issue: hardened pages; the questions layer).
@Suite struct HardeningTests {
    @Test(arguments: [
        "/", "/treaties/nato", "/api/v1/treaties", "/api/v1/treaties/unknown-1999/status", "/no-such-page",
    ])
    func everyResponseCarriesTheSecurityHeaders(_ uri: String) async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            }
        }
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/api/v1/treaties/north-atlantic-1949/status", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func treatiesAreFoundByAliasAndStatusesAsKnownOn() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/api/v1/treaties/nato/status?on=2020-01-01", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["treaty"] as? String == "north-atlantic-1949")
            }
            try await client.execute(
                uri: "/api/v1/treaties/ru-kp-2024-partnership/status?on=2025-01-01&as-known-on=2024-01-01", method: .get
            ) { response in
                let body = try #require(try json(response.body) as? [String: Any])
                // Nothing of 2024 was known on 1 January 2024: the treaty was not yet signed as known then.
                #expect(body["as-known-on"] as? String == "2024-01-01")
                #expect(body["status"] as? String != "in-force")
            }
        }
    }

    @Test func aStatePageForADateFarAheadAnswers() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/states/PRK?on=9999-12-31", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Allies over time"))
            }
        }
    }

    /// A request past the deadline is answered 503 problem+json and its work is cancelled; a quick one is not.
    @Test func aRequestPastTheDeadlineIsAnswered503AndCancelled() async throws {
        let index = MemoryIndex()
        let state = AppState(corpus: Fixtures.shipped.corpus, index: index, today: { CalendarDate(iso: "2026-11-29")! })
        let router = buildRouter(state: state, requestDeadline: .milliseconds(300))
        let cancelled = Flag()
        router.get("/api/v1/slow") { _, _ -> String in
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                cancelled.set()
                throw error
            }
            return "late"
        }
        try await Application(router: router, logger: Logger(label: "test")).test(.router) { client in
            try await client.execute(uri: "/api/v1/slow", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["type"] as? String == "https://pacta.invalid/problems/deadline-exceeded")
                #expect((body["detail"] as? String)?.contains("0.3 seconds") == true)
            }
            try await client.execute(uri: "/api/v1/treaties", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(cancelled.isSet)
    }
}

/// A flag set from a request handler and read by the test.
private final class Flag: @unchecked Sendable {
    // @unchecked: the lock guards the value.
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
