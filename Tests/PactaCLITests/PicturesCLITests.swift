import Foundation
import PactaTestSupport
import Testing

/// `pacta allies --format svg` and `pacta scenario --format svg` draw with the pictures' shared code, laid
/// out by Graphviz: the allies of the United States on 2026-01-01 (49 States) with no two labels overlapping.
@Suite(.enabled(if: Requirements.graphvizTestsRun, Comment(rawValue: Requirements.graphvizSkipped)))
struct PicturesCLITests {
    @Test func alliesOfTheUnitedStatesReadWell() async throws {
        let output = try await CLI.run(["allies", "USA", "--on", "2026-01-01", "--format", "svg"])
        #expect(output.status == 0)
        let svg = output.stdout
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!svg.contains("laid out by hand"))
        // The United States and its 48 allies (`pacta allies USA --on 2026-01-01`: NATO, the Rio Treaty, ANZUS and
        // the bilateral treaties), each a box with its name on hover.
        #expect(svg.components(separatedBy: "<g class=\"node\">").count - 1 == 49)
        #expect(svg.contains("<g class=\"node\"><title>France (FRA)</title>"))
        #expect(svg.contains("<title>USA to FRA: north-atlantic-1949 art. 4, 5</title>"))
        let labels = SVGText.labels(svg)
        #expect(labels.count > 33)
        let overlaps = SVGText.overlaps(svg)
        #expect(overlaps.isEmpty, "\(overlaps.prefix(5))")
    }

    @Test func scenarioPictureIsLaidOutByGraphviz() async throws {
        let output = try await CLI.run([
            "scenario", "--attack", "PRK", "--by", "USA", "--on", "2025-03-01", "--format", "svg",
        ])
        #expect(output.status == 0)
        #expect(!output.stdout.contains("laid out by hand"))
        #expect(output.stdout.contains("<title>Russian Federation (RUS)</title>"))
        #expect(SVGText.overlaps(output.stdout).isEmpty)
    }
}
