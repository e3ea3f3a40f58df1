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
