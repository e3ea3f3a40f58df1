import Foundation
import PactaTestSupport
import Testing

/// `pacta compare manydata`: the real HUGGO table against a treaty record taken from the UN status table (the
/// UNFCCC of the real-treaties fixtures, given its manydata reference).
@Suite struct CompareManydataCLITests {
    @Test func theUNFCCCAgainstHUGGO() async throws {
        let folder = TestFolder.url("compare")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures/real-treaties")
        let text = try String(
            contentsOf: fixtures.appendingPathComponent("unfccc-1992.yaml"), encoding: .utf8
        ).replacingOccurrences(of: "  unts: \"30822\"\n", with: "  unts: \"30822\"\n  manydata: UNFCCC_1992A\n")
        try text.write(to: folder.appendingPathComponent("unfccc-1992.yaml"), atomically: true, encoding: .utf8)
        let table = Fixtures.packageRoot.appendingPathComponent(
            "Tests/PactaImportTests/Fixtures/manytreaties/HUGGO_MEM_env_reconciled.csv"
        ).path
        let output = try await CLI.run(["compare", "manydata", table, "--corpus", folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        // Afghanistan ratified on 2002-09-19; the convention's art. 23(3) puts it in force for it 90 days later,
        // which the table, read without the treaty's final clauses, does not do.
        #expect(
            output.stdout.contains(
                "unfccc-1992 / manydata UNFCCC_1992A: AFG entry: corpus 2002-12-18, manydata 2002-09-19 (90 days earlier in manydata)"
            ))
        #expect(output.stdout.contains("90 days after 2002-09-19 is 2002-12-18."))
        #expect(output.stderr.contains("652 rows of"))
        let csv = try await CLI.run(["compare", "manydata", table, "--corpus", folder.path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("treaty,dataset,alliance,kind,subject,corpus,data_set,days,supported\n"))
        #expect(csv.stdout.contains("unfccc-1992,manydata,UNFCCC_1992A,entry,AFG,2002-12-18,2002-09-19,-90,"))
    }
}
