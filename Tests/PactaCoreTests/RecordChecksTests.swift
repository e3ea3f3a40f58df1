import PactaTestSupport
import Testing

@testable import PactaCore

/// The record's checks kept act by act (``Treaty/RecordChecks``), as the desk keeps them, against the whole log
/// checked afresh after each act.
@Suite struct RecordChecksTests {
    struct Outcome: Sendable {
        var differences: [String] = []
        /// Acts checked against the kinds the checks read alone (not the whole log).
        var local = 0
        /// Issues raised by those acts.
        var raisedLocally = 0
        var acts = 0
    }

    /// Each treaty rebuilt event by event in file order (as `pacta record` appends), the kept checks compared
    /// after each act with the whole log's, and the issues an act raises with those the whole log gained.
    static func compare(_ treaties: [Treaty]) -> Outcome {
        var outcome = Outcome()
        for treaty in treaties {
            var growing = treaty
            growing.events = []
            var checks = Treaty.RecordChecks(growing)
            var before = Set(growing.recordIssues())
            var wholeLog = false
            for position in treaty.events.indices {
                let event = treaty.events[position]
                var grown = growing
                grown.appendEvent(event)
                let raised = checks.append(event, treaty: growing, grown: grown)
                let after = Set(grown.recordIssues())
                outcome.acts += 1
                if !Treaty.RecordChecks.isRead(event.kind), !wholeLog {
                    outcome.local += 1
                    outcome.raisedLocally += raised.count
                }
                if Treaty.RecordChecks.readsWholeLog(event.kind) { wholeLog = true }
                if checks.issues != after {
                    outcome.differences.append("\(treaty.id) after \(event.id): kept issues differ")
                }
                if Set(raised) != after.subtracting(before) {
                    outcome.differences.append("\(treaty.id) after \(event.id): raised \(raised.map(\.message))")
                }
                (growing, before) = (grown, after)
            }
        }
        return outcome
    }

    @Test func shippedAndGeneratedTreatiesCheckedActByActGiveTheWholeLogsIssues() async throws {
        let outcome = try await onOwnThread {
            Self.compare(Array(Fixtures.shippedCorpusAsRead.treaties) + GeneratedTreaties.corpus(count: 200).treaties)
        }
        #expect(outcome.differences == [])
        #expect(outcome.acts > 3_000)
        #expect(outcome.local > 250)
    }

    let adopted = CalendarDate(year: 2000, month: 1, day: 10)!
    func day(_ days: Int) -> CalendarDate { adopted.adding(days: days) }

    /// Acts of kinds the checks do not read, each with an issue of its own that depends on acts of the kinds they
    /// do read: a bilateral treaty's third State, an act of a State after it ceased, an act before adoption; and
    /// signatures and successions recorded after the acts they change.
    @Test func actsWithIssuesOfTheirOwnAreCheckedAgainstTheActsTheChecksRead() {
        let bilateral = Treaty(
            id: "b", titles: ["en": "B"], kind: .bilateral, adopted: .init(date: adopted),
            negotiatingStates: ["CSK", "FRA"],
            events: LogArray([
                Event(id: "s1", date: day(0), kind: .signature(party: "CSK", by: nil)),
                Event(id: "s2", date: day(0), kind: .signature(party: "FRA", by: nil)),
                Event(id: "d1", date: day(-5), kind: .domesticStep(party: "FRA", body: nil, step: "approval")),
                Event(id: "n1", date: day(-5), kind: .notification(party: "FRA", of: "approval")),
                Event(id: "c1", date: day(30), kind: .consent(party: "CSK", form: .ratification)),
                Event(
                    id: "x1", date: day(100),
                    kind: .stateSuccession(predecessor: "CSK", successor: "CZE", mode: .continuation)),
                Event(id: "d2", date: day(200), kind: .domesticStep(party: "CSK", body: nil, step: "late")),
                Event(id: "n2", date: day(200), kind: .notification(party: "CSK", of: "late")),
                Event(id: "r1", date: day(210), kind: .reservation(party: "ITA", articles: ["2"], summary: nil)),
                Event(id: "r2", date: day(210), kind: .reservation(party: "CZE", articles: ["2"], summary: nil)),
                Event(id: "c2", date: day(220), kind: .consent(party: "ITA", form: .ratification)),
                Event(id: "s3", date: day(230), kind: .signature(party: "ITA", by: nil)),
                Event(id: "n3", date: day(240), kind: .notification(party: "ITA", of: "again")),
            ]))
        let multilateral = Treaty(
            id: "m", titles: ["en": "M"], kind: .multilateral, adopted: .init(date: adopted),
            negotiatingStates: ["FRA", "DEU"],
            events: LogArray([
                Event(id: "c1", date: day(10), kind: .consent(party: "DEU", form: .ratification)),
                Event(id: "p1", date: day(-1), kind: .provisionalApplication(party: "DEU", until: nil)),
                Event(id: "s1", date: day(20), kind: .signature(party: "DEU", by: nil)),
                Event(id: "d1", date: day(30), kind: .domesticStep(party: "DEU", body: nil, step: nil)),
            ]))
        let outcome = Self.compare([bilateral, multilateral])
        #expect(outcome.differences == [])
        // n1 (before adoption), n2 (CSK had ceased), r1 (a third State), n3 (ITA, a third State), p1 (before
        // adoption): each found against the signatures, successions and consents alone.
        #expect(outcome.raisedLocally == 5)
        #expect(outcome.local == 9)
    }
}
