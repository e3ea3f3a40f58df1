// Speed of the lifecycle engine and the file reader on a generated corpus at the scale of the
// UN Treaty Series: 10,000 treaties (bilateral and multilateral, up to 200 parties), about 200,000 events.
//
// Run in release mode:  swift run -c release PactaBenchmarks [treaties]
//                       swift run -c release PactaBenchmarks --import-manydata [rows]
//                       swift run -c release PactaBenchmarks --desk [acts]
//                       swift run -c release PactaBenchmarks --sql-peer [treaties] [--on DATE] [--keep]
//                       swift run -c release PactaBenchmarks [treaties] --yaml [libyaml|yams]
// Figures are reported in the README. Not a test: nothing here asserts a time.

import Foundation
import PactaCore
@_spi(Testing) import PactaFormats

/// How many acceptance dates a status gives, read one by one (plain loops: closures made in this file's
/// top-level code are checked for the main actor on every call, which would dominate the measure).
func acceptedCount(_ status: TreatyStatus) -> Int {
    var total = 0
    for reservation in status.reservations {
        for date in reservation.acceptanceDates where date != nil { total += 1 }
    }
    return total
}

/// Generated treaty files as YAML text, by file name.
func generateCorpus(count: Int) -> [(name: String, text: String)] {
    var random = SplitMix64(state: 2024)
    let codes = PartyCodeTable.byAlpha3.values.filter { !$0.isFormer }.map(\.alpha3).sorted()
    var files: [(String, String)] = []
    for index in 0..<count {
        let id = "gen-\(index)"
        let year = Int.random(in: 1950...2020, using: &random)
        let adopted = CalendarDate(
            year: year, month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))!
        let multilateral = index % 5 == 0
        var text = "format: 1\nid: \(id)\ntitles: {en: Generated treaty \(index)}\n"
        text += "kind: \(multilateral ? "multilateral" : "bilateral")\nadopted: {date: \(adopted)}\n"
        var events: [String] = []
        var eventNumber = 0
        func event(_ date: CalendarDate, _ body: String) {
            eventNumber += 1
            events.append("  - {id: \(id)-e\(eventNumber), date: \(date), \(body)}")
        }
        if multilateral {
            let size = index % 100 == 0 ? 200 : Int.random(in: 5...75, using: &random)
            let parties = Array(codes.shuffled(using: &random).prefix(size))
            let negotiating = parties.prefix(max(2, size / 2))
            text += "negotiating-states: [\(negotiating.joined(separator: ", "))]\n"
            text +=
                "rules:\n  entry-into-force: {article: \"20\", when: {consents: \(max(2, size / 3))}, delay: {days: 30}}\n"
            text +=
                "  later-consent: {after: conditions-met, delay: {days: 30}}\n  denunciation: {notice: {years: 1}}\n"
            for code in negotiating { event(adopted, "type: signature, party: \(code)") }
            for code in parties {
                let deposit = adopted.adding(days: Int.random(in: 30...3000, using: &random))
                let form = negotiating.contains(code) ? "ratification" : "accession"
                event(deposit, "type: consent, form: \(form), party: \(code)")
            }
        } else {
            let pair = Array(codes.shuffled(using: &random).prefix(2))
            text += "negotiating-states: [\(pair[0]), \(pair[1])]\n"
            text += "rules:\n  entry-into-force: {article: \"10\", when: {exchange-of-instruments: true}}\n"
            text += "  denunciation: {notice: {months: 6}}\n"
            event(adopted, "type: signature, party: \(pair[0])")
            event(adopted, "type: signature, party: \(pair[1])")
            let first = adopted.adding(days: Int.random(in: 30...400, using: &random))
            event(first, "type: consent, form: ratification, party: \(pair[0])")
            event(first.adding(days: 20), "type: consent, form: ratification, party: \(pair[1])")
            event(first.adding(days: 60), "type: exchange-of-instruments")
            if index % 7 == 0 { event(first.adding(days: 4000), "type: denunciation, party: \(pair[1])") }
        }
        text += "events:\n" + events.joined(separator: "\n") + "\n"
        files.append(("\(id).yaml", text))
    }
    return files
}

func measure<T>(_ label: String, repeat times: Int = 5, _ body: () -> T) -> T {
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var result: T?
    for _ in 0..<times {
        let start = clock.now
        result = body()
        best = min(best, clock.now - start)
    }
    let ms = Double(best.components.seconds) * 1000 + Double(best.components.attoseconds) / 1e15
    print("\(label): \(String(format: ms < 10 ? "%.2f" : "%.1f", ms)) ms (best of \(times))")
    return result!
}

// `--import-manydata [rows]`: only the manydata import, on a generated memberships table (default 100,000 rows).
if let flag = CommandLine.arguments.firstIndex(of: "--import-manydata") {
    runImportBenchmark(rows: CommandLine.arguments.dropFirst(flag + 1).first.flatMap { Int($0) } ?? 100_000)
    exit(0)
}

// `--desk [acts]`: the depositary's desk alone, acts recorded in batches of 10 (DeskBenchmark).
if let flag = CommandLine.arguments.firstIndex(of: "--desk") {
    exit(runDeskBenchmark(acts: CommandLine.arguments.dropFirst(flag + 1).first.flatMap { Int($0) } ?? 6_000))
}

// `--sql-peer [treaties] [--on DATE] [--keep]`: the engine beside DuckDB and SQLite on the same events (SQLPeerBenchmark).
if let flag = CommandLine.arguments.firstIndex(of: "--sql-peer") {
    let arguments = CommandLine.arguments
    let onFlag = arguments.firstIndex(of: "--on")
    guard
        let date = onFlag.map({ CalendarDate(iso: arguments.dropFirst($0 + 1).first ?? "") })
            ?? CalendarDate(iso: "2025-01-01")
    else {
        print("--on needs a date YYYY-MM-DD")
        exit(2)
    }
    let treaties = arguments.dropFirst(flag + 1).first.flatMap { Int($0) } ?? 10_000
    exit(runSQLPeerBenchmark(count: treaties, on: date, keep: arguments.contains("--keep")))
}

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
// `--yaml [libyaml|yams]`: only the reading of the generated files, per event: the YAML step alone and the whole
// read, with Yams' composer (before) and libyaml's events (now) side by side; one of them where named (for `perf`).
if let flag = CommandLine.arguments.firstIndex(of: "--yaml") {
    let named = CommandLine.arguments.dropFirst(flag + 1).first.flatMap { YAMLComposer(rawValue: $0) }
    runYAMLBenchmark(count: count, composers: named.map { [$0] } ?? [.yams, .libyaml])
    exit(0)
}
let profileStatus = CommandLine.arguments.contains("--profile-status")
// `--profile-big [explain]`: only the 200-participant treaty, many times over, for `perf record`.
if let flag = CommandLine.arguments.firstIndex(of: "--profile-big") {
    let big = bigMultilateral(participants: 200, eventCount: 5_000)
    let explain = CommandLine.arguments.dropFirst(flag + 1).first == "explain"
    let day = CalendarDate(iso: "2030-01-01")!
    _ = measure("200 participants, \(big.events.count) events, explain: \(explain)", repeat: 500) {
        acceptedCount(Lifecycle().status(of: big, on: day, explain: explain))
    }
    exit(0)
}

// MARK: - Multilateral treaty with 200 participants and 5,000 events (first, in a fresh process: the
// 10,000-treaty corpus below leaves the heap fragmented, which adds about 15% to a run this short)

if !profileStatus {
    let big = bigMultilateral(participants: 200, eventCount: 5_000)
    let bigEngine = Lifecycle()
    let day = CalendarDate(iso: "2030-01-01")!
    let bigStatus = measure(
        "one treaty, 200 participants, \(big.events.count) events: every State and every reservation acceptance date",
        repeat: 100
    ) {
        // Every acceptance date is read, not only computed.
        let status = bigEngine.status(of: big, on: day)
        return (status, acceptedCount(status))
    }.0
    print(
        "(\(bigStatus.states.count) States, \(bigStatus.reservations.count) reservations, \(bigStatus.reservations.reduce(0) { $0 + $1.responseCount }) responses)"
    )
    _ = measure("the same, every response built with its words", repeat: 20) {
        bigEngine.status(of: big, on: day).reservations.reduce(0) {
            $0 + $1.responses.count { !$0.explanation.isEmpty }
        }
    }
    _ = measure("the same without explanations", repeat: 20) { bigEngine.status(of: big, on: day, explain: false) }
    // The desk appends acts one at a time; the engine's log index is built when the log is next read.
    _ = measure("its \(big.events.count) events appended one by one to the treaty, then its status", repeat: 3) {
        var growing = big
        growing.events = []
        for event in big.events { growing.events.append(event) }
        return acceptedCount(bigEngine.status(of: growing, on: day, explain: false))
    }
}

print("Generating \(count) treaties ...")
let files = generateCorpus(count: count)
// `--write-corpus DIR`: write the generated files for the server benchmark (Benchmarks/serve-benchmark.sh) and stop.
if let flag = CommandLine.arguments.firstIndex(of: "--write-corpus"), flag + 1 < CommandLine.arguments.count {
    let folder = CommandLine.arguments[flag + 1]
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for file in files {
        try file.text.write(toFile: "\(folder)/\(file.name)", atomically: false, encoding: .utf8)
    }
    print("wrote \(files.count) files to \(folder)")
    exit(0)
}
let eventCount = files.reduce(0) { $0 + $1.text.components(separatedBy: "\n  - {").count - 1 }
print(
    "\(files.count) treaties, \(eventCount) events, \(files.reduce(0) { $0 + $1.text.utf8.count } / 1024) KiB of YAML")

let reader = TreatyFileReader()
let treaties = measure("parse \(files.count) files (YAML to model, with every check)", repeat: profileStatus ? 1 : 2) {
    files.map { file -> Treaty in
        let result = reader.read(text: file.text, file: file.name)
        guard let treaty = result.treaty, result.diagnostics.isEmpty else {
            fatalError("generated file \(file.name) has errors: \(result.diagnostics)")
        }
        return treaty
    }
}
let corpus = Corpus(treaties: treaties)
let engine = Lifecycle(corpus: corpus)
let on = CalendarDate(iso: "2025-01-01")!
// `--profile-calendar`: only the calendar, many times over, for `perf record`.
if CommandLine.arguments.contains("--profile-calendar") {
    _ = measure("the whole calendar (profiling)", repeat: 20) {
        engine.upcoming(from: CalendarDate(iso: "0001-01-01")!, through: CalendarDate(iso: "2100-12-31")!).count
    }
    exit(0)
}

// `--list-steps`: every treaty's list row as a step function of the date (what `pacta index` stores for
// `pacta list`), on one core, with the count of statuses and steps, then stop.
if CommandLine.arguments.contains("--list-steps") {
    let stepped = measure("list steps of every treaty (one core)", repeat: 1) {
        corpus.treaties.map { engine.listSteps(of: $0) }
    }
    let steps = stepped.reduce(0) { $0 + ($1?.steps.count ?? 0) }
    print("(\(steps) steps; \(stepped.filter { $0 == nil }.count) treaties left to the engine)")
    if CommandLine.arguments.contains("--check") {
        let plain = measure("the same, each status computed on its own", repeat: 1) {
            corpus.treaties.map { engine.stepsByStatus(of: $0) }
        }
        print("(\(zip(stepped, plain).filter { $0 != $1 }.count) treaties whose steps differ)")
    }
    exit(0)
}

// `--profile-status explain`: the status with explanations, many times over, for `perf record`.
let profileExplained =
    profileStatus
    && CommandLine.arguments.dropFirst((CommandLine.arguments.firstIndex(of: "--profile-status") ?? 0) + 1).first
        == "explain"
let states = measure(
    "status of every treaty and every State on \(on)", repeat: profileExplained ? 30 : profileStatus ? 1 : 5
) {
    corpus.treaties.reduce(0) { $0 + engine.status(of: $1, on: on).states.count }
}
print("(\(states) State rows)")
_ = measure(
    "the same without explanations (dates and statuses only, as lists and dyad tables use)",
    repeat: profileStatus ? 30 : 5
) {
    corpus.treaties.reduce(0) { $0 + engine.status(of: $1, on: on, explain: false).states.count }
}
// The same dates and statuses as columns (`Lifecycle.statusTable(on:)`): plain treaties by the compact engine.
let tableEngine = Lifecycle(corpus: corpus)
_ = measure("the status table on \(on), first call (builds the compact form of the plain treaties' logs)", repeat: 1) {
    tableEngine.statusTable(on: on).rowCount
}
let table = measure("the status table of every treaty and State on \(on) (Lifecycle.statusTable)", repeat: 5) {
    tableEngine.statusTable(on: on)
}
print("(\(table.rowCount) State rows, \(table.compactTreaties) of \(table.treatyCount) treaties by the compact engine)")

// MARK: - Multilateral treaty with 200 participants and 5,000 events

/// One treaty with `participants` States and about `eventCount` events: signatures, consents, reservations,
/// objections, withdrawals and re-accessions.
func bigMultilateral(participants: Int, eventCount: Int) -> Treaty {
    var random = SplitMix64(state: 7)
    let codes = Array(
        PartyCodeTable.byAlpha3.values.filter { !$0.isFormer }.map { PartyCode($0.alpha3) }.sorted().prefix(
            participants))
    let adopted = CalendarDate(iso: "1990-01-01")!
    var events: [Event] = []
    var number = 0
    func add(_ date: CalendarDate, _ kind: Event.Kind) {
        number += 1
        events.append(Event(id: "big-\(number)", date: date, kind: kind))
    }
    for code in codes { add(adopted, .signature(party: code, by: nil)) }
    var reservations: [(String, PartyCode, CalendarDate)] = []
    for code in codes {
        let date = adopted.adding(days: Int.random(in: 10...2000, using: &random))
        add(date, .consent(party: code, form: .ratification, depositary: nil, effectiveFrom: nil))
        if Bool.random(using: &random) {
            add(
                date,
                .reservation(
                    party: code, articles: ["\(Int.random(in: 1...40, using: &random))"], summary: "reservation"))
            reservations.append(("big-\(number)", code, date))
        }
    }
    while events.count < eventCount {
        let (id, author, date) = reservations.randomElement(using: &random)!
        let objector = codes.randomElement(using: &random)!
        guard objector != author else { continue }
        add(
            date.adding(days: Int.random(in: 1...400, using: &random)),
            .objection(party: objector, to: id, summary: nil, precludesEntryIntoForce: Bool.random(using: &random)))
        if number % 50 == 0 {
            let leaver = codes.randomElement(using: &random)!
            add(adopted.adding(days: 4000 + number), .denunciation(party: leaver, effective: nil))
            add(
                adopted.adding(days: 5000 + number),
                .consent(party: leaver, form: .accession, depositary: nil, effectiveFrom: nil))
        }
    }
    events.sort { $0.date < $1.date }
    return Treaty(
        id: "big-multilateral", titles: ["en": "Generated multilateral treaty"], kind: .multilateral,
        adopted: .init(date: adopted), negotiatingStates: codes, events: LogArray(events),
        rules: Rules(
            entryIntoForce: EntryIntoForceRule(condition: .consents(60, ConsentFilter()), delay: .days(30)),
            laterConsent: LaterConsentRule(after: .conditionsMet, delay: .days(30)),
            denunciation: DenunciationRule(notice: Span(years: 1))))
}

if !profileStatus {
    let calendar = measure("the whole calendar of the 10,000-treaty corpus (upcoming over all dates)", repeat: 3) {
        engine.upcoming(from: CalendarDate(iso: "0001-01-01")!, through: CalendarDate(iso: "2100-12-31")!)
    }
    print("(\(calendar.count) computed dates)")
    _ = measure("the same, every date's explanation read (the words are built when read)", repeat: 3) {
        engine.upcoming(from: CalendarDate(iso: "0001-01-01")!, through: CalendarDate(iso: "2100-12-31")!)
            .reduce(0) { $0 + $1.entry.explanation.count }
    }

    // MARK: - Network of 200 States and 1,000 alliances

    var random = SplitMix64(state: 99)
    let states = Array(COWCodeTable.byAlpha3.keys.sorted().prefix(200)).map { PartyCode($0) }
    var alliances: [Treaty] = []
    for index in 0..<1_000 {
        let pair = Array(states.shuffled(using: &random).prefix(2))
        let signed = CalendarDate(year: Int.random(in: 1816...2020, using: &random), month: 1, day: 15)!
        alliances.append(
            Treaty(
                id: "alliance-\(index)", titles: ["en": "Alliance \(index)"], kind: .bilateral,
                adopted: .init(date: signed),
                negotiatingStates: pair,
                events: [
                    Event(
                        id: "alliance-\(index)-x", date: signed.adding(days: 60),
                        kind: .exchangeOfInstruments(parties: pair, place: nil))
                ],
                rules: Rules(entryIntoForce: EntryIntoForceRule(condition: .exchangeOfInstruments)),
                provisions: [
                    Provision(
                        id: "defence", article: "1", category: .defense, duty: "provide-assistance",
                        means: ["military"],
                        trigger: .init(event: "armed-attack"), bearer: "other-parties", beneficiary: "affected-party"),
                    Provision(
                        id: "consult", article: "2", category: .consultation, duty: "consult",
                        trigger: .init(event: "threat-of-attack"), bearer: "all-parties", beneficiary: "affected-party"),
                ]))
    }
    let network = Corpus(treaties: alliances)
    let obligations = ObligationsEngine(corpus: network)
    let scenario = Scenario(
        on: CalendarDate(iso: "2025-03-01")!,
        events: [Scenario.Event(kind: .armedAttack, by: states[0], against: states[1])],
        chain: true, rules: ChainRules(entryIsArmedAttack: true))
    let result = measure("one scenario with chains on 200 States and 1,000 alliances", repeat: 5) {
        obligations.evaluate(scenario)
    }
    print("(\(result.duties.count) duties over \(Set(result.duties.map(\.round)).count) rounds)")
    let dyads = measure("dyad-year export 1815–2025 of the same network", repeat: 3) {
        AllianceNetwork(corpus: network).dyadYears(from: 1815, to: 2025, directed: false).rows.count
    }
    print("(\(dyads) dyad-years)")
}
