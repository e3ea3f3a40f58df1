import Foundation
import PactaCore
import PactaFormats
import PactaQuestions
@testable import PactaSQLite
import PactaStore
import PactaTestSupport
import Testing

/// Every test body runs against each back end: the in-memory index and SQLite (STYLE.md §7).
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite
    var testDescription: String { rawValue }

    func make() throws -> any TreatyIndex {
        switch self {
        case .memory: MemoryIndex()
        case .sqlite: try SQLiteIndex.inMemory()
        }
    }
}

/// The shipped corpus, indexed once per back end per test.
func indexedShippedCorpus(_ backend: Backend) async throws -> any TreatyIndex {
    let index = try backend.make()
    let files = Fixtures.shipped.corpus.treaties.map {
        IndexedFile(path: "\($0.id).yaml", hash: "test", treaty: $0)
    }
    try await index.upsert(files)
    return index
}

@Suite struct SearchTests {
    func treaties(_ hits: [SearchHit]) -> Set<String> { Set(hits.map(\.document.treaty)) }

    @Test(arguments: Backend.allCases)
    func traditionalFindsSimplifiedAndTheReverse(_ backend: Backend) async throws {
        let index = try await indexedShippedCorpus(backend)
        // 條約 (Traditional) finds 条约 in the Simplified titles, and 军事援助 finds text written 軍事援助.
        let treaty = try await index.search("條約", language: "zh", limit: 50)
        #expect(treaties(treaty).contains("ru-kp-2024-partnership"))
        #expect(treaty.allSatisfy { $0.document.language.hasPrefix("zh") })
        let simplified = try await index.search("条约", language: "zh-Hant", limit: 50)
        #expect(treaties(simplified).contains("ru-kp-2024-partnership"))
        #expect(simplified.allSatisfy { $0.document.language == "zh-Hant" })
    }

    @Test(arguments: Backend.allCases)
    func militaryAssistanceInBothScripts(_ backend: Backend) async throws {
        let index = try await indexedShippedCorpus(backend)
        // 军事援助 (Simplified) finds the Traditional 軍事援助 of the PRC–DPRK art. II summary, and the reverse.
        let simplified = try await index.search("军事援助", language: "zh-Hant", limit: 10)
        #expect(simplified.map { "\($0.document.treaty) \($0.document.article ?? "")" } == ["cn-kp-1961-friendship II"])
        #expect(simplified.first?.snippet.marked(open: "[", close: "]").contains("[軍事援助]") == true)
        let traditional = try await index.search("軍事援助", language: "zh-Hans", limit: 10)
        #expect(
            traditional.map { "\($0.document.treaty) \($0.document.article ?? "")" } == ["ru-kp-2024-partnership 4"])
        // Russian with е for ё finds вооружённому.
        let russian = try await index.search("ВООРУЖЕННОМУ", language: "ru", limit: 10)
        // (New START's title, "... вооружений", shares the stem and ranks first as a title.)
        let partnership = russian.first { $0.document.treaty == "ru-kp-2024-partnership" }
        #expect(partnership?.snippet.marked(open: "[", close: "]").contains("[вооружённому]") == true)
    }

    @Test(arguments: Backend.allCases)
    func oneAndTwoCharacterChineseQueries(_ backend: Backend) async throws {
        let index = try await indexedShippedCorpus(backend)
        #expect(treaties(try await index.search("朝", language: nil, limit: 100)).contains("ru-kp-2024-partnership"))
        #expect(treaties(try await index.search("條", language: nil, limit: 100)).contains("cn-kp-1961-friendship"))
    }

    @Test(arguments: Backend.allCases)
    func koreanQuery(_ backend: Backend) async throws {
        let index = try await indexedShippedCorpus(backend)
        let hits = try await index.search("조약", language: "ko", limit: 50)
        #expect(treaties(hits).contains("ru-kp-2024-partnership"))
        #expect(hits.first?.snippet.highlights.isEmpty == false)
    }

    @Test(arguments: Backend.allCases)
    func russianInAnotherCaseAndWithYo(_ backend: Backend) async throws {
        let index = try await indexedShippedCorpus(backend)
        let lower = try await index.search("договор о всеобъемлющем", language: "ru", limit: 10)
        let upper = try await index.search("ДОГОВОР О ВСЕОБЪЕМЛЮЩЕМ", language: "ru", limit: 10)
        #expect(treaties(lower) == ["ru-kp-2024-partnership"])
        #expect(lower == upper)
        let hit = try #require(lower.first)
        #expect(hit.snippet.marked(open: "[", close: "]").contains("[Договор] [о] [всеобъемлющем] стратегическом"))
    }

    @Test(arguments: Backend.allCases)
    func englishRankedTitlesFirst(_ backend: Backend) async throws {
        let index = try await indexedShippedCorpus(backend)
        // Two titles speak of a strategic partnership (Russia–DPRK 2024, France–Greece 2021): both, titles first.
        let both = try await index.search("strategic partnership", language: "en", limit: 5)
        #expect(Set(both.prefix(2).map(\.document.treaty)) == ["ru-kp-2024-partnership", "fr-gr-2021-defence"])
        let hits = try await index.search("comprehensive strategic partnership", language: "en", limit: 5)
        #expect(hits.first?.document.treaty == "ru-kp-2024-partnership")
        #expect(hits.first?.document.field == .title)
        #expect(try await index.search("   ", language: nil, limit: 5).isEmpty)
    }

    @Test func foldingAndSegmenting() {
        #expect(SearchText.normalize("Ёлка ДОГОВОР 條約") == "елка договор 条约")
        #expect(SearchText.segment("军事援助 art") == " 军  事  援  助  art")
        #expect(SearchText.ftsExpression("軍事 договор") == "\"军 事\" AND \"договор\"*")
        #expect(SearchText.matches("Договора о дружбе", query: "договор"))
        #expect(!SearchText.matches("Договора о дружбе", query: "говор"))
    }
}

@Suite struct IndexerTests {
    /// A scratch corpus folder with two treaty files copied from the shipped corpus.
    func scratchCorpus() throws -> String {
        let folder = TestFolder.url("index")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["ru-kp-2024-partnership.yaml", "cn-kp-1961-friendship.yaml", "regions.yaml"] {
            try FileManager.default.copyItem(atPath: "\(Fixtures.corpusPath)/\(name)", toPath: "\(folder)/\(name)")
        }
        return folder
    }

    @Test(arguments: Backend.allCases)
    func refreshReindexesOnlyWhatChanged(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        let first = try await indexer.refresh(index)
        #expect(first.added == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
        #expect(try await indexer.freshness(of: index).isFresh)

        // Unchanged files are not read again.
        let second = try await indexer.refresh(index)
        #expect(!second.changed)
        #expect(second.unchanged == 2)

        // A changed file is re-indexed, and its new text is found.
        let path = "\(folder)/cn-kp-1961-friendship.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "short-title: {en: \"", with: "short-title: {en: \"Zanzibarian ")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let stale = try await indexer.freshness(of: index)
        #expect(stale.changed == ["cn-kp-1961-friendship.yaml"])
        let third = try await indexer.refresh(index)
        #expect(third.updated == ["cn-kp-1961-friendship.yaml"])
        #expect(third.unchanged == 1)
        #expect(
            try await index.search("zanzibarian", language: nil, limit: 5).map(\.document.treaty) == [
                "cn-kp-1961-friendship"
            ])

        // A removed file leaves the index.
        try FileManager.default.removeItem(atPath: path)
        let fourth = try await indexer.refresh(index)
        #expect(fourth.removed == ["cn-kp-1961-friendship.yaml"])
        #expect(try await index.treaties().map(\.id) == ["ru-kp-2024-partnership"])
    }

    /// A reader that opens an index another process has only begun to create is told so, not that another version
    /// of Pacta made it; once created, the index opens for reading.
    @Test func anIndexBeingCreatedIsNotCalledOutdated() throws {
        let path = TestFolder.path("new", suffix: ".sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = #expect(throws: SQLiteIndex.IncompleteIndex.self) { try SQLiteIndex(readingOnly: path) }
        #expect(
            error?.description == "the index \(path) is being created by another process, or its creation was cut short"
        )
        _ = try SQLiteIndex(path: path)
        #expect(throws: Never.self) { try SQLiteIndex(readingOnly: path) }
    }

    /// An index made by an earlier Pacta (an older model version, without this Pacta's newest table) is called
    /// outdated, not "being created", when opened for reading only.
    @Test func anIndexOfAnEarlierPactaIsCalledOutdated() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pacta-old-\(UUID().uuidString).sqlite"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await Program.sqlite(
            path,
            "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value NOT NULL); INSERT INTO meta VALUES ('model-version', 8);"
        )
        let error = #expect(throws: SQLiteIndex.OutdatedIndex.self) { try SQLiteIndex(readingOnly: path) }
        #expect(error?.description == "the index \(path) was made by another version of Pacta")
    }

    /// Files are parsed on every core a chunk at a time, and stored models decoded on every core: the whole shipped
    /// corpus, in chunks of 7 with a faulty file among them, comes back in order, the faulty file alone left out.
    @Test(arguments: Backend.allCases)
    func chunkedParallelIndexingHoldsTheWholeCorpus(_ backend: Backend) async throws {
        let folder = TestFolder.url("chunks")
            .path
        try FileManager.default.copyItem(atPath: Fixtures.corpusPath, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "format: 1\nid: [broken\n".write(toFile: "\(folder)/broken.yaml", atomically: true, encoding: .utf8)
        let index = try backend.make()
        let report = try await Indexer(corpus: folder).refresh(index, chunkSize: 7)
        let expected = Fixtures.shippedCorpus().treaties.map(\.id).sorted()
        #expect(report.failed == ["broken.yaml"])
        #expect(report.added.count == expected.count)
        // Decoded on every core, the stored treaties still come back in the index's order (by id).
        #expect(try await index.treaties().map(\.id) == expected)
        let stored = try await index.treaties().first { $0.id == "ru-kp-2024-partnership" }
        #expect(
            stored?.events.count
                == Fixtures.shippedCorpus().treaties.first { $0.id == "ru-kp-2024-partnership" }?.events.count)
        #expect(try await Indexer(corpus: folder).freshness(of: index).isFresh)
        // Each file holds its own treaty (the files of a chunk are parsed largest first, their results kept in the
        // chunk's order): removing one file removes its treaty and no other.
        try FileManager.default.removeItem(atPath: "\(folder)/ru-kp-2024-partnership.yaml")
        #expect(
            try await Indexer(corpus: folder).refresh(index, chunkSize: 7).removed == ["ru-kp-2024-partnership.yaml"])
        #expect(try await index.treaties().map(\.id) == expected.filter { $0 != "ru-kp-2024-partnership" })
    }

    /// Freshness in one pass over the folder: a file edited in place (same name, new bytes), a file added and a
    /// file deleted are each named where they belong, and nothing else.
    @Test(arguments: Backend.allCases)
    func freshnessNamesEachChangedAddedAndDeletedFile(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        _ = try await indexer.refresh(index)
        let edited = "\(folder)/cn-kp-1961-friendship.yaml"
        try (try String(contentsOfFile: edited, encoding: .utf8) + "# reviewed\n").write(
            toFile: edited, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(
            atPath: "\(folder)/ru-kp-2024-partnership.yaml", toPath: "\(folder)/elsewhere.yaml.bak")
        let added = TreatyYAML.multilateral(
            id: "xx-test-2001", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}", events: [])
        try added.write(toFile: "\(folder)/xx-test-2001.yaml", atomically: true, encoding: .utf8)
        let freshness = try await indexer.freshness(of: index)
        #expect(freshness.changed == ["cn-kp-1961-friendship.yaml"])
        #expect(freshness.missing == ["xx-test-2001.yaml"])
        #expect(freshness.extra == ["ru-kp-2024-partnership.yaml"])
        #expect(!freshness.contextChanged)
        let report = try await indexer.refresh(index)
        #expect(report.updated == ["cn-kp-1961-friendship.yaml"])
        #expect(report.added == ["xx-test-2001.yaml"])
        #expect(report.removed == ["ru-kp-2024-partnership.yaml"])
        #expect(try await indexer.freshness(of: index).isFresh)
    }

    @Test(arguments: Backend.allCases)
    func aFaultyFileIsRememberedAndTheEntitiesCount(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A treaty file naming an organisation that entities.yaml does not (yet) declare.
        let faulty = TreatyYAML.multilateral(
            id: "eu-test-2000", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: ["date: 2000-02-01, type: consent, form: formal-confirmation, party: org:eu"])
        try faulty.write(toFile: "\(folder)/eu-test-2000.yaml", atomically: true, encoding: .utf8)
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        let first = try await indexer.refresh(index)
        #expect(first.failed == ["eu-test-2000.yaml"])
        #expect(first.added == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
        // The faulty file is known by its hash: the index is fresh, and a refresh reads nothing.
        #expect(try await indexer.freshness(of: index).isFresh)
        let second = try await indexer.refresh(index)
        #expect(!second.changed)
        // The counts add up to the folder's treaty files: the one left out again is counted as failed alone.
        #expect(second.unchanged == 2)
        #expect(second.failed == ["eu-test-2000.yaml"])
        // Declaring the organisation changes entities.yaml: every file is read again, and the treaty comes in.
        try "org:eu: {names: {en: European Union}, kind: regional-economic-integration-organisation}\n".write(
            toFile: "\(folder)/entities.yaml", atomically: true, encoding: .utf8)
        #expect(try await indexer.freshness(of: index).contextChanged)
        let third = try await indexer.refresh(index)
        #expect(third.added == ["eu-test-2000.yaml"])
        #expect(third.updated == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
        #expect(third.failed == [])
        #expect(try await indexer.freshness(of: index).isFresh)
        #expect(try await index.treaties().map(\.id).contains("eu-test-2000"))
        // A file not named after its treaty is left out, as `pacta check` reports it.
        try FileManager.default.copyItem(
            atPath: "\(folder)/eu-test-2000.yaml", toPath: "\(folder)/copy-of-eu-test.yaml")
        #expect(try await indexer.refresh(index).failed == ["copy-of-eu-test.yaml"])
        try FileManager.default.removeItem(atPath: "\(folder)/copy-of-eu-test.yaml")
        _ = try await indexer.refresh(index)
        // A faulty file that is deleted leaves the index's record too.
        try "format: 1\nid: [broken\n".write(toFile: "\(folder)/broken.yaml", atomically: true, encoding: .utf8)
        #expect(try await indexer.refresh(index).failed == ["broken.yaml"])
        try FileManager.default.removeItem(atPath: "\(folder)/broken.yaml")
        #expect(try await indexer.refresh(index).removed == ["broken.yaml"])
        #expect(try await index.otherHashes().keys.sorted() == ["entities.yaml", "regions.yaml"])
    }

    /// A file the index has never seen is read once: its fingerprint is the hash of the bytes its parse read, the
    /// same as a fresh hash of the file gives, whether it holds a treaty, is not UTF-8, or is too large to be read
    /// (hashed apart); each is then known, and a second refresh reads nothing.
    @Test(arguments: Backend.allCases)
    func aNewFileIsFingerprintedFromTheBytesItsParseRead(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data([0x66, 0x6F, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: "\(folder)/latin.yaml"))
        try Data(repeating: 0x23, count: CorpusFiles.maximumBytes + 1).write(
            to: URL(fileURLWithPath: "\(folder)/huge.yaml"))
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        let first = try await indexer.refresh(index)
        #expect(first.added == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
        #expect(first.failed == ["huge.yaml", "latin.yaml"])
        let names = ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml", "huge.yaml", "latin.yaml"]
        let fresh = try indexer.fingerprints(of: names, known: [:])
        let stored = try await index.hashes().merging(try await index.otherHashes()) { a, _ in a }
        #expect(names.map { stored[$0] } == names.map { fresh[$0] })
        #expect(fresh["latin.yaml"]?.hasPrefix(ContentHash.of([0x66, 0x6F, 0xFF, 0xFE, 0x0A]) + "@5:") == true)
        let second = try await indexer.refresh(index)
        #expect(!second.changed)
        #expect(second.unchanged == 2)
        #expect(second.failed == ["huge.yaml", "latin.yaml"])
        #expect(try await indexer.freshness(of: index).isFresh)
    }

    /// A file that is there but cannot be read (a named pipe, a folder or a link to nothing under a treaty file's
    /// name; an unreadable `entities.yaml`) is left out and named, as a file with errors is, but not remembered: the
    /// next refresh tries it again, and takes it once it reads. What the index held for an indexed file that can
    /// no longer be read goes.
    @Test(arguments: Backend.allCases)
    func aFileThatCannotBeReadIsNamedAndTriedAgain(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        _ = try await indexer.refresh(index)
        #expect(mkfifo("\(folder)/xx-test-2001.yaml", 0o600) == 0)
        try FileManager.default.createDirectory(
            atPath: "\(folder)/folder.yaml", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/link.yaml", withDestinationPath: "nothing.txt")
        let path = "\(folder)/ru-kp-2024-partnership.yaml"
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let first = try await indexer.refresh(index)
        let unreadable = ["folder.yaml", "link.yaml", "ru-kp-2024-partnership.yaml", "xx-test-2001.yaml"]
        #expect(first.failed == unreadable)
        #expect(first.removed == [])
        #expect(try await index.treaties().map(\.id) == ["cn-kp-1961-friendship"])
        // Not remembered: named again, not counted as unchanged.
        let second = try await indexer.refresh(index)
        #expect(second.failed == unreadable)
        #expect(second.unchanged == 1)
        // Once the pipe is a treaty file, it is taken.
        try FileManager.default.removeItem(atPath: "\(folder)/xx-test-2001.yaml")
        try TreatyYAML.multilateral(
            id: "xx-test-2001", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}", events: []
        ).write(toFile: "\(folder)/xx-test-2001.yaml", atomically: true, encoding: .utf8)
        let third = try await indexer.refresh(index)
        #expect(third.added == ["xx-test-2001.yaml"])
        #expect(third.failed == ["folder.yaml", "link.yaml", "ru-kp-2024-partnership.yaml"])
        // An entities.yaml that cannot be read is named too.
        try FileManager.default.removeItem(atPath: "\(folder)/folder.yaml")
        try FileManager.default.removeItem(atPath: "\(folder)/link.yaml")
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(
            atPath: "\(folder)/entities.yaml", withIntermediateDirectories: false)
        #expect(try await indexer.refresh(index).failed == ["entities.yaml"])
    }

    /// An entities.yaml that reads with errors is named among the files left out, by the refresh that reads it and
    /// by the next, unchanged one (a tester saw only the treaty naming an undeclared organisation named).
    @Test(arguments: Backend.allCases)
    func aBrokenEntitiesFileIsNamed(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ": : [\n".write(toFile: "\(folder)/entities.yaml", atomically: true, encoding: .utf8)
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        let first = try await indexer.refresh(index)
        #expect(first.added == ["cn-kp-1961-friendship.yaml", "ru-kp-2024-partnership.yaml"])
        #expect(first.failed == ["entities.yaml"])
        let again = try await indexer.refresh(index)
        #expect(again.unchanged == 2)
        #expect(again.failed == ["entities.yaml"])
    }

    /// Two files of one treaty (`x.yaml` and `x.yml`, or `x.json` before both): the index holds the one the files'
    /// own reading keeps (the first by name) and leaves the others out, as `pacta check` refuses them; once the
    /// others are gone, the one left out comes in (a tester found both indexed, the corpus's error unseen).
    @Test(arguments: Backend.allCases)
    func twoFilesOfOneTreatyAreIndexedOnce(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let treaty = "cn-kp-1961-friendship"
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        _ = try await indexer.refresh(index)
        try FileManager.default.copyItem(atPath: "\(folder)/\(treaty).yaml", toPath: "\(folder)/\(treaty).yml")
        let twin = try await indexer.refresh(index)
        #expect(twin.added == [])
        #expect(twin.failed == ["\(treaty).yml"])
        #expect(try await index.hashes().keys.sorted() == ["\(treaty).yaml", "ru-kp-2024-partnership.yaml"])
        #expect(try await indexer.freshness(of: index).isFresh)
        // A `.json` sorts first: it is kept, and the `.yaml` indexed before is left out.
        try FileManager.default.copyItem(atPath: "\(folder)/\(treaty).yaml", toPath: "\(folder)/\(treaty).json")
        let first = try await indexer.refresh(index)
        #expect(first.added == ["\(treaty).json"])
        #expect(first.failed == ["\(treaty).yaml", "\(treaty).yml"])
        #expect(try await index.hashes().keys.sorted() == ["\(treaty).json", "ru-kp-2024-partnership.yaml"])
        #expect(try await index.treaties().filter { $0.id == treaty }.count == 1)
        // The other two gone, the `.yaml`, unchanged, comes in again.
        for ext in ["json", "yml"] { try FileManager.default.removeItem(atPath: "\(folder)/\(treaty).\(ext)") }
        let alone = try await indexer.refresh(index)
        #expect(alone.failed == [])
        #expect(try await index.hashes().keys.sorted() == ["\(treaty).yaml", "ru-kp-2024-partnership.yaml"])
        #expect(try await indexer.freshness(of: index).isFresh)
    }

    /// A file touched (a new modification time, the same bytes) is not read as changed: the index takes its new
    /// stamp, reports it unchanged, and a faulty file touched stays left out; the index is fresh before and after.
    @Test(arguments: Backend.allCases)
    func aTouchedFileIsNotParsedAgain(_ backend: Backend) async throws {
        let folder = try scratchCorpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "format: 1\nid: [broken\n".write(toFile: "\(folder)/broken.yaml", atomically: true, encoding: .utf8)
        let index = try backend.make()
        let indexer = Indexer(corpus: folder)
        _ = try await indexer.refresh(index)
        let later = Date(timeIntervalSinceNow: 3_600)
        for name in ["cn-kp-1961-friendship.yaml", "broken.yaml"] {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: "\(folder)/\(name)")
        }
        #expect(try await indexer.freshness(of: index).isFresh)
        let report = try await indexer.refresh(index)
        #expect(report.updated == [])
        #expect(report.unchanged == 2)
        #expect(report.failed == ["broken.yaml"])
        // The new stamps are kept: they are what a fresh look at the files gives.
        let names = ["cn-kp-1961-friendship.yaml", "broken.yaml"]
        let fresh = try indexer.fingerprints(of: names, known: [:])
        let stored = try await index.hashes().merging(try await index.otherHashes()) { a, _ in a }
        #expect(names.map { stored[$0] } == names.map { fresh[$0] })
        // An edit is still an edit.
        let path = "\(folder)/cn-kp-1961-friendship.yaml"
        try (try String(contentsOfFile: path, encoding: .utf8) + "# reviewed\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try await indexer.refresh(index).updated == ["cn-kp-1961-friendship.yaml"])
    }

    @Test func modelsRoundTripThroughSQLite() async throws {
        let index = try await indexedShippedCorpus(.sqlite)
        let stored = try await index.treaties()
        #expect(stored == Array(Fixtures.shipped.corpus.treaties))
    }
}

/// An act recorded through the desk appends its events to the stored log instead of storing the treaty again.
@Suite struct AppendTests {
    /// The partnership treaty with its last two events, and without them (the file before two acts).
    static func beforeAndAfter() throws -> (before: Treaty, after: Treaty) {
        let after = try #require(Fixtures.shipped.corpus["ru-kp-2024-partnership"])
        var before = after
        before.events.removeLast(2)
        return (before, after)
    }

    @Test(arguments: Backend.allCases)
    func appendedEventsAreStored(_ backend: Backend) async throws {
        let (before, after) = try Self.beforeAndAfter()
        let index = try backend.make()
        try await index.upsert([IndexedFile(path: "ru-kp.yaml", hash: "v1@1", treaty: before)])
        try await index.append(
            IndexedFile(path: "ru-kp.yaml", hash: "v2@2", treaty: after),
            after: IndexedFile(path: "ru-kp.yaml", hash: "v1", treaty: before))
        #expect(try await index.treaties() == [after])
        #expect(try await index.hashes() == ["ru-kp.yaml": "v2@2"])
    }

    /// The stored log is kept as it is and only the new events are added, where the index holds the file's
    /// version as it was; where it holds another version, the whole treaty is stored.
    @Test func sqliteAppendsOnlyTheNewEvents() async throws {
        let (before, after) = try Self.beforeAndAfter()
        // What the index holds for version v1: the same number of events, the last one told apart by its note.
        var held = before
        held.events[held.events.count - 1].note = "as the index holds it"
        let index = try SQLiteIndex.inMemory()
        try await index.upsert([IndexedFile(path: "ru-kp.yaml", hash: "v1@1", treaty: held)])
        try await index.append(
            IndexedFile(path: "ru-kp.yaml", hash: "v2@2", treaty: after),
            after: IndexedFile(path: "ru-kp.yaml", hash: "v1", treaty: before))
        let appended = try #require(try await index.treaties().first)
        #expect(appended.events.count == after.events.count)
        #expect(appended.events[before.events.count - 1].note == "as the index holds it")
        #expect(Array(appended.events.suffix(2)) == Array(after.events.suffix(2)))

        // Another version held: the whole file is stored.
        try await index.upsert([IndexedFile(path: "ru-kp.yaml", hash: "v0@1", treaty: held)])
        try await index.append(
            IndexedFile(path: "ru-kp.yaml", hash: "v2@2", treaty: after),
            after: IndexedFile(path: "ru-kp.yaml", hash: "v1", treaty: before))
        #expect(try await index.treaties() == [after])
    }
}

extension AppendTests {
    /// Act after act appended, past the numbers of appended rows that are merged into one and of merged rows that
    /// are folded into the stored log (the default, and a small one that reaches several folds): the index gives
    /// the treaty back whole after each act (from the whole-corpus read and from one treaty's closure), and a
    /// full store of another version afterwards replaces every appended row.
    @Test(arguments: [SQLiteIndex.appendsBeforeMerging, 3])
    func manyAppendsReadBackWholeAndFoldIntoTheStoredLog(appendsBeforeMerging: Int) async throws {
        let full = try #require(Fixtures.shipped.corpus["ru-kp-2024-partnership"])
        let acts = 150
        var growing = full
        growing.events = []
        var source = full.events
        while source.count < acts {
            source += full.events.map { event in
                var copy = event
                copy.id = "\(event.id)-\(source.count)"
                return copy
            }
        }
        let index = try SQLiteIndex.inMemory(appendsBeforeMerging: appendsBeforeMerging)
        try await index.upsert([IndexedFile(path: "t.yaml", hash: "v0@0", treaty: growing)])
        for (position, event) in source.prefix(acts).enumerated() {
            let before = growing
            growing.appendEvent(event)
            try await index.append(
                IndexedFile(path: "t.yaml", hash: "v\(position + 1)@1", treaty: growing),
                after: IndexedFile(path: "t.yaml", hash: "v\(position)", treaty: before))
            if position % 7 == 0 || position == acts - 1 {
                #expect(try await index.treaties() == [growing], "after \(position + 1) acts")
                let closure = try #require(try index.storedFiles(closureOf: full.id))
                #expect(closure.map(\.treaty) == [growing], "after \(position + 1) acts")
            }
        }
        // Two merges at the default; at 3, a merge every 3 acts and a fold every 9: sixteen folds.
        #expect(acts > appendsBeforeMerging * 2)
        #expect(try index.appendedRowCount(path: "t.yaml") == (appendsBeforeMerging == 3 ? 2 : 2 + 150 - 128))
        #expect(try await index.hashes() == ["t.yaml": "v\(acts)@1"])
        // Another version of the file stored whole: the appended rows go with the old version.
        try await index.upsert([IndexedFile(path: "t.yaml", hash: "w@1", treaty: full)])
        #expect(try await index.treaties() == [full])
        #expect(try index.storedFiles(closureOf: full.id)?.map(\.treaty) == [full])
    }
}

@Suite struct ClosureTests {
    /// One treaty's closure holds the treaties that amend it, so that its status from the index names them.
    @Test func aTreatysClosureHoldsItsAmendments() async throws {
        let index = try await indexedShippedCorpus(.sqlite) as! SQLiteIndex
        let files = try #require(try index.storedFiles(closureOf: "collective-security-1992"))
        #expect(files.map(\.treaty.id).sorted() == ["collective-security-1992", "cst-2010-protocol"])
        // Re-indexing the amending file replaces its row, not adds one.
        let amendment = try #require(Fixtures.shipped.corpus["cst-2010-protocol"])
        try await index.upsert([IndexedFile(path: "cst-2010-protocol.yaml", hash: "changed", treaty: amendment)])
        let again = try #require(try index.storedFiles(closureOf: "collective-security-1992"))
        #expect(again.map(\.treaty.id).sorted() == ["collective-security-1992", "cst-2010-protocol"])
        #expect(try index.storedFiles(closureOf: "anzus-1951")?.map(\.treaty.id) == ["anzus-1951"])
    }
}

/// A multilateral treaty adopted in 1990 that France acceded to in 1991, with `rules` and `extra` keys: the
/// subsets' tests below.
func subsetTreaty(_ id: String, rules: String = "entry-into-force: {when: {consents: 1}}", extra: String = "")
    -> Treaty
{
    Fixtures.treaty(
        TreatyYAML.multilateral(
            id: id, adopted: "1990-01-01", negotiating: [], rules: rules,
            events: ["date: 1991-01-01, type: consent, form: accession, party: FRA"], extra: extra))
}

/// The treaties the questions about alliances and duties read from the index: those with coded provisions and
/// what their answers need, so that `pacta allies` at the size of the UN Treaty Series decodes those alone.
@Suite struct ProvisionTreatiesTests {
    @Test func theShippedCorpusLeavesOutOnlyTheTreatiesWithoutProvisions() async throws {
        let index = try await indexedShippedCorpus(.sqlite) as! SQLiteIndex
        let ids = try index.storedProvisionTreaties().map(\.id)
        let all = Fixtures.shipped.corpus.treaties.map(\.id).sorted()
        // Files without provisions, or with `provisions: []`.
        let without = [
            "by-ru-1999-union-state", "kg-ru-1992-friendship", "kz-ru-1992-friendship", "new-start-2010",
            "rome-statute-1998", "ru-tj-1993-friendship", "unclos-1982", "us-cs-1925-extradition", "vclt-1969",
        ]
        #expect(ids == all.filter { !without.contains($0) })
        #expect(ids.contains("cst-2010-protocol"))
    }

    /// A treaty without provisions comes with the subset where a treaty with provisions waits for it, amends it or
    /// is amended by it, at any depth; a treaty that none of them names does not.
    @Test func theSubsetHoldsWhatItsTreatiesConditionsAndAmendmentsNeed() async throws {
        let pledge = """
            provisions:
              - {id: p, article: "1", category: defense, duty: assist, bearer: other-parties}
            """
        let treaties = [
            // A pledge treaty that waits for `base`, which waits for `deeper`.
            subsetTreaty(
                "pledges", rules: "entry-into-force: {when: {all: [{treaty-in-force: base}, {consents: 1}]}}",
                extra: pledge),
            subsetTreaty("base", rules: "entry-into-force: {when: {all: [{treaty-in-force: deeper}, {consents: 1}]}}"),
            subsetTreaty("deeper"),
            // An amendment with a pledge of a treaty without any, and an amendment without provisions of a
            // pledge treaty.
            subsetTreaty("amended"),
            subsetTreaty("amending", extra: "amends: {treaty: amended, articles: [\"1\"]}\n" + pledge),
            subsetTreaty("plain-amendment", extra: "amends: {treaty: pledges, articles: [\"1\"]}"),
            subsetTreaty("unrelated"),
        ]
        #expect(treaties.map { $0.provisions.count } == [1, 0, 0, 0, 1, 0, 0])
        let index = try SQLiteIndex.inMemory()
        try await index.upsert(treaties.map { IndexedFile(path: "\($0.id).yaml", hash: "h", treaty: $0) })
        #expect(
            try index.storedProvisionTreaties().map(\.id) == [
                "amended", "amending", "base", "deeper", "plain-amendment", "pledges",
            ])
    }

    /// Allies, scenarios and dyad tables computed from the subset are those of the whole corpus, for every State
    /// of the shipped corpus on dates across its history.
    @Test func alliesScenariosAndDyadsFromTheSubsetAreThoseOfTheWholeCorpus() async throws {
        let shipped = Fixtures.shipped.corpus
        let index = try await indexedShippedCorpus(.sqlite) as! SQLiteIndex
        let subset = Corpus(
            treaties: try index.storedProvisionTreaties(), entities: shipped.entities, regions: shipped.regions,
            scope: shipped.scope, successions: shipped.successions)
        #expect(subset.treaties.count < shipped.treaties.count)
        let whole = Questions(corpus: shipped)
        let part = Questions(corpus: subset)
        let states = Set(shipped.treaties.flatMap { $0.negotiatingStates + $0.events.flatMap(\.parties) })
            .filter { !$0.isOrganisation }.sorted { $0.rawValue < $1.rawValue }
        var compared = 0
        for date in ["1955-06-01", "1991-12-01", "2024-11-20"].map(Fixtures.date) {
            for state in states {
                let (a, b) = (whole.allies(of: state, on: date), part.allies(of: state, on: date))
                #expect(a.allies == b.allies, "\(state) on \(date)")
                #expect(a.coverage == b.coverage, "\(state) on \(date)")
                compared += a.allies.count
            }
        }
        #expect(compared > 1_000)
        for (attack, by, on) in [
            ("PRK", "USA", "2025-01-01"), ("EST", "RUS", "2024-06-01"), ("FRA", "DEU", "1960-01-01"),
        ] {
            let scenario = Scenario(
                on: Fixtures.date(on),
                events: [Scenario.Event(kind: .armedAttack, by: PartyCode(by), against: PartyCode(attack))],
                chain: true, rules: ChainRules())
            let (a, b) = (whole.scenario(scenario), part.scenario(scenario))
            #expect(a.duties == b.duties, "\(attack) by \(by)")
            #expect(a.notTriggered == b.notTriggered, "\(attack) by \(by)")
            #expect(a.claims == b.claims && a.coverage == b.coverage, "\(attack) by \(by)")
        }
        let (a, b) = (
            whole.dyads(from: 1945, to: 2025, directed: false), part.dyads(from: 1945, to: 2025, directed: false)
        )
        // Row for row, each naming the same States (the USSR or Russia under COW's 365 alike on every run).
        #expect(a.rows == b.rows && a.caveats == b.caveats && !a.rows.isEmpty)
    }
}

/// The treaties `pacta compare` reads from the index: those whose references name the data set compared, and
/// what their dates need.
@Suite struct ReferringTreatiesTests {
    @Test func theSubsetIsTheTreatiesThatNameTheDataSetAndWhatTheyNeed() async throws {
        let treaties = [
            subsetTreaty(
                "named-by-cow", rules: "entry-into-force: {when: {all: [{treaty-in-force: base}, {consents: 1}]}}",
                extra: "references: {cow: \"232\"}"),
            subsetTreaty("base"),
            subsetTreaty("amending-it", extra: "amends: {treaty: named-by-cow, articles: [\"1\"]}"),
            subsetTreaty("named-by-both", extra: "references: {cow: \"218\", atop: \"3130\"}"),
            subsetTreaty("named-by-atop", extra: "references: {atop: \"4890\"}"),
            subsetTreaty("unrelated"),
        ]
        let index = try SQLiteIndex.inMemory()
        try await index.upsert(treaties.map { IndexedFile(path: "\($0.id).yaml", hash: "h", treaty: $0) })
        #expect(
            try index.storedReferringTreaties(to: "cow").map(\.id) == [
                "amending-it", "base", "named-by-both", "named-by-cow",
            ])
        #expect(try index.storedReferringTreaties(to: "atop").map(\.id) == ["named-by-atop", "named-by-both"])
        #expect(try index.storedReferringTreaties(to: "manydata").isEmpty)
        // A file replaced without its reference leaves the subset.
        try await index.upsert([
            IndexedFile(path: "named-by-atop.yaml", hash: "h2", treaty: subsetTreaty("named-by-atop"))
        ])
        #expect(try index.storedReferringTreaties(to: "atop").map(\.id) == ["named-by-both"])
    }

    @Test func theShippedCorpusGivesEveryTreatyThatNamesCOWAndNotTheOthers() async throws {
        let index = try await indexedShippedCorpus(.sqlite) as! SQLiteIndex
        let ids = Set(try index.storedReferringTreaties(to: "cow").map(\.id))
        let naming = Set(Fixtures.shipped.corpus.treaties.filter { $0.references["cow"] != nil }.map(\.id))
        #expect(naming.count > 20)
        #expect(naming.isSubset(of: ids))
        #expect(!ids.contains("vclt-1969") && !ids.contains("rome-statute-1998"))
    }
}
