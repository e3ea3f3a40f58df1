import Foundation
import PactaCore
import PactaFormats
import Testing

/// The network picture stays readable as it grows (issue: the allies picture's States overlapped).
@Suite struct NetworkSVGTests {
    /// The centres of the States' circles, from the SVG text.
    static func circles(_ svg: String) -> [(x: Double, y: Double)] {
        svg.split(separator: "\n").filter { $0.hasPrefix("<circle ") }.compactMap { line in
            func value(_ name: String) -> Double? {
                guard let start = line.range(of: "\(name)=\"") else { return nil }
                return Double(line[start.upperBound...].prefix { $0 != "\"" })
            }
            guard let x = value("cx"), let y = value("cy") else { return nil }
            return (x, y)
        }
    }

    @Test(arguments: [3, 12, 40, 120])
    func statesNeverOverlapAndTheHubIsCentred(_ count: Int) throws {
        let allies = (0..<count).map { PartyCode(String(format: "A%02d", $0)) }
        let nodes =
            [NetworkSVG.Node(code: "USA", label: "United States", role: .focus)]
            + allies.map { NetworkSVG.Node(code: $0, label: "Ally \($0.rawValue)") }
        let edges = allies.map { NetworkSVG.Edge(from: "USA", to: $0, label: "t art. 5", style: .defense) }
        // The hand layout, used where Graphviz is missing.
        let svg = NetworkSVG(title: "Allies", nodes: nodes, edges: edges).renderByHand()
        let centres = Self.circles(svg)
        #expect(centres.count == count + 1)
        var closest = Double.infinity
        for i in centres.indices {
            for j in centres.indices where j > i {
                closest = min(closest, hypot(centres[i].x - centres[j].x, centres[i].y - centres[j].y))
            }
        }
        // Circles have a radius of 30: 70 apart leaves a gap of 10 at least.
        #expect(closest >= 70)
        // The hub (drawn first) is at the middle of the picture's width, and every circle lies inside it.
        let width = try #require(Double(svg.split(separator: "width=\"")[1].prefix { $0 != "\"" }))
        #expect(abs(centres[0].x - width / 2) < 0.1)
        let inside = centres.allSatisfy { (centre: (x: Double, y: Double)) -> Bool in
            centre.x >= 30 && centre.x <= width - 30 && centre.y >= 30
        }
        #expect(inside)
    }
}
