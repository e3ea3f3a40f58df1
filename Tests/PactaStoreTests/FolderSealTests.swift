import Foundation
import PactaCore
import PactaFormats
import PactaSQLite
import PactaTestSupport
import Testing

@testable import PactaStore

#if canImport(Glibc)
    import Glibc
#endif

/// The folder's seal (``FolderSeal``): one digest of every file's name, size and modification time, which an
/// index keeps from its last refresh and forgets on any write, so that an unchanged folder is known as such
/// without reading the index's fingerprints.
@Suite struct FolderSealTests {
    /// A folder with two treaties of the shipped corpus and its regions.
    func scratchCorpus() throws -> String {
        let folder = TestFolder.path("seal")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["ru-kp-2024-partnership.yaml", "cn-kp-1961-friendship.yaml", "regions.yaml"] {
            try FileManager.default.copyItem(atPath: "\(Fixtures.corpusPath)/\(name)", toPath: "\(folder)/\(name)")
        }
        return folder
    }

    func stamp(_ size: Int, _ seconds: Int) -> CorpusFiles.Stamp {
        CorpusFiles.Stamp(size: size, seconds: seconds, nanoseconds: 5)
    }

    @Test func theSealFollowsEachStampNotTheOrder() throws {
        let a: Indexer.Stamped = ("a.yaml", stamp(10, 1_000))
        let b: Indexer.Stamped = ("b.yaml", stamp(20, 2_000))
        let regions: Indexer.Stamped = ("regions.yaml", stamp(30, 3_000))
        let seal = Indexer.Stamps(treaties: [a, b], context: [regions]).seal
        #expect(Indexer.Stamps(treaties: [b, a], context: [regions]).seal == seal)
        #expect(seal.treatyFiles == 2)
        // One second later, one byte more, another name, a file that cannot be looked at, a treaty file taken
        // for a context file, one file fewer: each is another seal.
        let others = [
            Indexer.Stamps(treaties: [a, ("b.yaml", stamp(20, 2_001))], context: [regions]),
            Indexer.Stamps(treaties: [a, ("b.yaml", stamp(21, 2_000))], context: [regions]),
            Indexer.Stamps(treaties: [a, ("c.yaml", stamp(20, 2_000))], context: [regions]),
            Indexer.Stamps(treaties: [a, ("b.yaml", nil)], context: [regions]),
            Indexer.Stamps(treaties: [a], context: [b, regions]),
            Indexer.Stamps(treaties: [a], context: [regions]),
        ].map(\.seal)
        #expect(Set(others + [seal]).count == 7)
        // Its text reads back; other texts do not.
        #expect(seal.description.hasPrefix("seal-1:2:"))
        #expect(seal.description.utf8.count == "seal-1:2:".utf8.count + 32)
        #expect(FolderSeal(seal.description) == seal)
        for text in [
            "", "seal-1:2:abc", "seal-2:2:" + String(repeating: "0", count: 32),
            "seal-1:-1:" + String(repeating: "0", count: 32),
        ] {
            #expect(FolderSeal(text) == nil)
        }
    }

    /// A refresh keeps the seal of the stamps it started from; any write to the index's files (a treaty
    /// stored, a file with errors recorded, a file removed) forgets it; an unchanged folder is then refreshed
    /// from the seal alone, and a file edited since is read again.
    @Test func aRefreshKeepsTheSealAndAnyWriteForgetsIt() async throws {
        let folder = try scratchCorpus()
        let index = try SQLiteIndex.inMemory()
        let indexer = Indexer(corpus: folder)
        #expect(try await index.folderSeal() == nil)
        let first = try await indexer.refresh(index)
        #expect(first.added == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
        let sealed = try indexer.stamps().seal
        #expect(try await index.folderSeal() == sealed.description)

        let again = try await indexer.refresh(index)
        #expect(again.unchanged == 2)
        #expect(!again.changed)
        #expect(try await index.folderSeal() == sealed.description)

        // Each kind of write forgets the seal.
        let stored = try #require(try await index.treaties().first)
        try await index.upsert([IndexedFile(path: "\(stored.id).yaml", hash: "other", treaty: stored)])
        #expect(try await index.folderSeal() == nil)
        try await index.storeFolderSeal(sealed.description)
        try await index.recordOther(["broken.yaml": "x"])
        #expect(try await index.folderSeal() == nil)
        try await index.storeFolderSeal(sealed.description)
        try await index.remove(paths: ["broken.yaml"])
        #expect(try await index.folderSeal() == nil)

        // The seal is gone: the refresh compares fingerprints, finds the treaty stored with another, reads it
        // again and keeps the seal anew.
        let repaired = try await indexer.refresh(index)
        #expect(repaired.updated == ["\(stored.id).yaml"])
        #expect(try await index.folderSeal() == sealed.description)

        // A file edited (one byte more): another seal; the refresh reads that file alone.
        let edited = "\(folder)/cn-kp-1961-friendship.yaml"
        try (try String(contentsOfFile: edited, encoding: .utf8) + "\n").write(
            toFile: edited, atomically: false, encoding: .utf8)
        #expect(try indexer.stamps().seal != sealed)
        let after = try await indexer.refresh(index)
        #expect(after.updated == ["cn-kp-1961-friendship.yaml"])
        #expect(after.unchanged == 1)
        #expect(try await index.folderSeal() == indexer.stamps().seal.description)
    }

    /// An edit of the same size whose modification time is put back (`touch -r`, an archive unpacked over the
    /// folder) is found without a watcher: the stamp holds the status change time, which cannot be set back.
    @Test func anEditWithItsModificationTimePutBackIsFound() async throws {
        #if canImport(Glibc)
            let folder = try scratchCorpus()
            let index = try SQLiteIndex.inMemory()
            let indexer = Indexer(corpus: folder)
            _ = try await indexer.refresh(index)
            let edited = "\(folder)/cn-kp-1961-friendship.yaml"
            let before = try editKeepingSizeAndTime(edited).before
            let stamp = try #require(CorpusFiles.stamp(ofFile: edited))
            #expect(stamp.size == Int(before.st_size) && stamp.seconds == Int(before.st_mtim.tv_sec))
            #expect(stamp.nanoseconds == Int(before.st_mtim.tv_nsec))
            let after = try await indexer.refresh(index)
            #expect(after.updated == ["cn-kp-1961-friendship.yaml"])
            #expect(
                try await index.treaties().first { $0.id == "cn-kp-1961-friendship" }?.titles["en"]?.contains(
                    "Frendshipp") == true)
        #endif
    }

    /// A context file touched (its bytes the same) reads no treaty again: only its new stamp is kept, and the
    /// index is fresh after (an index written before the stamp held the change time is so too).
    @Test func aContextFileTouchedReadsNoTreatyAgain() async throws {
        let folder = try scratchCorpus()
        let index = try SQLiteIndex.inMemory()
        let indexer = Indexer(corpus: folder)
        _ = try await indexer.refresh(index)
        let later = Date().addingTimeInterval(3_600)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: "\(folder)/regions.yaml")
        #expect(try await !indexer.freshness(of: index).contextChanged)
        let touched = try await indexer.refresh(index)
        #expect(touched.updated == [])
        #expect(touched.unchanged == 2)
        #expect(try await indexer.freshness(of: index).isFresh)
        #expect(
            try await index.otherHashes()["regions.yaml"]?.hasSuffix(
                try #require(CorpusFiles.stamp(ofFile: "\(folder)/regions.yaml")).description) == true)
    }

    /// A folder that cannot be listed is a located error, not a crash.
    @Test func aFolderThatCannotBeListedIsAnError() throws {
        let missing = TestFolder.path("no-such-folder")
        let error = try #require(throws: Diagnostic.self) { try CorpusFiles.names(inFolder: missing) }
        #expect(error.file == missing)
        #expect(error.message == "cannot list the folder: No such file or directory")
    }
}
