import PactaCore
import PactaFormats
import PactaQuestions
import PactaStore

/// What the server holds: the questions over one loaded corpus and its index, and the clock for defaults. The
/// index is any ``TreatyIndex`` back end, chosen by the caller (`pacta serve` passes SQLite; tests the in-memory
/// index): the server never names one.
public struct AppState: Sendable {
    public let questions: Questions
    public let today: @Sendable () -> CalendarDate

    public var corpus: Corpus { questions.corpus }
    public var lifecycle: Lifecycle { questions.lifecycle }
    public var network: AllianceNetwork { questions.network }
    public var obligations: ObligationsEngine { questions.obligations }

    /// Reads the corpus folder and brings `index` up to date with it.
    /// - Throws: where the corpus folder or the index cannot be read.
    public init(configuration: ServerConfiguration, index: any TreatyIndex) async throws {
        let loaded = try CorpusLoader().load(directory: configuration.corpus)
        _ = try await Indexer(corpus: configuration.corpus).refresh(index)
        let faulty = Set(loaded.diagnostics.filter(\.isError).map { Self.stem(of: $0.file) })
        self.init(questions: Questions(corpus: loaded.corpus, index: index, faulty: faulty), today: configuration.today)
    }

    public init(corpus: Corpus, index: any TreatyIndex, today: @escaping @Sendable () -> CalendarDate) {
        self.init(questions: Questions(corpus: corpus, index: index), today: today)
    }

    public init(questions: Questions, today: @escaping @Sendable () -> CalendarDate) {
        self.questions = questions
        self.today = today
    }

    /// A file's name without folder or extension: the id of the treaty it holds.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.split(separator: ".").dropLast().joined(separator: ".")
    }
}
