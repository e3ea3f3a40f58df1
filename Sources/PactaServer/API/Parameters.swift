import Foundation
import HTTPTypes
import OpenAPIRuntime
import PactaCore
import PactaFormats
import PactaQuestions

/// The parameters of the API and the pages, read by one set of rules with one sentence for each mistake: the
/// API's handler gives them from the generated input, the pages from the query.
struct Parameters: Sendable {
    let state: AppState

    /// What to send for a parameter that is required or malformed: the sentence after `NAME: ` in the problem.
    static let help: [String: String] = [
        "attack": "give a State code (ISO 3166-1 alpha-3), e.g. attack=PRK.",
        "by": "give a State code (ISO 3166-1 alpha-3), e.g. by=PRK.",
        "q": "give the words to search for, in any language (q=条约).",
        "limit": "a whole number from 1 to 200.",
        "days": "a whole number from 0 to 36600.",
    ]

    /// The numbers a search's `limit` and a calendar's `days` may be.
    static let limitRange = 1...200
    static let daysRange = 0...36_600

    /// The treaty named `raw`: a path segment as sent (the pages' routes), decoded here, or one the API's
    /// generated code decoded already (`encoded` false: decoding it again would read `%2570` as `p`).
    /// - Throws: ``Problem`` `404` with the nearest ids; `400` for an empty id.
    func treaty(_ raw: String, encoded: Bool = true) throws -> Treaty {
        let id = encoded ? raw.percentDecoded : raw
        // The generated code gives an empty segment for one whose percent-encoding is broken (`a%zz`).
        if id.isEmpty {
            throw Problem.badParameter(
                "The treaty's id in the path is empty, or its percent-encoding is broken (a '%' must be followed by two hexadecimal digits)."
            )
        }
        do {
            return try state.questions.treaty(named: id)
        } catch let error as QuestionError {
            throw Problem.unknownTreaty(id, suggestions: error.suggestions)
        }
    }

    /// The State named `raw`: an ISO 3166-1 alpha-3 code or a former code of ISO 3166-3; `encoded` as in
    /// ``treaty(_:encoded:)``.
    /// - Throws: ``Problem`` `404`.
    func stateCode(_ raw: String, encoded: Bool = true) throws -> PartyCode {
        let text = encoded ? raw.percentDecoded : raw
        if text.isEmpty {
            throw Problem.badParameter(
                "The State's code in the path is empty, or its percent-encoding is broken (a '%' must be followed by two hexadecimal digits)."
            )
        }
        do {
            return try state.questions.state(text)
        } catch {
            throw Problem(
                .notFound, kind: "unknown-state", title: "Unknown State",
                detail: "'\(text)' is not an ISO 3166-1 alpha-3 code (or a former code of ISO 3166-3).")
        }
    }

    /// A calendar date; `nil` where `text` is absent or empty.
    /// - Throws: ``Problem`` `400` (`bad-date`).
    func date(_ name: String, _ text: String?) throws -> CalendarDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = CalendarDate(iso: text) else { throw Problem.badDate(name, text) }
        return date
    }

    /// A whole number in `range`; `value` where `number` is absent.
    /// - Throws: ``Problem`` `400` outside the range.
    func int(_ name: String, _ number: Int?, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let number else { return value }
        guard range.contains(number) else { throw Self.notAWholeNumber(name, String(number), range: range) }
        return number
    }

    /// The same from the text of a query (the pages).
    func int(_ name: String, _ text: String?, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text) else { throw Self.notAWholeNumber(name, text, range: range) }
        return try int(name, number, default: value, range: range)
    }

    static func notAWholeNumber(_ name: String, _ text: String, range: ClosedRange<Int>) -> Problem {
        Problem.badParameter(
            "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'.")
    }

    /// A party of a treaty, for `party=`.
    /// - Throws: ``Problem`` `400` where it is no code.
    func party(_ text: String) throws -> PartyCode {
        do { return try state.questions.party(text) } catch let error as QuestionError {
            throw Problem.badParameter("party: \(error.description)")
        }
    }

    /// The scenario a query asks for: an armed attack (or a threat) by `by` against `attack` on `on`, where.
    /// - Throws: ``Problem`` `400`: a missing or unknown code, the same State twice, a place that is not a State or
    ///   an ISO 3166-2 subdivision.
    func scenario(
        attack: String?, by: String?, on: String?, place: String?, threat: Bool, chain: Bool, entryIsAttack: Bool,
        attackerKind: String? = nil
    ) throws -> Scenario {
        func code(_ name: String, _ text: String?) throws -> PartyCode {
            guard let text, !text.isEmpty else { throw Problem.badParameter("\(name): \(Self.help[name]!)") }
            do { return try state.questions.state(text) } catch {
                throw Problem.badParameter("\(name): unknown State code '\(text)'.")
            }
        }
        let target = try code("attack", attack)
        let attacker = try code("by", by)
        guard target != attacker else { throw Problem.badParameter("attack and by name the same State, \(target).") }
        let place = place.flatMap { $0.isEmpty ? nil : $0 }
        if let place, Region.state(of: place) == nil {
            throw Problem.badParameter("where: '\(place)' is not a State code or an ISO 3166-2 subdivision (US-HI).")
        }
        return Scenario(
            on: try date("on", on) ?? state.today(),
            events: [
                Scenario.Event(
                    kind: threat ? .threatOfAttack : .armedAttack, by: attacker, against: target, place: place,
                    attackerKinds: (attackerKind ?? "").split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }.filter { !$0.isEmpty })
            ],
            chain: chain, rules: ChainRules(entryIsArmedAttack: entryIsAttack))
    }

    /// The problem to answer where the generated code refused a request: a required parameter missing, a number
    /// or flag that is not one (with the sentence of ``help`` for the parameter, which the document names where the
    /// runtime does not), an `Accept` header that excludes JSON (`406`); `nil` for the handler's own errors.
    static func problem(_ error: ServerError) -> Problem? {
        guard (400..<500).contains(error.httpStatus.code) else { return nil }
        if error.httpStatus == .notAcceptable {
            return Problem(
                .notAcceptable, kind: "not-acceptable", title: "Not acceptable",
                detail:
                    "The API answers application/json (errors application/problem+json); the Accept header excludes it."
            )
        }
        guard error.operationInput == nil else {
            return Problem(error.httpStatus, kind: "bad-request", title: "Bad request", detail: error.causeDescription)
        }
        let query = URLComponents(string: error.request.path ?? "")?.queryItems ?? []
        var name: String?
        if let range = error.causeDescription.range(of: "named: ") {
            name = String(error.causeDescription[range.upperBound...])
        } else {
            // The runtime names neither a missing parameter nor one of the wrong type; the document says which.
            name =
                APIContract.queryParameters(of: error.operationID).first { parameter in
                    guard let given = query.first(where: { $0.name == parameter.name })?.value else {
                        return parameter.required
                    }
                    switch parameter.type {
                    case "integer": return Int(given) == nil
                    case "boolean": return given != "true" && given != "false"
                    default: return false
                    }
                }?.name
        }
        guard let name else {
            return Problem(error.httpStatus, kind: "bad-request", title: "Bad request", detail: error.causeDescription)
        }
        let given = query.first { $0.name == name }?.value
        if let given, let range = ["limit": limitRange, "days": daysRange][name] {
            return notAWholeNumber(name, given, range: range)
        }
        let sentence = help[name] ?? "true or false."
        return Problem.badParameter("\(name): \(sentence)" + (given.map { " Got '\($0)'." } ?? ""))
    }

    /// A flag of the pages' query: `true`, `1`, `on` or `yes`.
    static func flag(_ text: String?) -> Bool { ["true", "1", "on", "yes"].contains(text ?? "") }

    /// A State's document on a date: its treaties, allies, caveats and coverage (the API's, and the page's data).
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
}

extension StringProtocol {
    /// The text with its percent-encoded bytes (`%20`) decoded, or as it is where it has none or they do not
    /// decode: a path segment or header value as the client meant it. Foundation's decoding is skipped where
    /// there is no `%`, as in nearly every request.
    var percentDecoded: String {
        guard contains("%") else { return String(self) }
        return removingPercentEncoding ?? String(self)
    }
}
