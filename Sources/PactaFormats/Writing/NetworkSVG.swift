import Foundation
import PactaCore

/// Draws a network of States as an SVG picture: States as labelled nodes on a circle, duties or pledges as
/// arrows labelled with treaty and article. Every text is escaped (corpus strings are untrusted input).
public struct NetworkSVG: Sendable {
    /// A State in the picture.
    public struct Node: Sendable, Hashable {
        public enum Role: String, Sendable { case attacker, target, focus, other }
        public var code: PartyCode
        public var label: String
        public var role: Role
        public init(code: PartyCode, label: String, role: Role = .other) {
            self.code = code
            self.label = label
            self.role = role
        }
    }

    /// An arrow from one State to another.
    public struct Edge: Sendable, Hashable {
        public enum Style: String, Sendable { case attack, defense, consultation, other }
        public var from: PartyCode
        public var to: PartyCode
        public var label: String
        public var style: Style
        public init(from: PartyCode, to: PartyCode, label: String, style: Style) {
            self.from = from
            self.to = to
            self.label = label
            self.style = style
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]

    public init(title: String, nodes: [Node], edges: [Edge]) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
    }

    /// The State every arrow touches, where there is one and the picture has at least two arrows (the allies
    /// of a State; a scenario's target): it is drawn at the centre.
    static func hub(_ nodes: [Node], _ edges: [Edge]) -> PartyCode? {
        if let focus = nodes.first(where: { $0.role == .focus }) { return focus.code }
        guard edges.count >= 2 else { return nil }
        let touching = nodes.map(\.code).filter { code in edges.allSatisfy { $0.from == code || $0.to == code } }
        return touching.count == 1 ? touching[0] : nil
    }

    /// The SVG document, laid out by Graphviz's `dot` (``Graphviz``) where it is installed: States as boxes
    /// with their code and name (the name again on hover), arrows left to right, each labelled with treaty and
    /// article where `dot` leaves room for it, so that no two labels overlap; a legend of the arrow styles.
    /// Where `dot` is missing or fails, the picture is laid out by hand (``renderByHand()``) and an XML comment
    /// in the SVG says so.
    public func render() -> String { render(dot: Graphviz.program) }

    /// ``render()`` with the `dot` program at `program` (`nil`: none).
    func render(dot program: String?) -> String {
        let why: String
        if program == nil {
            why = "Graphviz's dot was not found"
        } else if nodes.count + edges.count > Graphviz.maximumElements {
            why = "the graph is too large for Graphviz (\(nodes.count + edges.count) nodes and edges)"
        } else if let layout = Graphviz.layout(dotSource(), program: program) {
            return render(layout)
        } else {
            why = "Graphviz's dot failed or took longer than \(Int(Graphviz.timeout)) seconds"
        }
        let svg = renderByHand()
        let comment = "<!-- laid out by hand: \(why) -->\n"
        guard let end = svg.firstIndex(of: ">") else { return comment + svg }
        return String(svg[...end]) + "\n" + comment + String(svg[svg.index(after: end)...])
    }

    /// The text of `node`'s box: its code and its name.
    static func boxLabel(_ node: Node) -> String {
        node.label == node.code.rawValue || node.label.hasPrefix(node.code.rawValue + " ")
            ? node.label : "\(node.code.rawValue)  \(node.label)"
    }

    /// The graph in Graphviz's DOT language: nodes `n0`, `n1` … in the order of ``nodes``, each edge with its
    /// index as a comment (to find it again in the layout).
    func dotSource() -> String {
        var index: [PartyCode: Int] = [:]
        for (number, node) in nodes.enumerated() where index[node.code] == nil { index[node.code] = number }
        var dot = """
            digraph pacta {
            graph [rankdir=LR, nodesep=0.18, ranksep=0.55, pad=0.1];
            node [shape=box, style=rounded, fontname="Helvetica", fontsize=12, height=0.3, margin="0.12,0.05"];
            edge [fontname="Helvetica", fontsize=11, arrowsize=0.8];

            """
        for (number, node) in nodes.enumerated() where index[node.code] == number {
            dot += "n\(number) [label=\(Graphviz.quoted(Self.boxLabel(node)))];\n"
        }
        for (number, edge) in edges.enumerated() {
            guard let from = index[edge.from], let to = index[edge.to] else { continue }
            dot += "n\(from) -> n\(to) [label=\(Graphviz.quoted(edge.label)), comment=\"\(number)\"];\n"
        }
        return dot + "}\n"
    }

    /// The picture drawn from a Graphviz layout, below the title and above the legend.
    private func render(_ layout: Graphviz.Layout) -> String {
        let (left, top) = (20.0, 56.0)
        let width = max(480, (left * 2 + layout.width).rounded(.up), Double(title.count) * 11 + 40)
        let height = (top + layout.height + 100).rounded(.up)
        var svg = header(width: width, height: height)
        svg += "<g transform=\"translate(\(Self.f(left)) \(Self.f(top)))\">\n"
        for edge in layout.edges.sorted(by: { $0.index < $1.index }) where edges.indices.contains(edge.index) {
            let data = edges[edge.index]
            let colour = Self.colours[data.style] ?? "#546e7a"
            guard let first = edge.points.first else { continue }
            var path = "M \(Self.f(first.x)) \(Self.f(first.y))"
            var rest = edge.points.dropFirst()
            while rest.count >= 3 {
                let c = Array(rest.prefix(3))
                path +=
                    " C \(Self.f(c[0].x)) \(Self.f(c[0].y)) \(Self.f(c[1].x)) \(Self.f(c[1].y)) \(Self.f(c[2].x)) \(Self.f(c[2].y))"
                rest = rest.dropFirst(3)
            }
            if let end = edge.end { path += " L \(Self.f(end.x)) \(Self.f(end.y))" }
            let dash = data.style == .attack ? " stroke-dasharray=\"8 5\"" : ""
            let words = "\(data.from.rawValue) to \(data.to.rawValue): \(data.label)"
            svg +=
                "<g class=\"edge\"><title>\(Self.escape(words))</title><path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash) marker-end=\"url(#arrow-\(data.style.rawValue))\"/>"
            if let label = edge.label {
                svg +=
                    "<text x=\"\(Self.f(label.x))\" y=\"\(Self.f(label.y + 4))\" font-size=\"11\" fill=\"\(colour)\" text-anchor=\"middle\">\(Self.escape(data.label))</text>"
            }
            svg += "</g>\n"
        }
        for (number, node) in nodes.enumerated() {
            guard let box = layout.nodes["n\(number)"] else { continue }
            svg +=
                "<g class=\"node\"><title>\(Self.escape(node.label)) (\(Self.escape(node.code.rawValue)))</title><rect x=\"\(Self.f(box.centre.x - box.width / 2))\" y=\"\(Self.f(box.centre.y - box.height / 2))\" width=\"\(Self.f(box.width))\" height=\"\(Self.f(box.height))\" rx=\"6\" fill=\"\(Self.fill(node.role))\" stroke=\"#37474f\" stroke-width=\"1.2\"/>"
            svg +=
                "<text x=\"\(Self.f(box.centre.x))\" y=\"\(Self.f(box.centre.y + 4))\" font-size=\"12\" text-anchor=\"middle\">\(Self.escape(Self.boxLabel(node)))</text></g>\n"
        }
        svg += "</g>\n"
        return svg + Self.legend(height: height) + "</svg>\n"
    }

    /// The hand layout: the hub State (``hub(_:_:)``) at the centre and the others on a
    /// circle that grows with their number so that no two overlap (76 user units apart at least), names outside
    /// the circle, arrow labels along their arrows; at least 900 units wide; a legend of the arrow styles.
    public func renderByHand() -> String {
        let layout = self.layout()
        var svg = header(width: layout.width, height: layout.height)
        // Edges between the same two States are fanned out so their labels do not overlap.
        var seen: [String: Int] = [:]
        for edge in edges {
            guard let a = layout.position[edge.from], let b = layout.position[edge.to] else { continue }
            let pair = [edge.from.rawValue, edge.to.rawValue].sorted().joined(separator: "|")
            let offset = Double(seen[pair, default: 0]) * 18
            seen[pair, default: 0] += 1
            svg += Self.arrow(edge, from: a, to: b, offset: offset)
        }
        for node in nodes {
            guard let p = layout.position[node.code] else { continue }
            svg += Self.state(node, at: p, direction: layout.direction[node.code])
        }
        return svg + Self.legend(height: layout.height) + "</svg>\n"
    }

    /// A point, or a vector, in user units.
    private typealias Point = (x: Double, y: Double)

    /// Where ``render()`` draws each State, and the size of the picture.
    private struct Layout {
        var width: Double
        var height: Double
        /// The centre of each State's circle.
        var position: [PartyCode: Point] = [:]
        /// For each State on the ring (not the hub), the unit vector from the centre of the picture towards it.
        var direction: [PartyCode: Point] = [:]
    }

    /// The hub at the centre, the other States evenly on a circle from the top, clockwise; the circle is large
    /// enough for the States to be 76 units apart and, around a hub, for the longest arrow label.
    private func layout() -> Layout {
        let hub = Self.hub(nodes, edges)
        let ring = nodes.filter { $0.code != hub }
        let spacing = 76.0
        // An arrow from the hub is long enough for its label (about 6.2 units a character at 11 points) between
        // the two circles.
        let longest = Double(edges.map(\.label.count).max() ?? 0) * 6.2
        let radius =
            ring.isEmpty
            ? 0
            : max(
                hub == nil ? 200.0 : 220.0, spacing * Double(ring.count) / (2 * .pi), hub == nil ? 0 : longest + 90)
        let margin = 170.0  // room for the names outside the circle
        let width = max(900.0, (2 * (radius + margin)).rounded(.up))
        let centre = (x: width / 2, y: 60 + margin * 0.6 + radius)
        let height = (centre.y + radius + margin * 0.6 + 90).rounded(.up)
        var layout = Layout(width: width, height: height)
        if let hub { layout.position[hub] = centre }
        for (index, node) in ring.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(1, ring.count))
            layout.position[node.code] = (centre.x + radius * cos(angle), centre.y + radius * sin(angle))
            layout.direction[node.code] = (cos(angle), sin(angle))
        }
        return layout
    }

    /// The fill of a State's circle or box.
    private static func fill(_ role: Node.Role) -> String {
        switch role {
        case .attacker: "#ffcdd2"
        case .target: "#bbdefb"
        case .focus: "#fff9c4"
        case .other: "#eceff1"
        }
    }

    /// The colour of each arrow style.
    private static let colours: [Edge.Style: String] = [
        .attack: "#c62828", .defense: "#1565c0", .consultation: "#6a1b9a", .other: "#546e7a",
    ]

    /// The opening of the document: its size, title, background and arrowheads, and the title drawn at the top.
    private func header(width: Double, height: Double) -> String {
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" font-family="Helvetica, Arial, 'Liberation Sans', sans-serif" role="img" aria-label="\(Self.escape(title))">
            <title>\(Self.escape(title))</title>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <defs>
            """
        for (style, colour) in Self.colours.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            svg += """
                <marker id="arrow-\(style.rawValue)" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="\(colour)"/></marker>
                """
        }
        svg += "</defs>\n"
        svg += "<text x=\"20\" y=\"34\" font-size=\"20\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        return svg
    }

    /// The arrow of `edge` from the State at `a` to the State at `b`, stopping short of both circles and moved
    /// `offset` units sideways (to fan out arrows between the same two States), with its label.
    private static func arrow(_ edge: Edge, from a: Point, to b: Point, offset: Double) -> String {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = max(1, (dx * dx + dy * dy).squareRoot())
        let (ux, uy) = (dx / length, dy / length)
        let (nx, ny) = (-uy, ux)
        let shrink = 34.0
        let start = (x: a.x + ux * shrink + nx * offset, y: a.y + uy * shrink + ny * offset)
        let end = (x: b.x - ux * shrink + nx * offset, y: b.y - uy * shrink + ny * offset)
        let colour = colours[edge.style] ?? "#546e7a"
        let dash = edge.style == .attack ? " stroke-dasharray=\"8 5\"" : ""
        var svg =
            "<line x1=\"\(f(start.x))\" y1=\"\(f(start.y))\" x2=\"\(f(end.x))\" y2=\"\(f(end.y))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dash) marker-end=\"url(#arrow-\(edge.style.rawValue))\"/>\n"
        // The label runs along its arrow, upright, at its middle.
        let along = 0.5
        let mid = (
            x: start.x + (end.x - start.x) * along - nx * 6, y: start.y + (end.y - start.y) * along - ny * 6
        )
        var degrees = atan2(dy, dx) * 180 / Double.pi
        if degrees > 90 { degrees -= 180 } else if degrees < -90 { degrees += 180 }
        svg +=
            "<text x=\"\(f(mid.x))\" y=\"\(f(mid.y))\" transform=\"rotate(\(f(degrees)) \(f(mid.x)) \(f(mid.y)))\" font-size=\"11\" fill=\"\(colour)\" text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\"><title>\(escape(edge.from.rawValue)) to \(escape(edge.to.rawValue)): \(escape(edge.label))</title>\(escape(edge.label))</text>\n"
        return svg
    }

    /// The State `node` as a circle at `p` holding its code, with its name outside the circle, away from the
    /// centre along `direction` (below the circle where there is none: the hub).
    private static func state(_ node: Node, at p: Point, direction out: Point?) -> String {
        let fill = Self.fill(node.role)
        var svg =
            "<circle cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"30\" fill=\"\(fill)\" stroke=\"#37474f\" stroke-width=\"1.5\"/>\n"
        svg +=
            "<text x=\"\(f(p.x))\" y=\"\(f(p.y + 5))\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">\(escape(node.code.rawValue))</text>\n"
        let anchor = out.map { $0.x > 0.3 ? "start" : ($0.x < -0.3 ? "end" : "middle") } ?? "middle"
        let name =
            out.map { (x: p.x + $0.x * 38, y: p.y + $0.y * 38 + ($0.y > 0.3 ? 10 : ($0.y < -0.3 ? 0 : 4))) }
            ?? (x: p.x, y: p.y + 48)
        svg +=
            "<text x=\"\(f(name.x))\" y=\"\(f(name.y))\" font-size=\"12\" text-anchor=\"\(anchor)\" fill=\"#37474f\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">\(escape(node.label))</text>\n"
        return svg
    }

    /// The legend of the arrow styles, at the bottom left of a picture `height` units high.
    private static func legend(height: Double) -> String {
        var svg = ""
        var y = height - 80
        for (style, text) in [
            (Edge.Style.attack, "attack (scenario)"), (.defense, "duty to assist (defence)"),
            (.consultation, "duty to consult"), (.other, "other duty or pledge"),
        ] {
            let colour = colours[style]!
            svg +=
                "<line x1=\"20\" y1=\"\(f(y))\" x2=\"60\" y2=\"\(f(y))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(style == .attack ? " stroke-dasharray=\"8 5\"" : "")/>"
            svg += "<text x=\"68\" y=\"\(f(y + 4))\" font-size=\"12\">\(text)</text>\n"
            y += 18
        }
        return svg
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// XML text and attribute escaping.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not text (and NUL is not allowed in HTML or XML): left out.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
                {
                    continue
                }
                out.append(character)
            }
        }
        return out
    }
}
