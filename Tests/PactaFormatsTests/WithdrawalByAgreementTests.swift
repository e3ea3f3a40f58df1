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

    @Test func byAgreementMustBeTrueOrFalse() {
        let messages = Fixtures.read(Self.pact(leaving: ", by-agreement: yes")).diagnostics.map(\.message)
        #expect(messages.contains("by-agreement must be true or false, found the text 'yes'"))
    }
}
