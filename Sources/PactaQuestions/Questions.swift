import Synchronization
import PactaCore
import PactaStore

/// The questions Pacta answers, asked in one place for every front end: the command line, the JSON API and the
/// web pages parse their input, call one method, and render what it returns.
///
/// A `Questions` value holds a corpus snapshot and, for search, any ``TreatyIndex`` back end (SQLite, the
/// in-memory index, later PostgreSQL): it never names a back end. Every method is a pure computation over the
/// snapshot except ``search(_:language:limit:)``, which asks the index. Modelled on GRDB's `AppDatabase`: a
/// `Sendable` value with intent-named methods.
public struct Questions: Sendable {
    /// The treaties, organisations, regions and scope the answers are computed from.
    public let corpus: Corpus
    /// The search index; `nil` where the front end has none (search then answers from the corpus).
    public let index: (any TreatyIndex)?
    /// Ids of treaties read from files with errors: their statuses say so first.
    public let faulty: Set<String>
    public let lifecycle: Lifecycle
    public let network: AllianceNetwork
    /// The duties engine, built the first time a question asks for it (it indexes every treaty with provisions,
    /// O(treaties + events)): a server replaces its questions after every write, and most writes are followed by
    /// no scenario.
    public var obligations: ObligationsEngine { obligationsBox.value(corpus) }
    private let obligationsBox = LazyObligations()

    /// - Parameters:
    ///   - corpus: the corpus snapshot.
    ///   - index: the search index, where there is one.
    ///   - faulty: ids of the treaties whose files have errors.
    public init(corpus: Corpus, index: (any TreatyIndex)? = nil, faulty: Set<String> = []) {
        self.corpus = corpus
        self.index = index
        self.faulty = faulty
        self.lifecycle = Lifecycle(corpus: corpus)
        self.network = AllianceNetwork(corpus: corpus)
    }

    /// The caveat a status from a faulty file carries first.
    public static func faultyFileCaveat(_ id: String) -> String {
        "The file of \(id) has errors ('pacta check' lists them): it was read as far as it could be, so this status may be wrong."
    }
}

/// ``Questions/obligations``, built once per questions value when first asked, and shared by the value's copies.
private final class LazyObligations: Sendable {
    private let built = Mutex<ObligationsEngine?>(nil)

    func value(_ corpus: Corpus) -> ObligationsEngine {
        built.withLock { built in
            if let built { return built }
            let engine = ObligationsEngine(corpus: corpus)
            built = engine
            return engine
        }
    }
}
