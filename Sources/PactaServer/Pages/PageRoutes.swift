import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import PactaCore
import PactaFormats
import PactaQuestions
import PactaStore

/// The web pages: home and search, a treaty, a State, a scenario, the calendar. They work without JavaScript,
/// fit a phone's width, and escape every corpus string: each route computes a view, and a Mustache template of
/// `Templates/` holds its markup (``PageTemplates``).
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
            var desk: String?
            if state.writable {
                desk = try DeskPages(state: state, pages: self).section(
                    treaty, session: context.sessions.session, user: context.identity,
                    recorded: request.uri.queryParameters["recorded"].map(String.init))
            }
            return try html(treaty.displayTitle, treatyPage(treaty, on: on, desk: desk))
        }
        router.getAndHead("assets/table.js") { _, _ in try TableScript.response() }
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
            let asked: Scenario?
            do {
                asked = given ? try scenario(request) : nil
            } catch let problem as Problem {
                // The form again, with what was typed and why it cannot be answered (400).
                return HTML.response(
                    try HTML.page("Scenario", body: scenarioPage(request: request, result: nil, error: problem.detail)),
                    status: problem.status)
            }
            let result = asked.map { state.questions.scenario($0) }
            return try html("Scenario", scenarioPage(request: request, result: result))
        }
        router.getAndHead("upcoming") { request, _ in
            let from = try api.date("from", query(request, "from")) ?? state.today()
            let days = try api.int("days", query(request, "days"), default: 365, range: Parameters.daysRange)
            return try html("Calendar", upcomingPage(from: from, days: days))
        }
    }

    /// The page around `body`, a fragment a page template rendered.
    func html(_ title: String, _ body: String) throws -> Response {
        HTML.response(try HTML.page(title, body: body))
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

    // MARK: - Home

    func home(on: CalendarDate) throws -> String {
        // Every treaty's status as columns (plain treaties by the compact engine): the page shows no caveat.
        let table = state.questions.lifecycle.statusTable(on: on)
        let rows = state.questions.corpus.treaties.enumerated().map { t, treaty in
            let status = table.treaty(t)
            return HomeView.Row(
                id: treaty.id, title: treaty.displayTitle, kind: treaty.kind.rawValue, status: status.status.rawValue,
                inForceSince: status.entryIntoForce?.description ?? "–", ends: status.termination?.description ?? "–",
                parties: table.rows(of: t).count { table.row($0).status == .party },
                partial: treaty.record == .partial)
        }
        return try PageTemplates.render(HomeView(on: on.description, treaties: rows), "home")
    }

    // MARK: - Treaty

    /// A treaty's page on `on`, with `desk` (the desk's part, rendered) at its end.
    func treatyPage(_ treaty: Treaty, on: CalendarDate, desk: String? = nil) throws -> String {
        let status = state.questions.status(of: treaty, on: on)
        let timeline = state.questions.timeline(of: treaty, through: on)
        // A multilateral treaty's many acts read as counts over time; a bilateral treaty's few as a timeline.
        let picture =
            try CountsChart.render(treaty, status: status)
            ?? TimelineSVG.render(timeline, title: "Timeline of \(treaty.id)")
        let articles = (treaty.text?.articles ?? []).map { article in
            var languages = Set(article.summary.keys).union(article.heading.keys)
            for paragraph in article.paragraphs { languages.formUnion(paragraph.keys) }
            return TreatyView.Article(
                number: article.number, articleHeading: article.heading["en"],
                cards: languages.sorted().map { articleCard(article, language: $0, treaty: treaty) })
        }
        let view = TreatyView(
            title: treaty.title(), id: treaty.id, kind: treaty.kind.rawValue,
            adoptedVerb: treaty.adoptionVerb, adopted: treaty.adopted.date.description,
            place: treaty.adopted.place, status: try statusSection(treaty, status: status),
            titles: treaty.titles.sorted { $0.key < $1.key }.map { language, title in
                // Where the file names no authentic language, a title is not said to be a translation.
                TreatyView.Title(
                    language: language, text: title,
                    label: Self.isAuthentic(language, in: treaty)
                        ? "authentic" : treaty.authenticLanguages.isEmpty ? "" : "translation")
            },
            picture: picture,
            events: timeline.map {
                TreatyView.Event(
                    date: $0.date.description, origin: $0.origin.rawValue, summary: $0.summary, eventNote: $0.note)
            },
            hasProvisions: !treaty.provisions.isEmpty,
            provisions: treaty.provisions.map { provision in
                TreatyView.Provision(
                    article: provision.article, category: provision.category.rawValue, duty: provision.duty ?? "–",
                    trigger: provision.trigger.map {
                        "\($0.event) against \($0.against) by \($0.by.joined(separator: ", ")), \($0.region)"
                    } ?? "–",
                    qualifiers: provision.qualifiers.joined(separator: ", "), summary: provision.summary["en"] ?? "")
            },
            hasArticles: !articles.isEmpty, articles: articles, treatyNote: treaty.note, desk: desk)
        return try PageTemplates.render(view, "treaty")
    }

    /// What a card of an article says in `language`, each part marked as what it is: the text in an authentic
    /// language of the treaty (`languages.authentic`) as "authentic text", text in another language as
    /// "translation", and the corpus's own summary as "summary (Pacta corpus)", never as a text of the treaty.
    func articleCard(_ article: TreatyText.Article, language: String, treaty: Treaty) -> TreatyView.Card {
        let paragraphs = article.paragraphs.compactMap { $0[language] }
        var labels: [TreatyView.Label] = []
        if !paragraphs.isEmpty {
            labels.append(
                Self.isAuthentic(language, in: treaty)
                    ? TreatyView.Label(labelClass: "authentic", labelText: "authentic text")
                    : TreatyView.Label(labelClass: "translation", labelText: "translation"))
        }
        let summary = article.summary[language]
        if summary != nil {
            labels.append(TreatyView.Label(labelClass: "summary-label", labelText: "summary (Pacta corpus)"))
        }
        return TreatyView.Card(language: language, labels: labels, paragraphs: paragraphs, cardSummary: summary)
    }

    /// Whether `language` is one of the treaty's authentic languages (a tag such as `zh-Hans` counts for `zh`).
    static func isAuthentic(_ language: String, in treaty: Treaty) -> Bool {
        treaty.authenticLanguages.contains(language)
            || treaty.authenticLanguages.contains(where: { language.hasPrefix($0 + "-") })
    }

    /// The status as a treaty officer reads it: the treaty's status, its entry into force and the article
    /// that sets it, the date the record runs to, the counts on the date; then the caveats, the reasons, one row
    /// per participant with its notes below (``StatusTable``), and the CSV download of the rows.
    func statusSection(_ treaty: Treaty, status: TreatyStatus) throws -> String {
        let on = status.on
        let table = StatusTable(treaty: treaty, status: status, name: { state.corpus.name(of: $0) })
        let article = treaty.rules.entryIntoForce?.article
        let view = StatusView(
            id: treaty.id, on: on.description, status: status.status.rawValue,
            entry: status.entryIntoForce.map { date in
                StatusView.Entry(
                    verb: date <= on ? "entered" : "enters", date: date.description,
                    article: article.map { " (art. \($0))" } ?? "")
            },
            notYetUnder: status.entryIntoForce == nil ? article : nil, ends: status.termination?.description,
            asOf: Self.recordAsOf(treaty)?.description, knownOn: status.asKnownOn?.description,
            counts: table.counts.map { StatusView.Count(key: $0.key, label: $0.label, count: $0.count) },
            hasCaveats: !status.caveats.isEmpty, caveats: status.caveats,
            // Amending treaties (VCLT art. 40): which text binds which pair, in the words of the status.
            hasAmendments: !status.amendments.isEmpty,
            amendments: status.amendments.map {
                StatusView.Amendment(
                    treaty: $0.treaty, articles: $0.articles.joined(separator: ", "),
                    inForce: $0.inForce ? "in force" : "not in force",
                    explanation: $0.explanation.joined(separator: " "))
            },
            amends: treaty.amends.map {
                StatusView.Amends(amendedTreaty: $0.treaty, amendedArticles: $0.articles.joined(separator: ", "))
            },
            reasons: status.explanation, rowCount: table.rows.count, table: try table.html())
        return try PageTemplates.render(view, "treaty-status")
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

    func statePage(_ code: PartyCode, on: CalendarDate) throws -> String {
        let overview = state.questions.overview(of: code, on: on)
        let document = api.stateDocument(overview)
        let view = StateView(
            name: document.name, code: code.rawValue, on: on.description,
            treaties: zip(document.treaties, overview.memberships).map { row, membership in
                StateView.Membership(
                    treaty: row.treaty, title: row.title, treatyStatus: row.treatyStatus, stateStatus: row.status,
                    stateStatusShown: membership.row.shown(
                        treaty: membership.status, termination: membership.termination),
                    inForceForIt: row.entryIntoForce ?? "–")
            },
            // The picture (laid out by Graphviz), then the same facts as a table (its text alternative).
            picture: overview.allies.allies.isEmpty
                ? nil : AlliesPicture.svg(of: code, on: on, allies: overview.allies.allies, corpus: state.corpus),
            sure: document.coverage.inScope == true && document.caveats.isEmpty,
            hasAllies: !document.allies.isEmpty,
            allies: document.allies.map {
                StateView.Ally(
                    ally: $0.ally, allyName: state.corpus.name(of: PartyCode($0.ally)), pledgeTreaty: $0.treaty,
                    partialRecord: $0.partialRecord, pledges: $0.categories.joined(separator: ", "),
                    articles: $0.articles.joined(separator: ", "))
            },
            coverage: CoverageView(caveats: document.caveats, summary: document.coverage.summary),
            // Allies over time: the period of each treaty's pledges, computed from the treaties naming the State.
            spans: overview.spans.map {
                StateView.Span(
                    ally: $0.ally.rawValue, allyName: state.corpus.name(of: $0.ally), spanTreaty: $0.treaty,
                    from: $0.from.description, to: $0.through == on ? "–" : $0.through.description)
            })
        return try PageTemplates.render(view, "state")
    }

    // MARK: - Search

    func searchPage(query: String, language: String?, hits: [SearchHit]) throws -> String {
        let view = SearchView(
            query: query, language: language, asked: !query.isEmpty, count: hits.count,
            resultWord: hits.count == 1 ? "result" : "results",
            hits: hits.map {
                SearchView.Hit(
                    treaty: $0.document.treaty,
                    hitTitle: state.corpus[$0.document.treaty]?.title() ?? $0.document.treaty,
                    hitArticle: $0.document.article, field: $0.document.field.rawValue,
                    hitLanguage: $0.document.language, pieces: SearchView.pieces($0.snippet))
            })
        return try PageTemplates.render(view, "search")
    }

    // MARK: - Scenario

    /// - Parameter error: why the scenario asked cannot be answered, shown above the form.
    func scenarioPage(request: Request, result: ScenarioResult?, error: String? = nil) throws -> String {
        func value(_ name: String) -> String { query(request, name) ?? "" }
        let given = value("on")
        var view = ScenarioView(
            attack: value("attack"), by: value("by"), on: given.isEmpty ? state.today().description : given,
            place: value("where"), attackerKind: value("attacker-kind"),
            threat: request.uri.queryParameters["threat"] != nil, chain: request.uri.queryParameters["chain"] != nil,
            entryIsAttack: request.uri.queryParameters["entry-is-attack"] != nil,
            result: result.map { result in
                let coverage = result.coverage
                return ScenarioView.Result(
                    dutyCount: result.duties.count, dutyWord: result.duties.count == 1 ? "duty" : "duties",
                    nothingRecorded: result.duties.isEmpty
                        && (coverage.map { $0.inScope != true || !$0.caveats.isEmpty } ?? false),
                    picture: ScenarioPicture.svg(result, corpus: state.corpus),
                    duties: result.duties.map {
                        ScenarioView.Duty(
                            round: $0.round, bearer: $0.bearer.rawValue, beneficiary: $0.beneficiary.rawValue,
                            treaty: $0.treaty, article: $0.article, category: $0.category.rawValue,
                            duty: $0.duty ?? "–", means: $0.means.isEmpty ? "–" : $0.means.joined(separator: ", "),
                            timing: $0.timing ?? "–", qualifiers: $0.qualifiers.joined(separator: ", "),
                            why: $0.explanation)
                    },
                    hasNotTriggered: !result.notTriggered.isEmpty,
                    notTriggered: result.notTriggered.map {
                        ScenarioView.NotTriggered(
                            treaty: $0.treaty, article: $0.article,
                            bearer: $0.bearer.map { " (\($0.rawValue))" } ?? "", reason: $0.reason,
                            why: Self.webWords($0.explanation))
                    },
                    hasClaims: !result.claims.isEmpty,
                    claims: result.claims.map {
                        ScenarioView.Claim(
                            date: $0.date.description, party: $0.party.rawValue, treaty: $0.treaty,
                            provision: $0.provision, claimSummary: $0.summary)
                    },
                    // The rules carry their own numbers ("1. ..."): a plain list, in the page's words.
                    hasChainRules: !result.chainRules.isEmpty, chainRules: result.chainRules.map(Self.webWords),
                    coverage: coverage.map {
                        CoverageView(caveats: $0.caveats, summary: $0.sentence(scope: state.corpus.scope))
                    })
            })
        view.error = error
        return try PageTemplates.render(view, "scenario")
    }

    /// The engine's sentences with the command line's options named as the page's controls.
    static func webWords(_ text: String) -> String {
        text.replacingOccurrences(of: "--entry-is-attack", with: "the option “Count joining the war as an attack”")
            .replacingOccurrences(of: "--attacker-kind", with: "the field “Attacker is”")
    }

    // MARK: - Calendar

    func upcomingPage(from: CalendarDate, days: Int) throws -> String {
        let through = from.adding(days: days)
        let calendar = state.questions.upcoming(from: from, through: through)
        let view = UpcomingView(
            from: from.description, through: through.description, days: days, hasDates: !calendar.dates.isEmpty,
            before: calendar.before.map { UpcomingView.Nearest(date: $0.entry.date.description, treaty: $0.treaty) },
            after: calendar.after.map { UpcomingView.Nearest(date: $0.entry.date.description, treaty: $0.treaty) },
            dates: calendar.dates.map {
                UpcomingView.Item(
                    date: $0.entry.date.description, treaty: $0.treaty, summary: $0.entry.summary,
                    why: $0.entry.explanation.joined(separator: " "), caveat: state.questions.recordCaveat($0.treaty))
            })
        return try PageTemplates.render(view, "upcoming")
    }
}
