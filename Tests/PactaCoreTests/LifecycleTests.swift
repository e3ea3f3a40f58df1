import PactaCore
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// The lifecycle engine on small treaties written for one rule each.
@Suite struct BilateralLifecycleTests {
    static let exchange = TreatyYAML.bilateral(
        rules:
            "entry-into-force: {article: \"9\", when: {exchange-of-instruments: true}}\ndenunciation: {article: \"10\", notice: {years: 1}}",
        events: [
            "date: 2000-01-01, type: signature, party: RUS",
            "date: 2000-01-01, type: signature, party: PRK",
            "date: 2000-03-01, type: consent, form: ratification, party: RUS",
            "date: 2000-04-01, type: consent, form: ratification, party: PRK",
            "date: 2000-05-15, type: exchange-of-instruments, parties: [RUS, PRK], place: Moscow",
        ])

    @Test func entersIntoForceOnTheExchange() {
        let treaty = Fixtures.treaty(Self.exchange)
        let engine = Lifecycle()
        #expect(engine.status(of: treaty, on: d("1999-12-31")).status == .notAdopted)
        let signed = engine.status(of: treaty, on: d("2000-02-01"))
        #expect(signed.status == .notInForce)
        #expect(signed.states.map(\.status) == [.signatory, .signatory])
        let consented = engine.status(of: treaty, on: d("2000-05-14"))
        #expect(consented.status == .notInForce)
        #expect(consented.entryIntoForce == nil)
        #expect(consented.states.map(\.status) == [.contractingState, .contractingState])
        let inForce = engine.status(of: treaty, on: d("2000-05-15"))
        #expect(inForce.status == .inForce)
        #expect(inForce.entryIntoForce?.description == "2000-05-15")
        #expect(inForce.states.map(\.status) == [.party, .party])
        #expect(
            inForce.explanation.contains(
                "Condition met on 2000-05-15: instruments exchanged at Moscow on 2000-05-15 (e5)."))
    }

    @Test func aDenunciationEndsTheBilateralTreatyAfterTheNotice() {
        var treaty = Fixtures.treaty(Self.exchange)
        treaty.events.append(Event(id: "den", date: d("2003-02-28"), kind: .denunciation(party: "PRK", effective: nil)))
        let engine = Lifecycle()
        let before = engine.status(of: treaty, on: d("2004-02-27"))
        #expect(before.status == .inForce)
        #expect(before.termination?.description == "2004-02-28")
        #expect(before.state("PRK")?.status == .party)
        #expect(before.state("PRK")?.withdrawal?.effective?.description == "2004-02-28")
        let after = engine.status(of: treaty, on: d("2004-02-28"))
        #expect(after.status == .terminated)
        #expect(after.state("PRK")?.status == .withdrawn)
        #expect(after.state("RUS")?.status == StateStatus.Value.none)
    }

    /// The engine's cache of a log follows every change to it: an event changed in place, one appended after a
    /// status was read, a negotiating State added; a copy made before the change keeps its own answer.
    @Test func theEnginesCacheFollowsEveryChangeToTheLog() {
        var treaty = Fixtures.treaty(Self.exchange)
        let engine = Lifecycle()
        #expect(engine.status(of: treaty, on: d("2001-01-01")).entryIntoForce?.description == "2000-05-15")
        let before = treaty
        treaty.events[4] = Event(
            id: "e5", date: d("2000-06-20"),
            kind: .exchangeOfInstruments(parties: ["RUS", "PRK"], place: "Moscow"))
        #expect(engine.status(of: treaty, on: d("2001-01-01")).entryIntoForce?.description == "2000-06-20")
        #expect(engine.status(of: before, on: d("2001-01-01")).entryIntoForce?.description == "2000-05-15")
        treaty.events.append(Event(id: "den", date: d("2003-02-28"), kind: .denunciation(party: "PRK", effective: nil)))
        #expect(engine.status(of: treaty, on: d("2005-01-01")).status == .terminated)
        #expect(engine.status(of: before, on: d("2005-01-01")).status == .inForce)
        treaty.negotiatingStates.append("CHN")
        #expect(engine.status(of: treaty, on: d("2001-01-01")).state("CHN")?.status == StateStatus.Value.none)
        #expect(engine.status(of: before, on: d("2001-01-01")).state("CHN") == nil)
    }

    @Test func lastNotificationWithADelay() {
        let treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                rules: "entry-into-force: {when: {last-notification: true}, delay: {days: 30}}",
                events: [
                    "date: 2000-01-01, type: signature, party: RUS",
                    "date: 2000-01-01, type: signature, party: PRK",
                    "date: 2000-02-10, type: notification, party: PRK, of: internal-procedures",
                    "date: 2000-03-15, type: notification, party: RUS, of: internal-procedures",
                ]))
        let status = Lifecycle().status(of: treaty, on: d("2000-04-01"))
        #expect(status.conditionsMet?.description == "2000-03-15")
        #expect(status.entryIntoForce?.description == "2000-04-14")
        #expect(status.status == .notInForce)
        #expect(Lifecycle().status(of: treaty, on: d("2000-04-14")).status == .inForce)
    }

    @Test func fixedTermWithRenewalEndsAtThePeriodAfterTimelyNotice() {
        var treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                adopted: "1961-07-06",
                rules: """
                    entry-into-force: {when: {exchange-of-instruments: true}}
                    duration: {term: {years: 10}, renewal: {term: {years: 5}, notice-before-expiry: {years: 1}}}
                    """,
                events: [
                    "date: 1961-07-06, type: signature, party: RUS",
                    "date: 1961-07-06, type: signature, party: PRK",
                    "date: 1961-09-10, type: exchange-of-instruments",
                ]))
        let engine = Lifecycle()
        #expect(
            engine.timeline(of: treaty, through: d("1982-01-01")).filter { $0.type == "renewal" }.map(
                \.date.description)
                == ["1971-09-10", "1976-09-10", "1981-09-10", "1986-09-10"])  // up to the first renewal after the date
        // Notice on the last possible day: the running period's end.
        treaty.events.append(Event(id: "n1", date: d("1985-09-10"), kind: .denunciation(party: "RUS", effective: nil)))
        #expect(engine.status(of: treaty, on: d("1986-09-10")).status == .terminated)
        #expect(engine.status(of: treaty, on: d("1986-09-09")).termination?.description == "1986-09-10")
        // One day late: the next period's end.
        treaty.events[3].date = d("1985-09-11")
        #expect(engine.status(of: treaty, on: d("1986-09-10")).status == .inForce)
        #expect(engine.status(of: treaty, on: d("1986-09-10")).termination?.description == "1991-09-10")
        #expect(
            engine.status(of: treaty, on: d("1986-09-10")).state("RUS")?.explanation.contains(
                "RUS gave notice on 1985-09-11 (n1) that it does not renew; notice for the period ending 1986-09-10 was due by 1985-09-10, so it runs a further period and ends on 1991-09-10 (notice due by 1990-09-10)."
            ) == true)
    }

    /// Short renewals over a long time: a monthly term since 1900 (1,514 periods by 2026) and a daily one (46,000):
    /// the notice of 2026 ends the treaty at the end of the period running then, the timeline lists the last 1,000
    /// renewals and says how many came before, and the renewals of the calendar's window are there.
    @Test(arguments: [("{months: 1}", "2026-07-02", "1943-09-02"), ("{days: 1}", "2026-06-15", "2024-03-08")])
    func shortRenewalsOverALongTimeAreAllCounted(term: String, end: String, firstListed: String) {
        var treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                adopted: "1900-04-01",
                rules: """
                    entry-into-force: {when: {exchange-of-instruments: true}}
                    duration: {term: \(term), renewal: {term: \(term)}}
                    """,
                events: ["date: 1900-05-02, type: exchange-of-instruments"]))
        let engine = Lifecycle()
        let renewals = engine.timeline(of: treaty, through: d("2026-12-01")).filter { $0.type == "renewal" }
        #expect(renewals.count == 1_000)
        #expect(renewals.first?.date.description == firstListed)
        #expect(renewals.first?.summary.hasSuffix("renewals before it are not listed: at most 1,000 are)") == true)
        #expect(renewals.dropFirst().allSatisfy { !$0.summary.contains("not listed") })
        #expect(renewals.last?.date.description == "2026-12-02")
        #expect(engine.status(of: treaty, on: d("2026-12-01")).status == .inForce)
        treaty.events.append(Event(id: "n1", date: d("2026-06-15"), kind: .denunciation(party: "RUS", effective: nil)))
        let status = engine.status(of: treaty, on: d("2026-12-01"))
        #expect(status.status == .terminated)
        #expect(status.termination?.description == end)
    }

    /// A delay that runs past the calendar's last day gives that day, and the status says the date may lie later.
    @Test func aDatePastTheCalendarIsShownAsItsLastDayWithACaveat() {
        let treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                adopted: "9990-01-01",
                rules: "entry-into-force: {when: {exchange-of-instruments: true}, delay: {years: 100}}",
                events: ["date: 9990-02-01, type: exchange-of-instruments"]))
        let status = Lifecycle().status(of: treaty, on: d("9999-12-31"))
        #expect(status.entryIntoForce == d("9999-12-31"))
        #expect(
            status.caveats.contains(
                "A computed date falls on or after 9999-12-31, the last day of Pacta's calendar: it is shown as 9999-12-31, and may lie later."
            ))
    }

    /// A bilateral text is signed on its adoption date where the file records that signature; else it says
    /// "adopted", as a multilateral text always does.
    @Test func theAdoptionVerbClaimsASignatureOnlyWhereOneIsRecorded() {
        let signed = Fixtures.treaty(
            TreatyYAML.bilateral(
                adopted: "2000-01-31", rules: "entry-into-force: {when: {exchange-of-instruments: true}}",
                events: ["date: 2000-01-31, type: signature, party: RUS"]))
        #expect(signed.adoptionVerb == "signed")
        var unsigned = signed
        unsigned.events = []
        #expect(unsigned.adoptionVerb == "adopted")
        unsigned.kind = .multilateral
        #expect(unsigned.adoptionVerb == "adopted")
    }

    @Test func fixedTermWithoutRenewalExpires() {
        let treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                rules: "entry-into-force: {when: {exchange-of-instruments: true}}\nduration: {term: {years: 5}}",
                events: ["date: 2000-01-31, type: exchange-of-instruments"]))
        #expect(Lifecycle().status(of: treaty, on: d("2005-01-30")).status == .inForce)
        let ended = Lifecycle().status(of: treaty, on: d("2005-01-31"))
        #expect(ended.status == .terminated)
        #expect(ended.explanation.last == "Expires on 2005-01-31, 5 years after entry into force on 2000-01-31.")
    }

    @Test func noDenunciationClauseFallsBackToVCLTArticle56WithACaveat() {
        var treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                rules: "entry-into-force: {when: {exchange-of-instruments: true}}",
                events: ["date: 2000-01-31, type: exchange-of-instruments"]))
        treaty.events.append(Event(id: "den", date: d("2010-05-05"), kind: .denunciation(party: "RUS", effective: nil)))
        let status = Lifecycle().status(of: treaty, on: d("2010-06-01"))
        #expect(status.termination?.description == "2011-05-05")
        #expect(status.caveats.contains { $0.contains("VCLT art. 56(2)") })
    }

    @Test func denunciationNotAllowedHasNoEffect() {
        var treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                rules:
                    "entry-into-force: {when: {exchange-of-instruments: true}}\ndenunciation: {allowed: false, article: VII}",
                events: ["date: 2000-01-31, type: exchange-of-instruments"]))
        treaty.events.append(Event(id: "den", date: d("2010-05-05"), kind: .denunciation(party: "RUS", effective: nil)))
        let status = Lifecycle().status(of: treaty, on: d("2020-01-01"))
        #expect(status.status == .inForce)
        #expect(status.state("RUS")?.withdrawal?.effective == nil)
        #expect(
            status.state("RUS")?.caveats == [
                "The treaty allows no unilateral denunciation (art. VII): the notice of 2010-05-05 has no effect unless the parties agree (VCLT arts. 54, 56(1))."
            ])
    }

    @Test func revokedSignatureLeavesNoStatus() {
        let treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                rules: "entry-into-force: {when: {exchange-of-instruments: true}}",
                events: [
                    "date: 2000-01-01, type: signature, party: RUS",
                    "date: 2000-01-01, type: signature, party: PRK",
                    "date: 2001-06-01, type: revocation, party: RUS, of: signature",
                ]))
        let status = Lifecycle().status(of: treaty, on: d("2001-06-01"))
        #expect(status.state("RUS")?.status == StateStatus.Value.none)
        #expect(
            status.state("RUS")?.explanation == [
                "Signature revoked on 2001-06-01 (e3): it made clear it does not intend to become a party, which ends the obligations of a signatory (VCLT art. 18(a)); the depositary's table may still list the signature."
            ])
        #expect(status.state("PRK")?.status == .signatory)
    }

    @Test func asKnownOnLeavesOutLaterRecords() {
        var treaty = Fixtures.treaty(Self.exchange)
        treaty.events[4].recorded = d("2000-06-01")
        let known = Lifecycle().status(of: treaty, on: d("2000-05-20"), asKnownOn: d("2000-05-20"))
        #expect(known.status == .notInForce)
        let later = Lifecycle().status(of: treaty, on: d("2000-05-20"), asKnownOn: d("2000-06-01"))
        #expect(later.status == .inForce)
        // A State none of whose acts was known yet: the words name both days.
        var unknown = Fixtures.treaty(Self.exchange)
        for index in unknown.events.indices { unknown.events[index].recorded = d("2000-06-01") }
        let none = Lifecycle().status(of: unknown, on: d("2000-05-20"), asKnownOn: d("2000-05-20"))
        let words = none.states.first?.explanation
        #expect(
            words?.last?.hasSuffix(
                "dated on or before 2000-05-20 was recorded by 2000-05-20 (the status as known on that day).") == true,
            "\(words ?? [])")
    }
}

@Suite struct MultilateralLifecycleTests {
    static func treaty(
        _ rules: String, _ events: [String], negotiating: [String] = ["FRA", "DEU", "ITA"],
        adopted: String = "1945-01-01"
    ) -> Treaty {
        Fixtures.treaty(
            TreatyYAML.multilateral(adopted: adopted, negotiating: negotiating, rules: rules, events: events))
    }

    @Test func thresholdCountsSameDayDepositsTogetherAndLaterStatesFollowArticle24_3() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 3}, delay: {days: 30}}",
            [
                "date: 2001-01-10, type: consent, form: accession, party: FRA",
                "date: 2001-02-01, type: consent, form: accession, party: DEU",
                "date: 2001-02-01, type: consent, form: accession, party: ITA",
                "date: 2001-02-01, type: consent, form: accession, party: ESP",
                "date: 2001-02-20, type: consent, form: accession, party: PRT",
                "date: 2001-05-01, type: consent, form: accession, party: BEL",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2001-06-01"))
        #expect(status.conditionsMet?.description == "2001-02-01")
        #expect(status.entryIntoForce?.description == "2001-03-03")
        #expect(
            status.explanation.contains(
                "Condition met on 2001-02-01: 4 consents in effect, 3 needed; deposited that day: DEU, ITA, ESP, counted together."
            ))
        // No later-consent rule: VCLT art. 24(3), never before the treaty's own date.
        #expect(status.state("PRT")?.entryIntoForce?.description == "2001-03-03")
        #expect(status.state("BEL")?.entryIntoForce?.description == "2001-05-01")
    }

    @Test func aSuccessionBindsFromTheDateItNamesWithoutTheLaterConsentDelay() {
        // Montenegro and the Rome Statute: notified 2006-10-23 with effect from independence, 2006-06-03.
        let rules = """
            entry-into-force: {when: {consents: 2}, delay: {first-day-of-month-after: {days: 60}}}
            later-consent: {after: conditions-met, delay: {first-day-of-month-after: {days: 60}}}
            """
        let treaty = Self.treaty(
            rules,
            [
                "date: 2002-04-11, type: consent, form: accession, party: FRA",
                "date: 2002-04-11, type: consent, form: accession, party: DEU",
                "date: 2002-05-01, type: consent, form: succession, party: SVN, effective-from: 2002-01-01",
                "date: 2006-10-23, type: consent, form: succession, party: MNE, effective-from: 2006-06-03",
                "date: 2006-10-23, type: consent, form: succession, party: SRB",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2007-01-01"))
        #expect(status.state("MNE")?.entryIntoForce?.description == "2006-06-03")
        #expect(
            status.state("MNE")?.explanation.contains(
                "Succession notified on 2006-10-23 with effect from 2006-06-03: bound from that date.") == true)
        // Effective before the treaty's own date: bound from that date.
        #expect(status.state("SVN")?.entryIntoForce?.description == "2002-07-01")
        // No effective-from date: the later-consent rule as for any consent.
        #expect(status.state("SRB")?.entryIntoForce?.description == "2007-01-01")
    }

    @Test func articlesWithTheirOwnEntryIntoForce() {
        // Art. 41 enters into force on the 30th day after the second consent; the treaty after the fourth.
        let rules = """
            entry-into-force: {when: {consents: 4}, delay: {days: 30}}
            partial:
              - {articles: ["41"], when: {consents: 2}, delay: {days: 30}}
              - {articles: ["7", "8"], when: {date: 2003-01-01}}
            """
        let treaty = Self.treaty(
            rules,
            [
                "date: 2001-01-10, type: consent, form: accession, party: FRA",
                "date: 2001-02-01, type: consent, form: accession, party: DEU",
                "date: 2001-06-01, type: consent, form: accession, party: ITA",
                "date: 2001-09-01, type: consent, form: accession, party: ESP",
            ])
        let early = Lifecycle().status(of: treaty, on: d("2001-03-05"))
        #expect(early.status == .notInForce)
        let art41 = early.partialEntryIntoForce[0]
        #expect(art41.articles == ["41"])
        #expect(art41.conditionsMet?.description == "2001-02-01")
        #expect(art41.entryIntoForce?.description == "2001-03-03")
        #expect(art41.inForce)
        #expect(
            art41.explanation == [
                "Art. 41 enters into force on its own: when 2 consents have been deposited, on the 30th day after that date (rules.partial).",
                "Condition met on 2001-02-01: 2 consents in effect, 2 needed; deposited that day: DEU.",
                "Delay: 30 days after 2001-02-01 is 2001-03-03.",
                "In force since 2001-03-03.",
            ])
        // Arts. 7 and 8 follow their own rule: not in force with the rest of the treaty (2001-10-01).
        #expect(early.partialEntryIntoForce[1].inForce == false)
        let later = Lifecycle().status(of: treaty, on: d("2002-01-01"))
        #expect(later.entryIntoForce?.description == "2001-10-01")
        #expect(later.partialEntryIntoForce[1].entryIntoForce == nil)
        #expect(later.partialEntryIntoForce[1].inForce == false)
        #expect(later.partialEntryIntoForce[1].explanation.contains("Their own condition is not met on 2002-01-01."))
        let then = Lifecycle().status(of: treaty, on: d("2003-01-01"))
        #expect(then.partialEntryIntoForce[1].entryIntoForce?.description == "2003-01-01")
        #expect(then.partialEntryIntoForce[1].inForce)
        #expect(Lifecycle().status(of: treaty, on: d("2001-01-31")).partialEntryIntoForce[0].inForce == false)
        // The calendar lists each group's own date.
        let own = Lifecycle().timeline(of: treaty, through: d("2004-01-01")).filter {
            $0.type == "partial-entry-into-force"
        }
        #expect(own.map(\.date.description) == ["2001-03-03", "2003-01-01"])
        #expect(own.first?.summary == "Art. 41 enters into force on its own (rules.partial)")
    }

    @Test func aSecondConsentWhileBoundChangesNothing() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}, delay: {days: 30}}\nlater-consent: {after: conditions-met, delay: {days: 30}}",
            [
                "date: 2000-01-31, type: consent, form: accession, party: DEU",
                "date: 2001-05-01, type: consent, form: accession, party: DEU",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2001-05-15"))
        #expect(status.state("DEU")?.status == .party)
        #expect(status.state("DEU")?.consent?.date.description == "2000-01-31")
        #expect(status.state("DEU")?.entryIntoForce?.description == "2000-03-01")
        #expect(
            status.caveats.contains(
                "DEU consented again on 2001-05-01 (e2) while its consent of 2000-01-31 (e1) was in effect; the later instrument changes nothing."
            ))
    }

    @Test func aRevocationAfterTheStateIsBoundHasNoEffect() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}, delay: {days: 30}}",
            [
                "date: 2000-01-31, type: consent, form: accession, party: FRA",
                "date: 2001-06-01, type: revocation, of: consent, party: FRA",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2002-01-01"))
        #expect(status.state("FRA")?.status == .party)
        #expect(status.state("FRA")?.consent?.date.description == "2000-01-31")
        #expect(
            status.caveats.contains(
                "FRA revoked its consent on 2001-06-01 (e2), but the treaty had been in force for it since 2000-03-01: a State bound by a treaty leaves it only by denunciation or withdrawal (VCLT arts. 54–56). The revocation has no effect."
            ))
        // Before the treaty is in force for it, a revocation takes effect.
        let early = Self.treaty(
            "entry-into-force: {when: {consents: 2}, delay: {days: 30}}",
            [
                "date: 2000-01-31, type: consent, form: accession, party: FRA",
                "date: 2000-02-15, type: revocation, of: consent, party: FRA",
                "date: 2000-03-01, type: consent, form: accession, party: DEU",
            ])
        #expect(Lifecycle().status(of: early, on: d("2002-01-01")).state("FRA")?.consent == nil)
        // Between the date met and entry into force: the date stands, with a caveat.
        let between = Self.treaty(
            "entry-into-force: {when: {consents: 2}, delay: {days: 30}}",
            [
                "date: 2000-01-01, type: consent, form: accession, party: FRA",
                "date: 2000-01-01, type: consent, form: accession, party: DEU",
                "date: 2000-01-15, type: revocation, of: consent, party: FRA",
            ])
        let status2 = Lifecycle().status(of: between, on: d("2000-03-01"))
        #expect(status2.entryIntoForce?.description == "2000-01-31")
        #expect(
            status2.caveats.contains(
                "FRA revoked its consent on 2000-01-15 (e3), after the conditions were met (2000-01-01) and before the entry into force (2000-01-31); the date is kept as the conditions fixed it, but a depositary may hold that the count must still be reached then."
            ))
    }

    @Test func aConsentAfterTheTreatyEndedHasNoEffect() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}\nlater-consent: {after: conditions-met, delay: {days: 30}}",
            [
                "date: 1990-03-01, type: consent, form: accession, party: FRA",
                "date: 2000-05-05, type: termination, cause: agreement of the parties",
                "date: 2001-01-01, type: consent, form: accession, party: ITA",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2002-01-01"))
        #expect(status.status == .terminated)
        #expect(status.state("ITA")?.entryIntoForce == nil)
        #expect(
            status.state("ITA")?.explanation.contains(
                "The treaty ended on 2000-05-05, before it could enter into force for ITA: the consent has no effect.")
                == true)
        #expect(
            !Lifecycle().timeline(of: treaty, through: d("2003-01-01")).contains {
                $0.type == "entry-into-force-for-state"
            })
    }

    @Test func aConsentBeforeTheWithdrawalTakesEffectKeepsTheStateIn() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}\ndenunciation: {notice: {years: 1}}",
            [
                "date: 2000-01-01, type: consent, form: accession, party: FRA",
                "date: 2002-01-01, type: denunciation, party: FRA",
                "date: 2002-06-01, type: consent, form: accession, party: FRA",
            ])
        let engine = Lifecycle()
        let status = engine.status(of: treaty, on: d("2003-02-01"))
        #expect(status.state("FRA")?.status == .party)
        #expect(
            status.state("FRA")?.explanation.contains(
                "FRA notified denunciation on 2002-01-01 (e2) but consented again on 2002-06-01, before the withdrawal was to take effect (2003-01-01): the notice no longer operates."
            ) == true)
        #expect(
            !engine.timeline(of: treaty, through: d("2004-01-01")).contains { $0.type == "withdrawal-effective" })
    }

    @Test func aStateThatBreaksUpKeepsItsOwnRecordAndNamesItsSuccessors() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}",
            [
                "date: 1970-01-01, type: consent, form: accession, party: YUG",
                "date: 1991-10-08, type: state-succession, predecessor: YUG, successor: HRV, mode: separation",
                "date: 1992-03-06, type: state-succession, predecessor: YUG, successor: BIH, mode: succession",
                "date: 1992-04-27, type: state-succession, predecessor: YUG, successor: SRB, mode: succession",
            ])
        let status = Lifecycle().status(of: treaty, on: d("1993-01-01"))
        let yugoslavia = status.state("YUG")
        #expect(yugoslavia?.status == .ceased)
        #expect(yugoslavia?.entryIntoForce?.description == "1970-01-01")
        #expect(yugoslavia?.ceased?.description == "1992-03-06")
        #expect(
            yugoslavia?.explanation == [
                "Consent to be bound: accession on 1970-01-01 (e1).",
                "Accession of 1970-01-01, the day the treaty entered into force: bound from that day.",
                "Ceased on 1992-03-06: succeeded by BIH (e3).",
                "Other successor and separated States: HRV on 1991-10-08 (e2), SRB on 1992-04-27 (e4).",
            ])
        // A successor with no act yet says what it is.
        #expect(
            status.state("HRV")?.explanation == [
                "Separated from YUG on 1991-10-08 (e2): it takes part by its own notification of succession."
            ])
        #expect(status.state("HRV")?.status == StateStatus.Value.none)
    }

    @Test func aShareExactlyAtTheThresholdMeetsIt() {
        // 18.77 + 24.58 + 1.15 + 10.5 = 55.00 of 100, which binary floating point sums to 54.99999...
        let weighted = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: [],
                rules: "entry-into-force: {when: {share: {weight: w, at-least: 0.55}}}",
                events: [
                    "date: 2001-01-10, type: consent, form: accession, party: AGO",
                    "date: 2001-01-11, type: consent, form: accession, party: BEL",
                    "date: 2001-01-12, type: consent, form: accession, party: CMR",
                    "date: 2001-01-13, type: consent, form: accession, party: DNK",
                ], extra: "weights: {w: {values: {AGO: 18.77, BEL: 24.58, CMR: 1.15, DNK: 10.5, EST: 45.0}}}"))
        let status = Lifecycle().status(of: weighted, on: d("2001-02-01"))
        #expect(status.entryIntoForce?.description == "2001-01-13")
        #expect(
            status.explanation.contains(
                "Condition met on 2001-01-13: consenting parties hold 55.0% of w (at least 55.0% needed)."))
        #expect(status.explanation.first?.hasSuffix("when the consenting parties hold at least 55.0% of w.") == true)
    }

    @Test func aTreatyThatHasEndedIsNoLongerInForceForAnotherTreatysCondition() {
        let base = Fixtures.treaty(
            TreatyYAML.multilateral(
                id: "base", adopted: "1989-01-01", negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
                events: [
                    "date: 1990-03-01, type: consent, form: accession, party: FRA",
                    "date: 2000-05-05, type: termination, cause: replaced",
                ]))
        let protocolYAML = TreatyYAML.multilateral(
            id: "protocol", adopted: "1989-01-01", negotiating: [],
            rules: "entry-into-force: {when: {all: [{treaty-in-force: base}, {consents: 2}]}}",
            events: [
                "date: 1999-01-10, type: consent, form: accession, party: DEU",
                "date: 2001-01-10, type: consent, form: accession, party: ITA",
            ])
        let engine = Lifecycle(corpus: Corpus(treaties: [base, Fixtures.treaty(protocolYAML)]))
        let status = engine.status(of: try! #require(engine.corpus["protocol"]), on: d("2002-01-01"))
        #expect(status.status == .notInForce)
        #expect(
            status.explanation.last?.contains("base is no longer in force (it ended on 2000-05-05)") == true,
            "\(status.explanation)")
    }

    @Test func partialArticlesCanWaitForAnotherTreaty() throws {
        let base = Fixtures.treaty(
            TreatyYAML.multilateral(
                id: "base", adopted: "1989-01-01", negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
                events: ["date: 1995-03-01, type: consent, form: accession, party: FRA"]))
        let protocolYAML = TreatyYAML.multilateral(
            id: "protocol", adopted: "1989-01-01", negotiating: [],
            rules:
                "entry-into-force: {when: {consents: 1}}\npartial:\n  - {articles: [\"9\"], when: {treaty-in-force: base}}",
            events: [
                "date: 1990-01-10, type: consent, form: accession, party: DEU",
                "date: 2001-01-10, type: consent, form: accession, party: ITA",
            ])
        let engine = Lifecycle(corpus: Corpus(treaties: [base, Fixtures.treaty(protocolYAML)]))
        let status = engine.status(of: try #require(engine.corpus["protocol"]), on: d("2002-01-01"))
        // On the day the other treaty entered into force, not on this treaty's next event.
        #expect(status.partialEntryIntoForce.first?.entryIntoForce?.description == "1995-03-01")
    }

    @Test func laterConsentAfterConditionsMetCanFallAfterTheTreatysDate() {
        let rules = """
            entry-into-force: {when: {consents: 2}, delay: {first-day-of-month-after: {days: 60}}}
            later-consent: {after: conditions-met, delay: {first-day-of-month-after: {days: 60}}}
            """
        let treaty = Self.treaty(
            rules,
            [
                "date: 2002-04-11, type: consent, form: acceptance, party: FRA",
                "date: 2002-04-11, type: consent, form: acceptance, party: DEU",
                "date: 2002-07-01, type: consent, form: acceptance, party: ITA",
                "date: 2002-05-01, type: consent, form: acceptance, party: ESP",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2003-01-01"))
        #expect(status.entryIntoForce?.description == "2002-07-01")
        // Deposited on the treaty's own date: the later-state rule (Rome Statute, Australia).
        #expect(status.state("ITA")?.entryIntoForce?.description == "2002-09-01")
        // Deposited after the conditions were met but before the treaty's date: its own later date.
        #expect(status.state("ESP")?.entryIntoForce?.description == "2002-07-01")
    }

    @Test func laterConsentAfterEntryIntoForceGivesEarlierDepositorsTheTreatysDate() {
        let rules = """
            entry-into-force: {when: {consents: 2}, delay: {days: 90}}
            later-consent: {after: entry-into-force, delay: {days: 30}}
            """
        let treaty = Self.treaty(
            rules,
            [
                "date: 2010-01-01, type: consent, form: accession, party: FRA",
                "date: 2010-01-01, type: consent, form: accession, party: DEU",
                "date: 2010-03-01, type: consent, form: accession, party: ITA",
                "date: 2010-04-01, type: consent, form: accession, party: ESP",
                "date: 2010-06-01, type: consent, form: accession, party: BEL",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2011-01-01"))
        #expect(status.entryIntoForce?.description == "2010-04-01")
        #expect(status.state("ITA")?.entryIntoForce?.description == "2010-04-01")
        #expect(status.state("ESP")?.entryIntoForce?.description == "2010-04-01")
        #expect(status.state("BEL")?.entryIntoForce?.description == "2010-07-01")
        #expect(
            status.state("ITA")?.explanation.contains(
                "Accession of 2010-03-01, after the conditions were met (2010-01-01) but not after the treaty's entry into force: bound from 2010-04-01 (the later-consent rule governs consents after entry into force)."
            ) == true)
        #expect(
            status.state("FRA")?.explanation.contains(
                "Accession of 2010-01-01 counts with those that brought the treaty into force: bound from 2010-04-01.")
                == true)
    }

    @Test func namedStatesAndAMajorityOfSignatories() {
        let events =
            ["FRA", "DEU", "ITA", "ESP", "PRT"].map { "date: 1949-04-04, type: signature, party: \($0)" } + [
                "date: 1949-05-01, type: consent, form: ratification, party: FRA",
                "date: 1949-06-01, type: consent, form: ratification, party: ESP",
                "date: 1949-07-01, type: consent, form: ratification, party: PRT",
                "date: 1949-08-01, type: consent, form: ratification, party: DEU",
            ]
        let treaty = Self.treaty(
            "entry-into-force: {when: {all: [{all-of: [FRA, DEU]}, {majority-of: signatories}]}}", events,
            negotiating: ["FRA", "DEU", "ITA", "ESP", "PRT"])
        let status = Lifecycle().status(of: treaty, on: d("1949-12-31"))
        #expect(status.entryIntoForce?.description == "1949-08-01")
        #expect(status.state("ITA")?.status == .signatory)
        #expect(status.state("PRT")?.status == .party)
    }

    @Test func aRevokedConsentUndoesTheThreshold() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 3}}",
            [
                "date: 2001-01-01, type: consent, form: accession, party: FRA",
                "date: 2001-02-01, type: consent, form: accession, party: DEU",
                "date: 2001-02-15, type: revocation, party: DEU, of: consent",
                "date: 2001-03-01, type: consent, form: accession, party: ITA",
                "date: 2001-04-01, type: consent, form: accession, party: ESP",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2001-12-31"))
        #expect(status.entryIntoForce?.description == "2001-04-01")
        #expect(status.state("DEU")?.status == StateStatus.Value.none)
    }

    @Test func theDepositarysNumberCountsInstrumentsAPartialRecordLacks() {
        // Five instruments needed; the file records three, and the depositary numbered ITA's the 5th.
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules:
                    "entry-into-force: {when: {consents: 5}, delay: {days: 30}}\nlater-consent: {after: conditions-met, delay: {days: 30}}",
                events: [
                    "date: 2001-01-10, type: consent, form: accession, party: FRA",
                    "date: 2001-03-01, type: consent, form: accession, party: DEU",
                    "date: 2001-03-01, type: consent, form: accession, party: ITA, instrument-number: 5",
                    "date: 2001-03-02, type: consent, form: accession, party: ESP",
                    "date: 2001-06-01, type: consent, form: accession, party: PRT",
                ], extra: "record: partial"))
        let before = Lifecycle().status(of: treaty, on: d("2001-02-28"))
        #expect(before.explanation.contains("Not in force on 2001-02-28: 1 of 5 consents needed."))
        let status = Lifecycle().status(of: treaty, on: d("2001-12-31"))
        #expect(status.conditionsMet?.description == "2001-03-01")
        #expect(status.entryIntoForce?.description == "2001-03-31")
        #expect(
            status.explanation.contains(
                "Condition met on 2001-03-01: 5 instruments by the depositary's count (ITA's instrument of 2001-03-01, e3, was the 5th; 3 of them are consents in effect in this file), 5 needed; deposited that day: DEU, ITA, counted together."
            ))
        #expect(
            status.caveats.contains(
                "By the depositary's count, ITA's instrument of 2001-03-01 (e3) was the 5th, 2 more than the consents in effect in this file that day (instruments this file lacks); the count for entry into force follows the depositary's from that date."
            ))
        // Later consents fall under art. 308(2)-style later-consent rules as usual.
        #expect(status.state("ESP")?.entryIntoForce?.description == "2001-04-01")
        #expect(status.state("PRT")?.entryIntoForce?.description == "2001-07-01")
    }

    @Test func aCompleteRecordCountsItsOwnConsentsWhateverTheNumbers() {
        // The depositary went on counting the instrument of a State that ceased (YUG), and numbered ESP's the
        // 3rd. A complete record counts its own consents in effect (2 of 3), and says the depositary differs.
        let events = [
            "date: 2001-01-01, type: consent, form: accession, party: YUG",
            "date: 2001-02-01, type: consent, form: accession, party: FRA",
            "date: 2001-03-01, type: state-succession, predecessor: YUG, successor: HRV, mode: succession",
            "date: 2001-04-01, type: consent, form: accession, party: ESP, instrument-number: 3",
        ]
        let complete = Self.treaty("entry-into-force: {when: {consents: 3}}", events)
        let status = Lifecycle().status(of: complete, on: d("2001-12-31"))
        #expect(status.entryIntoForce == nil)
        #expect(
            status.caveats.contains(
                "By the depositary's count, ESP's instrument of 2001-04-01 (e4) was the 3rd, 1 more than the consents in effect in this file that day (instruments this file lacks, or those of States that have since ceased: YUG); this complete record counts its own consents in effect, and a depositary may count otherwise."
            ))
        // Marked partial, the count follows the depositary.
        let partial = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules: "entry-into-force: {when: {consents: 3}}", events: events, extra: "record: partial"))
        #expect(Lifecycle().status(of: partial, on: d("2001-12-31")).entryIntoForce?.description == "2001-04-01")
        // A revoked consent is not counted by the depositary either: no difference, even in a partial record.
        let revoked = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules: "entry-into-force: {when: {consents: 4}}",
                events: [
                    "date: 2001-01-01, type: consent, form: accession, party: FRA",
                    "date: 2001-02-01, type: consent, form: accession, party: ITA",
                    "date: 2001-03-01, type: consent, form: accession, party: DEU, instrument-number: 3",
                    "date: 2001-04-01, type: revocation, party: ITA, of: consent",
                    "date: 2001-05-01, type: consent, form: accession, party: ESP, instrument-number: 4",
                ], extra: "record: partial"))
        let notYet = Lifecycle().status(of: revoked, on: d("2001-12-31"))
        #expect(notYet.entryIntoForce == nil)
        #expect(notYet.explanation.contains("Not in force on 2001-12-31: 3 of 4 consents needed."))
    }

    @Test func statesOnlyCountsTakeTheNumberAgainstStatesAlone() {
        // The EU's formal confirmation is not counted (annex IX-style); FRA's instrument was the 2nd of States.
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: ["FRA"],
                rules: "entry-into-force: {when: {consents: 2, states-only: true}}",
                events: [
                    "date: 2001-01-01, type: consent, form: formal-confirmation, party: org:eu",
                    "date: 2001-02-01, type: consent, form: accession, party: FRA, instrument-number: 2",
                ], extra: "record: partial"), organisations: ["org:eu"])
        let status = Lifecycle().status(of: treaty, on: d("2001-12-31"))
        #expect(status.entryIntoForce?.description == "2001-02-01")
        #expect(
            status.explanation.contains(
                "Condition met on 2001-02-01: 2 instruments by the depositary's count (FRA's instrument of 2001-02-01, e2, was the 2nd; 1 of them is a consent in effect in this file), 2 needed; deposited that day: FRA."
            ))
    }

    @Test func theDepositarysNumberIsSetAgainstTheWholeDayAndKeptForLaterDeposits() {
        // The numbered instrument is listed first of its day: the day's other deposit is not counted twice,
        // and a deposit after the numbered day adds to the count.
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules: "entry-into-force: {when: {consents: 6}}",
                events: [
                    "date: 2001-03-01, type: consent, form: accession, party: ITA, instrument-number: 4",
                    "date: 2001-03-01, type: consent, form: accession, party: DEU",
                    "date: 2001-05-01, type: consent, form: accession, party: ESP",
                    "date: 2001-07-01, type: consent, form: accession, party: PRT",
                ], extra: "record: partial"))
        let status = Lifecycle().status(of: treaty, on: d("2001-12-31"))
        // 4 by the count on 2001-03-01 (2 recorded, 2 not); ESP makes 5, PRT 6.
        #expect(status.entryIntoForce?.description == "2001-07-01")
        #expect(
            Lifecycle().status(of: treaty, on: d("2001-06-30")).explanation.contains(
                "Not in force on 2001-06-30: 5 of 6 instruments needed by the depositary's count (ITA's instrument of 2001-03-01, e1, was the 4th; 3 of them are consents in effect in this file)."
            ))
        // A count of a named set of States does not take the depositary's numbering.
        let states = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1945-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules: "entry-into-force: {when: {consents: 3, from: [ITA, ESP, FRA]}}",
                events: [
                    "date: 2001-03-01, type: consent, form: accession, party: ITA, instrument-number: 4",
                    "date: 2001-05-01, type: consent, form: accession, party: ESP",
                ], extra: "record: partial"))
        #expect(Lifecycle().status(of: states, on: d("2001-12-31")).entryIntoForce == nil)
    }

    @Test func aFormerCodeStillTakingPartIsFlagged() {
        // The GDR's accession with no record of German unification: still a party in 2013, which ISO's withdrawal
        // of the code (1990) shows to be a gap in the record.
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}",
            ["date: 1973-11-08, type: consent, form: accession, party: DDR"])
        let status = Lifecycle().status(of: treaty, on: d("2013-01-01"))
        #expect(status.state("DDR")?.status == .party)
        #expect(
            status.caveats.contains(
                "DDR is shown as party on 2013-01-01, but ISO 3166 withdrew the code in 1990: where that State ceased or took another name, record the state-succession (continuation, succession or separation)."
            ))
        // Before the withdrawal, nothing to say.
        #expect(!Lifecycle().status(of: treaty, on: d("1989-01-01")).caveats.contains { $0.hasPrefix("DDR is shown") })
    }

    @Test func aSeparationLeavesThePredecessorInBeing() {
        // South Sudan separated from Sudan, which continues: Sudan stays a party; South Sudan by its own notice.
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 2}}\nlater-consent: {after: conditions-met, delay: {days: 30}}",
            [
                "date: 2001-01-01, type: consent, form: accession, party: SDN",
                "date: 2001-02-01, type: consent, form: accession, party: FRA",
                "date: 2011-07-09, type: state-succession, predecessor: SDN, successor: SSD, mode: separation",
                "date: 2012-01-10, type: consent, form: succession, party: SSD",
            ])
        let status = Lifecycle().status(of: treaty, on: d("2013-01-01"))
        #expect(status.state("SDN")?.status == .party)
        #expect(
            status.state("SDN")?.explanation.contains(
                "New States separated from it, which continues: SSD on 2011-07-09 (e3).") == true)
        #expect(status.state("SSD")?.status == .party)
        // Its notification takes effect from the separation (the treaty being in force then).
        #expect(status.state("SSD")?.entryIntoForce?.description == "2011-07-09")
        #expect(status.states.filter { $0.status == .party }.count == 3)
    }

    @Test func aSucceededStateStopsCountingAndAContinuatorCarriesItsConsent() {
        // The count of consents in effect, as the threshold sees it, across successions.
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 3}}",
            [
                "date: 1989-01-10, type: consent, form: accession, party: FRA",
                "date: 1989-02-10, type: consent, form: accession, party: DDR",
                "date: 1990-10-03, type: state-succession, predecessor: DDR, successor: DEU, mode: succession",
                "date: 1991-01-10, type: consent, form: accession, party: SUN",
                "date: 1991-12-25, type: state-succession, predecessor: SUN, successor: RUS, mode: continuation",
                "date: 1992-03-01, type: consent, form: accession, party: ITA",
            ])
        let status = Lifecycle().status(of: treaty, on: d("1993-01-01"))
        // FRA, DDR (until 1990-10-03), SUN then RUS: never three at once until Italy.
        #expect(status.entryIntoForce?.description == "1992-03-01")
        #expect(status.state("RUS")?.status == .party)
        #expect(status.state("SUN")?.status == .ceased)
        #expect(status.state("DDR")?.status == .ceased)
    }

    @Test func organisationsAreNotCountedWhereOnlyStatesCount() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2, states-only: true}}",
            events: [
                "date: 2001-01-01, type: consent, form: acceptance, party: FRA",
                "date: 2001-02-01, type: consent, form: formal-confirmation, party: \"org:eu\"",
                "date: 2001-03-01, type: consent, form: acceptance, party: DEU",
            ])
        let treaty = Fixtures.treaty(yaml, organisations: ["org:eu"])
        #expect(Lifecycle().status(of: treaty, on: d("2001-12-31")).entryIntoForce?.description == "2001-03-01")
    }

    @Test func denunciationBeforeTheEarliestDateIsInvalid() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}\ndenunciation: {article: \"13\", notice: {years: 1}, earliest: {years: 20, from: treaty-entry-into-force}}",
            [
                "date: 1949-08-24, type: consent, form: accession, party: FRA",
                "date: 1960-01-01, type: denunciation, party: FRA",
            ])
        let status = Lifecycle().status(of: treaty, on: d("1965-01-01"))
        #expect(status.state("FRA")?.status == .party)
        #expect(status.state("FRA")?.withdrawal?.effective == nil)
        #expect(
            status.caveats == [
                "The notice of 1960-01-01 is invalid: denunciation is open only from 1969-08-24, 20 years after 1949-08-24 (treaty-entry-into-force) (art. 13)."
            ])
    }

    @Test func aWithdrawalHeldBackDuringArmedConflictSaysSo() {
        // As the Ottawa Convention's art. 20(3): the effect waits while the State is engaged in an armed conflict.
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}\ndenunciation: {article: \"20\", notice: {months: 6}, suspended-during: armed-conflict}",
            [
                "date: 2005-12-01, type: consent, form: accession, party: UKR",
                "date: 2025-06-29, type: denunciation, party: UKR",
            ], negotiating: ["UKR"])
        let status = Lifecycle().status(of: treaty, on: d("2026-01-01"))
        #expect(status.state("UKR")?.withdrawal?.effective?.description == "2025-12-29")
        #expect(
            status.caveats.contains(
                "The denunciation clause (art. 20) holds back the effect of UKR's withdrawal while UKR is engaged in an armed conflict when it would take effect (2025-12-29); Pacta records no such situations, so that date assumes there is none."
            ))
    }

    @Test func withdrawalTakesEffectAfterNoticeAndAStateCanConsentAgain() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}\ndenunciation: {notice: {years: 1}}",
            [
                "date: 2002-07-01, type: consent, form: accession, party: FRA, note: first",
                "date: 2025-06-02, type: denunciation, party: FRA",
                "date: 2027-01-15, type: consent, form: accession, party: FRA",
            ])
        let engine = Lifecycle()
        let notified = engine.status(of: treaty, on: d("2026-06-01"))
        #expect(notified.state("FRA")?.status == .party)
        #expect(notified.state("FRA")?.withdrawal?.effective?.description == "2026-06-02")
        #expect(engine.status(of: treaty, on: d("2026-06-02")).state("FRA")?.status == .withdrawn)
        let back = engine.status(of: treaty, on: d("2027-01-15"))
        #expect(back.state("FRA")?.status == .party)
        #expect(back.state("FRA")?.entryIntoForce?.description == "2027-01-15")
        #expect(back.state("FRA")?.withdrawal == nil)
        // The calendar keeps the first withdrawal's date after the State came back.
        let withdrawals = engine.timeline(of: treaty, through: d("2030-01-01")).filter {
            $0.type == "withdrawal-effective"
        }
        #expect(withdrawals.map(\.date.description) == ["2026-06-02"])
    }

    @Test func aNotificationNamingALaterDateGoverns() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}}\ndenunciation: {notice: {months: 6}}",
            [
                "date: 2000-01-01, type: consent, form: accession, party: FRA",
                "date: 2010-01-01, type: denunciation, party: FRA, effective: 2011-01-01",
            ])
        #expect(
            Lifecycle().status(of: treaty, on: d("2010-02-01")).state("FRA")?.withdrawal?.effective?.description
                == "2011-01-01")
    }

    @Test func floorFromAdoption() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 1}, not-before: {years: 2, from: adopted}}",
            ["date: 2000-06-01, type: consent, form: accession, party: FRA"], adopted: "2000-01-01")
        let status = Lifecycle().status(of: treaty, on: d("2000-06-01"))
        #expect(status.entryIntoForce?.description == "2002-01-01")
        #expect(status.explanation.contains("Not before 2002-01-01: moved from 2000-06-01 to 2002-01-01."))
    }

    @Test func successionByContinuationPassesThePredecessorsStatus() {
        let treaty = Self.treaty(
            "entry-into-force: {when: {consents: 2}}",
            [
                "date: 1970-01-01, type: consent, form: accession, party: SUN",
                "date: 1970-01-01, type: consent, form: accession, party: FRA",
                "date: 1991-12-25, type: state-succession, predecessor: SUN, successor: RUS, mode: continuation",
            ], negotiating: ["SUN", "FRA"])
        let before = Lifecycle().status(of: treaty, on: d("1991-12-24"))
        #expect(before.state("SUN")?.status == .party)
        #expect(before.state("RUS") == nil)
        let after = Lifecycle().status(of: treaty, on: d("1992-01-01"))
        #expect(after.state("SUN")?.status == .ceased)
        #expect(after.state("RUS")?.status == .party)
        #expect(after.state("RUS")?.entryIntoForce?.description == "1970-01-01")
        #expect(after.state("RUS")?.continues?.predecessor == "SUN")
    }

    @Test func correctionReplacesTheRecordedDate() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: [
                "date: 2001-01-10, type: consent, form: accession, party: FRA",
                "date: 2001-03-01, type: correction, corrects: e1, replace: {date: 2001-01-20}",
            ])
        let treaty = Fixtures.treaty(yaml)
        #expect(Lifecycle().status(of: treaty, on: d("2001-12-31")).entryIntoForce?.description == "2001-01-20")
        #expect(
            Lifecycle().status(of: treaty, on: d("2001-12-31"), asKnownOn: d("2001-02-01")).entryIntoForce?.description
                == "2001-01-10")
    }
}
