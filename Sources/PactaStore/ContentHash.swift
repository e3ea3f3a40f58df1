/// A 64-bit FNV-1a hash of a file's bytes, as 16 hex digits: enough to tell whether a file changed since it
/// was indexed. Not a cryptographic hash.
public enum ContentHash {
    public static func of(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
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
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
