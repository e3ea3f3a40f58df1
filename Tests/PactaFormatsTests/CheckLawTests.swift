import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

/// What `pacta check` holds a treaty file to beyond its shape (issue #14): fractions that are parts of a set, an
/// exchange of instruments after the consents it exchanges, a denunciation by a party, and a lone file read with
/// its folder's declarations.
@Suite struct CheckLawTests {
    static func located(_ yaml: String) -> [String] {
        Fixtures.read(yaml).diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
    }

    // MARK: - Fractions

    static func fraction(_ text: String, of set: String = "signatories") -> String {
        TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU", "ITA"],
            rules: "entry-into-force: {when: {consents: {fraction: \(text), of: \(set)}}}",
            events: ["date: 2001-01-10, type: signature, party: FRA"])
    }

    @Test func aFractionIsAPartOfTheSetAboveNothing() {
        #expect(Self.located(Self.fraction("\"2/3\"")) == [])
        #expect(Self.located(Self.fraction("\"1/1\"", of: "[FRA, DEU]")) == [])
        #expect(
            Self.located(Self.fraction("\"3/2\"")) == [
                "9:50 fraction '3/2' is more than the whole set; a fraction of a set is above 0 and at most 1, such as \"2/3\""
            ])
        #expect(
            Self.located(Self.fraction("\"0/5\"")) == [
                "9:50 fraction '0/5' is nothing of the set; a fraction of a set is above 0 and at most 1, such as \"2/3\""
            ])
        #expect(
            Self.located(Self.fraction("\"a/b\"")) == [
                "9:50 fraction must be two whole numbers written N/D, such as \"2/3\"; found 'a/b'"
            ])
        #expect(
            Self.located(Self.fraction("\"1/0\"")) == [
                "9:50 fraction '1/0' divides by 0; write N/D with D at least 1, such as \"2/3\""
            ])
        #expect(
            Self.located(Self.fraction("\"2/3\"", of: "annex-9")) == [
                "9:3 a condition names the party set 'annex-9', which the file's sets do not define (known: signatories, negotiating-states)"
            ])
    }

    @Test func aFractionNeedsItsSet() {
        let missing = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: {fraction: \"2/3\"}}}",
            events: ["date: 2001-01-10, type: signature, party: FRA"])
        #expect(
            Self.located(missing) == [
                "9:39 consents is missing the field 'of' (the set the fraction is taken of: signatories, negotiating-states, a name under sets, or a list of party codes)"
            ])
        let from = TreatyYAML.multilateral(
            negotiating: ["FRA"],
            rules: "entry-into-force: {when: {consents: {fraction: \"2/3\", of: signatories}, from: [FRA]}}",
            events: ["date: 2001-01-10, type: signature, party: FRA"])
        #expect(
            Self.located(from) == [
                "9:81 a fraction counts the consents of its own set ('of'); 'from' is not used with it"
            ])
    }

    // MARK: - The order of the acts

    static let bilateral: [String] = [
        "date: 2000-01-01, type: signature, party: RUS",
        "date: 2000-01-01, type: signature, party: PRK",
        "date: 2000-03-01, type: consent, form: ratification, party: RUS",
    ]

    @Test func anExchangeBeforeARecordedConsentIsAnError() {
        let yaml = TreatyYAML.bilateral(
            rules: "entry-into-force: {when: {exchange-of-instruments: true}}",
            events: Self.bilateral + [
                "date: 2000-05-15, type: exchange-of-instruments, parties: [RUS, PRK]",
                "date: 2000-06-01, type: consent, form: ratification, party: PRK",
            ])
        #expect(
            Self.located(yaml) == [
                "13:20 the instruments are exchanged on 2000-05-15, before PRK's ratification of 2000-06-01 (e5): an exchange of instruments exchanges instruments already made (VCLT art. 16(a)); correct one of the dates"
            ])
        // Where the file records no consent of a State, the exchange is its consent.
        let exchangeOnly = TreatyYAML.bilateral(
            rules: "entry-into-force: {when: {exchange-of-instruments: true}}",
            events: Self.bilateral + ["date: 2000-05-15, type: exchange-of-instruments, parties: [RUS, PRK]"])
        #expect(Self.located(exchangeOnly) == [])
    }

    @Test func aDenunciationByAStateThatIsNotAPartyIsAnError() {
        let signatory = TreatyYAML.bilateral(
            rules: "entry-into-force: {when: {exchange-of-instruments: true}}\ndenunciation: {notice: {years: 1}}",
            events: Self.bilateral + ["date: 2000-04-01, type: denunciation, party: PRK"])
        #expect(
            Self.located(signatory) == [
                "14:59 PRK is not a party on 2000-04-01, the day its denunciation was received (its status then: signatory); only a party can denounce a treaty (VCLT arts. 54, 56); a signature or a consent given before the treaty is in force for a State is withdrawn by a revocation"
            ])
        let party = TreatyYAML.bilateral(
            rules: "entry-into-force: {when: {exchange-of-instruments: true}}\ndenunciation: {notice: {years: 1}}",
            events: Self.bilateral + [
                "date: 2000-05-15, type: exchange-of-instruments, parties: [RUS, PRK]",
                "date: 2003-04-01, type: denunciation, party: PRK",
            ])
        #expect(Self.located(party) == [])
        // After the treaty ended for both, no State is a party to denounce it.
        let again = TreatyYAML.bilateral(
            rules: "entry-into-force: {when: {exchange-of-instruments: true}}\ndenunciation: {notice: {years: 1}}",
            events: Self.bilateral + [
                "date: 2000-05-15, type: exchange-of-instruments, parties: [RUS, PRK]",
                "date: 2003-04-01, type: denunciation, party: PRK",
                "date: 2005-04-01, type: denunciation, party: RUS",
            ])
        #expect(
            Self.located(again) == [
                "16:59 RUS is not a party on 2005-04-01, the day its denunciation was received (its status then: none); only a party can denounce a treaty (VCLT arts. 54, 56); a signature or a consent given before the treaty is in force for a State is withdrawn by a revocation"
            ])
    }

    /// States that leave and join again many times: each later notice is judged from one walk of the log (a
    /// status per notice's day read the whole log once per day), and a State that gives notice again after its
    /// withdrawal took effect, without joining again, is still refused.
    @Test func laterNoticesOfStatesThatRejoinAreJudgedAsTheirFirst() {
        let states = ["FRA", "DEU", "ITA", "ESP", "PRT", "NLD"]
        var events: [String] = []
        for (offset, code) in states.enumerated() {
            let day = String(format: "%02d", offset + 1)
            events += [
                "date: 2001-01-\(day), type: consent, form: accession, party: \(code)",
                "date: 2003-02-\(day), type: denunciation, party: \(code)",
                "date: 2005-03-\(day), type: consent, form: accession, party: \(code)",
                "date: 2007-04-\(day), type: denunciation, party: \(code)",
                "date: 2009-05-\(day), type: consent, form: accession, party: \(code)",
                "date: 2011-06-\(day), type: denunciation, party: \(code)",
            ]
        }
        // Its withdrawal took effect on 2012-06-01; it never joined again.
        events.append("date: 2013-07-01, type: denunciation, party: NLD")
        let yaml = TreatyYAML.multilateral(
            negotiating: states, rules: "entry-into-force: {when: {consents: 2}}\ndenunciation: {notice: {years: 1}}",
            events: events)
        #expect(
            Self.located(yaml) == [
                "48:60 NLD is not a party on 2013-07-01, the day its denunciation was received (its status then: withdrawn); only a party can denounce a treaty (VCLT arts. 54, 56); a signature or a consent given before the treaty is in force for a State is withdrawn by a revocation"
            ])
    }

    /// A State gives one notice at a time: a second while the first runs, or the same day, is refused as the desk
    /// refuses it; in a partial record, a notice before the documented date of entry into force is refused too.
    @Test func aSecondNoticeWhileTheFirstRunsAndANoticeBeforeTheDocumentedDateAreErrors() {
        let consents = [
            "date: 2001-01-01, type: consent, form: accession, party: FRA",
            "date: 2001-01-02, type: consent, form: accession, party: DEU",
        ]
        let rules = "entry-into-force: {when: {consents: 2}}\ndenunciation: {notice: {months: 6}}"
        let running = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"], rules: rules,
            events: consents + [
                "date: 2006-01-01, type: denunciation, party: FRA",
                "date: 2006-03-01, type: denunciation, party: FRA",
            ])
        #expect(
            Self.located(running) == [
                "15:59 FRA notified its denunciation already on 2006-01-01 (event e3), taking effect on 2006-07-01; a second notice cannot be recorded: to change the first, record a correction of e3"
            ])
        let sameDay = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"], rules: rules,
            events: consents + [
                "date: 2006-01-01, type: denunciation, party: FRA, by-agreement: true",
                "date: 2006-01-01, type: denunciation, party: FRA",
            ])
        #expect(
            Self.located(sameDay) == [
                "15:59 FRA notified its denunciation already on 2006-01-01 (event e3); a second notice cannot be recorded: to change the first, record a correction of e3"
            ])
        // After its withdrawal took effect and a new accession, a State gives notice again.
        let again = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"], rules: rules,
            events: consents + [
                "date: 2006-01-01, type: denunciation, party: FRA",
                "date: 2007-01-01, type: consent, form: accession, party: FRA",
                "date: 2008-01-01, type: denunciation, party: FRA",
            ])
        #expect(Self.located(again) == [])
        let partial = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"], rules: rules,
            events: [
                "date: 2000-01-10, type: signature, party: FRA", "date: 2000-01-10, type: signature, party: DEU",
                "date: 2000-03-15, type: denunciation, party: FRA",
            ],
            extra: "record: partial\ndocumented: {entry-into-force: 2000-06-01, parties: signatories}")
        #expect(
            Self.located(partial) == [
                "15:59 FRA is not a party on 2000-03-15, the day its denunciation was received (its status then: signatory); only a party can denounce a treaty (VCLT arts. 54, 56); a signature or a consent given before the treaty is in force for a State is withdrawn by a revocation"
            ])
        // After the documented date, the record's word stands for the consent it does not hold.
        let partialAfter = partial.replacingOccurrences(of: "2000-03-15", with: "2001-03-15")
        #expect(Self.located(partialAfter) == [])
    }

    /// An act dated after the treaty ended (its term run out, a termination) is a warning: it has no effect, and
    /// `pacta record` refuses it; a domestic step may follow the end, and a denunciation after it is an error of its
    /// own.
    @Test func anActAfterTheTreatyEndedIsAWarning() {
        let expired = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"],
            rules: "entry-into-force: {when: {consents: 2}}\nduration: {term: {years: 10}}",
            events: [
                "date: 2001-01-01, type: consent, form: accession, party: FRA",
                "date: 2001-01-02, type: consent, form: accession, party: DEU",
                "date: 2012-05-01, type: consent, form: accession, party: ITA",
                "date: 2012-06-01, type: domestic-step, party: ITA, body: Senate, step: debate",
            ])
        let read = Fixtures.read(expired).diagnostics
        #expect(read.allSatisfy { !$0.isError })
        #expect(
            read.map { "\($0.line):\($0.column) \($0.message)" } == [
                "14:20 test-treaty ended on 2011-01-02; an accession by ITA dated 2012-05-01 comes after its end and has no effect under it (VCLT art. 70(1)(a)); pacta record refuses such an act"
            ])
        let terminated = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2}}",
            events: [
                "date: 2001-01-01, type: consent, form: accession, party: FRA",
                "date: 2001-01-02, type: consent, form: accession, party: DEU",
                "date: 2005-01-01, type: termination, cause: agreement",
                // The same day as the end: let through.
                "date: 2005-01-01, type: signature, party: ITA",
                "date: 2006-01-01, type: consent, form: accession, party: ITA",
            ])
        #expect(
            Self.located(terminated) == [
                "15:20 test-treaty ended on 2005-01-01; an accession by ITA dated 2006-01-01 comes after its end and has no effect under it (VCLT art. 70(1)(a)); pacta record refuses such an act"
            ])
    }

    // MARK: - A lone file

    @Test func aLoneFileIsReadWithItsFoldersDeclarations() throws {
        let shipped = try CorpusLoader().load(directory: "\(Fixtures.corpusPath)/unclos-1982.yaml")
        #expect(shipped.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(shipped.corpus.treaties.map(\.id) == ["unclos-1982"])
        #expect(shipped.corpus.entities["org:eu"] != nil)
        // Without an entities.yaml beside it, its organisations are undeclared.
        let folder = TestFolder.url("lone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("unclos-1982.yaml").path
        try FileManager.default.copyItem(atPath: "\(Fixtures.corpusPath)/unclos-1982.yaml", toPath: file)
        let alone = try CorpusLoader().load(directory: file)
        #expect(
            alone.diagnostics.filter(\.isError).map { "\($0.line):\($0.column) \($0.message)" } == [
                "14:13 depositary: organisation 'org:un' is not declared in the corpus's entities.yaml",
                "280:67 party: organisation 'org:eu' is not declared in the corpus's entities.yaml",
                "409:92 party: organisation 'org:eu' is not declared in the corpus's entities.yaml",
            ])
    }
}
