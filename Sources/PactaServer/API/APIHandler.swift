import Foundation
import HTTPTypes
import OpenAPIRuntime
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import Yams

/// The JSON API under `/api/v1/`: the operations of `openapi.yaml`, whose protocol (``APIProtocol``) and types
/// swift-openapi-generator makes at build time, so an operation the document lists and this handler lacks does not
/// build, and no route is served that the document does not list. Each operation asks the questions layer once.
/// Errors are thrown as ``Problem`` and answered as problem+json (``ProblemMiddleware``).
struct APIHandler: APIProtocol {
    let state: AppState
    var parameters: Parameters { Parameters(state: state) }

    func listTreaties(_ input: Operations.ListTreaties.Input) async throws -> Operations.ListTreaties.Output {
        let on = try parameters.date("on", input.query.on) ?? state.today()
        let asKnownOn = try parameters.date("as-known-on", input.query.asKnownOn)
        let rows = state.questions.list(on: on, asKnownOn: asKnownOn).map { TreatySummaryDocument($0, $1) }
        return .ok(.init(body: .json(rows)))
    }

    func getTreaty(_ input: Operations.GetTreaty.Input) async throws -> Operations.GetTreaty.Output {
        .ok(.init(body: .json(TreatyDocument(try parameters.treaty(input.path.id, encoded: false)))))
    }

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        let treaty = try parameters.treaty(input.path.id, encoded: false)
        let on = try parameters.date("on", input.query.on) ?? state.today()
        let party = try input.query.party.map(parameters.party)
        let status = state.questions.status(
            of: treaty, on: on, asKnownOn: try parameters.date("as-known-on", input.query.asKnownOn), party: party)
        return .ok(.init(body: .json(StatusDocument(status, names: { state.corpus.name(of: $0) }))))
    }

    func getTimeline(_ input: Operations.GetTimeline.Input) async throws -> Operations.GetTimeline.Output {
        let treaty = try parameters.treaty(input.path.id, encoded: false)
        let through = try parameters.date("through", input.query.through) ?? state.today()
        let entries = state.questions.timeline(of: treaty, through: through)
        return .ok(.init(body: .json(TimelineDocument(treaty: treaty, entries: entries))))
    }

    func getState(_ input: Operations.GetState.Input) async throws -> Operations.GetState.Output {
        let code = try parameters.stateCode(input.path.code, encoded: false)
        let on = try parameters.date("on", input.query.on) ?? state.today()
        return .ok(.init(body: .json(parameters.stateDocument(state.questions.overview(of: code, on: on)))))
    }

    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        let query = input.query.q
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem.badParameter("q: \(Parameters.help["q"]!)")
        }
        guard query.count <= SearchText.maximumLength else {
            throw Problem.badParameter("q: at most \(SearchText.maximumLength) characters.")
        }
        let language = input.query.lang.flatMap { $0.isEmpty ? nil : $0 }
        if let language, !Parameters.isLanguageTag(language) {
            throw Problem.badParameter("lang: '\(language)' is not a language tag such as en, ru, ko, zh, zh-Hant.")
        }
        let limit = try parameters.int("limit", input.query.limit, default: 20, range: Parameters.limitRange)
        let hits = try await state.questions.search(query, language: language, limit: limit)
        return .ok(.init(body: .json(SearchResultDocument(query: query, language: language, hits: hits))))
    }

    func upcoming(_ input: Operations.Upcoming.Input) async throws -> Operations.Upcoming.Output {
        let from = try parameters.date("from", input.query.from) ?? state.today()
        let days = try parameters.int("days", input.query.days, default: 365, range: Parameters.daysRange)
        let calendar = state.questions.upcoming(from: from, through: from.adding(days: days))
        return .ok(
            .init(
                body: .json(
                    calendar.dates.map { UpcomingDocument($0, caveat: state.questions.recordCaveat($0.treaty)) })))
    }

    func scenario(_ input: Operations.Scenario.Input) async throws -> Operations.Scenario.Output {
        let query = input.query
        let scenario = try parameters.scenario(
            attack: query.attack, by: query.by, on: query.on, place: query._where, threat: query.threat ?? false,
            chain: query.chain ?? false, entryIsAttack: query.entryIsAttack ?? false,
            attackerKind: query.attackerKind)
        return .ok(.init(body: .json(ScenarioDocument(state.questions.scenario(scenario), scope: state.corpus.scope))))
    }

    func openapi(_ input: Operations.Openapi.Input) async throws -> Operations.Openapi.Output {
        .ok(.init(body: .json(try APIContract.document())))
    }

    func recordEvent(_ input: Operations.RecordEvent.Input) async throws -> Operations.RecordEvent.Output {
        let user = try WriteGate.signedIn()
        guard case .json(let body) = input.body else { throw WriteGate.notAnObject }
        let id = input.path.id
        let outcome = try await state.record(
            body.object, in: id, by: user, version: try WriteGate.ifMatch(input.headers.ifMatch))
        let document = RecordingDocument(outcome, names: { state.corpus.name(of: $0) }, brief: true)
        return .created(
            .init(
                headers: .init(eTag: "\"\(outcome.version)\"", location: "/api/v1/treaties/\(id)/status"),
                body: .json(document)))
    }

    func createTreaty(_ input: Operations.CreateTreaty.Input) async throws -> Operations.CreateTreaty.Output {
        let user = try WriteGate.signedIn()
        guard case .json(let body) = input.body else { throw WriteGate.notAnObject }
        let created = try await state.create(body.object, by: user)
        return .created(.init(headers: .init(location: "/api/v1/treaties/\(created.id)"), body: .json(created)))
    }
}

/// `openapi.yaml`, the API's contract, as the server serves it.
enum APIContract {
    /// The document's text (YAML), from the server's resources.
    /// - Throws: ``Problem`` `500` where the resource is missing (a binary moved without its resource bundle).
    static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw Problem(
                .internalServerError, kind: "internal", title: "Internal error",
                detail: "The API's description (openapi.yaml) is missing beside the server's binary.")
        }
        return text
    }

    /// The document as JSON: read once, from ``text()``.
    static func document() throws -> OpenAPIObjectContainer {
        try cached.get().json
    }

    /// The query parameters of operation `id`, in the document's order: name, whether it is required, and the
    /// JSON type of its schema (`string`, `integer`, `boolean`).
    static func queryParameters(of id: String) -> [(name: String, required: Bool, type: String)] {
        guard let object = try? cached.get().object, let paths = object["paths"] as? [String: [String: Any]] else {
            return []
        }
        let shared = (object["components"] as? [String: Any])?["parameters"] as? [String: [String: Any]] ?? [:]
        for item in paths.values {
            for case let operation as [String: Any] in item.values where operation["operationId"] as? String == id {
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).map { parameter in
                    (parameter["$ref"] as? String).flatMap { shared[String($0.split(separator: "/").last ?? "")] }
                        ?? parameter
                }
                return parameters.filter { $0["in"] as? String == "query" }.compactMap { parameter in
                    guard let name = parameter["name"] as? String else { return nil }
                    let type = (parameter["schema"] as? [String: Any])?["type"] as? String ?? "string"
                    return (name, parameter["required"] as? Bool ?? false, type)
                }
            }
        }
        return []
    }

    private struct Loaded: @unchecked Sendable {
        /// As Yams reads it (never changed after loading).
        let object: [String: Any]
        let json: OpenAPIObjectContainer
    }

    private static let cached: Result<Loaded, any Error> = Result {
        let object = try Yams.load(yaml: try text()) as? [String: Any] ?? [:]
        let data = try JSONSerialization.data(withJSONObject: object)
        return Loaded(object: object, json: try JSONDecoder().decode(OpenAPIObjectContainer.self, from: data))
    }
}

/// Sends the headers the generated code sets (`ETag`, `Location`) as HTTP has them: the runtime writes header
/// values in the URI "simple" style, percent-encoding the quotes of an entity tag and the slashes of a path.
struct PlainHeaderValues: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        for name in [HTTPField.Name.eTag, .location] {
            if let value = response.headerFields[name], value.contains("%"), let plain = value.removingPercentEncoding {
                response.headerFields[name] = plain
            }
        }
        return (response, responseBody)
    }
}
