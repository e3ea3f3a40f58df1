import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing
import PactaTables

@testable import PactaDatasets

/// The text of a fixture.
func fixture(_ name: String) throws -> String {
    try String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/\(name)"),
        encoding: .utf8)
}

/// Writes the files to a fresh folder and loads it as a corpus.
func load(_ files: [String: String]) throws -> (folder: String, result: CorpusLoader.Result) {
    let folder = TestFolder.url("datasets")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return (folder.path, try CorpusLoader().load(directory: folder.path))
}

/// The fixtures hold real rows of COW Formal Alliances v4.1 and ATOP 5.1 (Fixtures/README.md says which copies).
@Suite struct AllianceImportTests {
    func cow() throws -> AllianceImport.Result {
        try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
    }

    func atop() throws -> AllianceImport.Result {
        try AllianceImport.atop(
            alliances: fixture("atop-alliances.csv"), alliancesFile: "atop-alliances.csv",
            members: fixture("atop-members.csv"), membersFile: "atop-members.csv")
    }

    @Test func cowFixtureImportsIntoFilesTheCheckAccepts() throws {
        let result = try cow()
        #expect(result.refusals == [])
        #expect(result.rowsRead == 76)
        #expect(
            result.files.keys.sorted() == [
                "cow-227.yaml", "cow-23.yaml", "cow-230.yaml", "cow-232.yaml", "cow-243.yaml", "cow-3.yaml",
                "cow-4.yaml", "entities.yaml",
            ])
        let (_, loaded) = try load(result.files)
        #expect(loaded.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(loaded.corpus.treaties.count == 7)
    }

    /// NATO as COW codes it (version4id 227): the alliance starts on the day of signature, each member on the
    /// day COW gives; the German Federal Republic (260, to 1990-10-02) and Germany (255, from 1990-10-03) are one
    /// membership of DEU.
    @Test func statusesGiveTheDataSetsDates() throws {
        let (_, loaded) = try load(try cow().files)
        let nato = try #require(loaded.corpus["cow-227"])
        #expect(nato.references == ["cow": "227"])
        #expect(nato.record == .partial)
        let status = Lifecycle(corpus: loaded.corpus).status(of: nato, on: Fixtures.date("2012-12-31"))
        func entry(_ code: PartyCode) -> String? { status.state(code)?.entryIntoForce?.description }
        #expect(status.entryIntoForce == Fixtures.date("1949-04-04"))
        #expect(entry("USA") == "1949-04-04")
        #expect(entry("GRC") == "1951-10-22")
        #expect(entry("TUR") == "1951-10-22")
        #expect(entry("DEU") == "1954-10-23")
        #expect(status.state("DEU")?.withdrawal == nil)
        #expect(entry("ESP") == "1981-12-10")
        #expect(entry("POL") == "1999-03-12")
        #expect(entry("FIN") == nil)
        #expect(status.states.filter { $0.entryIntoForce != nil }.count == 19)
        #expect(Set(nato.provisions.map(\.category)) == [.defense, .nonAggression, .consultation])
        // COW codes non-aggression member by member, and not for Turkey.
        let nonAggression = try #require(nato.provisions.first { $0.category == .nonAggression })
        #expect(nonAggression.summary["en"]?.hasSuffix("It codes it for 18 of the 19 members, not for TUR.") == true)
        // The Warsaw Pact (243): COW ends Hungary's membership on 1956-11-15 and Albania's on 1968-08-20.
        let warsaw = try #require(loaded.corpus["cow-243"])
        let pact = Lifecycle(corpus: loaded.corpus).status(of: warsaw, on: Fixtures.date("1970-01-01"))
        #expect(pact.state("HUN")?.withdrawal?.effective == Fixtures.date("1956-11-15"))
        #expect(pact.state("ALB")?.withdrawal?.effective == Fixtures.date("1968-08-20"))
    }

    /// The German Confederation (COW 3) and two Austrian alliances with Italian states (4, 23): their members
    /// with no ISO code become declared historical entities, and each State's two spells (to 1848, from 1850)
    /// are two consents and two denunciations.
    @Test func historicalStatesAreDeclaredEntities() throws {
        let result = try cow()
        #expect(
            result.files["entities.yaml"]
                == """
                # Written by pacta import cow: COW states with no ISO 3166 code, as historical entities (names from the COW state system list).
                org:cow-240: {names: {en: "Hanover"}, kind: historical-state}
                org:cow-245: {names: {en: "Bavaria"}, kind: historical-state}
                org:cow-267: {names: {en: "Baden"}, kind: historical-state}
                org:cow-269: {names: {en: "Saxony"}, kind: historical-state}
                org:cow-271: {names: {en: "Wuerttemberg"}, kind: historical-state}
                org:cow-273: {names: {en: "Hesse Electoral"}, kind: historical-state}
                org:cow-275: {names: {en: "Hesse Grand Ducal"}, kind: historical-state}
                org:cow-280: {names: {en: "Mecklenburg Schwerin"}, kind: historical-state}
                org:cow-300: {names: {en: "Austria-Hungary"}, kind: historical-state}
                org:cow-329: {names: {en: "Two Sicilies"}, kind: historical-state}
                org:cow-332: {names: {en: "Modena"}, kind: historical-state}

                """)
        let file = try #require(result.files["cow-3.yaml"])
        #expect(file.contains("{id: cow-3-org-cow-240-in, date: 1838-01-01, type: consent"))
        #expect(
            file.contains(
                "{id: cow-3-org-cow-240-out, date: 1848-03-15, type: denunciation, party: org:cow-240, effective: 1848-03-15, source: cow"
            ))
        #expect(file.contains("{id: cow-3-org-cow-240-2-in, date: 1850-11-29, type: consent"))
        let (_, loaded) = try load(result.files)
        let confederation = try #require(loaded.corpus["cow-3"])
        let engine = Lifecycle(corpus: loaded.corpus)
        #expect(
            engine.status(of: confederation, on: Fixtures.date("1849-01-01")).state("org:cow-245")?.withdrawal?
                .effective == Fixtures.date("1848-03-15"))
        let later = engine.status(of: confederation, on: Fixtures.date("1860-01-01"))
        #expect(later.state("org:cow-245")?.entryIntoForce == Fixtures.date("1850-11-29"))
        #expect(later.state("org:cow-245")?.withdrawal == nil)
        let sicilies = try #require(loaded.corpus["cow-4"])
        #expect(sicilies.adopted.date == Fixtures.date("1815-06-12"))
        #expect(
            engine.status(of: sicilies, on: Fixtures.date("1818-01-01")).state("org:cow-329")?.entryIntoForce
                == Fixtures.date("1816-01-01"))
    }

    /// The bad rows are invented (Fixtures/README.md); the good one is COW's row of the United States in NATO.
    @Test func badRowsAreRefusedWithFileRowColumnAndTheOthersImported() throws {
        let result = try AllianceImport.cow(members: fixture("cow-members-bad.csv"), file: "bad.csv")
        #expect(
            result.refusals.map(\.description) == [
                "bad.csv:3:11: version4id 227: the date 1952-02-31 does not exist (mem_st_year, mem_st_month, mem_st_day)",
                "bad.csv:4:2: version4id 227: ccode 999 is not in the COW code table nor a known historical COW state",
                "bad.csv:5:16: version4id 227: ccode 640 leaves on 1950-01-01, before it enters on 1951-10-22",
                "bad.csv:6:13: version4id 227: the row has no mem_st_year field (it has 12 fields, the header 23)",
                "bad.csv:7:13: version4id 227: ccode 390 (Denmark) enters on 1949-04-03, before the alliance starts on 1949-04-04",
                "bad.csv:8:1: version4id 227: this row gives the alliance other dates (1949-04-05 to open) than its first row (1949-04-04 to open)",
            ])
        #expect(result.files.keys.sorted() == ["cow-227.yaml", "entities.yaml"])
        #expect(result.files["cow-227.yaml"]?.contains("party: USA") == true)
        #expect(result.files["cow-227.yaml"]?.contains("party: GRC") == false)
        #expect(
            result.summary == """
                7 rows read, 1 treaty files written, 6 rows refused
                  1 missing column
                  1 date that does not exist or is not a number
                  1 unknown country code
                  2 end before start, or a member before its alliance
                  1 rows of one alliance that give it different dates
                """)
    }

    /// A COW by-member table with the fixture's header and these rows.
    func cowTable(_ rows: [String]) throws -> String {
        let header = try fixture("cow-members-bad.csv").split(separator: "\n")[0]
        return ([String(header)] + rows).joined(separator: "\n") + "\n"
    }

    /// Numbers past any year or code (1e300, inf) are refused as not numbers; they trapped the import (exit 132).
    @Test func hugeNumbersAreRefusedNotATrap() throws {
        let table = try cowTable([
            "227,2,United States of America,4,4,1949,,,,Type I: Defense Pact,4,4,1e300,,,,0,1,1,0,1,1,4.1",
            "227,1e300,Canada,4,4,1949,,,,Type I: Defense Pact,4,4,1949,,,,0,1,1,0,1,1,4.1",
            "227,20,Canada,4,4,1949,,,,Type I: Defense Pact,4,4,inf,,,,0,1,1,0,1,1,4.1",
        ])
        let result = try AllianceImport.cow(members: table, file: "huge.csv")
        #expect(
            result.refusals.map(\.description) == [
                "huge.csv:2:13: version4id 227: mem_st_year must be a number, found '1e300' (mem_st_year, mem_st_month, mem_st_day)",
                "huge.csv:3:2: version4id 227: ccode '1e300' is not a COW state code",
                "huge.csv:4:13: version4id 227: mem_st_year must be a number, found 'inf' (mem_st_year, mem_st_month, mem_st_day)",
            ])
    }

    /// A member given twice for the same days (a repeated row, or an open membership beside a closed one) is kept
    /// once, the later row refused; a return after an exit is kept.
    @Test func aMemberGivenTwiceIsKeptOnce() throws {
        let usa = "227,2,United States of America,4,4,1949,,,,Type I: Defense Pact,4,4,1949,,,,0,1,1,0,1,1,4.1"
        let table = try cowTable([
            usa, usa,
            "227,20,Canada,4,4,1949,,,,Type I: Defense Pact,4,4,1949,,,,0,1,1,0,1,1,4.1",
            "227,20,Canada,4,4,1949,,,,Type I: Defense Pact,4,4,1949,1,1,1960,0,1,1,0,1,1,4.1",
        ])
        let result = try AllianceImport.cow(members: table, file: "twice.csv")
        #expect(
            result.refusals.map(\.description) == [
                "twice.csv:3:2: version4id 227: ccode 2 (United States of America) is already a member from 1949-04-04 (row 2); this row is left out",
                "twice.csv:5:2: version4id 227: ccode 20 (Canada) is already a member from 1949-04-04 (row 4); this row is left out",
            ])
        let file = try #require(result.files["cow-227.yaml"])
        #expect(file.components(separatedBy: "party: USA").count == 2)
        #expect(!file.contains("1960-01-01"))
    }

    @Test func importingTwiceGivesTheSameBytes() throws {
        #expect(try cow().files == cow().files)
        #expect(try atop().files == atop().files)
    }

    /// ATOP 5.1's NATO (3180) cuts every founding membership at the end of its first phase (1951-06-19): the
    /// spells are joined, so no State leaves that day. A member row of the Rio Treaty (3075), whose alliance row
    /// the fixture leaves out, is refused.
    @Test func atopFixtureImports() throws {
        let result = try atop()
        #expect(
            result.refusals.map(\.description) == [
                "atop-members.csv:112:1: atopid 3075: not in atop-alliances.csv (or refused there)"
            ])
        #expect(result.rowsRead == 7 + 111)
        let (_, loaded) = try load(result.files)
        #expect(loaded.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(loaded.corpus.treaties.count == 7)
        let nato = try #require(loaded.corpus["atop-3180"])
        #expect(nato.references == ["atop": "3180"])
        let status = Lifecycle(corpus: loaded.corpus).status(of: nato, on: Fixtures.date("2018-12-31"))
        #expect(status.state("USA")?.entryIntoForce == Fixtures.date("1949-04-04"))
        #expect(status.state("USA")?.withdrawal == nil)
        #expect(status.state("GRC")?.entryIntoForce == Fixtures.date("1951-10-22"))
        #expect(status.state("DEU")?.entryIntoForce == Fixtures.date("1954-10-23"))
        #expect(status.state("DEU")?.withdrawal == nil)
        #expect(status.state("ALB")?.entryIntoForce == Fixtures.date("2008-07-09"))
        #expect(status.state("MNE")?.entryIntoForce == Fixtures.date("2016-05-19"))
        #expect(status.states.filter { $0.entryIntoForce != nil }.count == 29)
        #expect(Set(nato.provisions.map(\.category)) == [.defense, .nonAggression, .consultation])
        // Austria and Modena (1125): ATOP ends the alliance in May 1859 without a day; the exit stays reduced.
        let modena = try #require(result.files["atop-1125.yaml"])
        #expect(
            modena.contains(
                "{id: atop-1125-org-cow-332-out, date: 1859-05, type: denunciation, party: org:cow-332, source: atop"))
    }
}
