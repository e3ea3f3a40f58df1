import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaPostgres
import PactaSQLite
import PactaStore
import PactaTestSupport
import Testing

/// Runs `body` with a new database of its own, migrated, and a record on it as its owner; drops it after.
func withRecord(_ body: @Sendable (PostgresFixture, PostgresRecord) async throws -> Void) async throws {
    let fixture = try await PostgresFixture.make()
    do {
        try await PostgresRecord.with(url: fixture.ownerURL, executor: ServerThreads.shared) { record in
            try await record.migrate()
            try await body(fixture, record)
        }
    } catch {
        await fixture.drop()
        throw error
    }
    await fixture.drop()
}

@Suite(.enabled(if: Requirements.postgresTestsRun, Comment(rawValue: Requirements.postgresSkipped)))
struct PostgresRecordTests {
    @Test func migrationsRunOnceAndAreRecorded() async throws {
        try await withRecord { fixture, record in
            #expect(try await record.migrate() == [])
            #expect(try await record.schemaVersion() == Migrations.all.count)
            let versions = try await PostgresFixture.psqlOffPool(
                fixture.ownerURL, "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations")
            #expect(versions == "1")
        }
    }

    /// The events are append-only: the server's role has no UPDATE or DELETE on them, and the trigger refuses
    /// both (and TRUNCATE) even to the owner.
    @Test func anUpdateOrADeleteOfAnEventFailsForTheServersRoleAndForTheOwner() async throws {
        try await withRecord { fixture, record in
            let report = try await record.importCorpus(from: Fixtures.corpusPath)
            #expect(report.refused.isEmpty)
            for sql in [
                "UPDATE event SET item = 'x' WHERE treaty = 'vclt-1969'",
                "DELETE FROM event WHERE treaty = 'vclt-1969'",
            ] {
                do {
                    try await PostgresFixture.psqlOffPool(fixture.serverURL, sql)
                    Issue.record("\(sql) succeeded for the server's role")
                } catch {
                    #expect("\(error)" == "ERROR:  permission denied for table event")
                }
            }
            for (sql, operation) in [
                ("UPDATE event SET item = 'x' WHERE treaty = 'vclt-1969'", "UPDATE"),
                ("DELETE FROM event WHERE treaty = 'vclt-1969'", "DELETE"),
                ("TRUNCATE event CASCADE", "TRUNCATE"),
            ] {
                do {
                    try await PostgresFixture.psqlOffPool(fixture.ownerURL, sql)
                    Issue.record("\(sql) succeeded for the owner")
                } catch {
                    #expect(
                        "\(error)".hasPrefix(
                            "ERROR:  the event table is append-only: \(operation) refused (record a correction instead)"
                        ))
                }
            }
            // The server's role may read and append.
            let count = try await PostgresFixture.psqlOffPool(
                fixture.serverURL, "SELECT count(*) FROM event WHERE treaty = 'vclt-1969'")
            #expect(count == "173")
        }
    }

    /// Import, then export: every file of the shipped corpus comes back byte for byte, and `pacta check`'s loader
    /// reads the export with no error.
    @Test func importThenExportOfTheShippedCorpusGivesTheSameFiles() async throws {
        try await withRecord { fixture, record in
            let report = try await record.importCorpus(from: Fixtures.corpusPath)
            #expect(report.added.count == 69)
            // One row per event, each with its id.
            let rows = try await PostgresFixture.psqlOffPool(
                fixture.ownerURL, "SELECT count(*), count(id), count(DISTINCT id) FROM event")
            let items = Fixtures.shipped.corpus.treaties.reduce(0) { total, treaty in
                total + (report.added["\(treaty.id).yaml"] ?? 0)
            }
            #expect(rows == "\(items)|\(items)|\(items)")
            #expect(report.added["vclt-1969.yaml"] == 173)
            #expect(report.refused.isEmpty)
            #expect(report.context == ["entities.yaml", "regions.yaml", "corpus.yaml", "successions.yaml"])
            let folder = TestFolder.path("export")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let written = try await record.export(to: folder)
            #expect(written.count == 73)
            for name in written {
                let original = FileManager.default.contents(atPath: "\(Fixtures.corpusPath)/\(name)")
                let exported = FileManager.default.contents(atPath: "\(folder)/\(name)")
                #expect(original != nil && original == exported, "\(name)")
            }
            let loaded = try CorpusLoader().load(directory: folder)
            #expect(loaded.diagnostics.filter(\.isError).isEmpty)
            #expect(loaded.corpus.treaties == Fixtures.shipped.corpus.treaties)
            // A server reads the same corpus from the rows in memory, and leaves no folder behind.
            let serving = try await PostgresServing(record: record)
            #expect(serving.loaded.corpus.treaties == Fixtures.shipped.corpus.treaties)
            #expect(serving.loaded.corpus.successions == Fixtures.shipped.corpus.successions)
            #expect(serving.loaded.diagnostics.filter(\.isError).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: serving.folder))
            // A second import changes nothing.
            let again = try await record.importCorpus(from: Fixtures.corpusPath)
            #expect(again.unchanged.count == 69)
            #expect(again.added.isEmpty)
        }
    }

    /// A file with errors is refused with its errors, and nothing of it is loaded; the other files are.
    @Test func aFileWithErrorsIsRefusedWithItsErrorsAndNothingOfItIsLoaded() async throws {
        try await withRecord { _, record in
            let folder = try DeskFixture.make().folder
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try "format: 1\nid: broken-2026\nkind: bilateral\n".write(
                toFile: "\(folder)/broken-2026.yaml", atomically: true, encoding: .utf8)
            let report = try await record.importCorpus(from: folder)
            #expect(report.added == ["th-vn-2026-friendship.yaml": 0])
            let errors = try #require(report.refused["broken-2026.yaml"])
            #expect(!errors.isEmpty)
            #expect(errors.allSatisfy { $0.contains("broken-2026.yaml") })
            #expect(try await record.storedTreaties(id: "broken-2026").isEmpty)
        }
    }

    /// One list of queries (English, Russian in any case and with ё, Simplified and Traditional Chinese, Korean,
    /// prefixes, a language filter) gives the same hits from PostgreSQL's full-text search as from the SQLite
    /// index, on the shipped corpus.
    @Test func searchGivesTheSameHitsAsTheSQLiteIndex() async throws {
        try await withRecord { _, record in
            _ = try await record.importCorpus(from: Fixtures.corpusPath)
            let sqlite = try SQLiteIndex.inMemory()
            _ = try await Indexer(corpus: Fixtures.corpusPath).refresh(sqlite)
            let queries: [(String, String?)] = [
                ("friendship", nil), ("mutual assistance", nil), ("assisting", nil), ("armed attack", "en"),
                ("договор", nil), ("ДРУЖБЕ", nil), ("военной помощи", nil), ("партнёрстве", nil),
                ("军事", nil), ("條約", nil), ("同盟条约", "zh"), ("조약", nil), ("north atlantic", nil),
                ("1949", nil), ("zzzz-no-such-word", nil),
            ]
            var total = 0
            for (query, language) in queries {
                let expected = try await sqlite.search(query, language: language, limit: 1_000)
                let got = try await record.search(query, language: language, limit: 1_000)
                func keys(_ hits: [SearchHit]) -> Set<String> {
                    Set(
                        hits.map {
                            "\($0.document.treaty)|\($0.document.article ?? "")|\($0.document.field.rawValue)|\($0.document.language)"
                        })
                }
                #expect(keys(got) == keys(expected), "\(query)")
                #expect(got.count == expected.count, "\(query)")
                total += got.count
            }
            #expect(total > 100)
        }
    }
}
