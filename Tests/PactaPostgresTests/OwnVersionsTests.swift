import Testing

@testable import PactaPostgres

/// The versions a server's desk committed, by which its follower knows its own writes (``OwnVersions``).
@Suite struct OwnVersionsTests {
    /// Under a steady load the follower reads the version of a batch committed two or three batches before the
    /// desk's latest: every recent one is known, not only the last (the follower read the treaty's whole text
    /// again after most batches while only the last was kept).
    @Test func everyRecentVersionIsKnownNotOnlyTheLast() {
        let own = OwnVersions()
        for n in 1...3 { own.add("t", "v\(n)") }
        #expect(["v1", "v2", "v3"].allSatisfy { own.contains("t", $0) })
        #expect(!own.contains("t", "v4"))
        #expect(!own.contains("other", "v1"))
    }

    /// A version whose transaction failed is forgotten (the follower then reads it, where another server
    /// committed the same text); at most ``OwnVersions/kept`` are kept per treaty, the oldest dropped first.
    @Test func aFailedVersionIsForgottenAndTheOldestGoFirst() {
        let own = OwnVersions()
        own.add("t", "v1")
        own.add("t", "v2")
        own.remove("t", "v2")
        #expect(own.contains("t", "v1") && !own.contains("t", "v2"))
        for n in 3...(2 + OwnVersions.kept) { own.add("t", "v\(n)") }
        #expect(!own.contains("t", "v1"))
        #expect(own.contains("t", "v3") && own.contains("t", "v\(2 + OwnVersions.kept)"))
    }
}
