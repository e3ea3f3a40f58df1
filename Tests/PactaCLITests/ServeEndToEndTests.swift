import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import PactaTestSupport
import Testing

/// Starts `pacta serve` as a user would and opens its pages in a real headless Chromium (Debian's `chromium`,
/// which `.ci/run` installs). Screenshots of each page type go to `$PACTA_TEST_ARTIFACTS` (else a temporary folder). Skipped
/// where Chromium is missing, unless `PACTA_TEST_REQUIRE` names `chromium` (``Requirements``).
@Suite(
    .serialized, .enabled(if: Requirements.chromiumTestsRun, Comment(rawValue: Requirements.chromiumSkipped))
)
struct ServeEndToEndTests {
    static let chromium = Requirements.chromium

    /// Runs `pacta serve` on a free port for the duration of `body`; waits (at most 20 s) until it answers.
    func withServer(_ body: (String) async throws -> Void) async throws {
        let port = try FreePort.pick()
        let server = try CLI.startServer(
            port: port, ["--corpus", Fixtures.corpusPath, "--db", TestFolder.path("e2e-\(port)", suffix: ".sqlite")])
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        // Wait until it answers (index build included), never on a thread of the pool.
        let ready = await RawHTTP.waitUntilServing(port: port, tries: 300, interval: .milliseconds(200))
        try #require(ready, "pacta serve did not answer on \(base)")
        try await body(base)
    }

    /// Headless Chromium run with `arguments` (after the flags every run needs); what it printed.
    func chromium(_ arguments: [String]) async throws -> String {
        let browser = try #require(
            Self.chromium,
            "PACTA_TEST_REQUIRE names chromium, but headless Chromium is not installed: apt-get install chromium")
        return try await Program.run(
            browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + arguments
        ).stdout
    }

    @Test func treatyPageInARealBrowser() async throws {
        try await withServer { base in
            let dom = try await chromium(["--dump-dom", base + "/treaties/ru-kp-2024-partnership"])
            #expect(dom.contains("<strong id=\"entry-into-force\">2024-12-04</strong>"))
            #expect(dom.contains(">Russian Federation</a>"))
            #expect(dom.contains(">North Korea</a>"))
            #expect(dom.contains("Treaty on Comprehensive Strategic Partnership"))

            // A screenshot of each page type, kept as a test artifact: in $PACTA_TEST_ARTIFACTS where set, else in
            // a temporary folder (nothing is written into the package).
            let folder =
                ProcessInfo.processInfo.environment["PACTA_TEST_ARTIFACTS"]
                ?? NSTemporaryDirectory() + "pacta-test-artifacts"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let pages = [
                "home": "/", "treaty": "/treaties/ru-kp-2024-partnership", "state": "/states/PRK",
                "search": "/search?q=%E8%BB%8D%E4%BA%8B%E6%8F%B4%E5%8A%A9",
                "scenario": "/scenario?attack=PRK&by=USA&on=2025-03-01",
                "calendar": "/upcoming?from=1996-01-01",
            ]
            for (name, path) in pages.sorted(by: { $0.key < $1.key }) {
                let file = "\(folder)/\(name).png"
                try? FileManager.default.removeItem(atPath: file)
                _ = try await chromium(["--window-size=1280,1600", "--screenshot=\(file)", base + path])
                #expect(FileManager.default.fileExists(atPath: file), "no screenshot of \(path)")
            }
        }
    }
}
