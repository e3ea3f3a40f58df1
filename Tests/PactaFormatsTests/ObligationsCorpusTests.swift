import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// The obligations engine and the alliance network on the shipped corpus: the values the project promises.
@Suite struct ObligationsCorpusTests {
    let corpus = Fixtures.shipped.corpus
    var engine: ObligationsEngine { ObligationsEngine(corpus: corpus) }

    func attack(
        _ target: PartyCode, by attacker: PartyCode, on date: String, place: String? = nil, chain: Bool = false,
        entryIsAttack: Bool = false
    )
        -> ScenarioResult
    {
        engine.evaluate(
            Scenario(
                on: d(date), events: [Scenario.Event(kind: .armedAttack, by: attacker, against: target, place: place)],
                chain: chain, rules: ChainRules(entryIsArmedAttack: entryIsAttack)))
    }

    func defense(_ result: ScenarioResult) -> [String] {
        result.duties.filter { $0.category == .defense }.map {
            "\($0.bearer)→\($0.beneficiary) \($0.treaty) art. \($0.article)"
        }
        .sorted()
    }

    @Test func attackOnTheDPRKIn2025() throws {
        let result = attack("PRK", by: "USA", on: "2025-03-01")
        #expect(
            defense(result) == [
                "CHN→PRK cn-kp-1961-friendship art. II", "RUS→PRK ru-kp-2024-partnership art. 4",
            ])
        let russia = try #require(result.duties.first { $0.bearer == "RUS" && $0.article == "4" })
        #expect(russia.duty == "provide-assistance")
        #expect(russia.means == ["military", "other"])
        #expect(russia.timing == "immediately")
        #expect(russia.qualifiers == ["un-charter-art-51", "domestic-law"])
        #expect(russia.round == 0)
        #expect(
            russia.explanation
                == "ru-kp-2024-partnership in force since 2024-12-04; binding RUS and PRK since 2024-12-04. Triggered by the armed attack by USA on PRK."
        )
        let china = try #require(result.duties.first { $0.bearer == "CHN" })
        #expect(china.means == ["military", "other"])
        // The DPRK's statement of 2025-04-28 was not yet made on 2025-03-01; on a later date it is shown as a
        // claim, apart from the computed duties.
        #expect(result.claims.isEmpty)
        #expect(
            attack("PRK", by: "USA", on: "2025-06-01").claims.map { "\($0.date) \($0.party) \($0.provision)" } == [
                "2025-04-28 PRK mutual-assistance"
            ])
    }

    @Test func attackOnTheDPRKBeforeThe2024TreatyEntersIntoForce() throws {
        let result = attack("PRK", by: "USA", on: "2024-11-20")
        #expect(defense(result) == ["CHN→PRK cn-kp-1961-friendship art. II"])
        let consult = result.duties.filter { $0.bearer == "RUS" }
        #expect(consult.map(\.treaty) == ["ru-kp-2000-friendship"])
        #expect(consult.map(\.category) == [.consultation])
        let note = try #require(
            result.notTriggered.first { $0.treaty == "ru-kp-2024-partnership" && $0.article == "4" })
        #expect(note.reason == "not-in-force")
        #expect(note.bearer == "RUS")
        #expect(
            note.explanation
                == "ru-kp-2024-partnership is not in force on 2024-11-20; it entered into force on 2024-12-04, after the scenario's date."
        )
    }

    @Test func attackOnKoreaWithTheChainAndItsRules() throws {
        let result = attack("KOR", by: "PRK", on: "2025-03-01", chain: true)
        #expect(defense(result) == ["USA→KOR us-kr-1953-mutual-defense art. III"])
        let usa = try #require(result.duties.first { $0.article == "III" })
        #expect(usa.duty == "act-to-meet-common-danger")
        #expect(usa.qualifiers == ["constitutional-processes"])
        // Default rule 2: the US entry does not trigger the DPRK's partners, and the output says why.
        let why = result.notTriggered.filter { $0.reason == "chain-rule" }
        #expect(
            why.map { "\($0.bearer!) \($0.treaty) art. \($0.article)" }.sorted() == [
                "CHN cn-kp-1961-friendship art. II", "RUS ru-kp-2024-partnership art. 4",
            ])
        #expect(why.allSatisfy { $0.explanation.contains("collective self-defence, not an armed attack on PRK") })
        #expect(result.chainRules.count == 5)
    }

    @Test func theOtherChainRuleDrawsRussiaAndChinaIn() throws {
        let result = attack("KOR", by: "PRK", on: "2025-03-01", chain: true, entryIsAttack: true)
        let round1 = result.duties.filter { $0.round == 1 && $0.category == .defense }
        #expect(round1.map { "\($0.bearer)→\($0.beneficiary)" }.sorted() == ["CHN→PRK", "RUS→PRK"])
        let russia = try #require(round1.first { $0.bearer == "RUS" })
        #expect(
            russia.chain.map { "\($0.bearer)→\($0.beneficiary) \($0.treaty) art. \($0.article)" } == [
                "USA→KOR us-kr-1953-mutual-defense art. III"
            ])
        // The chain ends: no NATO duty, since the fighting is in Korea, outside the North Atlantic area.
        #expect(!result.duties.contains { $0.treaty == "north-atlantic-1949" && $0.category == .defense })
    }

    @Test func finlandBeforeAndAfterAccession() throws {
        let before = attack("FIN", by: "RUS", on: "2023-04-03")
        // Before its accession Finland is owed no NATO duty; the EU's art. 42(7) TEU already binds its partners.
        #expect(!before.duties.contains { $0.treaty == "north-atlantic-1949" })
        #expect(before.duties.filter { $0.treaty == "eu-lisbon-2007" }.count == 26)
        #expect(
            before.notTriggered.first { $0.article == "5" }?.explanation
                == "FIN is not a party to north-atlantic-1949 on 2023-04-03; its consent is dated 2023-04-04.")
        let after = attack("FIN", by: "RUS", on: "2023-04-05")
        let article5 = after.duties.filter { $0.treaty == "north-atlantic-1949" && $0.article == "5" }
        #expect(article5.count == 30)  // every other party: 31 parties after Finland, less Finland
        #expect(!article5.contains { $0.bearer == "FIN" || $0.bearer == "SWE" })
        #expect(Set(article5.map(\.beneficiary)) == ["FIN"])
    }

    @Test func hawaiiIsOutsideTheNorthAtlanticArea() throws {
        let result = attack("USA", by: "RUS", on: "2025-03-01", place: "US-HI")
        #expect(!result.duties.contains { $0.treaty == "north-atlantic-1949" && $0.article == "5" })
        let note = try #require(result.notTriggered.first { $0.treaty == "north-atlantic-1949" && $0.article == "5" })
        #expect(note.reason == "outside-region")
        #expect(
            note.explanation
                == "Art. 5: the attack at US-HI lies outside the region north-atlantic-area (North Atlantic area (North Atlantic Treaty art. 6))."
        )
        // The same attack on the continental United States triggers art. 5 for the other 31 parties.
        #expect(attack("USA", by: "RUS", on: "2025-03-01").duties.filter { $0.article == "5" }.count == 31)
    }

    /// Art. 6 covers the islands under a party's jurisdiction in the North Atlantic north of the Tropic of
    /// Cancer: an attack on Denmark in Greenland, on Norway in Svalbard, on the United Kingdom in Bermuda
    /// triggers art. 5 for every other party; Puerto Rico, south of the Tropic, does not.
    @Test func theNorthAtlanticIslandsAreInsideTheArea() throws {
        let islands: [(PartyCode, String)] = [
            ("DNK", "GRL"), ("DNK", "FRO"), ("NOR", "SJM"), ("GBR", "BMU"), ("FRA", "SPM"),
        ]
        for (state, place) in islands {
            let result = attack(state, by: "RUS", on: "2025-03-01", place: place)
            let article5 = result.duties.filter { $0.treaty == "north-atlantic-1949" && $0.article == "5" }
            #expect(article5.count == 31, "\(state) at \(place)")
            #expect(Set(article5.map(\.beneficiary)) == [state], "\(state) at \(place)")
        }
        let puertoRico = attack("USA", by: "RUS", on: "2025-03-01", place: "PRI")
        #expect(
            puertoRico.notTriggered.first { $0.treaty == "north-atlantic-1949" && $0.article == "5" }?.reason
                == "outside-region")
    }

    @Test func alliesOfRussia() {
        let network = AllianceNetwork(corpus: corpus)
        let allies = network.allies(of: "RUS", on: d("2025-01-01"), category: .defense)
        // The 2024 treaty with the DPRK, the Collective Security Treaty, and the 2024 treaty with Belarus.
        let dprk = allies.filter { $0.treaty == "ru-kp-2024-partnership" }
        #expect(dprk.map(\.ally) == ["PRK"])
        #expect(dprk.first?.since?.description == "2024-12-04")
        #expect(
            Set(allies.filter { $0.treaty == "collective-security-1992" }.map(\.ally.rawValue)) == [
                "ARM", "BLR", "KAZ", "KGZ", "TJK",
            ])
        #expect(!network.allies(of: "RUS", on: d("2024-11-20"), category: .defense).contains { $0.ally == "PRK" })
    }

    /// The United States suspended its ANZUS obligations towards New Zealand on 11 August 1986 (recorded in the
    /// ANZUS file): the USA–NZL dyad keeps ANZUS in 1986 (days before the suspension) and loses it from 1987,
    /// while Australia–New Zealand keeps it; the Manila Pact still binds the United States and New Zealand.
    @Test func dyadYearsLeaveOutAPledgeWhileItIsSuspendedBetweenTheTwo() throws {
        let network = AllianceNetwork(corpus: corpus)
        let rows = network.dyadYears(from: 1985, to: 1988, directed: false).rows
        func treaties(_ a: Int, _ b: Int, _ year: Int) -> [String]? {
            rows.first { $0.ccode1 == a && $0.ccode2 == b && $0.year == year }?.treaties
        }
        #expect(treaties(2, 920, 1986) == ["anzus-1951", "manila-pact-1954"])
        #expect(treaties(2, 920, 1987) == ["manila-pact-1954"])
        #expect(treaties(2, 900, 1987) == ["anzus-1951", "manila-pact-1954"])
        #expect(treaties(900, 920, 1987)?.contains("anzus-1951") == true)
    }

    @Test func dyadYearsFollowCOWConventions() throws {
        let network = AllianceNetwork(corpus: corpus)
        let directed = network.dyadYears(from: 2023, to: 2025, directed: true).rows
        let rusPrk = directed.filter { Set([$0.ccode1, $0.ccode2]) == [365, 731] }
        let defense2025 = rusPrk.filter { $0.year == 2025 && $0.flags[0] }
        #expect(defense2025.map { "\($0.ccode1)-\($0.ccode2)" }.sorted() == ["365-731", "731-365"])
        #expect(!rusPrk.contains { $0.year == 2023 && $0.flags[0] })
        let csv = try DyadCSV.document(network.dyadYears(from: 2025, to: 2025, directed: false).rows)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "ccode1,ccode2,stateabb1,stateabb2,year,defense,offense,neutral,nonagg,consul,pacta_treaties"
        )
        #expect(lines.contains("365,731,RUS,PRK,2025,1,0,1,0,1,ru-kp-2024-partnership"))
        // COW codes the German Federal Republic 260 (GFR) until 2 October 1990 and Germany 255 (GMY) from
        // 3 October 1990: 1990 has a row for each, as both were bound by the North Atlantic Treaty on days of it.
        let germany = network.dyadYears(from: 1989, to: 1991, directed: false).rows.filter {
            $0.ccode1 == 2 && [255, 260].contains($0.ccode2)
        }
        #expect(
            germany.sorted { ($0.year, $0.ccode2) < ($1.year, $1.ccode2) }.map {
                "\($0.year) \($0.ccode2) \($0.abbreviation2)"
            } == ["1989 260 GFR", "1990 255 GMY", "1990 260 GFR", "1991 255 GMY"])
        // The Soviet treaty keeps COW's 365 for the USSR: 1985 has the USSR–DPRK defence dyad.
        let soviet = network.dyadYears(from: 1985, to: 1985, directed: false).rows
        #expect(
            soviet.contains {
                $0.ccode1 == 365 && $0.ccode2 == 731 && $0.flags[0] && $0.treaties == ["su-kp-1961-friendship"]
            })
    }

    /// ANZUS after 1986 (VCLT art. 58): the United States suspended its obligations towards New Zealand only, so
    /// an attack on New Zealand still engages Australia, and the US duty is shown as suspended, citing the event.
    @Test func attackOnNewZealandIn1990() throws {
        let result = attack("NZL", by: "CHN", on: "1990-01-01")
        let anzus = result.duties.filter { $0.treaty == "anzus-1951" }.map { "\($0.bearer) art. \($0.article)" }
        #expect(anzus == ["AUS art. III", "AUS art. IV"])
        let suspended = result.notTriggered.filter { $0.treaty == "anzus-1951" && $0.reason == "suspended" }
        #expect(
            suspended.map { "\($0.bearer?.rawValue ?? "-") art. \($0.article)" } == ["USA art. III", "USA art. IV"])
        #expect(
            suspended.last?.explanation
                == "Art. IV: USA suspended the treaty's operation towards NZL since 1986-08-11 (anzus-susp-nzl, as recorded; VCLT art. 72; its lawfulness is not judged here): USA's duty towards NZL is suspended while it lasts."
        )
        // Before the suspension the US duty applies.
        let before = attack("NZL", by: "CHN", on: "1985-01-01")
        #expect(before.duties.contains { $0.treaty == "anzus-1951" && $0.bearer == "USA" && $0.article == "IV" })
        // The suspension is between the US and New Zealand only: an attack on Australia still engages both.
        let onAustralia = attack("AUS", by: "CHN", on: "1990-01-01")
        #expect(
            onAustralia.duties.filter { $0.treaty == "anzus-1951" && $0.article == "IV" }.map(\.bearer) == [
                "NZL", "USA",
            ])
        // The alliance network leaves the suspended pledge out: the USA is New Zealand's ally under the Manila Pact
        // only.
        let allies = AllianceNetwork(corpus: corpus).allies(of: "NZL", on: d("1990-01-01"))
        #expect(allies.filter { $0.ally == "USA" }.map(\.treaty) == ["manila-pact-1954"])
        #expect(allies.filter { $0.ally == "AUS" }.map(\.treaty) == ["anzus-1951", "manila-pact-1954"])
    }

    /// New START's term extended by agreement (art. XIV(2), VCLT art. 39): in force on 2026-02-04, expired on
    /// 2026-02-05; without the extension it would have expired on 2021-02-05.
    @Test func newStartExtendedInFebruary2021() throws {
        let treaty = try #require(corpus["new-start-2010"])
        let lifecycle = Lifecycle(corpus: corpus)
        #expect(lifecycle.status(of: treaty, on: d("2026-02-04")).status == .inForce)
        let ended = lifecycle.status(of: treaty, on: d("2026-02-05"))
        #expect(ended.status == .terminated)
        #expect(ended.termination == d("2026-02-05"))
        #expect(
            ended.explanation.contains(
                "Expires on 2026-02-05: the term of 10 years from entry into force on 2011-02-05 (art. XIV) would have ended on 2021-02-05; extended by 5 years to 2026-02-05 by the parties' agreement of 2021-02-03 (nst-ext-2021; VCLT art. 39)."
            ))
        // As the record stood before the extension was agreed, the treaty was due to expire in 2021.
        #expect(lifecycle.status(of: treaty, on: d("2021-01-01")).termination == d("2021-02-05"))
        var unextended = treaty
        unextended.events.removeAll { $0.id == "nst-ext-2021" }
        #expect(lifecycle.status(of: unextended, on: d("2021-02-05")).status == .terminated)
        #expect(lifecycle.status(of: unextended, on: d("2026-02-04")).termination == d("2021-02-05"))
        // An extension agreed after the treaty expired lengthens nothing, and the status says why.
        var late = treaty
        late.events = LogArray(
            late.events.map { event in
                guard event.id == "nst-ext-2021" else { return event }
                var moved = event
                moved.date = d("2021-03-01")
                return moved
            })
        let lateStatus = lifecycle.status(of: late, on: d("2022-01-01"))
        #expect(lateStatus.status == .terminated)
        #expect(lateStatus.termination == d("2021-02-05"))
        #expect(
            lateStatus.caveats.contains(
                "The extension agreed on 2021-03-01 (nst-ext-2021) came after the treaty expired on 2021-02-05: it cannot lengthen a term that has ended; a new agreement would be a new treaty."
            ))
    }

    /// Rio Treaty art. 3(1) answers an armed attack "against an American State", party or not: an attack on
    /// Canada, which never joined, engages every party (trigger against the file's set `american-states`).
    @Test func theRioTreatyProtectsAnAmericanStateThatIsNotAParty() throws {
        let result = attack("CAN", by: "RUS", on: "2000-01-01")
        let rio = result.duties.filter { $0.treaty == "rio-treaty-1947" && $0.article == "3" }
        #expect(Set(["BRA", "USA"]).isSubset(of: Set(rio.map(\.bearer.rawValue))))
        #expect(!rio.contains { $0.bearer == "CAN" })
        let us = try #require(rio.first { $0.bearer == "USA" })
        #expect(
            us.explanation.hasPrefix(
                "rio-treaty-1947 in force since 1948-12-03; binding USA since 1948-12-03; art. 3 protects CAN, which is not a party (trigger against american-states)."
            ))
        // A State outside the set is not protected: an attack on France in the art. 4 region engages no one
        // under art. 3.
        #expect(!attack("FRA", by: "RUS", on: "2000-01-01").duties.contains { $0.treaty == "rio-treaty-1947" })
    }

    /// The United States' understanding of the Manila Pact limits its art. IV(1) duty to communist aggression
    /// (event seato-decl-usa): a scenario that describes the attacker otherwise says the limit applies and cites
    /// it; one that says nothing keeps the duty with the limit in its explanation.
    @Test func theUnitedStatesManilaPactUnderstanding() throws {
        func usDuty(_ kinds: [String]) -> ScenarioResult {
            engine.evaluate(
                Scenario(
                    on: d("1960-01-01"),
                    events: [Scenario.Event(kind: .armedAttack, by: "CHN", against: "PHL", attackerKinds: kinds)]))
        }
        let communist = usDuty(["communist"])
        #expect(communist.duties.contains { $0.treaty == "manila-pact-1954" && $0.bearer == "USA" })
        let other = usDuty(["non-communist"])
        #expect(!other.duties.contains { $0.treaty == "manila-pact-1954" && $0.bearer == "USA" })
        #expect(other.duties.contains { $0.treaty == "manila-pact-1954" && $0.bearer == "GBR" })
        let limited = try #require(other.notTriggered.first { $0.reason == "limited" })
        #expect(
            limited.explanation
                == "Art. IV(1): USA's declaration of 1954-09-08 (seato-decl-usa) limits its duty under art. IV(1) to an attack by a State that is communist; the scenario describes CHN as non-communist, so the limit applies and USA bears no duty under it."
        )
        let unsaid = try #require(
            usDuty([]).duties.first { $0.treaty == "manila-pact-1954" && $0.bearer == "USA" })
        #expect(
            unsaid.explanation.hasSuffix(
                "the scenario does not say what kind of State CHN is (attacker kind), so the duty holds only if it is.")
        )
    }
}
