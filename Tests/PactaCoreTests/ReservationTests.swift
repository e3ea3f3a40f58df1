import PactaCore
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// VCLT arts. 19–23 and 25, 57–58, and dissolution, on small treaties.
@Suite struct ReservationTests {
    static let treaty = Fixtures.treaty(
        TreatyYAML.multilateral(
            adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA", "ESP", "PRT"],
            rules: "entry-into-force: {when: {consents: 2}}",
            events: [
                "date: 2000-01-01, type: consent, form: acceptance, party: PRT",
                "date: 2000-06-01, type: consent, form: acceptance, party: DEU",
                "date: 2000-07-01, type: consent, form: acceptance, party: ESP",
                "date: 2001-01-10, type: consent, form: acceptance, party: FRA",
                "date: 2001-01-10, type: reservation, party: FRA, articles: [\"12\"], summary: excludes art. 12",
                "date: 2001-06-01, type: objection, party: ESP, to: e5, precludes-entry-into-force: true",
                "date: 2002-03-01, type: objection, party: PRT, to: e5",
                "date: 2003-05-05, type: consent, form: acceptance, party: ITA",
                "date: 2004-01-01, type: withdrawal-of-reservation, party: ESP, to: e6",
            ]))

    func responses(on date: String) throws -> [String: ReservationStatus.Response] {
        let status = Lifecycle().status(of: Self.treaty, on: d(date))
        let reservation = try #require(status.reservations.first)
        #expect(reservation.windowEnds.description == "2002-01-10")
        return Dictionary(uniqueKeysWithValues: reservation.responses.map { ($0.state.rawValue, $0) })
    }

    @Test func acceptanceAfterTwelveMonthsOrOnTheStatesOwnConsent() throws {
        let early = try responses(on: "2001-12-31")
        #expect(early["DEU"]?.value == .pending)
        #expect(early["DEU"]?.acceptedOn?.description == "2002-01-10")
        #expect(
            early["DEU"]?.explanation
                == "DEU may object until 2002-01-10 (twelve months after notification on 2001-01-10); absent an objection it counts as accepted then (VCLT art. 20(5))."
        )
        let later = try responses(on: "2003-06-01")
        #expect(later["DEU"]?.value == .accepted)
        #expect(later["ITA"]?.acceptedOn?.description == "2003-05-05")
        #expect(
            later["ITA"]?.explanation
                == "ITA raised no objection: accepted on 2003-05-05 (its own consent on 2003-05-05, after the twelve months ended on 2002-01-10; VCLT art. 20(5))."
        )
    }

    @Test func aTimelyPrecludingObjectionAndALateOne() throws {
        let status = Lifecycle().status(of: Self.treaty, on: d("2003-06-01"))
        let responses = Dictionary(
            uniqueKeysWithValues: status.reservations[0].responses.map { ($0.state.rawValue, $0) })
        #expect(responses["ESP"]?.value == .objectedPrecluding)
        #expect(responses["ESP"]?.acceptedOn == nil)
        #expect(status.state("ESP")?.notInForceWith == ["FRA"])
        #expect(status.state("FRA")?.notInForceWith == ["ESP"])
        #expect(responses["PRT"]?.value == .accepted)
        #expect(
            status.caveats.contains(
                "PRT objected on 2002-03-01 (e7), after 2002-01-10: too late to prevent acceptance under art. 20(5); recorded as a communication."
            ))
    }

    @Test func aWithdrawnObjectionLetsTheReservationOperate() throws {
        let status = Lifecycle().status(of: Self.treaty, on: d("2004-01-01"))
        let esp = try #require(status.reservations[0].responses.first { $0.state == "ESP" })
        #expect(esp.value == .accepted)
        #expect(esp.acceptedOn?.description == "2004-01-01")
        #expect(status.state("ESP")?.notInForceWith == [])
    }

    @Test func aStateThatConsentsAfterAReservationIsWithdrawnDoesNotAnswerIt() throws {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: [], rules: "entry-into-force: {when: {consents: 2}}",
                events: [
                    "date: 2000-01-01, type: consent, form: accession, party: FRA",
                    "date: 2000-01-01, type: reservation, party: FRA, articles: [\"3\"]",
                    "date: 2000-02-01, type: consent, form: accession, party: DEU",
                    "date: 2002-01-01, type: withdrawal-of-reservation, party: FRA, to: e2",
                    "date: 2003-01-01, type: consent, form: accession, party: POL",
                ]))
        let reservation = try #require(Lifecycle().status(of: treaty, on: d("2004-01-01")).reservations.first)
        #expect(reservation.withdrawn?.description == "2002-01-01")
        #expect(reservation.responses.map(\.state) == ["DEU"])
    }

    @Test func aReservationMadeAfterConsentingIsFlagged() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
                events: [
                    "date: 2000-01-01, type: consent, form: accession, party: FRA",
                    "date: 2000-01-01, type: reservation, party: FRA, articles: [\"3\"]",
                    "date: 2004-01-01, type: reservation, party: FRA, articles: [\"4\"]",
                ]))
        let caveats = Lifecycle().status(of: treaty, on: d("2005-01-01")).caveats
        #expect(
            caveats.filter { $0.contains("after its consent") } == [
                "FRA made reservation e3 on 2004-01-01, after its consent of 2000-01-01: a reservation is made on signing or consenting (VCLT art. 19); a late one stands only if no contracting State objects to it."
            ])
    }

    /// A reservation made on signing a treaty subject to ratification holds only if confirmed on ratifying (VCLT
    /// art. 23(2)); the record has no confirmation to read, so the status says so. One made with an accession (no
    /// signature to confirm) is not flagged.
    @Test func aReservationMadeOnSigningMustBeConfirmed() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "2026-01-01", negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
                events: [
                    "date: 2026-01-15, type: signature, party: ITA",
                    "date: 2026-01-15, type: reservation, party: ITA, articles: [\"3\"]",
                    "date: 2026-03-01, type: consent, form: ratification, party: ITA",
                    "date: 2026-04-01, type: consent, form: accession, party: FRA",
                    "date: 2026-04-01, type: reservation, party: FRA, articles: [\"4\"]",
                ]))
        let caveats = Lifecycle().status(of: treaty, on: d("2026-12-01")).caveats
        #expect(
            caveats.filter { $0.contains("art. 23(2)") } == [
                "ITA made reservation e2 on 2026-01-15, before its ratification of 2026-03-01: a reservation formulated on signing must be formally confirmed when the State consents, and is then considered made on that day (VCLT art. 23(2)); the record does not say whether it was confirmed, and its twelve months for objections (art. 20(5)) are counted here from 2026-01-15."
            ])
    }

    @Test func theCompactFormGivesTheSameResponses() throws {
        let status = Lifecycle().status(of: Self.treaty, on: d("2003-06-01"))
        var reservation = try #require(status.reservations.first)
        let built = reservation.responses
        #expect(built.count == 4)
        #expect(reservation.responseCount == 4)
        #expect(reservation.acceptanceDates == built.map(\.acceptedOn))
        #expect((0..<4).map { reservation.response(at: $0) } == built)
        // Set explicitly (as `status --party` filters them), the responses are what was set.
        reservation.responses = built.filter { $0.state == "ITA" }
        #expect(reservation.responseCount == 1)
        #expect(reservation.acceptanceDates.map { $0?.description } == ["2003-05-05"])
    }

    @Test func aReservationWithdrawnTwiceKeepsTheFirstDate() throws {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: [],
                rules: "entry-into-force: {when: {consents: 2}, delay: {days: 1}}",
                events: [
                    "date: 2000-01-01, type: consent, form: accession, party: FRA",
                    "date: 2000-01-01, type: reservation, party: FRA, articles: [\"3\"]",
                    "date: 2000-02-01, type: consent, form: accession, party: DEU",
                    "date: 2000-04-15, type: withdrawal-of-reservation, party: FRA, to: e2",
                    "date: 2000-05-15, type: withdrawal-of-reservation, party: FRA, to: e2",
                ]))
        let status = Lifecycle().status(of: treaty, on: d("2002-01-01"))
        let reservation = try #require(status.reservations.first)
        #expect(reservation.withdrawn?.description == "2000-04-15")
        // Withdrawn before DEU's acceptance date (2001-01-01): nothing left for DEU to accept.
        #expect(reservation.responses.isEmpty)
        #expect(
            status.caveats.contains(
                "FRA withdrew e2 again on 2000-05-15 (e5); it was withdrawn on 2000-04-15 (e4), which stands."))
        #expect(
            status.explanation.first
                == "The treaty's final clause: enters into force when 2 consents have been deposited, on the 1st day after that date."
        )
    }

    @Test func actsOfOneDayTakeEffectInTheirLegalOrderWhateverTheFileOrder() throws {
        // Listed objection first, reservation after, consent last: the engine reads consent, reservation, objection.
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: [], rules: "entry-into-force: {when: {consents: 2}}",
                events: [
                    "date: 2000-01-01, type: objection, party: DEU, to: e2, precludes-entry-into-force: true",
                    "date: 2000-01-01, type: reservation, party: FRA, articles: [\"3\"]",
                    "date: 2000-01-01, type: consent, form: accession, party: DEU",
                    "date: 2000-01-01, type: consent, form: accession, party: FRA",
                ]))
        let status = Lifecycle().status(of: treaty, on: d("2000-06-01"))
        #expect(status.caveats.filter { !$0.hasPrefix("The record") }.isEmpty)
        let reservation = try #require(status.reservations.first)
        #expect(reservation.responses.map(\.value) == [.objectedPrecluding])
        #expect(status.state("FRA")?.notInForceWith == ["DEU"])
    }

    @Test func reservationsLapseWithTheStatesWithdrawal() throws {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: [],
                rules: "entry-into-force: {when: {consents: 2}}\ndenunciation: {notice: {years: 1}}",
                events: [
                    "date: 2000-01-01, type: consent, form: accession, party: FRA",
                    "date: 2000-01-01, type: consent, form: accession, party: ITA",
                    "date: 2000-01-01, type: reservation, party: ITA, articles: [\"3\"]",
                    "date: 2000-03-01, type: objection, party: FRA, to: e3, precludes-entry-into-force: true",
                    "date: 2002-01-01, type: denunciation, party: ITA",
                    "date: 2004-01-01, type: consent, form: accession, party: ITA",
                ]))
        let before = Lifecycle().status(of: treaty, on: d("2002-06-01"))
        #expect(before.reservations.first?.withdrawn == nil)
        #expect(before.state("FRA")?.notInForceWith == ["ITA"])
        // The withdrawal took effect on 2003-01-01: the reservation lapsed with it, and with it the objection's
        // effect; Italy's new accession carries no reservation.
        let after = Lifecycle().status(of: treaty, on: d("2005-01-01"))
        #expect(after.reservations.first?.withdrawn?.description == "2003-01-01")
        #expect(after.state("FRA")?.notInForceWith == [])
        #expect(after.state("ITA")?.status == .party)
    }

    @Test func theWindowEndIsOnTheCalendar() {
        let corpus = Corpus(treaties: [Self.treaty])
        let dates = Lifecycle(corpus: corpus).upcoming(from: d("2001-02-01"), through: d("2002-12-31"))
        #expect(dates.map { "\($0.entry.date) \($0.entry.type)" } == ["2002-01-10 reservation-window-end"])
    }

    @Test func provisionalApplicationAndSuspension() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2}}",
                events: [
                    "date: 2000-01-01, type: consent, form: acceptance, party: FRA",
                    "date: 2000-02-01, type: provisional-application, party: DEU",
                    "date: 2000-03-01, type: suspension, party: FRA, articles: [\"5\"]",
                ]))
        let status = Lifecycle().status(of: treaty, on: d("2000-04-01"))
        #expect(status.status == .notInForce)
        #expect(status.state("DEU")?.provisionalApplication?.description == "2000-02-01")
        #expect(
            status.state("DEU")?.explanation.last
                == "Applies the treaty provisionally since 2000-02-01 (VCLT art. 25), pending its entry into force for it."
        )
        #expect(status.suspensions.map(\.event) == ["e3"])
        #expect(
            status.explanation.contains(
                "The operation of art. 5 is suspended for FRA since 2000-03-01 (e3, as recorded; its effect: VCLT art. 72; whether it was lawful, under the treaty or VCLT arts. 57–62, is not judged here)."
            ))
    }

    @Test func provisionalApplicationEndsOnItsDateOrWhenTheStateIsBound() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1989-01-01", negotiating: ["FIN", "NOR", "SWE"],
                rules: "entry-into-force: {when: {consents: 2}}",
                events: [
                    "date: 1990-02-01, type: provisional-application, party: NOR, until: 1990-12-31",
                    "date: 1990-02-01, type: provisional-application, party: FIN",
                    "date: 1990-05-01, type: consent, form: acceptance, party: FIN",
                    "date: 1990-06-01, type: consent, form: acceptance, party: SWE",
                ]))
        let before = Lifecycle().status(of: treaty, on: d("1990-03-01"))
        #expect(before.state("NOR")?.provisionalApplication?.description == "1990-02-01")
        #expect(
            before.state("NOR")?.explanation.last
                == "Applies the treaty provisionally since 1990-02-01 (VCLT art. 25) until 1990-12-31.")
        let later = Lifecycle().status(of: treaty, on: d("1991-03-15"))
        #expect(later.state("NOR")?.provisionalApplication == nil)
        #expect(
            later.state("NOR")?.explanation.last
                == "Applied the treaty provisionally from 1990-02-01 until 1990-12-31 (VCLT art. 25(2)).")
        // Bound since 1990-06-01: no longer provisional.
        #expect(later.state("FIN")?.status == .party)
        #expect(later.state("FIN")?.provisionalApplication == nil)
    }

    @Test func dissolutionWhenPartiesFallBelowTheMinimum() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules:
                    "entry-into-force: {when: {consents: 3}}\ndenunciation: {notice: {months: 6}}\ndissolution: {parties-below: 3}",
                events: [
                    "date: 2000-01-01, type: consent, form: acceptance, party: FRA",
                    "date: 2000-01-01, type: consent, form: acceptance, party: DEU",
                    "date: 2000-01-01, type: consent, form: acceptance, party: ITA",
                    "date: 2005-03-31, type: denunciation, party: ITA",
                ]))
        #expect(Lifecycle().status(of: treaty, on: d("2005-09-29")).status == .inForce)
        let ended = Lifecycle().status(of: treaty, on: d("2005-09-30"))
        #expect(ended.status == .terminated)
        #expect(ended.termination?.description == "2005-09-30")
        #expect(
            ended.explanation.last
                == "Dissolved on 2005-09-30: the number of parties fell to 2, below 3 (rules.dissolution).")
    }

    /// A treaty dissolved stays ended when the State that left joins again (an act after the end, which `pacta
    /// record` refuses): its earlier period still counts; and a State that consented again while its notice ran
    /// is counted once, without a break.
    @Test func aDissolvedTreatyStaysEndedWhenAStateJoinsAgain() {
        let rules =
            "entry-into-force: {when: {consents: 3}}\ndenunciation: {notice: {months: 6}}\ndissolution: {parties-below: 3}"
        let consents = [
            "date: 2000-01-01, type: consent, form: acceptance, party: FRA",
            "date: 2000-01-01, type: consent, form: acceptance, party: DEU",
            "date: 2000-01-01, type: consent, form: acceptance, party: ITA",
        ]
        let rejoined = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA"], rules: rules,
                events: consents + [
                    "date: 2005-03-31, type: denunciation, party: ITA",
                    "date: 2006-01-01, type: consent, form: accession, party: ITA",
                ]))
        let later = Lifecycle().status(of: rejoined, on: d("2007-01-01"))
        #expect(later.status == .terminated)
        #expect(later.termination?.description == "2005-09-30")
        #expect(
            Lifecycle().timeline(of: rejoined, through: d("2007-01-01")).contains {
                $0.type == "termination" && $0.date == d("2005-09-30")
            })
        let stopped = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA"], rules: rules,
                events: consents + [
                    "date: 2005-03-31, type: denunciation, party: ITA",
                    "date: 2005-06-01, type: consent, form: accession, party: ITA",
                    "date: 2006-03-31, type: denunciation, party: DEU",
                ]))
        // ITA's notice stopped before it took effect: three parties on 2005-09-30, two once DEU leaves.
        #expect(Lifecycle().status(of: stopped, on: d("2006-01-01")).status == .inForce)
        let ended = Lifecycle().status(of: stopped, on: d("2006-12-01"))
        #expect(ended.status == .terminated)
        #expect(ended.termination?.description == "2006-09-30")
    }

    /// One notice at a time: a later notice of the same State (no consent between) neither moves a running
    /// notice's effect nor brings back a State whose withdrawal took effect; the status says it has no effect.
    @Test func aSecondNoticeChangesNothingAndTheFirstStands() throws {
        // The check refuses the second notices (as `pacta record` does); the engine still reads the file.
        let treaty = try #require(
            Fixtures.read(
                TreatyYAML.multilateral(
                    adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA"],
                    rules: "entry-into-force: {when: {consents: 2}}\ndenunciation: {notice: {months: 6}}",
                    events: [
                        "date: 2000-01-01, type: consent, form: acceptance, party: FRA",
                        "date: 2000-01-01, type: consent, form: acceptance, party: DEU",
                        "date: 2000-01-01, type: consent, form: acceptance, party: ITA",
                        "date: 2006-01-01, type: denunciation, party: FRA, by-agreement: true, effective: 2006-02-01",
                        "date: 2006-01-15, type: denunciation, party: FRA",
                        "date: 2006-03-01, type: denunciation, party: DEU",
                        "date: 2007-03-01, type: denunciation, party: DEU",
                    ])
            ).treaty)
        let status = Lifecycle().status(of: treaty, on: d("2007-06-01"))
        #expect(status.state("FRA")?.status == .withdrawn)
        #expect(status.state("FRA")?.withdrawal?.effective == d("2006-02-01"))
        #expect(status.state("DEU")?.status == .withdrawn)
        #expect(status.state("DEU")?.withdrawal?.effective == d("2006-09-01"))
        #expect(
            status.caveats.contains(
                "DEU gave notice of denunciation again on 2007-03-01 (e7) after its notice of 2006-03-01 (e6), with no consent between: the first notice stands and the later one has no effect; a notice is changed by a correction of it."
            ))
    }

    @Test func withoutADissolutionRuleFewerPartiesDoNotEndTheTreaty() {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA"],
                rules: "entry-into-force: {when: {consents: 3}}\ndenunciation: {notice: {months: 6}}",
                events: [
                    "date: 2000-01-01, type: consent, form: acceptance, party: FRA",
                    "date: 2000-01-01, type: consent, form: acceptance, party: DEU",
                    "date: 2000-01-01, type: consent, form: acceptance, party: ITA",
                    "date: 2005-03-31, type: denunciation, party: ITA",
                ]))
        let status = Lifecycle().status(of: treaty, on: d("2006-01-01"))
        #expect(status.status == .inForce)  // VCLT art. 55
        #expect(status.states.filter { $0.status == .party }.count == 2)
    }
}
