import Foundation
import PactaTestSupport
import Testing

/// The command line on the law of issue #14: a State that ceased, a lone file checked with its folder's
/// declarations, and the dyad of a State whose COW code changed during a year.
@Suite struct TreatyLawCLITests {
    @Test func dyadsKeepWestGermanyForThePartOf1990BeforeUnification() throws {
        let output = try CLI.run(["export", "dyads", "--from", "1989", "--to", "1991"])
        let rows = output.stdout.split(separator: "\n").filter { $0.hasPrefix("2,255,") || $0.hasPrefix("2,260,") }
        #expect(
            rows == [
                "2,255,USA,GMY,1990,1,0,0,0,1,north-atlantic-1949",
                "2,255,USA,GMY,1991,1,0,0,0,1,north-atlantic-1949",
                "2,260,USA,GFR,1989,1,0,0,0,1,north-atlantic-1949",
                "2,260,USA,GFR,1990,1,0,0,0,1,north-atlantic-1949",
            ])
    }
}
