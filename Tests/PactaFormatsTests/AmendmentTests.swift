import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// Versions of a treaty (VCLT arts. 39–41): a treaty and a protocol amending its art. 4, ratified by only some of
/// its parties; which text applies between two States, in scenarios and in the status.
@Suite struct AmendmentTests {
    /// The treaty: a consultation pledge in art. 4 among AAA, BBB, CCC, in force 2001-01-01; DDD and EEE accede in
    /// 2012, after the protocol entered into force (EEE declaring it is not bound by the protocol).
    static let treatyFile = """
        format: 1
        id: pact-2000
        titles: {en: Pact}
        kind: multilateral
        adopted: {date: 2000-01-01}
        negotiating-states: [AUT, BEL, CHE]
        rules:
          entry-into-force: {when: {consents: 3}}
        provisions:
          - {id: art4, article: "4", category: consultation, duty: consult, trigger: {event: armed-attack}}
        events:
          - {id: p-sig-aut, date: 2000-01-01, type: signature, party: AUT}
          - {id: p-sig-bel, date: 2000-01-01, type: signature, party: BEL}
          - {id: p-sig-che, date: 2000-01-01, type: signature, party: CHE}
          - {id: p-con-aut, date: 2000-06-01, type: consent, form: ratification, party: AUT}
          - {id: p-con-bel, date: 2000-09-01, type: consent, form: ratification, party: BEL}
          - {id: p-con-che, date: 2001-01-01, type: consent, form: ratification, party: CHE}
          - {id: p-acc-dnk, date: 2012-03-01, type: consent, form: accession, party: DNK}
          - {id: p-acc-esp, date: 2012-03-01, type: consent, form: accession, party: ESP}
          - {id: p-decl-esp, date: 2012-03-01, type: declaration, party: ESP, not-bound-by: pact-protocol-2008, summary: "not bound by the 2008 protocol"}
        """

    /// The protocol: art. 4 becomes a defence pledge; AUT and BEL ratify it, in force 2010-01-01.
    static let protocolFile = """
        format: 1
        id: pact-protocol-2008
        titles: {en: Protocol amending article 4 of the Pact}
        kind: multilateral
        adopted: {date: 2008-01-01}
        negotiating-states: [AUT, BEL, CHE]
        amends: {treaty: pact-2000, articles: ["4"]}
        rules:
          entry-into-force: {when: {consents: 2}}
        provisions:
          - {id: art4-amended, article: "4", category: defense, duty: provide-assistance, trigger: {event: armed-attack}}
        events:
          - {id: pp-sig-aut, date: 2008-01-01, type: signature, party: AUT}
          - {id: pp-sig-bel, date: 2008-01-01, type: signature, party: BEL}
          - {id: pp-sig-che, date: 2008-01-01, type: signature, party: CHE}
          - {id: pp-con-aut, date: 2009-06-01, type: consent, form: ratification, party: AUT}
          - {id: pp-con-bel, date: 2010-01-01, type: consent, form: ratification, party: BEL}
        """

    static func load(_ files: [String: String]) throws -> CorpusLoader.Result {
        let folder = TestFolder.url("amendment")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try CorpusLoader().load(directory: folder.path)
    }

    static let loaded = try! load(["pact-2000.yaml": treatyFile, "pact-protocol-2008.yaml": protocolFile])

    func duties(against target: PartyCode, on date: String) -> [String] {
        ObligationsEngine(corpus: Self.loaded.corpus).evaluate(
            Scenario(on: d(date), events: [Scenario.Event(kind: .armedAttack, by: "RUS", against: target)])
        ).duties.map { "\($0.bearer) \($0.category.rawValue) \($0.amendedBy ?? "original")" }.sorted()
    }

    @Test func theFilesCheck() {
        #expect(Self.loaded.diagnostics.filter(\.isError).map(\.description) == [])
    }

    /// Between two States bound by both, the amended article applies after the protocol's entry into force;
    /// between a State bound by both and one bound only by the original, the original applies (art. 40(4)); a
    /// State that joins after the protocol's entry into force is bound by the amended treaty (art. 40(5)), unless
    /// it declares otherwise.
    @Test func whichTextAppliesBetweenEachPair() throws {
        // Before the protocol is in force, every pair has the original consultation pledge.
        #expect(duties(against: "AUT", on: "2009-12-31") == ["BEL consultation original", "CHE consultation original"])
        // After: AUT–BEL both bound (amended, defence); CHE not bound (original); DNK joined after the protocol
        // entered into force (amended, art. 40(5)(a)); ESP declared it is not bound (original).
        #expect(
            duties(against: "AUT", on: "2013-01-01") == [
                "BEL defense pact-protocol-2008", "CHE consultation original", "DNK defense pact-protocol-2008",
                "ESP consultation original",
            ])
        // An attack on CHE, which is not bound: every other party owes it the original pledge.
        #expect(
            duties(against: "CHE", on: "2013-01-01") == [
                "AUT consultation original", "BEL consultation original", "DNK consultation original",
                "ESP consultation original",
            ])
        let engine = ObligationsEngine(corpus: Self.loaded.corpus)
        let result = engine.evaluate(
            Scenario(on: d("2013-01-01"), events: [Scenario.Event(kind: .armedAttack, by: "RUS", against: "AUT")]))
        let swiss = try #require(result.duties.first { $0.bearer == "CHE" })
        #expect(
            swiss.explanation.hasSuffix(
                "Art. 4 in the original text: CHE is not bound by pact-protocol-2008, so between CHE and AUT the text before pact-protocol-2008 applies (VCLT arts. 40(4), 30(4)(b))."
            ))
        let danish = try #require(result.duties.first { $0.bearer == "DNK" })
        #expect(danish.provision == "art4-amended")
        #expect(
            danish.explanation.hasSuffix(
                "Art. 4 as amended by pact-protocol-2008, which binds DNK and AUT since 2012-03-01 (VCLT art. 40(4))."))
    }

    /// The alliance network takes each pair's pledges from the text in force between them.
    @Test func alliesFollowTheTextInForceBetweenThePair() {
        let allies = AllianceNetwork(corpus: Self.loaded.corpus).allies(of: "AUT", on: d("2013-01-01"))
        #expect(
            allies.map { "\($0.ally) \($0.categories.map(\.rawValue)) \($0.amendedBy)" } == [
                "BEL [\"defense\"] [\"pact-protocol-2008\"]", "CHE [\"consultation\"] []",
                "DNK [\"defense\"] [\"pact-protocol-2008\"]", "ESP [\"consultation\"] []",
            ])
        // The protocol is no alliance of its own.
        #expect(!allies.contains { $0.treaty == "pact-protocol-2008" })
    }

    /// The status of the amended treaty names the protocol, the States bound, and the rule.
    @Test func theStatusSaysWhichStatesTheAmendmentBinds() throws {
        let corpus = Self.loaded.corpus
        let treaty = try #require(corpus["pact-2000"])
        let status = Lifecycle(corpus: corpus).status(of: treaty, on: d("2013-01-01"))
        let amendment = try #require(status.amendments.first)
        #expect(amendment.treaty == "pact-protocol-2008")
        #expect(amendment.inForce)
        #expect(amendment.entryIntoForce == d("2010-01-01"))
        #expect(amendment.bound == ["AUT", "BEL", "DNK"])
        #expect(
            status.explanation.contains(
                "Art. 4 amended by pact-protocol-2008, in force since 2010-01-01; bound by it on 2013-01-01: AUT, BEL, DNK. Between two States bound by it the amended text applies; between one of them and a party not bound, the original (VCLT art. 40(4))."
            ))
        #expect(
            status.explanation.contains(
                "DNK became a party to pact-2000 on 2012-03-01, after pact-protocol-2008 entered into force on 2010-01-01, and is a party to the treaty as amended (VCLT art. 40(5)(a))."
            ))
        let protocolStatus = Lifecycle(corpus: corpus).status(
            of: try #require(corpus["pact-protocol-2008"]), on: d("2013-01-01"))
        #expect(
            protocolStatus.explanation.last
                == "Amends pact-2000, art. 4: between two parties of pact-2000 both bound by this treaty, its provisions for those articles replace the original ones; between others the original applies (VCLT art. 40(4))."
        )
        let early = Lifecycle(corpus: corpus).status(of: treaty, on: d("2009-01-01"))
        #expect(early.amendments.map(\.inForce) == [false])
        #expect(
            early.explanation.contains(
                "Art. 4 amended by pact-protocol-2008, which is not in force: on 2009-01-01 the original text applies between all parties."
            ))
    }

    /// `amends` must name a treaty of the corpus, not itself, and not another amendment.
    @Test func badAmendsAreErrors() throws {
        let missing = try Self.load([
            "pact-protocol-2008.yaml": Self.protocolFile.replacingOccurrences(
                of: "treaty: pact-2000", with: "treaty: pact-1999")
        ])
        #expect(
            missing.diagnostics.map(\.message).contains("amends names 'pact-1999', which is not a treaty of the corpus")
        )
        let (_, itself) = Fixtures.read(
            Self.protocolFile.replacingOccurrences(of: "treaty: pact-2000", with: "treaty: pact-protocol-2008"))
        #expect(itself.map(\.message).contains("amends: a treaty cannot amend itself"))
        let (_, empty) = Fixtures.read(
            Self.protocolFile.replacingOccurrences(of: "articles: [\"4\"]", with: "articles: []"))
        #expect(empty.map(\.message).contains("amends: articles lists at least one article number"))
    }

    /// The shipped corpus: the Collective Security Treaty's 2010 protocol, whose record names Kazakhstan alone.
    @Test func theCollectiveSecurityTreatysProtocolOf2010() throws {
        let corpus = Fixtures.shipped.corpus
        let treaty = try #require(corpus["collective-security-1992"])
        let status = Lifecycle(corpus: corpus).status(of: treaty, on: d("2020-01-01"))
        #expect(
            status.amendments.map { "\($0.treaty) \($0.articles) \($0.bound.map(\.rawValue))" } == [
                "cst-2010-protocol [\"2\", \"4\"] [\"KAZ\"]"
            ])
        let result = ObligationsEngine(corpus: corpus).evaluate(
            Scenario(on: d("2022-09-13"), events: [Scenario.Event(kind: .armedAttack, by: "AZE", against: "ARM")]))
        let russia = try #require(
            result.duties.first { $0.bearer == "RUS" && $0.treaty == "collective-security-1992" && $0.article == "4" })
        #expect(russia.amendedBy == nil)
        #expect(russia.provision == "mutual-assistance")
        #expect(
            russia.explanation.hasSuffix(
                "Art. 4 in the original text: RUS is not bound by cst-2010-protocol as recorded (its record is incomplete), so between RUS and ARM the text before cst-2010-protocol applies (VCLT arts. 40(4), 30(4)(b))."
            ))
        // Before the protocol entered into force, the duty names no version.
        let before = ObligationsEngine(corpus: corpus).evaluate(
            Scenario(on: d("2012-01-01"), events: [Scenario.Event(kind: .armedAttack, by: "AZE", against: "ARM")]))
        let earlier = try #require(before.duties.first { $0.bearer == "RUS" && $0.article == "4" })
        #expect(!earlier.explanation.contains("cst-2010-protocol"))
    }
}
