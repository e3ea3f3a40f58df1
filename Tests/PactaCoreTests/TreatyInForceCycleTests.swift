import PactaCore
import Testing

/// A cycle of `treaty-in-force` conditions (A waits for B, B for A, or A for itself) can fix no date: the
/// engine says so at once instead of re-deriving the cycle day by day (issue: bounded work).
@Suite struct TreatyInForceCycleTests {
    let adopted = CalendarDate(year: 2000, month: 1, day: 1)!

    func treaty(_ id: String, waitingFor other: String?, consents: Int = 40) -> Treaty {
        let states = (0..<consents).map { PartyCode("Q\($0)") }
        let condition: Condition =
            other.map { .all([.consents(2, ConsentFilter()), .treatyInForce($0)]) } ?? .consents(2, ConsentFilter())
        return Treaty(
            id: id, titles: ["en": id], kind: .multilateral, adopted: .init(date: adopted), negotiatingStates: [],
            events: LogArray(
                states.enumerated().map { index, code in
                    Event(
                        id: "\(id)-\(index)", date: adopted.adding(days: index * 7),
                        kind: .consent(party: code, form: .accession))
                }),
            rules: Rules(entryIntoForce: EntryIntoForceRule(condition: condition)))
    }

    @Test func aTreatyWaitingForItselfHasNoDateAndSaysWhy() {
        let corpus = Corpus(treaties: [treaty("a", waitingFor: "a")])
        let status = Lifecycle(corpus: corpus).status(of: corpus["a"]!, on: adopted.adding(years: 5))
        #expect(status.entryIntoForce == nil)
        #expect(
            status.caveats.contains {
                $0.hasPrefix("The treaty's conditions wait for a treaty whose own conditions lead back")
            })
    }

    /// 400 consents: the cycle is found once, not re-derived on every candidate day.
    @Test func aSelfReferringTreatyWith400ConsentsStillAnswers() {
        let corpus = Corpus(treaties: [treaty("a", waitingFor: "a", consents: 400)])
        let status = Lifecycle(corpus: corpus).status(of: corpus["a"]!, on: adopted.adding(years: 5))
        #expect(status.entryIntoForce == nil)
        #expect(
            status.caveats.contains { $0.hasPrefix("The treaty's conditions wait for a treaty whose own conditions") })
    }

    @Test func twoTreatiesWaitingForEachOther() {
        let corpus = Corpus(treaties: [treaty("a", waitingFor: "b"), treaty("b", waitingFor: "a")])
        let lifecycle = Lifecycle(corpus: corpus)
        #expect(lifecycle.status(of: corpus["a"]!, on: adopted.adding(years: 5)).entryIntoForce == nil)
        #expect(lifecycle.status(of: corpus["b"]!, on: adopted.adding(years: 5)).entryIntoForce == nil)
    }

    @Test func aChainWithoutACycleStillGivesItsDate() {
        // b is in force once two States have consented (day 7); a waits for b too.
        let corpus = Corpus(treaties: [treaty("a", waitingFor: "b"), treaty("b", waitingFor: nil)])
        let lifecycle = Lifecycle(corpus: corpus)
        #expect(
            lifecycle.status(of: corpus["b"]!, on: adopted.adding(years: 5)).entryIntoForce == adopted.adding(days: 7))
        #expect(
            lifecycle.status(of: corpus["a"]!, on: adopted.adding(years: 5)).entryIntoForce == adopted.adding(days: 7))
    }
}
