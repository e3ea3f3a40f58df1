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
@Suite struct AccessibilityTests {
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
        try await buildApplication(state: state, port: 0, logger: Logger(label: "test"))
            .test(.live) { client in
                let port = try #require(client.port)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments =
                    ["python3", Fixtures.packageRoot.appendingPathComponent("Scripts/axe-check.py").path]
                    + ["http://127.0.0.1:\(port)"] + Self.pages
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                try process.run()
                let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "\(errors.suffix(2_000))")
                let violations = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
                #expect(violations?.isEmpty == true, "\(output)")
            }
    }
}
