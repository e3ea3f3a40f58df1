import PactaCore
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// A State that ceased to exist has status `ceased` from that day (issue #14).
@Suite struct CeasedStateTests {
    @Test func aStateSucceededByContinuationHasStatusCeased() {
        let treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                a: "SUN", b: "PRK", adopted: "1961-07-06",
                rules: "entry-into-force: {when: {exchange-of-instruments: true}}",
                events: [
                    "date: 1961-07-06, type: signature, party: SUN",
                    "date: 1961-07-06, type: signature, party: PRK",
                    "date: 1961-09-10, type: exchange-of-instruments",
                    "date: 1991-12-25, type: state-succession, predecessor: SUN, successor: RUS, mode: continuation",
                ]))
        let before = Lifecycle().status(of: treaty, on: d("1991-12-24"))
        #expect(before.state("SUN")?.status.rawValue == "party")
        let after = Lifecycle().status(of: treaty, on: d("1991-12-25"))
        #expect(after.state("SUN")?.status.rawValue == "ceased")
        #expect(after.state("SUN")?.ceased?.description == "1991-12-25")
        #expect(after.state("RUS")?.status == .party)
        // A ceased State is not counted as a party, and gives no ally.
        #expect(Set(after.states.filter { $0.status == .party }.map(\.code)) == ["RUS", "PRK"])
    }

    @Test func aStateThatBreaksUpIsCeasedFromItsFirstSuccession() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1960-01-01", negotiating: ["YUG", "FRA"], rules: "entry-into-force: {when: {consents: 1}}",
                events: [
                    "date: 1970-01-01, type: consent, form: accession, party: YUG",
                    "date: 1991-10-08, type: state-succession, predecessor: YUG, successor: HRV, mode: separation",
                    "date: 1992-03-06, type: state-succession, predecessor: YUG, successor: BIH, mode: succession",
                ]))
        // A separation leaves the predecessor in being; the succession ends it.
        #expect(Lifecycle().status(of: treaty, on: d("1992-03-05")).state("YUG")?.status == .party)
        #expect(Lifecycle().status(of: treaty, on: d("1992-03-06")).state("YUG")?.status.rawValue == "ceased")
    }
}

/// A bilateral treaty in force on the last notification that internal procedures are complete: the notifications
/// express the States' consent (VCLT art. 11), so both are parties from its entry into force.
@Suite struct NotificationConsentTests {
    static let yaml =
        TreatyYAML.bilateral(
            a: "FRA", b: "GRC", adopted: "2021-09-28",
            rules: "entry-into-force: {when: {last-notification: true}}",
            events: [
                "date: 2021-09-28, type: signature, party: FRA",
                "date: 2021-09-28, type: signature, party: GRC",
                "date: 2021-10-20, type: notification, party: GRC, of: internal-procedures",
                "date: 2022-02-17, type: notification, party: FRA, of: internal-procedures",
            ])
            + """

            provisions:
              - {id: mutual-assistance, article: "2", category: defense, duty: provide-assistance, trigger: {event: armed-attack, against: any-party, by: any-state, where: anywhere}}
            """

    @Test func bothStatesArePartiesFromTheLastNotification() {
        let treaty = Fixtures.treaty(Self.yaml)
        let waiting = Lifecycle().status(of: treaty, on: d("2021-12-01"))
        #expect(waiting.status == .notInForce)
        #expect(waiting.state("GRC")?.status == .contractingState)
        #expect(waiting.state("FRA")?.status == .signatory)
        let status = Lifecycle().status(of: treaty, on: d("2022-02-17"))
        #expect(status.entryIntoForce?.description == "2022-02-17")
        #expect(status.states.map(\.status) == [.party, .party])
        #expect(status.state("FRA")?.entryIntoForce?.description == "2022-02-17")
        #expect(
            status.state("GRC")?.explanation.contains(
                "Consent expressed by its notification that its internal procedures are complete, received on 2021-10-20 (e3; VCLT art. 11)."
            ) == true)
    }

    @Test func theirDutiesApply() {
        let corpus = Corpus(treaties: [Fixtures.treaty(Self.yaml)])
        let result = ObligationsEngine(corpus: corpus).evaluate(
            Scenario(
                on: d("2023-01-01"), events: [Scenario.Event(kind: .armedAttack, by: "TUR", against: "GRC")]))
        #expect(result.duties.map { "\($0.bearer)→\($0.beneficiary) art. \($0.article)" } == ["FRA→GRC art. 2"])
        #expect(AllianceNetwork(corpus: corpus).allies(of: "FRA", on: d("2023-01-01")).map(\.ally) == ["GRC"])
    }
}
