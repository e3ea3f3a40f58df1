import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

@testable import PactaDatasets

/// The real ATOP and COW rows of the fixtures against the shipped corpus, whose files name the data sets'
/// alliances in their `references` (`atop: "3180"`, `cow: "227"`).
@Suite struct ComparisonTests {
    func atop(alliances: String? = nil) throws -> AllianceImport.Result {
        try AllianceImport.atop(
            alliances: alliances ?? fixture("atop-alliances.csv"), alliancesFile: "a.csv",
            members: fixture("atop-members.csv"), membersFile: "m.csv")
    }

    @Test func atopAgainstTheCorpusListsTheRealDifferences() throws {
        let comparison = Comparison(dataSet: .atop, imported: try atop(), corpus: Fixtures.shipped.corpus)
        let lines = comparison.text.split(separator: "\n").map(String.init)
        // ATOP starts NATO's members on the day of signature (of the treaty, or of the protocol of accession); the
        // corpus has the entry into force and the deposits.
        #expect(
            lines.contains(
                "north-atlantic-1949 / atop 3180: USA entry: corpus 1949-08-24, atop 1949-04-04 (142 days earlier in atop)"
            ))
        #expect(
            lines.contains(
                "north-atlantic-1949 / atop 3180: GRC entry: corpus 1952-02-18, atop 1951-10-22 (119 days earlier in atop)"
            ))
        #expect(
            lines.contains(
                "north-atlantic-1949 / atop 3180: SWE is a member in the corpus (from 2024-03-07), not in atop"))
        #expect(lines.contains("north-atlantic-1949 / atop 3180: non-aggression obligation: corpus no, atop yes"))
        // Matched by reference: NATO, the Arab League's treaty, ANZUS and the Warsaw Pact.
        #expect(
            Set(comparison.differences.map(\.treaty)).sorted() == [
                "anzus-1951", "arab-league-1950-joint-defence", "north-atlantic-1949", "warsaw-pact-1955",
            ])
        // The fixture's nineteenth-century alliances are in no corpus file; the corpus's other ATOP references are
        // not in the fixture's tables.
        #expect(comparison.unmatched.contains("atop 1020: no corpus file references it"))
        #expect(comparison.unmatched.contains("rio-treaty-1947: atop 3075 is not in the data set's tables"))
    }

    @Test func cowAgainstTheCorpusMatchesByReferences() throws {
        let imported = try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
        let comparison = Comparison(dataSet: .cow, imported: imported, corpus: Fixtures.shipped.corpus)
        let lines = comparison.text.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "north-atlantic-1949 / cow 227: DEU entry: corpus 1955-05-06, cow 1954-10-23 (195 days earlier in cow)"
            ))
        #expect(
            lines.contains("north-atlantic-1949 / cow 227: FIN is a member in the corpus (from 2023-04-04), not in cow")
        )
        #expect(comparison.unmatched.contains("cow 3: no corpus file references it"))
    }

    /// The alliance row of NATO with ATOP's offense flag set and its consultation flag cleared.
    @Test func anObligationCodedDifferentlyIsListed() throws {
        var lines = try fixture("atop-alliances.csv").components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let offense = try #require(header.firstIndex(of: "offense"))
        let consul = try #require(header.firstIndex(of: "consul"))
        let row = try #require(lines.firstIndex { $0.hasPrefix("3180,") })
        var fields = lines[row].components(separatedBy: ",")
        #expect(fields[offense] == "0")
        #expect(fields[consul] == "1")
        fields[offense] = "1"
        fields[consul] = "0"
        lines[row] = fields.joined(separator: ",")
        let comparison = Comparison(
            dataSet: .atop, imported: try atop(alliances: lines.joined(separator: "\r\n")),
            corpus: Fixtures.shipped.corpus)
        let obligations = comparison.differences.filter { $0.kind == .obligation && $0.alliance == "3180" }
        #expect(
            obligations.map { "\($0.subject): corpus \($0.corpus), atop \($0.dataSet)" } == [
                "offense: corpus no, atop yes", "non-aggression: corpus no, atop yes",
                "consultation: corpus yes, atop no",
            ])
    }
}
