import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import PactaCore
import PactaFormats
import PactaQuestions
import PactaStore

/// The web pages: home and search, a treaty, a State, a scenario, the calendar. They work without JavaScript,
/// fit a phone's width, and escape every corpus string.
struct PageRoutes: Sendable {
    let state: AppState
    var api: Parameters { Parameters(state: state) }

    func register(on router: Router<PactaRequestContext>) {
        router.getAndHead("/") { request, _ in
            try html("Treaties", home(on: try api.date("on", query(request, "on")) ?? state.today()))
        }
        router.getAndHead("treaties/:id") { request, context in
            let treaty = try api.treaty(context.parameters.require("id"))
            let on = try api.date("on", query(request, "on")) ?? state.today()
            if query(request, "format") == "csv" { return try statusCSV(treaty, on: on) }
            var body = treatyPage(treaty, on: on)
            if state.writable {
                body += DeskPages(state: state, pages: self).section(
                    treaty, session: context.sessions.session, user: context.identity,
                    recorded: request.uri.queryParameters["recorded"].map(String.init))
            }
            return try html(treaty.displayTitle, body)
        }
        router.getAndHead("assets/table.js") { _, _ in TableScript.response() }
        router.getAndHead("states/:code") { request, context in
            let code = try api.stateCode(context.parameters.require("code"))
            return try html(
                state.corpus.name(of: code),
                statePage(code, on: try api.date("on", query(request, "on")) ?? state.today()))
        }
        router.getAndHead("search") { request, _ in
            let query = request.uri.queryParameters["q"].map(String.init) ?? ""
            let language = request.uri.queryParameters["lang"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let hits = query.isEmpty ? [] : try await state.questions.search(query, language: language, limit: 50)
            return try html("Search", searchPage(query: query, language: language, hits: hits))
        }
        router.getAndHead("scenario") { request, _ in
            let given = request.uri.queryParameters["attack"] != nil
            let result = given ? state.questions.scenario(try scenario(request)) : nil
            return try html("Scenario", scenarioPage(request: request, result: result))
        }
        router.getAndHead("upcoming") { request, _ in
            let from = try api.date("from", query(request, "from")) ?? state.today()
            let days = try api.int("days", query(request, "days"), default: 365, range: Parameters.daysRange)
            return try html("Calendar", upcomingPage(from: from, days: days))
        }
    }

    func html(_ title: String, _ body: String) throws -> Response {
        HTML.response(HTML.page(title, body))
    }

    /// A parameter of the query, as given.
    func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// The scenario the page's form asks for.
    func scenario(_ request: Request) throws -> Scenario {
        try api.scenario(
            attack: query(request, "attack"), by: query(request, "by"), on: query(request, "on"),
            place: query(request, "where"), threat: Parameters.flag(query(request, "threat")),
            chain: Parameters.flag(query(request, "chain")),
            entryIsAttack: Parameters.flag(query(request, "entry-is-attack")),
            attackerKind: query(request, "attacker-kind"))
    }

    typealias E = HTML

    static func statusClass(_ value: String) -> String { "status \(E.escape(value))" }
    func statusClass(_ value: String) -> String { Self.statusClass(value) }

    // MARK: - Home

    func home(on: CalendarDate) -> String {
        var rows = ""
        for (treaty, status) in state.questions.list(on: on) {
            rows += """
                <tr><td><a href="/treaties/\(E.escape(treaty.id))">\(E.escape(treaty.displayTitle))</a><br><span class="muted">\(E.escape(treaty.id))</span></td>
                <td>\(E.escape(treaty.kind.rawValue))</td><td class="\(statusClass(status.status.rawValue))">\(E.escape(status.status.rawValue))</td>
                <td>\(status.entryIntoForce?.description ?? "–")</td><td>\(status.states.filter { $0.status == .party }.count)</td></tr>
                """
        }
        return """
            <h1>Who is bound by what, on any date, and why</h1>
            <form action="/search" method="get"><label>Search treaties in any language<input name="q" size="40" placeholder="军事援助, договор, mutual assistance"></label><button>Search</button></form>
            <form action="/" method="get"><label>Status on<input type="date" name="on" value="\(on)"></label><button>Show</button></form>
            <h2>Treaties on \(on)</h2><div class="scroll"><table><thead><tr><th>Treaty</th><th>Kind</th><th>Status</th><th>In force since</th><th>Parties</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    // MARK: - Treaty

    func treatyPage(_ treaty: Treaty, on: CalendarDate) -> String {
        let status = state.questions.status(of: treaty, on: on)
        var out = "<h1>\(E.escape(treaty.title()))</h1>"
        out +=
            "<p class=\"muted\">\(E.escape(treaty.id)) · \(treaty.kind.rawValue) · \(treaty.kind == .bilateral ? "signed" : "adopted") <span class=\"date\">\(treaty.adopted.date)</span>\(treaty.adopted.place.map { " at " + E.escape($0) } ?? "")</p>"
        out += statusSection(treaty, status: status)
        out += "<h2>Titles</h2><table>"
        for (language, title) in treaty.titles.sorted(by: { $0.key < $1.key }) {
            let authentic = Self.isAuthentic(language, in: treaty)
            out +=
                "<tr><th lang=\"\(E.escape(language))\">\(E.escape(language))</th><td lang=\"\(E.escape(language))\">\(E.escape(title)) <span class=\"\(authentic ? "authentic" : "translation")\">\(authentic ? "authentic" : "translation")</span></td></tr>"
        }
        out += "</table>"
        let timeline = state.questions.timeline(of: treaty, through: on)
        // A multilateral treaty's many acts read as counts over time; a bilateral treaty's few as a timeline.
        let picture =
            CountsChart.render(treaty, status: status)
            ?? TimelineSVG.render(timeline, title: "Timeline of \(treaty.id)")
        out += "<h2>Timeline</h2><div class=\"scroll\">\(picture)</div>"
        out +=
            "<details><summary>Every event, with notes</summary><table><tr><th>Date</th><th>Origin</th><th>What</th></tr>"
        for entry in timeline {
            out +=
                "<tr><td>\(entry.date)</td><td>\(entry.origin.rawValue)</td><td>\(E.escape(entry.summary))\(entry.note.map { "<br><span class=\"muted\">\(E.escape($0))</span>" } ?? "")</td></tr>"
        }
        out += "</table></details>"
        if !treaty.provisions.isEmpty {
            out +=
                "<h2>Coded provisions</h2><div class=\"scroll\"><table><tr><th>Art.</th><th>Category</th><th>Duty</th><th>Trigger</th><th>Qualifiers</th><th>Summary</th></tr>"
            for provision in treaty.provisions {
                let trigger =
                    provision.trigger.map {
                        "\($0.event) against \($0.against) by \($0.by.joined(separator: ", ")), \($0.region)"
                    } ?? "–"
                out +=
                    "<tr><td>\(E.escape(provision.article))</td><td>\(provision.category.rawValue)</td><td>\(E.escape(provision.duty ?? "–"))</td><td>\(E.escape(trigger))</td><td>\(E.escape(provision.qualifiers.joined(separator: ", ")))</td><td>\(E.escape(provision.summary["en"] ?? ""))</td></tr>"
            }
            out += "</table></div>"
        }
        if let text = treaty.text, !text.articles.isEmpty {
            out += "<h2>Articles</h2>"
            for article in text.articles {
                var languages = Set(article.summary.keys).union(article.heading.keys)
                for paragraph in article.paragraphs { languages.formUnion(paragraph.keys) }
                out +=
                    "<h3>Art. \(E.escape(article.number))\(article.heading["en"].map { ": " + E.escape($0) } ?? "")</h3><div class=\"articles\">"
                for language in languages.sorted() {
                    out += articleCard(article, language: language, treaty: treaty)
                }
                out += "</div>"
            }
        }
        if let note = treaty.note { out += "<h2>Note on the record</h2><p>\(E.escape(note))</p>" }
        return out
    }

    /// What a card of an article says in `language`, each part marked as what it is: the text in an authentic
    /// language of the treaty (`languages.authentic`) as "authentic text", text in another language as
    /// "translation", and the corpus's own summary as "summary (Pacta corpus)", never as a text of the treaty.
    func articleCard(_ article: TreatyText.Article, language: String, treaty: Treaty) -> String {
        let paragraphs = article.paragraphs.compactMap { $0[language] }
        var labels: [String] = []
        var body = ""
        if !paragraphs.isEmpty {
            let authentic = Self.isAuthentic(language, in: treaty)
            labels.append(
                "<span class=\"\(authentic ? "authentic" : "translation")\">\(authentic ? "authentic text" : "translation")</span>"
            )
            body += paragraphs.map { "<p>\(E.escape($0))</p>" }.joined()
        }
        if let summary = article.summary[language] {
            labels.append("<span class=\"summary-label\">summary (Pacta corpus)</span>")
            body += "<p class=\"summary\">\(E.escape(summary))</p>"
        }
        return
            "<div class=\"card\" lang=\"\(E.escape(language))\"><strong>\(E.escape(language))</strong> \(labels.joined(separator: " "))\(body)</div>"
    }

    /// Whether `language` is one of the treaty's authentic languages (a tag such as `zh-Hans` counts for `zh`).
    static func isAuthentic(_ language: String, in treaty: Treaty) -> Bool {
        treaty.authenticLanguages.contains(language)
            || treaty.authenticLanguages.contains(where: { language.hasPrefix($0 + "-") })
    }

    /// The status as a treaty officer reads it: the treaty's status, its entry into force and the article
    /// that sets it, the date the record runs to, the counts on the date; then the caveats, the reasons, one row
    /// per participant with its notes below (``StatusTable``), and the CSV download of the rows.
    func statusSection(_ treaty: Treaty, status: TreatyStatus) -> String {
        let on = status.on
        let table = StatusTable(treaty: treaty, status: status, name: { state.corpus.name(of: $0) })
        var out = "<h2>Status on <span class=\"date\">\(on)</span></h2>"
        out +=
            "<form method=\"get\"><label>On<input type=\"date\" name=\"on\" value=\"\(on)\"></label><button>Show</button></form>"
        var facts = [
            "<span class=\"\(statusClass(status.status.rawValue))\" id=\"treaty-status\">\(E.escape(status.status.rawValue))</span>"
        ]
        if let date = status.entryIntoForce {
            let article = treaty.rules.entryIntoForce?.article.map { " (art. \(E.escape($0)))" } ?? ""
            facts.append(
                "\(date <= on ? "entered" : "enters") into force <span class=\"date\"><strong id=\"entry-into-force\">\(date)</strong></span><span id=\"entry-into-force-article\">\(article)</span>"
            )
        } else if let article = treaty.rules.entryIntoForce?.article {
            facts.append("not yet in force under art. \(E.escape(article))")
        }
        if let end = status.termination { facts.append("ends <span class=\"date\">\(end)</span>") }
        if let asOf = Self.recordAsOf(treaty) {
            facts.append(
                "record as of <span class=\"date\" id=\"record-as-of\" title=\"the latest date a source of this file was consulted, or else its latest event\">\(asOf)</span>"
            )
        }
        if let known = status.asKnownOn { facts.append("as known on <span class=\"date\">\(known)</span>") }
        out += "<p class=\"status-line\">" + facts.joined(separator: " · ") + "</p>"
        out +=
            "<ul class=\"counts\" id=\"counts\">"
            + table.counts.map {
                "<li><strong id=\"count-\($0.key)\">\($0.count)</strong> \(E.escape($0.label))</li>"
            }.joined() + "</ul>"
        if !status.caveats.isEmpty {
            out +=
                "<div class=\"caveats-box\" id=\"caveats\"><strong>Caveats</strong><ul class=\"caveats\">"
                + status.caveats.map { "<li>\(E.escape($0))</li>" }.joined() + "</ul></div>"
        }
        // Amending treaties (VCLT art. 40): which text binds which pair, in the words of the status.
        if !status.amendments.isEmpty {
            out +=
                "<div id=\"amendments\"><strong>Amended by</strong><ul>"
                + status.amendments.map { amendment in
                    "<li><a href=\"/treaties/\(E.escape(amendment.treaty))\">\(E.escape(amendment.treaty))</a> (art. \(E.escape(amendment.articles.joined(separator: ", "))); \(amendment.inForce ? "in force" : "not in force")): "
                        + E.escape(amendment.explanation.joined(separator: " ")) + "</li>"
                }.joined() + "</ul></div>"
        }
        if let amends = treaty.amends {
            out +=
                "<p id=\"amends\">Amends <a href=\"/treaties/\(E.escape(amends.treaty))\">\(E.escape(amends.treaty))</a>, art. \(E.escape(amends.articles.joined(separator: ", "))) (VCLT art. 40).</p>"
        }
        out +=
            "<details><summary>Why the treaty is \(E.escape(status.status.rawValue))</summary><ul>\(status.explanation.map { "<li>\(E.escape($0))</li>" }.joined())</ul></details>"
        out +=
            "<p><a id=\"csv\" href=\"/treaties/\(E.escape(treaty.id))?on=\(on)&amp;format=csv\" download>Download this table as CSV</a> <span class=\"muted\">(\(table.rows.count) rows; one per participant)</span></p>"
        return out + table.html()
    }

    /// The participants' table of ``statusSection(_:status:)`` as CSV.
    func statusCSV(_ treaty: Treaty, on: CalendarDate) throws -> Response {
        let status = state.questions.status(of: treaty, on: on)
        let table = StatusTable(treaty: treaty, status: status, name: { state.corpus.name(of: $0) })
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(treaty.id)-status-\(on).csv\""
        let text = try TableCSV.document(header: StatusTable.csvHeader, rows: table.csvRows)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The date the treaty's record runs to: the latest date one of its sources was consulted, or else the
    /// date of its latest event.
    static func recordAsOf(_ treaty: Treaty) -> CalendarDate? {
        treaty.sources.values.compactMap(\.accessed).max() ?? treaty.events.map(\.date).max()
    }

    // MARK: - State

    func statePage(_ code: PartyCode, on: CalendarDate) -> String {
        let overview = state.questions.overview(of: code, on: on)
        let document = api.stateDocument(overview)
        var out = "<h1>\(E.escape(document.name)) <span class=\"muted\">\(E.escape(code.rawValue))</span></h1>"
        out +=
            "<form method=\"get\"><label>On<input type=\"date\" name=\"on\" value=\"\(on)\"></label><button>Show</button></form>"
        out +=
            "<h2>Treaties on \(on)</h2><div class=\"scroll\"><table><tr><th>Treaty</th><th>Treaty status</th><th>Its status</th><th>In force for it</th></tr>"
        for membership in document.treaties {
            out +=
                "<tr><td><a href=\"/treaties/\(E.escape(membership.treaty))?on=\(on)\">\(E.escape(membership.title))</a></td><td class=\"\(statusClass(membership.treatyStatus))\">\(E.escape(membership.treatyStatus))</td><td class=\"\(statusClass(membership.status))\">\(E.escape(membership.status))</td><td>\(membership.entryIntoForce ?? "–")</td></tr>"
        }
        out += "</table></div><h2>Allies on \(on)</h2>"
        if !overview.allies.allies.isEmpty {
            // The picture, then the same facts as a table (its text alternative).
            out +=
                "<figure class=\"picture\"><div class=\"scroll\">\(AlliesPicture.svg(of: code, on: on, allies: overview.allies.allies, corpus: state.corpus))</div><figcaption class=\"muted\">The allies as a picture; the table below gives the same facts.</figcaption></figure>"
        }
        let sure = document.coverage.inScope == true && document.caveats.isEmpty
        out +=
            document.allies.isEmpty
            ? (sure ? "<p>None.</p>" : "<p>None recorded in the corpus: see the caveats and the coverage below.</p>")
            : "<div class=\"scroll\"><table id=\"allies\"><tr><th>Ally</th><th>Treaty</th><th>Pledges</th><th>Articles</th></tr>"
                + document.allies.map {
                    "<tr><td><a href=\"/states/\(E.escape($0.ally))\">\(E.escape(state.corpus.name(of: PartyCode($0.ally))))</a></td><td>\(E.escape($0.treaty))\($0.partialRecord ? " <span title=\"incomplete record\">*</span>" : "")</td><td>\(E.escape($0.categories.joined(separator: ", ")))</td><td>\(E.escape($0.articles.joined(separator: ", ")))</td></tr>"
                }.joined() + "</table></div>"
        out += coverageSection(caveats: document.caveats, summary: document.coverage.summary)
        // Allies over time: the period of each treaty's pledges, computed from the treaties naming the State.
        out +=
            "<h2>Allies over time</h2><div class=\"scroll\"><table><tr><th>Ally</th><th>Treaty</th><th>From</th><th>To</th></tr>"
        for span in overview.spans {
            out +=
                "<tr><td><a href=\"/states/\(E.escape(span.ally.rawValue))\">\(E.escape(state.corpus.name(of: span.ally)))</a></td><td><a href=\"/treaties/\(E.escape(span.treaty))\">\(E.escape(span.treaty))</a></td><td class=\"date\">\(span.from)</td><td class=\"date\">\(span.through == on ? "–" : span.through.description)</td></tr>"
        }
        return out + "</table></div>"
    }

    // MARK: - Search

    func searchPage(query: String, language: String?, hits: [SearchHit]) -> String {
        var out = """
            <h1>Search</h1>
            <form method="get"><label>Words, in any language or script<input name="q" value="\(E.escape(query))" size="40"></label>
            <label>Language<input name="lang" value="\(E.escape(language ?? ""))" size="6" placeholder="ru, ko, zh"></label><button>Search</button></form>
            """
        guard !query.isEmpty else { return out }
        out += "<p>\(hits.count) result\(hits.count == 1 ? "" : "s") for <strong>\(E.escape(query))</strong></p><ol>"
        for hit in hits {
            let article = hit.document.article.map { " art. \(E.escape($0))" } ?? ""
            out +=
                "<li><a href=\"/treaties/\(E.escape(hit.document.treaty))\">\(E.escape(hit.document.treaty))</a>\(article) <span class=\"muted\">\(hit.document.field.rawValue), \(E.escape(hit.document.language))</span><br><span lang=\"\(E.escape(hit.document.language))\">\(hit.snippet.marked(open: "<mark>", close: "</mark>", escape: E.escape))</span></li>"
        }
        return out + "</ol>"
    }

    // MARK: - Scenario

    func scenarioPage(request: Request, result: ScenarioResult?) -> String {
        func value(_ name: String) -> String {
            E.escape(request.uri.queryParameters[Substring(name)].map(String.init) ?? "")
        }
        let chain = request.uri.queryParameters["chain"] != nil
        var out = """
            <h1>Scenario</h1><p>If a State is attacked on a date: who must do what, under which article, and why.</p>
            <form method="get"><label>State attacked<input name="attack" value="\(value("attack"))" size="5" placeholder="PRK" required></label>
            <label>Attacker<input name="by" value="\(value("by"))" size="5" placeholder="USA" required></label>
            <label>Date<input type="date" name="on" value="\(value("on").isEmpty ? state.today().description : value("on"))"></label>
            <label>Where (optional)<input name="where" value="\(value("where"))" size="6" placeholder="US-HI"></label>
            <label>Attacker is (optional)<input name="attacker-kind" value="\(value("attacker-kind"))" size="12" placeholder="communist" title="For declarations that limit a party's duty to some attackers"></label>
            <label><span>Only a threat</span><input type="checkbox" name="threat" value="true"\(request.uri.queryParameters["threat"] != nil ? " checked" : "")></label>
            <label><span>Follow the chain</span><input type="checkbox" name="chain" value="true"\(chain ? " checked" : "")></label>
            <label><span>Count joining the war as an attack</span><input type="checkbox" name="entry-is-attack" value="true"\(request.uri.queryParameters["entry-is-attack"] != nil ? " checked" : "")></label><button>Show duties</button></form>
            """
        guard let result else { return out }
        out += "<h2>\(result.duties.count) dut\(result.duties.count == 1 ? "y" : "ies")</h2>"
        if let coverage = result.coverage, result.duties.isEmpty, coverage.inScope != true || !coverage.caveats.isEmpty
        {
            out +=
                "<p>No duty is triggered by the treaties recorded in the corpus; the record may lack the treaty that applies (see the caveats and the coverage below).</p>"
        }
        out += "<div class=\"scroll\">\(ScenarioPicture.svg(result, corpus: state.corpus))</div>"
        out +=
            "<div class=\"scroll\"><table><tr><th>Round</th><th>Bearer</th><th>For</th><th>Treaty</th><th>Art.</th><th>Category</th><th>Duty</th><th>Qualifiers</th><th>Why</th></tr>"
        for duty in result.duties {
            out +=
                "<tr><td>\(duty.round)</td><td>\(E.escape(duty.bearer.rawValue))</td><td>\(E.escape(duty.beneficiary.rawValue))</td><td><a href=\"/treaties/\(E.escape(duty.treaty))\">\(E.escape(duty.treaty))</a></td><td>\(E.escape(duty.article))</td><td>\(duty.category.rawValue)</td><td>\(E.escape(duty.duty ?? "–"))</td><td>\(E.escape(duty.qualifiers.joined(separator: ", ")))</td><td>\(E.escape(duty.explanation))</td></tr>"
        }
        out += "</table></div>"
        if !result.notTriggered.isEmpty {
            out +=
                "<h2>Not triggered</h2><ul>"
                + result.notTriggered.map {
                    "<li><strong>\(E.escape($0.treaty)) art. \(E.escape($0.article))</strong> [\(E.escape($0.reason))]: \(E.escape(Self.webWords($0.explanation)))</li>"
                }.joined() + "</ul>"
        }
        if !result.claims.isEmpty {
            out +=
                "<h2>Claims on record</h2><p class=\"muted\">What a party declared, shown apart from what Pacta computed.</p><ul>"
                + result.claims.map {
                    "<li>\($0.date) \(E.escape($0.party.rawValue)) invokes \(E.escape($0.treaty)) \(E.escape($0.provision))\($0.summary.map { ": " + E.escape($0) } ?? "")</li>"
                }.joined() + "</ul>"
        }
        if !result.chainRules.isEmpty {
            // The rules carry their own numbers ("1. ..."): a plain list, in the page's words.
            out +=
                "<h2>Chain rules</h2><ul class=\"plain\">"
                + result.chainRules.map { "<li>\(E.escape(Self.webWords($0)))</li>" }.joined() + "</ul>"
        }
        if let coverage = result.coverage {
            out += coverageSection(caveats: coverage.caveats, summary: coverage.sentence(scope: state.corpus.scope))
        }
        return out
    }

    /// The engine's sentences with the command line's options named as the page's controls.
    static func webWords(_ text: String) -> String {
        text.replacingOccurrences(of: "--entry-is-attack", with: "the option “Count joining the war as an attack”")
            .replacingOccurrences(of: "--attacker-kind", with: "the field “Attacker is”")
    }

    /// What an answer rests on: the caveats of the treaties it used or left out, and the coverage sentence.
    func coverageSection(caveats: [String], summary: String) -> String {
        var out = ""
        if !caveats.isEmpty {
            out +=
                "<h2>Caveats</h2><ul class=\"caveats\">" + caveats.map { "<li>\(E.escape($0))</li>" }.joined() + "</ul>"
        }
        return out + "<p class=\"muted coverage\">\(E.escape(summary))</p>"
    }

    // MARK: - Calendar

    func upcomingPage(from: CalendarDate, days: Int) -> String {
        let calendar = state.questions.upcoming(from: from, through: from.adding(days: days))
        let dates = calendar.dates
        var out = """
            <h1>Calendar</h1><p>Computed dates from \(from) to \(from.adding(days: days)): entry into force, withdrawals taking effect, objection windows, renewals.</p>
            <form method="get"><label>From<input type="date" name="from" value="\(from)"></label><label>Days<input name="days" value="\(days)" size="5"></label><button>Show</button></form>
            """
        if dates.isEmpty {
            let nearest = [
                calendar.before.map { "the latest before is \($0.entry.date) (\(E.escape($0.treaty)))" },
                calendar.after.map { "the next after is \($0.entry.date) (\(E.escape($0.treaty)))" },
            ].compactMap { $0 }
            return out + "<p>No computed date in that period"
                + (nearest.isEmpty ? "" : "; " + nearest.joined(separator: "; "))
                + ".</p>"
        }
        out += "<table><tr><th>Date</th><th>Treaty</th><th>What</th><th>Why</th></tr>"
        for item in dates {
            out +=
                "<tr><td>\(item.entry.date)</td><td><a href=\"/treaties/\(E.escape(item.treaty))\">\(E.escape(item.treaty))</a></td><td>\(E.escape(item.entry.summary))</td><td>\(E.escape(item.entry.explanation.joined(separator: " ")))</td></tr>"
        }
        return out + "</table>"
    }
}
