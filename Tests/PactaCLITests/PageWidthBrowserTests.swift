import Foundation
import PactaTestSupport
import Testing

/// The treaty pages (bilateral and multilateral) and the scenario page fit a desktop (1280 px) and a phone
/// (390 px) without scrolling sideways: wide tables and pictures scroll inside their own wrapper (`.scroll`).
/// Measured in a real headless Chromium driven through WebDriver, as ``DeskFormBrowserTests`` does.
@Suite(
    .serialized, .enabled(if: Requirements.chromiumTestsRun, Comment(rawValue: Requirements.chromiumSkipped))
)
struct PageWidthBrowserTests {
    typealias WebDriver = DeskFormBrowserTests.WebDriver

    /// What the page measures: its scrolling width, the window's width, and the elements wider than the
    /// window that are not inside a horizontally scrolling wrapper.
    static let measure = """
        const width = window.innerWidth;
        const wide = [];
        for (const element of document.body.querySelectorAll('*')) {
          const box = element.getBoundingClientRect();
          if (box.right <= width + 1) continue;
          if (element.closest('.scroll')) continue;
          wide.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ' ' + Math.round(box.right));
        }
        return [document.documentElement.scrollWidth, width, wide.slice(0, 5).join(', ')];
        """

    @Test func pagesFitADesktopAndAPhone() async throws {
        let chromium = try #require(
            Requirements.chromium, "headless Chromium is not installed: apt-get install chromium")
        let driverPath = try #require(
            Requirements.chromedriver, "chromedriver is not installed: apt-get install chromium-driver")
        let port = try FreePort.pick()
        let server = try CLI.startServer(
            port: port,
            ["--corpus", Fixtures.corpusPath, "--db", TestFolder.path("width-\(port)", suffix: ".sqlite")],
            environment: ["PACTA_TODAY": "2026-11-29"])
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let driverPort = try FreePort.pick()
        let site = "http://127.0.0.1:\(port)"
        let driver = try await WebDriver.launch(driverPath, port: driverPort, site: site, tries: 150)
        defer {
            kill(driver.processIdentifier, SIGKILL)
            driver.waitUntilExit()
        }
        let browser = try await WebDriver.start("http://127.0.0.1:\(driverPort)", chromium: chromium)
        let pages = [
            "/treaties/ru-kp-2024-partnership", "/treaties/rome-statute-1998?on=2002-07-01",
            "/scenario?attack=PRK&by=USA&on=2025-03-01", "/states/USA?on=2026-01-01",
        ]
        do {
            try await measure(browser, site: site, pages: pages)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// Each page at each width.
    func measure(_ browser: WebDriver, site: String, pages: [String]) async throws {
        for width in [1280, 390] {
            _ = try await browser.call("POST", "/window/rect", ["width": width, "height": 900])
            for path in pages {
                try await browser.go(site + path)
                let answer = try await browser.call("POST", "/execute/sync", ["script": Self.measure, "args": []])
                let values = try #require(answer as? [Any], "\(String(describing: answer))")
                let scrollWidth = try #require(values[0] as? Int)
                let innerWidth = try #require(values[1] as? Int)
                #expect(innerWidth <= width && innerWidth > width - 40, "\(path) at \(width): window \(innerWidth)")
                #expect(
                    scrollWidth <= innerWidth,
                    "\(path) at \(width) px: the page is \(scrollWidth) px wide; too wide: \(values[2])")
            }
        }
    }
}
