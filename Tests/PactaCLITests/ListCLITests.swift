import Foundation
import PactaTestSupport
import Testing

/// `pacta list` from the index's list rows, as a treaty officer's acts change them.
@Suite struct ListCLITests {
    /// The list line of `id` on `date` as JSON, and what the command wrote to standard error.
    func line(_ id: String, on date: String, in folder: URL, _ extra: [String] = []) async throws -> (
        [String: Any]?, String
    ) {
        let output = try await CLI.run(
            ["list", "--on", date, "--format", "json", "--corpus", folder.path] + extra,
            environment: ["PACTA_TODAY": "2026-12-05", "PACTA_USER": "clerk1"])
        #expect(output.status == 0, "\(output.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]
        return (rows?.first { $0["id"] as? String == id }, output.stderr)
    }

    @Test func theListFollowsRecordedActsAndTheIndex() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-list-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixtures.corpusPath), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(".pacta-index.sqlite"))
        let environment = ["PACTA_TODAY": "2026-12-05", "PACTA_USER": "clerk1"]
        func run(_ arguments: [String]) async throws -> CLI.Output {
            let output = try await CLI.run(arguments + ["--corpus", folder.path], environment: environment)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            return output
        }
        _ = try await run([
            "new", "th-vn-2026-friendship", "--kind", "bilateral", "--title",
            "Treaty of Friendship between Thailand and Viet Nam", "--parties", "THA,VNM", "--adopted", "2026-03-01",
            "--delay", "30d",
        ])
        _ = try await run(["index"])
        let (before, quiet) = try await line("th-vn-2026-friendship", on: "2026-07-01", in: folder)
        #expect(quiet == "")
        #expect(before?["status"] as? String == "not-in-force")
        #expect(before?["parties"] as? Int == 0)

        // Acts recorded into the indexed corpus: the index holds the file as written, and the list follows.
        _ = try await run([
            "record", "th-vn-2026-friendship", "consent", "--form", "ratification", "--party", "THA", "--date",
            "2026-04-02",
        ])
        _ = try await run([
            "record", "th-vn-2026-friendship", "consent", "--form", "ratification", "--party", "VNM", "--date",
            "2026-04-20",
        ])
        _ = try await run([
            "record", "th-vn-2026-friendship", "exchange-of-instruments", "--parties", "THA,VNM", "--date",
            "2026-05-10",
        ])
        let (after, stderr) = try await line("th-vn-2026-friendship", on: "2026-07-01", in: folder)
        #expect(stderr == "")
        #expect(after?["status"] as? String == "in-force")
        #expect(after?["entry-into-force"] as? String == "2026-06-09")
        #expect(after?["parties"] as? Int == 2)
        let (early, _) = try await line("th-vn-2026-friendship", on: "2026-06-08", in: folder)
        #expect(early?["status"] as? String == "not-in-force")
        #expect(early?["entry-into-force"] as? String == "2026-06-09")

        // Once `pacta index` has stored the rows again, the same lines; the whole list is the engine's either way.
        _ = try await run(["index"])
        let list = try await run(["list", "--on", "2026-07-01", "--format", "json"]).stdout
        await #expect(
            try line("th-vn-2026-friendship", on: "2026-07-01", in: folder).0?["entry-into-force"] as? String
                == "2026-06-09")
        let computed = try await run(["list", "--on", "2026-07-01", "--format", "json", "--as-known-on", "9999-12-31"])
        #expect(computed.stdout == list)
        #expect(computed.stderr == "")
        let text = try await run(["list", "--on", "2026-07-01"]).stdout
        #expect(text == (try await run(["list", "--on", "2026-07-01", "--as-known-on", "9999-12-31"]).stdout))
        #expect(text.contains("th-vn-2026-friendship"))

        // As known on a day before the acts were recorded (2026-12-05), the treaty stands as its record then
        // did, computed; the other lines are their stored ones, or computed where something of theirs was
        // recorded later: the same list as from the files without an index, on every day tried.
        let (unknown, quietToo) = try await line(
            "th-vn-2026-friendship", on: "2026-07-01", in: folder, ["--as-known-on", "2026-06-01"])
        #expect(quietToo == "")
        #expect(unknown?["status"] as? String == "not-in-force")
        #expect(unknown?["parties"] as? Int == 0)
        let files = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-files")
        try FileManager.default.copyItem(at: folder, to: files)
        defer { try? FileManager.default.removeItem(at: files) }
        for name in try FileManager.default.contentsOfDirectory(atPath: files.path)
        where name.hasPrefix(".pacta-index.sqlite") {
            try FileManager.default.removeItem(at: files.appendingPathComponent(name))
        }
        for day in ["1954-12-05", "1990-01-01", "2020-01-01", "2026-06-01", "2026-12-04", "2026-12-05"] {
            for format in ["json", "text"] {
                let arguments = ["list", "--on", "2026-07-01", "--format", format, "--as-known-on", day]
                let fromIndex = try await run(arguments)
                // Before the last succession of the corpus's table (2011), every treaty is computed, and the
                // command says so.
                #expect(
                    fromIndex.stderr
                        == (day < "2011-07-09"
                            ? "note: what was recorded after \(day) (--as-known-on) concerns many treaties, or the corpus's successions; every treaty is read and computed.\n"
                            : ""),
                    "\(day)")
                let fromFiles = try await CLI.run(arguments + ["--corpus", files.path], environment: environment)
                #expect(fromFiles.status == 0)
                #expect(fromIndex.stdout == fromFiles.stdout, "\(day) \(format)")
            }
        }
    }
}
