import PactaCore

/// The picture of a State's allies on a date: the State, and an arrow to each ally per treaty, labelled with
/// the treaty and its articles. `pacta allies --format svg` and the State's page draw the same picture.
public enum AlliesPicture {
    /// The network to draw.
    public static func network(
        of code: PartyCode, on date: CalendarDate, allies: [AllianceNetwork.Ally], corpus: Corpus
    ) -> NetworkSVG {
        var nodes = [NetworkSVG.Node(code: code, label: corpus.name(of: code), role: .focus)]
        for ally in allies where !nodes.contains(where: { $0.code == ally.ally }) {
            nodes.append(NetworkSVG.Node(code: ally.ally, label: corpus.name(of: ally.ally)))
        }
        let edges = allies.map { ally in
            NetworkSVG.Edge(
                from: code, to: ally.ally, label: "\(ally.treaty) art. \(ally.articles.joined(separator: ", "))",
                style: ally.categories.contains(.defense)
                    ? .defense : ally.categories.contains(.consultation) ? .consultation : .other)
        }
        return NetworkSVG(title: "Allies of \(code) on \(date)", nodes: nodes, edges: edges)
    }

    /// The SVG document.
    public static func svg(
        of code: PartyCode, on date: CalendarDate, allies: [AllianceNetwork.Ally], corpus: Corpus
    ) -> String {
        network(of: code, on: date, allies: allies, corpus: corpus).render()
    }
}
