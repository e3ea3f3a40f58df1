import Foundation
import PactaFormats
import PactaSQLite
import PactaTestSupport
import Testing

@testable import PactaMonitor
@testable import PactaStore

#if canImport(Glibc)
    import Glibc
#endif

/// The folder's watcher (`pacta watch`, ``FolderMonitor``): it says which treaty files and context files changed
/// since a position it gave, and an index refresh it vouches for looks at no file.
@Suite struct FolderMonitorTests {
    /// A watcher answering on a thread of its own until ``end()``.
    final class Running: @unchecked Sendable {
        let monitor: FolderMonitor
        private let done = DispatchSemaphore(value: 0)
        private(set) var error: (any Error)?

        init(_ folder: String) throws {
            monitor = try FolderMonitor(folder: folder)
            let thread = Thread { [self] in
                do { try monitor.run() } catch { self.error = error }
                done.signal()
            }
            thread.start()
        }

        /// Stops the watcher and waits for its thread.
        func end() {
            monitor.stop()
            done.wait()
        }

        /// Waits for the thread to end by itself (the folder went).
        func waitForItsEnd() { done.wait() }
    }

    func folder(_ name: String, files: [String]) throws -> String {
        let folder = TestFolder.path(name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files { try "x: 1\n".write(toFile: "\(folder)/\(file)", atomically: false, encoding: .utf8) }
        return folder
    }

    /// What changed since `position`, which must be answered.
    func changes(_ client: FolderMonitorClient, since position: String?) throws -> WatchAnswer {
        try #require(client.changes(since: position))
    }

    @Test func theWatcherSaysWhichFilesChangedSinceAPosition() throws {
        #if canImport(Glibc)
            let folder = try folder("watch", files: ["a.yaml", "b.yaml", "notes.txt"])
            let client = FolderMonitorClient(folder: folder)
            #expect(client.changes(since: nil) == nil)  // none runs yet
            #expect(!client.mayRun)
            let running = try Running(folder)
            #expect(client.mayRun)
            let start = try changes(client, since: nil)
            #expect(start.changed == nil)  // no position given: it cannot say
            #expect(try changes(client, since: start.position).changed == [])

            // A write, then a file that is no treaty file (not said), then the context's file.
            try "x: 2\n".write(toFile: "\(folder)/b.yaml", atomically: false, encoding: .utf8)
            try "notes\n".write(toFile: "\(folder)/notes.txt", atomically: false, encoding: .utf8)
            let written = try changes(client, since: start.position)
            #expect(written.changed == ["b.yaml"])
            #expect(try changes(client, since: written.position).changed == [])
            try "{}\n".write(toFile: "\(folder)/entities.yaml", atomically: false, encoding: .utf8)
            #expect(try changes(client, since: written.position).changed == ["entities.yaml"])

            // A file touched (its time alone), renamed, removed, made by an editor's save (a rename over it).
            let touched = try changes(client, since: nil).position
            #expect(utimes("\(folder)/a.yaml", nil) == 0)
            #expect(try changes(client, since: touched).changed == ["a.yaml"])
            let renamed = try changes(client, since: nil).position
            try FileManager.default.moveItem(atPath: "\(folder)/a.yaml", toPath: "\(folder)/c.yaml")
            try FileManager.default.removeItem(atPath: "\(folder)/b.yaml")
            #expect(try changes(client, since: renamed).changed == ["a.yaml", "b.yaml", "c.yaml"])
            let saved = try changes(client, since: nil).position
            try "x: 3\n".write(toFile: "\(folder)/c.yaml", atomically: true, encoding: .utf8)
            #expect(try changes(client, since: saved).changed == ["c.yaml"])

            // A symbolic link is said changed in every answer: its file may change where no event is told.
            let linked = try changes(client, since: nil).position
            try FileManager.default.createSymbolicLink(atPath: "\(folder)/d.yaml", withDestinationPath: "/dev/null")
            #expect(try changes(client, since: linked).changed == ["d.yaml"])
            let later = try changes(client, since: linked).position
            #expect(try changes(client, since: later).changed == ["d.yaml"])
            try FileManager.default.removeItem(atPath: "\(folder)/d.yaml")
            let unlinked = try changes(client, since: later).position
            #expect(try changes(client, since: unlinked).changed == [])

            // A hard link made in the folder under another name: the treaty file it shares is said changed, and
            // in every answer from then on (edits through the other name come unseen).
            let hard = try changes(client, since: nil).position
            #expect(link("\(folder)/c.yaml", "\(folder)/notes-copy.txt") == 0)
            #expect(try changes(client, since: hard).changed == ["c.yaml"])
            let afterLink = try changes(client, since: nil).position
            #expect(try changes(client, since: afterLink).changed == ["c.yaml"])
            // The other name removed: said changed once more (an edit may have come through it), then no longer.
            try FileManager.default.removeItem(atPath: "\(folder)/notes-copy.txt")
            #expect(try changes(client, since: afterLink).changed == ["c.yaml"])
            let own = try changes(client, since: nil).position
            #expect(try changes(client, since: own).changed == [])

            // A position the watcher never gave, and text that is no position, are answered "cannot say".
            #expect(try changes(client, since: "0:0").changed == nil)
            #expect(try changes(client, since: "not a position").changed == nil)

            // A second watcher of the folder is refused; one started after the first ended cannot vouch for the
            // first's positions (another generation).
            let second = try #require(throws: FolderMonitorError.self) { try FolderMonitor(folder: folder) }
            #expect(second.description.hasPrefix("a watcher of this folder runs already (its socket: /"))
            let old = try changes(client, since: nil).position
            running.end()
            #expect(running.error == nil)
            #expect(client.changes(since: old) == nil)  // none runs: the socket is gone
            #expect(!client.mayRun)
            let again = try Running(folder)
            #expect(try changes(client, since: old).changed == nil)
            again.end()
        #endif
    }

    /// Questions that are not questions (junk, a half question, a silent asker, a huge one) are dropped; the
    /// watcher still answers the next asker.
    @Test func aWatcherDropsWhatIsNotAQuestion() throws {
        #if canImport(Glibc)
            let folder = try folder("watch-junk", files: ["a.yaml"])
            let client = FolderMonitorClient(folder: folder)
            let running = try Running(folder)
            let socket = try #require(client.socketPath)
            let start = try changes(client, since: nil).position
            for junk in [
                Array("GET / HTTP/1.1\r\n\r\n".utf8), Array("pacta-watch-1\u{0}since".utf8), [],
                [UInt8](repeating: 0x41, count: 100_000), Array("pacta-watch-1\u{0}until\u{0}x\u{0}".utf8),
            ] {
                let descriptor = try #require(FolderMonitorClient.connect(to: socket))
                FolderMonitorClient.setTimeouts(descriptor, seconds: 3)
                _ = junk.withUnsafeBytes { send(descriptor, $0.baseAddress, junk.count, Int32(MSG_NOSIGNAL)) }
                shutdown(descriptor, Int32(SHUT_WR))
                // Nothing is answered: the connection is closed (reset where the question was left unread).
                #expect((FolderMonitorClient.readFields(descriptor, maximumBytes: 1_000) ?? []).isEmpty)
                close(descriptor)
            }
            try "x: 2\n".write(toFile: "\(folder)/a.yaml", atomically: false, encoding: .utf8)
            #expect(try changes(client, since: start).changed == ["a.yaml"])
            running.end()
        #endif
    }

    /// Askers that say nothing, or a byte at a time, hold nobody up: the others are answered at once (each
    /// question waits at most a second, and twelve silent askers served in turn would hold a thirteenth for
    /// twelve seconds or more).
    @Test func silentAskersHoldNobodyUp() throws {
        #if canImport(Glibc)
            let folder = try folder("watch-silent", files: ["a.yaml"])
            let client = FolderMonitorClient(folder: folder)
            let running = try Running(folder)
            let socket = try #require(client.socketPath)
            let start = try changes(client, since: nil).position
            let silent = try (0..<12).map { _ in try #require(FolderMonitorClient.connect(to: socket)) }
            let trickle = try #require(FolderMonitorClient.connect(to: socket))
            _ = send(trickle, "p", 1, Int32(MSG_NOSIGNAL))
            try "x: 2\n".write(toFile: "\(folder)/a.yaml", atomically: false, encoding: .utf8)
            #expect(try changes(client, since: start).changed == ["a.yaml"])
            _ = send(trickle, "a", 1, Int32(MSG_NOSIGNAL))
            #expect(try changes(client, since: start).changed == ["a.yaml"])
            for descriptor in silent + [trickle] { close(descriptor) }
            running.end()
        #endif
    }

    /// A watcher that takes questions and never answers (stopped, stuck) is told once, and not asked again.
    @Test func aWatcherThatDoesNotAnswerIsToldOnce() throws {
        #if canImport(Glibc)
            let folder = try folder("watch-stuck", files: ["a.yaml"])
            let told = Told()
            let client = FolderMonitorClient(folder: folder) { told.add($0) }
            let stuck = try FolderMonitor(folder: folder)  // listening, never run
            #expect(client.mayRun)
            #expect(client.changes(since: nil) == nil)
            #expect(client.changes(since: nil) == nil)
            #expect(
                told.sentences == [
                    "the folder's watcher (socket \(stuck.socketPath)) did not answer within 1 s; looking at each file instead. Is 'pacta watch' stopped or stuck?"
                ])
        #endif
    }

    final class Told: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ sentence: String) { lock.withLock { list.append(sentence) } }
        var sentences: [String] { lock.withLock { list } }
    }

    /// A watcher whose folder is removed ends with an error that says so, and leaves no socket.
    @Test func aWatcherWhoseFolderGoesEnds() throws {
        #if canImport(Glibc)
            let folder = try folder("watch-gone", files: ["a.yaml"])
            let client = FolderMonitorClient(folder: folder)
            let running = try Running(folder)
            try FileManager.default.removeItem(atPath: folder)
            running.waitForItsEnd()
            let error = try #require(running.error as? FolderMonitorError)
            #expect(error.description == "the folder \(running.monitor.folder) was removed or moved: the watch ended")
            #expect(!client.mayRun)
        #endif
    }

    /// An index refresh asks the watcher: after one refresh that looks at the files, an unchanged folder is vouched
    /// for without a look at any file; an edited file, and a watcher started again (that cannot vouch for what
    /// happened while none ran), have the files looked at again.
    @Test func anUnchangedFolderIsVouchedForByItsWatcher() async throws {
        #if canImport(Glibc)
            let folder = TestFolder.path("watch-index")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for name in ["ru-kp-2024-partnership.yaml", "cn-kp-1961-friendship.yaml", "regions.yaml"] {
                try FileManager.default.copyItem(atPath: "\(Fixtures.corpusPath)/\(name)", toPath: "\(folder)/\(name)")
            }
            let index = try SQLiteIndex.inMemory()
            let indexer = Indexer(corpus: folder)
            let client = FolderMonitorClient(folder: folder)
            // Without a watcher: a seal without a position.
            let plain = try await indexer.refresh(index, watch: client)
            #expect(plain.added == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
            #expect(try await index.folderSeal() == indexer.stamps().seal.description)

            var running = try Running(folder)
            let first = try await indexer.refresh(index, watch: client)
            #expect(!first.vouched)
            #expect(first.unchanged == 2)
            let kept = KeptSeal(try #require(try await index.folderSeal()))
            #expect(try kept.seal == indexer.stamps().seal.description)
            #expect(kept.position != nil)
            let second = try await indexer.refresh(index, watch: client)
            #expect(second.vouched)
            #expect(second.unchanged == 2)
            #expect(!second.changed)

            // An edit of the same size, its modification time put back: the watcher names the file (the stamps show
            // it too, by the status change time).
            let edited = "\(folder)/cn-kp-1961-friendship.yaml"
            let changedText = try editKeepingSizeAndTime(edited).text
            let third = try await indexer.refresh(index, watch: client)
            #expect(!third.vouched)
            #expect(third.updated == ["cn-kp-1961-friendship.yaml"])
            #expect(try await indexer.refresh(index, watch: client).vouched)

            // An edit that changes the size: read again, then vouched for.
            try (changedText + "\n").write(toFile: edited, atomically: false, encoding: .utf8)
            let fourth = try await indexer.refresh(index, watch: client)
            #expect(fourth.updated == ["cn-kp-1961-friendship.yaml"])
            #expect(!fourth.vouched)
            #expect(try await indexer.refresh(index, watch: client).vouched)

            // The watcher stops; a file changes; another watcher starts: its positions are not the first's, so the
            // files are looked at and the change found.
            running.end()
            try (changedText + "\n\n").write(toFile: edited, atomically: false, encoding: .utf8)
            running = try Running(folder)
            let fifth = try await indexer.refresh(index, watch: client)
            #expect(fifth.updated == ["cn-kp-1961-friendship.yaml"])
            #expect(!fifth.vouched)
            #expect(try await indexer.refresh(index, watch: client).vouched)

            // Any write to the index forgets the seal and its position.
            try await index.recordOther(["broken.yaml": "x"])
            #expect(!(try await indexer.refresh(index, watch: client).vouched))
            running.end()
        #endif
    }
}
