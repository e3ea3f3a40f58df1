import Foundation
import PactaTestSupport
import Testing

/// `pacta new` and `pacta record` on a temporary corpus, as a treaty officer would use them.
@Suite struct DeskCLITests {
    /// A temporary corpus with the shipped entities, and the environment every command there runs with.
    struct Desk {
        let folder: URL
        let environment = ["PACTA_TODAY": "2026-12-05", "PACTA_USER": "clerk1"]

        init() throws {
            folder = TestFolder.url("desk")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/entities.yaml",
                toPath: folder.appendingPathComponent("entities.yaml").path)
        }

        func run(_ arguments: [String]) async throws -> CLI.Output {
            try await CLI.run(arguments + ["--corpus", folder.path], environment: environment)
        }

        func text(_ id: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("\(id).yaml"), encoding: .utf8)
        }

        /// A bilateral treaty THA–VNM, entering into force 30 days after the exchange.
        func newBilateral() async throws -> String {
            let made = try await run([
                "new", "th-vn-2026-friendship", "--kind", "bilateral", "--title",
                "Treaty of Friendship between Thailand and Viet Nam", "--parties", "THA,VNM", "--adopted", "2026-03-01",
                "--place", "Hanoi", "--delay", "30d",
            ])
            #expect(made.status == 0, "\(made.stderr)")
            return "th-vn-2026-friendship"
        }
    }

    @Test func newThenTwoRatificationsAndAnExchangeGiveATreatyInForceAfterItsDelay() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        #expect(try await desk.run(["check", desk.folder.path]).status == 0)
        let before = try desk.text(id)
        let tha = try await desk.run([
            "record", id, "consent", "--form", "ratification", "--party", "THA", "--date", "2026-04-02",
        ])
        #expect(tha.status == 0, "\(tha.stderr)")
        #expect(tha.stdout.contains("THA on 2026-12-05: none → contracting-state"))
        let vnm = try await desk.run([
            "record", id, "consent", "--form", "ratification", "--party", "VNM", "--date", "2026-04-20",
        ])
        #expect(vnm.status == 0, "\(vnm.stderr)")
        let exchange = try await desk.run([
            "record", id, "exchange-of-instruments", "--parties", "THA,VNM", "--date", "2026-05-10", "--place",
            "Bangkok",
        ])
        #expect(exchange.status == 0, "\(exchange.stderr)")
        #expect(exchange.stdout.contains("status of th-vn-2026-friendship on 2026-12-05: not-in-force → in-force"))
        #expect(exchange.stdout.contains("entry into force for THA: none → 2026-06-09"))
        let status = try await desk.run(["status", id, "--on", "2026-07-01", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "in-force")
        #expect(json["entry-into-force"] as? String == "2026-06-09")
        #expect(try await desk.run(["check", desk.folder.path]).status == 0)
        // The file differs from before only by the three appended lines, at the end of the events.
        let after = try desk.text(id)
        #expect(
            after == before + """
                  - {id: th-vn-2026-friendship-ratification-tha, date: 2026-04-02, type: consent, party: THA, form: ratification, recorded: 2026-12-05, recorded-by: clerk1}
                  - {id: th-vn-2026-friendship-ratification-vnm, date: 2026-04-20, type: consent, party: VNM, form: ratification, recorded: 2026-12-05, recorded-by: clerk1}
                  - {id: th-vn-2026-friendship-exchange-of-instruments, date: 2026-05-10, type: exchange-of-instruments, parties: [THA, VNM], place: Bangkok, recorded: 2026-12-05, recorded-by: clerk1}

                """)
    }

    @Test func aRecordInAHandWrittenFileKeepsEveryOtherByte() async throws {
        let desk = try Desk()
        // Comments, quoting, block and flow items, and keys after the events: all kept.
        let text = """
            format: 1   # version
            id: fr-it-1960-example
            titles: {en: 'Treaty of Friendship (example)'}
            kind: bilateral
            adopted: {date: 1960-01-10, place: Rome}
            negotiating-states: [FRA, ITA]
            sources:
              mfa: {title: "Record", url: "https://example.org"}
            events:
              # the signatures
              - {id: s-fra, date: 1960-01-10, type: signature, party: FRA, source: mfa}
              - id: s-ita
                date: 1960-01-10
                type: signature
                party: ITA   # Rome
              # more to come
            rules:
              entry-into-force: {when: {exchange-of-instruments: true}}

            """
        try text.write(
            to: desk.folder.appendingPathComponent("fr-it-1960-example.yaml"), atomically: true, encoding: .utf8)
        let out = try await desk.run([
            "record", "fr-it-1960-example", "consent", "--form", "ratification", "--party", "FRA", "--date",
            "1960-03-01",
            "--source", "mfa", "--note", "Décret n° 60-1, \"JO\" p. 3",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let expected = text.replacingOccurrences(
            of: "    party: ITA   # Rome\n",
            with:
                "    party: ITA   # Rome\n  - {id: fr-it-1960-example-ratification-fra, date: 1960-03-01, type: consent, party: FRA, form: ratification, source: mfa, note: \"Décret n° 60-1, \\\"JO\\\" p. 3\", recorded: 2026-12-05, recorded-by: clerk1}\n"
        )
        #expect(try desk.text("fr-it-1960-example") == expected)
        #expect(try await desk.run(["check", desk.folder.path]).status == 0)
    }

    /// Each refusal, with its sentence; the file is unchanged after every one.
    @Test(arguments: [
        (
            ["consent", "--form", "ratification", "--party", "FRA", "--date", "2026-04-02"],
            "FRA is not a negotiating State of this bilateral treaty (THA and VNM): only they, or their successors, can consent to be bound by it."
        ),
        (
            ["exchange-of-instruments", "--parties", "THA,VNM", "--date", "2026-05-10"],
            "An exchange of instruments needs both consents first: no consent of VNM to be bound is recorded on or before 2026-05-10. Record its ratification (or other consent) first."
        ),
        (
            ["exchange-of-instruments", "--parties", "THA,VNM,FRA", "--date", "2026-05-10"],
            "FRA is not a negotiating State of this bilateral treaty (THA and VNM): the instruments are exchanged between them, or their successors."
        ),
        (
            ["denunciation", "--party", "THA", "--date", "2026-05-01"],
            "THA is not a party to th-vn-2026-friendship on 2026-05-01 (its status then: contracting-state); only a party can denounce a treaty."
        ),
        (
            ["objection", "--party", "VNM", "--to", "th-vn-2026-friendship-ratification-tha", "--date", "2026-05-01"],
            "An objection must name a reservation, and th-vn-2026-friendship-ratification-tha is a ratification by THA; an objection answers a reservation (VCLT arts. 20-21)."
        ),
        (
            ["signature", "--party", "THA", "--date", "2026-01-01"],
            "The text of th-vn-2026-friendship was adopted on 2026-03-01; a signature by THA dated 2026-01-01 cannot come before it."
        ),
        (
            ["consent", "--form", "ratification", "--party", "THA", "--date", "2026-06-01"],
            "THA has already consented to be bound: its ratification of 2026-04-02 (event th-vn-2026-friendship-ratification-tha) stands, so a second consent cannot be recorded."
        ),
        (
            ["signature", "--party", "THA", "--date", "2026-05-01"],
            "THA has already consented to be bound: its ratification of 2026-04-02 (event th-vn-2026-friendship-ratification-tha); a signature comes before the consent it prepares (VCLT arts. 12, 14), so it cannot be recorded after it."
        ),
        (
            ["reservation", "--party", "VNM", "--date", "2026-05-01", "--summary", "On art. 2"],
            "A reservation is made when a State signs or consents to be bound (VCLT art. 19): VNM has neither signed nor consented by 2026-05-01."
        ),
        (
            ["signature", "--party", "VNM", "--date", "2027-01-01"],
            "The act is dated 2027-01-01, after today (2026-12-05): record an act once it has taken place."
        ),
        (
            ["correction", "--corrects", "th-vn-2026-friendship-ratification-tha", "--replace", "date=2030-01-01"],
            "The correction dates the act 2030-01-01, after today (2026-12-05): an act is recorded, or corrected, once it has taken place."
        ),
        (
            ["signature", "--party", "VNM", "--date", "2026-03-01", "--note", "a\u{07}b"],
            "The note holds control characters (or a Unicode line separator or a bidirectional override); write it as plain text."
        ),
        (
            ["signature", "--party", "VNM", "--date", "2026-03-01", "--note", "a\u{202E}b"],
            "The note holds control characters (or a Unicode line separator or a bidirectional override); write it as plain text."
        ),
        (
            ["correction", "--corrects", "th-vn-2026-friendship-ratification-tha", "--replace", "party=FRA"],
            "As corrected by th-vn-2026-friendship-correction: FRA is not a negotiating State of this bilateral treaty"
        ),
        (
            ["correction", "--corrects", "th-vn-2026-friendship-ratification-tha", "--replace", "recorded-by=boss"],
            "A correction cannot change when or by whom an event was recorded ('recorded-by'); the correction carries its own."
        ),
        (
            ["signature", "--party", "VNM", "--date", "2026-03-01", "--id", "th-vn-2026-friendship-ratification-tha"],
            "The id 'th-vn-2026-friendship-ratification-tha' is taken by another event of th-vn-2026-friendship (consent, 2026-04-02)"
        ),
        (
            ["signature", "--party", "VNM", "--date", "2026-03-01", "--source", "gazette"],
            "The source 'gazette' is not among the sources of th-vn-2026-friendship (known: none); give its title (and URL) to add it."
        ),
    ])
    func refusals(arguments: [String], message: String) async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        _ = try await desk.run([
            "record", id, "consent", "--form", "ratification", "--party", "THA", "--date", "2026-04-02",
        ])
        let before = try desk.text(id)
        let out = try await desk.run(["record", id] + arguments)
        #expect(out.status == 1)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(out.stderr.contains("The file is unchanged."))
        #expect(try desk.text(id) == before)
    }

    /// A State signs once: a second signature is refused with the first one's event, and the file is unchanged.
    @Test func aSecondSignatureIsRefused() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        let first = try await desk.run(["record", id, "signature", "--party", "VNM", "--date", "2026-03-01"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try desk.text(id)
        let second = try await desk.run(["record", id, "signature", "--party", "VNM", "--date", "2026-03-05"])
        #expect(second.status == 1)
        #expect(
            second.stderr.contains(
                "VNM already signed th-vn-2026-friendship on 2026-03-01 (event th-vn-2026-friendship-signature-vnm); a State signs a treaty once. To change a wrong record, record a correction of th-vn-2026-friendship-signature-vnm."
            ), "\(second.stderr)")
        #expect(try desk.text(id) == before)
    }

    /// `--recorded` is the day an act is entered in the record: not after today, and not before the act, so that
    /// no act still to come gets in by it; the file is unchanged.
    @Test(arguments: [
        (
            ["--date", "2026-03-01", "--recorded", "2029-06-01"],
            "--recorded 2029-06-01 is after today (2026-12-05): it is the day the act is entered in the record, today or an earlier day."
        ),
        (
            ["--date", "2026-03-05", "--recorded", "2026-03-01"],
            "--date 2026-03-05 is after --recorded 2026-03-01: an act is recorded on or after the day it took effect."
        ),
    ])
    func aRecordedDayAfterTodayOrBeforeTheActIsRefused(arguments: [String], message: String) async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        let before = try desk.text(id)
        let out = try await desk.run(["record", id, "signature", "--party", "VNM"] + arguments)
        #expect(out.status == 64)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(try desk.text(id) == before)
    }

    /// A write that names a treaty by its alias is told the id to give (a write names the file).
    @Test func aWriteToAnAliasNamesTheId() async throws {
        let folder = TestFolder.url("alias")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["entities.yaml", "north-atlantic-1949.yaml"] {
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/\(name)", toPath: folder.appendingPathComponent(name).path)
        }
        let out = try await CLI.run(
            [
                "record", "nato", "declaration", "--party", "USA", "--date", "2026-01-01", "--summary", "x", "--corpus",
                folder.path,
            ], environment: ["PACTA_TODAY": "2026-12-05", "PACTA_USER": "clerk1"])
        #expect(out.status == 1)
        #expect(
            out.stderr.contains(
                "'nato' names north-atlantic-1949 (by its alias or title); a write gives the treaty's id: record with 'north-atlantic-1949'."
            ), "\(out.stderr)")
    }

    /// A negative number of days reaches the range check ('--days -5' is a value, not an option).
    @Test func aNegativeNumberOfDaysIsNamed() async throws {
        let out = try await CLI.run(["upcoming", "--days", "-5"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("--days must be from 0 to 36600 (a century), not -5."), "\(out.stderr)")
    }

    /// `pacta new` refuses a text adopted after today (no act of it could be recorded), and gives the file it
    /// writes to the index, so that the next command finds the index fresh.
    @Test func newRefusesAFutureAdoptionAndKeepsTheIndexFresh() async throws {
        let desk = try Desk()
        let future = try await desk.run([
            "new", "zz-later", "--kind", "bilateral", "--title", "Later", "--parties", "FRA,DEU", "--adopted",
            "2030-01-01",
        ])
        #expect(future.status == 1)
        #expect(
            future.stderr.contains(
                "The text is adopted on 2030-01-01, after today (2026-12-05): create the treaty's file once its text is adopted; no act of it can be recorded before."
            ), "\(future.stderr)")
        #expect(!FileManager.default.fileExists(atPath: desk.folder.appendingPathComponent("zz-later.yaml").path))
        #expect(try await desk.run(["index"]).status == 0)
        _ = try await desk.newBilateral()
        let status = try await desk.run(["status", "th-vn-2026-friendship"])
        #expect(status.status == 0)
        #expect(!status.stderr.contains("stale"), "\(status.stderr)")
    }

    /// A correction is not judged as a new act, but the record it leaves is: a corrected party that makes a State
    /// consent twice while bound is refused, and `pacta check` finds it in a file written by hand.
    @Test func aCorrectionThatMakesAStateConsentTwiceIsRefused() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        for (party, date) in [("THA", "2026-04-02"), ("VNM", "2026-04-03")] {
            let out = try await desk.run([
                "record", id, "consent", "--form", "ratification", "--party", party, "--date", date,
            ])
            #expect(out.status == 0, "\(out.stderr)")
        }
        let before = try desk.text(id)
        let out = try await desk.run([
            "record", id, "correction", "--corrects", "\(id)-ratification-tha", "--replace", "party=VNM",
        ])
        let message =
            "VNM consents twice: its ratification of 2026-04-02 (\(id)-ratification-tha) and its ratification of 2026-04-03 (\(id)-ratification-vnm), with no denunciation between; a State already bound cannot consent again"
        #expect(out.status == 1)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(out.stderr.contains("The file is unchanged."))
        #expect(try desk.text(id) == before)
        // The same correction written by hand: `pacta check` reports it at the correction.
        try
            (before
            + "  - {id: fix, date: 2026-12-01, type: correction, corrects: \(id)-ratification-tha, replace: {party: VNM}}\n")
            .write(to: desk.folder.appendingPathComponent("\(id).yaml"), atomically: true, encoding: .utf8)
        let check = try await CLI.run(["check", desk.folder.path], environment: desk.environment)
        #expect(check.status == 1)
        #expect(
            (check.stdout + check.stderr).contains("error: as corrected by fix: \(message)"),
            "\(check.stdout)\(check.stderr)")
    }

    @Test func aDenunciationBeforeTheTreatyAllowsOneIsRefused() async throws {
        let desk = try Desk()
        let text = TreatyYAML.multilateral(
            id: "early-denunciation", negotiating: ["FRA", "DEU"],
            rules: """
                entry-into-force: {when: {consents: 2}}
                denunciation: {article: "9", notice: {years: 1}, earliest: {years: 5, from: treaty-entry-into-force}}
                """,
            events: [
                "date: 2001-01-10, type: signature, party: FRA", "date: 2001-01-10, type: signature, party: DEU",
                "date: 2001-02-01, type: consent, form: ratification, party: FRA",
                "date: 2001-03-01, type: consent, form: ratification, party: DEU",
            ])
        try text.write(
            to: desk.folder.appendingPathComponent("early-denunciation.yaml"), atomically: true, encoding: .utf8)
        let out = try await desk.run([
            "record", "early-denunciation", "denunciation", "--party", "FRA", "--date", "2003-01-01",
        ])
        #expect(out.status == 1)
        #expect(
            out.stderr.contains(
                "This denunciation cannot be recorded as valid: The notice of 2003-01-01 is invalid: denunciation is open only from 2006-03-01"
            ), "\(out.stderr)")
        #expect(try desk.text("early-denunciation") == text)
        let later = try await desk.run([
            "record", "early-denunciation", "denunciation", "--party", "FRA", "--date", "2007-01-01",
        ])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("withdrawal of FRA takes effect: none → 2008-01-01"))
        // A second notice while the first runs is refused.
        let again = try await desk.run([
            "record", "early-denunciation", "denunciation", "--party", "FRA", "--date", "2007-06-01",
        ])
        #expect(again.status == 1)
        #expect(
            again.stderr.contains(
                "FRA notified its denunciation already on 2007-01-01 (event early-denunciation-denunciation-fra), taking effect on 2008-01-01; a second notice cannot be recorded."
            ), "\(again.stderr)")
    }

    /// `pacta record` writes the treaty-law fields: an extension's term (`5y`) and a suspension towards one State.
    @Test func anExtensionAndASuspensionTowardsOneState() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        for arguments in [
            ["signature", "--party", "THA", "--date", "2026-03-01"],
            ["signature", "--party", "VNM", "--date", "2026-03-01"],
            ["suspension", "--party", "THA", "--towards", "vnm", "--date", "2026-06-01"],
        ] {
            let recorded = try await desk.run(["record", id] + arguments)
            #expect(recorded.status == 0, "\(arguments): \(recorded.stderr)")
        }
        let text = try desk.text(id)
        #expect(text.contains("type: suspension, party: THA, towards: [VNM]"))
        // The new bilateral treaty has no fixed term: the extension is refused with the reader's sentence.
        #expect(!text.contains("type: extension"))
        let refused = try await desk.run(["record", id, "extension", "--term", "5y", "--date", "2026-07-01"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("this treaty's duration is indefinite"))
    }

    @Test func aMonthOnlyDateAndQuotedArticles() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        let step = try await desk.run([
            "record", id, "domestic-step", "--party", "THA", "--date", "2026-03", "--step", "bill",
        ])
        #expect(step.status == 0, "\(step.stderr)")
        #expect(step.stdout.contains("date: 2026-03, type: domestic-step"))
        _ = try await desk.run(["record", id, "signature", "--party", "VNM", "--date", "2026-03-01"])
        let reservation = try await desk.run([
            "record", id, "reservation", "--party", "VNM", "--date", "2026-03-01", "--articles", "2, 5", "--summary",
            "On the settlement of disputes",
        ])
        #expect(reservation.status == 0, "\(reservation.stderr)")
        #expect(try desk.text(id).contains("articles: [\"2\", \"5\"], summary: \"On the settlement of disputes\""))
        let bad = try await desk.run([
            "record", id, "domestic-step", "--party", "THA", "--date", "2026-13", "--step", "x",
        ])
        #expect(bad.status != 0)
        #expect(try await desk.run(["check", desk.folder.path]).status == 0)
    }

    /// A summary written over several lines is kept as written in the file and shown on one line of the status.
    @Test func aSummaryOverSeveralLinesIsOneLineOfTheStatus() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        _ = try await desk.run(["record", id, "signature", "--party", "VNM", "--date", "2026-03-01"])
        let reservation = try await desk.run([
            "record", id, "reservation", "--party", "VNM", "--date", "2026-03-01", "--summary",
            "On disputes:\n  art. 5 does not bind it",
        ])
        #expect(reservation.status == 0, "\(reservation.stderr)")
        #expect(try desk.text(id).contains(#"summary: "On disputes:\n  art. 5 does not bind it""#))
        let status = try await desk.run(["status", id, "--on", "2026-04-01"])
        let lines = status.stdout.split(separator: "\n").filter { $0.contains("VNM reservation") }
        #expect(
            lines == [
                "  [th-vn-2026-friendship-reservation-vnm] VNM reservation, 2026-03-01: On disputes: art. 5 does not bind it"
            ])
    }

    @Test func aTreatyFileWrittenInJSONIsNotAppendedTo() async throws {
        let desk = try Desk()
        let json =
            #"{"format": 1, "id": "js-2026", "titles": {"en": "JSON treaty"}, "kind": "bilateral", "adopted": {"date": "2026-01-01"}, "negotiating-states": ["FRA", "DEU"]}"#
        try json.write(to: desk.folder.appendingPathComponent("js-2026.json"), atomically: true, encoding: .utf8)
        let out = try await desk.run(["record", "js-2026", "signature", "--party", "DEU", "--date", "2026-01-02"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("js-2026.json is written in JSON; Pacta appends to YAML files only."))
        #expect(try String(contentsOf: desk.folder.appendingPathComponent("js-2026.json"), encoding: .utf8) == json)
    }

    @Test func aCorrectionIsAppendedAndStatusAsKnownOnShowsTheOldValueBeforeIt() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        for party in ["THA", "VNM"] {
            _ = try await desk.run([
                "record", id, "consent", "--form", "ratification", "--party", party, "--date", "2026-04-02",
            ])
        }
        _ = try await desk.run([
            "record", id, "exchange-of-instruments", "--parties", "THA,VNM", "--date", "2026-05-10", "--recorded",
            "2026-05-11",
        ])
        let before = try desk.text(id)
        let fix = try await desk.run([
            "record", id, "correction", "--corrects", "th-vn-2026-friendship-exchange-of-instruments", "--replace",
            "date=2026-05-12", "--recorded", "2026-06-01",
        ])
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.contains("entry into force: 2026-06-09 → 2026-06-11"))
        // The corrected event is untouched: the correction is one more line.
        let after = try desk.text(id)
        #expect(after.hasPrefix(before.dropLast()))
        #expect(after.contains("- {id: th-vn-2026-friendship-exchange-of-instruments, date: 2026-05-10,"))
        func eif(asKnownOn: String) async throws -> String? {
            let out = try await desk.run([
                "status", id, "--on", "2026-12-01", "--as-known-on", asKnownOn, "--format", "json",
            ])
            let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
            return json?["entry-into-force"] as? String
        }
        #expect(try await eif(asKnownOn: "2026-05-20") == "2026-06-09")
        #expect(try await eif(asKnownOn: "2026-06-02") == "2026-06-11")
        let timeline = try await desk.run(["timeline", id, "--through", "2026-12-31"])
        #expect(
            timeline.stdout.contains(
                "Correction of th-vn-2026-friendship-exchange-of-instruments: date 2026-05-10 → 2026-05-12"))
        #expect(timeline.stdout.contains("2026-05-12  recorded  exchange-of-instruments"))
    }

    @Test func theIndexIsRefreshedForTheFileWritten() async throws {
        let desk = try Desk()
        let id = try await desk.newBilateral()
        #expect(try await desk.run(["index"]).status == 0)
        _ = try await desk.run([
            "record", id, "consent", "--form", "ratification", "--party", "THA", "--date", "2026-04-02",
        ])
        // Fresh: the status comes from the index without a warning that it is stale, and shows the consent.
        let status = try await desk.run(["status", id, "--party", "THA", "--format", "json"])
        #expect(!status.stderr.contains("stale"), "\(status.stderr)")
        let index = try await desk.run(["index"])
        #expect(index.stdout.contains("added 0, updated 0, removed 0, unchanged 1"), "\(index.stdout)")
        #expect(status.stdout.contains("\"contracting-state\""))
    }

    @Test func newRefusesAnExistingIdAndBadFlags() async throws {
        let desk = try Desk()
        _ = try await desk.newBilateral()
        let again = try await desk.run([
            "new", "th-vn-2026-friendship", "--kind", "bilateral", "--title", "Again", "--parties", "THA,VNM",
        ])
        #expect(again.status == 1)
        #expect(again.stderr.contains("th-vn-2026-friendship.yaml exists already"))
        // Another treaty's name (NATO's alias, in a copy of the shipped corpus) is not free either: the new id
        // would take it over.
        let shipped = TestFolder.path("shipped")
        try FileManager.default.copyItem(atPath: Fixtures.corpusPath, toPath: shipped)
        let named = try await CLI.run([
            "new", "nato", "--kind", "bilateral", "--title", "Y", "--parties", "FRA,DEU", "--corpus", shipped,
        ])
        #expect(named.status == 1)
        #expect(
            named.stderr.contains(
                "'nato' is a name of north-atlantic-1949 (Washington Treaty (NATO)): 'pacta status nato' finds that treaty now, and would find the new one instead. Choose another id."
            ), "\(named.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(shipped)/nato.yaml"))
        let three = try await desk.run([
            "new", "x-2026", "--kind", "bilateral", "--title", "X", "--parties", "THA,VNM,LAO",
        ])
        #expect(three.stderr.contains("A bilateral treaty has exactly two negotiating States (its parties); 3 given."))
        let rule = try await desk.run([
            "new", "x-2026", "--kind", "multilateral", "--title", "X", "--parties", "THA,VNM", "--entry-into-force",
            "consents:0",
        ])
        #expect(rule.stderr.contains("--entry-into-force: 'consents:0' is not a rule"))
        let reserved = try await desk.run([
            "new", "regions", "--kind", "bilateral", "--title", "X", "--parties", "THA,VNM",
        ])
        #expect(reserved.stderr.contains("The id 'regions' is the name of one of the corpus's own files"))
        let twice = try await desk.run(["new", "x-2026", "--kind", "bilateral", "--title", "X", "--parties", "THA,THA"])
        #expect(twice.stderr.contains("A party is named twice among the parties."))
        let lines = try await desk.run([
            "new", "x-2026", "--kind", "bilateral", "--title", "Treaty\nrecorded-by: x", "--parties", "THA,VNM",
        ])
        #expect(
            lines.stderr.contains(
                "The title holds control characters (a line break, a tab), a Unicode line separator or a bidirectional override; write it as one line of plain text."
            ))
        let code = try await desk.run(["new", "x-2026", "--kind", "bilateral", "--title", "X", "--parties", "THA,XXQ"])
        #expect(code.status == 1)
        #expect(code.stderr.contains("--parties: unknown party code 'XXQ'"), "\(code.stderr)")
        #expect(!FileManager.default.fileExists(atPath: desk.folder.appendingPathComponent("x-2026.yaml").path))
    }
}
