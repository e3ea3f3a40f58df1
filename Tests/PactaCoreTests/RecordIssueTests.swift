import PactaFormats
import PactaTestSupport
import Testing

@testable import PactaCore

/// The law of a treaty's record, checked in Core and keyed by event and field (the file reader only locates it).
@Suite struct RecordIssueTests {
    /// The checks a log's kinds of act let the record's check skip (``Treaty/LogKinds``) find nothing: over every
    /// shipped treaty (successions, denunciations, exchanges, extensions, corrections, depositary numbers among
    /// them) and 200 generated ones, the issues are those of every check run.
    @Test func skippingTheChecksOfKindsALogLacksFindsTheSameIssues() {
        let treaties = Array(Fixtures.shipped.corpus.treaties) + GeneratedTreaties.corpus(count: 200).treaties
        var withIssues = 0
        for treaty in treaties {
            let all = treaty.recordIssues(events: treaty.events, holds: .everything)
            #expect(treaty.recordIssues() == all, "\(treaty.id)")
            if !all.isEmpty { withIssues += 1 }
        }
        #expect(treaties.count > 200)
        #expect(withIssues > 0)
    }

    let adopted = CalendarDate(year: 2000, month: 1, day: 10)!

    func treaty(_ kind: Treaty.Kind, _ events: [Event]) -> Treaty {
        Treaty(
            id: "t", titles: ["en": "T"], kind: kind, adopted: .init(date: adopted), negotiatingStates: ["FRA", "DEU"],
            events: LogArray(events))
    }

    @Test func aThirdStateInABilateralTreatyAndARatificationWithoutSignature() {
        let issues = treaty(
            .bilateral,
            [
                Event(id: "e1", date: adopted, kind: .signature(party: "FRA", by: nil)),
                Event(id: "e2", date: adopted.adding(days: 5), kind: .consent(party: "ITA", form: .ratification)),
            ]
        ).recordIssues()
        #expect(
            issues == [
                RecordIssue(
                    event: "e2", field: "party",
                    message:
                        "ITA is not a negotiating State of this bilateral treaty (FRA and DEU), nor a successor of one: correct the party, or record the state-succession by which it took the place of one of the two"
                ),
                RecordIssue(
                    event: "e2", field: "date",
                    message:
                        "ITA consents by ratification on 2000-01-15 before signing: ratification confirms a signature (VCLT art. 14(1)); no signature of ITA is recorded (where the treaty was never open for signature, say so: 'signature: not-open')",
                    isError: false),
            ])
    }

    @Test func aStateCannotSucceedItself() {
        let issues = treaty(
            .multilateral,
            [
                Event(
                    id: "s", date: adopted,
                    kind: .stateSuccession(predecessor: "DEU", successor: "DEU", mode: .continuation))
            ]
        ).recordIssues()
        #expect(issues == [RecordIssue(event: "s", field: "successor", message: "DEU cannot succeed itself")])
    }
}
