import PactaCore
import PactaTestSupport
import Testing

/// The corpus's treaties in chunks (``TreatyList``): a corpus with one treaty replaced reads as the array with that
/// element replaced, and the corpus before it is unchanged.
@Suite struct TreatyListTests {
    @Test func aReplacedTreatyIsReadInItsPlaceAndTheCorpusBeforeIsUnchanged() throws {
        // 600 treaties: three chunks, the last one partial.
        let generated = GeneratedTreaties.corpus(count: 600)
        let treaties = Array(generated.treaties)
        #expect(treaties.count == 600)
        #expect(generated.treaties.map(\.id) == treaties.map(\.id))
        #expect(generated.treaties.map(\.id) == treaties.map(\.id).sorted())
        for position in [0, 255, 256, 511, 512, 599] {
            var changed = treaties[position]
            changed.note = "replaced at \(position)"
            let after = generated.replacing(changed)
            #expect(after.treaties.count == 600)
            #expect(after.treaties[position].note == "replaced at \(position)")
            #expect(after[changed.id]?.note == "replaced at \(position)")
            // Every other treaty as it was, and the corpus before untouched.
            #expect(after.treaties.indices.allSatisfy { $0 == position || after.treaties[$0] == treaties[$0] })
            #expect(generated.treaties[position] == treaties[position])
            #expect(generated.treaties == TreatyList(treaties))
            #expect(after.treaties != generated.treaties)
        }
        #expect(TreatyList([]).isEmpty)
    }
}
