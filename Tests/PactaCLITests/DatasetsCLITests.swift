import Foundation
import PactaTestSupport
import Testing

/// `pacta import cow|atop` and `pacta compare`, run as a user would, on the fixtures of PactaDatasetsTests.
@Suite struct DatasetsCLITests {
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/PactaDatasetsTests/Fixtures")

    func fresh(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pacta-\(name)-\(UUID().uuidString)")
    }

    @Test func importCOWWritesFilesCheckAcceptsAndTheSameBytesTwice() throws {
        let out = fresh("cow")
        let members = Self.fixtures.appendingPathComponent("cow-members.csv").path
        let first = try CLI.run(["import", "cow", "--members", members, "--out", out.path])
        #expect(first.status == 0)
        #expect(first.stdout == "")
        #expect(first.stderr == "20 rows read, 2 treaty files written, 0 rows refused\n")
        let check = try CLI.run(["check", out.path])
        #expect(check.status == 0)
        #expect(check.stdout == "\(out.path): 2 files, 2 treaties, no errors.\n")
        let bytes = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        _ = try CLI.run(["import", "cow", "--members", members, "--out", out.path])
        let again = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        #expect(bytes == again)
        let status = try CLI.run(["explain", "cow-9001", "--party", "FIN", "--corpus", out.path])
        #expect(status.stdout.contains("Finland (FIN): party\n  Consent to be bound: ratification on 2023-04-04"))
    }

    @Test func importCOWRefusesBadRowsWithFileRowColumnAndASummary() throws {
        let out = fresh("cow-bad")
        let members = Self.fixtures.appendingPathComponent("cow-members-bad.csv").path
        let result = try CLI.run(["import", "cow", "--members", members, "--out", out.path])
        #expect(result.status == 0)
        #expect(
            result.stderr == """
                \(members):3:11: version4id 9001: the date 1952-02-31 does not exist (mem_st_year, mem_st_month, mem_st_day)
                \(members):4:2: version4id 9001: ccode 999 is not in the COW code table nor a known historical COW state
                \(members):5:16: version4id 9001: ccode 640 leaves on 1950-01-01, before it enters on 1952-02-18
                \(members):6:13: version4id 9001: the row has no mem_st_year field (it has 12 fields, the header 23)
                \(members):7:13: version4id 9001: ccode 390 (Denmark) enters on 1949-04-04, before the alliance starts on 1949-08-24
                6 rows read, 1 treaty files written, 5 rows refused
                  1 missing column
                  1 date that does not exist or is not a number
                  1 unknown country code
                  2 end before start, or a member before its alliance

                """)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "cow-9001.yaml", "entities.yaml",
            ])
    }

    /// Import, then `pacta export dyads`: the dyad-years COW's own rule gives for the fixture (a dyad in a year where
    /// both States are members on a day of that year). One difference, explained: COW's state list codes Germany 260
    /// until 2 October 1990 and 255 after, and the export follows it, where the fixture's row keeps 260.
    @Test func importThenExportDyadsGivesBackTheFixturesDyadYears() throws {
        let out = fresh("cow-dyads")
        let members = Self.fixtures.appendingPathComponent("cow-members.csv")
        _ = try CLI.run(["import", "cow", "--members", members.path, "--out", out.path])
        let export = try CLI.run(["export", "dyads", "--from", "1949", "--to", "2024", "--corpus", out.path])
        #expect(export.status == 0)
        var exported: Set<String> = []
        for line in export.stdout.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[10] == "cow-9001")
            exported.insert("\(fields[0]),\(fields[1]),\(fields[4])")
        }
        // The fixture's NATO rows: ccode and entry year (no exits).
        var entries: [(Int, Int)] = []
        for line in try String(contentsOf: members, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields[0] == "9001" else { continue }
            entries.append((Int(fields[1])!, Int(fields[12])!))
        }
        var expected: Set<String> = []
        for year in 1949...2024 {
            var codes: [Int] = []
            for (ccode, entered) in entries where entered <= year {
                if ccode == 260 && year == 1990 {
                    codes += [255, 260]  // 260 until 2 October 1990, 255 from 3 October: both bear 1990.
                } else {
                    codes.append(ccode == 260 && year > 1990 ? 255 : ccode)
                }
            }
            codes.sort()
            for (i, a) in codes.enumerated() {
                for b in codes[(i + 1)...] where !(a == 255 && b == 260) { expected.insert("\(a),\(b),\(year)") }
            }
        }
        #expect(exported.subtracting(expected).sorted() == [])
        #expect(expected.subtracting(exported).sorted() == [])
        #expect(exported.count == 8513)
        #expect(exported.contains("2,260,1955"))
        #expect(exported.contains("2,375,2023"))
        #expect(!exported.contains("2,375,2022"))
    }

    @Test func importATOPWritesFilesCheckAccepts() throws {
        let out = fresh("atop")
        let result = try CLI.run([
            "import", "atop", "--alliances", Self.fixtures.appendingPathComponent("atop-alliances.csv").path,
            "--members", Self.fixtures.appendingPathComponent("atop-members.csv").path, "--out", out.path,
        ])
        #expect(
            result.stderr.hasSuffix(
                "11 rows read, 1 treaty files written, 1 rows refused\n  1 member of an alliance the alliance table does not list\n"
            ))
        let check = try CLI.run(["check", out.path])
        #expect(check.status == 0)
        #expect(check.stdout == "\(out.path): 1 file, 1 treaty, no errors.\n")
    }

    /// The required case: COW codes Finland's NATO entry on 2023-04-05, a day after the corpus; the difference is
    /// printed with the corpus's explanation (the same lines as `pacta explain north-atlantic-1949 --party FIN`).
    @Test func compareCOWPrintsFinlandsDifferenceWithTheCorpussExplanation() throws {
        let corpus = fresh("compare-corpus")
        try FileManager.default.copyItem(at: CLI.sealedRoot.appendingPathComponent("corpus"), to: corpus)
        let file = corpus.appendingPathComponent("north-atlantic-1949.yaml")
        // 9001 is the fixture's stand-in id for NATO (see Fixtures/README.md).
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "\nrecord: unconfirmed\n", with: "\nreferences: {cow: \"9001\"}\nrecord: unconfirmed\n"
        ).write(to: file, atomically: true, encoding: .utf8)
        let table = Self.fixtures.appendingPathComponent("cow-members-fin-differs.csv").path
        let result = try CLI.run(["compare", "cow", table, "--corpus", corpus.path])
        #expect(result.status == 0)
        let explanation =
            "Consent to be bound: accession on 2023-04-04 (nat-acc-fin). Accession of 2023-04-04, after the treaty's entry into force: bound from that date (VCLT art. 24(3))."
        #expect(
            result.stdout.contains(
                """
                north-atlantic-1949 / cow 9001: FIN entry: corpus 2023-04-04, cow 2023-04-05 (1 day later in cow)
                  supported: the corpus's 2023-04-04, by the treaty's rules: \(explanation)
                """))
        #expect(
            result.stdout.contains(
                "north-atlantic-1949 / cow 9001: SWE is a member in the corpus (from 2024-03-07), not in cow\n"))
        #expect(!result.stdout.contains("GRC"))
        #expect(!result.stdout.contains("obligation"))
        let explain = try CLI.run(["explain", "north-atlantic-1949", "--party", "FIN", "--corpus", corpus.path])
        #expect(explain.stdout.contains("Consent to be bound: accession on 2023-04-04 (nat-acc-fin)."))
        let csv = try CLI.run(["compare", "cow", table, "--corpus", corpus.path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("treaty,dataset,alliance,kind,subject,corpus,data_set,days,supported\n"))
        #expect(
            csv.stdout.contains(
                "north-atlantic-1949,cow,9001,entry,FIN,2023-04-04,2023-04-05,1,\"the corpus's 2023-04-04, by the treaty's rules: \(explanation)\"\n"
            ))
    }
}
