import PactaCore
import PactaFormats
import PactaSQLite
import PactaStore

/// What the server holds: the corpus and its index, loaded once at start, and the engines over them.
public struct AppState: Sendable {
    public let corpus: Corpus
    public let index: any TreatyIndex
    public let lifecycle: Lifecycle
    public let obligations: ObligationsEngine
    public let network: AllianceNetwork
    public let today: @Sendable () -> CalendarDate

    /// Reads the corpus folder and brings the index up to date (SQLite at `configuration.database`, else in memory).
    /// - Throws: where the corpus folder or the index cannot be read.
    public init(configuration: ServerConfiguration) async throws {
        let loaded = try CorpusLoader().load(directory: configuration.corpus)
        let index: any TreatyIndex =
            if let path = configuration.database { try SQLiteIndex(path: path) } else { MemoryIndex() }
        _ = try await Indexer(corpus: configuration.corpus).refresh(index)
        self.init(corpus: loaded.corpus, index: index, today: configuration.today)
    }

    public init(corpus: Corpus, index: any TreatyIndex, today: @escaping @Sendable () -> CalendarDate) {
        self.corpus = corpus
        self.index = index
        self.lifecycle = Lifecycle(corpus: corpus)
        self.obligations = ObligationsEngine(corpus: corpus)
        self.network = AllianceNetwork(corpus: corpus)
        self.today = today
    }
}
