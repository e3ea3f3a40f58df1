import PactaCore

/// The JSON shape of ``Coverage``: what an answer (allies, scenario) rests on. Pacta addition.
///
/// `{"states": ["ARM"], "on": "2022-09-13", "treaties-bearing": ["..."], "partial-records": ["..."],
/// "in-scope": true | false | null, "scope-claims": ["..."], "summary": "Coverage: ..."}`; `in-scope` is null where
/// the corpus declares no scope.
public struct CoverageDocument: Encodable, Hashable, Sendable {
    public let states: [String]
    public let on: String
    public let treatiesBearing: [String]
    public let partialRecords: [String]
    /// Whether the question lies in the corpus's declared scope; `nil` where it declares none.
    @Nullable public var inScope: Bool?
    public let scopeClaims: [String]
    /// The coverage sentence that closes an answer.
    public let summary: String

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
