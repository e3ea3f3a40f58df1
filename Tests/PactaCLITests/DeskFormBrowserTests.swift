import Foundation
import PactaTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A clerk records a ratification with the form on a treaty's page, in a real headless Chromium driven through
/// WebDriver (Debian's `chromium` and `chromium-driver`, which `.ci/run` installs), and sees the status change.
@Suite(
    .serialized, .enabled(if: Requirements.chromiumTestsRun, Comment(rawValue: Requirements.chromiumSkipped))
)
struct DeskFormBrowserTests {
    /// The WebDriver protocol (W3C) over HTTP: just what the test needs.
    struct WebDriver {
        let base: String
        let session: String

        /// One WebDriver call, made with curl (FoundationNetworking on Linux refuses ChromeDriver's answer headers).
        static func request(_ method: String, _ url: String, _ body: Any?) async throws -> [String: Any] {
            var arguments = ["-s", "--max-time", "60", "-X", method, "-H", "Content-Type: application/json", url]
            if let body {
                arguments += [
                    "--data-binary", String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self),
                ]
            }
            let data = Data(try await Program.run("/usr/bin/curl", arguments).stdout.utf8)
            return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        }

        /// Starts ChromeDriver at `path` on `port` (the caller kills it with SIGKILL: it does not stop on SIGTERM
        /// while it holds a session), then waits (at most `tries` × 200 ms) until both it and the Pacta server at
        /// `site` answer.
        static func launch(_ path: String, port: Int, site: String, tries: Int) async throws -> Process {
            let driver = Process()
            driver.executableURL = URL(fileURLWithPath: path)
            driver.arguments = ["--port=\(port)"]
            driver.standardOutput = FileHandle.nullDevice
            driver.standardError = FileHandle.nullDevice
            try driver.run()
            func answers(_ url: String) async -> Bool { (try? await request("GET", url, nil))?.isEmpty == false }
            for _ in 0..<tries {
                if await answers(site + "/api/v1/openapi.json"), await answers("http://127.0.0.1:\(port)/status") {
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            return driver
        }

        static func start(_ base: String, chromium: String) async throws -> WebDriver {
            let answer = try await request(
                "POST", "\(base)/session",
                [
                    "capabilities": [
                        "alwaysMatch": [
                            "goog:chromeOptions": [
                                "binary": chromium,
                                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"],
                            ]
                        ]
                    ]
                ])
            let value = try #require(answer["value"] as? [String: Any], "WebDriver answered \(answer)")
            return WebDriver(base: base, session: try #require(value["sessionId"] as? String))
        }

        func call(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any? {
            try await Self.request(method, "\(base)/session/\(session)\(path)", body)["value"]
        }

        func go(_ url: String) async throws { _ = try await call("POST", "/url", ["url": url]) }

        /// The element's WebDriver reference, by CSS selector.
        func element(_ css: String) async throws -> String {
            let value = try await call("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any]
            return try #require(value?.values.first as? String, "no element \(css)")
        }

        func type(_ css: String, _ text: String) async throws {
            _ = try await call("POST", "/element/\(try await element(css))/value", ["text": text])
        }

        func click(_ css: String) async throws {
            _ = try await call("POST", "/element/\(try await element(css))/click", [:])
        }

        func text(_ css: String) async throws -> String {
            try await call("GET", "/element/\(try await element(css))/text") as? String ?? ""
        }

        func url() async throws -> String { try await call("GET", "/url") as? String ?? "" }

        func screenshot(to path: String) async throws {
            if let base64 = try await call("GET", "/screenshot") as? String, let data = Data(base64Encoded: base64) {
                try data.write(to: URL(fileURLWithPath: path))
            }
        }

        func quit() async { _ = try? await Self.request("DELETE", "\(base)/session/\(session)", nil) }
    }

    @Test func aClerkSignsInRecordsARatificationAndSeesTheStatusChange() async throws {
        let chromium = try #require(
            Requirements.chromium, "headless Chromium is not installed: apt-get install chromium")
        let driverPath = try #require(
            Requirements.chromedriver, "chromedriver is not installed: apt-get install chromium-driver")
        // A corpus with a bilateral treaty THA–VNM: VNM has ratified, THA has signed.
        let folder = TestFolder.path("form")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: "\(Fixtures.corpusPath)/entities.yaml", toPath: "\(folder)/entities.yaml")
        let id = "th-vn-2026-friendship"
        for arguments in [
            [
                "new", id, "--kind", "bilateral", "--title", "Treaty of Friendship", "--parties", "THA,VNM",
                "--adopted",
                "2026-03-01",
            ],
            ["record", id, "signature", "--party", "THA", "--date", "2026-03-01"],
            ["record", id, "signature", "--party", "VNM", "--date", "2026-03-01"],
            ["record", id, "consent", "--form", "ratification", "--party", "VNM", "--date", "2026-04-20"],
        ] {
            let out = try await CLI.run(arguments + ["--corpus", folder])
            try #require(out.status == 0, "\(out.stderr)")
        }
        let user = try await CLI.run(["user", "add", "amina", "--role", "clerk", "--corpus", folder])
        let token = user.stdout.split(separator: "\n")[1].trimmingCharacters(in: .whitespaces)

        let port = try FreePort.pick()
        let server = try CLI.startServer(port: port, ["--corpus", folder], environment: ["PACTA_TODAY": "2026-12-05"])
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let driverPort = try FreePort.pick()
        let site = "http://127.0.0.1:\(port)"
        let driver = try await WebDriver.launch(driverPath, port: driverPort, site: site, tries: 100)
        defer {
            // ChromeDriver does not stop on SIGTERM while it holds a session.
            kill(driver.processIdentifier, SIGKILL)
            driver.waitUntilExit()
        }
        let browser = try await WebDriver.start("http://127.0.0.1:\(driverPort)", chromium: chromium)
        do {
            try await clerkRecords(browser, site: site, id: id, folder: folder, token: token)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        let file = try String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8)
        #expect(file.contains("recorded: 2026-12-05, recorded-by: amina}"))
    }

    /// The clerk's steps in the browser.
    func clerkRecords(_ browser: WebDriver, site: String, id: String, folder: String, token: String) async throws {

        // Not signed in: the page offers to sign in, and shows no form.
        try await browser.go("\(site)/treaties/\(id)")
        #expect(try await browser.text("#desk + p").hasPrefix("Sign in with a clerk's token"))
        #expect(try await browser.text("#treaty-status") == "not-in-force")

        try await browser.click("#desk + p a")
        try await browser.type("input[name=token]", token)
        try await browser.click("form[action='/login'] button")
        #expect(try await browser.url() == "\(site)/treaties/\(id)")

        // Record THA's ratification with the form.
        try await browser.click("select[name=type] option[value=consent]")
        try await browser.click("select[name=form] option[value=ratification]")
        try await browser.type("input[name=party]", "THA")
        try await browser.type("input[name=date]", "2026-05-02")
        try await browser.click("#record button")
        #expect(try await browser.url() == "\(site)/treaties/\(id)?recorded=\(id)-ratification-tha#desk")
        #expect(try await browser.text("#recorded").contains("\(id)-ratification-tha"))
        // Both have consented; the treaty waits for the exchange of instruments.
        // Its one row: name and code, status, signature, consent (a ratification carries no mark).
        let row = try await browser.text("#row-THA")
        #expect(row.hasPrefix("Thailand THA"), "\(row)")
        #expect(row.contains("contracting-state 2026-03-01 2026-05-02"), "\(row)")
        let folderForArtifacts =
            ProcessInfo.processInfo.environment["PACTA_TEST_ARTIFACTS"] ?? NSTemporaryDirectory()
            + "pacta-test-artifacts"
        try FileManager.default.createDirectory(atPath: folderForArtifacts, withIntermediateDirectories: true)
        try await browser.screenshot(to: "\(folderForArtifacts)/desk-form-recorded.png")

        // A refused act: the reason is on the page, and the file does not change.
        let before = try String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8)
        try await browser.click("select[name=type] option[value=consent]")
        try await browser.click("select[name=form] option[value=ratification]")
        try await browser.type("input[name=party]", "THA")
        try await browser.type("input[name=date]", "2026-06-01")
        try await browser.click("#record button")
        #expect(
            try await browser.text("#refused").contains(
                "THA has already consented to be bound: its ratification of 2026-05-02"))
        try await browser.screenshot(to: "\(folderForArtifacts)/desk-form-refused.png")
        #expect(try String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8) == before)
    }
}
