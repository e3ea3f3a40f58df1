import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

@Suite struct TreatyFileReaderTests {
    static var brokenFile: String {
        Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures/broken-treaty.yaml").path
    }

    @Test func reportsOneLocatedErrorPerFault() throws {
        let text = try String(contentsOfFile: Self.brokenFile, encoding: .utf8)
        let (_, diagnostics) = Fixtures.read(text, file: "broken-treaty.yaml")
        let located = diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(
            located == [
                "10:75 unknown field 'signed-by' in a signature event; expected one of: id, date, type, recorded, recorded-by, source, note, party, by",
                "11:20 date: the date 2024-02-30 does not exist",
                "12:74 party: unknown party code 'RUZ'; expected an ISO 3166-1 alpha-3 code (RUS, PRK ...), a former code kept by ISO 3166-3 (SUN, YUG ...), or org:<slug>",
                "13:10 event id 'b1' is used twice in this file (first at line 10)",
                "14:56 CHN is not a negotiating State of this bilateral treaty (RUS and PRK), nor a successor of one: correct the party, or record the state-succession by which it took the place of one of the two",
                "15:20 PRK consents by ratification on 2024-11-13 before signing: ratification confirms a signature (VCLT art. 14(1)); no signature of PRK is recorded (where the treaty was never open for signature, say so: 'signature: not-open')",
                "16:92 source 'tass' is not a key of this file's sources (known: kcna)",
                "19:29 unknown field 'exchange-of-instrument' in a condition (did you mean 'exchange-of-instruments'?); expected one of: exchange-of-instruments, last-notification, consents, treaty-in-force, all-of, majority-of, share, date, all, any, from, excluding, states-only, forms",
                "20:34 years must be a whole number, found the text 'one'",
            ])
    }

    /// A THA–VNM treaty in force on the exchange, with `events` (lines of the list, indented two spaces) and
    /// what the reader says of it.
    static func thVN(_ events: String) -> [Diagnostic] {
        let text = """
            format: 1
            id: th-vn-x
            titles: {en: T}
            kind: bilateral
            adopted: {date: 2026-03-01}
            negotiating-states: [THA, VNM]
            events:
            \(events)
            rules:
              entry-into-force: {when: {exchange-of-instruments: true}}
            """
        return Fixtures.read(text, file: "th-vn-x.yaml").1
    }

    /// An exchange of instruments names each State once: a State named twice stands in for one that did not
    /// exchange (`THA, THA` would put a THA–VNM treaty in force for Viet Nam).
    @Test func anExchangeNamingAStateTwiceIsAnError() throws {
        let diagnostics = Self.thVN(
            "  - {id: e1, date: 2026-05-10, type: exchange-of-instruments, parties: [THA, THA]}")
        #expect(
            diagnostics.map(\.message) == [
                "parties of an exchange of instruments names THA twice; name each State that exchanged its instrument once"
            ])
        #expect(diagnostics.first?.line == 8)
    }

    /// A correction names another event: not itself, not one of a circle of corrections that correct one
    /// another, and it cannot change which event a correction corrects.
    @Test func correctionsThatCorrectThemselvesOrEachOtherAreErrors() throws {
        func messages(_ events: String) -> [String] {
            Self.thVN(
                "  - {id: e1, date: 2026-05-10, type: exchange-of-instruments, parties: [THA, VNM]}\n" + events
            ).map(\.message)
        }
        #expect(
            messages("  - {id: c1, date: 2026-06-01, type: correction, corrects: c1, replace: {date: 2026-05-11}}")
                == ["corrects: a correction cannot correct itself; name the event it corrects"])
        #expect(
            messages(
                """
                  - {id: c1, date: 2026-06-01, type: correction, corrects: c2, replace: {date: 2026-05-11}}
                  - {id: c2, date: 2026-06-02, type: correction, corrects: c1, replace: {date: 2026-05-12}}
                """
            ).filter { $0.hasPrefix("corrects:") } == [
                "corrects: these corrections correct one another in a circle (c1 → c2 → c1); each must correct an event that is not a correction of it",
                "corrects: these corrections correct one another in a circle (c2 → c1 → c2); each must correct an event that is not a correction of it",
            ])
        #expect(
            messages(
                """
                  - {id: c3, date: 2026-06-01, type: correction, corrects: e1, replace: {date: 2026-05-05}}
                  - {id: c4, date: 2026-06-02, type: correction, corrects: c3, replace: {corrects: c4}}
                """
            ).contains(
                "a correction cannot change which event a correction corrects ('corrects'); record a correction of the right event instead"
            ))
    }

    @Test func showsTheSourceLineAndACaret() throws {
        let text = try String(contentsOfFile: Self.brokenFile, encoding: .utf8)
        let (_, diagnostics) = Fixtures.read(text, file: "broken-treaty.yaml")
        let date = try #require(diagnostics.first { $0.line == 11 })
        #expect(
            date.description == """
                broken-treaty.yaml:11:20: error: date: the date 2024-02-30 does not exist
                  11 |   - {id: b2, date: 2024-02-30, type: signature, party: PRK}
                     |                    ^
                """)
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let (treaty, diagnostics) = Fixtures.read("format: 1\nid: x\ntitles: {en: [unclosed\n", file: "bad.yaml")
        #expect(treaty == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.hasPrefix("bad.yaml:") == true)
        #expect(diagnostics.first?.message.hasPrefix("not valid YAML: ") == true)
    }

    /// A control character is located at the character (not inside the message), and an error at the end of a
    /// file without a final line break lies on its last line, not the line after.
    @Test func readerErrorsAndEndOfFileErrorsLieInsideTheFile() {
        let control = Fixtures.read("format: 1\nid: x\u{1}y\n", file: "control.yaml").diagnostics
        #expect(control.map { "\($0.line):\($0.column)" } == ["2:6"])
        #expect(
            control.first?.message
                == "not valid YAML: control characters are not allowed (U+0001); remove the character or write it as an escape in double quotes"
        )
        let cut = Fixtures.read("format: 1\nid: x\ntitles: {en: [unclosed", file: "cut.yaml").diagnostics
        #expect(cut.map(\.line) == [3])
        #expect(cut.first?.sourceLine == "titles: {en: [unclosed")
    }

    /// A file over the size limit is refused before it is read (a 12 MB file of deepening indentation held the
    /// reader for 9 s); a file that is not UTF-8 is located at its first byte that is not; the other files are
    /// still read.
    @Test func oversizedAndNonUTF8FilesAreOneLocatedErrorEach() throws {
        let folder = TestFolder.url("size")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = "format: 1\nid: big\nnote: \"" + String(repeating: "x", count: CorpusFiles.maximumBytes) + "\"\n"
        try big.write(to: folder.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
        try Data([0x66, 0x6F, 0x72, 0x6D, 0x61, 0x74, 0x3A, 0x20, 0x31, 0x0A, 0xFF, 0x0A]).write(
            to: folder.appendingPathComponent("latin.yaml"))
        try FileManager.default.copyItem(
            atPath: "\(Fixtures.corpusPath)/ru-kp-2024-partnership.yaml",
            toPath: folder.appendingPathComponent("ru-kp-2024-partnership.yaml").path)
        let result = try CorpusLoader().load(directory: folder.path)
        #expect(result.corpus.treaties.map(\.id) == ["ru-kp-2024-partnership"])
        #expect(
            result.diagnostics.filter(\.isError).map {
                "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line):\($0.column): \($0.message)"
            } == [
                "big.yaml:1:1: the file is \(big.utf8.count) bytes, over the limit of 10000000 bytes for a corpus file; split it (one treaty a file) or remove what is not the treaty's record",
                "latin.yaml:2:1: the file is not UTF-8 text: byte FF here is not UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8",
            ])
    }

    /// A named pipe or a folder under a treaty file's name is refused at once as unreadable, saying what it is:
    /// nothing waits on a pipe no one writes to.
    @Test func aPipeOrAFolderIsRefusedNotWaitedOn() throws {
        let pipe = TestFolder.url("pipe", suffix: ".yaml").path
        let folder = TestFolder.url("folder", suffix: ".yaml").path
        defer {
            try? FileManager.default.removeItem(atPath: pipe)
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(mkfifo(pipe, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (path, why) in [(pipe, "it is a named pipe, not a file"), (folder, "it is a folder, not a file")] {
            let error = #expect(throws: Diagnostic.self) { try CorpusFiles.text(ofFile: path) }
            #expect(error?.message == "the file cannot be read: \(why)")
            #expect(error?.file == path)
        }
        // A link to nothing: the system's reason.
        let link = TestFolder.url("link", suffix: ".yaml").path
        defer { try? FileManager.default.removeItem(atPath: link) }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "\(link).nothing")
        let error = #expect(throws: Diagnostic.self) { try CorpusFiles.text(ofFile: link) }
        #expect(error?.message == "the file cannot be read: no such file or directory")
    }

    /// A file that changes while it is read is read again: the text returned is the one saved last; a file that
    /// changes at every read is refused with a located error.
    @Test func aFileChangingWhileReadIsReadAgain() throws {
        let path = TestFolder.url("race", suffix: ".yaml")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "format: 1\nid: half".write(toFile: path, atomically: false, encoding: .utf8)
        var reads = 0
        let text = try CorpusFiles.text(ofFile: path) {
            reads += 1
            if reads == 1 {
                try? "format: 1\nid: whole-file\n".write(toFile: path, atomically: false, encoding: .utf8)
            }
        }
        #expect(text == "format: 1\nid: whole-file\n")
        #expect(reads == 2)
        var count = 0
        let error = #expect(throws: Diagnostic.self) {
            try CorpusFiles.text(ofFile: path) {
                count += 1
                try? String(repeating: "#", count: count).write(toFile: path, atomically: false, encoding: .utf8)
            }
        }
        #expect(error?.line == 1)
        #expect(
            error?.message == "the file changed each of the 3 times it was read; run the command again once it is saved"
        )
    }

    /// A list left open is found on the next line: the message names the line it started on and says in plain
    /// words what usually causes it.
    @Test func aSyntaxErrorSaysWhereItStartedAndWhatItUsuallyMeans() {
        let (_, diagnostics) = Fixtures.read(
            "format: 1\nid: a\nnegotiating-states: [FRA, DEU\nkind: bilateral\n", file: "open.yaml")
        #expect(
            diagnostics.map(\.description) == [
                "open.yaml:4:5: error: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence started on line 3); a list in [ ] is not closed, or two of its items lack a comma between them\n   4 | kind: bilateral\n     |     ^"
            ])
        let (_, tab) = Fixtures.read(
            "format: 1\nid: a\nreferences: {atop: \"1\"}\n\tkind: bilateral\n", file: "tab.yaml")
        #expect(
            tab.first?.message
                == "not valid YAML: found character that cannot start any token (while scanning for the next token); a tab, or another character that cannot start a value: YAML indents with spaces"
        )
        let (_, indent) = Fixtures.read("format: 1\nid: a\n\tkind: bilateral\n", file: "tab.yaml")
        #expect(
            indent.first?.message
                == "not valid YAML: found a tab character that violates indentation (while scanning a plain scalar started on line 2); YAML indents with spaces, never with tabs"
        )
    }

    @Test func duplicateKeysAreReported() {
        let (_, diagnostics) = Fixtures.read("format: 1\nid: a\nid: b\n", file: "dup.yaml")
        #expect(
            diagnostics.map(\.message) == [
                "the field 'id' (first on line 2) is given again in the same mapping; keep one of the two"
            ])
        #expect(diagnostics.first?.line == 3)  // where it is given again; Yams pointed at the first of the two
    }

    @Test func emptyFileAndMissingFields() {
        #expect(
            Fixtures.read("", file: "empty.yaml").diagnostics.map(\.message) == [
                "the file is empty; a treaty file starts with 'format: 1' and 'id: ...'"
            ])
        let missing = Fixtures.read("format: 1\nid: x\n", file: "m.yaml").diagnostics.map(\.message)
        #expect(
            missing == [
                "a treaty file is missing the field 'titles' (titles by language, at least one)",
                "a treaty file is missing the field 'kind' (bilateral or multilateral)",
                "a treaty file is missing the field 'adopted' ({date: YYYY-MM-DD, place: ...})",
            ])
    }

    @Test func signatureRequiredByTheTreaty() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "signature-required: true\nentry-into-force: {when: {consents: 1}}",
            events: ["date: 2001-01-10, type: consent, form: acceptance, party: FRA"])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "FRA consents by acceptance on 2001-01-10 before signing: this treaty requires signature before consent (rules.signature-required); no signature of FRA is recorded"
            ])
    }

    @Test func aPartialRecordMayLackTheSignatureButNotHaveItLate() {
        let missing = TreatyYAML.multilateral(
            negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
            events: ["date: 2001-01-10, type: consent, form: ratification, party: FRA"], extra: "record: partial")
        #expect(Fixtures.read(missing).diagnostics.isEmpty)
        let late = TreatyYAML.multilateral(
            negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
            events: [
                "date: 2001-01-10, type: consent, form: ratification, party: FRA",
                "date: 2001-02-10, type: signature, party: FRA",
            ], extra: "record: partial")
        #expect(
            Fixtures.read(late).diagnostics.map(\.message) == [
                "FRA consents by ratification on 2001-01-10 before signing: ratification confirms a signature (VCLT art. 14(1)); its signature is dated 2001-02-10, after the consent"
            ])
    }

    @Test func aDocumentedEntryIntoForceIsCheckedAgainstTheEvents() throws {
        func yaml(_ record: String, _ date: String) -> String {
            TreatyYAML.multilateral(
                negotiating: [], rules: "entry-into-force: {when: {consents: 2}, delay: {days: 30}}",
                events: [
                    "date: 2001-01-10, type: consent, form: accession, party: FRA",
                    "date: 2001-02-10, type: consent, form: accession, party: DEU",
                ],
                extra:
                    "record: \(record)\ndocumented: {entry-into-force: \(date), source: un}\nsources: {un: {title: UNTS}}"
            )
        }
        #expect(Fixtures.read(yaml("complete", "2001-03-12")).diagnostics.isEmpty)
        #expect(
            Fixtures.read(yaml("complete", "2001-03-13")).diagnostics.map(\.message) == [
                "documented entry into force 2001-03-13 differs from the date the events give (2001-03-12); correct the events, or mark the file 'record: partial'"
            ])
        // A partial record may differ: the documented date stands, and every status says what the events give.
        let partial = Fixtures.read(yaml("partial", "2001-03-13"))
        #expect(partial.diagnostics.isEmpty)
        let status = Lifecycle().status(of: try #require(partial.treaty), on: Fixtures.date("2002-01-01"))
        #expect(status.entryIntoForce == Fixtures.date("2001-03-13"))
        #expect(
            status.caveats.contains(
                "Entry into force on 2001-03-13 comes from an official record (source: un), not from computation: this file lacks the deposits that would fix it (its events alone give 2001-03-12, earlier)."
            ))
    }

    @Test func referencesBetweenEventsMustMakeSense() {
        let yaml = TreatyYAML.multilateral(
            negotiating: [], rules: "entry-into-force: {when: {consents: 1}}",
            events: [
                "date: 2001-01-10, type: consent, form: accession, party: FRA",
                "date: 2001-01-10, type: reservation, party: FRA, articles: [\"5\"]",
                "date: 2001-03-01, type: objection, party: FRA, to: e2",
                "date: 2001-01-05, type: objection, party: DEU, to: e2",
                "date: 2001-04-01, type: objection, party: DEU, to: e1",
                "date: 2001-05-01, type: withdrawal-of-reservation, party: DEU, to: e2",
                "date: 2001-06-01, type: denunciation, party: FRA, effective: 2001-05-01",
            ])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "to: FRA cannot object to its own reservation e2",
                "to: the objection of 2001-01-05 comes before the reservation e2 it answers (2001-01-10)",
                "to: 'e1' is a consent, not a reservation or declaration; an objection answers a reservation",
                "to: e2 was made by FRA; only FRA can withdraw it (VCLT art. 22)",
                "effective: the notice of 2001-06-01 cannot name an earlier date (2001-05-01) for its effect",
            ])
    }

    @Test func conditionsMustNameDefinedSetsAndTables() {
        let yaml = TreatyYAML.multilateral(
            negotiating: [],
            rules: """
                entry-into-force: {when: {all: [{consents: 2, from: annex-9}, {share: {weight: gdp, at-least: 0.5}}, {share: {weight: zero, at-least: 0.5}}]}, delay: {first-day-of-month: 0}}
                dissolution: {parties-below: -1}
                """,
            events: [], extra: "weights: {zero: {values: {FRA: 0}}, neg: {values: {FRA: -2}}}")
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "the weight of FRA must be a number of 0 or more",
                "a condition names the party set 'annex-9', which the file's sets do not define (known: signatories, negotiating-states)",
                "a share condition names the weight table 'gdp', which the file's weights do not define (known: neg, zero)",
                "the weight table 'zero' adds up to 0: no share of it can be reached",
                "first-day-of-month counts months after the month the condition is met: 1 or more, found 0",
                "parties-below is a number of parties, 1 or more; found -1",
            ])
    }

    @Test func alpha2CodesGetAHint() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FR"], rules: "entry-into-force: {when: {consents: 1}}", events: [])
        #expect(
            Fixtures.read(yaml).diagnostics.first?.message
                == "an item of negotiating-states: unknown party code 'FR' (that looks like an alpha-2 code; the alpha-3 code is 'FRA'); expected an ISO 3166-1 alpha-3 code (RUS, PRK ...), a former code kept by ISO 3166-3 (SUN, YUG ...), or org:<slug>"
        )
    }

    @Test func undeclaredOrganisationsAreUnknown() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: ["date: 2001-01-10, type: consent, form: formal-confirmation, party: \"org:eu\""])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "party: organisation 'org:eu' is not declared in the corpus's entities.yaml"
            ])
        #expect(Fixtures.read(yaml, organisations: ["org:eu"]).diagnostics.isEmpty)
    }

    @Test func eventsBeforeAdoptionAreErrors() {
        let yaml = TreatyYAML.multilateral(
            adopted: "2001-01-01", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: ["date: 2000-12-31, type: consent, form: accession, party: FRA"])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "a consent on 2000-12-31 comes before the treaty was adopted (2001-01-01); only domestic steps may"
            ])
    }

    @Test func lengthsOutsideTheCalendarAreErrorsNotCrashes() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA"],
            rules:
                "entry-into-force: {when: {consents: 1}, delay: {days: 9223372036854775807}}\nduration: {term: {years: 0}}",
            events: [])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "days must be at most 366000; found 9223372036854775807", "a term cannot be zero",
            ])
        let empty = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "entry-into-force: {when: {all: []}}", events: [])
        #expect(Fixtures.read(empty).diagnostics.map(\.message) == ["all needs at least one condition"])
    }

    @Test func treatyInForceCyclesAndUnknownTreatiesAreReported() {
        func treaty(_ id: String, _ condition: String) -> Treaty {
            Fixtures.treaty(
                TreatyYAML.multilateral(
                    id: id, negotiating: ["FRA"], rules: "entry-into-force: {when: \(condition)}", events: []))
        }
        let diagnostics = CorpusLoader.references(
            [
                treaty("a-treaty", "{any: [{treaty-in-force: b-treaty}, {consents: 1}]}"),
                treaty("b-treaty", "{treaty-in-force: a-treaty}"), treaty("c-treaty", "{treaty-in-force: nowhere}"),
            ], files: [:])
        #expect(
            diagnostics.map(\.message) == [
                "treaty-in-force names 'nowhere', which is not a treaty of the corpus",
                "treaty-in-force conditions form a cycle (a-treaty → b-treaty → a-treaty): no date of entry into force can be computed",
                "treaty-in-force conditions form a cycle (a-treaty → b-treaty → a-treaty): no date of entry into force can be computed",
            ])
        // Once in each file of the cycle.
        #expect(Set(diagnostics.dropFirst().map(\.file)) == ["a-treaty", "b-treaty"])
    }

    @Test func everyEventTypeOfTheSpecIsRead() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU"],
            rules: "entry-into-force: {when: {consents: 2}}\nduration: {term: {years: 10}}",
            events: [
                "date: 2001-01-01, type: signature, party: FRA, by: Minister",
                "date: 2001-01-01, type: signature, party: DEU",
                "date: 2001-02-01, type: domestic-step, party: FRA, body: Parliament, step: approved",
                "date: 2001-03-01, type: consent, form: ratification, party: FRA",
                "date: 2001-03-01, type: reservation, party: FRA, articles: [\"4\"], summary: not art. 4",
                "date: 2001-03-01, type: declaration, party: FRA, summary: reading of art. 2",
                "date: 2001-04-01, type: objection, party: DEU, to: e5, precludes-entry-into-force: false",
                "date: 2001-05-01, type: withdrawal-of-reservation, party: FRA, to: e5",
                "date: 2001-05-01, type: provisional-application, party: DEU, until: 2002-01-01",
                "date: 2001-06-01, type: consent, form: ratification, party: DEU",
                "date: 2001-07-01, type: notification, party: DEU, of: internal-procedures",
                "date: 2001-08-01, type: suspension, articles: [\"7\"]",
                "date: 2001-09-01, type: resumption, articles: [\"7\"]",
                "date: 2001-09-15, type: extension, term: {years: 5}",
                "date: 2001-10-01, type: invocation, party: FRA, provision: p1, summary: claim",
                "date: 2002-01-01, type: denunciation, party: DEU, effective: 2003-06-01",
                "date: 2002-02-01, type: revocation, party: FRA, of: signature",
                "date: 2002-03-01, type: state-succession, predecessor: DEU, successor: AUT, mode: separation",
                "date: 2002-04-01, type: correction, corrects: e4, replace: {date: 2001-03-02}",
                "date: 2003-01-01, type: exchange-of-instruments, parties: [FRA, DEU]",
                "date: 2004-01-01, type: termination, cause: agreement",
            ])
        let (treaty, diagnostics) = Fixtures.read(yaml)
        #expect(diagnostics.isEmpty)
        #expect(Set(treaty?.events.map(\.typeName) ?? []) == Set(Event.typeNames))
    }

    /// The fields Pacta adds to events for treaty law (VCLT arts. 39, 40(5), 58), read and checked.
    @Test func suspensionTowardsExtensionAndNotBoundBy() throws {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU", "ITA"],
            rules: "entry-into-force: {when: {consents: 2}}\nduration: {term: {years: 10}}",
            events: [
                "date: 2001-08-01, type: suspension, party: FRA, towards: [DEU], articles: [\"5\"]",
                "date: 2001-09-01, type: resumption, party: FRA, towards: [DEU], articles: [\"5\"]",
                "date: 2001-09-15, type: extension, term: {years: 5}",
                "date: 2001-10-01, type: declaration, party: ITA, not-bound-by: some-protocol",
            ])
        let (treaty, diagnostics) = Fixtures.read(yaml)
        #expect(diagnostics.isEmpty)
        let kinds = try #require(treaty?.events.map(\.kind))
        #expect(kinds[0] == .suspension(party: "FRA", articles: ["5"], towards: ["DEU"]))
        #expect(kinds[1] == .resumption(party: "FRA", articles: ["5"], towards: ["DEU"]))
        #expect(kinds[2] == .extensionOfTerm(term: Span(years: 5)))
        #expect(kinds[3] == .declaration(party: "ITA", articles: [], summary: nil, notBoundBy: "some-protocol"))
        func errors(_ event: String, rules: String = "duration: {term: {years: 10}}") -> [String] {
            Fixtures.read(
                TreatyYAML.multilateral(
                    negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2}}\n" + rules,
                    events: [event])
            ).diagnostics.map(\.message)
        }
        #expect(
            errors("date: 2001-08-01, type: suspension, towards: [DEU]") == [
                "towards: a suspension between some parties only names its author as party (party: USA, towards: [NZL])"
            ])
        #expect(
            errors("date: 2001-08-01, type: suspension, party: FRA, towards: [FRA]") == [
                "towards: FRA cannot suspend the treaty towards itself"
            ])
        #expect(
            errors("date: 2001-08-01, type: extension, term: {years: 5}", rules: "duration: indefinite") == [
                "an extension lengthens a fixed term (rules.duration.term), and this treaty's duration is indefinite"
            ])
        #expect(
            errors("date: 2001-08-01, type: extension, term: {days: 0}") == [
                "term: an extension lengthens the term; a zero length extends nothing"
            ])
    }

    @Test func instrumentNumbersAreHeldToTheRecord() {
        func messages(_ record: String, _ events: [String]) -> [String] {
            Fixtures.read(
                TreatyYAML.multilateral(
                    negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 3}}", events: events,
                    extra: record)
            ).diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        }
        let events = [
            "date: 2001-01-01, type: consent, form: accession, party: FRA",
            "date: 2001-02-01, type: consent, form: accession, party: DEU",
            "date: 2001-02-01, type: consent, form: accession, party: ITA, instrument-number: 4",
        ]
        // Complete record: 3 consents up to 2001-02-01 cannot make a 4th; a partial record may lack one.
        #expect(
            messages("", events) == [
                "13:95 instrument-number 4: the file records 3 consents deposited up to 2001-02-01 (this one included), so e3 cannot be the 4th instrument; add the missing consents, correct the number, or mark the file 'record: partial'"
            ])
        #expect(messages("record: partial", events) == [])
        // The 2nd of the day, or the 3rd: both fit a day that brought the count from 1 to 3.
        for number in [2, 3] {
            #expect(
                messages(
                    "",
                    ["date: 2001-01-01, type: consent, form: accession, party: FRA"] + events[1...1]
                        + ["date: 2001-02-01, type: consent, form: accession, party: ITA, instrument-number: \(number)"]
                ) == [])
        }
        // Too many recorded before it, even in a partial record; numbers that fall with the date; a 0th.
        #expect(
            messages(
                "record: partial",
                [
                    "date: 2001-01-01, type: consent, form: accession, party: FRA, instrument-number: 5",
                    "date: 2001-02-01, type: consent, form: accession, party: DEU",
                    "date: 2001-03-01, type: consent, form: accession, party: ITA, instrument-number: 1",
                    "date: 2001-04-01, type: consent, form: accession, party: ESP, instrument-number: 0",
                ]) == [
                    "13:95 instrument-number 1: the file records 2 consents deposited before 2001-03-01, so e3 cannot be the 1st instrument; correct the number or the dates",
                    "13:95 instrument-number 1 of e3 (2001-03-01) is below 5, the number of e1 (2001-01-01); the depositary numbers instruments in the order of deposit",
                    "14:95 instrument-number is the depositary's count, from 1 (the first instrument) to 100000, found 0",
                ])
        // Numbers of one day in any file order; more consents between two numbered days than their numbers allow.
        #expect(
            messages(
                "record: partial",
                [
                    "date: 2001-01-01, type: consent, form: accession, party: FRA, instrument-number: 11",
                    "date: 2001-01-01, type: consent, form: accession, party: DEU, instrument-number: 10",
                    "date: 2001-02-01, type: consent, form: accession, party: ITA",
                    "date: 2001-02-01, type: consent, form: accession, party: ESP",
                    "date: 2001-03-01, type: consent, form: accession, party: PRT, instrument-number: 12",
                    "date: 2001-04-01, type: consent, form: accession, party: BEL, instrument-number: 9223372036854775807",
                ]) == [
                    "15:95 instrument-number 12: the file records 3 consents deposited after 2001-01-01 up to 2001-03-01, but e1 was the 11th, so e5 cannot be the 12th; correct a number or the dates",
                    "16:95 instrument-number is the depositary's count, from 1 (the first instrument) to 100000, found 9223372036854775807",
                ])
        // A correction that moves a numbered consent is checked as corrected.
        #expect(
            messages(
                "",
                [
                    "date: 2001-01-01, type: consent, form: accession, party: FRA",
                    "date: 2001-02-01, type: consent, form: accession, party: DEU",
                    "date: 2001-03-01, type: consent, form: accession, party: ITA, instrument-number: 3",
                    "date: 2001-03-01, recorded: 2002-01-01, type: correction, corrects: e3, replace: {date: 2000-12-01}",
                ]) == [
                    "13:95 instrument-number 3: the file records 1 consent deposited up to 2000-12-01 (this one included), so e3 cannot be the 3rd instrument; add the missing consents, correct the number, or mark the file 'record: partial'"
                ])
    }

    /// A number too large for any count is said to be too large, not "not a whole number"; a length out of range
    /// is reported once, not again as "a term cannot be zero".
    @Test func numbersTooLargeAreSaidToBe() {
        let yaml = TreatyYAML.multilateral(
            negotiating: ["FRA"],
            rules:
                "entry-into-force: {when: {consents: 99999999999999999999}}\nduration: {term: {years: 9223372036854775807}}",
            events: ["date: 2000-02-01, type: consent, form: accession, party: FRA"])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "consents is too large a number: 99999999999999999999",
                "years must be from 0 to 1000; found 9223372036854775807",
            ])
    }

    @Test func successionsThatCannotBe() {
        let yaml = TreatyYAML.multilateral(
            adopted: "1980-01-01", negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 1}}",
            events: [
                "date: 1990-01-01, type: state-succession, predecessor: CSK, successor: CZE, mode: succession",
                "date: 1991-01-01, type: consent, form: accession, party: CSK",
                "date: 1992-01-01, type: state-succession, predecessor: FRA, successor: FRA, mode: continuation",
                "date: 1993-01-01, type: state-succession, predecessor: SVK, successor: CSK, mode: continuation",
            ])
        #expect(
            Fixtures.read(yaml).diagnostics.map(\.message) == [
                "CSK ceased on 1990-01-01 (e1); an act of 1991-01-01 belongs to its successor",
                "FRA cannot succeed itself",
                "CSK ceased on 1990-01-01 (e1) and cannot succeed SVK on 1993-01-01",
            ])
    }

    @Test func numbersFollowTheConditionsCount() {
        // Under a count of ratifications and accessions, a succession is not numbered, nor counted before one.
        let forms = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 2, forms: [ratification, accession]}}",
            events: [
                "date: 2001-01-01, type: consent, form: accession, party: FRA",
                "date: 2001-02-01, type: consent, form: succession, party: SVK, instrument-number: 2",
                "date: 2001-03-01, type: consent, form: accession, party: ITA, instrument-number: 2",
            ], extra: "record: partial")
        #expect(
            Fixtures.read(forms).diagnostics.map(\.message) == [
                "instrument-number on e2: an instrument of succession, a form the count leaves out (rules.entry-into-force); the depositary's number counts only what the condition counts"
            ])
        // Two corrections of one consent: the later-recorded one governs, whatever the file order.
        let corrected = TreatyYAML.multilateral(
            negotiating: ["FRA"], rules: "entry-into-force: {when: {consents: 3}}",
            events: [
                "date: 2000-01-01, type: consent, form: accession, party: FRA",
                "date: 2000-02-01, type: consent, form: accession, party: DEU",
                "date: 2000-04-01, type: consent, form: accession, party: ITA, instrument-number: 3",
                "date: 2001-02-01, type: correction, corrects: e3, replace: {date: 2000-03-10}",
                "date: 2001-01-01, type: correction, corrects: e3, replace: {date: 2000-01-10}",
            ])
        let (treaty, diagnostics) = Fixtures.read(corrected)
        #expect(diagnostics.isEmpty)
        let status = Lifecycle().status(of: treaty!, on: Fixtures.date("2001-12-31"))
        #expect(status.state("ITA")?.consent?.date.description == "2000-03-10")
        #expect(status.entryIntoForce?.description == "2000-03-10")
    }

    @Test func aTreatyOfUnknownKindIsNotComputed() {
        // A misspelt kind would otherwise be read as bilateral, with wrong dates for every State.
        let yaml = TreatyYAML.multilateral(rules: "entry-into-force: {when: {consents: 1}}", events: [])
            .replacingOccurrences(of: "kind: multilateral", with: "kind: multilaterall")
        let (treaty, diagnostics) = Fixtures.read(yaml)
        #expect(treaty == nil)
        #expect(diagnostics.map(\.message).contains { $0.hasPrefix("kind: ") || $0.contains("multilaterall") })
    }
}
