import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaTestSupport
import Testing

/// The lines a recording gives of what changed, and the digest a users file keeps of a token.
@Suite struct RecordingChangesTests {
    /// The exchange that puts the THA–VNM treaty in force, recorded after both ratifications.
    static func exchange() throws -> Recording {
        let (folder, desk) = try DeskFixture.make()
        let corpus = try CorpusLoader().load(directory: folder).corpus
        func request(_ fields: [Field]) -> Desk.Request { Desk.Request(fields: fields, user: "amina") }
        func consent(_ party: String) -> Desk.Request {
            request([
                Field("date", "2026-04-02"), Field("type", "consent"), Field("party", .scalar(party)),
                Field("form", "ratification"),
            ])
        }
        let exchange = request([
            Field("date", "2026-05-10"), Field("type", "exchange-of-instruments"),
            Field("parties", .list(["THA", "VNM"])),
        ])
        let lock = try desk.lock(DeskFixture.treaty)
        defer { lock.unlock() }
        let results = desk.record(
            [consent("THA"), consent("VNM"), exchange], in: DeskFixture.treaty, holding: lock, corpus: corpus,
            today: CalendarDate(iso: "2026-12-05")!)
        return try results[2].get()
    }

    /// The treaty's status and date, then each State's, in the order of the States after the act; the same lines
    /// whether the States before are in that order or not, and a State missing before counts as "none".
    @Test func theChangesOfAnExchangeNameEachStateWhateverTheOrderBefore() throws {
        let recording = try Self.exchange()
        let expected = [
            "status of th-vn-2026-friendship on 2026-12-05: not-in-force → in-force",
            "entry into force: none → 2026-05-10",
            "THA on 2026-12-05: contracting-state → party", "entry into force for THA: none → 2026-05-10",
            "VNM on 2026-12-05: contracting-state → party", "entry into force for VNM: none → 2026-05-10",
        ]
        #expect(recording.changes == expected)
        var reordered = recording
        reordered.statusBefore.states.reverse()
        #expect(reordered.changes == expected)
        var missing = recording
        missing.statusBefore.states.removeAll { $0.code == PartyCode("VNM") }
        #expect(
            missing.changes.suffix(2) == [
                "VNM on 2026-12-05: none → party", "entry into force for VNM: none → 2026-05-10",
            ])
    }

    /// SHA-256 as lowercase hex, as users files keep it (FIPS 180-2's example "abc").
    @Test func aTokensDigestIsItsSHA256InLowercaseHex() {
        #expect(UserStore.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(UserStore.digest("").count == 64)
    }
}
