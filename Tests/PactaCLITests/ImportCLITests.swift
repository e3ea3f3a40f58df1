import Foundation
import PactaTestSupport
import Testing

/// `pacta import manydata` and `pacta export members` run as a user would: refusals and the summary on standard
/// error, a folder `pacta check` accepts, and rows in manydata's conventions.
@Suite struct ImportCLITests {
    static let fixture = Fixtures.packageRoot.appendingPathComponent("Tests/PactaImportTests/Fixtures/bad-rows.csv")
        .path

    @Test func importRefusesBadRowsAndTheFolderChecks() async throws {
        let out = CLI.sealedRoot.appendingPathComponent("imported-\(UUID().uuidString)").path
        let result = try await CLI.run([
            "import", "manydata", "--memberships", Self.fixture, "--out", out, "--data-version", "test",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(
            result.stderrWithoutProgress == """
                \(Self.fixture):4:10: refused: stateRat: the date 31.02.1990 does not exist
                \(Self.fixture):5:3: refused: stateID 'Bayern' is not an ISO 3166-1 alpha-3 code, a former code ISO 3166-3 keeps, or an organisation the import knows; the treaty format cannot declare another State (docs/import.md)
                \(Self.fixture):6:12: refused: stateWithdrawal 01.01.1994 is before stateRat 01.01.1995: the membership ends before it starts
                \(Self.fixture):7:6: refused: column 'End' is missing: the row has 5 fields, the header 15
                successions.yaml: the shipped table of successions of States, copied so that former States (DDR, SUN, YUG ...) cease on their dates; edit it as any corpus file.
                8 rows read, 4 imported into 1 treaty files (2 written, 0 unchanged), 4 refused.
                  1 refused: missing column (the row has fewer fields than the header)
                  1 refused: date that does not exist or is not dd.mm.yyyy
                  1 refused: stateID that is not an ISO 3166 code or a known organisation
                  1 refused: dates out of order (an act before the adoption, or an end before its start)

                """)
        let file = try String(contentsOfFile: out + "/testag-1990a.yaml", encoding: .utf8)
        #expect(
            file.contains(
                "sources:\n  manydata: {title: \"manydata data set bad-rows, version test: memberships, one row per agreement (manyID) and State (stateID)\", url: \"https://github.com/globalgov/manytreaties\"}"
            ))
        let check = try await CLI.run(["check", out])
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("\(out): 1 file, 1 treaty, no errors.\n"))
        // Again: the same bytes, nothing written.
        let again = try await CLI.run([
            "import", "manydata", "--memberships", Self.fixture, "--out", out, "--data-version", "test",
        ])
        #expect(
            again.stderr.contains("8 rows read, 4 imported into 1 treaty files (0 written, 2 unchanged), 4 refused."))
        #expect(try String(contentsOfFile: out + "/testag-1990a.yaml", encoding: .utf8) == file)
        // The imported treaty's status, from the documented date.
        let status = try await CLI.run([
            "status", "testag-1990a", "--corpus", out, "--on", "1993-01-01", "--format", "json",
        ])
        #expect(status.stdout.contains("\"entry-into-force\" : \"1991-06-01\""))
        // The GDR's row ends on 3 October 1990: with the successions table copied, it ceased then, and is no party.
        #expect(!again.stderr.contains("successions.yaml"))
        let ddr = try await CLI.run([
            "status", "testag-1990a", "--corpus", out, "--on", "1993-01-01", "--party", "DDR", "--format", "json",
        ])
        #expect(ddr.stdout.contains("\"status\" : \"ceased\""), "\(ddr.stdout)")
    }

    @Test func aTableThatCannotBeReadStopsTheImport() async throws {
        let table = Fixtures.packageRoot.appendingPathComponent("Tests/PactaImportTests/Fixtures/no-state-column.csv")
            .path
        let out = CLI.sealedRoot.appendingPathComponent("imported-\(UUID().uuidString)").path
        let result = try await CLI.run(["import", "manydata", "--memberships", table, "--out", out])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: \(table):1:7: the header has no column 'stateID'; a manydata memberships table has manyID, stateID, Title, Begin, Signature, Force (see docs/import.md)\n"
        )
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// An empty table is called empty (not the CSV reader's case name), and an --out that is a file is refused in
    /// words (not a Foundation error domain).
    @Test func anEmptyTableAndAFileForOutAreSaidPlainly() async throws {
        let folder = TestFolder.url("import-plain")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.csv").path
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        let result = try await CLI.run(["import", "manydata", "--memberships", empty, "--out", folder.path + "/out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("empty"), "\(result.stderr)")
        #expect(!result.stderr.contains("cannotReadHeaderRow"), "\(result.stderr)")
        let file = folder.appendingPathComponent("a-file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let members = Self.fixture
        let out = try await CLI.run(["import", "manydata", "--memberships", members, "--out", file])
        #expect(out.status == 1)
        #expect(
            out.stderr
                == "Error: --out \(file) is a file; give a folder for the treaty files (it is made where missing).\n")
    }

    @Test func exportMembersInManydataConventions() async throws {
        let result = try await CLI.run(["export", "members", "--treaty", "north-atlantic-1949", "--on", "2025-01-01"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "manyID,treatyID,stateID,cowID,cowAbb,Title,Begin,Force,stateSignature,stateRat,consentForm,Accession,Acceptance,Succession,stateForce,stateWithdrawal,stateWithdrawalNotified,Signature"
        )
        #expect(
            lines.contains(
                "north-atlantic-1949,north-atlantic-1949,FIN,375,FIN,The North Atlantic Treaty,04.04.1949,24.08.1949,NA,04.04.2023,accession,04.04.2023,NA,NA,04.04.2023,NA,NA,04.04.1949"
            ))
        #expect(
            lines.contains(
                "north-atlantic-1949,north-atlantic-1949,USA,2,USA,The North Atlantic Treaty,04.04.1949,24.08.1949,04.04.1949,25.07.1949,ratification,NA,NA,NA,24.08.1949,NA,NA,04.04.1949"
            ))
        // The Federal Republic joined in 1955, under COW's code of the time (260, GFR).
        #expect(
            lines.contains(
                "north-atlantic-1949,north-atlantic-1949,DEU,260,GFR,The North Atlantic Treaty,04.04.1949,24.08.1949,NA,06.05.1955,accession,06.05.1955,NA,NA,06.05.1955,NA,NA,04.04.1949"
            ))
        // Sweden, in 2024, is not yet in a table as the record stood on 2023-12-31.
        let before = try await CLI.run(["export", "members", "--treaty", "north-atlantic-1949", "--on", "2023-12-31"])
        #expect(!before.stdout.contains(",SWE,"))
    }

    /// One treaty's table from a fresh index reads that treaty (and what its conditions need), not the folder:
    /// the same rows as from the files, even with another treaty's file broken since the index was made; the whole
    /// table then reads the files and says why. The whole table holds each treaty's rows as `--treaty` gives them.
    @Test func oneTreatysMembersFromTheIndexAreTheSameAsFromTheFiles() async throws {
        let folder = TestFolder.path("members-index")
        try FileManager.default.copyItem(atPath: Fixtures.corpusPath, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasPrefix(".pacta-index") {
            try FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        let one = ["export", "members", "--treaty", "north-atlantic-1949", "--on", "2025-01-01", "--corpus", folder]
        let all = ["export", "members", "--on", "2025-01-01", "--corpus", folder]
        let fromFiles = try await CLI.run(one)
        let whole = try await CLI.run(all)
        #expect(fromFiles.status == 0 && whole.status == 0)
        _ = try await CLI.run(["index", "--corpus", folder])
        try "format: 1\nid: [broken\n".write(toFile: folder + "/anzus-1951.yaml", atomically: true, encoding: .utf8)
        let fromIndex = try await CLI.run(one)
        #expect(fromIndex.status == 0)
        #expect(fromIndex.stderr == "")
        #expect(fromIndex.stdout == fromFiles.stdout)
        #expect(fromIndex.stdout.split(separator: "\n").count == 33)
        let rows = fromFiles.stdout.split(separator: "\n").dropFirst()
        let wholeLines = whole.stdout.split(separator: "\n")
        #expect(wholeLines.first == fromFiles.stdout.split(separator: "\n").first)
        #expect(wholeLines.filter { $0.hasPrefix("north-atlantic-1949,") } == Array(rows))
        let broken = try await CLI.run(all)
        #expect(broken.stderr.contains("anzus-1951.yaml"))
    }

    /// The whole table is made from the status table (plain treaties by the compact engine); "as known on" a day
    /// after every record makes each treaty's status one by one through the full engine: the same rows.
    @Test func theWholeMembersTableIsTheEngines() async throws {
        for date in ["1960-01-01", "1995-06-30", "2025-01-01"] {
            let table = try await CLI.run(["export", "members", "--on", date])
            let engine = try await CLI.run(["export", "members", "--on", date, "--as-known-on", "9999-12-31"])
            #expect(table.status == 0 && engine.status == 0)
            #expect(table.stdout == engine.stdout)
            if date == "1995-06-30" { #expect(table.stdout.split(separator: "\n").count == 492) }
        }
    }

    /// The members table reads back with `pacta import manydata`: the same consents and dates, and a withdrawal at
    /// the day of its notice, not a year later at each round (Burundi's withdrawal from the Rome Statute).
    @Test func theMembersTableReadsBack() async throws {
        let folder = TestFolder.url("members-round")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let exported = try await CLI.run(["export", "members", "--treaty", "rome-statute-1998", "--on", "2025-01-01"])
        #expect(exported.status == 0)
        let table = folder.appendingPathComponent("members.csv").path
        try exported.stdout.write(toFile: table, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let imported = try await CLI.run([
            "import", "manydata", "--memberships", table, "--out", out, "--data-version", "round",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try await CLI.run([
            "export", "members", "--treaty", "rome-statute-1998", "--on", "2025-01-01", "--corpus", out,
        ])
        #expect(again.status == 0, "\(again.stderr)")
        func row(_ text: String, _ code: String) -> [String]? {
            text.split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            .first { $0.count > 16 && $0[2] == code }
        }
        // Burundi's withdrawal: notified 2016-10-27, in effect 2017-10-27, the same after the round.
        let first = try #require(row(exported.stdout, "BDI"))
        let second = try #require(row(again.stdout, "BDI"))
        #expect(first[15] == "27.10.2017" && first[16] == "27.10.2016", "\(first)")
        #expect(second[15] == first[15] && second[16] == first[16], "\(second)")
        #expect(second[9] == first[9])
    }
}
