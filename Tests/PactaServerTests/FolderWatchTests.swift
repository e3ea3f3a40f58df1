import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
@testable import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// A file-backed server follows files written by other processes (`pacta record` in a shell, an editor) while it
/// runs: ``FolderWatch`` has it read each changed treaty file again.
@Suite(.onServerThreads) struct FolderWatchTests {
    /// Waits (at most 10 s, polling every 20 ms) until `done` holds; whether it did.
    func eventually(_ done: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<500 {
            if try await done() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await done()
    }

    @Test func anActRecordedByAnotherDeskIsAnsweredWithoutARestart() async throws {
        let fixture = try await WriteFixture.make(.files)
        let state = try await fixture.state()
        let watch = try #require(FolderWatch(state: state))
        #expect(watch.start())
        defer { watch.stop() }
        // Another process's desk (a shell's `pacta record`): the server's desk did not write this.
        let shell = try Desk(corpus: fixture.folder)
        let corpus = try CorpusLoader().load(directory: fixture.folder).corpus
        for party in ["THA", "VNM"] {
            _ = try shell.record(
                [
                    Field("date", "2026-04-02"), Field("type", "consent"), Field("party", .scalar(party)),
                    Field("form", "ratification"),
                ], in: DeskFixture.treaty, corpus: corpus, by: "amina", today: CalendarDate(iso: "2026-12-05")!)
        }
        _ = try shell.record(
            [
                Field("date", "2026-05-10"), Field("type", "exchange-of-instruments"),
                Field("parties", .list(["THA", "VNM"])),
            ], in: DeskFixture.treaty, corpus: try CorpusLoader().load(directory: fixture.folder).corpus, by: "amina",
            today: CalendarDate(iso: "2026-12-05")!)
        let seen = try await eventually {
            state.corpus[DeskFixture.treaty]?.events.count == 3
        }
        #expect(seen, "the server still holds \(state.corpus[DeskFixture.treaty]?.events.count ?? -1) events")
        // The index holds the file as written too (what `list` and search read).
        let indexed = await fixture.index.treaties().first { $0.id == DeskFixture.treaty }
        #expect(indexed?.events.count == 3)
        try await buildApplication(state: state, logger: Logger(label: "test")).test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/treaties/\(DeskFixture.treaty)/status?on=2026-12-05", method: .get)
            let body = try #require(try json(response.body) as? [String: Any])
            // The exchange on 2026-05-10 and the fixture's 30 days.
            #expect(body["status"] as? String == "in-force")
            #expect(body["entry-into-force"] as? String == "2026-06-09")
        }
        #expect(fixture.log.all.contains { $0.contains("file changed outside this server, read again") })
    }

    @Test func aTreatyFileWrittenByAnotherProcessIsAdded() async throws {
        let fixture = try await WriteFixture.make(.files)
        let state = try await fixture.state()
        let watch = try #require(FolderWatch(state: state))
        #expect(watch.start())
        defer { watch.stop() }
        _ = try Desk(corpus: fixture.folder).create(
            NewTreaty(
                id: "fr-de-2026-accord", kind: .bilateral, title: "Accord", parties: ["FRA", "DEU"],
                adopted: CalendarDate(iso: "2026-02-01")!))
        let seen = try await eventually { state.corpus["fr-de-2026-accord"] != nil }
        #expect(seen)
        #expect(state.corpus["fr-de-2026-accord"]?.titles["en"] == "Accord")
    }

    @Test func aFileSavedWithAnErrorIsNotTakenAndTheLogSaysWhy() async throws {
        let fixture = try await WriteFixture.make(.files)
        let state = try await fixture.state()
        let watch = try #require(FolderWatch(state: state))
        #expect(watch.start())
        defer { watch.stop() }
        let path = "\(fixture.folder)/\(DeskFixture.treaty).yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "  - {date: 2026-13-40, type: signature, party: THA}\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let logged = try await eventually { fixture.log.all.contains { $0.contains("file changed, not read") } }
        #expect(logged)
        let line = fixture.log.all.first { $0.contains("file changed, not read") } ?? ""
        #expect(line.contains("has errors already"), "\(line)")
        #expect(state.corpus[DeskFixture.treaty]?.events.count == 0)
    }

    @Test func onlyTreatyFilesNameATreaty() {
        #expect(FolderWatch.treatyID(ofFile: "th-vn-2026-friendship.yaml") == "th-vn-2026-friendship")
        #expect(FolderWatch.treatyID(ofFile: "gen-1.yml") == "gen-1")
        #expect(FolderWatch.treatyID(ofFile: "a.json") == "a")
        #expect(FolderWatch.treatyID(ofFile: ".th-vn-2026-friendship.lock") == nil)
        #expect(FolderWatch.treatyID(ofFile: ".gen-1.yaml.tmp") == nil)
        #expect(FolderWatch.treatyID(ofFile: "entities.yaml") == nil)
        #expect(FolderWatch.treatyID(ofFile: "notes.txt") == nil)
        #expect(FolderWatch.treatyID(ofFile: "Upper.yaml") == nil)
    }
}
