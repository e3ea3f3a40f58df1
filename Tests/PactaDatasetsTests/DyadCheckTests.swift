import Foundation
import PactaCore
import Testing
import PactaTables

@testable import PactaDatasets

/// `cow-dyads.csv` holds COW v4.1's real by-directed-dyad rows of four alliances (Fixtures/README.md), checked
/// against the real by-member rows of `cow-members.csv`.
@Suite struct DyadCheckTests {
    func check(_ dyads: String) throws -> DyadCheck {
        try DyadCheck(
            dyads: dyads, file: "cow-dyads.csv", members: fixture("cow-members.csv"), membersFile: "cow-members.csv")
    }

    /// Every row is what the members' rows imply (Hungary leaves the Warsaw Pact on 1956-11-15, so its 14 dyads
    /// end that day); the one finding is a pair the copy leaves out: it keeps no dyad that COW leaves open, and
    /// the United States and Australia are still allied in ANZUS at the end of 2012.
    @Test func theRealDyadsAgreeWithTheRealMembers() throws {
        let check = try check(fixture("cow-dyads.csv"))
        #expect(check.rowsRead == 64)
        #expect(check.rowsChecked == 64)
        #expect(
            check.findings.map(\.description) == [
                "cow-dyads.csv: version4id 232: ccode 2 and ccode 900 share from 1951-09-01 to open in the members' rows, and the dyad table has no row for them"
            ])
        #expect(
            check.summary
                == "64 dyad rows read, 64 of alliances the by-member table holds, 1 disagreements with the members' rows"
        )
    }

    /// A dyad the members do not imply: New Zealand's ANZUS dyad with the United States moved a day later.
    @Test func aDyadTheMembersDoNotImplyIsReported() throws {
        let changed = try fixture("cow-dyads.csv").replacingOccurrences(
            of: "232,2,United States of America,920,New Zealand,1,9,1951,12,8,1986",
            with: "232,2,United States of America,920,New Zealand,1,9,1951,13,8,1986")
        let check = try check(changed)
        #expect(
            check.findings.map(\.description).first
                == "cow-dyads.csv:6: version4id 232: ccode 2 and ccode 920 are allied from 1951-09-01 to 1986-08-13 in this row; the members' rows give from 1951-09-01 to 1986-08-12"
        )
    }

    /// The yearly layout: a dyad-year needs a common day that year (COW's rule).
    @Test func yearlyRowsNeedACommonDay() throws {
        let dyads = """
            version4id,ccode1,state_name1,ccode2,state_name2,year
            232,2,United States of America,920,New Zealand,1986
            232,2,United States of America,920,New Zealand,1987

            """
        let check = try check(dyads)
        #expect(
            check.findings.map(\.description).prefix(2) == [
                "cow-dyads.csv:3: version4id 232: ccode 2 and ccode 920 are allied in 1987 in this row; the members' rows give them no common day that year (from 1951-09-01 to 1986-08-12)",
                "cow-dyads.csv: version4id 232: ccode 2 and ccode 900 share from 1951-09-01 to open in the members' rows, and the dyad table has no row for them in 62 of the 62 years",
            ])
    }

    @Test func aTableWithoutTheDyadColumnsIsRefused() throws {
        #expect(throws: Refusal.self) { try check("version4id,ccode1\n232,2\n") }
    }
}
