import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import PactaStore
import PactaTestSupport
import Testing

/// The desk's record, asked through the questions layer as the CLI and the server ask it: the file, the index and
/// the questions after the act follow each other.
@Suite struct RecordQuestionTests {
    let today = CalendarDate(iso: "2026-12-05")!

    /// The desk fixture's corpus (THA–VNM, in force 30 days after the exchange), indexed.
    func setUp() async throws -> (String, Desk, Questions, MemoryIndex) {
        let (folder, desk) = try DeskFixture.make(delay: "30d")
        let index = MemoryIndex()
        _ = try await Indexer(corpus: folder).refresh(index)
        let corpus = try CorpusLoader().load(directory: folder).corpus
        return (folder, desk, Questions(corpus: corpus, index: index), index)
    }

    func act(_ fields: [(String, FieldValue)]) -> Desk.Request {
        Desk.Request(fields: fields.map { Field($0.0, $0.1) }, user: "amina")
    }

    @Test func actsAreRecordedInTheFileTheIndexAndTheQuestions() async throws {
        let (folder, desk, questions, index) = try await setUp()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let id = "th-vn-2026-friendship"
        let lock = try desk.lock(id)
        let recorded = await questions.record(
            [
                act([("date", "2026-04-02"), ("type", "consent"), ("form", "ratification"), ("party", "THA")]),
                act([("date", "2026-04-09"), ("type", "consent"), ("form", "ratification"), ("party", "VNM")]),
                act([("date", "2026-04-09"), ("type", "consent"), ("form", "ratification"), ("party", "VNM")]),
                act([("date", "2026-05-01"), ("type", "exchange-of-instruments"), ("parties", .list(["THA", "VNM"]))]),
            ], in: id, holding: lock, desk: desk, today: today)
        lock.unlock()
        #expect(recorded.results.map { (try? $0.get()) != nil } == [true, true, false, true])
        guard case .failure(.conflict(let message)) = recorded.results[2] else {
            Issue.record("the same act twice is not a conflict: \(recorded.results[2])")
            return
        }
        #expect(message.hasPrefix("This act is already recorded"))
        let treaty = try #require(recorded.treaty)
        #expect(recorded.indexFailure == nil)
        // The index holds the file as written; the questions with the treaty answer from it.
        let stored = try #require(await index.treaties().first { $0.id == id })
        #expect(stored == treaty)
        let after = questions.replacing(treaty)
        let status = after.status(of: try after.treaty(named: id), on: today, asKnownOn: nil, party: nil)
        #expect(status.entryIntoForce?.description == "2026-05-31")
        #expect(
            questions.status(of: try questions.treaty(named: id), on: today, asKnownOn: nil, party: nil)
                .entryIntoForce == nil)
        let text = try String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8)
        #expect(text.components(separatedBy: "type: consent").count == 3)
    }

    @Test func aRefusedActChangesNothing() async throws {
        let (folder, desk, questions, index) = try await setUp()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let id = "th-vn-2026-friendship"
        let before = try String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8)
        let hashes = await index.hashes()
        let lock = try desk.lock(id)
        let recorded = await questions.record(
            [act([("date", "2026-04-02"), ("type", "consent"), ("form", "ratification"), ("party", "FRA")])],
            in: id, holding: lock, desk: desk, today: today)
        lock.unlock()
        guard case .failure(.refused(let faults)) = recorded.results[0] else {
            Issue.record("a third State's consent to a bilateral treaty was not refused")
            return
        }
        #expect(faults.map(\.section) == ["consent"], "\(faults.map(\.message))")
        #expect(recorded.treaty == nil)
        #expect(await index.hashes() == hashes)
        #expect(try String(contentsOfFile: "\(folder)/\(id).yaml", encoding: .utf8) == before)
    }
}
