import Foundation
import PactaCore
import PactaTestSupport
import Testing

@testable import PactaFormats

/// Pictures laid out by Graphviz (issue #16): readable at 33 and 150 States, no two labels overlapping, names
/// on hover; and the hand layout, said so in the SVG, where Graphviz is missing or fails.
@Suite(.enabled(if: Requirements.graphvizTestsRun, Comment(rawValue: Requirements.graphvizSkipped)))
struct GraphvizPictureTests {
    /// A State allied with `count` others, under one to three treaties each, and a few pledges among the allies.
    static func network(_ count: Int) -> NetworkSVG {
        let allies = (0..<count).map { PartyCode(String(format: "A%03d", $0)) }
        var nodes = [NetworkSVG.Node(code: "USA", label: "United States of America", role: .focus)]
        nodes += allies.map { NetworkSVG.Node(code: $0, label: "Republic of \($0.rawValue)") }
        var edges: [NetworkSVG.Edge] = []
        for (index, ally) in allies.enumerated() {
            edges.append(.init(from: "USA", to: ally, label: "north-atlantic-1949 art. 5", style: .defense))
            if index % 5 == 0 {
                edges.append(.init(from: "USA", to: ally, label: "us-\(index)-1951 art. 4", style: .consultation))
            }
            if index % 7 == 1, index + 1 < allies.count {
                edges.append(.init(from: ally, to: allies[index + 1], label: "pact-\(index) art. 2", style: .other))
            }
        }
        return NetworkSVG(title: "Allies of USA", nodes: nodes, edges: edges)
    }

    @Test(arguments: [33, 150])
    func noTwoLabelsOverlap(_ count: Int) throws {
        let network = Self.network(count - 1)
        let svg = network.render()
        #expect(!svg.contains("laid out by hand"))
        let labels = SVGText.labels(svg)
        // A label per State, per arrow, the title and the legend's four lines.
        #expect(labels.count == network.nodes.count + network.edges.count + 1 + 4)
        #expect(labels.allSatisfy { !$0.rotated })
        let overlaps = SVGText.overlaps(svg)
        #expect(overlaps.isEmpty, "\(overlaps.prefix(5))")
        // Names on hover, and no label smaller than 11 points.
        #expect(svg.contains("<g class=\"node\"><title>Republic of A000 (A000)</title>"))
        #expect(svg.contains("<title>USA to A000: north-atlantic-1949 art. 5</title>"))
        #expect(!svg.contains("font-size=\"10\"") && !svg.contains("font-size=\"9\""))
        // Every State's box is inside the picture.
        let width = try #require(Double(svg.split(separator: "width=\"")[1].prefix { $0 != "\"" }))
        #expect(labels.allSatisfy { $0.minX >= 0 && $0.maxX <= width + 1 })
    }

    @Test func corpusStringsAreEscapedAndQuoted() {
        let network = NetworkSVG(
            title: "<b>",
            nodes: [.init(code: "AAA", label: "A \"quoted\" <name> \\ & co"), .init(code: "BBB", label: "B")],
            edges: [.init(from: "AAA", to: "BBB", label: "x\"; n9 [label=\"y", style: .other)])
        #expect(network.dotSource().contains("n0 [label=\"AAA  A \\\"quoted\\\" <name> \\\\ & co\"];"))
        #expect(network.dotSource().contains("[label=\"x\\\"; n9 [label=\\\"y\", comment=\"0\"]"))
        let svg = network.render()
        #expect(svg.contains(">AAA  A &quot;quoted&quot; &lt;name&gt; \\ &amp; co</text>"))
        #expect(!svg.contains("<name>") && !svg.contains("<b>"))
    }
}

/// Where Graphviz cannot lay out the picture, the hand layout draws it and an XML comment says why.
@Suite struct HandLayoutFallbackTests {
    @Test func missingOrFailingGraphvizIsSaid() {
        let network = GraphvizPictureTests.network(5)
        let missing = network.render(dot: nil)
        #expect(missing.contains("\n<!-- laid out by hand: Graphviz's dot was not found -->\n"))
        #expect(missing.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let failing = network.render(dot: "/bin/false")
        #expect(failing.contains("<!-- laid out by hand: Graphviz's dot failed or took longer than 10 seconds -->"))
        #expect(failing.contains("<circle "))
    }
}
