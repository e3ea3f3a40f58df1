import PactaCore

/// The JSON shape of ``Coverage``: what an answer (allies, scenario) rests on. Pacta addition.
///
/// `{"states": ["ARM"], "on": "2022-09-13", "treaties-bearing": ["..."], "partial-records": ["..."],
/// "in-scope": true | false | null, "scope-claims": ["..."], "summary": "Coverage: ..."}`; `in-scope` is null where
/// the corpus declares no scope.
public struct CoverageDocument: Encodable, Sendable {
    let states: [String]
    let on: String
    let treatiesBearing: [String]
    let partialRecords: [String]
    @Nullable var inScope: Bool?
    let scopeClaims: [String]
    let summary: String

    enum CodingKeys: String, CodingKey {
        case states, on
        case treatiesBearing = "treaties-bearing"
        case partialRecords = "partial-records"
        case inScope = "in-scope"
        case scopeClaims = "scope-claims"
        case summary
    }

    public init(_ coverage: Coverage, scope: CorpusScope?) {
        states = coverage.states.map(\.rawValue)
        on = coverage.on.description
        treatiesBearing = coverage.bearing
        partialRecords = coverage.partial
        inScope = coverage.inScope
        scopeClaims = coverage.claims
        summary = coverage.sentence(scope: scope)
    }
}
