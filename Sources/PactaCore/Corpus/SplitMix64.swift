/// SplitMix64: a small deterministic generator, so that generated corpora (benchmarks, tests) are the same on
/// every run, and its 64-bit finaliser, which spreads every input bit over every output bit (what digests built
/// by adding hashes, such as the index's folder seal, need of each hash).
package struct SplitMix64: RandomNumberGenerator {
    package var state: UInt64

    package init(state: UInt64) { self.state = state }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The finaliser alone.
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
