import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaFormats
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// The axe-core accessibility check on every page type, in headless Chromium: no violation of "serious" or
/// "critical" impact (language attributes, table headers, contrast, labels on form controls, names of links).
@Suite(.onServerThreads) struct AccessibilityTests {
    static let pages = [
        "/", "/treaties/rome-statute-1998?on=2002-07-01", "/treaties/ru-kp-2024-partnership",
        "/treaties/collective-security-1992?on=2020-01-01", "/states/USA", "/scenario",
        "/scenario?attack=KOR&by=PRK&on=2025-03-01&chain=true", "/search?q=%E5%86%9B%E4%BA%8B%E6%8F%B4%E5%8A%A9",
        "/upcoming",
    ]

    @Test(.enabled(if: Requirements.axeTestsRun, Comment(rawValue: Requirements.axeSkipped)))
    func noSeriousOrCriticalViolationOnAnyPage() async throws {
        let state = AppState(
            corpus: Fixtures.shipped.corpus, index: MemoryIndex(), today: { CalendarDate(iso: "2026-11-29")! })
        try await buildApplication(
            state: state, port: 0, requestDeadline: functionalTestDeadline, logger: Logger(label: "test")
        )
        .test(.live) { client in
            let port = try #require(client.port)
            // Waited for on a thread of its own: the server under check runs on the pool.
            let run = try await Program.run(
                "/usr/bin/env",
                ["python3", Fixtures.packageRoot.appendingPathComponent("Scripts/axe-check.py").path]
                    + ["http://127.0.0.1:\(port)"] + Self.pages)
            #expect(run.status == 0, "\(run.stderr.suffix(2_000))")
            let violations = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
            #expect(violations?.isEmpty == true, "\(run.stdout)")
        }
    }
}
