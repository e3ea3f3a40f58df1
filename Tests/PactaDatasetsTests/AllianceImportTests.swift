import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

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
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-datasets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return (folder.path, try CorpusLoader().load(directory: folder.path))
}

@Suite struct AllianceImportTests {
    @Test func cowFixtureImportsIntoFilesTheCheckAccepts() throws {
        let result = try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
        #expect(result.refusals == [])
        #expect(result.rowsRead == 20)
        #expect(result.files.keys.sorted() == ["cow-9001.yaml", "cow-9002.yaml", "entities.yaml"])
        let (_, loaded) = try load(result.files)
        #expect(loaded.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(loaded.corpus.treaties.count == 2)
    }

    @Test func statusesGiveTheDataSetsDates() throws {
        let result = try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
        let (_, loaded) = try load(result.files)
        let nato = try #require(loaded.corpus["cow-9001"])
        #expect(nato.references == ["cow": "9001"])
        #expect(nato.record == .partial)
        let status = Lifecycle(corpus: loaded.corpus).status(of: nato, on: Fixtures.date("2024-01-01"))
        func entry(_ code: PartyCode) -> String? { status.state(code)?.entryIntoForce?.description }
        #expect(status.entryIntoForce == Fixtures.date("1949-08-24"))
        #expect(entry("USA") == "1949-08-24")
        #expect(entry("GRC") == "1952-02-18")
        #expect(entry("TUR") == "1952-02-18")
        #expect(entry("DEU") == "1955-05-06")
        #expect(entry("ESP") == "1982-05-30")
        #expect(entry("FIN") == "2023-04-04")
        #expect(Set(nato.provisions.map(\.category)) == [.defense, .consultation])
    }

    @Test func historicalStatesAreDeclaredEntitiesAndReducedDatesStayReduced() throws {
        let result = try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
        #expect(
            result.files["entities.yaml"]
                == """
                # Written by pacta import cow: COW states with no ISO 3166 code, as historical entities (names from the COW state system list).
                org:cow-240: {names: {en: "Hanover"}, kind: historical-state}
                org:cow-245: {names: {en: "Bavaria"}, kind: historical-state}
                org:cow-329: {names: {en: "Two Sicilies"}, kind: historical-state}

                """)
        let file = try #require(result.files["cow-9002.yaml"])
        #expect(file.contains("{id: cow-9002-org-cow-329-in, date: 1816-03, type: consent"))
        #expect(
            file.contains(
                "{id: cow-9002-org-cow-329-out, date: \"1861\", type: denunciation, party: org:cow-329, source: cow"))
        #expect(
            file.contains(
                "{id: cow-9002-org-cow-240-out, date: 1866-06, type: denunciation, party: org:cow-240, source: cow"))
        #expect(
            file.contains(
                "{id: cow-9002-org-cow-245-out, date: 1866-06-08, type: denunciation, party: org:cow-245, effective: 1866-06-08, source: cow"
            ))
        let (_, loaded) = try load(result.files)
        let alliance = try #require(loaded.corpus["cow-9002"])
        let status = Lifecycle(corpus: loaded.corpus).status(of: alliance, on: Fixtures.date("1870-01-01"))
        #expect(status.state("org:cow-245")?.withdrawal?.effective == Fixtures.date("1866-06-08"))
    }

    @Test func badRowsAreRefusedWithFileRowColumnAndTheOthersImported() throws {
        let result = try AllianceImport.cow(members: fixture("cow-members-bad.csv"), file: "bad.csv")
        #expect(
            result.refusals.map(\.description) == [
                "bad.csv:3:11: version4id 9001: the date 1952-02-31 does not exist (mem_st_year, mem_st_month, mem_st_day)",
                "bad.csv:4:2: version4id 9001: ccode 999 is not in the COW code table nor a known historical COW state",
                "bad.csv:5:16: version4id 9001: ccode 640 leaves on 1950-01-01, before it enters on 1952-02-18",
                "bad.csv:6:13: version4id 9001: the row has no mem_st_year field (it has 12 fields, the header 23)",
                "bad.csv:7:13: version4id 9001: ccode 390 (Denmark) enters on 1949-04-04, before the alliance starts on 1949-08-24",
            ])
        #expect(result.files.keys.sorted() == ["cow-9001.yaml", "entities.yaml"])
        #expect(result.files["cow-9001.yaml"]?.contains("party: USA") == true)
        #expect(result.files["cow-9001.yaml"]?.contains("party: GRC") == false)
        #expect(
            result.summary == """
                6 rows read, 1 treaty files written, 5 rows refused
                  1 missing column
                  1 date that does not exist or is not a number
                  1 unknown country code
                  2 end before start, or a member before its alliance
                """)
    }

    @Test func importingTwiceGivesTheSameBytes() throws {
        let first = try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
        let second = try AllianceImport.cow(members: fixture("cow-members.csv"), file: "cow-members.csv")
        #expect(first.files == second.files)
    }

    @Test func atopFixtureImports() throws {
        let result = try AllianceImport.atop(
            alliances: fixture("atop-alliances.csv"), alliancesFile: "atop-alliances.csv",
            members: fixture("atop-members.csv"), membersFile: "atop-members.csv")
        #expect(
            result.refusals.map(\.description) == [
                "atop-members.csv:11:1: atopid 3181: not in atop-alliances.csv (or refused there)"
            ])
        let (_, loaded) = try load(result.files)
        #expect(loaded.diagnostics.filter(\.isError).map(\.description) == [])
        let nato = try #require(loaded.corpus["atop-3180"])
        #expect(nato.references == ["atop": "3180"])
        let status = Lifecycle(corpus: loaded.corpus).status(of: nato, on: Fixtures.date("2025-01-01"))
        #expect(status.state("DEU")?.entryIntoForce == Fixtures.date("1955-05-06"))
        #expect(status.state("SWE")?.entryIntoForce == Fixtures.date("2024-03-07"))
        #expect(Set(nato.provisions.map(\.category)) == [.defense, .consultation])
    }
}
