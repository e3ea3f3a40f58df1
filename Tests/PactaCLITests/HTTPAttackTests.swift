import Foundation
import PactaTestSupport
import Testing

#if canImport(Glibc)
    import Glibc

    /// Hostile requests against a running `pacta serve` over the shipped corpus: every answer is a bounded 2xx or
    /// 4xx (never a 5xx, never a hang), leaks no file, escapes what it echoes, and the server's memory stays under
    /// 300 MB throughout.
    @Suite(.serialized) struct HTTPAttackTests {
        /// The server's peak resident memory (VmHWM), in kB.
        static func peakMemory(_ pid: Int32) -> Int? {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
        }

        @Test func hostileRequestsGetBoundedAnswersAndMemoryStaysLow() async throws {
            let port = try FreePort.pick()
            let server = try CLI.startServer(
                port: port,
                [
                    "--corpus", CLI.sealedRoot.appendingPathComponent("corpus").path, "--db",
                    TestFolder.path("attack-\(port)", suffix: ".sqlite"), "--header-timeout", "2",
                ], environment: ["PACTA_TODAY": "2026-11-29"])
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            let ready = await RawHTTP.waitUntilServing(port: port, tries: 600, interval: .milliseconds(100))
            try #require(ready, "pacta serve did not answer")

            let longID = String(repeating: "a", count: 80_000)
            let requests: [(String, String)] = [
                ("a date far in the future", "GET /states/PRK?on=9999-12-31"),
                ("an unknown 80 KB id", "GET /treaties/\(longID)"),
                ("a path out of the corpus", "GET /api/v1/treaties/%2e%2e%2f%2e%2e%2fetc%2fpasswd/status"),
                ("a script in the search", "GET /search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
                ("invalid UTF-8 in the path", "GET /treaties/%ff%fe%fd"),
                ("a year out of range", "GET /api/v1/treaties?on=99999-01-01"),
                ("a huge calendar", "GET /upcoming?days=999999999"),
                ("the first day of the calendar", "GET /scenario?attack=PRK&by=USA&on=0001-01-01"),
                ("a 3,000-character search", "GET /api/v1/search?q=\(String(repeating: "x", count: 3_000))"),
                ("a write without a token", "POST /api/v1/treaties/ru-kp-2024-partnership/events"),
                ("a method nobody uses", "BREW /"),
                ("a space in the path", "GET /treaties/a b"),
                ("a control byte in the path", "GET /treaties/a\u{01}b"),
            ]
            for (what, line) in requests {
                let (answer, seconds) = try await RawHTTP.timedExchangeOffPool(
                    "\(line) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port, timeout: 30)
                let status = Int(answer.dropFirst(9).prefix(3)) ?? 0
                #expect((200..<500).contains(status), "\(what): \(answer.prefix(120))")
                // Bounded: an answer, not a hang; 15 s leaves room for a machine stalled by the suite's load tests
                // (each of these takes milliseconds alone).
                #expect(seconds < 15, "\(what) took \(seconds) s")
                #expect(!answer.contains("root:x:0"), "\(what)")
                #expect(!answer.contains("<script>alert"), "\(what)")
            }
            // Headers over the parser's limit: 400 problem+json.
            let big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 100_000))\r\n\r\n"
            #expect(try await RawHTTP.exchangeOffPool(big, port: port).hasPrefix("HTTP/1.1 400"))
            // 200 connections held open, then an ordinary request is answered.
            let held = try (0..<200).map { _ in try RawHTTP.connected(port: port) }
            defer { held.forEach { close($0) } }
            let ordinary = try await RawHTTP.exchangeOffPool(
                "GET /api/v1/treaties/ru-kp-2024-partnership/status?on=2024-12-05 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                port: port)
            #expect(ordinary.hasPrefix("HTTP/1.1 200"))
            #expect(ordinary.contains("\"entry-into-force\":\"2024-12-04\""))
            let peak = try #require(Self.peakMemory(server.processIdentifier))
            #expect(peak < 300_000, "the server's peak memory was \(peak) kB")
        }
    }
#endif
