import PactaTestSupport
import Testing

@testable import PactaCore

/// The status from a log walked act by act (``Lifecycle/Resumable``) against the engine's status computed afresh:
/// every treaty of the shipped and generated corpora that the walk takes (the real treaties' files are partial
/// records with documented dates, which it declines) rebuilt event by event in the order acts take effect,
/// as a desk records them, with the status compared on several days after each act.
@Suite struct ResumableTests {
    struct Outcome: Sendable {
        var differences: [String] = []
        /// Acts walked on from the previous walk, and acts after which the log was walked anew.
        var resumed = 0
        var rebuilt = 0
        /// Treaties the walk does not take (corrections, conditions on other treaties ...).
        var declined = 0
        var compared = 0
    }

    static func compare(_ corpus: Corpus) -> Outcome {
        var outcome = Outcome()
        let engine = Lifecycle(corpus: corpus)
        for treaty in corpus.treaties {
            guard engine.resumable(treaty) != nil else {
                outcome.declined += 1
                continue
            }
            var growing = treaty
            growing.events = []
            var walked = engine.resumable(growing)
            for position in Event.effectOrder(treaty.events) {
                growing.appendEvent(treaty.events[position])
                if let previous = walked, let next = engine.resuming(previous, with: growing) {
                    walked = next
                    outcome.resumed += 1
                } else {
                    walked = engine.resumable(growing)
                    outcome.rebuilt += 1
                }
                guard let walked, let last = walked.lastDay else {
                    outcome.differences.append("\(treaty.id): no walk after \(growing.events.count) events")
                    break
                }
                #expect(engine.status(of: walked, on: last.adding(days: -1)) == nil)
                for day in [last, last.adding(days: 1), last.adding(days: 45), last.adding(days: 400)] {
                    let expected = engine.status(of: growing, on: day, explain: false)
                    outcome.compared += 1
                    if engine.status(of: walked, on: day) != expected {
                        outcome.differences.append("\(treaty.id) after \(growing.events.count) events, on \(day)")
                    }
                    if engine.termination(of: walked, on: day) != .some(expected.termination) {
                        outcome.differences.append("\(treaty.id) after \(growing.events.count) events: end on \(day)")
                    }
                }
            }
        }
        return outcome
    }

    @Test func shippedTreatiesWalkedActByActGiveTheEnginesStatus() async throws {
        let outcome = try await onOwnThread { Self.compare(Fixtures.shippedCorpusAsRead) }
        #expect(outcome.differences == [])
        #expect(outcome.compared > 900)
        #expect(outcome.resumed > 200)
        #expect(outcome.rebuilt < 10)
    }

    @Test func generatedTreatiesWalkedActByActGiveTheEnginesStatus() async throws {
        let outcome = try await onOwnThread { Self.compare(GeneratedTreaties.corpus(count: 200)) }
        #expect(outcome.differences == [])
        #expect(outcome.compared > 4_500)
        #expect(outcome.resumed > 1_000)
        #expect(outcome.rebuilt < 10)
        #expect(outcome.declined < 100)
    }

    /// An act dated before the last one is declined (the log is then walked anew); one dated later is walked on,
    /// and the status counts it.
    @Test func anActDatedBeforeTheLastIsDeclined() throws {
        let full = Fixtures.treaty(
            TreatyYAML.multilateral(
                negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2}, delay: {days: 30}}",
                events: [
                    "date: 2000-02-01, type: signature, party: FRA",
                    "date: 2001-03-01, type: consent, form: ratification, party: FRA",
                    "date: 2000-05-01, type: signature, party: DEU",
                    "date: 2001-06-01, type: consent, form: ratification, party: DEU",
                ]))
        let engine = Lifecycle()
        var treaty = full
        treaty.events = LogArray(full.events.prefix(2))
        let walked = try #require(engine.resumable(treaty))
        #expect(walked.lastDay == Fixtures.date("2001-03-01"))
        treaty.appendEvent(full.events[2])
        #expect(engine.resuming(walked, with: treaty) == nil)
        let again = try #require(engine.resumable(treaty))
        treaty.appendEvent(full.events[3])
        let next = try #require(engine.resuming(again, with: treaty))
        #expect(next.lastDay == Fixtures.date("2001-06-01"))
        let status = try #require(engine.status(of: next, on: Fixtures.date("2001-06-01")))
        #expect(status.entryIntoForce == Fixtures.date("2001-07-01"))
        #expect(status.status == .notInForce)
        #expect(engine.status(of: next, on: Fixtures.date("2001-07-01"))?.status == .inForce)
        #expect(engine.status(of: next, on: Fixtures.date("2001-05-31")) == nil)
    }
}
