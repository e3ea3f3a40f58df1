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

/// Whether `done` holds within `seconds` (asked every 20 ms). A bound on a hang, not a measure of speed: in a
/// clean-clone CI run on two cores, the whole suite beside them, rereads have waited more than 15 s (their index
/// refresh then ran on the one thread of ``WriteSteps`` that every server of the test process shares with its
/// writes; it now has a thread of its own, ``WriteSteps/rereads``).
private func eventually(seconds: Int = 60, _ done: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<(seconds * 50) {
        if try await done() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await done()
}

/// A watched folder with the fixture's treaty, and the watch started (the caller stops it).
/// - Parameter writeSteps: the server's own writes' thread, where given (else the process's).
private func watched(writeSteps: WriteSteps? = nil) async throws -> (WriteFixture, AppState, FolderWatch) {
    let fixture = try await WriteFixture.make(.files)
    var state = try await fixture.state()
    if let writeSteps { state.writeSteps = writeSteps }
    let watch = try #require(FolderWatch(state: state))
    #expect(watch.start())
    return (fixture, state, watch)
}

/// A file-backed server follows files written by other processes (`pacta record` in a shell, an editor) while it
/// runs: ``FolderWatch`` has it read each changed treaty file again.
@Suite(.onServerThreads) struct FolderWatchTests {
    @Test func anActRecordedByAnotherDeskIsAnsweredWithoutARestart() async throws {
        let (fixture, state, watch) = try await watched()
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

    /// A reading and its index refresh do not wait for the writes' thread: with that thread held (a burst of
    /// writes of any server of the process), a treaty file written by another process is still read and indexed.
    /// The server's writes' thread is its own here: holding the process's would hold every other test's writes
    /// (in a clean-clone CI run a write of another test then waited 20 s, and with Dispatch's threads held by such
    /// writes this reading waited too).
    @Test func aRereadDoesNotWaitForTheWritesThread() async throws {
        let writes = WriteSteps(name: "test.write.steps")
        let (fixture, state, watch) = try await watched(writeSteps: writes)
        defer { watch.stop() }
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Task(executorPreference: writes) {
            held.signal()
            release.wait()
        }
        held.wait()
        defer { release.signal() }
        _ = try Desk(corpus: fixture.folder).create(
            NewTreaty(
                id: "fr-it-2026-accord", kind: .bilateral, title: "Accord", parties: ["FRA", "ITA"],
                adopted: CalendarDate(iso: "2026-02-01")!))
        // The deadline of the other tests here: in a clean-clone CI run, the whole suite beside it on two cores, a
        // reading took more than 20 s. A reading that waited for the held thread would never come.
        // The reread gives the index the file, then the server's questions the treaty: both are waited for (in a
        // clean-clone CI run the treaty was looked for between the two).
        let indexed = try await eventually {
            await fixture.index.treaties().contains { $0.id == "fr-it-2026-accord" }
                && state.corpus["fr-it-2026-accord"] != nil
        }
        #expect(indexed, "the reread's index refresh waited for the writes' thread; the audit log: \(fixture.log.all)")
        #expect(state.corpus["fr-it-2026-accord"]?.titles["en"] == "Accord")
    }

    @Test func aTreatyFileWrittenByAnotherProcessIsAdded() async throws {
        let (fixture, state, watch) = try await watched()
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
        let (fixture, state, watch) = try await watched()
        defer { watch.stop() }
        let path = "\(fixture.folder)/\(DeskFixture.treaty).yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "  - {date: 2026-13-40, type: signature, party: THA}\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let logged = try await eventually { fixture.log.all.contains { $0.contains("file changed, not read") } }
        #expect(logged)
        let line = fixture.log.all.first { $0.contains("file changed, not read") } ?? ""
        #expect(
            line.contains(
                "th-vn-2026-friendship.yaml now reads with an error (line 22: date: the date 2026-13-40 does not exist); the treaty as last read stays served until the file is fixed"
            ), "\(line)")
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

@Suite(.onServerThreads) struct FolderWatchHardeningTests {
    /// A copy of a treaty's file saved under another name holds that treaty's id: it must not stand for it.
    @Test func aFileHoldingAnotherTreatyIsNotTaken() async throws {
        let (fixture, state, watch) = try await watched()
        defer { watch.stop() }
        let text = try String(contentsOfFile: "\(fixture.folder)/\(DeskFixture.treaty).yaml", encoding: .utf8)
        let forged = text.replacingOccurrences(of: "title: {en: Treaty of Friendship}", with: "title: {en: Forged}")
        try forged.write(toFile: "\(fixture.folder)/notes-draft.yaml", atomically: true, encoding: .utf8)
        let logged = try await eventually { fixture.log.all.contains { $0.contains("treaty=notes-draft") } }
        #expect(logged)
        let line = fixture.log.all.first { $0.contains("treaty=notes-draft") } ?? ""
        #expect(
            line.contains(
                "notes-draft.yaml holds treaty 'th-vn-2026-friendship', not 'notes-draft': a file's name is its treaty's id; it is not read"
            ), "\(line)")
        #expect(state.corpus[DeskFixture.treaty]?.titles["en"] == "Treaty of Friendship")
        #expect(state.corpus["notes-draft"] == nil)
    }

    /// Hundreds of treaty files copied in at once (more than Dispatch has threads): every one is read, and the
    /// server still records. Given longer than the other tests: each file is read, checked and indexed in turn,
    /// and the whole suite runs beside it on two cores in CI.
    @Test func twoHundredFilesCopiedInAtOnceAreAllRead() async throws {
        let (fixture, state, watch) = try await watched()
        defer { watch.stop() }
        let text = try String(contentsOfFile: "\(fixture.folder)/\(DeskFixture.treaty).yaml", encoding: .utf8)
        let staging = TestFolder.path("bulk")
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for number in 0..<200 {
            try text.replacingOccurrences(of: "id: \(DeskFixture.treaty)", with: "id: bulk-\(number)")
                .write(toFile: "\(staging)/bulk-\(number).yaml", atomically: false, encoding: .utf8)
        }
        for number in 0..<200 {
            try FileManager.default.moveItem(
                atPath: "\(staging)/bulk-\(number).yaml", toPath: "\(fixture.folder)/bulk-\(number).yaml")
        }
        let all = try await eventually(seconds: 60) { (0..<200).allSatisfy { state.corpus["bulk-\($0)"] != nil } }
        #expect(all, "\((0..<200).filter { state.corpus["bulk-\($0)"] != nil }.count) of 200 read")
        try await buildApplication(state: state, logger: Logger(label: "test")).test(.router) { client in
            let response = try await client.post(
                "/api/v1/treaties/bulk-7/events",
                #"{"type": "consent", "form": "ratification", "party": "THA", "date": "2026-04-02"}"#,
                token: fixture.clerk)
            #expect(response.status == .created, "\(String(buffer: response.body))")
        }
    }

    /// An edit that keeps the file's size and is given its old modification time (`touch -r`) is still seen: the
    /// inode's change time tells it apart.
    @Test func anEditWithTheOldModificationTimeIsSeen() async throws {
        let (fixture, state, watch) = try await watched()
        defer { watch.stop() }
        let path = "\(fixture.folder)/\(DeskFixture.treaty).yaml"
        // The server's desk reads the file once (an act of its own), so that it holds a reading to compare.
        try await buildApplication(state: state, logger: Logger(label: "test")).test(.router) { client in
            let response = try await client.post(
                WriteAPITests.events, WriteAPITests.ratification, token: fixture.clerk)
            #expect(response.status == .created)
        }
        let stamp = try #require(CorpusFiles.stamp(ofFile: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "Treaty of Friendship", with: "Treaty of Friendsh1p")
        #expect(edited.utf8.count == text.utf8.count)
        // In place (same inode), then the old modification time put back.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(edited.utf8))
        try handle.close()
        var times = [
            timespec(tv_sec: stamp.seconds, tv_nsec: stamp.nanoseconds),
            timespec(tv_sec: stamp.seconds, tv_nsec: stamp.nanoseconds),
        ]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        // Size and modification time as before (only the status change time shows the edit).
        let now = try #require(CorpusFiles.stamp(ofFile: path))
        #expect(now.size == stamp.size && now.seconds == stamp.seconds && now.nanoseconds == stamp.nanoseconds)
        let seen = try await eventually { state.corpus[DeskFixture.treaty]?.titles["en"] == "Treaty of Friendsh1p" }
        #expect(seen)
    }

    /// A treaty added as a symbolic link to a file elsewhere is read (a link is created, never written to).
    @Test func aTreatyAddedAsASymbolicLinkIsRead() async throws {
        let (fixture, state, watch) = try await watched()
        defer { watch.stop() }
        let text = try String(contentsOfFile: "\(fixture.folder)/\(DeskFixture.treaty).yaml", encoding: .utf8)
        let elsewhere = TestFolder.path("linked", suffix: ".yaml")
        try text.replacingOccurrences(of: "id: \(DeskFixture.treaty)", with: "id: linked-1")
            .write(toFile: elsewhere, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: "\(fixture.folder)/linked-1.yaml", withDestinationPath: elsewhere)
        let seen = try await eventually { state.corpus["linked-1"] != nil }
        #expect(seen)
    }

    /// A file named like a treaty file whose name is no treaty id is said in the log, not passed over in silence.
    @Test func aFileWhoseNameIsNoTreatyIdIsLogged() async throws {
        let (fixture, _, watch) = try await watched()
        defer { watch.stop() }
        try "id: upper\n".write(toFile: "\(fixture.folder)/Upper-Case.yaml", atomically: true, encoding: .utf8)
        // An extension in upper case too (a tester found such a file passed over).
        try "id: up\n".write(toFile: "\(fixture.folder)/up.YAML", atomically: true, encoding: .utf8)
        let why =
            "its name is not a treaty id (lower-case letters, digits and hyphens, then .yaml, .yml or .json in lower case)"
        for file in ["Upper-Case.yaml", "up.YAML"] {
            let logged = try await eventually {
                fixture.log.all.contains { $0.contains("file=\(file)") && $0.contains(why) }
            }
            #expect(logged, "\(file)")
        }
    }
}
