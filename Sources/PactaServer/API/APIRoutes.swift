import Foundation
import HTTPTypes
import Hummingbird
import PactaCore
import PactaFormats
import PactaQuestions
import PactaStore

/// The JSON API under `/api/v1/`, mirroring the CLI. Described by ``OpenAPIDocument``.
struct APIRoutes: Sendable {
    let state: AppState

    func register(on router: Router<PactaRequestContext>) {
        let api = router.group("api/v1")
        api.getAndHead("openapi.json") { _, _ in Self.response(OpenAPIDocument.json, contentType: "application/json") }
        api.getAndHead("treaties") { request, _ in
            let on = try date(request, "on") ?? state.today()
            let asKnownOn = try date(request, "as-known-on")
            return try Self.json(
                state.questions.list(on: on, asKnownOn: asKnownOn).map { TreatySummaryDocument($0, $1) })
        }
        api.getAndHead("treaties/:id") { _, context in
            try Self.json(TreatyDocument(try treaty(context)))
        }
        api.getAndHead("treaties/:id/status") { request, context in
            let treaty = try treaty(context)
            let on = try date(request, "on") ?? state.today()
            let party = try request.uri.queryParameters["party"].map { text in
                do { return try state.questions.party(String(text)) } catch let error as QuestionError {
                    throw Problem.badParameter("party: \(error.description)")
                }
            }
            let status = state.questions.status(
                of: treaty, on: on, asKnownOn: try date(request, "as-known-on"), party: party)
            return try Self.json(StatusDocument(status, names: { state.corpus.name(of: $0) }))
        }
        api.getAndHead("treaties/:id/timeline") { request, context in
            let treaty = try treaty(context)
            let through = try date(request, "through") ?? state.today()
            return try Self.json(
                TimelineDocument(treaty: treaty, entries: state.questions.timeline(of: treaty, through: through)))
        }
        api.getAndHead("states/:code") { request, context in
            let code = try stateCode(context)
            let on = try date(request, "on") ?? state.today()
            return try Self.json(stateDocument(code, on: on))
        }
        api.getAndHead("search") { request, _ in
            let query = request.uri.queryParameters["q"].map(String.init) ?? ""
            guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Problem.badParameter("q: give the words to search for, in any language (q=条约).")
            }
            guard query.count <= SearchText.maximumLength else {
                throw Problem.badParameter("q: at most \(SearchText.maximumLength) characters.")
            }
            let language = request.uri.queryParameters["lang"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            if let language, !Self.isLanguageTag(language) {
                throw Problem.badParameter("lang: '\(language)' is not a language tag such as en, ru, ko, zh, zh-Hant.")
            }
            let limit = try int(request, "limit", default: 20, range: 1...200)
            let hits = try await state.questions.search(query, language: language, limit: limit)
            return try Self.json(SearchResultDocument(query: query, language: language, hits: hits))
        }
        api.getAndHead("upcoming") { request, _ in
            let from = try date(request, "from") ?? state.today()
            let days = try int(request, "days", default: 365, range: 0...36_600)
            let calendar = state.questions.upcoming(from: from, through: from.adding(days: days))
            return try Self.json(calendar.dates.map(UpcomingDocument.init))
        }
        api.getAndHead("scenario") { request, _ in
            try Self.json(
                ScenarioDocument(state.questions.scenario(try scenario(request)), scope: state.corpus.scope))
        }
    }

    // MARK: - Parameters

    func treaty(_ context: PactaRequestContext) throws -> Treaty {
        let raw = try context.parameters.require("id")
        let id = raw.removingPercentEncoding ?? raw
        do {
            return try state.questions.treaty(named: id)
        } catch let error as QuestionError {
            throw Problem.unknownTreaty(id, suggestions: error.suggestions)
        }
    }

    func stateCode(_ context: PactaRequestContext) throws -> PartyCode {
        let raw = try context.parameters.require("code")
        let text = raw.removingPercentEncoding ?? raw
        do {
            return try state.questions.state(text)
        } catch {
            throw Problem(
                .notFound, kind: "unknown-state", title: "Unknown State",
                detail: "'\(text)' is not an ISO 3166-1 alpha-3 code (or a former code of ISO 3166-3).")
        }
    }

    func date(_ request: Request, _ name: String) throws -> CalendarDate? {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else {
            return nil
        }
        guard let date = CalendarDate(iso: text) else { throw Problem.badDate(name, text) }
        return date
    }

    func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else {
            return value
        }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.badParameter(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'.")
        }
        return number
    }

    func scenario(_ request: Request) throws -> Scenario {
        func code(_ name: String) throws -> PartyCode {
            guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else {
                throw Problem.badParameter("\(name): give a State code (ISO 3166-1 alpha-3), e.g. \(name)=PRK.")
            }
            do { return try state.questions.state(text) } catch {
                throw Problem.badParameter("\(name): unknown State code '\(text)'.")
            }
        }
        let target = try code("attack")
        let attacker = try code("by")
        guard target != attacker else { throw Problem.badParameter("attack and by name the same State, \(target).") }
        let place = request.uri.queryParameters["where"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if let place, Region.state(of: place) == nil {
            throw Problem.badParameter("where: '\(place)' is not a State code or an ISO 3166-2 subdivision (US-HI).")
        }
        let flag = { (name: String) in
            ["true", "1", "on", "yes"].contains(request.uri.queryParameters[Substring(name)].map(String.init) ?? "")
        }
        return Scenario(
            on: try date(request, "on") ?? state.today(),
            events: [
                Scenario.Event(
                    kind: flag("threat") ? .threatOfAttack : .armedAttack, by: attacker, against: target, place: place)
            ],
            chain: flag("chain"), rules: ChainRules(entryIsArmedAttack: flag("entry-is-attack")))
    }

    func stateDocument(_ code: PartyCode, on: CalendarDate) -> StateDocument {
        stateDocument(state.questions.overview(of: code, on: on))
    }

    /// The API's State document from the questions' overview (the page shows the same).
    func stateDocument(_ overview: Questions.StateOverview) -> StateDocument {
        let (code, on) = (overview.code, overview.on)
        let memberships = overview.memberships.map { membership in
            StateDocument.Membership(
                treaty: membership.treaty.id, title: membership.treaty.displayTitle,
                treatyStatus: membership.status.rawValue, status: membership.row.status.rawValue,
                entryIntoForce: membership.row.entryIntoForce?.description)
        }
        let allies = overview.allies.allies.map { AllyDocument($0, corpus: state.corpus) }
        return StateDocument(
            code: code.rawValue, name: state.corpus.name(of: code), names: PartyCodeTable.country(code)?.names ?? [:],
            on: on.description, treaties: memberships, allies: allies, caveats: overview.allies.coverage.caveats,
            coverage: CoverageDocument(overview.allies.coverage, scope: state.corpus.scope))
    }

    /// A BCP 47 tag's shape: letters, digits and dashes, at most 35 characters.
    static func isLanguageTag(_ text: String) -> Bool {
        text.count <= 35 && text.first?.isLetter == true
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            }
    }

    // MARK: - Responses

    /// A JSON response: the CLI's keys and values, without indentation.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try JSONOutput.data(value, pretty: false)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func response(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
