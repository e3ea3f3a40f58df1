import PactaCore

/// The JSON shape of a scenario's result. Spec: "Scenario as JSON". Keys after the spec's are Pacta's
/// additions: `explanation`, `summary`, `partial-record` and `amended-by` on duties, `chain-rules`, `round` on events, `event` on
/// claims, `caveats` (each treaty whose incomplete record weakens the answer) and `coverage` (``CoverageDocument``).
public struct ScenarioDocument: Encodable, Hashable, Sendable {
    struct EventDocument: Encodable, Hashable, Sendable {
        let type: String
        let by: String
        let against: String
        @Nullable var `where`: String?
        let round: Int
        enum CodingKeys: String, CodingKey { case type, by, against, `where`, round }
    }

    struct LinkDocument: Encodable, Hashable, Sendable {
        let bearer: String
        let beneficiary: String
        let treaty: String
        let article: String
    }

    struct DutyDocument: Encodable, Hashable, Sendable {
        let bearer: String
        let beneficiary: String
        let treaty: String
        let article: String
        let provision: String
        let category: String
        @Nullable var duty: String?
        let means: [String]
        @Nullable var timing: String?
        let qualifiers: [String]
        let round: Int
        let chain: [LinkDocument]
        let explanation: String
        @Nullable var summary: String?
        let partialRecord: Bool
        /// The amending treaty whose text of the article applies between the two (VCLT art. 40(4)); null: the
        /// treaty's own.
        @Nullable var amendedBy: String?
        enum CodingKeys: String, CodingKey {
            case bearer, beneficiary, treaty, article, provision, category, duty, means, timing, qualifiers, round,
                chain
            case explanation, summary
            case partialRecord = "partial-record"
            case amendedBy = "amended-by"
        }
    }

    struct NotTriggeredDocument: Encodable, Hashable, Sendable {
        let treaty: String
        let article: String
        @Nullable var bearer: String?
        let reason: String
        let explanation: String
        enum CodingKeys: String, CodingKey { case treaty, article, bearer, reason, explanation }
    }

    struct ClaimDocument: Encodable, Hashable, Sendable {
        let party: String
        let date: String
        let treaty: String
        let provision: String
        @Nullable var summary: String?
        let event: String
        enum CodingKeys: String, CodingKey { case party, date, treaty, provision, summary, event }
    }

    let on: String
    let events: [EventDocument]
    let duties: [DutyDocument]
    let notTriggered: [NotTriggeredDocument]
    let claims: [ClaimDocument]
    let chainRules: [String]
    let caveats: [String]
    let coverage: CoverageDocument?

    enum CodingKeys: String, CodingKey {
        case on, events, duties
        case notTriggered = "not-triggered"
        case claims
        case chainRules = "chain-rules"
        case caveats, coverage
    }

    /// - Parameters:
    ///   - result: the scenario's result.
    ///   - scope: the corpus's declared scope, for the coverage sentence.
    public init(_ result: ScenarioResult, scope: CorpusScope? = nil) {
        on = result.on.description
        events = result.events.map {
            EventDocument(
                type: $0.event.kind.rawValue, by: $0.event.by.rawValue, against: $0.event.against.rawValue,
                where: $0.event.place, round: $0.round)
        }
        duties = result.duties.map { duty in
            DutyDocument(
                bearer: duty.bearer.rawValue, beneficiary: duty.beneficiary.rawValue, treaty: duty.treaty,
                article: duty.article, provision: duty.provision, category: duty.category.rawValue, duty: duty.duty,
                means: duty.means, timing: duty.timing, qualifiers: duty.qualifiers, round: duty.round,
                chain: duty.chain.map {
                    LinkDocument(
                        bearer: $0.bearer.rawValue, beneficiary: $0.beneficiary.rawValue, treaty: $0.treaty,
                        article: $0.article)
                }, explanation: duty.explanation, summary: duty.summary, partialRecord: duty.partialRecord,
                amendedBy: duty.amendedBy)
        }
        notTriggered = result.notTriggered.map {
            NotTriggeredDocument(
                treaty: $0.treaty, article: $0.article, bearer: $0.bearer?.rawValue, reason: $0.reason,
                explanation: $0.explanation)
        }
        claims = result.claims.map {
            ClaimDocument(
                party: $0.party.rawValue, date: $0.date.description, treaty: $0.treaty, provision: $0.provision,
                summary: $0.summary, event: $0.event)
        }
        chainRules = result.chainRules
        caveats = result.coverage?.caveats ?? []
        coverage = result.coverage.map { CoverageDocument($0, scope: scope) }
    }
}
