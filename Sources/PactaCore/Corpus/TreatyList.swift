/// The treaties of a corpus, in order, kept in chunks of ``chunkSize``: the list with one treaty replaced (what a
/// recorded act makes of a server's corpus) shares every other chunk with the list before it, so a replacement
/// copies one chunk's treaties and the list of chunks, not every treaty. (With one array, a server holding 50,000
/// treaties copied every treaty at each write, and released the old copies after it: most of a write's time.)
///
/// Read as any random-access collection of ``Treaty`` indexed from 0.
public struct TreatyList: RandomAccessCollection, Sendable {
    public typealias Index = Int
    public typealias Indices = Range<Int>

    /// Treaties per chunk (a power of two).
    static let chunkSize = 256
    private static let shift = 8

    private var chunks: [[Treaty]]
    public let count: Int

    /// The list of `treaties`, in their order.
    public init(_ treaties: [Treaty]) {
        count = treaties.count
        chunks = stride(from: 0, to: treaties.count, by: Self.chunkSize).map {
            Array(treaties[$0..<Swift.min($0 + Self.chunkSize, treaties.count)])
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public var indices: Range<Int> { 0..<count }

    /// The treaty at `position`, which must be below ``count``.
    public subscript(position: Int) -> Treaty {
        precondition(position >= 0 && position < count, "treaty position out of range")
        return chunks[position >> Self.shift][position & (Self.chunkSize - 1)]
    }

    /// Puts `treaty` at `position`, which must be below ``count``: the chunk that holds it is copied where another
    /// list shares it, the others stay shared.
    mutating func replace(at position: Int, with treaty: Treaty) {
        precondition(position >= 0 && position < count, "treaty position out of range")
        chunks[position >> Self.shift][position & (Self.chunkSize - 1)] = treaty
    }
}

extension TreatyList: Equatable {
    /// The same treaties in the same order, however they are chunked.
    public static func == (lhs: TreatyList, rhs: TreatyList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}
