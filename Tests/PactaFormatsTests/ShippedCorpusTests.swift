import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// The real corpus: the values the project promises, to the day.
@Suite struct ShippedCorpusTests {
    let corpus = Fixtures.shipped.corpus
    var engine: Lifecycle { Lifecycle(corpus: corpus) }

    func status(_ id: String, _ date: String) throws -> TreatyStatus {
        let treaty = try #require(corpus[id], "no treaty \(id) in the shipped corpus")
        return engine.status(of: treaty, on: d(date))
    }

    @Test func checksWithoutErrors() {
        #expect(Fixtures.shipped.diagnostics.map(\.description) == [])
        #expect(corpus.treaties.count >= 8)
    }

    // MARK: - 2024 Russia–DPRK treaty

    @Test func partnership2024BeforeSignature() throws {
        let status = try status("ru-kp-2024-partnership", "2024-06-18")
        #expect(status.status == .notAdopted)
        #expect(status.states.map(\.status) == [StateStatus.Value.none, StateStatus.Value.none])
    }

    @Test func partnership2024Signed() throws {
        let status = try status("ru-kp-2024-partnership", "2024-06-20")
        #expect(status.status == .notInForce)
        #expect(status.state("RUS")?.status == .signatory)
        #expect(status.state("PRK")?.status == .signatory)
        #expect(status.state("RUS")?.signature?.description == "2024-06-19")
    }

    @Test func partnership2024ConsentedAwaitingExchange() throws {
        let status = try status("ru-kp-2024-partnership", "2024-11-20")
        #expect(status.status == .notInForce)
        #expect(status.entryIntoForce == nil)
        #expect(status.state("RUS")?.status == .contractingState)
        #expect(status.state("PRK")?.status == .contractingState)
        #expect(status.state("RUS")?.consent?.date.description == "2024-11-09")
        #expect(status.state("PRK")?.consent?.date.description == "2024-11-11")
        #expect(status.explanation.last == "Not in force on 2024-11-20: instruments not yet exchanged.")
    }

    @Test(arguments: ["2024-12-04", "2026-11-29"])
    func partnership2024InForce(_ date: String) throws {
        let status = try status("ru-kp-2024-partnership", date)
        #expect(status.status == .inForce)
        #expect(status.entryIntoForce?.description == "2024-12-04")
        #expect(status.states.map(\.status) == [.party, .party])
        #expect(status.states.map { $0.entryIntoForce?.description } == ["2024-12-04", "2024-12-04"])
        #expect(
            status.explanation.first == "Art. 22: enters into force on the exchange of instruments of ratification.")
        #expect(
            status.explanation.contains {
                $0.hasPrefix("Condition met on 2024-12-04: instruments exchanged at Moscow on 2024-12-04")
            })
    }

    @Test(arguments: ["RUS", "PRK"])
    func partnership2024DenunciationTakesEffectAfterOneYear(_ party: String) throws {
        let notice = Event(
            id: "test-den", date: d("2027-03-01"), kind: .denunciation(party: PartyCode(party), effective: nil))
        let corpus = Fixtures.shippedCorpus(adding: ["ru-kp-2024-partnership": [notice]])
        let treaty = try #require(corpus["ru-kp-2024-partnership"])
        let engine = Lifecycle(corpus: corpus)
        let notified = engine.status(of: treaty, on: d("2028-02-29"))
        #expect(notified.status == .inForce)
        #expect(notified.termination?.description == "2028-03-01")
        #expect(notified.state(PartyCode(party))?.withdrawal?.effective?.description == "2028-03-01")
        #expect(engine.status(of: treaty, on: d("2028-03-01")).status == .terminated)
    }

    @Test func partnership2024HasTwentyThreeArticlesAndCodedProvisions() throws {
        let treaty = try #require(corpus["ru-kp-2024-partnership"])
        #expect(treaty.text?.articles.map(\.number) == (1...23).map(String.init))
        #expect(treaty.text?.articles.allSatisfy { !($0.summary["en"] ?? "").isEmpty } == true)
        #expect(Set(treaty.provisions.map(\.article)).isSuperset(of: ["3", "4"]))
        #expect(Set(treaty.titles.keys).isSuperset(of: ["en", "ru", "ko", "zh-Hans", "zh-Hant"]))
        let invocation = treaty.events.first { $0.typeName == "invocation" }
        #expect(invocation?.date.description == "2025-04-28")
        #expect(invocation?.parties == ["PRK"])
    }

    // MARK: - 2000 and 1961 treaties

    @Test func friendship2000EndsWhenThe2024TreatyEntersIntoForce() throws {
        #expect(try status("ru-kp-2000-friendship", "2024-12-03").status == .inForce)
        let ended = try status("ru-kp-2000-friendship", "2024-12-04")
        #expect(ended.status == .terminated)
        #expect(ended.termination?.description == "2024-12-04")
        #expect(try status("ru-kp-2000-friendship", "2026-11-29").status == .terminated)
    }

    @Test func soviet1961TreatyWithSuccessionAndLapse() throws {
        let in1980 = try status("su-kp-1961-friendship", "1980-01-01")
        #expect(in1980.status == .inForce)
        #expect(in1980.state("SUN")?.status == .party)
        #expect(in1980.state("PRK")?.status == .party)
        let in1993 = try status("su-kp-1961-friendship", "1993-01-01")
        #expect(in1993.status == .inForce)
        #expect(in1993.state("RUS")?.status == .party)
        #expect(in1993.state("RUS")?.continues?.predecessor == "SUN")
        #expect(in1993.state("SUN")?.status == .ceased)
        let in1997 = try status("su-kp-1961-friendship", "1997-01-01")
        #expect(in1997.status == .terminated)
        #expect(in1997.termination?.description == "1996-09-10")
    }

    @Test func soviet1961RenewalsAreComputed() throws {
        let treaty = try #require(corpus["su-kp-1961-friendship"])
        let renewals = engine.timeline(of: treaty, through: d("2026-11-29")).filter { $0.type == "renewal" }
        #expect(
            renewals.map(\.date.description) == ["1971-09-10", "1976-09-10", "1981-09-10", "1986-09-10", "1991-09-10"])
        #expect(renewals.allSatisfy { $0.origin == .computed })
    }

    @Test func chinaDPRK1961IsOpenEnded() throws {
        let status = try status("cn-kp-1961-friendship", "2026-11-29")
        #expect(status.status == .inForce)
        #expect(status.entryIntoForce?.description == "1961-09-10")
        #expect(status.termination == nil)
    }

    @Test func usKoreaAndUsJapan() throws {
        #expect(try status("us-kr-1953-mutual-defense", "2026-11-29").entryIntoForce?.description == "1954-11-17")
        #expect(try status("us-jp-1960-security", "2026-11-29").entryIntoForce?.description == "1960-06-23")
        #expect(try status("us-jp-1960-security", "1960-06-22").status == .notInForce)
    }

    // MARK: - North Atlantic Treaty

    @Test func northAtlanticEntryIntoForceIsComputedFromArticle11() throws {
        let status = try status("north-atlantic-1949", "1949-08-24")
        #expect(status.status == .inForce)
        #expect(status.entryIntoForce?.description == "1949-08-24")
        #expect(status.conditionsMet?.description == "1949-08-24")
        #expect(
            status.explanation.first
                == "Art. 11: enters into force when all of BEL, CAN, FRA, LUX, NLD, GBR, USA have consented and when a majority of the signatories have consented."
        )
        #expect(try self.status("north-atlantic-1949", "1949-08-23").status == .notInForce)
    }

    @Test func finlandJoinedOnDeposit() throws {
        #expect(try status("north-atlantic-1949", "2023-04-03").state("FIN") == nil)
        let status = try status("north-atlantic-1949", "2023-04-04")
        #expect(status.state("FIN")?.status == .party)
        #expect(status.state("FIN")?.entryIntoForce?.description == "2023-04-04")
        #expect(status.state("FIN")?.consent?.form == .accession)
    }

    @Test func unclosEntersIntoForceTwelveMonthsAfterTheSixtiethInstrument() throws {
        // Art. 308(1): Guyana's ratification of 16 November 1993 was the 60th instrument (UNGA res. 48/28),
        // counting the SFRY's of 1986, which the depositary went on counting after the SFRY ceased.
        let before = try status("unclos-1982", "1994-11-15")
        #expect(before.status == .notInForce)
        #expect(before.conditionsMet?.description == "1993-11-16")
        let status = try status("unclos-1982", "2026-11-29")
        #expect(status.entryIntoForce?.description == "1994-11-16")
        #expect(
            status.explanation.contains(
                "Condition met on 1993-11-16: 60 instruments by the depositary's count (GUY's instrument of 1993-11-16, unclos-con-guy, was the 60th; 59 of them are consents in effect in this file), 60 needed; deposited that day: GUY."
            ))
        #expect(status.explanation.contains("Delay: 12 months after 1993-11-16 is 1994-11-16."))
        #expect(
            status.caveats.contains(
                "By the depositary's count, GUY's instrument of 1993-11-16 (unclos-con-guy) was the 60th, 1 more than the consents in effect in this file that day (instruments this file lacks, or those of States that have since ceased: YUG); the count for entry into force follows the depositary's from that date."
            ))
        #expect(!status.caveats.contains { $0.hasPrefix("An official record gives") })
        // Art. 308(2): the United Kingdom acceded on 25 July 1997, in force for it on the 30th day after.
        #expect(status.state("GBR")?.consent?.date.description == "1997-07-25")
        #expect(status.state("GBR")?.entryIntoForce?.description == "1997-08-24")
        // Earlier depositors are bound from the Convention's own date, including Australia, which deposited
        // after the 60th instrument but within the twelve months; later ones on the 30th day.
        #expect(status.state("FJI")?.entryIntoForce?.description == "1994-11-16")
        #expect(status.state("AUS")?.entryIntoForce?.description == "1994-11-16")
        #expect(status.state("SWE")?.entryIntoForce?.description == "1996-07-25")
        // Continuators carry their predecessors' acts: Yemen (Democratic Yemen's ratification of 1987), the
        // Russian Federation (the USSR's signature); an organisation's formal confirmation (annex IX).
        #expect(status.state("YEM")?.consent?.date.description == "1987-07-21")
        #expect(status.state("YEM")?.status == .party)
        #expect(status.state("RUS")?.signature?.description == "1982-12-10")
        #expect(status.state("RUS")?.entryIntoForce?.description == "1997-04-11")
        #expect(status.state("org:eu")?.entryIntoForce?.description == "1998-05-01")
        // The SFRY ceased in 1992, before the Convention entered into force: it was never bound.
        #expect(status.state("YUG")?.status == .ceased)
        #expect(status.state("YUG")?.entryIntoForce == nil)
        #expect(status.state("YUG")?.ceased?.description == "1992-03-06")
        // Signatories that exist today, as the UN table counts them (continuators carry their predecessors'
        // signatures: Russia the USSR's, Myanmar Burma's); 157 in the table of about 2013.
        #expect(status.states.filter { $0.signature != nil && $0.ceased == nil }.count == 157)
        #expect(status.state("MMR")?.signature?.description == "1982-12-10")
        // Croatia's notification of 1995 takes effect from its separation (1991-10-08): bound from the
        // Convention's own date, like Bosnia and Herzegovina's.
        #expect(status.state("HRV")?.entryIntoForce?.description == "1994-11-16")
        #expect(status.state("HRV")?.caveats == [])
        // Slovenia's change of State is not in the file but in the corpus's table of successions (25 June 1991):
        // its notification of 1995 takes effect from the Convention's own date, with no caveat.
        #expect(status.state("SVN")?.entryIntoForce?.description == "1994-11-16")
        #expect(status.state("SVN")?.caveats == [])
        // Serbia's notification has no date of succession in the table (only Serbia's continuation of Serbia and
        // Montenegro): the rule for new consents, with a caveat.
        #expect(
            status.state("SRB")?.caveats.first?.hasPrefix(
                "SRB's notification of succession (unclos-con-srb) records no effective-from date") == true)
        // The day before Guyana's deposit, the file's own count: the SFRY's consent no longer counts.
        #expect(
            try self.status("unclos-1982", "1993-11-15").explanation.contains(
                "Not in force on 1993-11-15: 58 of 60 consents needed."))
    }

    @Test func aDocumentedDateTheEventsDoNotGiveIsACaveat() throws {
        // The shipped files give their documented dates; a copy of a partial record that loses the 60th
        // instrument counts on to the next deposit: the documented date stands, and the status says what the
        // events alone give.
        for id in ["unclos-1982", "vclt-1969", "rome-statute-1998", "north-atlantic-1949"] {
            #expect(try !self.status(id, "2026-11-29").caveats.contains { $0.hasPrefix("An official record gives") })
        }
        var unclos = try #require(corpus["unclos-1982"])
        unclos.events.removeAll { $0.id == "unclos-con-guy" }
        let status = engine.status(of: unclos, on: d("2026-11-29"))
        #expect(status.entryIntoForce?.description == "1994-11-16")
        #expect(
            status.caveats.contains(
                "Entry into force on 1994-11-16 comes from an official record (source: chronicle-unclos), not from computation: this file lacks the deposits that would fix it (its events alone give 1995-06-21, later)."
            ))
        // In a complete record the documented date is a check only: the events' date, and a caveat.
        unclos.record = .complete
        let complete = engine.status(of: unclos, on: d("2026-11-29"))
        #expect(complete.entryIntoForce?.description == "1995-06-21")
        #expect(
            complete.caveats.contains(
                "An official record gives entry into force on 1994-11-16 (source: chronicle-unclos), but the events in this file give 1995-06-21: the event log is incomplete or wrong."
            ))
    }

    @Test func incompleteRecordsSaySo() throws {
        let rome = try status("rome-statute-1998", "2026-11-29")
        #expect(rome.caveats.contains { $0.hasPrefix("The record of this treaty is incomplete") })
        let nato = try status("north-atlantic-1949", "2026-11-29")
        #expect(nato.caveats.contains { $0.hasPrefix("Some dates in this treaty's record are not confirmed") })
        #expect(try status("ru-kp-2024-partnership", "2026-11-29").caveats.isEmpty)
    }

    @Test func thirtyTwoPartiesToday() throws {
        let status = try status("north-atlantic-1949", "2026-11-29")
        #expect(status.states.filter { $0.status == .party }.count == 32)
        #expect(try self.status("north-atlantic-1949", "2024-03-06").states.filter { $0.status == .party }.count == 31)
    }

    // MARK: - Rome Statute (art. 126: 60 instruments; first day of the month after the 60th day)

    @Test func romeStatuteEntersIntoForceOnTheFirstOfJuly2002() throws {
        let before = try status("rome-statute-1998", "2002-06-30")
        #expect(before.status == .notInForce)
        #expect(before.entryIntoForce?.description == "2002-07-01")
        // Ten instruments deposited together on 11 April 2002 took the count past 60: there was no 60th State.
        #expect(before.conditionsMet?.description == "2002-04-11")
        let line = try #require(before.explanation.first { $0.hasPrefix("Condition met on 2002-04-11") })
        for code in ["BIH", "BGR", "KHM", "COD", "IRL", "JOR", "MNG", "NER", "ROU", "SVK"] {
            #expect(line.contains(code), "\(code) deposited on 11 April 2002")
        }
        #expect(line.hasSuffix("counted together."))
        // The 56 deposits before that day (Sierra Leone's and Mauritius's among them) and the ten: 66.
        #expect(line.hasPrefix("Condition met on 2002-04-11: 66 consents in effect, 60 needed;"))
        #expect(
            before.explanation.contains(
                "Delay: 2002-04-11 + 60 days is 2002-06-10; the first day of the following month is 2002-07-01."))
        // Fewer than 60 the day before.
        #expect(try status("rome-statute-1998", "2002-04-10").entryIntoForce == nil)
        let inForce = try status("rome-statute-1998", "2002-07-01")
        #expect(inForce.status == .inForce)
        #expect(inForce.state("IRL")?.status == .party)
        #expect(inForce.state("IRL")?.entryIntoForce?.description == "2002-07-01")
    }

    @Test func romeStatuteLaterStatesFollowArticle126_2() throws {
        let status = try status("rome-statute-1998", "2026-11-29")
        // Australia deposited on the Statute's own date of entry into force and still waits for art. 126(2).
        #expect(status.state("AUS")?.consent?.date.description == "2002-07-01")
        #expect(status.state("AUS")?.entryIntoForce?.description == "2002-09-01")
        #expect(status.state("PSE")?.consent?.form == .accession)
        #expect(status.state("PSE")?.entryIntoForce?.description == "2015-04-01")
        #expect(status.state("AFG")?.entryIntoForce?.description == "2003-05-01")
        #expect(status.state("ARM")?.entryIntoForce?.description == "2024-02-01")
        #expect(try self.status("rome-statute-1998", "2002-08-31").state("AUS")?.status == .contractingState)
        // The Gambia deposited between the date met and the entry into force: art. 126(2) from its own deposit.
        #expect(status.state("GMB")?.consent?.date.description == "2002-06-28")
        #expect(status.state("GMB")?.entryIntoForce?.description == "2002-09-01")
        #expect(status.state("SLE")?.entryIntoForce?.description == "2002-07-01")
        #expect(status.state("NLD")?.consent?.form == .acceptance)
    }

    @Test func hungarysWithdrawalTakesEffectOnTheSecondOfJune2026() throws {
        let before = try status("rome-statute-1998", "2026-06-01")
        let hungary = try #require(before.state("HUN"))
        #expect(hungary.status == .party)
        #expect(hungary.withdrawal?.notified.description == "2025-06-02")
        #expect(hungary.withdrawal?.effective?.description == "2026-06-02")
        #expect(try status("rome-statute-1998", "2026-06-02").state("HUN")?.status == .withdrawn)
        // Burundi (notified 2016-10-27) and the Philippines (2018-03-17): one year each, art. 127(1).
        let now = try status("rome-statute-1998", "2026-11-29")
        #expect(now.state("BDI")?.withdrawal?.effective?.description == "2017-10-27")
        #expect(now.state("PHL")?.withdrawal?.effective?.description == "2019-03-17")
    }

    // MARK: - VCLT (art. 84: the 30th day after the 35th instrument)

    @Test func vcltEntersIntoForceOnThe30thDayAfterTogosAccession() throws {
        let status = try status("vclt-1969", "1980-01-27")
        #expect(status.status == .inForce)
        #expect(status.conditionsMet?.description == "1979-12-28")
        #expect(status.entryIntoForce?.description == "1980-01-27")
        #expect(
            status.explanation.contains(
                "Condition met on 1979-12-28: 35 consents in effect, 35 needed; deposited that day: TGO."))
        #expect(status.explanation.contains("Delay: 30 days after 1979-12-28 is 1980-01-27."))
        #expect(status.states.filter { $0.status == .party }.count == 35)
        #expect(try self.status("vclt-1969", "1980-01-26").status == .notInForce)
        // An original party: bound from the Convention's own date, whenever it deposited.
        #expect(status.state("GBR")?.consent?.date.description == "1971-06-25")
        #expect(status.state("GBR")?.entryIntoForce?.description == "1980-01-27")
    }

    @Test func vcltCalendarNamesTheStateThatWasBoundThen() throws {
        let treaty = try #require(corpus["vclt-1969"])
        let computed = engine.timeline(of: treaty, through: d("2030-01-01")).filter {
            $0.type == "entry-into-force-for-state"
        }
        let entries = Dictionary(computed.map { ($0.parties.first!.rawValue, $0.date.description) }) { a, _ in a }
        // The USSR and the GDR were bound in 1986; Russia continues the USSR and is not listed again.
        #expect(entries["SUN"] == "1986-05-29")
        #expect(entries["DDR"] == "1986-11-19")
        #expect(entries["CSK"] == "1987-08-28")
        #expect(entries["RUS"] == nil)
        #expect(entries["BLR"] == nil)
    }

    @Test func vcltLaterStatesAreBoundOnThe30thDayAfterTheirDeposit() throws {
        let status = try status("vclt-1969", "2026-11-29")
        #expect(status.state("BEL")?.entryIntoForce?.description == "1992-10-01")
        #expect(status.state("DEU")?.entryIntoForce?.description == "1987-08-20")
        #expect(status.state("JPN")?.consent?.form == .accession)
        #expect(status.state("JPN")?.entryIntoForce?.description == "1981-08-01")
        // Rwanda acceded after the 35th instrument and before the Convention's own date: art. 84(2), 30 days.
        #expect(status.state("RWA")?.consent?.date.description == "1980-01-03")
        #expect(status.state("RWA")?.entryIntoForce?.description == "1980-02-02")
        // Forms from the UN table: Syria acceded, Sweden ratified after signing.
        #expect(status.state("SYR")?.consent?.form == .accession)
        #expect(status.state("SWE")?.consent?.form == .ratification)
        #expect(status.state("SWE")?.signature?.description == "1970-04-23")
        // Slovakia by notification of succession to Czechoslovakia, from the division (1993-01-01).
        #expect(status.state("SVK")?.consent?.form == .succession)
        #expect(status.state("SVK")?.status == .party)
        #expect(status.state("SVK")?.entryIntoForce?.description == "1993-01-01")
    }

    /// A documented date of entry into force (ANZUS: 1952-04-29, for its three signatories) cannot be known before
    /// that day: as known on 1951-01-01 the treaty is not in force, not in force with no party.
    @Test func asKnownOnDoesNotKnowADocumentedDateBeforeIt() throws {
        let anzus = try #require(Fixtures.shipped.corpus["anzus-1951"])
        let engine = Lifecycle(corpus: Fixtures.shipped.corpus)
        let before = engine.status(of: anzus, on: d("2000-01-01"), asKnownOn: d("1951-01-01"))
        #expect(before.status == .notInForce)
        #expect(before.entryIntoForce == nil)
        let after = engine.status(of: anzus, on: d("2000-01-01"), asKnownOn: d("1953-01-01"))
        #expect(after.status == .inForce)
        #expect(after.entryIntoForce == d("1952-04-29"))
        #expect(after.states.filter { $0.status == .party }.map(\.code.rawValue).sorted() == ["AUS", "NZL", "USA"])
    }

    /// The table of successions applied to a treaty already read with it changes nothing (Montenegro's
    /// notification to the Rome Statute names Serbia and Montenegro, whose continuation by Serbia then bears: the
    /// command line and the server once disagreed on it), and Serbia and Montenegro's row says it ceased.
    @Test func theSuccessionsAppliedAgainChangeNothing() throws {
        for treaty in corpus.treaties {
            #expect(treaty.applying(corpus.successions).events == treaty.events, "\(treaty.id)")
        }
        let rome = try status("rome-statute-1998", "2024-12-05")
        #expect(rome.state("SCG")?.status == .ceased)
        #expect(rome.state("SCG")?.ceased == d("2006-06-03"))
        #expect(rome.state("SRB")?.status == .party)
    }
}
