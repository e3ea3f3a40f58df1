import PactaCore

/// The JSON shape of a scenario's result. Spec: "Scenario as JSON". Keys after the spec's are Pacta's
/// additions: `explanation` and `summary` on duties, `chain-rules`, `round` on events, `event` on claims.
public struct ScenarioDocument: Encodable, Sendable {
    struct EventDocument: Encodable {
        let type: String
        let by: String
        let against: String
        let `where`: String?
        let round: Int
        enum CodingKeys: String, CodingKey { case type, by, against, `where`, round }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(by, forKey: .by)
            try container.encode(against, forKey: .against)
            try container.encode(`where`, forKey: .where)
            try container.encode(round, forKey: .round)
        }
    }

    struct LinkDocument: Encodable {
        let bearer: String
        let beneficiary: String
        let treaty: String
        let article: String
    }

    struct DutyDocument: Encodable {
        let bearer: String
        let beneficiary: String
        let treaty: String
        let article: String
        let provision: String
        let category: String
        let duty: String?
        let means: [String]
        let timing: String?
        let qualifiers: [String]
        let round: Int
        let chain: [LinkDocument]
        let explanation: String
        let summary: String?
        enum CodingKeys: String, CodingKey {
            case bearer, beneficiary, treaty, article, provision, category, duty, means, timing, qualifiers, round,
                chain
            case explanation, summary
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(bearer, forKey: .bearer)
            try c.encode(beneficiary, forKey: .beneficiary)
            try c.encode(treaty, forKey: .treaty)
            try c.encode(article, forKey: .article)
            try c.encode(provision, forKey: .provision)
            try c.encode(category, forKey: .category)
            try c.encode(duty, forKey: .duty)
            try c.encode(means, forKey: .means)
            try c.encode(timing, forKey: .timing)
            try c.encode(qualifiers, forKey: .qualifiers)
            try c.encode(round, forKey: .round)
            try c.encode(chain, forKey: .chain)
            try c.encode(explanation, forKey: .explanation)
            try c.encode(summary, forKey: .summary)
        }
    }

    struct NotTriggeredDocument: Encodable {
        let treaty: String
        let article: String
        let bearer: String?
        let reason: String
        let explanation: String
        enum CodingKeys: String, CodingKey { case treaty, article, bearer, reason, explanation }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(treaty, forKey: .treaty)
            try c.encode(article, forKey: .article)
            try c.encode(bearer, forKey: .bearer)
            try c.encode(reason, forKey: .reason)
            try c.encode(explanation, forKey: .explanation)
        }
    }

    struct ClaimDocument: Encodable {
        let party: String
        let date: String
        let treaty: String
        let provision: String
        let summary: String?
        let event: String
        enum CodingKeys: String, CodingKey { case party, date, treaty, provision, summary, event }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(party, forKey: .party)
            try c.encode(date, forKey: .date)
            try c.encode(treaty, forKey: .treaty)
            try c.encode(provision, forKey: .provision)
            try c.encode(summary, forKey: .summary)
            try c.encode(event, forKey: .event)
        }
    }

    let on: String
    let events: [EventDocument]
    let duties: [DutyDocument]
    let notTriggered: [NotTriggeredDocument]
    let claims: [ClaimDocument]
    let chainRules: [String]

    enum CodingKeys: String, CodingKey {
        case on, events, duties
        case notTriggered = "not-triggered"
        case claims
        case chainRules = "chain-rules"
    }

    public init(_ result: ScenarioResult) {
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
                }, explanation: duty.explanation, summary: duty.summary)
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
    }
}
