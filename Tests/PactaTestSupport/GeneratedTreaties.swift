import PactaCore
import PactaFormats

/// Treaty files made from a seed, mixing the rules and acts that move a treaty's status over time: every kind of
/// entry-into-force condition (counts, fractions, sets, fixed dates, other treaties in force, chains and a cycle
/// of them), delays and floors, later consents, denunciations (with notice, by agreement, too early, not allowed),
/// fixed terms with and without renewal, extensions, dissolution, articles with their own entry into force,
/// reservations and precluding objections, revocations, provisional application, suspensions, terminations,
/// successions of States (and a former code left without one), dates known only to a month or a year,
/// corrections, and partial records with a documented date. For tests that check one way of computing statuses
/// against another; a file the reader finds errors in is kept as far as it could be read, as the engine reads it.
public enum GeneratedTreaties {
    /// A small deterministic generator (``SplitMix64``), so that every run makes the same files.
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(state: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    }

    static let codes = [
        "FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "LUX", "POL", "HUN", "AUT", "CHE", "SWE", "NOR", "DNK", "FIN",
        "GBR", "IRL", "PRT", "GRC", "TUR", "USA", "CAN", "MEX", "BRA", "ARG", "CHL", "JPN", "KOR", "CHN", "IND",
        "UKR", "EGY", "ZAF", "NGA", "KEN", "AUS", "NZL",
    ]

    /// `count` treaty files (`gen-N.yaml`) from `seed`, with their text.
    public static func files(count: Int, seed: UInt64 = 2024) -> [(name: String, text: String)] {
        var random = Random(state: seed)
        return (0..<count).map { index in ("gen-\(index).yaml", treaty(index, &random)) }
    }

    /// The files of ``files(count:seed:)`` read as the engine reads them (those with errors as far as they could
    /// be), in one corpus.
    public static func corpus(count: Int, seed: UInt64 = 2024) -> Corpus {
        let reader = TreatyFileReader()
        let treaties = files(count: count, seed: seed).compactMap { reader.read(text: $0.text, file: $0.name).treaty }
        return Corpus(treaties: treaties)
    }

    private static func day(_ date: CalendarDate, _ days: Int) -> String { date.adding(days: days).description }

    private static func delay(_ random: inout Random) -> String {
        switch random.int(0...6) {
        case 0: ""
        case 1: ", delay: {days: \(random.int(0...90))}"
        case 2: ", delay: {months: \(random.int(1...12))}"
        case 3: ", delay: {years: 1}"
        case 4: ", delay: {first-day-of-month-after: {days: \(random.int(0...60))}}"
        case 5: ", delay: {first-day-of-month: \(random.int(1...3))}"
        default: ", delay: {days: 30}"
        }
    }

    /// One file's text, field by field in the order of the format.
    private static func treaty(_ index: Int, _ random: inout Random) -> String {
        let id = "gen-\(index)"
        let adopted = CalendarDate(year: random.int(1950...2012), month: random.int(1...12), day: random.int(1...28))!
        let bilateral = random.chance(35)
        var parties = Array(codes.shuffled(using: &random).prefix(bilateral ? 2 : random.int(3...22)))
        // A State of the past: continued, succeeded, or (now and then) left with its former code.
        let former = !bilateral && adopted.year < 1985 && random.chance(30) ? random.pick(["SUN", "CSK", "YUG"]) : nil
        if let former { parties.append(former) }
        let negotiating = bilateral ? parties : Array(parties.prefix(max(2, parties.count / 2)))
        var header =
            "format: 1\nid: \(id)\ntitles: {en: Generated treaty \(index)}\n"
            + (random.chance(30) ? "short-title: {en: Gen \(index)}\n" : "")
            + "kind: \(bilateral ? "bilateral" : "multilateral")\nadopted: {date: \(adopted)}\n"
            + "negotiating-states: [\(negotiating.joined(separator: ", "))]\n"
        let partial = random.chance(12)
        if partial {
            header += "record: partial\n"
            if random.chance(70) {
                let documented = adopted.adding(days: random.int(100...2000))
                header +=
                    random.chance(50)
                    ? "documented: {entry-into-force: \(documented), parties: [\(negotiating.prefix(2).joined(separator: ", "))]}\n"
                    : "documented: {entry-into-force: \(documented)}\n"
            }
        } else if random.chance(8) {
            header += "record: unconfirmed\n"
        }
        // Rules.
        var rules: [String] = []
        let condition: String
        if bilateral {
            condition = random.chance(70) ? "{exchange-of-instruments: true}" : "{last-notification: true}"
        } else {
            let n = max(1, parties.count / random.int(2...4))
            var options = [
                "{consents: \(n)}", "{consents: \(n), states-only: true}",
                "{consents: {fraction: \"2/3\", of: signatories}}", "{all-of: negotiating-states}",
                "{majority-of: negotiating-states}",
                "{all: [{consents: \(n)}, {date: \(day(adopted, random.int(200...1500)))}]}",
                "{any: [{consents: \(parties.count)}, {date: \(day(adopted, random.int(500...4000)))}]}",
            ]
            // Waiting for an earlier treaty, now and then for a chain of them; two treaties wait for each other.
            if index > 2 {
                options.append("{treaty-in-force: gen-\(random.int(0...index - 1))}")
                options.append("{all: [{consents: \(n)}, {treaty-in-force: gen-\(random.int(0...index - 1))}]}")
            }
            if index == 5 { options = ["{treaty-in-force: gen-6}"] }
            if index == 6 { options = ["{all: [{consents: 2}, {treaty-in-force: gen-5}]}"] }
            condition = random.pick(options)
        }
        var entry = "entry-into-force: {when: \(condition)\(delay(&random))"
        if random.chance(10) { entry += ", not-before: \(day(adopted, random.int(300...1500)))" }
        rules.append(entry + "}")
        if !bilateral, random.chance(70) {
            rules.append(
                "later-consent: {after: \(random.chance(60) ? "conditions-met" : "entry-into-force")\(delay(&random))}")
        }
        switch random.int(0...5) {
        case 0: break
        case 1: rules.append("denunciation: {allowed: false}")
        case 2: rules.append("denunciation: {notice: {months: \(random.int(0...18))}}")
        case 3:
            rules.append(
                "denunciation: {notice: {years: 1}, earliest: {years: \(random.int(1...5)), from: \(random.pick(["party-entry-into-force", "treaty-entry-into-force", "adopted"]))}}"
            )
        default: rules.append("denunciation: {notice: {months: 6}}")
        }
        let fixedTerm = random.chance(20)
        if fixedTerm {
            rules.append(
                random.chance(50)
                    ? "duration: {term: {years: \(random.int(2...15))}}"
                    : "duration: {term: {years: \(random.int(2...10))}, renewal: {term: {years: \(random.int(1...5))}, notice-before-expiry: {months: \(random.int(1...12))}}}"
            )
        }
        if !bilateral, random.chance(15) { rules.append("dissolution: {parties-below: \(random.int(2...4))}") }
        if !bilateral, random.chance(10) {
            rules.append("partial:\n    - {articles: [\"7\"], when: {consents: 2}\(delay(&random))}")
        }
        // Events.
        var events: [String] = []
        var number = 0
        func event(_ date: CalendarDate, _ body: String, precision: Int = 0) -> String {
            number += 1
            let text: String
            switch precision {
            case 1: text = String(date.description.prefix(7))
            case 2: text = "\"\(date.description.prefix(4))\""
            default: text = date.description
            }
            events.append("  - {id: \(id)-e\(number), date: \(text), \(body)}")
            return "\(id)-e\(number)"
        }
        var consents: [String: (CalendarDate, String)] = [:]
        for code in negotiating where random.chance(90) {
            _ = event(
                adopted.adding(days: random.chance(80) ? 0 : random.int(1...200)), "type: signature, party: \(code)")
        }
        for code in parties where random.chance(bilateral ? 90 : 80) {
            // The former codes act before their State's end.
            let latest = code == "SUN" ? 1991 : code == "CSK" ? 1992 : code == "YUG" ? 1990 : 9999
            var date = adopted.adding(days: random.int(20...3500))
            if date.year > latest { date = CalendarDate(year: latest, month: 6, day: 1)! }
            guard date >= adopted else { continue }
            let form =
                negotiating.contains(code) ? random.pick(["ratification", "acceptance", "approval"]) : "accession"
            let precision = random.chance(6) ? random.int(1...2) : 0
            consents[code] = (date, event(date, "type: consent, form: \(form), party: \(code)", precision: precision))
        }
        if bilateral {
            let both = negotiating.compactMap { consents[$0]?.0 }.max() ?? adopted.adding(days: 100)
            if condition.contains("exchange") {
                if random.chance(90) {
                    _ = event(both.adding(days: random.int(0...60)), "type: exchange-of-instruments")
                }
            } else {
                for code in negotiating where random.chance(90) {
                    _ = event(both.adding(days: random.int(0...30)), "type: notification, party: \(code)")
                }
            }
        }
        let consented = consents.keys.sorted()
        // Reservations and objections.
        if !bilateral, random.chance(25), let author = consented.first, let (date, _) = consents[author] {
            let reservation = event(date, "type: reservation, party: \(author), articles: [\"3\"]")
            if let objector = consented.dropFirst().first {
                _ = event(
                    date.adding(days: random.int(10...500)),
                    "type: objection, party: \(objector), to: \(reservation), precludes-entry-into-force: \(random.chance(50))"
                )
            }
            if random.chance(30) {
                _ = event(
                    date.adding(days: random.int(100...900)),
                    "type: withdrawal-of-reservation, party: \(author), to: \(reservation)")
            }
        }
        // Denunciations, some answered by a new consent.
        for code in consented where random.chance(bilateral ? 10 : 7) {
            let (date, _) = consents[code]!
            let notice = date.adding(days: random.int(1500...6000))
            var body = "type: denunciation, party: \(code)"
            if random.chance(15) { body += ", effective: \(day(notice, random.int(30...800)))" }
            if random.chance(10) { body += ", by-agreement: true" }
            _ = event(notice, body)
            if !bilateral, random.chance(30) {
                _ = event(notice.adding(days: random.int(400...2000)), "type: consent, form: accession, party: \(code)")
            }
        }
        // Revocations before the treaty binds, provisional application, suspensions.
        if random.chance(8), let code = consented.last, let (date, _) = consents[code] {
            _ = event(date.adding(days: random.int(1...400)), "type: revocation, party: \(code), of: consent")
        }
        if random.chance(6), let code = negotiating.last {
            _ = event(adopted.adding(days: random.int(1...300)), "type: revocation, party: \(code), of: signature")
        }
        if random.chance(10), let code = negotiating.first {
            let start = adopted.adding(days: random.int(0...200))
            _ = event(
                start,
                "type: provisional-application, party: \(code)"
                    + (random.chance(50) ? ", until: \(day(start, random.int(100...900)))" : ""))
        }
        if random.chance(8), let code = consented.first {
            let start = adopted.adding(days: random.int(1000...4000))
            _ = event(start, "type: suspension, party: \(code)")
            if random.chance(60) {
                _ = event(start.adding(days: random.int(100...1000)), "type: resumption, party: \(code)")
            }
        }
        if fixedTerm, random.chance(30), !rules.contains(where: { $0.contains("renewal") }) {
            _ = event(
                adopted.adding(days: random.int(400...2500)), "type: extension, term: {years: \(random.int(1...5))}")
        }
        if random.chance(6) {
            _ = event(adopted.adding(days: random.int(2000...12000)), "type: termination, cause: agreement")
        }
        // Successions of States: the former code's State continued or succeeded, or left as it was.
        if let former, consents[former] != nil {
            switch former {
            case "SUN":
                _ = event(
                    CalendarDate(year: 1991, month: 12, day: 25)!,
                    "type: state-succession, predecessor: SUN, successor: RUS, mode: continuation")
            case "CSK":
                _ = event(
                    CalendarDate(year: 1993, month: 1, day: 1)!,
                    "type: state-succession, predecessor: CSK, successor: CZE, mode: continuation")
                _ = event(
                    CalendarDate(year: 1993, month: 1, day: 1)!,
                    "type: state-succession, predecessor: CSK, successor: SVK, mode: succession")
                if random.chance(60) {
                    _ = event(
                        CalendarDate(year: 1993, month: 5, day: 28)!, "type: consent, form: succession, party: SVK")
                }
            default: break
            }
        }
        // A correction of a consent's date.
        if random.chance(8), let code = consented.first, let (date, event_) = consents[code] {
            _ = event(
                date.adding(days: random.int(30...300)),
                "type: correction, corrects: \(event_), replace: {date: \(day(date, random.int(-20...40)))}")
        }
        return header + "rules:\n" + rules.map { "  " + $0 }.joined(separator: "\n") + "\nevents:\n"
            + events.joined(separator: "\n") + "\n"
    }
}

extension GeneratedTreaties.Random: RandomNumberGenerator {}
