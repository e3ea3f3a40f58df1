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

/// `consents: {fraction: "2/3", of: SET}`: a part of a set of States, the count needed rounded up.
@Suite struct FractionConditionTests {
    /// 21 States of the European Union, in the order they consent.
    static let states = [
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA",
        "LTU", "LUX", "MLT", "NLD", "POL",
    ]

    /// A treaty signed by the 21 States on 2000-01-10, with the nth consent deposited on 2000-02-n.
    static func treaty(_ condition: String, forms: [Int: String] = [:], extra: [String] = []) -> Treaty {
        let events =
            states.map { "date: 2000-01-10, type: signature, party: \($0)" }
            + states.enumerated().map { index, code in
                let day = index < 9 ? "0\(index + 1)" : "\(index + 1)"
                let form = forms[index + 1] ?? "ratification"
                return "date: 2000-02-\(day), type: consent, form: \(form), party: \(code)"
            } + extra
        return Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "2000-01-10", negotiating: states, rules: "entry-into-force: {when: \(condition)}",
                events: events),
            organisations: ["org:eu"])
    }

    @Test func twoThirdsOfTwentyOneSignatoriesIsFourteen() {
        let treaty = Self.treaty("{consents: {fraction: \"2/3\", of: signatories}}")
        let status = Lifecycle().status(of: treaty, on: d("2000-12-31"))
        #expect(status.entryIntoForce?.description == "2000-02-14")
        #expect(
            status.explanation.contains(
                "Condition met on 2000-02-14: 14 of 21 signatories (two-thirds, rounded up) have consented; deposited that day: IRL."
            ))
        let waiting = Lifecycle().status(of: treaty, on: d("2000-02-13"))
        #expect(waiting.entryIntoForce == nil)
        #expect(
            waiting.explanation.contains(
                "Not in force on 2000-02-13: 13 of 14 consents needed (two-thirds of the 21 signatories, rounded up)."))
    }

    @Test func theCountNeededIsRoundedUpAndTheFiltersApply() {
        // Twenty signatories once AUT is left out: two-thirds is 13.33, so 14, and AUT's consent is not counted.
        let excluding = Self.treaty("{consents: {fraction: \"2/3\", of: signatories}, excluding: [AUT]}")
        #expect(Lifecycle().status(of: excluding, on: d("2000-12-31")).entryIntoForce?.description == "2000-02-15")
        // Only ratifications count: the third consent, an accession, does not.
        let forms = Self.treaty(
            "{consents: {fraction: \"2/3\", of: signatories}, forms: [ratification]}", forms: [3: "accession"])
        #expect(Lifecycle().status(of: forms, on: d("2000-12-31")).entryIntoForce?.description == "2000-02-15")
        // An organisation that signs and consents first counts neither in the set nor in the count.
        let organisation = [
            "date: 2000-01-10, type: signature, party: \"org:eu\"",
            "date: 2000-01-20, type: consent, form: formal-confirmation, party: \"org:eu\"",
        ]
        let statesOnly = Self.treaty(
            "{consents: {fraction: \"2/3\", of: signatories}, states-only: true}", extra: organisation)
        #expect(Lifecycle().status(of: statesOnly, on: d("2000-12-31")).entryIntoForce?.description == "2000-02-14")
        // Counted with the organisation: 22 signatories, 15 needed, the organisation's consent among them.
        let everyone = Self.treaty("{consents: {fraction: \"2/3\", of: signatories}}", extra: organisation)
        #expect(Lifecycle().status(of: everyone, on: d("2000-12-31")).entryIntoForce?.description == "2000-02-14")
    }

    @Test func aFractionOfANamedSetOrOfTheNegotiatingStates() {
        let half = Self.treaty("{consents: {fraction: \"1/2\", of: [AUT, BEL, BGR, POL]}}")
        #expect(Lifecycle().status(of: half, on: d("2000-12-31")).entryIntoForce?.description == "2000-02-02")
        let negotiating = Self.treaty("{consents: {fraction: \"3/4\", of: negotiating-states}}")
        // 3/4 of 21 is 15.75: 16.
        #expect(Lifecycle().status(of: negotiating, on: d("2000-12-31")).entryIntoForce?.description == "2000-02-16")
    }
}
