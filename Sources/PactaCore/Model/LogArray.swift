import Synchronization

/// An array for a log that grows at its end, as a treaty's event log does act by act: copies share one buffer,
/// and appending to a copy that ends where the buffer's filled part ends writes in place, whatever other copies
/// (the treaty before the act, the engine's cache of it) still hold the buffer. Those copies keep seeing their
/// own elements: a buffer's elements are never changed once written, only added after the last.
///
/// With `Array`, the desk's append to a treaty whose log the engine had cached copied the whole log (thousands
/// of events, each retaining its texts) on every act; with this, an act costs its own event.
///
/// Value semantics as `Array`'s: changing an element in place, or appending to a copy whose end is not the
/// buffer's, first copies the elements into a buffer of its own. Thread-safe: a buffer's append is claimed under
/// a lock; reads take none (no copy reads past its own count, and what is below it never changes).
/// - Complexity: appending O(1) amortized; `subscript`, `count` O(1); ``sharingPrefix(_:)`` O(1).
public struct LogArray<Element> {
    /// Elements in one allocation. `filled` of them are initialized, the first ones; a copy of the array reads
    /// `count` of them, never more than `filled`.
    final class Buffer: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        let capacity: Int
        let filled: Mutex<Int>

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
            filled = Mutex(0)
        }

        deinit {
            base.deinitialize(count: filled.withLock { $0 })
            base.deallocate()
        }
    }

    private var buffer: Buffer?
    /// The number of elements.
    public private(set) var count: Int

    /// An empty array.
    public init() {
        buffer = nil
        count = 0
    }

    /// An array of `elements`, in their order.
    /// - Complexity: O(n), one copy of each.
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let array = Array(elements)
        self.init()
        guard !array.isEmpty else { return }
        let buffer = Buffer(capacity: array.count)
        array.withUnsafeBufferPointer { source in
            buffer.base.initialize(from: source.baseAddress!, count: source.count)
        }
        buffer.filled.withLock { $0 = array.count }
        self.buffer = buffer
        count = array.count
    }

    /// Appends `element`: in place where this array ends where its buffer's filled part does and there is room,
    /// else after copying the elements into a buffer of its own with room to grow.
    /// - Complexity: O(1) amortized.
    public mutating func append(_ element: Element) {
        if let buffer, count < buffer.capacity {
            let count = count
            let claimed = buffer.filled.withLock { filled in
                guard filled == count else { return false }
                (buffer.base + count).initialize(to: element)
                filled += 1
                return true
            }
            if claimed {
                self.count += 1
                return
            }
        }
        reallocate(capacity: Swift.max(16, count * 2))
        let own = buffer.unsafelyUnwrapped
        own.filled.withLock { filled in
            (own.base + filled).initialize(to: element)
            filled += 1
        }
        count += 1
    }

    /// Makes room for `minimumCapacity` elements, so that appending up to that many copies nothing.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        if let buffer, buffer.capacity >= minimumCapacity { return }
        reallocate(capacity: minimumCapacity)
    }

    /// Appends each of `elements`, in order.
    public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    /// Appends each of `rhs` to `lhs`, in order.
    public static func += <S: Sequence>(lhs: inout LogArray, rhs: S) where S.Element == Element {
        lhs.append(contentsOf: rhs)
    }

    /// Removes and returns the last element. The array must not be empty.
    @discardableResult
    public mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast() on an empty LogArray")
        let last = self[count - 1]
        if isKnownUniquelyReferenced(&buffer), let buffer {
            let count = count
            buffer.filled.withLock { filled in
                if filled == count {
                    (buffer.base + count - 1).deinitialize(count: 1)
                    filled -= 1
                }
            }
        }
        count -= 1
        return last
    }

    /// Removes the last `k` elements (`k` at most ``count``).
    public mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count, "removeLast(\(k)) of \(count) elements")
        for _ in 0..<k { removeLast() }
    }

    /// Removes every element.
    public mutating func removeAll() { self = LogArray() }

    /// Removes the elements for which `shouldBeRemoved` holds, keeping the others' order.
    /// - Complexity: O(n): the kept elements are copied into a buffer of their own.
    public mutating func removeAll(where shouldBeRemoved: (Element) throws -> Bool) rethrows {
        self = LogArray(try filter { try !shouldBeRemoved($0) })
    }

    /// The first `count` elements, sharing this array's buffer.
    /// - Complexity: O(1).
    public func sharingPrefix(_ count: Int) -> LogArray {
        precondition(count >= 0 && count <= self.count, "sharingPrefix(\(count)) of \(self.count) elements")
        var prefix = self
        prefix.count = count
        return prefix
    }

    /// Whether `self` and `other` are the same elements of the same buffer (and so, as a buffer's elements never
    /// change, equal without comparing them).
    /// - Complexity: O(1).
    public func sharesStorage(with other: LogArray) -> Bool { buffer === other.buffer && count == other.count }

    /// Calls `body` with the elements in one contiguous buffer, read in place.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer?.base, count: count))
    }

    /// Moves this array's elements into a buffer of its own with room for `capacity` (copying them where other
    /// arrays share the old buffer).
    private mutating func reallocate(capacity: Int) {
        let new = Buffer(capacity: Swift.max(capacity, count))
        // Asked before a local holds the buffer too.
        let unique = isKnownUniquelyReferenced(&buffer)
        if let old = buffer, count > 0 {
            let count = count
            if unique {
                old.filled.withLock { filled in
                    new.base.moveInitialize(from: old.base, count: count)
                    (old.base + count).deinitialize(count: filled - count)
                    filled = 0
                }
            } else {
                new.base.initialize(from: old.base, count: count)
            }
        }
        new.filled.withLock { $0 = count }
        buffer = new
    }
}

extension LogArray: RandomAccessCollection, MutableCollection {
    public typealias Index = Int
    public typealias Indices = Range<Int>

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    // Addressors, as `Array`'s: `log[i].kind` reads the element in place instead of copying it whole (an event's
    // copy retains every text it holds).
    public subscript(position: Int) -> Element {
        unsafeAddress {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            return UnsafePointer(buffer.unsafelyUnwrapped.base + position)
        }
        unsafeMutableAddress {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            if !isKnownUniquelyReferenced(&buffer) { reallocate(capacity: count) }
            return buffer.unsafelyUnwrapped.base + position
        }
    }

    public func makeIterator() -> Iterator { Iterator(array: self) }

    /// Reads the elements in place, in order.
    public struct Iterator: IteratorProtocol {
        let array: LogArray
        var position = 0

        public mutating func next() -> Element? {
            guard position < array.count else { return nil }
            defer { position += 1 }
            return array.buffer.unsafelyUnwrapped.base[position]
        }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows
        -> R?
    {
        try withUnsafeBufferPointer(body)
    }
}

extension LogArray: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension LogArray: Equatable where Element: Equatable {
    public static func == (lhs: LogArray, rhs: LogArray) -> Bool {
        lhs.sharesStorage(with: rhs) || lhs.elementsEqual(rhs)
    }
}

extension LogArray: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

extension LogArray: Encodable where Element: Encodable {
    /// Encoded as an array of the elements.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for element in self { try container.encode(element) }
    }
}

extension LogArray: Decodable where Element: Decodable {
    /// Decoded from an array of the elements.
    public init(from decoder: any Decoder) throws { self.init(try [Element](from: decoder)) }
}

extension LogArray: @unchecked Sendable where Element: Sendable {}

extension LogArray: CustomStringConvertible {
    public var description: String { Array(self).description }
}

extension LogArray where Element == Event {
    /// The position of the first event for which `predicate` holds, each read in place. `first(where:)`,
    /// `contains(where:)` and a `for` loop copy every event they pass, retaining every text it holds: over a log
    /// of thousands of events, as the desk checks each act against, the copies cost more than the tests.
    /// - Complexity: O(n), no copy of an event.
    /// - Parameter predicate: given each event's address, valid for the call only (read the fields it needs
    ///   through `pointee`).
    public func firstPosition(where predicate: (UnsafePointer<Event>) -> Bool) -> Int? {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            for position in buffer.indices where predicate(base + position) { return position }
            return nil
        }
    }
}

extension LogArray where Element: Comparable {
    /// The position of the first element not less than `value`, in a log sorted in ascending order (the
    /// dates of a ``LogIndex``); ``endIndex`` where every element is less.
    /// - Complexity: O(log n).
    public func firstPosition(notBefore value: Element) -> Int { partitionPoint { $0 >= value } }

    /// The position of the first element greater than `value`, in a log sorted in ascending order; ``endIndex``
    /// where none is.
    /// - Complexity: O(log n).
    public func firstPosition(after value: Element) -> Int { partitionPoint { $0 > value } }

    /// The first position whose element satisfies `belongs`, where every element before it does not and every
    /// element from it does (a binary search).
    private func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
