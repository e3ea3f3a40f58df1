import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

/// What `pacta check` holds a treaty file to beyond its shape (issue #14): fractions that are parts of a set, an
/// exchange of instruments after the consents it exchanges, a denunciation by a party, and a lone file read with
/// its folder's declarations.
@Suite struct CheckLawTests {
    static func located(_ yaml: String) -> [String] {
        Fixtures.read(yaml).diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
    }

    // MARK: - Fractions

    static func fraction(_ text: String, of set: String = "signatories") -> String {
        TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU", "ITA"],
            rules: "entry-into-force: {when: {consents: {fraction: \(text), of: \(set)}}}",
            events: ["date: 2001-01-10, type: signature, party: FRA"])
    }

    // MARK: - The order of the acts

    static let bilateral: [String] = [
        "date: 2000-01-01, type: signature, party: RUS",
        "date: 2000-01-01, type: signature, party: PRK",
        "date: 2000-03-01, type: consent, form: ratification, party: RUS",
    ]

    // MARK: - A lone file

    @Test func aLoneFileIsReadWithItsFoldersDeclarations() throws {
        let shipped = try CorpusLoader().load(directory: "\(Fixtures.corpusPath)/unclos-1982.yaml")
        #expect(shipped.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(shipped.corpus.treaties.map(\.id) == ["unclos-1982"])
        #expect(shipped.corpus.entities["org:eu"] != nil)
        // Without an entities.yaml beside it, its organisations are undeclared.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-lone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("unclos-1982.yaml").path
        try FileManager.default.copyItem(atPath: "\(Fixtures.corpusPath)/unclos-1982.yaml", toPath: file)
        let alone = try CorpusLoader().load(directory: file)
        #expect(
            alone.diagnostics.filter(\.isError).map { "\($0.line):\($0.column) \($0.message)" } == [
                "14:13 depositary: organisation 'org:un' is not declared in the corpus's entities.yaml",
                "280:67 party: organisation 'org:eu' is not declared in the corpus's entities.yaml",
                "409:92 party: organisation 'org:eu' is not declared in the corpus's entities.yaml",
            ])
    }
}
