import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

@testable import PactaDatasets

@Suite struct ComparisonTests {
    /// The shipped corpus, its NATO file naming ATOP's alliance 3180.
    func corpus() throws -> Corpus {
        let shipped = Fixtures.shipped.corpus
        var nato = try #require(shipped["north-atlantic-1949"])
        nato.references["atop"] = "3180"
        return shipped.replacing(nato)
    }

    @Test func atopAgainstTheCorpusListsOnlyTheMembersTheFixtureLeavesOut() throws {
        let imported = try AllianceImport.atop(
            alliances: fixture("atop-alliances.csv"), alliancesFile: "a.csv", members: fixture("atop-members.csv"),
            membersFile: "m.csv")
        let comparison = Comparison(dataSet: .atop, imported: imported, corpus: try corpus())
        // The fixture holds USA, CAN, GBR, FRA, GRC, TUR, DEU, FIN, SWE on the corpus's dates: no date or obligation
        // differs; the corpus's other 23 members are listed.
        #expect(comparison.differences.allSatisfy { $0.kind == .onlyInCorpus })
        #expect(comparison.differences.count == 23)
        #expect(comparison.differences.first?.subject == "ALB")
        #expect(
            comparison.differences.first.map { "\($0.treaty) \($0.alliance) \($0.corpus)" }
                == "north-atlantic-1949 3180 2009-04-01")
        // Other corpus files name ATOP alliances the fixture's tables do not hold: each is a note.
        #expect(
            comparison.unmatched == [
                "arab-league-1950-joint-defence: atop 3205 is not in the data set's tables",
                "baghdad-pact-1955: atop 3275 is not in the data set's tables",
                "ecowas-1981-mutual-defence: atop 3895 is not in the data set's tables",
                "gcc-2000-joint-defence: atop 4965 is not in the data set's tables",
                "sadc-2003-mutual-defence: atop 4985 is not in the data set's tables",
                "su-mn-1946-mutual-assistance: atop 2370 is not in the data set's tables",
                "su-mn-1966-friendship: atop 3535 is not in the data set's tables",
            ])
    }

    @Test func anObligationCodedDifferentlyIsListed() throws {
        let alliances = try fixture("atop-alliances.csv").replacingOccurrences(
            of: "3180,24,8,1949,0,0,0,1,1,0,0,0,1", with: "3180,24,8,1949,0,0,0,1,1,1,0,0,0")
        let imported = try AllianceImport.atop(
            alliances: alliances, alliancesFile: "a.csv", members: fixture("atop-members.csv"), membersFile: "m.csv")
        let comparison = Comparison(dataSet: .atop, imported: imported, corpus: try corpus())
        let obligations = comparison.differences.filter { $0.kind == .obligation }
        #expect(
            obligations.map { "\($0.subject): corpus \($0.corpus), atop \($0.dataSet)" } == [
                "offense: corpus no, atop yes", "consultation: corpus yes, atop no",
            ])
    }
}
