import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// Leaving a treaty by agreement of all the parties (VCLT art. 54(b); issue #14): the GDR left the Warsaw Pact
/// in September 1990 without the notice the treaty required. A `denunciation` with `by-agreement: true` takes
/// effect on the agreed date, whatever the notice clause says.
@Suite struct WithdrawalByAgreementTests {
    static func pact(denunciation: String = "{notice: {years: 1}}", leaving: String) -> String {
        TreatyYAML.multilateral(
            negotiating: ["DEU", "FRA", "ITA"],
            rules: """
                entry-into-force: {when: {consents: 3}}
                denunciation: \(denunciation)
                """,
            events: [
                "date: 2000-01-01, type: consent, form: definitive-signature, party: DEU",
                "date: 2000-01-01, type: consent, form: definitive-signature, party: FRA",
                "date: 2000-01-01, type: consent, form: definitive-signature, party: ITA",
                "date: 2020-03-01, type: denunciation, party: ITA" + leaving,
            ])
    }

    static func italy(_ text: String, on date: String) throws -> StateStatus {
        try #require(Lifecycle().status(of: Fixtures.treaty(text), on: d(date)).state("ITA"))
    }

    @Test func byAgreementItTakesEffectOnItsOwnDate() throws {
        let row = try Self.italy(Self.pact(leaving: ", by-agreement: true"), on: "2020-03-01")
        #expect(row.status == .withdrawn)
        #expect(row.withdrawal?.effective == d("2020-03-01"))
        #expect(
            row.explanation.contains(
                "ITA left by agreement of the parties (VCLT art. 54(b)) on 2020-03-01 (e4), with effect from 2020-03-01; the treaty's notice clause does not apply."
            ))
    }

    @Test func aPlainNoticeWaitsTheYearTheClauseRequires() throws {
        let row = try Self.italy(Self.pact(leaving: ""), on: "2020-03-01")
        #expect(row.status == .party)
        #expect(row.withdrawal?.effective == d("2021-03-01"))
    }

    @Test func theAgreedDateIsTheEffectiveDateItNames() throws {
        let row = try Self.italy(
            Self.pact(leaving: ", by-agreement: true, effective: 2020-06-30"), on: "2020-06-30")
        #expect(row.status == .withdrawn)
        #expect(row.withdrawal?.effective == d("2020-06-30"))
        #expect(
            try Self.italy(Self.pact(leaving: ", by-agreement: true, effective: 2020-06-30"), on: "2020-06-29").status
                == .party)
    }

    /// Neither a bar on denunciation nor an earliest date stands in the way of the parties' agreement.
    @Test func noClauseStandsInTheWay() throws {
        let barred = try Self.italy(
            Self.pact(denunciation: "{allowed: false}", leaving: ", by-agreement: true"), on: "2020-03-01")
        #expect(barred.withdrawal?.effective == d("2020-03-01"))
        #expect(barred.status == .withdrawn)
        let early = try Self.italy(
            Self.pact(
                denunciation: "{notice: {years: 1}, earliest: {years: 30, from: treaty-entry-into-force}}",
                leaving: ", by-agreement: true"), on: "2020-03-01")
        #expect(early.withdrawal?.effective == d("2020-03-01"))
        // Without the agreement, the same notices have no effect.
        let plain = try Self.italy(Self.pact(denunciation: "{allowed: false}", leaving: ""), on: "2022-01-01")
        #expect(plain.withdrawal?.effective == nil)
        #expect(plain.status == .party)
    }

    @Test func theTimelineSaysSo() {
        let timeline = Lifecycle().timeline(
            of: Fixtures.treaty(Self.pact(leaving: ", by-agreement: true")), through: d("2030-01-01"))
        #expect(
            timeline.contains {
                $0.event == "e4" && $0.summary == "ITA leaves by agreement of the parties (VCLT art. 54(b))"
            })
    }

    /// A termination by agreement while a party's notice is still running: the party was bound that day, and the
    /// record does not say it agreed (VCLT art. 54(b) needs all the parties). The status and the list say so.
    @Test func aTerminationByAgreementDuringANoticeIsACaveat() throws {
        let treaty = Fixtures.treaty(
            Self.pact(leaving: "") + "\n  - {id: e5, date: 2020-09-01, type: termination, cause: agreement}")
        let status = Lifecycle().status(of: treaty, on: d("2020-10-01"))
        #expect(status.status == .terminated)
        let expected =
            "ITA's notice to leave the treaty (e4, 2020-03-01) was to take effect on 2021-03-01, so ITA was still a party when the treaty was terminated by agreement on 2020-09-01 (e5); the record does not say that ITA joined that agreement. A treaty ends by agreement only with the consent of all its parties (VCLT art. 54(b)): the termination is taken as recorded, and its lawfulness is not judged here."
        #expect(status.caveats.contains(expected))
        let steps = try #require(Lifecycle().listSteps(of: treaty))
        #expect(steps.row(on: d("2020-10-01")).caveats.contains(expected))
        // Expiry, or a withdrawal in effect before the end, gives no such caveat.
        let expired = Fixtures.treaty(
            Self.pact(leaving: "") + "\n  - {id: e5, date: 2020-09-01, type: termination, cause: expiry}")
        #expect(!Lifecycle().status(of: expired, on: d("2020-10-01")).caveats.contains { $0.contains("54(b)") })
        let gone = Fixtures.treaty(
            Self.pact(leaving: ", by-agreement: true")
                + "\n  - {id: e5, date: 2020-09-01, type: termination, cause: agreement}")
        #expect(!Lifecycle().status(of: gone, on: d("2020-10-01")).caveats.contains { $0.contains("54(b)") })
    }

    /// The Baghdad Pact (CENTO): the United Kingdom and Turkey ended it on 4 October 1979, when the notices of
    /// Iran and Pakistan of 12 March 1979 were to take effect on 15 April 1980 (art. 7's five-year periods).
    @Test func theBaghdadPactsEndIsCaveatedForIranAndPakistan() throws {
        let pact = try #require(Fixtures.shipped.corpus["baghdad-pact-1955"])
        let caveats = Lifecycle(corpus: Fixtures.shipped.corpus).status(of: pact, on: d("1980-01-01")).caveats
        let named = caveats.filter { $0.contains("VCLT art. 54(b)") }
        #expect(named.count == 2)
        #expect(
            named.first?.hasPrefix(
                "IRN's notice to leave the treaty (bgd55-den-irn, 1979-03-12) was to take effect on 1980-04-15, so IRN was still a party when the treaty was terminated by agreement on 1979-10-04 (bgd55-term)"
            ) == true)
        #expect(named.last?.hasPrefix("PAK's notice to leave the treaty (bgd55-den-pak, 1979-03-12)") == true)
        // Iraq's withdrawal took effect in 1960: no caveat names it.
        #expect(!caveats.contains { $0.hasPrefix("IRQ's notice") })
    }

    @Test func byAgreementMustBeTrueOrFalse() {
        let messages = Fixtures.read(Self.pact(leaving: ", by-agreement: yes")).diagnostics.map(\.message)
        #expect(messages.contains("by-agreement must be true or false, found the text 'yes'"))
    }
}
