import Foundation
import PactaTestSupport
import Testing

/// What a newcomer meets in the first hour: the words and shapes of the answers (issue: a newcomer's first hour).
@Suite struct NewcomerTests {
    /// A copy of the shipped corpus in a temporary folder, so that nothing is written into the package.
    func corpusCopy() throws -> String {
        let folder = TestFolder.path("newcomer")
        try FileManager.default.copyItem(atPath: Fixtures.corpusPath, toPath: folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasPrefix(".pacta-index") {
            try FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        return folder
    }

    @Test func aTreatyIsFoundByItsAlias() async throws {
        let output = try await CLI.run(["status", "nato", "--on", "2020-01-01"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "The North Atlantic Treaty")
        #expect(lines.dropFirst().first?.hasPrefix("north-atlantic-1949 · multilateral") == true)
        #expect(
            try await CLI.run(["status", "CSTO", "--on", "2000-01-01"]).stdout.hasPrefix("Collective Security Treaty\n")
        )
    }

    @Test func searchTakesUnquotedWords() async throws {
        let folder = try corpusCopy()
        let output = try await CLI.run(["search", "military", "assistance", "--corpus", folder, "--format", "json"])
        #expect(output.status == 0)
        #expect(
            output.stdout.contains("\"query\":\"military assistance\"")
                || output.stdout.contains("\"query\" : \"military assistance\""))
        #expect(output.stdout.contains("collective-security-1992"))
    }

    @Test func searchFindsAnotherInflectionOfARussianWord() async throws {
        let folder = try corpusCopy()
        let output = try await CLI.run(["search", "военной помощи", "--corpus", folder])
        #expect(output.status == 0)
        #expect(output.stdout.contains("ru-kp-2024-partnership art. 4 · summary · ru"))
        #expect(output.stdout.contains("[военную]") && output.stdout.contains("[помощь]"))
    }

    /// An index path that is not a Pacta index: the search is made over the files, with the reason in SQLite's
    /// own words (not the statement it ran) and what to do.
    @Test func searchWithAnUnusableIndexSearchesTheFiles() async throws {
        let folder = try corpusCopy()
        let junk = folder + "/junk.sqlite"
        try "not a database\n".write(toFile: junk, atomically: true, encoding: .utf8)
        let output = try await CLI.run(["search", "friendship", "--corpus", folder, "--db", junk, "--limit", "1"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("1 result for friendship:"), "\(output.stdout)")
        #expect(
            output.stderr
                == "warning: the index \(junk) cannot be used (file is not a database); searching the files. If that file is not a Pacta index, delete it or give another path with --db; where the folder cannot be written, give a writable path with --db.\n"
        )
    }

    /// `pacta index --db` in a folder that does not exist is refused (a typo), and no folder is made.
    @Test func anIndexInAMissingFolderIsRefused() async throws {
        let folder = try corpusCopy()
        let missing = folder + "/no-such-folder/deeper"
        let output = try await CLI.run(["index", "--corpus", folder, "--db", missing + "/x.sqlite"])
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "the folder \(missing) of the index \(missing)/x.sqlite does not exist; create it first, or give another path."
            ), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/no-such-folder"))
    }

    @Test func oneFileReadIsSingular() async throws {
        let folder = try corpusCopy()
        _ = try await CLI.run(["index", "--corpus", folder])
        let file = folder + "/ru-kp-2024-partnership.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try (text + "\n# touched\n").write(toFile: file, atomically: true, encoding: .utf8)
        let output = try await CLI.run(["search", "treaty", "--corpus", folder])
        #expect(output.stderr == "note: index refreshed (1 file read, 0 removed)\n")
    }

    @Test func aMisspeltTypeIsNamedAsSuch() async throws {
        let folder = TestFolder.path("tpye")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
        format: 1
        id: x-2000-test
        titles: {en: Test}
        kind: bilateral
        adopted: {date: 2000-01-01, place: X}
        negotiating-states: [FRA, DEU]
        events:
          - {id: x-1, date: 2000-01-01, tpye: signature, party: FRA}
        """.write(toFile: folder + "/x-2000-test.yaml", atomically: true, encoding: .utf8)
        let output = try await CLI.run(["check", folder])
        #expect(output.status == 1)
        #expect(
            output.stdout.hasPrefix(
                "\(folder)/x-2000-test.yaml:8:33: error: unknown field 'tpye' in an event (did you mean 'type'?); an event needs 'type' (one of: signature, domestic-step, consent,"
            ))
    }

    @Test func formerStatesHaveShortNames() async throws {
        let output = try await CLI.run(["status", "su-kp-1961-friendship", "--on", "1980-01-01"])
        #expect(output.stdout.contains("SUN    USSR "))
        #expect(!output.stdout.contains("Union of Soviet Socialist Republics,"))
    }

    @Test func longLinesAreWrappedToOneHundredColumnsWhenNotATerminal() async throws {
        let output = try await CLI.run(
            ["timeline", "ru-kp-2024-partnership"], environment: ["COLUMNS": ""])
        let widest = output.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 100, "widest line: \(widest)")
        // The table stays aligned: a folded description continues under its column.
        #expect(
            output.stdout.contains(
                "2024-06-19  recorded  signature                Signed by PRK (Kim Jong Un, General Secretary of the\n                                               WPK"
            ))
        let narrow = try await CLI.run(["status", "unclos-1982", "--on", "1995-01-01"], environment: ["COLUMNS": "60"])
        #expect((narrow.stdout.split(separator: "\n").filter { !$0.contains("  ") }.map(\.count).max() ?? 0) <= 60)
    }

    @Test func anEmptyCalendarSaysSo() async throws {
        let output = try await CLI.run(["upcoming", "--from", "2030-01-01", "--days", "30", "--format", "ics"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("BEGIN:VCALENDAR"))
        #expect(
            output.stderr.hasPrefix(
                "warning: no computed dates in the 30 days from 2030-01-01 to 2030-01-31; the latest before is "))
    }

    @Test func indexAndExportHaveJSON() async throws {
        let folder = try corpusCopy()
        let index = try await CLI.run(["index", "--corpus", folder, "--format", "json"])
        #expect(index.status == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(index.stdout.utf8)) as? [String: Any])
        #expect((summary["added"] as? [String])?.contains("ru-kp-2024-partnership.yaml") == true)
        #expect(summary["unchanged"] as? Int == 0)
        let dyads = try await CLI.run([
            "export", "dyads", "--from", "2025", "--to", "2025", "--format", "json", "--corpus", folder,
        ])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(dyads.stdout.utf8)) as? [String: Any])
        #expect(document["through"] as? Int == 2025)
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(
            rows.contains { $0["ccode1"] as? Int == 365 && $0["ccode2"] as? Int == 731 && $0["defense"] as? Int == 1 })
    }

    @Test func dyadsStopWhereTheRecordEnds() async throws {
        let output = try await CLI.run(["export", "dyads", "--from", "2025", "--to", "2030"])
        #expect(output.status == 0)
        #expect(!output.stdout.contains(",2027,"))
        #expect(
            output.stderr.contains(
                "note: The corpus's record runs to 2026-11-30: the table stops at 2026; later years are missing, not years without alliances.\n"
            ))
    }

    /// With a fresh index, a treaty's status decodes only that treaty (and those its conditions wait for): the
    /// answer is the same as from the files.
    @Test func oneTreatysStatusFromTheIndexIsTheSameAsFromTheFiles() async throws {
        let folder = try corpusCopy()
        let arguments = ["status", "unclos-1982", "--on", "1995-01-01", "--corpus", folder, "--format", "json"]
        let fromFiles = try await CLI.run(arguments)
        _ = try await CLI.run(["index", "--corpus", folder])
        let fromIndex = try await CLI.run(arguments)
        #expect(fromIndex.status == 0)
        #expect(fromIndex.stderr == "")
        #expect(fromIndex.stdout == fromFiles.stdout)
        // A name that is not an id (an alias) reads the whole corpus and gives the same answer.
        let byAlias = try await CLI.run([
            "status", "UNCLOS", "--on", "1995-01-01", "--corpus", folder, "--format", "json",
        ])
        #expect(byAlias.stdout == fromFiles.stdout)
    }

    /// A refresh reads only the files whose size, modification time or status change time changed, so an edit of
    /// the same size with its old modification time put back is read too (the status change time cannot be put
    /// back); --verify reads every file, and then finds nothing more.
    @Test func freshnessByFileTimeAndVerify() async throws {
        let folder = try corpusCopy()
        let file = folder + "/ru-kp-2000-friendship.yaml"
        // A whole second, which the file system keeps exactly.
        let before = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: file)
        _ = try await CLI.run(["index", "--corpus", folder])
        // The same size, one byte changed (a letter of a note in another case), the old modification time: the
        // status change time shows it.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let position = try #require(bytes.lastIndex(of: UInt8(ascii: "e")))
        bytes[position] = UInt8(ascii: "E")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: file)
        func updated(_ extra: [String]) async throws -> [String] {
            let output = try await CLI.run(["index", "--corpus", folder, "--format", "json"] + extra)
            let summary = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            return (summary?["updated"] as? [String] ?? []) + (summary?["failed"] as? [String] ?? [])
        }
        #expect(try await updated([]) == ["ru-kp-2000-friendship.yaml"])
        #expect(try await updated(["--verify"]) == [])
    }

    /// `--db` and `PACTA_INDEX` are honoured by every command that reads the corpus.
    @Test func everyCommandReadsTheIndexItIsGiven() async throws {
        let folder = try corpusCopy()
        let db = TestFolder.path("db", suffix: ".sqlite")
        _ = try await CLI.run(["index", "--corpus", folder, "--db", db])
        try (try String(contentsOfFile: folder + "/vclt-1969.yaml", encoding: .utf8) + "\n# changed\n").write(
            toFile: folder + "/vclt-1969.yaml", atomically: true, encoding: .utf8)
        let stale =
            "warning: the index \(db) is stale (1 file changed); reading the files. Run 'pacta index' to refresh it.\n"
        #expect(try await CLI.run(["list", "--corpus", folder, "--db", db]).stderr == stale)
        #expect(
            try await CLI.run(["allies", "RUS", "--corpus", folder], environment: ["PACTA_INDEX": db]).stderr == stale)
        _ = try await CLI.run(["index", "--corpus", folder], environment: ["PACTA_INDEX": db])
        #expect(try await CLI.run(["list", "--corpus", folder, "--db", db]).stderr == "")
    }

    /// A ratification without a recorded signature is a warning (exit 0); `--strict` makes it an error (exit 1).
    @Test func checkStrictMakesWarningsErrors() async throws {
        let folder = TestFolder.path("strict")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
        format: 1
        id: m-2000
        titles: {en: M}
        kind: multilateral
        adopted: {date: 2000-01-01}
        sources:
          s: {title: S, url: "https://example.org", accessed: 2026-12-05}
        events:
          - {id: m1, date: 2000-05-01, type: consent, form: ratification, party: FRA, source: s}
        rules:
          entry-into-force: {when: {consents: 1}}
        """.write(toFile: folder + "/m-2000.yaml", atomically: true, encoding: .utf8)
        let plain = try await CLI.run(["check", folder])
        #expect(plain.status == 0)
        #expect(plain.stdout.hasSuffix("\(folder): 1 file, 1 treaty, no errors, 1 warning.\n"))
        #expect(
            plain.stdout.contains(
                "m-2000.yaml:9:20: warning: FRA consents by ratification on 2000-05-01 before signing"))
        let strict = try await CLI.run(["check", folder, "--strict"])
        #expect(strict.status == 1)
        #expect(
            strict.stdout.hasSuffix(
                "\(folder): 1 error in 1 of 1 file. Every field, event type and rule is described in docs/treaty-format.md.\n"
            ))
    }

    @Test func requirementsAreParsedFromTheEnvironment() {
        #expect(Requirements.runs("chromium", present: true))
        #expect(Requirements.parse(" Chromium, postgresql ,") == ["chromium", "postgresql"])
    }
}
