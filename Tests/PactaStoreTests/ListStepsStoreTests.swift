import Foundation
import PactaCore
import PactaFormats
import PactaQuestions
import PactaSQLite
import PactaStore
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// `pacta list` from the index's list steps (``Questions/list(on:from:faulty:faultyFiles:successions:most:)``)
/// gives the same lines as the engine over the whole corpus, and follows the files as they change.
@Suite struct ListStepsStoreTests {
    /// A folder with these files (name, text) and the shipped corpus's regions, removed by the caller.
    func folder(_ files: [(String, String)]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-list-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
        return folder
    }

    /// The list on `date` from `index`, as `pacta list` reads it from a fresh index of `folder`: the files the
    /// index left out read as far as they can be.
    func stored(_ index: SQLiteIndex, _ folder: String, on date: CalendarDate) throws -> Questions.StoredList {
        let context = try CorpusLoader().context(directory: folder)
        let faultyFiles = try index.storedOtherHashes().keys.filter { !Indexer.contextFiles.contains($0) }
        let reader = TreatyFileReader(
            organisations: Set(context.entities.keys), regions: Set(context.regions.keys))
        let faulty = try faultyFiles.compactMap { name in
            reader.read(text: try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8), file: name).treaty
        }
        let list = try Questions.list(
            on: date, from: index, faulty: faulty,
            faultyFiles: Set(faultyFiles.map { String($0.prefix { $0 != "." }) }), successions: context.successions)
        return try #require(list)
    }

    /// The lines of the engine over the corpus read from the files, as `pacta list` gives them without an index.
    func engine(_ folder: String, on dates: [CalendarDate]) throws -> [CalendarDate: [ListEntry]] {
        let loaded = try CorpusLoader().load(directory: folder)
        let faulty = Set(
            loaded.diagnostics.filter(\.isError).map {
                URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent
            })
        let questions = Questions(corpus: loaded.corpus, faulty: faulty)
        return Dictionary(uniqueKeysWithValues: dates.map { ($0, questions.listEntries(on: $0)) })
    }

    /// The differences between the index's lines and the engine's on each date, at most 20.
    func differences(_ index: SQLiteIndex, _ folder: String, on dates: [CalendarDate]) throws -> [String] {
        let expected = try engine(folder, on: dates)
        var result: [String] = []
        for date in dates {
            let found = try stored(index, folder, on: date).entries
            let wanted = expected[date]!
            if found.map(\.id) != wanted.map(\.id) {
                result.append("on \(date): ids \(found.map(\.id)) != \(wanted.map(\.id))")
                continue
            }
            for (a, b) in zip(found, wanted) where result.count < 20 {
                let fields = ListChecks.differences(a, b)
                if !fields.isEmpty { result.append("\(a.id) on \(date): " + fields.joined(separator: "; ")) }
            }
        }
        return result
    }

    /// Every event date of the corpus (and the days around it) in a spread of at most `most`, and the first of
    /// January of every fourth year from 1900 to 2100.
    func dates(_ corpus: Corpus, most: Int) -> [CalendarDate] {
        let all = Set(corpus.treaties.flatMap { $0.events.map(\.date) }).sorted()
        let step = max(1, all.count / most)
        var days = Set<CalendarDate>()
        for date in stride(from: 0, to: all.count, by: step).map({ all[$0] }) {
            days.formUnion([date.adding(days: -1), date, date.adding(days: 1)])
        }
        for year in stride(from: 1900, through: 2100, by: 4) {
            days.insert(CalendarDate(year: year, month: 1, day: 1)!)
        }
        return days.sorted()
    }

    @Test func theShippedCorpusListsFromTheIndexAsTheEngineDoes() async throws {
        let index = try SQLiteIndex.inMemory()
        _ = try await Indexer(corpus: Fixtures.corpusPath).refresh(index)
        let dates = dates(Fixtures.shippedCorpusAsRead, most: 60)
        let found = try await onOwnThread { try differences(index, Fixtures.corpusPath, on: dates) }
        #expect(found == [])
        // Every line came from the steps: no treaty decoded.
        #expect(try stored(index, Fixtures.corpusPath, on: d("2024-12-04")).computed == [])
        let natoLine = try stored(index, Fixtures.corpusPath, on: d("1950-01-01")).entries.first {
            $0.id == "north-atlantic-1949"
        }
        #expect(natoLine?.row.status == .inForce)
        #expect(natoLine?.row.entryIntoForce == d("1949-08-24"))
        #expect(natoLine?.row.parties == 12)
        #expect(natoLine?.record == .unconfirmed)
    }

    /// Generated files, some with errors (left out of the index, read as far as they can be, with the caveat),
    /// some waiting for others (a few for one with errors): the same lines either way.
    @Test func generatedFilesListFromTheIndexAsTheEngineDoes() async throws {
        let files = GeneratedTreaties.files(count: 150)
        let folder = try folder(files.map { ($0.name, $0.text) })
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try SQLiteIndex.inMemory()
        let report = try await Indexer(corpus: folder).refresh(index, chunkSize: 40)
        #expect(!report.failed.isEmpty)
        let corpus = GeneratedTreaties.corpus(count: 150)
        let days = dates(corpus, most: 50)
        let found = try await onOwnThread { try differences(index, folder, on: days) }
        #expect(found == [])
        // No steps are missing after the build; the engine computes only the treaties of the files with errors,
        // those waiting for them (at any depth), and those whose row names the date (no steps).
        #expect(try await index.treatiesWithoutListSteps() == [])
        var expected = Set(report.failed.map { String($0.prefix { $0 != "." }) })
        while true {
            let waiting = corpus.treaties.filter { treaty in
                let rules = treaty.rules
                let conditions = [rules.entryIntoForce?.condition].compactMap { $0 } + rules.partial.map(\.condition)
                return !expected.contains(treaty.id)
                    && conditions.flatMap(\.treatyReferences).contains { expected.contains($0) }
            }
            if waiting.isEmpty { break }
            expected.formUnion(waiting.map(\.id))
        }
        #expect(!expected.isEmpty)
        let unstepped = try await onOwnThread {
            let lifecycle = Lifecycle(corpus: corpus)
            return corpus.treaties.filter { lifecycle.listSteps(of: $0) == nil }.map(\.id)
        }
        expected.formUnion(unstepped)
        #expect(Set(try stored(index, folder, on: d("2010-01-01")).computed) == expected)
    }

    /// Two treaties, the second waiting for the first: a changed file, an act appended by the desk, and a file
    /// with errors are followed by both lines.
    @Test func linesFollowChangesAndWhatTheyWaitFor() async throws {
        func first(second consent: String) -> String {
            TreatyYAML.multilateral(
                id: "first", negotiating: ["FRA", "DEU"],
                rules: "entry-into-force: {when: {consents: 2}, delay: {days: 30}}",
                events: [
                    "date: 2000-01-01, type: signature, party: FRA", "date: 2000-01-01, type: signature, party: DEU",
                    "date: 2000-03-01, type: consent, form: ratification, party: FRA",
                    "date: \(consent), type: consent, form: ratification, party: DEU",
                ]
            ).replacingOccurrences(of: "{id: e", with: "{id: first-e")
        }
        let second = TreatyYAML.multilateral(
            id: "second", negotiating: ["FRA", "DEU"],
            rules: "entry-into-force: {when: {all: [{consents: 1}, {treaty-in-force: first}]}}",
            events: [
                "date: 2000-01-01, type: signature, party: FRA",
                "date: 2000-02-01, type: consent, form: ratification, party: FRA",
            ]
        ).replacingOccurrences(of: "{id: e", with: "{id: second-e")
        let folder = try folder([("first.yaml", first(second: "2000-05-01")), ("second.yaml", second)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = try SQLiteIndex.inMemory()
        let indexer = Indexer(corpus: folder)
        _ = try await indexer.refresh(index)
        func line(_ id: String, on date: String) throws -> ListEntry? {
            try stored(index, folder, on: d(date)).entries.first { $0.id == id }
        }
        #expect(try line("first", on: "2001-01-01")?.row.entryIntoForce == d("2000-05-31"))
        #expect(try line("second", on: "2001-01-01")?.row.entryIntoForce == d("2000-05-31"))
        #expect(try line("second", on: "2001-01-01")?.row.parties == 1)
        #expect(try stored(index, folder, on: d("2001-01-01")).computed == [])

        // The first treaty's second consent comes later: both lines follow after the refresh.
        try first(second: "2000-09-01").write(toFile: "\(folder)/first.yaml", atomically: true, encoding: .utf8)
        _ = try await indexer.refresh(index)
        #expect(try await index.treatiesWithoutListSteps() == [])
        #expect(try line("first", on: "2001-01-01")?.row.entryIntoForce == d("2000-10-01"))
        #expect(try line("second", on: "2000-09-15")?.row.status == .notInForce)
        #expect(try line("second", on: "2001-01-01")?.row.entryIntoForce == d("2000-10-01"))
        let changed = try differences(index, folder, on: [d("2000-09-30"), d("2000-10-01"), d("2001-01-01")])
        #expect(changed == [])

        // An act appended by the desk (FRA leaves the first treaty): the index drops both treaties' steps and the
        // engine computes them until the next refresh stores them again.
        let before = try #require(try index.storedClosure(of: "first")?.first { $0.id == "first" })
        var after = before
        after.events.append(
            Event(id: "first-den", date: d("2002-01-10"), kind: .denunciation(party: "FRA", effective: nil)))
        try await index.append(
            IndexedFile(path: "first.yaml", hash: "appended", treaty: after),
            after: IndexedFile(path: "first.yaml", hash: try await index.hashes()["first.yaml"]!, treaty: before))
        #expect(try await index.treatiesWithoutListSteps() == ["first", "second"])
        #expect(try stored(index, folder, on: d("2004-01-01")).computed == ["first", "second"])
        #expect(try line("first", on: "2004-01-01")?.row.parties == 1)
        #expect(try line("first", on: "2002-06-01")?.row.parties == 2)

        // A file with errors: left out of the index; the engine reads it as far as it can, with the caveat, and
        // computes the treaty waiting for it.
        try
            (first(second: "2000-05-01")
            + "\n  - {id: bad, date: 2001-01-01, type: consent, form: ratification, party: XXQ}\n")
            .write(toFile: "\(folder)/first.yaml", atomically: true, encoding: .utf8)
        let report = try await indexer.refresh(index)
        #expect(report.failed == ["first.yaml"])
        let list = try stored(index, folder, on: d("2001-01-01"))
        #expect(list.computed == ["first", "second"])
        #expect(list.entries.first { $0.id == "first" }?.row.caveats.first == Questions.faultyFileCaveat("first"))
        #expect(list.entries.first { $0.id == "second" }?.row.entryIntoForce == d("2000-05-31"))
        let faulty = try differences(index, folder, on: [d("2000-05-30"), d("2000-05-31"), d("2001-01-01")])
        #expect(faulty == [])
    }

    /// An index made before the stored logs had a table of their own (model and events in the file's row) is
    /// migrated in place: every treaty reads back the same, with the events appended after the move too, and no
    /// file is indexed again.
    @Test func anIndexWithLogsInTheFileRowIsMigratedInPlace() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pacta-v13-\(UUID().uuidString).sqlite"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await Indexer(corpus: Fixtures.corpusPath).refresh(try SQLiteIndex(path: path))
        let before = try SQLiteIndex(readingOnly: path).storedTreaties()
        try await Program.sqlite(
            path,
            """
            ALTER TABLE file ADD COLUMN model BLOB NOT NULL DEFAULT x'';
            ALTER TABLE file ADD COLUMN events BLOB NOT NULL DEFAULT x'';
            UPDATE file SET model = (SELECT model FROM file_log WHERE file_log.path = file.path),
                events = (SELECT events FROM file_log WHERE file_log.path = file.path);
            DROP TABLE file_log;
            DELETE FROM grdb_migrations WHERE identifier = 'v14-file-logs';
            """)
        #expect(throws: SQLiteIndex.OutdatedIndex.self) { try SQLiteIndex(readingOnly: path) }
        let index = try SQLiteIndex(path: path)
        let report = try await Indexer(corpus: Fixtures.corpusPath).refresh(index)
        #expect(!report.changed)
        let after = try SQLiteIndex(readingOnly: path).storedTreaties()
        #expect(after.map(\.id) == before.map(\.id))
        #expect(after == before)
        #expect(before.count == Fixtures.shippedCorpusAsRead.treaties.count)
    }

    /// An index made before list steps (model 9, without the table, nor the later ones) is outdated for readers;
    /// opened for writing,
    /// it is migrated and emptied, and the next refresh stores every treaty with its steps.
    @Test func anIndexWithoutListStepsIsOutdatedThenMigrated() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-v9-\(UUID().uuidString).sqlite")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try SQLiteIndex(path: path)
        try await Program.sqlite(
            path,
            "DROP TABLE list_row; DROP TABLE condition_reference; DROP INDEX file_path_hash; DROP TABLE data_set_reference; DROP INDEX file_treaty; DELETE FROM grdb_migrations WHERE identifier IN ('v6-list-steps', 'v12-data-set-references', 'v13-known-through'); UPDATE meta SET value = 9 WHERE key = 'model-version';"
        )
        #expect(throws: SQLiteIndex.OutdatedIndex.self) { try SQLiteIndex(readingOnly: path) }
        let index = try SQLiteIndex(path: path)
        _ = try await Indexer(corpus: Fixtures.corpusPath).refresh(index)
        let reader = try SQLiteIndex(readingOnly: path)
        let list = try reader.storedList(on: d("2024-12-04"))
        #expect(list.count == Fixtures.shippedCorpusAsRead.treaties.count)
        #expect(list.allSatisfy { $0.entry != nil })
    }
}

/// `pacta upcoming` from the index: the days of each treaty's calendar kept beside its steps
/// (``ListSteps/calendar``) choose the treaties to decode (``SQLiteIndex/storedCalendarTreaties(from:through:)``),
/// and the calendar from them is the whole corpus's, window by window, empty windows included.
@Suite struct CalendarTreatiesTests {
    /// Each date of the calendar, and the nearest before and after an empty window, as words to compare.
    func lines(_ calendar: Questions.Calendar) -> [String] {
        func line(_ date: Lifecycle.UpcomingDate) -> String {
            "\(date.entry.date) \(date.treaty) \(date.entry.type) \(date.entry.parties) \(date.entry.summary) \(date.entry.explanation)"
        }
        return calendar.dates.map(line) + [calendar.before.map { "before " + line($0) } ?? "no date before"]
            + [calendar.after.map { "after " + line($0) } ?? "no date after"]
    }

    /// The differences between the calendar from the index's chosen treaties and the engine's over `corpus`, in
    /// each window, and how many treaties each window decoded.
    func compare(_ index: SQLiteIndex, _ corpus: Corpus, faulty: [Treaty], windows: [(String, String)]) throws
        -> (differences: [String], decoded: [Int])
    {
        let whole = Questions(corpus: corpus)
        var differences: [String] = []
        var decoded: [Int] = []
        for (from, through) in windows.map({ (d($0.0), d($0.1)) }) {
            var treaties = try index.storedCalendarTreaties(from: from, through: through)
            let known = Set(treaties.map(\.id))
            treaties += faulty.filter { !known.contains($0.id) }
            decoded.append(treaties.count)
            let part = Questions(
                corpus: Corpus(
                    treaties: treaties, entities: corpus.entities, regions: corpus.regions, scope: corpus.scope,
                    successions: corpus.successions))
            let (a, b) = (
                lines(whole.upcoming(from: from, through: through)), lines(part.upcoming(from: from, through: through))
            )
            if a != b {
                differences.append(
                    "\(from)–\(through): \(a.count) against \(b.count) lines; first apart: \(zip(a, b).first { $0 != $1 }.map { "\($0.0) | \($0.1)" } ?? "-")"
                )
            }
        }
        return (differences, decoded)
    }

    static let windows = [
        ("1948-01-01", "1948-12-31"), ("1990-01-01", "1999-12-31"), ("2024-06-19", "2025-06-19"),
        ("2026-12-06", "2027-12-06"), ("1800-01-01", "2200-01-01"), ("0001-01-01", "0001-12-31"),
        ("2300-01-01", "2300-12-31"), ("1949-08-24", "1949-08-24"),
    ]

    @Test func theShippedCorpusCalendarFromTheIndexIsTheWholeCorpuss() async throws {
        let index = try SQLiteIndex.inMemory()
        _ = try await Indexer(corpus: Fixtures.corpusPath).refresh(index)
        let corpus = try CorpusLoader().load(directory: Fixtures.corpusPath).corpus
        let (differences, decoded) = try await onOwnThread {
            try compare(index, corpus, faulty: [], windows: Self.windows)
        }
        #expect(differences == [])
        // A year's window decodes under a third of the treaties (those with a date in it, those whose days are
        // computed when asked, and what they need); even the window of four centuries leaves out the treaties
        // with no computed date at all (not yet in force, no date documented).
        #expect(decoded[0] < corpus.treaties.count / 3, "\(decoded)")
        #expect(decoded[4] < corpus.treaties.count, "\(decoded)")
        #expect(decoded.allSatisfy { $0 <= decoded[4] }, "\(decoded)")
        // The days kept: NATO's entry into force, for it and its first parties, on 1949-08-24.
        let nato = try await onOwnThread {
            try index.storedCalendarTreaties(from: d("1949-08-24"), through: d("1949-08-24"))
        }
        #expect(nato.contains { $0.id == "north-atlantic-1949" })
    }

    @Test func generatedFilesCalendarFromTheIndexIsTheEngines() async throws {
        let files = GeneratedTreaties.files(count: 150)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-cal-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in files { try file.text.write(toFile: "\(folder)/\(file.name)", atomically: true, encoding: .utf8) }
        let index = try SQLiteIndex.inMemory()
        let report = try await Indexer(corpus: folder).refresh(index, chunkSize: 40)
        #expect(!report.failed.isEmpty)
        let loaded = try CorpusLoader().load(directory: folder)
        let reader = TreatyFileReader(
            organisations: Set(loaded.corpus.entities.keys), regions: Set(loaded.corpus.regions.keys))
        let faulty = try report.failed.compactMap { name in
            reader.read(text: try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8), file: name).treaty
        }
        let windows =
            Self.windows + stride(from: 1950, through: 2030, by: 5).map { ("\($0)-01-01", "\($0)-06-30") }
        let (differences, decoded) = try await onOwnThread {
            try compare(index, loaded.corpus, faulty: faulty, windows: windows)
        }
        #expect(differences == [])
        #expect(decoded.contains { $0 < files.count / 2 }, "\(decoded)")
    }

    /// The days are kept with the steps and read back as written; a treaty whose days cannot be given once for
    /// every window (a renewing term) keeps none.
    @Test func theDaysAreEncodedWithTheSteps() throws {
        let nato = try #require(Fixtures.shipped.corpus["north-atlantic-1949"])
        let lifecycle = Lifecycle(corpus: Fixtures.shipped.corpus)
        var steps = try #require(lifecycle.listSteps(of: nato))
        steps.calendar = lifecycle.calendarDays(of: nato)
        let days = try #require(steps.calendar)
        #expect(days.first == d("1949-08-24"))
        #expect(days == days.sorted() && Set(days).count == days.count)
        let bytes = ListStepsCoding.encode(steps)
        #expect(ListStepsCoding.decode(bytes) == steps)
        #expect(bytes.withUnsafeBytes { ListStepsCoding.calendar(in: $0) } == days.map { Int32($0.ordinal) })
        steps.calendar = nil
        #expect(ListStepsCoding.encode(steps).withUnsafeBytes { ListStepsCoding.calendar(in: $0) } == nil)
        let renewing = Fixtures.shipped.corpus.treaties.filter {
            if case .fixed(_, _?, _) = $0.rules.duration { true } else { false }
        }
        #expect(!renewing.isEmpty)
        #expect(renewing.allSatisfy { lifecycle.calendarDays(of: $0) == nil })
    }
}
