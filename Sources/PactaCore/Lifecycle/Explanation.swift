import Synchronization

/// The words of a derivation, as lines: given outright, or put together from the treaty's derivation only
/// when first read. A calendar of the whole corpus holds some 100,000 computed dates and prints a few; the
/// dates are computed at once, the words of each when it is shown. The lines are the same either way.
public struct Explanation: Sendable, Hashable {
    private enum Storage: Sendable {
        case lines([String])
        case deferred(ExplainedDerivation, @Sendable (Derivation) -> [String])
    }
    private let storage: Storage

    /// Words given outright.
    public init(_ lines: [String]) { storage = .lines(lines) }

    /// Words built from the treaty's derivation (with explanations) when first read.
    init(_ derivation: ExplainedDerivation, _ words: @escaping @Sendable (Derivation) -> [String]) {
        storage = .deferred(derivation, words)
    }

    /// The lines, in order.
    public var lines: [String] {
        switch storage {
        case .lines(let lines): lines
        case .deferred(let derivation, let words): words(derivation.value)
        }
    }

    public static func == (lhs: Explanation, rhs: Explanation) -> Bool { lhs.lines == rhs.lines }
    public func hash(into hasher: inout Hasher) { hasher.combine(lines) }
}

/// One treaty's derivation with its words, computed the first time an ``Explanation`` asks for it and
/// shared by every explanation of that treaty. Thread-safe.
final class ExplainedDerivation: Sendable {
    private let treaty: Treaty
    private let engine: Lifecycle
    private let cache: Mutex<Derivation?>

    /// The derivation of the whole log, built on first use.
    init(treaty: Treaty, engine: Lifecycle) {
        self.treaty = treaty
        self.engine = engine
        self.cache = Mutex(nil)
    }

    /// A derivation already made (with words).
    init(ready derivation: Derivation) {
        self.treaty = derivation.treaty
        self.engine = Lifecycle()
        self.cache = Mutex(derivation)
    }

    var value: Derivation {
        cache.withLock { cached in
            if let cached { return cached }
            let derivation = Derivation(
                treaty: treaty, through: nil, asKnownOn: nil, engine: engine, depth: 0, explain: true)
            cached = derivation
            return derivation
        }
    }
}
