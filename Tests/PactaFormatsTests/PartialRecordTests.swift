import Foundation
import PactaCore
@testable import PactaFormats
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// A partial record with a documented date, reduced-precision dates, and the corpus's declared scope.
@Suite struct PartialRecordTests {
    static func pact(documented: String, events: String, record: String = "partial") -> String {
        """
        format: 1
        id: test-pact-1990
        titles: {en: Test Pact}
        kind: multilateral
        adopted: {date: 1990-01-10, place: Nowhere}
        depositary: null
        negotiating-states: [FRA, DEU, ITA, ESP]
        record: \(record)
        \(documented)
        sources:
          s: {title: An official list, url: "https://example.org/list", accessed: 2026-12-05}
        events:
        \(events)
        rules:
          entry-into-force: {when: {all-of: signatories}, delay: {days: 30}}
        """
    }

    static let signatures = """
          - {id: tp-sig-fra, date: 1990-01-10, type: signature, party: FRA, source: s}
          - {id: tp-sig-deu, date: 1990-01-10, type: signature, party: DEU, source: s}
          - {id: tp-sig-ita, date: 1990-01-10, type: signature, party: ITA, source: s}
          - {id: tp-rat-fra, date: 1990-05-02, type: consent, form: ratification, party: FRA, source: s}
        """

    @Test func theDocumentedDateBindsTheNamedStatesWhereTheEventsFixNone() throws {
        let treaty = Fixtures.treaty(
            Self.pact(
                documented: "documented: {entry-into-force: 1991-03-01, source: s, parties: [DEU, ITA]}",
                events: Self.signatures))
        let status = Lifecycle().status(of: treaty, on: d("1992-01-01"))
        #expect(status.status == .inForce)
        #expect(status.entryIntoForce == d("1991-03-01"))
        #expect(
            status.explanation.first?.hasPrefix("Entry into force on 1991-03-01 is documented, not computed") == true)
        #expect(status.state("FRA")?.status == .party)
        #expect(status.state("FRA")?.entryIntoForce == d("1991-03-01"))
        #expect(status.state("DEU")?.consent?.form == .unrecorded)
        #expect(status.state("ITA")?.status == .party)
        #expect(status.state("ESP")?.status ?? StateStatus.Value.none == StateStatus.Value.none)
        #expect(
            status.caveats.contains(
                "Entry into force on 1991-03-01 comes from an official record (source: s), not from computation: this file lacks the deposits that would fix it. Bound from that date by the record's word alone: DEU, ITA."
            ))
        // Before the documented date, nothing is in force.
        #expect(Lifecycle().status(of: treaty, on: d("1991-02-28")).status == .notInForce)
        // The timeline (and the calendar from it) says whose date it is.
        let entry = Lifecycle().timeline(of: treaty, through: d("1992-01-01")).first { $0.type == "entry-into-force" }
        #expect(
            entry?.summary
                == "The treaty enters into force, on the date an official record gives (not computed: the file lacks the acts that fix it)"
        )
        #expect(entry?.origin == .documented)
        #expect(entry?.date == d("1991-03-01"))
        // The States bound by the record's word alone: not acts of the file.
        let standIn = Lifecycle().timeline(of: treaty, through: d("1992-01-01")).first {
            $0.type == "consent" && $0.parties == ["DEU"]
        }
        #expect(standIn?.origin == .documented)
        #expect(
            standIn?.summary
                == "DEU: bound from the documented date of entry into force (its instrument is not in the file)")
        #expect(standIn?.note == nil)
    }

    /// Events that fix a later date than the documented one (deposits missing, then a late consent completes the
    /// count) do not move the treaty's entry into force: the documented date stands, and says why; the late
    /// State is bound from its own consent. Events that fix an earlier date give way too.
    @Test func aLaterComputedDateGivesWayToTheDocumentedOne() throws {
        let late =
            Self.signatures + """

                  - {id: tp-rat-deu, date: 1995-06-01, type: consent, form: ratification, party: DEU, source: s}
                  - {id: tp-rat-ita, date: 1995-07-01, type: consent, form: ratification, party: ITA, source: s}
                """
        let treaty = Fixtures.treaty(
            Self.pact(documented: "documented: {entry-into-force: 1991-03-01, source: s, parties: [DEU]}", events: late)
        )
        // The events alone: all three signatories by 1995-07-01, in force 30 days later.
        let status = Lifecycle().status(of: treaty, on: d("1996-01-01"))
        #expect(status.entryIntoForce == d("1991-03-01"))
        #expect(
            status.explanation.first
                == "Entry into force on 1991-03-01 is documented, not computed: an official record gives entry into force on 1991-03-01 (An official list [s]); the events in this file give 1995-07-31, later, which only deposits missing from the file can give (a treaty in force does not enter into force again), so the date is taken from that record, not computed."
        )
        #expect(status.state("FRA")?.entryIntoForce == d("1991-03-01"))
        #expect(status.state("DEU")?.entryIntoForce == d("1991-03-01"))
        #expect(status.state("ITA")?.entryIntoForce == d("1995-07-01"))
        #expect(Lifecycle().status(of: treaty, on: d("1993-01-01")).entryIntoForce == d("1991-03-01"))
        // A documented date after the one the events give (an exchange or a delay the file lacks): the documented
        // date too, on any date asked: not in force before it.
        let early = Fixtures.treaty(
            Self.pact(documented: "documented: {entry-into-force: 1997-01-01, source: s, parties: [DEU]}", events: late)
        )
        let kept = Lifecycle().status(of: early, on: d("1998-01-01"))
        #expect(kept.entryIntoForce == d("1997-01-01"))
        #expect(
            kept.caveats.contains(
                "Entry into force on 1997-01-01 comes from an official record (source: s), not from computation: this file lacks the deposits that would fix it (its events alone give 1995-07-31, earlier)."
            ))
        let between = Lifecycle().status(of: early, on: d("1996-01-01"))
        #expect(between.status != .inForce)
        #expect(between.entryIntoForce == d("1997-01-01"))
    }

    /// The Rio Treaty's file lacks most of its 1948–1950 deposits and records later denunciations, so that its
    /// events meet the two-thirds count only with Venezuela's deposit of 2019: the treaty stays in force since the
    /// documented 1948-12-03 at every date, Brazil bound since then, and the dyad years before 2019 are there
    /// whatever the window asked.
    @Test func theRioTreatyIsInForceSince1948AtEveryDate() throws {
        let corpus = Fixtures.shippedCorpusAsRead
        let rio = try #require(corpus["rio-treaty-1947"])
        let engine = Lifecycle(corpus: corpus)
        for day in ["1949-01-01", "2016-01-01", "2019-08-01", "2025-01-01"] {
            let status = engine.status(of: rio, on: d(day))
            #expect(status.status == .inForce, "\(day)")
            #expect(status.entryIntoForce == d("1948-12-03"), "\(day)")
            #expect(status.state("BRA")?.entryIntoForce == d("1948-12-03"), "\(day)")
        }
    }

    @Test func signatoriesAreEveryRecordedSignatory() throws {
        let treaty = Fixtures.treaty(
            Self.pact(
                documented: "documented: {entry-into-force: 1991-03-01, source: s, parties: signatories}",
                events: Self.signatures))
        let status = Lifecycle().status(of: treaty, on: d("1992-01-01"))
        #expect(status.states.filter { $0.status == .party }.map(\.code.rawValue).sorted() == ["DEU", "FRA", "ITA"])
    }

    @Test func aCompleteRecordNeverTakesTheDocumentedDate() throws {
        let (treaty, _) = Fixtures.read(
            Self.pact(
                documented: "documented: {entry-into-force: 1991-03-01, source: s, parties: signatories}",
                events: Self.signatures, record: "complete"))
        let status = Lifecycle().status(of: try #require(treaty), on: d("1992-01-01"))
        #expect(status.status == .notInForce)
    }

    @Test func reducedPrecisionDatesGiveTheLatestAndSayTheEarliest() throws {
        let treaty = Fixtures.treaty(
            Self.pact(
                documented: "",
                events: Self.signatures + """

                      - {id: tp-rat-deu, date: 1990-07, type: consent, form: ratification, party: DEU, source: s}
                      - {id: tp-rat-ita, date: "1990", type: consent, form: ratification, party: ITA, source: s}
                    """))
        let deu = try #require(treaty.events.first { $0.id == "tp-rat-deu" })
        #expect(deu.date == d("1990-07-31"))
        #expect(deu.earliestDate == d("1990-07-01"))
        #expect(deu.dateText == "1990-07")
        let status = Lifecycle().status(of: treaty, on: d("1991-06-01"))
        // Latest reading: ITA's consent on 1990-12-31, in force 30 days later. Earliest: DEU's on 1990-07-01 is the
        // last of the three (ITA's cannot come before the adoption of 1990-01-10), in force on 1990-07-31.
        #expect(status.entryIntoForce == d("1991-01-30"))
        #expect(
            status.caveats.contains(
                "Entry into force lies between 1990-07-31 and 1991-01-30, as those acts fall in their month or year."))
        #expect(
            status.caveats.contains(
                "The record dates some acts only to a month or a year: tp-rat-deu (consent dated 1990-07), tp-rat-ita (consent dated 1990). Pacta reads each at its latest possible day, so the dates shown are the latest the record allows."
            ))
    }

    @Test func aDateOfReducedPrecisionMustExist() {
        let (_, diagnostics) = Fixtures.read(
            Self.pact(
                documented: "",
                events: Self.signatures + """

                      - {id: tp-rat-deu, date: 1990-13, type: consent, form: ratification, party: DEU, source: s}
                    """))
        #expect(diagnostics.map(\.message) == ["date must be a date YYYY-MM-DD, found '1990-13'"])
    }

    @Test func documentedPartiesNeedADate() {
        let (_, diagnostics) = Fixtures.read(
            Self.pact(documented: "documented: {source: s, parties: [DEU]}", events: Self.signatures))
        #expect(
            diagnostics.map(\.message) == [
                "documented.parties needs documented.entry-into-force: the date they were bound"
            ])
    }
}

/// A corpus file that is not UTF-8 is reported with its name, and every other file is still checked.
@Suite struct UnreadableContextFileTests {
    @Test func aNonUTF8EntitiesFileIsReportedAndTheRestChecked() throws {
        let folder = TestFolder.path("utf8")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data([0x6F, 0x72, 0x67, 0x3A, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: folder + "/entities.yaml"))
        try """
        format: 1
        id: b-2000
        titles: {en: B}
        kind: bilateral
        adopted: {date: 2000-01-01}
        negotiating-states: [FRA]
        """.write(toFile: folder + "/b-2000.yaml", atomically: true, encoding: .utf8)
        let result = try CorpusLoader().load(directory: folder)
        // Sorted by file: the treaty's fault first, then the unreadable entities.
        #expect(
            result.diagnostics.map(\.message) == [
                "a bilateral treaty has exactly two negotiating States, found 1",
                "the file is not UTF-8 text: byte FF here is not UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8",
            ])
        #expect(result.diagnostics.last?.file == folder + "/entities.yaml")
        #expect(result.diagnostics.last.map { ($0.line, $0.column) } ?? (0, 0) == (1, 5))
        // A UTF-16 file is named as such.
        try Data([0xFF, 0xFE, 0x66, 0x00]).write(to: URL(fileURLWithPath: folder + "/entities.yaml"))
        #expect(
            try CorpusLoader().load(directory: folder).diagnostics.last?.message
                == "the file is not UTF-8 text: it is UTF-16 (it starts with the byte order mark FF FE); save it as UTF-8"
        )
        // UTF-16 without a byte order mark, as the zero byte in every other place shows: little-endian (not
        // UTF-8 where a letter is not ASCII) and big-endian (UTF-8 of zero bytes, which YAML refuses), each named
        // (a tester was told of a Latin-1 byte, or of a control character).
        for (text, endian) in [
            ("format: 1\nid: t\u{E9}st\n", String.Encoding.utf16LittleEndian), ("format: 1\n", .utf16BigEndian),
        ] {
            try #require(text.data(using: endian)).write(to: URL(fileURLWithPath: folder + "/entities.yaml"))
            try #require(text.data(using: endian)).write(to: URL(fileURLWithPath: folder + "/b-2000.yaml"))
            let name = endian == .utf16LittleEndian ? "UTF-16LE" : "UTF-16BE"
            let messages = try CorpusLoader().load(directory: folder).diagnostics.map(\.message)
            #expect(
                messages
                    == Array(
                        repeating:
                            "the file is not UTF-8 text: it looks like \(name) without a byte order mark (every other byte is 0); save it as UTF-8",
                        count: 2), "\(messages)")
        }
        // UTF-32, whose little-endian mark begins with UTF-16's, is named as UTF-32 (a tester found it called UTF-16).
        for (bytes, mark) in [
            ([UInt8]([0xFF, 0xFE, 0, 0, 0x66, 0, 0, 0]), "FF FE 00 00"),
            ([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x66], "00 00 FE FF"),
        ] {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/entities.yaml"))
            #expect(
                try CorpusLoader().load(directory: folder).diagnostics.last?.message
                    == "the file is not UTF-8 text: it is UTF-32 (it starts with the byte order mark \(mark)); save it as UTF-8"
            )
        }
    }
}

/// A treaty file is plain data: YAML anchors (and so aliases) are refused before the YAML library reads them,
/// so that a few lines cannot expand into millions of nodes.
@Suite struct AnchorTests {
    @Test func anAliasBombIsRefusedAtItsFirstAnchor() {
        let bomb = """
            format: 1
            id: bomb
            a: &a [x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            ? [*c, *c]
            : 1
            """
        let (treaty, diagnostics) = Fixtures.read(bomb, file: "bomb.yaml")
        #expect(treaty == nil)
        #expect(
            diagnostics.map(\.description) == [
                "bomb.yaml:3:4: error: YAML anchors and aliases (&name, *name) are not used in treaty files; write each value out\n   3 | a: &a [x, x, x, x, x, x, x, x, x]\n     |    ^"
            ])
    }

    @Test func anAmpersandInTextIsNoAnchor() {
        #expect(TreatyFileReader.anchor(in: "note: Trade & Commerce, R&D\ntitle: \"&quoted\" # &comment\n") == nil)
        #expect(TreatyFileReader.anchor(in: "a: [1, &x 2]") ?? (0, 0) == (1, 8))
    }
}

/// Locations are the lines an editor shows, whatever line breaks the YAML library counts.
@Suite struct LocationTests {
    @Test func aLineSeparatorInsideAValueShiftsNoLine() {
        let text =
            "format: 1\nid: x\ntitles: {en: \"a\u{2028}b\u{2028}c\"}\nkind: bilateral\nadopted: {date: 2000-01-01}\nnegotiating-states: [FRA, DEU]\nbad: 1\n"
        let diagnostics = Fixtures.read(text, file: "x.yaml").diagnostics
        #expect(diagnostics.map(\.location) == ["x.yaml:7:1"])
        #expect(diagnostics.first?.sourceLine == "bad: 1")
    }

    @Test func carriageReturnLineEndsGetTheirExcerpt() {
        let text = "format: 1\rid: x\rtitles: {en: T}\rkind: multilateral\radopted: {date: 2000-01-01}\rbad: 1\r"
        let diagnostics = Fixtures.read(text, file: "x.yaml").diagnostics
        #expect(diagnostics.map(\.location) == ["x.yaml:6:1"])
        #expect(diagnostics.first?.sourceLine == "bad: 1")
    }

    @Test func anEmptyFileIsLocatedAtItsFirstLine() {
        #expect(Fixtures.read("", file: "x.yaml").diagnostics.map(\.location) == ["x.yaml:1:1"])
    }
}
