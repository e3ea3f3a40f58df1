import CSV
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

/// The treaty page as a treaty officer reads it (issue #16): the counts and dates in its header, the caveats
/// before the table, one row per participant with its explanation inside the row, footnotes, the CSV download,
/// and articles marked as authentic text, translation or the corpus's summary.
@Suite(.onServerThreads) struct TreatyPageTests {
    /// The page's body for `uri`.
    func page(_ uri: String) async throws -> String {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
    }

    /// The codes of the participants' rows, in the page's order.
    func rowCodes(_ page: String) -> [String] {
        page.components(separatedBy: "<tr id=\"row-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The text of the element with `id`, up to the next tag.
    func text(_ page: String, id: String) -> String? {
        guard let start = page.range(of: "id=\"\(id)\"") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">") else { return nil }
        return String(rest[rest.index(after: open)...].prefix { $0 != "<" })
    }

    @Test func romeStatuteOnTheDayItEnteredIntoForce() async throws {
        let page = try await page("/treaties/rome-statute-1998?on=2002-07-01")
        // The header: entry into force and its article, the record's date, the counts on the date.
        #expect(text(page, id: "entry-into-force") == "2002-07-01")
        #expect(text(page, id: "entry-into-force-article") == " (art. 126)")
        // The latest source consulted: the corpus's record of State successions, read on 2026-12-05.
        #expect(text(page, id: "record-as-of") == "2026-12-05")
        // As `pacta status rome-statute-1998 --on 2002-07-01` counts them: 66 parties (the ten deposits of
        // 2002-04-11 took the count from 56 to 66), 10 later deposits not yet in force for their States, 138
        // signed (the United States' signature, revoked on 2002-05-06, no longer counts).
        #expect(text(page, id: "count-parties") == "66")
        #expect(text(page, id: "count-signed") == "138")
        #expect(text(page, id: "count-signatories") == "63")
        #expect(text(page, id: "count-contracting-states") == "10")
        #expect(text(page, id: "count-withdrawn") == "0")
        #expect(!page.contains("id=\"count-ceased\""))
        // The caveats come first, before the table.
        let caveats = try #require(page.range(of: "id=\"caveats\""))
        let table = try #require(page.range(of: "<table id=\"states\""))
        #expect(caveats.lowerBound < table.lowerBound)
        #expect(page.contains("The record of this treaty is incomplete"))
        // One row per participant, its explanation inside the participant's cell; no extra rows.
        #expect(!page.contains("Explanation for"))
        let codes = rowCodes(page)
        #expect(codes.count == 140)
        #expect(codes.count == Set(codes).count)
        let body = try #require(
            page.components(separatedBy: "<tbody>").dropFirst().first?.components(
                separatedBy: "</tbody>"
            ).first)
        #expect(body.components(separatedBy: "<tr").count - 1 == codes.count)
        #expect(codes.contains("SEN") && codes.contains("USA"))
        // Senegal: signed 1998-07-18, ratified 1999-02-02, a party since 2002-07-01.
        let senegal = try #require(
            body.components(separatedBy: "<tr id=\"row-SEN\"").dropFirst().first?.components(separatedBy: "</tr>")
                .first)
        #expect(senegal.contains("<details class=\"why\"><summary>why</summary>"))
        #expect(senegal.contains("<td class=\"status party\">party</td>"))
        #expect(senegal.contains("<td class=\"date\" data-sort=\"2002-07-01\">2002-07-01</td>"))
        // Accession is marked "a", as the UN Treaty Collection marks it; the legend says so.
        #expect(body.contains("<abbr class=\"mark\" title=\"accession\">a</abbr>"))
        #expect(page.contains("a accession, d succession, A acceptance, AA approval"))
        // Dates never wrap.
        #expect(page.contains(".date,td.date{white-space:nowrap}"))
        // Sortable and filtered by the server's own script; the filter box is hidden until the script runs.
        #expect(page.contains("<script src=\"/assets/table.js\" defer></script>"))
        #expect(page.contains("data-sortable"))
        #expect(page.contains("<p class=\"filter\" id=\"states-filter\" hidden>"))
        #expect(page.contains("href=\"/treaties/rome-statute-1998?on=2002-07-01&amp;format=csv\""))
    }

    @Test func footnotesLinkFromTheRowsAndGiveDateAndSource() async throws {
        // Montenegro's consent by succession (2006), with its source, is a note of its row.
        let page = try await page("/treaties/rome-statute-1998?on=2010-01-01")
        let row = try #require(
            page.components(separatedBy: "<tr id=\"row-MNE\"").dropFirst().first?.components(separatedBy: "</tr>")
                .first)
        let number = try #require(
            row.components(separatedBy: "<sup class=\"fn\"><a href=\"#note-").dropFirst().first?.prefix {
                $0 != "\""
            })
        let note = try #require(
            page.components(separatedBy: "<li id=\"note-\(number)\">").dropFirst().first?.components(
                separatedBy: "</li>"
            ).first)
        #expect(note.hasPrefix("<strong>Succession</strong>, <span class=\"date\">"))
        #expect(note.contains("MNE consents by notification of succession."))
        #expect(note.contains("Source: "))
        #expect(row.contains("title=\"succession\">d</abbr>"))
    }

    /// A reservation whose summary ends its own sentence gets no second full stop (Honduras's reservation to the
    /// Rio Treaty ends "(art. 9(b))."); a bilateral treaty whose file records no signature on its adoption date is
    /// "adopted", not "signed".
    @Test func footnotesEndOnceAndHeadersClaimNoSignature() async throws {
        let rio = try await page("/treaties/rio-treaty-1947?on=2025-01-01")
        #expect(rio.contains("by the 1906 arbitral award of the King of Spain (art. 9(b))."))
        #expect(!rio.contains("(art. 9(b)).."))
        #expect(!rio.contains("States.."))
        let kp = try await page("/treaties/ru-kp-2024-partnership")
        #expect(kp.contains("signed <span class=\"date\">2024-06-19</span>"))
    }

    @Test func csvDownloadHasTheTableRows() async throws {
        let page = try await page("/treaties/rome-statute-1998?on=2002-07-01")
        let csv = try await testApplication().test(.router) { client in
            try await client.execute(uri: "/treaties/rome-statute-1998?on=2002-07-01&format=csv", method: .get) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    response.headers[.contentDisposition]
                        == "attachment; filename=\"rome-statute-1998-status-2002-07-01.csv\"")
                return String(buffer: response.body)
            }
        }
        let reader = try CSVReader(string: csv, hasHeaderRow: true)
        #expect(
            reader.headerRow == [
                "participant", "code", "status", "signature", "consent", "consent_form", "in_force",
                "withdrawal_notified", "withdrawal_effective",
            ])
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.map { $0[1] } == rowCodes(page))
        #expect(rows.count == 140)
        #expect(rows.filter { $0[2] == "party" }.count == 66)
        let senegal = try #require(rows.first { $0[1] == "SEN" })
        #expect(
            senegal == ["Senegal", "SEN", "party", "1998-07-18", "1999-02-02", "ratification", "2002-07-01", "", ""])
        // A name with a comma survives the quoting.
        #expect(rows.contains { $0[0].contains(",") })
    }

    @Test func theScriptIsServedFromTheSite() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/assets/table.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                let script = String(buffer: response.body)
                #expect(script.contains("table[data-sortable]"))
                #expect(script.contains("data-filter-for"))
            }
        }
    }

    /// The amended treaty's page names its amendment and the States it binds; the amendment's page says what it
    /// amends (VCLT art. 40).
    @Test func amendmentsAreNamedOnBothPages() async throws {
        let amended = try await page("/treaties/collective-security-1992?on=2020-01-01")
        #expect(amended.contains(#"<div id="amendments"><strong>Amended by</strong>"#))
        #expect(amended.contains(#"<a href="/treaties/cst-2010-protocol">cst-2010-protocol</a> (art. 2, 4; in force)"#))
        #expect(amended.contains("bound by it on 2020-01-01: KAZ."))
        let protocolPage = try await page("/treaties/cst-2010-protocol?on=2020-01-01")
        #expect(
            protocolPage.contains(
                #"<p id="amends">Amends <a href="/treaties/collective-security-1992">collective-security-1992</a>, art. 2, 4 (VCLT art. 40).</p>"#
            ))
    }

    /// A multilateral treaty's timeline is a step chart of its counts with the threshold of its rule; a bilateral
    /// treaty's timeline leaves room for its last label.
    @Test func timelinesReadAsCountsOrLeaveRoomForTheirLabels() async throws {
        let rome = try await page("/treaties/rome-statute-1998?on=2002-07-01")
        #expect(rome.contains(#"class="counts-chart""#))
        #expect(rome.contains("art. 126: 60 consents for entry into force"))
        #expect(rome.contains("— parties (66)"))
        let bilateral = try await page("/treaties/ru-kp-2024-partnership?on=2026-01-01")
        #expect(!bilateral.contains(#"class="counts-chart""#))
        // The width the SVG declares covers the slanted label of its last entry.
        let svg = try #require(bilateral.range(of: #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#))
        let width = Int(bilateral[svg.upperBound...].prefix { $0.isNumber }) ?? 0
        let last = try #require(bilateral.ranges(of: "translate(").last)
        let x = Double(bilateral[last.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 0
        // A label of 25 characters at 11 px, slanted 55°, reaches about 95 px to the right of its point.
        #expect(Double(width) >= x + 100, "width \(width), last label at \(x)")
    }

    /// A search hit links by the treaty's title, with its id beside it.
    @Test func searchHitsLinkByTitle() async throws {
        let page = try await page("/search?q=Pyongyang")
        let link = try #require(
            page.components(separatedBy: #"<a href="/treaties/ru-kp-2024-partnership">"#).dropFirst().first?
                .components(separatedBy: "</span>").first)
        #expect(
            link.hasPrefix("Treaty on Comprehensive Strategic Partnership between the Russian Federation"), "\(link)")
        #expect(link.hasSuffix(#"</a> <span class="muted">ru-kp-2024-partnership"#), "\(link)")
    }

    /// A scenario that cannot be answered is the form again (400), with what was typed and why beside it: the
    /// values are not lost to an error page.
    @Test func aScenarioThatCannotBeAnsweredKeepsTheForm() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(
                uri: "/scenario?attack=XXX&by=USA&on=2025-03-01&where=US-HI&chain=true", method: .get
            ) { response in
                #expect(response.status == .badRequest)
                let page = String(buffer: response.body)
                #expect(page.contains(#"<p class="refused" id="refused" role="alert">"#))
                #expect(page.contains("XXX"))
                #expect(page.contains(#"name="attack" value="XXX""#))
                #expect(page.contains(#"name="by" value="USA""#))
                #expect(page.contains(#"name="where" value="US-HI""#))
                #expect(page.contains(#"name="chain" value="true" checked"#))
            }
        }
    }

    /// The scenario page speaks to a web user: every option of `pacta scenario` has a control, the chain rules are
    /// numbered once, and the sentences name the page's controls, not the command line's flags.
    @Test func theScenarioPageSpeaksToAWebUser() async throws {
        let html = try await page("/scenario?attack=KOR&by=PRK&on=2025-03-01&chain=true")
        for control in [
            "name=\"attacker-kind\"", "name=\"threat\"", "name=\"chain\"", "name=\"entry-is-attack\"", "name=\"where\"",
        ] {
            #expect(html.contains(control), "\(control)")
        }
        #expect(html.contains("<h2>Chain rules</h2><ul class=\"plain\"><li>1. A State bearing"))
        #expect(!html.contains("--entry-is-attack"))
        #expect(html.contains("the option “Count joining the war as an attack”"))
    }

    @Test func articlesAreMarkedAsWhatTheyAre() async throws {
        // The 2024 treaty's authentic languages are Korean and Russian; the file holds summaries only, in
        // English and, for art. 4, in Russian, Korean and Chinese: every one is a summary, none an authentic text.
        let page = try await page("/treaties/ru-kp-2024-partnership")
        let articles = try #require(page.components(separatedBy: "<h2>Articles</h2>").dropFirst().first)
        #expect(!articles.contains("authentic text"))
        #expect(!articles.contains("class=\"authentic\""))
        for language in ["ko", "ru", "en", "zh-Hans"] {
            #expect(
                articles.contains(
                    "<div class=\"card\" lang=\"\(language)\"><strong>\(language)</strong> <span class=\"summary-label\">summary (Pacta corpus)</span>"
                ), "\(language)")
        }
        #expect(articles.contains("상호 방위"))
    }

    /// A title in an authentic language is marked authentic, one in another language a translation; where the
    /// file names no authentic language, a title is marked neither.
    @Test func titlesAreMarkedOnlyWhereTheAuthenticLanguagesAreKnown() async throws {
        let known = try await page("/treaties/ru-kp-2024-partnership")
        let titles = try #require(
            known.components(separatedBy: "<h2>Titles</h2>").dropFirst().first?.components(separatedBy: "</table>")
                .first)
        #expect(titles.contains("<span class=\"authentic\">authentic</span>"))
        #expect(titles.contains("<span class=\"translation\">translation</span>"))
        var treaty = Fixtures.shipped.corpus["ru-kp-2024-partnership"]!
        treaty.authenticLanguages = []
        let corpus = Corpus(treaties: [treaty], regions: Fixtures.shipped.corpus.regions)
        let state = AppState(corpus: corpus, index: MemoryIndex(), today: { CalendarDate(iso: "2026-11-29")! })
        let html = try await buildApplication(
            state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test")
        ).test(.router) { client in
            try await client.execute(uri: "/treaties/ru-kp-2024-partnership", method: .get) { String(buffer: $0.body) }
        }
        let unknown = try #require(
            html.components(separatedBy: "<h2>Titles</h2>").dropFirst().first?.components(separatedBy: "</table>").first
        )
        #expect(!unknown.contains("translation"))
        #expect(!unknown.contains("authentic"))
        #expect(unknown.contains("Treaty on Comprehensive Strategic Partnership"))
    }

    @Test func textInAnAuthenticLanguageIsAuthenticAndOtherTextATranslation() async throws {
        var treaty = Fixtures.shipped.corpus["ru-kp-2024-partnership"]!
        treaty.text = TreatyText(articles: [
            .init(
                number: "4", summary: ["ko": "요약"],
                paragraphs: [["ko": "조문 본문", "ru": "Текст статьи", "en": "Article text"]])
        ])
        let corpus = Corpus(treaties: [treaty], regions: Fixtures.shipped.corpus.regions)
        let state = AppState(corpus: corpus, index: MemoryIndex(), today: { CalendarDate(iso: "2026-11-29")! })
        try await buildApplication(state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
            .test(.router) { client in
                try await client.execute(uri: "/treaties/ru-kp-2024-partnership", method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(
                        page.contains(
                            "<div class=\"card\" lang=\"ko\"><strong>ko</strong> <span class=\"authentic\">authentic text</span> <span class=\"summary-label\">summary (Pacta corpus)</span><p>조문 본문</p><p class=\"summary\">요약</p></div>"
                        ))
                    #expect(
                        page.contains(
                            "<div class=\"card\" lang=\"ru\"><strong>ru</strong> <span class=\"authentic\">authentic text</span><p>Текст статьи</p></div>"
                        ))
                    #expect(
                        page.contains(
                            "<div class=\"card\" lang=\"en\"><strong>en</strong> <span class=\"translation\">translation</span><p>Article text</p></div>"
                        ))
                }
            }
    }

    /// A State's page shows, as the command line does, "none (party until ...)" for a treaty that bound the State
    /// until it ended: New START for the United States on 2026-12-06.
    @Test func aStatesPageSaysUntilWhenItWasBound() async throws {
        let page = try await page("/states/USA?on=2026-12-06")
        let row = try #require(page.components(separatedBy: "<tr>").first { $0.contains("/treaties/new-start-2010") })
        #expect(row.contains(#"<td class="status none">none (party until 2026-02-05)</td>"#), "\(row)")
    }

    /// The home page marks a treaty whose record is incomplete and says what the mark means, and gives the date a
    /// treaty ended, as `pacta list` does: the Baghdad Pact ended on 1979-10-04.
    @Test func theHomePageMarksPartialRecordsAndEnds() async throws {
        let page = try await page("/?on=2026-12-06")
        let rows = page.components(separatedBy: "<tr>")
        let baghdad = try #require(rows.first { $0.contains("/treaties/baghdad-pact-1955") })
        #expect(baghdad.contains(#"<td class="date">1979-10-04</td>"#), "\(baghdad)")
        let au = try #require(rows.first { $0.contains("/treaties/au-2005-non-aggression") })
        #expect(au.contains(#"<abbr title="incomplete record">*</abbr>"#), "\(au)")
        #expect(page.contains("* The treaty's record is incomplete (record: partial)"))
    }

    /// The scenario page gives each duty's means and timing, as the command line does (the DPRK treaty with Russia
    /// of 2024: military and other means, immediately), and names the bearer of what is not triggered.
    @Test func theScenarioPageGivesMeansAndTiming() async throws {
        let page = try await page("/scenario?attack=PRK&by=USA&on=2025-03-01")
        #expect(page.contains("<th>Means</th><th>Timing</th>"))
        let row = try #require(
            page.components(separatedBy: "<tr>").first {
                $0.contains("/treaties/ru-kp-2024-partnership") && $0.contains("<td>4</td>")
            })
        #expect(row.contains("<td>military, other</td><td>immediately</td>"), "\(row)")
    }

    /// The calendar marks a date computed from an incomplete record and says what that means, as `pacta
    /// upcoming` does: the Collective Security Treaty's renewal of 2029-04-20.
    @Test func theCalendarMarksDatesFromAnIncompleteRecord() async throws {
        let page = try await page("/upcoming?from=2026-12-06&days=3650")
        let row = try #require(
            page.components(separatedBy: "<tr>").first {
                $0.contains("2029-04-20") && $0.contains("/treaties/collective-security-1992")
            })
        #expect(row.contains(#"<abbr title="incomplete or unconfirmed record">*</abbr>"#), "\(row)")
        #expect(
            row.contains("the record of collective-security-1992 is incomplete (see its note): this date may be wrong"))
    }
}
