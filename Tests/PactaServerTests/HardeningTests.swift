import Foundation
#if canImport(Glibc)
    import Glibc
#endif
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

#if os(Linux)
    extension HardeningTests {
        /// Requests the HTTP parser cannot read get a 400 with a problem+json body and the security headers, over a
        /// real socket; the server goes on answering.
        @Test(arguments: [
            "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n", "GET /\u{1}x HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /" + String(repeating: "a", count: 90_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        ])
        func unreadableRequestsGetAProblem(_ raw: String) async throws {
            let index = MemoryIndex()
            let state = AppState(
                corpus: Fixtures.shipped.corpus, index: index, today: { CalendarDate(iso: "2026-11-29")! })
            try await buildApplication(state: state, port: 0, logger: Logger(label: "test")).test(.live) { client in
                let port = try #require(client.port)
                let answer = try RawHTTP.exchange(raw, port: port)
                #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
                #expect(answer.contains("\r\nContent-Type: application/problem+json\r\n"))
                #expect(answer.contains("\r\nX-Content-Type-Options: nosniff\r\n"))
                #expect(
                    answer.hasSuffix(
                        "\"title\":\"Bad request\",\"status\":400,\"detail\":\"The request could not be read as HTTP/1.1: check the request line (no spaces or control characters in the path; percent-encode them) and the size of the headers.\"}"
                    ))
                try await client.execute(uri: "/api/v1/treaties", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    extension HardeningTests {
        /// A connection that sends nothing is closed by the server after the idle timeout (1 s here): the socket
        /// reads its end before the test's own 5-second receive limit.
        @Test func anIdleConnectionIsClosed() async throws {
            let index = MemoryIndex()
            let state = AppState(
                corpus: Fixtures.shipped.corpus, index: index, today: { CalendarDate(iso: "2026-11-29")! })
            try await buildApplication(state: state, port: 0, idleTimeout: .seconds(1), logger: Logger(label: "test"))
                .test(.live) { client in
                    let port = try #require(client.port)
                    let outcome = try RawHTTP.idle(port: port)
                    #expect(outcome == .closedByServer)
                }
        }
    }

    /// Sends raw bytes to the server on 127.0.0.1 and reads the answer until the server closes (5 s at most).
    enum RawHTTP {
        static func exchange(_ request: String, port: Int) throws -> String {
            let socket = try connected(port: port)
            defer { close(socket) }
            let bytes = Array(request.utf8)
            var sent = 0
            while sent < bytes.count {
                let written = bytes[sent...].withUnsafeBytes {
                    send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if written <= 0 { break }  // the server may close before reading everything
                sent += written
            }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                answer += buffer[0..<count]
            }
            return String(decoding: answer, as: UTF8.self)
        }

        /// Connects and sends nothing: whether the server closed the connection before a 5-second receive limit.
        static func idle(port: Int) throws -> IdleOutcome {
            let socket = try connected(port: port)
            defer { close(socket) }
            var byte: UInt8 = 0
            let count = recv(socket, &byte, 1, 0)
            return count == 0 ? .closedByServer : (count < 0 ? .stillOpen : .sentData)
        }

        enum IdleOutcome { case closedByServer, stillOpen, sentData }

        /// A TCP socket connected to 127.0.0.1:`port`, with a 5-second receive limit.
        static func connected(port: Int) throws -> Int32 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw RawError.socket }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(socket)
                throw RawError.connect
            }
            return socket
        }

        enum RawError: Error { case socket, connect }
    }
#endif

/// A flag set from a request handler and read by the test.
private final class Flag: @unchecked Sendable {
    // @unchecked: the lock guards the value.
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
