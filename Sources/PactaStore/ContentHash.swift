/// A 64-bit FNV-1a hash of a file's bytes, as 16 hex digits: enough to tell whether a file changed since it
/// was indexed. Not a cryptographic hash.
public enum ContentHash {
    /// The hash of `bytes`, as 16 hex digits.
    public static func of(_ bytes: some Sequence<UInt8>) -> String {
        var running = Running()
        running.add(bytes)
        return running.text
    }

    /// The hash of bytes given in parts, in order: `Running()`, ``add(_:)`` of each part, then ``text`` is
    /// ``ContentHash/of(_:)`` of the parts joined. The state after a prefix can be kept, so that a text that grows
    /// after that prefix is hashed again from there only (the desk's file, act after act).
    public struct Running: Sendable, Hashable {
        /// The FNV-1a state after the bytes added so far.
        public private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

        public init() {}

        /// Adds `bytes` after those added so far.
        public mutating func add(_ bytes: some Sequence<UInt8>) {
            var hash = state
            // Over contiguous bytes (an array, `Data`, a string's UTF-8) without an iterator per byte.
            let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                for byte in buffer {
                    hash ^= UInt64(byte)
                    hash &*= 0x0000_0100_0000_01B3
                }
            }
            if done == nil {
                for byte in bytes {
                    hash ^= UInt64(byte)
                    hash &*= 0x0000_0100_0000_01B3
                }
            }
            state = hash
        }

        /// The hash of the bytes added, as 16 hex digits.
        public var text: String {
            let hex = String(state, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }
}
