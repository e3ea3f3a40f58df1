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

/// Every page escapes what it did not write itself: a corpus string or a request's value that holds a script tag
/// and the characters `"`, `&` and `'` comes out as text, on every page type (the pages are Mustache templates,
/// whose `{{name}}` escapes). And no page is built from markup in Swift strings.
@Suite(.onServerThreads) struct PageEscapingTests {
    /// A string no page may print as is.
    static let hostile = #"<script>alert(1)</script> "&'"#
    /// The same, as the pages must print it.
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;"

    /// The shipped corpus with UNCLOS's titles and note (with a control character), the note of the European
    /// Union's consent, and the European Union's name all hostile, and UNCLOS's sources given a `javascript:`
    /// address.
    static func application() -> some ApplicationProtocol {
        let shipped = Fixtures.shipped.corpus
        var treaty = shipped["unclos-1982"]!
        treaty.titles["en"] = hostile
        treaty.shortTitles["en"] = hostile
        // A control character is not text: the page leaves it out.
        treaty.note = hostile + "\u{01}"
        if let index = treaty.events.firstIndex(where: { $0.id == "unclos-con-eu" }) {
            treaty.events[index].note = hostile
        }
        for key in treaty.sources.keys { treaty.sources[key]?.url = "javascript:alert(1)" }
        var entities = shipped.entities
        entities[PartyCode("org:eu")] = Corpus.Entity(code: PartyCode("org:eu"), names: ["en": hostile])
        let corpus = Corpus(
            treaties: shipped.treaties.map { $0.id == treaty.id ? treaty : $0 }, entities: entities,
            regions: shipped.regions, scope: shipped.scope, successions: shipped.successions)
        let state = AppState(corpus: corpus, index: MemoryIndex(), today: { CalendarDate(iso: "2026-11-29")! })
        return buildApplication(state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
    }

    /// The page at `uri`, with its status.
    static func page(_ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (response.status, String(buffer: response.body))
            }
        }
    }

    /// The hostile string appears, escaped, in each of `places` (the markup around it), and never as is.
    func expectEscaped(_ page: String, in places: [String], _ uri: String) {
        #expect(!page.contains("<script>alert"), "\(uri)")
        #expect(!page.contains(#""&'"#), "\(uri)")
        for place in places {
            #expect(page.contains(place.replacingOccurrences(of: "ESC", with: Self.escaped)), "\(uri): \(place)")
        }
    }

    @Test func theHomePage() async throws {
        let (status, page) = try await Self.page("/")
        #expect(status == .ok)
        expectEscaped(page, in: [#"<a href="/treaties/unclos-1982">ESC</a>"#], "/")
    }

    @Test func theTreatyPage() async throws {
        let (status, page) = try await Self.page("/treaties/unclos-1982?on=2000-01-01")
        #expect(status == .ok)
        expectEscaped(
            page,
            in: [
                "<title>ESC · Pacta</title>", "<h1>ESC</h1>",
                #"<td lang="en">ESC <span class="authentic">authentic</span>"#,
                // The European Union's row and the note of its consent in the list of events.
                #"<a href="/states/org:eu">ESC</a> <span class="muted">org:eu</span>"#,
                #"<br><span class="muted">ESC</span></td></tr>"#,
                "<h2>Note on the record</h2><p>ESC</p>",
            ], "treaty")
        #expect(!page.contains("\u{01}"))
        // A source's address that is not a web address is not a link; its title stays.
        #expect(!page.contains("javascript:"))
        #expect(page.contains(" Source: "))
    }

    @Test func theStatePage() async throws {
        let (status, page) = try await Self.page("/states/FRA?on=2000-01-01")
        #expect(status == .ok)
        expectEscaped(page, in: [#"<a href="/treaties/unclos-1982?on=2000-01-01">ESC</a>"#], "state")
    }

    @Test func theSearchPage() async throws {
        let (status, page) = try await Self.page("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%22%26%27")
        #expect(status == .ok)
        expectEscaped(page, in: [#"<input name="q" value="ESC" size="40">"#, "for <strong>ESC</strong></p>"], "search")
    }

    @Test func theScenarioPage() async throws {
        let (status, page) = try await Self.page(
            "/scenario?attack=PRK&by=USA&on=2025-03-01&attacker-kind=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%22%26%27")
        #expect(status == .ok)
        expectEscaped(page, in: [#"<input name="attacker-kind" value="ESC" size="12""#], "scenario")
    }

    @Test func theSignInPage() async throws {
        let (status, page) = try await Self.page(
            "/login?next=/x%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%22%26%27")
        #expect(status == .ok)
        expectEscaped(page, in: [#"<input type="hidden" name="next" value="/xESC">"#], "login")
    }

    @Test func theErrorPage() async throws {
        let (status, page) = try await Self.page(
            "/treaties/unclos-1982?on=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%22%26%27")
        #expect(status == .badRequest)
        expectEscaped(
            page,
            in: [
                "<h1>Malformed date</h1><p>The parameter &#39;on&#39; must be an existing date YYYY-MM-DD from "
                    + "0001-01-01 to 9999-12-31; got &#39;ESC&#39;.</p>"
            ], "error")
    }

    /// A clerk's refused act comes back with the fields as sent, and the reason that quotes them: both escaped.
    @Test func theDeskFormAfterARefusal() async throws {
        let fixture = try WriteFixture()
        try await fixture.application().test(.router) { client in
            let login = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(fixture.clerk)&next=/"))
            let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let page = try await client.execute(
                uri: "/treaties/th-vn-2026-friendship", method: .get, headers: [.cookie: cookie])
            let csrf = try #require(
                String(buffer: page.body).components(separatedBy: #"name="csrf" value=""#).dropFirst().first?
                    .prefix { $0 != "\"" })
            let value = try #require(Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let refused = try await client.execute(
                uri: "/treaties/th-vn-2026-friendship/events", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(
                    string: "csrf=\(csrf)&type=consent&form=ratification&date=2026-04-02&party=\(value)&note=\(value)"))
            #expect(refused.status == .unprocessableContent)
            let html = String(buffer: refused.body)
            expectEscaped(
                html,
                in: [
                    #"<input name="party" value="ESC" placeholder="THA" size="8">"#,
                    #"<input name="note" value="ESC">"#, "<li>party: unknown party code &#39;ESC&#39;",
                ], "desk")
            #expect(html.contains(#"<option value="ratification" selected>ratification</option>"#))
        }
    }

    /// The pages' Swift builds no markup: no string literal in `Sources/PactaServer/Pages` holds a tag, so every
    /// page comes from the templates of `Sources/PactaServer/Templates`.
    @Test func noSwiftFileOfThePagesHoldsMarkup() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Sources/PactaServer/Pages")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 8)
        // A tag: `<` and a lower-case name, or `</`, or `<!`. Swift's generics start with a capital (`Range<Int>`).
        let tag = try Regex(#"<(/|!)?[a-z][a-z0-9-]*[\s>/]"#)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), code.contains(tag) else { continue }
                found.append("\(file):\(number + 1): \(code)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// The scan above finds a tag where there is one.
    @Test func theScanFindsATag() throws {
        let tag = try Regex(#"<(/|!)?[a-z][a-z0-9-]*[\s>/]"#)
        #expect("out += \"<td class=\\\"date\\\">\"".contains(tag))
        #expect("\"</table>\"".contains(tag))
        #expect(!"let ranges: [Range<Int>] = []".contains(tag))
        #expect(!"if a < b { return }".contains(tag))
    }
}
