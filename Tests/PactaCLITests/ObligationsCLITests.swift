import Foundation
import PactaTestSupport
import Testing

@Suite struct ObligationsCLITests {
    @Test func scenarioJSONHasTheSpecKeys() async throws {
        let output = try await CLI.run([
            "scenario", "--attack", "PRK", "--by", "USA", "--on", "2025-06-01", "--format", "json",
        ])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["on"] as? String == "2025-06-01")
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.first?["type"] as? String == "armed-attack")
        #expect(events.first?["by"] as? String == "USA")
        #expect(events.first?["against"] as? String == "PRK")
        let duties = try #require(json["duties"] as? [[String: Any]])
        let russia = try #require(duties.first { $0["bearer"] as? String == "RUS" && $0["article"] as? String == "4" })
        #expect(russia["beneficiary"] as? String == "PRK")
        #expect(russia["treaty"] as? String == "ru-kp-2024-partnership")
        #expect(russia["provision"] as? String == "mutual-assistance")
        #expect(russia["category"] as? String == "defense")
        #expect(russia["means"] as? [String] == ["military", "other"])
        #expect(russia["round"] as? Int == 0)
        #expect((russia["chain"] as? [Any])?.isEmpty == true)
        #expect(json["not-triggered"] is [Any])
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.first?["date"] as? String == "2025-04-28")
    }

    /// A table wider than the terminal folds a column, never below its longest word: the treaty's id beside
    /// the marker of an incomplete record stays on its line, and every cell after it stays in its column.
    @Test func aFoldedColumnKeepsTheTableAligned() async throws {
        let result = try await CLI.run(
            ["scenario", "--attack", "ARM", "--by", "AZE", "--on", "2022-09-13"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("Round  Bearer") })
        let article = try #require(header.range(of: "Art.")).lowerBound.utf16Offset(in: header)
        let rows = lines.filter { $0.hasPrefix("0      ") }
        #expect(rows.count == 10)
        for row in rows {
            #expect(row.contains("collective-security-1992"))
            let cell = row.dropFirst(article).prefix(2)
            #expect(cell == "2 " || cell == "4 ", "\(row)")
        }
    }

    @Test func scenarioFileWithAChain() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pacta-scenario-\(UUID().uuidString).yaml")
        try "on: 2025-03-01\nchain: true\nevents:\n  - {type: armed-attack, by: PRK, against: KOR}\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await CLI.run(["scenario", file.path])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Chain rules:"))
        #expect(output.stdout.contains("cn-kp-1961-friendship art. II (CHN) [chain-rule]"))
    }

    /// With a scenario file, the options the file itself gives are refused, not silently ignored.
    @Test func optionsAFileGivesItselfAreRefused() async throws {
        let file = TestFolder.url("scenario-options", suffix: ".yaml")
        try "on: 2025-03-01\nevents:\n  - {type: armed-attack, by: USA, against: PRK}\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await CLI.run(["scenario", file.path, "--on", "1990-01-01", "--threat"])
        #expect(output.status == 64)
        #expect(
            output.stderr.contains(
                "--on, --threat go with --attack/--by; a scenario file gives the date ('on:'), and each event's type and place ('type:', 'where:') itself: edit the file, or drop those options."
            ), "\(output.stderr)")
        let one = try await CLI.run(["scenario", file.path, "--where", "US-HI"])
        #expect(one.stderr.contains("--where goes with --attack/--by;"), "\(one.stderr)")
    }

    @Test func badScenarioFileIsLocated() async throws {
        let file = TestFolder.url("bad", suffix: ".yaml")
        try "on: 2025-02-30\nevents:\n  - {type: invasion, by: PRK, against: KOR}\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await CLI.run(["scenario", file.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(file.path):1:5: error: on: the date 2025-02-30 does not exist"))
        #expect(
            output.stderr.contains(
                "\(file.path):3:12: error: type 'invasion' is not known; expected one of: armed-attack, threat-of-attack, state-of-war"
            ))
    }

    @Test func scenarioPictureIsSVG() async throws {
        let output = try await CLI.run([
            "scenario", "--attack", "PRK", "--by", "USA", "--on", "2025-03-01", "--format", "svg",
        ])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(output.stdout.contains(">ru-kp-2024-partnership art. 4</text>"))
        #expect(output.stdout.hasSuffix("</svg>\n"))
    }

    @Test func unknownStateIsRefused() async throws {
        let output = try await CLI.run(["scenario", "--attack", "XXX", "--by", "USA"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--attack: unknown State code 'XXX'"))
    }

    @Test func alliesAndDyads() async throws {
        let allies = try await CLI.run(["allies", "PRK", "--on", "2025-01-01", "--category", "defense"])
        #expect(allies.status == 0)
        #expect(allies.stdout.hasPrefix("Allies of North Korea (PRK) on 2025-01-01, defense pledges: 2"))
        // As JSON the State is under `state` and, as the API's state answer names it, `code`.
        let json = try await CLI.run(["allies", "PRK", "--on", "2025-01-01", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["state"] as? String == "PRK")
        #expect(document["code"] as? String == "PRK")
        #expect((document["allies"] as? [[String: Any]])?.compactMap { $0["ally"] as? String }.contains("RUS") == true)
        let dyads = try await CLI.run(["export", "dyads", "--from", "2025", "--to", "2025", "--directed"])
        #expect(dyads.status == 0)
        let lines = dyads.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("365,731,RUS,PRK,2025,1,0,1,0,1,ru-kp-2024-partnership"))
        #expect(lines.contains("731,365,PRK,RUS,2025,1,0,1,0,1,ru-kp-2024-partnership"))
        let bad = try await CLI.run(["export", "dyads", "--from", "2025", "--to", "2020"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--from (2025) comes after --to (2020)."))
    }

    @Test func upcomingAsICalendar() async throws {
        let output = try await CLI.run(["upcoming", "--from", "1996-01-01", "--days", "365", "--format", "ics"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(output.stdout.contains("UID:su-kp-1961-friendship-termination-19960910@pacta\r\n"))
        // The derivation is there, though the calendar builds its words only when writing them.
        #expect(output.stdout.contains("DESCRIPTION:The treaty ends for all parties\\nRUS gave notice on 1995-09-07"))
        // Every line ends in CRLF, the last one too, and nothing follows it (RFC 5545 §3.1).
        #expect(output.stdout.utf8.suffix(17).elementsEqual("\r\nEND:VCALENDAR\r\n".utf8))
    }

    @Test func explainAState() async throws {
        let output = try await CLI.run(["explain", "north-atlantic-1949", "--party", "FIN", "--on", "2024-01-01"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Finland (FIN): party"))
        #expect(
            output.stdout.contains(
                "  Accession of 2023-04-04, after the treaty's entry into force: bound from that date (VCLT art. 24(3))."
            ))
    }

    @Test func explainAStateWithNoActsInJSON() async throws {
        // France took no part in the VCLT: one row, status none, and why (not an empty list).
        let output = try await CLI.run([
            "explain", "vclt-1969", "--party", "fra", "--on", "2024-01-01", "--format", "json",
        ])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let states = try #require(json["states"] as? [[String: Any]])
        #expect(states.count == 1)
        #expect(states.first?["code"] as? String == "FRA")
        #expect(states.first?["status"] as? String == "none")
        #expect(
            states.first?["explanation"] as? [String] == [
                "No signature, consent or other act of FRA is recorded on or before 2024-01-01."
            ])
    }

    @Test func explainOneStateShowsItsOwnCaveatsOnly() async throws {
        // Serbia's succession caveat is Serbia's: Burkina Faso's explanation leaves it out.
        let burkina = try await CLI.run(["explain", "unclos-1982", "--party", "BFA", "--on", "2020-01-01"])
        #expect(burkina.status == 0)
        #expect(burkina.stdout.contains("Continues the status of HVO from 1984-08-04"))
        #expect(!burkina.stdout.contains("SRB's notification of succession"))
        #expect(burkina.stdout.contains("! The record of this treaty is incomplete"))
        let serbia = try await CLI.run(["explain", "unclos-1982", "--party", "SRB", "--on", "2020-01-01"])
        #expect(serbia.stdout.components(separatedBy: "SRB's notification of succession").count == 2)
        let nato = try await CLI.run(["explain", "unclos-1982", "--party", "org:nato"])
        #expect(nato.status != 0)
        #expect(
            nato.stderr.contains(
                "--party: the organisation 'org:nato' is not declared in the corpus's entities.yaml (declared: org:arab-league, org:eu, org:gcc, org:oas, org:un)."
            ))
    }

    @Test func calendarDatesFromAnIncompleteRecordSaySo() async throws {
        let text = try await CLI.run(["upcoming", "--from", "2026-01-01", "--days", "365"])
        #expect(text.stdout.contains("2026-06-02  rome-statute-1998 *  Withdrawal of HUN takes effect"))
        #expect(text.stdout.contains("* The record of rome-statute-1998 is incomplete or unconfirmed"))
        let ics = try await CLI.run(["upcoming", "--from", "2026-01-01", "--days", "365", "--format", "ics"])
        // Unfolded, the description ends with the caveat.
        let unfolded = ics.stdout.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("\\nCaveat: the record of rome-statute-1998 is incomplete (see its note)"))
    }

    @Test func treatiesByShortTitleAndCodesBySuggestion() async throws {
        let byTitle = try await CLI.run(["status", "VCLT", "--on", "1980-01-27"])
        #expect(byTitle.status == 0)
        #expect(byTitle.stdout.contains("vclt-1969 · multilateral"))
        #expect(try await CLI.run(["status", "UNCLOS-1982"]).status == 0)
        let uk = try await CLI.run(["status", "vclt-1969", "--party", "UK"])
        #expect(uk.status != 0)
        #expect(uk.stderr.contains("Did you mean GBR (United Kingdom)?"))
        #expect(try await CLI.run(["allies", "germany"]).stderr.contains("Did you mean DEU (Germany)?"))
    }

    @Test func aDateThatDoesNotExistIsNamed() async throws {
        let output = try await CLI.run(["status", "unclos-1982", "--on", "1994-02-30"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("the date 1994-02-30 does not exist (month 02 of 1994 has no day 30)."))
        #expect(
            try await CLI.run(["upcoming", "--from", "soon"]).stderr.contains(
                "'soon' is not a date: give it as YYYY-MM-DD, e.g. 2024-12-04."))
        // Digits of another script are not a date's digits: not a day that does not exist.
        #expect(
            try await CLI.run(["status", "unclos-1982", "--on", "२०२४-०१-०१"]).stderr.contains(
                "'२०२४-०१-०१' is not a date: give it as YYYY-MM-DD, e.g. 2024-12-04."))
    }
}
