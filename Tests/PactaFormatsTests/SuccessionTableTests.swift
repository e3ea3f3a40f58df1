import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// The corpus's table of successions of States (successions.yaml), treaties never open for signature, and
/// multilateral treaties without a list of negotiating States (issue: successor States and real records).
@Suite struct SuccessionTableTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures/real-treaties")
        .path
    static let loaded = try! CorpusLoader().load(directory: folder)

    func status(_ id: String, on date: String = "2026-11-29") throws -> TreatyStatus {
        let treaty = try #require(Self.loaded.corpus[id])
        return Lifecycle(corpus: Self.loaded.corpus).status(of: treaty, on: d(date))
    }

    @Test func theTableIsRead() {
        let successions = Self.loaded.corpus.successions
        #expect(successions.count >= 30)
        let croatia = successions.first { $0.successor == "HRV" }
        #expect(croatia?.predecessor == "YUG")
        #expect(croatia?.date == d("1991-10-08"))
        #expect(croatia?.mode == .separation)
    }

    /// A State that had ceased succeeds no one after: the table that has Russia continue the USSR and then the USSR
    /// "continue" Russia is refused at the second entry, as `pacta check` says it.
    @Test func aSuccessorThatHadCeasedIsRefused() throws {
        let folder = TestFolder.url("succession-cycle")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        sources:
          s: {title: A source}
        successions:
          - {predecessor: SUN, successor: RUS, mode: continuation, date: 1991-12-25, source: s}
          - {predecessor: RUS, successor: SUN, mode: continuation, date: 1992-01-01, source: s}
          - {predecessor: SDN, successor: SSD, mode: separation, date: 2011-07-09, source: s}
          - {predecessor: SSD, successor: SDN, mode: separation, date: 2012-01-01, source: s}

        """.write(to: folder.appendingPathComponent("successions.yaml"), atomically: true, encoding: .utf8)
        let diagnostics = try CorpusLoader().context(directory: folder.path).diagnostics
        #expect(
            diagnostics.map { "\($0.line):\($0.message)" } == [
                "5:SUN ceased on 1991-12-25 (continued by RUS) and cannot succeed RUS on 1992-01-01"
            ])
    }

    /// CAT: the notifications of succession take effect from the dates of succession (VCSST arts. 17, 23, 34–36).
    @Test func successorStatesUnderTheConventionAgainstTorture() throws {
        let cat = try status("cat-1984")
        #expect(cat.state("HRV")?.consent?.date == d("1992-10-12"))
        #expect(cat.state("HRV")?.entryIntoForce == d("1991-10-08"))
        #expect(cat.state("SVK")?.entryIntoForce == d("1993-01-01"))
        #expect(cat.state("CZE")?.entryIntoForce == d("1993-01-01"))
        let bosnia = try #require(cat.state("BIH"))
        #expect(bosnia.entryIntoForce == d("1992-03-06"))
        #expect(
            bosnia.explanation.contains {
                $0.contains("date from the table of successions, source: WIPO Lex, notes copied from the UN depositary")
            })
        // No caveat of a missing date for them any more.
        #expect(!cat.caveats.contains { $0.hasPrefix("HRV's notification of succession") })
    }

    /// The Vienna Convention for the Protection of the Ozone Layer (UN status table, about 2013): in force on the
    /// ninetieth day after the twentieth instrument (art. 17), the successor States from their dates of succession.
    @Test func viennaOzoneConvention() throws {
        let status = try status("vienna-ozone-1985", on: "1988-09-22")
        #expect(status.entryIntoForce == d("1988-09-22"))
        #expect(status.conditionsMet == d("1988-06-24"))
        #expect(status.states.filter { $0.status == .party }.count == 20)
        let later = try self.status("vienna-ozone-1985")
        let successors = ["HRV", "SVK", "CZE", "BIH", "MNE", "SVN", "MKD"].map {
            "\($0) \(later.state(PartyCode($0))?.entryIntoForce?.description ?? "none")"
        }
        #expect(
            successors == [
                "HRV 1991-10-08", "SVK 1993-01-01", "CZE 1993-01-01", "BIH 1992-03-06", "MNE 2006-06-03",
                "SVN 1991-06-25", "MKD 1991-09-17",
            ])
    }

    @Test func aTreatyNeverOpenForSignature() throws {
        let text = """
            format: 1
            id: amendment-2016
            titles: {en: An amendment adopted by a meeting of the parties}
            kind: multilateral
            signature: not-open
            adopted: {date: 2016-10-15, place: Kigali}
            depositary: org:un
            sources:
              s: {title: A depositary notification, url: "https://example.org/n", accessed: 2026-12-05}
            events:
              - {id: a1, date: 2017-03-01, type: consent, form: ratification, party: FRA, source: s}
              - {id: a2, date: 2017-06-01, type: consent, form: acceptance, party: DEU, source: s}
              - {id: a3, date: 2017-09-01, type: consent, form: approval, party: ITA, source: s}
              - {id: a4, date: 2019-05-02, type: consent, form: ratification, party: ESP, source: s}
            rules:
              entry-into-force:
                when: {consents: 3}
                delay: {fixed-date: 2019-01-01, if-met-later: {days: 90}}
              later-consent: {after: entry-into-force, delay: {days: 90}}
            """
        let (treaty, diagnostics) = Fixtures.read(text, organisations: ["org:un"])
        #expect(diagnostics.map(\.description) == [])
        let status = Lifecycle().status(of: try #require(treaty), on: d("2020-01-01"))
        #expect(status.entryIntoForce == d("2019-01-01"))
        #expect(status.state("ESP")?.entryIntoForce == d("2019-07-31"))
        // Without `signature: not-open`, the same consents are warnings, not errors.
        let (_, warned) = Fixtures.read(
            text.replacingOccurrences(of: "signature: not-open\n", with: ""), organisations: ["org:un"])
        #expect(warned.count == 4)
        #expect(warned.allSatisfy { !$0.isError })
        #expect(
            warned.first?.message
                == "FRA consents by ratification on 2017-03-01 before signing: ratification confirms a signature (VCLT art. 14(1)); no signature of FRA is recorded (where the treaty was never open for signature, say so: 'signature: not-open')"
        )
    }

    @Test func negotiatingStatesAreOptionalForMultilateralTreatiesOnly() {
        let multilateral = """
            format: 1
            id: m-2000
            titles: {en: M}
            kind: multilateral
            adopted: {date: 2000-01-01}
            rules:
              entry-into-force: {when: {consents: 2}}
            """
        #expect(Fixtures.read(multilateral).diagnostics.map(\.description) == [])
        let bilateral = """
            format: 1
            id: b-2000
            titles: {en: B}
            kind: bilateral
            adopted: {date: 2000-01-01}
            """
        #expect(
            Fixtures.read(bilateral, file: "b-2000.yaml").diagnostics.map(\.description) == [
                "b-2000.yaml:1:1: error: a treaty file is missing the field 'negotiating-states' (the two negotiating States)\n   1 | format: 1\n     | ^"
            ])
    }
}
