import Foundation
import PactaTestSupport
import Testing

/// `pacta import cow|atop` and `pacta compare`, run as a user would, on the fixtures of PactaDatasetsTests.
@Suite struct DatasetsCLITests {
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/PactaDatasetsTests/Fixtures")

    func fresh(_ name: String) -> URL {
        TestFolder.url(name)
    }

    /// A treaty file an import did not write (a curated one) is never replaced: the import is refused before
    /// anything is written, naming it; the same for manydata.
    @Test func anImportNeverReplacesACuratedFile() async throws {
        let out = fresh("curated")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let curated = "format: 1\nid: cow-227\n# a treaty file kept by hand\n"
        try curated.write(to: out.appendingPathComponent("cow-227.yaml"), atomically: true, encoding: .utf8)
        let members = Self.fixtures.appendingPathComponent("cow-members.csv").path
        let result = try await CLI.run(["import", "cow", "--members", members, "--out", out.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "\(out.path) holds 1 file an import did not write, which this import would replace: cow-227.yaml. Nothing was written. Import into another folder (--out), or move those files away first."
            ), "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("cow-227.yaml"), encoding: .utf8) == curated)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["cow-227.yaml"])
        let manydata = Fixtures.packageRoot.appendingPathComponent("Tests/PactaImportTests/Fixtures/bad-rows.csv").path
        try curated.write(to: out.appendingPathComponent("testag-1990a.yaml"), atomically: true, encoding: .utf8)
        let refused = try await CLI.run(["import", "manydata", "--memberships", manydata, "--out", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("which this import would replace: testag-1990a.yaml."), "\(refused.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("testag-1990a.yaml"), encoding: .utf8) == curated)
    }

    /// A membership ends where the treaty ends for all or the State ceases, as a data set ends its rows: the
    /// Warsaw Pact's members are not said to stay on after 1991-07-01, nor the GDR after 1990-10-03, nor Russia
    /// (which continues the USSR only from 1991-12-25) to be a member; Albania's exit, a real difference, stays.
    @Test func aMembershipEndsWithTheTreatyOrTheState() async throws {
        let members = Self.fixtures.appendingPathComponent("atop-members.csv").path
        let alliances = Self.fixtures.appendingPathComponent("atop-alliances.csv").path
        let compared = try await CLI.run(["compare", "atop", alliances, members])
        #expect(compared.status == 0)
        let warsaw = compared.stdout.split(separator: "\n").filter { $0.hasPrefix("warsaw-pact-1955") }
        #expect(
            warsaw.contains(
                "warsaw-pact-1955 / atop 3285: ALB exit: corpus 1975-06-04, atop 1968-09-12 (2456 days earlier in atop)"
            ))
        #expect(!warsaw.contains { $0.contains(" exit: ") && !$0.contains("ALB") }, "\(warsaw)")
        #expect(!warsaw.contains { $0.contains("RUS") }, "\(warsaw)")
    }

    /// Tables given the wrong way round: every row is refused, and the import and the comparison fail instead of
    /// importing nothing or finding "no differences".
    @Test func tablesThatYieldNothingFail() async throws {
        let members = Self.fixtures.appendingPathComponent("atop-members.csv").path
        let alliances = Self.fixtures.appendingPathComponent("atop-alliances.csv").path
        let compared = try await CLI.run(["compare", "atop", members, alliances])
        #expect(compared.status == 1)
        #expect(!compared.stdout.contains("No differences"))
        #expect(compared.stderr.contains("so nothing was compared."), "\(compared.stderr)")
        let out = fresh("swapped")
        let imported = try await CLI.run([
            "import", "atop", "--alliances", members, "--members", alliances, "--out", out.path,
        ])
        #expect(imported.status == 1)
        #expect(
            imported.stderr.contains("no row of the table could be imported; nothing was written."),
            "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func importCOWWritesFilesCheckAcceptsAndTheSameBytesTwice() async throws {
        let out = fresh("cow")
        let members = Self.fixtures.appendingPathComponent("cow-members.csv").path
        let first = try await CLI.run(["import", "cow", "--members", members, "--out", out.path])
        #expect(first.status == 0)
        #expect(first.stdout == "")
        #expect(first.stderrWithoutProgress == "76 rows read, 7 treaty files written, 0 rows refused\n")
        let check = try await CLI.run(["check", out.path])
        #expect(check.status == 0)
        #expect(check.stdout == "\(out.path): 7 files, 7 treaties, no errors.\n")
        let bytes = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        _ = try await CLI.run(["import", "cow", "--members", members, "--out", out.path])
        let again = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        #expect(bytes == again)
        // COW's German Federal Republic (260, from 1954-10-23) and Germany (255, from 1990-10-03): one membership.
        let status = try await CLI.run([
            "explain", "cow-227", "--party", "DEU", "--corpus", out.path, "--on", "2012-12-31",
        ])
        #expect(status.stdout.contains("(DEU): party\n  Consent to be bound: ratification on 1954-10-23"))
    }

    @Test func importCOWRefusesBadRowsWithFileRowColumnAndASummary() async throws {
        let out = fresh("cow-bad")
        let members = Self.fixtures.appendingPathComponent("cow-members-bad.csv").path
        let result = try await CLI.run(["import", "cow", "--members", members, "--out", out.path])
        #expect(result.status == 0)
        #expect(
            result.stderrWithoutProgress == """
                \(members):3:11: version4id 227: the date 1952-02-31 does not exist (mem_st_year, mem_st_month, mem_st_day)
                \(members):4:2: version4id 227: ccode 999 is not in the COW code table nor a known historical COW state
                \(members):5:16: version4id 227: ccode 640 leaves on 1950-01-01, before it enters on 1951-10-22
                \(members):6:13: version4id 227: the row has no mem_st_year field (it has 12 fields, the header 23)
                \(members):7:13: version4id 227: ccode 390 (Denmark) enters on 1949-04-03, before the alliance starts on 1949-04-04
                \(members):8:1: version4id 227: this row gives the alliance other dates (1949-04-05 to open) than its first row (1949-04-04 to open)
                7 rows read, 1 treaty files written, 6 rows refused
                  1 missing column
                  1 date that does not exist or is not a number
                  1 unknown country code
                  2 end before start, or a member before its alliance
                  1 rows of one alliance that give it different dates

                """)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "cow-227.yaml", "entities.yaml",
            ])
    }

    /// Import, then `pacta export dyads`: NATO's dyad-years as COW's own rule gives them from the by-member rows (a
    /// dyad in a year where both States are members on a common day of that year), 1949 to 2012, the last year
    /// COW v4.1 codes. Germany is one membership in the imported file (260 from 1954-10-23, 255 from 1990-10-03,
    /// both DEU) and the export gives it back under COW's two codes, as the rows have it.
    @Test func importThenExportDyadsGivesBackTheFixturesDyadYears() async throws {
        let out = fresh("cow-dyads")
        let members = Self.fixtures.appendingPathComponent("cow-members.csv")
        _ = try await CLI.run(["import", "cow", "--members", members.path, "--out", out.path])
        let export = try await CLI.run(["export", "dyads", "--from", "1949", "--to", "2012", "--corpus", out.path])
        #expect(export.status == 0)
        var exported: Set<String> = []
        for line in export.stdout.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields[10] == "cow-227" else { continue }
            exported.insert("\(fields[0]),\(fields[1]),\(fields[4])")
        }
        // NATO's rows: ccode, first and last day of membership (open: no exit).
        var spells: [(ccode: Int, from: CalendarDay, to: CalendarDay)] = []
        for line in try String(contentsOf: members, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f[0] == "227" else { continue }
            let from = CalendarDay(Int(f[12])!, Int(f[11])!, Int(f[10])!)
            let to = f[15].isEmpty ? CalendarDay(9999, 12, 31) : CalendarDay(Int(f[15])!, Int(f[14])!, Int(f[13])!)
            spells.append((Int(f[1])!, from, to))
        }
        var expected: Set<String> = []
        for year in 1949...2012 {
            for (i, a) in spells.enumerated() {
                for b in spells[(i + 1)...] {
                    let first = max(a.from, b.from, CalendarDay(year, 1, 1))
                    let last = min(a.to, b.to, CalendarDay(year, 12, 31))
                    if first <= last { expected.insert("\(min(a.ccode, b.ccode)),\(max(a.ccode, b.ccode)),\(year)") }
                }
            }
        }
        #expect(exported.subtracting(expected).sorted() == [])
        #expect(expected.subtracting(exported).sorted() == [])
        #expect(exported.count == 7809)
        #expect(exported.contains("2,260,1954"))
        #expect(exported.contains("2,255,1990"))
        #expect(!exported.contains("255,260,1990"))
        #expect(!exported.contains("2,290,1998"))
        #expect(exported.contains("2,290,1999"))
    }

    /// `--dyads`: COW's real directed-dyad rows of four alliances, checked against the by-member rows; the one
    /// finding is the open US–Australia dyad of ANZUS, which that copy leaves out (Fixtures/README.md).
    @Test func importCOWWithDyadsChecksThemAgainstTheMembers() async throws {
        let out = fresh("cow-dyads-check")
        let members = Self.fixtures.appendingPathComponent("cow-members.csv").path
        let dyads = Self.fixtures.appendingPathComponent("cow-dyads.csv").path
        let result = try await CLI.run(["import", "cow", "--members", members, "--dyads", dyads, "--out", out.path])
        #expect(result.status == 0)
        #expect(
            result.stderrWithoutProgress == """
                76 rows read, 7 treaty files written, 0 rows refused
                \(dyads): version4id 232: ccode 2 and ccode 900 share from 1951-09-01 to open in the members' rows, and the dyad table has no row for them
                64 dyad rows read, 64 of alliances the by-member table holds, 1 disagreements with the members' rows

                """)
    }

    @Test func importATOPWritesFilesCheckAccepts() async throws {
        let out = fresh("atop")
        let result = try await CLI.run([
            "import", "atop", "--alliances", Self.fixtures.appendingPathComponent("atop-alliances.csv").path,
            "--members", Self.fixtures.appendingPathComponent("atop-members.csv").path, "--out", out.path,
        ])
        #expect(
            result.stderr.hasSuffix(
                "118 rows read, 7 treaty files written, 1 rows refused\n  1 member of an alliance the alliance table does not list\n"
            ))
        let check = try await CLI.run(["check", out.path])
        #expect(check.status == 0)
        #expect(check.stdout == "\(out.path): 7 files, 7 treaties, no errors.\n")
    }

    /// With an index, `pacta compare` reads only the treaties that name the data set (and what they need): the
    /// output is byte for byte the output from the files, for COW and ATOP.
    @Test func compareFromTheIndexIsCompareFromTheFiles() async throws {
        let corpus = fresh("compare-index").path
        try FileManager.default.copyItem(atPath: Fixtures.corpusPath, toPath: corpus)
        let cow = ["compare", "cow", Self.fixtures.appendingPathComponent("cow-members-fin-differs.csv").path]
        let atop = [
            "compare", "atop", Self.fixtures.appendingPathComponent("atop-alliances.csv").path,
            Self.fixtures.appendingPathComponent("atop-members.csv").path,
        ]
        var fromFiles: [String] = []
        for arguments in [cow, atop] {
            let result = try await CLI.run(arguments + ["--corpus", corpus, "--format", "csv"])
            #expect(result.status == 0, "\(result.stderr)")
            fromFiles.append(result.stdout)
        }
        #expect(fromFiles.allSatisfy { $0.split(separator: "\n").count > 10 })
        let index = try await CLI.run(["index", "--corpus", corpus])
        #expect(index.status == 0, "\(index.stderr)")
        for (arguments, expected) in zip([cow, atop], fromFiles) {
            let result = try await CLI.run(arguments + ["--corpus", corpus, "--format", "csv"])
            #expect(result.status == 0)
            #expect(result.stdout == expected)
            #expect(!result.stderr.contains("note:"), "\(result.stderr)")
        }
    }

    /// The required case: COW codes Finland's NATO entry on 2023-04-05 (a constructed row: COW v4.1 ends in 2012),
    /// a day after the corpus; the difference is printed with the corpus's explanation (the same lines as `pacta
    /// explain north-atlantic-1949 --party FIN`). The shipped NATO file names COW's alliance 227 in its references,
    /// so the real rows are matched with it, and their real differences are listed too.
    @Test func compareCOWPrintsFinlandsDifferenceWithTheCorpussExplanation() async throws {
        let table = Self.fixtures.appendingPathComponent("cow-members-fin-differs.csv").path
        let corpus = CLI.sealedRoot.appendingPathComponent("corpus").path
        let result = try await CLI.run(["compare", "cow", table, "--corpus", corpus])
        #expect(result.status == 0)
        let explanation =
            "Consent to be bound: accession on 2023-04-04 (nat-acc-fin). Accession of 2023-04-04, after the treaty's entry into force: bound from that date (VCLT art. 24(3))."
        #expect(
            result.stdout.contains(
                """
                north-atlantic-1949 / cow 227: FIN entry: corpus 2023-04-04, cow 2023-04-05 (1 day later in cow)
                  supported: the corpus's 2023-04-04, by the treaty's rules: \(explanation)
                """))
        #expect(
            result.stdout.contains(
                "north-atlantic-1949 / cow 227: SWE is a member in the corpus (from 2024-03-07), not in cow\n"))
        // COW starts NATO on the day of signature and Greece on the day of the protocol of accession; the corpus
        // has the entry into force (1949-08-24) and Greece's deposit (1952-02-18).
        #expect(
            result.stdout.contains(
                "north-atlantic-1949 / cow 227: USA entry: corpus 1949-08-24, cow 1949-04-04 (142 days earlier in cow)\n"
            ))
        #expect(
            result.stdout.contains(
                "north-atlantic-1949 / cow 227: GRC entry: corpus 1952-02-18, cow 1951-10-22 (119 days earlier in cow)\n"
            ))
        #expect(
            result.stdout.contains("north-atlantic-1949 / cow 227: non-aggression obligation: corpus no, cow yes\n"))
        let explain = try await CLI.run(["explain", "north-atlantic-1949", "--party", "FIN", "--corpus", corpus])
        #expect(explain.stdout.contains("Consent to be bound: accession on 2023-04-04 (nat-acc-fin)."))
        let csv = try await CLI.run(["compare", "cow", table, "--corpus", corpus, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("treaty,dataset,alliance,kind,subject,corpus,data_set,days,supported\n"))
        #expect(
            csv.stdout.contains(
                "north-atlantic-1949,cow,227,entry,FIN,2023-04-04,2023-04-05,1,\"the corpus's 2023-04-04, by the treaty's rules: \(explanation)\"\n"
            ))
    }
}

/// A day, ordered, for the dyad-year rule of the test above.
struct CalendarDay: Comparable {
    let year: Int, month: Int, day: Int
    init(_ year: Int, _ month: Int, _ day: Int) { (self.year, self.month, self.day) = (year, month, day) }
    static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
