import Foundation
import PactaTestSupport
import Testing

/// The command line on the law of issue #14: a State that ceased, a lone file checked with its folder's
/// declarations, and the dyad of a State whose COW code changed during a year.
@Suite struct TreatyLawCLITests {
    @Test func statusShowsTheUSSRAsCeased() async throws {
        let text = try await CLI.run(["status", "su-kp-1961-friendship", "--party", "SUN", "--on", "1993-01-01"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("\nSUN    USSR  ceased  1961-09-10       1961-07-06  -        -\n"))
        #expect(text.stdout.contains("  Ceased on 1991-12-25: succeeded by RUS (sk61-succ-rus).\n"))
        let json = try await CLI.run([
            "status", "su-kp-1961-friendship", "--party", "SUN", "--on", "1993-01-01", "--format", "json",
        ])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let states = try #require(document["states"] as? [[String: Any]])
        #expect(states.map { "\($0["code"]!) \($0["status"]!) \($0["ceased"]!)" } == ["SUN ceased 1991-12-25"])
        // The day before, the USSR is a party.
        let before = try await CLI.run(["status", "su-kp-1961-friendship", "--party", "SUN", "--on", "1991-12-24"])
        #expect(before.stdout.contains("\nSUN    USSR  party   1961-09-10       1961-07-06  -        -\n"))
    }

    @Test func checkingOneFileReadsItsFoldersDeclarations() async throws {
        let output = try await CLI.run(["check", "corpus/unclos-1982.yaml"])
        #expect(output.stdout == "corpus/unclos-1982.yaml: 1 file, 1 treaty, no errors.\n")
        #expect(output.status == 0)
        // A file in a folder without entities.yaml: its organisations are undeclared.
        let folder = TestFolder.url("lone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: "\(Fixtures.corpusPath)/unclos-1982.yaml",
            toPath: folder.appendingPathComponent("unclos-1982.yaml").path)
        let alone = try await CLI.run(["check", "unclos-1982.yaml"], in: folder)
        #expect(alone.status == 1)
        #expect(
            alone.stdout.hasPrefix(
                "unclos-1982.yaml:14:13: error: depositary: organisation 'org:un' is not declared in the corpus's entities.yaml\n"
            ))
        #expect(
            alone.stdout.hasSuffix(
                "unclos-1982.yaml: 3 errors in 1 of 1 file. Every field, event type and rule is described in docs/treaty-format.md.\n"
            ))
    }

    /// A treaty's id where a path was meant checks its file in the corpus.
    @Test func checkingATreatyByItsId() async throws {
        let output = try await CLI.run(["check", "unclos-1982"])
        #expect(output.stdout == "corpus/unclos-1982.yaml: 1 file, 1 treaty, no errors.\n")
        #expect(output.status == 0)
    }

    /// A file checked alone is held to its name as in its folder's check.
    @Test func checkingOneFileHoldsItToItsName() async throws {
        let folder = TestFolder.url("renamed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (from, to) in [("entities.yaml", "entities.yaml"), ("anzus-1951.yaml", "anzus.yaml")] {
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/\(from)", toPath: folder.appendingPathComponent(to).path)
        }
        let alone = try await CLI.run(["check", "anzus.yaml"], in: folder)
        #expect(alone.status == 1)
        #expect(
            alone.stdout.contains(
                "anzus.yaml:2:5: error: the file is named 'anzus.yaml' but holds treaty 'anzus-1951'; name it 'anzus-1951.yaml'"
            ), "\(alone.stdout)")
    }

    /// A folder's file that is not a treaty (`entities.yaml`, `regions.yaml` ...) checked alone is read as the
    /// folder's check reads it: its own faults, not every treaty field missing (a tester's finding).
    @Test func aContextFileCheckedAloneIsReadAsWhatItIs() async throws {
        let shipped = try await CLI.run(["check", Fixtures.corpusPath + "/entities.yaml"])
        #expect(shipped.status == 0)
        #expect(shipped.stdout == Fixtures.corpusPath + "/entities.yaml: 1 file, 0 treaties, no errors.\n")
        let folder = TestFolder.url("context-alone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "org:EU: {names: {en: Europe}}\n".write(
            to: folder.appendingPathComponent("entities.yaml"), atomically: true, encoding: .utf8)
        let broken = try await CLI.run(["check", "entities.yaml"], in: folder)
        #expect(broken.status == 1)
        #expect(
            broken.stdout.hasPrefix(
                "entities.yaml:1:1: error: 'org:EU' is not an organisation code; write org:<slug> with a-z, 0-9 and -"),
            "\(broken.stdout)")
        #expect(!broken.stdout.contains("missing the field"))
        #expect(
            broken.stdout.hasSuffix(
                "entities.yaml: 1 error in 1 of 1 file. Every field, event type and rule is described in docs/treaty-format.md.\n"
            ))
    }

    /// A folder with no treaty file is said to be one, not reported as "0 files, no errors" (a tester checked a
    /// folder named like a treaty file, `d.yaml`).
    @Test func checkingAFolderWithoutTreatyFilesSaysSo() async throws {
        let folder = TestFolder.url("no-treaties")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("d.yaml"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let named = try await CLI.run(["check", "d.yaml"], in: folder)
        #expect(
            named.stdout
                == "d.yaml: no treaty file (.yaml, .yml or .json) in this folder, which is a folder, not a treaty file; nothing was checked.\n"
        )
        // A path that is not there, and a link to nothing, are each said to be what they are.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("gone.yaml").path, withDestinationPath: "nowhere")
        let missing = try await CLI.run(["check", "nope.yaml"], in: folder)
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains("cannot check nope.yaml: no such corpus folder or treaty file"), "\(missing.stderr)"
        )
        let dangling = try await CLI.run(["check", "gone.yaml"], in: folder)
        #expect(
            dangling.stderr.contains("cannot check gone.yaml: a symbolic link to 'nowhere', which does not exist"),
            "\(dangling.stderr)")
        let empty = try await CLI.run(["check", "d.yaml/"], in: folder)
        #expect(empty.stdout == "d.yaml/: no treaty file (.yaml, .yml or .json) in this folder; nothing was checked.\n")
    }

    /// A treaty file whose extension is in upper case (`anzus-1951.YAML`) is read and refused for its name by the
    /// folder's check and by the index, not passed over without a word (a tester found `UP.YAML` ignored).
    @Test func aTreatyFileWithAnUpperCaseExtensionIsRefusedByName() async throws {
        let folder = TestFolder.url("upper-extension")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (from, to) in [
            ("entities.yaml", "entities.yaml"), ("regions.yaml", "regions.yaml"),
            ("anzus-1951.yaml", "anzus-1951.YAML"),
        ] {
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/\(from)", toPath: folder.appendingPathComponent(to).path)
        }
        let check = try await CLI.run(["check", "."], in: folder)
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "./anzus-1951.YAML:2:5: error: the file's extension 'YAML' is not in lower case; name it 'anzus-1951.yaml' (a treaty's file is found by its id and a lower-case .yaml, .yml or .json)"
            ), "\(check.stdout)")
        #expect(check.stdout.contains(".: 1 error in 1 of 1 file."), "\(check.stdout)")
        // Beside the well-named file, the refused one does not take the treaty's id from it (it sorts first).
        try FileManager.default.copyItem(
            atPath: "\(Fixtures.corpusPath)/anzus-1951.yaml",
            toPath: folder.appendingPathComponent("anzus-1951.yaml").path)
        let both = try await CLI.run(["check", "."], in: folder)
        #expect(
            both.stdout.contains(
                "./anzus-1951.YAML:2:5: error: treaty id 'anzus-1951' is already used by ./anzus-1951.yaml"),
            "\(both.stdout)")
        #expect(!both.stdout.contains("./anzus-1951.yaml:"), "\(both.stdout)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("anzus-1951.yaml"))
        // Another extension is named as no treaty file's.
        try FileManager.default.copyItem(
            atPath: "\(Fixtures.corpusPath)/anzus-1951.yaml",
            toPath: folder.appendingPathComponent("anzus-1951.txt").path)
        let text = try await CLI.run(["check", "anzus-1951.txt"], in: folder)
        #expect(
            text.stdout.contains(
                "anzus-1951.txt:2:5: error: '.txt' is not a treaty file's extension; name it 'anzus-1951.yaml' (a treaty's file is found by its id and .yaml, .yml or .json)"
            ), "\(text.stdout)")
        let index = try await CLI.run(["index", "."], in: folder)
        #expect(index.status == 1)
        #expect(
            index.stdout.contains("Not stored in the index, with errors (see 'pacta check .'): anzus-1951.YAML."),
            "\(index.stdout)")
    }

    @Test func dyadsKeepWestGermanyForThePartOf1990BeforeUnification() async throws {
        let output = try await CLI.run(["export", "dyads", "--from", "1989", "--to", "1991"])
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
