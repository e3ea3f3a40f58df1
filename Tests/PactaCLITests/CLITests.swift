import Foundation
import PactaTestSupport
import Testing

/// Runs the built `pacta` binary as a user would and checks its whole output and exit code.
struct CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        /// ``stderr`` without the progress lines of a long import (`import cow: 4 of 8 files written...`), which
        /// a loaded machine prints where a quiet one does not.
        var stderrWithoutProgress: String {
            stderr.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !($0.hasPrefix("import ") && $0.hasSuffix("...")) }.joined(separator: "\n")
        }
    }

    /// The `pacta` binary next to the test bundle (SwiftPM builds it because this target depends on it).
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Fixtures.packageRoot.appendingPathComponent(".build/debug"),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("pacta")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        fatalError("cannot find the built pacta binary near \(CommandLine.arguments[0])")
    }()

    /// A folder with a copy of the shipped corpus at `corpus/` (no index), made once per test run: commands run
    /// there read that copy, never the repository's own corpus folder or a local index in it.
    static let sealedRoot: URL = {
        let root = TestFolder.url("cli")
        let corpus = root.appendingPathComponent("corpus")
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixtures.corpusPath, toPath: corpus.path)
            for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            where name.hasPrefix(".pacta-index") {
                try FileManager.default.removeItem(at: corpus.appendingPathComponent(name))
            }
        } catch {
            fatalError("cannot copy the corpus for the CLI tests: \(error)")
        }
        return root
    }()

    /// Runs the built `pacta` with `arguments`, by default in ``sealedRoot``, with `PACTA_CORPUS` unset, and
    /// waits for it on a thread of its own (``Program/run(_:_:in:environment:joiningErrors:)``). Text is not
    /// wrapped (`COLUMNS=1000`) unless `environment` says otherwise: most tests check content, and the wrapping
    /// tests set the width they check.
    static func run(
        _ arguments: [String], in directory: URL = sealedRoot, environment extra: [String: String] = [:]
    ) async throws -> Output {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PACTA_CORPUS")
        environment["COLUMNS"] = "1000"
        environment.merge(extra) { $1 }
        let output = try await Program.run(binary.path, arguments, in: directory, environment: environment)
        return Output(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }
}

extension CLI {
    /// Starts `pacta serve --port PORT` with `arguments`, quietly, with `environment` added to the test's; the
    /// caller waits until it answers and stops it.
    static func startServer(port: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--port", String(port)] + arguments
        server.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return server
    }
}

@Suite struct CLITests {
    /// One changed line makes UNCLOS wait for itself: `status` and `list` answer with the cycle as a caveat.
    @Test func unclosWaitingForItselfAnswersWithTheCycle() async throws {
        let folder = TestFolder.url("cycle")
        try FileManager.default.copyItem(at: CLI.sealedRoot.appendingPathComponent("corpus"), to: folder)
        let file = folder.appendingPathComponent("unclos-1982.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(
            of: "    when: {consents: 60, states-only: true}", with: "    when: {treaty-in-force: unclos-1982}"
        ).write(to: file, atomically: true, encoding: .utf8)
        let status = try await CLI.run(["status", "unclos-1982", "--on", "2000-01-01", "--corpus", folder.path])
        #expect(
            status.stdout.contains("conditions wait for a treaty whose own conditions lead back"), "\(status.stdout)")
        let list = try await CLI.run(["list", "--on", "2000-01-01", "--corpus", folder.path, "--format", "json"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("\"unclos-1982\""))
    }

    /// After the Warsaw Pact ended (1991-07-01), a State that was bound until then shows "none" with that date, and
    /// the JSON keeps the value alone (`none`, VCLT art. 70(1)(a)).
    @Test func aStateBoundUntilTheTreatyEndedSaysUntilWhen() async throws {
        let text = try await CLI.run(["status", "warsaw-pact-1955", "--on", "2000-01-01"])
        #expect(text.status == 0)
        let bulgaria = text.stdout.split(separator: "\n").first { $0.hasPrefix("Bulgaria (BGR)") }
        #expect(bulgaria?.contains("1955-06-04       none (party until 1991-07-01)") == true)
        let czechia = text.stdout.split(separator: "\n").first { $0.hasPrefix("Czechia (CZE)") }
        #expect(czechia?.contains("party until") == false)
        let json = try await CLI.run(["status", "warsaw-pact-1955", "--on", "2000-01-01", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let states = try #require(object["states"] as? [[String: Any]])
        #expect(states.first { $0["code"] as? String == "BGR" }?["status"] as? String == "none")
    }

    /// Asked for JSON, a failure is one JSON object on standard error, with the exit code: a refused question (1)
    /// and a usage error (64); asked for text, it is ArgumentParser's "Error: ..." line.
    @Test func aFailureInJSONModeIsAJSONObject() async throws {
        func error(_ arguments: [String]) async throws -> (Int32, [String: Any]?, String) {
            let output = try await CLI.run(arguments)
            let line = output.stderr.split(separator: "\n").last.map(String.init) ?? ""
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (output.status, object, output.stdout)
        }
        let (status, object, stdout) = try await error(["status", "no-such-treaty", "--format", "json"])
        #expect(status == 1)
        #expect(stdout == "")
        #expect((object?["error"] as? String)?.hasPrefix("no treaty 'no-such-treaty' in the corpus at") == true)
        #expect(object?["exit-code"] as? Int == 1)
        let (usage, usageObject, _) = try await error([
            "status", "ru-kp-2024-partnership", "--on", "2024-13-01", "--format=json",
        ])
        #expect(usage == 64)
        #expect(
            usageObject?["error"] as? String
                == "The value '2024-13-01' is invalid for '--on <date>': the date 2024-13-01 does not exist: there is no month 13 (give YYYY-MM-DD)."
        )
        #expect(usageObject?["exit-code"] as? Int == 64)
        let text = try await CLI.run(["status", "no-such-treaty"])
        #expect(text.status == 1)
        #expect(text.stderr.contains("Error: no treaty 'no-such-treaty' in the corpus at"))
    }

    @Test func statusAsJSONCarriesTheSpecKeys() async throws {
        let output = try await CLI.run(["status", "ru-kp-2024-partnership", "--on", "2024-12-05", "--format", "json"])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["treaty"] as? String == "ru-kp-2024-partnership")
        #expect(json["on"] as? String == "2024-12-05")
        #expect(json["status"] as? String == "in-force")
        #expect(json["entry-into-force"] as? String == "2024-12-04")
        let states = try #require(json["states"] as? [[String: Any]])
        #expect(states.map { $0["code"] as? String } == ["RUS", "PRK"])
        #expect(states.map { $0["status"] as? String } == ["party", "party"])
        #expect(states[0]["signature"] as? String == "2024-06-19")
        #expect((states[0]["consent"] as? [String: Any])?["form"] as? String == "ratification")
        #expect((states[0]["consent"] as? [String: Any])?["date"] as? String == "2024-11-09")
        #expect(states[0]["withdrawal"] is NSNull)
    }

    @Test func articlesWithTheirOwnEntryIntoForceInJSONAndText() async throws {
        let folder = TestFolder.url("partial")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = TreatyYAML.multilateral(
            id: "partial-test", negotiating: [],
            rules: """
                entry-into-force: {when: {consents: 3}}
                partial:
                  - {articles: ["41"], when: {consents: 1}, delay: {days: 30}}
                """,
            events: ["date: 2001-01-10, type: consent, form: accession, party: FRA"])
        try yaml.write(to: folder.appendingPathComponent("partial-test.yaml"), atomically: true, encoding: .utf8)
        let json = try await CLI.run([
            "status", "partial-test", "--corpus", folder.path, "--on", "2001-03-01", "--format", "json",
        ])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let parts = try #require(object["partial-entry-into-force"] as? [[String: Any]])
        #expect(parts.first?["articles"] as? [String] == ["41"])
        #expect(parts.first?["entry-into-force"] as? String == "2001-02-09")
        #expect(parts.first?["status"] as? String == "in-force")
        #expect(object["status"] as? String == "not-in-force")
        let text = try await CLI.run(["status", "partial-test", "--corpus", folder.path, "--on", "2001-03-01"])
        #expect(text.stdout.contains("Art. 41: in force since 2001-02-09"))
        // A treaty without partial rules has no such key.
        let plain = try await CLI.run(["status", "ru-kp-2024-partnership", "--format", "json"])
        #expect(!plain.stdout.contains("partial-entry-into-force"))
    }

    /// Makes `folder` with one treaty, `good-test.yaml` (in force for FRA from 2001-01-10).
    static func writeGoodTreaty(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = TreatyYAML.multilateral(
            id: "good-test", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: ["date: 2001-01-10, type: consent, form: accession, party: FRA"])
        try good.write(to: folder.appendingPathComponent("good-test.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func anIndexWithAFaultyFileStaysFreshAndNamesIt() async throws {
        let folder = TestFolder.url("faulty")
        try Self.writeGoodTreaty(in: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "format: 1\nid: [broken\n".write(
            to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let index = try await CLI.run(["index", folder.path])
        #expect(index.status == 1)
        #expect(
            index.stdout.contains(
                "Not stored in the index, with errors (see 'pacta check \(folder.path)'): broken.yaml."))
        // Not "left out": the commands read such a file from the folder (a tester's finding).
        #expect(index.stdout.contains("Commands read them from the folder each time, as far as they can be read.\n"))
        // Read from the index (not "stale"), naming the file left out.
        let list = try await CLI.run(["list", "--corpus", folder.path])
        #expect(list.status == 0)
        #expect(list.stdout.contains("good-test"))
        #expect(!list.stderr.contains("stale"))
        #expect(
            list.stderr.contains(
                "warning: the corpus at \(folder.path) has 1 file with errors: broken.yaml; the treaties of those files are read as far as they could be"
            ))
        // A second index run reads nothing again; the file left out is counted once, among those left out (a
        // tester found it counted among the unchanged too).
        let again = try await CLI.run(["index", folder.path])
        #expect(
            again.stdout.contains("added 0, updated 0, removed 0, unchanged 1.\nNot stored in the index, with errors"),
            "\(again.stdout)")
    }

    /// A treaty file that cannot be read (a folder and a named pipe under treaty files' names) is named by the
    /// commands that read the index, as one with errors is, and as they are where no index is read (a tester found
    /// the list silent about them).
    @Test func anUnreadableFileIsNamedByTheCommandsThatReadTheIndex() async throws {
        let folder = TestFolder.url("unreadable-list")
        try Self.writeGoodTreaty(in: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("d-test.yaml"), withIntermediateDirectories: false)
        #expect(mkfifo(folder.appendingPathComponent("p-test.yaml").path, 0o600) == 0)
        let index = try await CLI.run(["index", folder.path])
        #expect(index.status == 1)
        #expect(
            index.stdout.contains(
                "Not stored in the index, with errors (see 'pacta check \(folder.path)'): d-test.yaml, p-test.yaml.")
        )
        let warning =
            "warning: the corpus at \(folder.path) has 2 files with errors: d-test.yaml, p-test.yaml; the treaties of those files are read as far as they could be (a file that cannot be read at all is left out)"
        let list = try await CLI.run(["list", "--corpus", folder.path])
        #expect(list.status == 0)
        #expect(list.stdout.contains("good-test"))
        #expect(!list.stderr.contains("stale"), "\(list.stderr)")
        #expect(list.stderr.contains(warning), "\(list.stderr)")
        // A question about the treaty of a file that cannot be read names the file (it said there was no such
        // treaty).
        let lost = try await CLI.run(["status", "p-test", "--corpus", folder.path])
        #expect(lost.status == 1)
        #expect(
            lost.stderr.contains(
                "the file p-test.yaml has errors and could not be read as a treaty; 'pacta check' shows them."),
            "\(lost.stderr)")
        let status = try await CLI.run(["status", "good-test", "--corpus", folder.path, "--on", "2002-01-01"])
        #expect(status.stdout.contains("Status on 2002-01-01: in-force since 2001-01-10"))
        // Without the index: the same files named, with their errors counted.
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".pacta-index.sqlite"))
        let plain = try await CLI.run(["list", "--corpus", folder.path])
        #expect(plain.stderr.contains("has 2 errors, in d-test.yaml (1), p-test.yaml (1)"), "\(plain.stderr)")
    }

    /// A broken entities.yaml is named by `index` and by a `list` read from the index, not only the treaties it
    /// leaves without their organisations.
    @Test func aBrokenEntitiesFileIsNamedByIndexAndList() async throws {
        let folder = TestFolder.url("broken-entities")
        try Self.writeGoodTreaty(in: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ": : [\n".write(to: folder.appendingPathComponent("entities.yaml"), atomically: true, encoding: .utf8)
        let index = try await CLI.run(["index", folder.path])
        #expect(index.status == 1)
        #expect(
            index.stdout.contains(
                "Not stored in the index, with errors (see 'pacta check \(folder.path)'): entities.yaml."))
        let list = try await CLI.run(["list", "--corpus", folder.path])
        #expect(list.stdout.contains("good-test"))
        #expect(
            list.stderr.contains("warning: the corpus at \(folder.path) has 1 file with errors: entities.yaml;"),
            "\(list.stderr)")
    }

    @Test func aStatusFromAFaultyFileSaysSoInItsJSON() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pacta-faultyjson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = TreatyYAML.multilateral(
            id: "faulty-test", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: [
                "date: 2001-01-10, type: consent, form: accession, party: FRA",
                "date: 2001-02-30, type: denunciation, party: FRA",
            ])
        try yaml.write(to: folder.appendingPathComponent("faulty-test.yaml"), atomically: true, encoding: .utf8)
        let output = try await CLI.run(["status", "faulty-test", "--corpus", folder.path, "--format", "json"])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(
            (json["caveats"] as? [String])?.first
                == "The file of faulty-test has errors ('pacta check' lists them): it was read as far as it could be, so this status may be wrong."
        )
        // One answer, index or not: the index leaves the faulty file out, and the command reads it as the files do.
        #expect(try await CLI.run(["index", folder.path]).status == 1)
        let indexed = try await CLI.run(["status", "faulty-test", "--corpus", folder.path, "--format", "json"])
        #expect(indexed.status == 0)
        #expect(indexed.stdout == output.stdout)
        #expect(!indexed.stderr.contains("stale"))
    }

    @Test func statusTextForAPerson() async throws {
        let output = try await CLI.run(["status", "ru-kp-2024-partnership", "--on", "2024-11-20"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "ru-kp-2024-partnership · bilateral · signed 2024-06-19 at Pyongyang")
        #expect(lines[3] == "Status on 2024-11-20: not-in-force")
        #expect(lines.contains("  Not in force on 2024-11-20: instruments not yet exchanged."))
        #expect(
            lines.contains(
                "RUS    Russian Federation  contracting-state  -                2024-06-19  ratification 2024-11-09  -")
        )
    }

    @Test func partyFilter() async throws {
        let output = try await CLI.run([
            "status", "north-atlantic-1949", "--on", "2023-04-04", "--party", "FIN", "--format", "json",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let states = try #require(json["states"] as? [[String: Any]])
        #expect(states.count == 1)
        #expect(states[0]["status"] as? String == "party")
        #expect(states[0]["entry-into-force"] as? String == "2023-04-04")
    }

    @Test func wrongIdSuggestsTheClosest() async throws {
        let output = try await CLI.run(["status", "ru-kp-2024-partnershp"])
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("Error: no treaty 'ru-kp-2024-partnershp' in the corpus at corpus ("))
        #expect(output.stderr.contains("Did you mean: ru-kp-2024-partnership"))
    }

    @Test func dateThatDoesNotExistIsRejected() async throws {
        let output = try await CLI.run(["status", "ru-kp-2024-partnership", "--on", "2024-02-30"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("Error: The value '2024-02-30' is invalid for '--on <date>'"))
    }

    @Test func checkShippedCorpusPasses() async throws {
        let output = try await CLI.run(["check", "corpus"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("corpus: "))
        #expect(output.stdout.hasSuffix("treaties, no errors.\n"))
    }

    @Test func checkBrokenFileReportsEveryFaultAndExits1() async throws {
        let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures")
        let output = try await CLI.run(["check", "broken-treaty.yaml"], in: fixtures)
        let expected = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent(
                "Tests/PactaFormatsTests/Snapshots/broken-treaty.txt"),
            encoding: .utf8)
        #expect(output.status == 1)
        #expect(output.stdout == expected)
    }

    @Test func timelineMarksComputedDates() async throws {
        let output = try await CLI.run([
            "timeline", "su-kp-1961-friendship", "--through", "1997-01-01", "--format", "json",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let entries = try #require(json["entries"] as? [[String: Any]])
        let computed = entries.filter { $0["origin"] as? String == "computed" }
        #expect(
            computed.map { "\($0["date"]!) \($0["type"]!)" } == [
                "1961-09-10 entry-into-force",
                "1970-09-10 renewal-notice-deadline", "1971-09-10 renewal",
                "1975-09-10 renewal-notice-deadline", "1976-09-10 renewal",
                "1980-09-10 renewal-notice-deadline", "1981-09-10 renewal",
                "1985-09-10 renewal-notice-deadline", "1986-09-10 renewal",
                "1990-09-10 renewal-notice-deadline", "1991-09-10 renewal",
                "1996-09-10 termination",
            ])
        #expect(json["note"] is String)
    }

    @Test func listShowsEveryTreaty() async throws {
        let output = try await CLI.run(["list", "--on", "2024-12-04", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        let status = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0["status"] as! String) })
        #expect(status["ru-kp-2024-partnership"] == "in-force")
        #expect(status["ru-kp-2000-friendship"] == "terminated")
        #expect(status["su-kp-1961-friendship"] == "terminated")
    }
}
