import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// A bilateral treaty continued with several successors of one party (issue #14): Czechoslovakia's treaties
/// with the United States continue with both the Czech Republic and Slovakia from 1 January 1993 (Vienna
/// Convention on Succession of States in respect of Treaties, 1978, art. 34(1)).
@Suite struct SeveralSuccessorsTests {
    /// A US–Czechoslovak treaty of the shape of the 1925 extradition treaty, with a defence provision (test only).
    static func pact(id: String = "us-cs-test", extra events: [String] = []) -> String {
        """
        format: 1
        id: \(id)
        titles: {en: Test treaty between the United States and Czechoslovakia}
        kind: bilateral
        adopted: {date: 1925-07-02, place: Prague}
        negotiating-states: [USA, CSK]
        sources:
          s: {title: A treaty record, url: "https://example.org/record", accessed: 2026-12-05}
        events:
          - {id: t-sig-usa, date: 1925-07-02, type: signature, party: USA, source: s}
          - {id: t-sig-csk, date: 1925-07-02, type: signature, party: CSK, source: s}
          - {id: t-exch, date: 1926-03-29, type: exchange-of-instruments, parties: [USA, CSK], place: Washington, source: s}
          - {id: t-succ-cze, date: 1993-01-01, type: state-succession, predecessor: CSK, successor: CZE, mode: continuation, source: s}
          - {id: t-succ-svk, date: 1993-01-01, type: state-succession, predecessor: CSK, successor: SVK, mode: continuation, source: s}
        \(events.map { "  - " + $0 }.joined(separator: "\n"))
        rules:
          entry-into-force: {when: {exchange-of-instruments: true}}
          denunciation: {notice: {years: 1}}
        provisions:
          - {id: defence, article: "1", category: defense, duty: provide-assistance, trigger: {event: armed-attack}}
        """
    }

    static func corpus(_ texts: String...) -> Corpus {
        Corpus(treaties: texts.map { Fixtures.treaty($0) }, entities: [:])
    }

    // MARK: - The corpus's case

    /// The US–Czechoslovakia extradition treaty (Prague 1925): in force since the exchange of ratifications at
    /// Washington on 1926-03-29, and in 1995 between the US and each of the two successors.
    @Test func theExtraditionTreatyOf1925BindsTheUnitedStatesWithBothSuccessors() throws {
        let treaty = try #require(Fixtures.shipped.corpus["us-cs-1925-extradition"])
        let status = Lifecycle(corpus: Fixtures.shipped.corpus).status(of: treaty, on: d("1995-01-01"))
        #expect(status.status == .inForce)
        #expect(status.entryIntoForce == d("1926-03-29"))
        let rows = status.states.map { "\($0.code) \($0.status.rawValue)" }
        #expect(rows == ["USA party", "CSK ceased", "CZE party", "SVK party"])
        #expect(status.state("CSK")?.ceased == d("1993-01-01"))
        #expect(status.state("CZE")?.notInForceWith == ["SVK"])
        #expect(status.state("SVK")?.notInForceWith == ["CZE"])
        #expect(status.state("USA")?.notInForceWith == [])
        // Before the dissolution, Czechoslovakia is the party.
        let before = Lifecycle(corpus: Fixtures.shipped.corpus).status(of: treaty, on: d("1992-12-31"))
        #expect(before.states.map { "\($0.code) \($0.status.rawValue)" } == ["USA party", "CSK party"])
    }

    // MARK: - Status, allies, dyads and duties

    @Test func eachSuccessorIsBoundWithTheOtherPartyAlone() throws {
        let status = Lifecycle().status(of: Fixtures.treaty(Self.pact()), on: d("1995-01-01"))
        #expect(status.status == .inForce)
        #expect(status.states.filter { $0.status == .party }.map(\.code) == ["USA", "CZE", "SVK"])
        #expect(
            status.state("CZE")?.explanation.last
                == "Not in force between it and SVK: each holds CSK's side of this bilateral treaty, which binds each with the other party alone (Vienna Convention on Succession of States in respect of Treaties, 1978, art. 34(1))."
        )
    }

    @Test func dyadYearsRunFromTheUnitedStatesToEachSuccessorAndNotBetweenThem() {
        let network = AllianceNetwork(corpus: Self.corpus(Self.pact()))
        let rows = network.dyadYears(from: 1995, to: 1995, directed: false).rows
        #expect(
            rows.map { "\($0.state1)-\($0.state2) \($0.year) \($0.flags[0])" } == [
                "USA-CZE 1995 true", "USA-SVK 1995 true",
            ])
        // Czechoslovakia until its dissolution, then the two successors.
        let years = network.dyadYears(from: 1992, to: 1993, directed: false).rows
        #expect(
            years.map { "\($0.abbreviation1)-\($0.abbreviation2) \($0.year)" }
                == ["USA-CZE 1992", "USA-CZR 1993", "USA-SLO 1993"])
    }

    @Test func alliesOfASuccessorAreTheOtherPartyOnlySinceTheSuccession() {
        let network = AllianceNetwork(corpus: Self.corpus(Self.pact()))
        let allies = network.allies(of: "CZE", on: d("1995-01-01"))
        #expect(allies.map { "\($0.ally) \($0.since?.description ?? "-")" } == ["USA 1993-01-01"])
        #expect(network.allies(of: "USA", on: d("1995-01-01")).map(\.ally) == ["CZE", "SVK"])
        let spans = network.allySpans(of: "SVK", through: d("1995-12-31"))
        #expect(spans.map { "\($0.ally) \($0.from) \($0.through)" } == ["USA 1993-01-01 1995-12-31"])
    }

    @Test func anAttackOnOneSuccessorObligesTheOtherPartyAlone() {
        let engine = ObligationsEngine(corpus: Self.corpus(Self.pact()))
        let result = engine.evaluate(
            Scenario(on: d("1995-01-01"), events: [.init(kind: .armedAttack, by: "RUS", against: "CZE")]))
        #expect(result.duties.map { "\($0.bearer)->\($0.beneficiary)" } == ["USA->CZE"])
        #expect(
            result.notTriggered.contains {
                $0.bearer == "SVK"
                    && $0.explanation
                        == "SVK and CZE each hold the same party's side of this bilateral treaty, which binds each with the other party alone (Vienna Convention on Succession of States in respect of Treaties, 1978, art. 34(1))."
            })
    }

    // MARK: - Leaving

    /// One successor's denunciation ends the treaty for it alone; the treaty stays in force with the other.
    @Test func oneSuccessorsDenunciationEndsTheTreatyForItAlone() {
        let treaty = Fixtures.treaty(
            Self.pact(extra: ["{id: t-den-cze, date: 2000-01-10, type: denunciation, party: CZE, source: s}"]))
        let status = Lifecycle().status(of: treaty, on: d("2002-01-01"))
        #expect(status.status == .inForce)
        #expect(status.termination == nil)
        #expect(
            status.states.map { "\($0.code) \($0.status.rawValue)" } == [
                "USA party", "CSK ceased", "CZE withdrawn", "SVK party",
            ])
        #expect(status.state("CZE")?.withdrawal?.effective == d("2001-01-10"))
        let dyads = AllianceNetwork(
            corpus: Self.corpus(
                Self.pact(
                    extra: ["{id: t-den-cze, date: 2000-01-10, type: denunciation, party: CZE, source: s}"]))
        ).dyadYears(from: 2000, to: 2002, directed: false).rows
        #expect(
            dyads.map { "\($0.state1)-\($0.state2) \($0.year)" }
                == ["USA-CZE 2000", "USA-CZE 2001", "USA-SVK 2000", "USA-SVK 2001", "USA-SVK 2002"])
    }

    /// The other party's denunciation, or the last successor's, ends the treaty for all.
    @Test func theOtherPartysOrTheLastSuccessorsDenunciationEndsIt() {
        let byUSA = Fixtures.treaty(
            Self.pact(extra: ["{id: t-den-usa, date: 2000-01-10, type: denunciation, party: USA, source: s}"]))
        let one = Lifecycle().status(of: byUSA, on: d("2002-01-01"))
        #expect(one.status == .terminated)
        #expect(one.termination == d("2001-01-10"))
        let both = Fixtures.treaty(
            Self.pact(extra: [
                "{id: t-den-cze, date: 2000-01-10, type: denunciation, party: CZE, source: s}",
                "{id: t-den-svk, date: 2003-05-05, type: denunciation, party: SVK, source: s}",
            ]))
        let two = Lifecycle().status(of: both, on: d("2005-01-01"))
        #expect(two.status == .terminated)
        #expect(two.termination == d("2004-05-05"))
        #expect(Lifecycle().status(of: both, on: d("2003-01-01")).status == .inForce)
    }

    // MARK: - Succeeding by consent

    /// A successor that takes part by its own notification of succession is bound from the date of the
    /// succession of States, not from the treaty's entry into force of 1926.
    @Test func aSuccessorByNotificationIsBoundFromTheSuccession() {
        let text = Self.pact().replacingOccurrences(
            of: "successor: SVK, mode: continuation", with: "successor: SVK, mode: succession"
        ).replacingOccurrences(
            of: "rules:",
            with:
                "  - {id: t-cons-svk, date: 1994-05-02, type: consent, form: succession, party: SVK, source: s}\nrules:"
        )
        let status = Lifecycle().status(of: Fixtures.treaty(text), on: d("1995-01-01"))
        #expect(status.state("SVK")?.status == .party)
        #expect(status.state("SVK")?.entryIntoForce == d("1993-01-01"))
        #expect(status.state("CZE")?.entryIntoForce == d("1926-03-29"))
        #expect(status.state("CZE")?.notInForceWith == ["SVK"])
    }

    // MARK: - Checks

    @Test func severalSuccessorsOfOnePartyPassTheCheck() {
        let (treaty, diagnostics) = Fixtures.read(Self.pact())
        #expect(treaty != nil)
        #expect(diagnostics.filter(\.isError).isEmpty)
        #expect(Fixtures.treaty(Self.pact()).recordIssues().isEmpty)
    }

    /// A succession to a State that is not a party of the bilateral treaty lets no third State in.
    @Test func aSuccessionToAStrangerIsRejected() {
        let text = Self.pact(extra: [
            "{id: t-succ-deu, date: 1993-01-01, type: state-succession, predecessor: FRA, successor: DEU, mode: continuation, source: s}",
            "{id: t-den-deu, date: 1994-01-01, type: denunciation, party: DEU, source: s}",
        ])
        let messages = Fixtures.read(text).diagnostics.filter(\.isError).map(\.message)
        #expect(
            messages == [
                "FRA is not a negotiating State of this bilateral treaty (USA and CSK), nor a successor of one, so DEU cannot take its place here; a successor takes the place of one of the two parties",
                "DEU is not a negotiating State of this bilateral treaty (USA and CSK), nor a successor of one: correct the party, or record the state-succession by which it took the place of one of the two",
                "DEU is not a party on 1994-01-01, the day its denunciation was received (its status then: none); only a party can denounce a treaty (VCLT arts. 54, 56); a signature or a consent given before the treaty is in force for a State is withdrawn by a revocation",
            ])
    }
}
