import PactaCore

/// The picture of a scenario's result: the attack, and each duty as an arrow from bearer to beneficiary
/// labelled with treaty and article; many bearers of one duty are drawn as one group node.
public enum ScenarioPicture {
    /// The SVG document.
    public static func svg(_ result: ScenarioResult, corpus: Corpus) -> String {
        network(result, corpus: corpus).render()
    }

    public static func network(_ result: ScenarioResult, corpus: Corpus) -> NetworkSVG {
        var nodes: [NetworkSVG.Node] = []
        func add(_ code: PartyCode, _ role: NetworkSVG.Node.Role) {
            if let index = nodes.firstIndex(where: { $0.code == code }) {
                if nodes[index].role == .other { nodes[index].role = role }
            } else {
                nodes.append(NetworkSVG.Node(code: code, label: corpus.name(of: code), role: role))
            }
        }
        var edges: [NetworkSVG.Edge] = []
        for (event, round) in result.events {
            add(event.by, round == 0 ? .attacker : .other)
            add(event.against, round == 0 ? .target : .other)
            edges.append(NetworkSVG.Edge(from: event.by, to: event.against, label: event.kind.rawValue, style: .attack))
        }
        // Many bearers of one duty (every other NATO party) are drawn as one group node, to stay readable.
        var groups: [String: [ScenarioResult.Duty]] = [:]
        var order: [String] = []
        for duty in result.duties {
            let key = "\(duty.treaty)|\(duty.article)|\(duty.beneficiary)|\(duty.round)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(duty)
        }
        for key in order {
            let duties = groups[key]!
            let first = duties[0]
            let style: NetworkSVG.Edge.Style =
                first.category == .defense ? .defense : first.category == .consultation ? .consultation : .other
            let label = "\(first.treaty) art. \(first.article)"
            add(first.beneficiary, .other)
            if duties.count > 3 {
                let group = PartyCode("\(duties.count)")
                if !nodes.contains(where: { $0.code == group }) {
                    nodes.append(NetworkSVG.Node(code: group, label: "\(duties.count) parties of \(first.treaty)"))
                }
                edges.append(NetworkSVG.Edge(from: group, to: first.beneficiary, label: label, style: style))
            } else {
                for duty in duties {
                    add(duty.bearer, .other)
                    edges.append(NetworkSVG.Edge(from: duty.bearer, to: duty.beneficiary, label: label, style: style))
                }
            }
        }
        let first = result.events.first?.event
        let title =
            first.map {
                "\($0.kind.rawValue) by \($0.by) on \($0.against), \(result.on): \(result.duties.count) duties"
            }
            ?? "Scenario"
        return NetworkSVG(title: title, nodes: nodes, edges: edges)
    }
}
