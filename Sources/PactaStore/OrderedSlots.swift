import Foundation

/// Fixed, numbered slots that concurrent workers fill, each worker its own slots, read back in order once all
/// are done: how the indexer parses and the SQLite index decodes on every core while keeping the corpus order.
package final class OrderedSlots<Value>: @unchecked Sendable {
    // @unchecked: the lock guards the storage.
    private var storage: [Value?]
    private let lock = NSLock()

    /// `count` empty slots.
    package init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// Fills slot `position` (0-based, below the count).
    package func store(_ value: Value, at position: Int) {
        lock.lock()
        defer { lock.unlock() }
        storage[position] = value
    }

    /// Every slot, in order; `nil` where nothing was stored.
    package var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
