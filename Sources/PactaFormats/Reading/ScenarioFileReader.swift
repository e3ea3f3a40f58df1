import PactaCore

/// Reads a scenario file:
/// ```yaml
/// on: 2025-03-01
/// chain: true                 # optional
/// entry-is-attack: false      # optional, chain rule 2
/// events:
///   - {type: armed-attack, by: USA, against: PRK, where: PRK}   # where: optional place
/// ```
/// Errors carry file, line and column like treaty files.
public struct ScenarioFileReader: Sendable {
    public init() {}

    /// The scenario, or the diagnostics that prevent reading it.
    public func read(text: String, file: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        let reader = NodeReader(file: file, text: text)
        let root: YAMLNode?
        do {
            root = try YAMLComposer.libyaml.root(text)
        } catch {
            reader.error(yaml: error)
            return (nil, reader.diagnostics)
        }
        guard let root,
            let fields = reader.mapping(
                root, what: "a scenario file", allowed: ["on", "chain", "entry-is-attack", "events"])
        else {
            if root == nil { reader.error(at: nil, "the scenario file is empty; it needs 'on:' and 'events:'") }
            return (nil, reader.diagnostics)
        }
        let on = reader.require(fields, "on", expected: "the date of the scenario, YYYY-MM-DD").flatMap {
            reader.date($0, what: "on")
        }
        let chain = fields["chain"].flatMap { reader.bool($0, what: "chain") } ?? false
        let entry = fields["entry-is-attack"].flatMap { reader.bool($0, what: "entry-is-attack") } ?? false
        var events: [Scenario.Event] = []
        if let node = reader.require(fields, "events", expected: "a list of {type, by, against, where}"),
            let items = reader.sequence(node, what: "events")
        {
            let decoder = TreatyDecoder(reader: reader, organisations: [])
            for item in items {
                guard
                    let event = reader.mapping(
                        item, what: "a scenario event", allowed: ["type", "by", "against", "where", "attacker-kind"]),
                    let typeNode = reader.require(
                        event, "type", expected: "armed-attack, threat-of-attack or state-of-war"),
                    let kind = reader.choice(
                        typeNode, what: "type", of: Scenario.Event.Kind.self, values: Scenario.Event.Kind.allCases),
                    let by = reader.require(event, "by", expected: "the attacking State").flatMap({
                        decoder.party($0, what: "by")
                    }),
                    let against = reader.require(event, "against", expected: "the State attacked or threatened")
                        .flatMap({
                            decoder.party($0, what: "against")
                        })
                else { continue }
                if by == against {
                    reader.error(item, "a scenario event needs two different States; by and against are both \(by)")
                    continue
                }
                var place: String?
                if let whereNode = event["where"], let text = reader.string(whereNode, what: "where") {
                    if Region.state(of: text) == nil {
                        reader.error(
                            whereNode, "where: '\(text)' is not a State code or an ISO 3166-2 subdivision (US-HI)")
                    }
                    place = text
                }
                let kinds = event["attacker-kind"].flatMap { reader.strings($0, what: "attacker-kind") } ?? []
                events.append(
                    Scenario.Event(kind: kind, by: by, against: against, place: place, attackerKinds: kinds))
            }
            if items.isEmpty { reader.error(node, "events must list at least one event") }
        }
        guard let on, reader.diagnostics.isEmpty else { return (nil, reader.diagnostics) }
        return (Scenario(on: on, events: events, chain: chain, rules: ChainRules(entryIsArmedAttack: entry)), [])
    }
}
