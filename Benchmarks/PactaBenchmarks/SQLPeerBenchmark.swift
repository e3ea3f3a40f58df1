import Foundation
import PactaCore
import PactaFormats
import Synchronization

// `--sql-peer N [--on DATE] [--keep]`: the comparison a reviewer asks for. The generated corpus of N treaties is
// written as CSV tables (its events, and each treaty's rule parameters), the engine computes the status of every
// treaty and every State on the date on one core, and `Benchmarks/sql-peer.py` computes the same rows in SQL with
// DuckDB (one thread) and SQLite (in memory), checks that the three agree row for row, and prints the times side
// by side. The run fails (exit status 1) where the rows differ.

/// The generated treaties, parsed from their YAML text on every core (the parse is not what is measured here), in
/// corpus order.
func parseGenerated(_ files: [(name: String, text: String)]) -> [Treaty] {
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let chunk = (files.count + workers - 1) / workers
    let parts = Mutex<[[Treaty]]>(Array(repeating: [], count: workers))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let reader = TreatyFileReader()
        var mine: [Treaty] = []
        for position in min(files.count, worker * chunk)..<min(files.count, (worker + 1) * chunk) {
            let result = reader.read(text: files[position].text, file: files[position].name)
            guard let treaty = result.treaty, result.diagnostics.isEmpty else {
                fatalError("generated file \(files[position].name) has errors: \(result.diagnostics)")
            }
            mine.append(treaty)
        }
        parts.withLock { $0[worker] = mine }
    }
    return parts.withLock { $0.flatMap { $0 } }
}

/// The CSV tables the SQL side loads: a treaty is its position in the corpus (`gen-N` is N), a State a small
/// integer (`states.csv` gives its code), a date `YYYY-MM-DD`.
struct SQLPeerTables {
    var treaties = "t,kind,adopted,condition,needed,eif_delay,later_delay,notice_months\n"
    var events = "t,state,act,day\n"
    var negotiating = "t,state\n"
    /// State codes by id, and ids by code.
    var codes: [PartyCode] = []
    var ids: [PartyCode: Int] = [:]

    /// The id of `code`, given on first sight.
    mutating func id(_ code: PartyCode) -> Int {
        if let id = ids[code] { return id }
        ids[code] = codes.count
        codes.append(code)
        return codes.count - 1
    }

    /// The tables of `treaties`. Stops the run on a rule or an event outside the subset the SQL computes (N
    /// consents or the exchange of instruments, a delay in days, later consents after the conditions are met with
    /// a delay in days, a notice in years or months; signatures, consents, exchanges and denunciations).
    init(_ corpus: [Treaty]) {
        for (t, treaty) in corpus.enumerated() {
            guard treaty.id == "gen-\(t)" else { fatalError("treaty \(t) is \(treaty.id)") }
            let rules = treaty.rules
            guard let rule = rules.entryIntoForce, rule.notBefore == nil, rules.partial.isEmpty,
                rules.duration == .indefinite, rules.dissolutionBelow == nil, treaty.amends == nil
            else { fatalError("\(treaty.id): rules outside the SQL peer's subset") }
            let condition: String
            var needed = ""
            switch rule.condition {
            case .consents(let count, let filter) where filter == ConsentFilter():
                condition = "consents"
                needed = "\(count)"
            case .exchangeOfInstruments: condition = "exchange"
            default: fatalError("\(treaty.id): entry-into-force condition outside the SQL peer's subset")
            }
            func days(_ delay: Delay) -> Int {
                switch delay {
                case .none: return 0
                case .days(let count): return count
                default: fatalError("\(treaty.id): delay \(delay) outside the SQL peer's subset")
                }
            }
            var later = ""
            if let rule = rules.laterConsent {
                guard rule.after == .conditionsMet, !rule.notBeforeTreatyEntryIntoForce, rule.organisations == nil
                else { fatalError("\(treaty.id): later-consent rule outside the SQL peer's subset") }
                later = "\(days(rule.delay))"
            }
            guard let notice = rules.denunciation, notice.allowed, notice.earliest == nil, notice.notice.days == 0
            else { fatalError("\(treaty.id): denunciation rule outside the SQL peer's subset") }
            let months = notice.notice.years * 12 + notice.notice.months
            treaties +=
                "\(t),\(treaty.kind.rawValue),\(treaty.adopted.date),\(condition),\(needed),\(days(rule.delay)),\(later),\(months)\n"
            for code in treaty.negotiatingStates { negotiating += "\(t),\(id(code))\n" }
            for event in treaty.events {
                switch event.kind {
                case .signature(let party, _): events += "\(t),\(id(party)),signature,\(event.date)\n"
                case .consent(let party, _, nil, nil, nil): events += "\(t),\(id(party)),consent,\(event.date)\n"
                case .exchangeOfInstruments: events += "\(t),,exchange,\(event.date)\n"
                case .denunciation(let party, nil, false): events += "\(t),\(id(party)),denunciation,\(event.date)\n"
                default: fatalError("\(treaty.id): event \(event.id) outside the SQL peer's subset")
                }
            }
        }
    }
}

/// The engine's rows as CSV: one row per treaty (no State: its status, entry into force and termination) and one
/// per State of each treaty (its status, the date the treaty enters into force for it, the date its withdrawal
/// takes effect).
func sqlPeerRows(_ statuses: [TreatyStatus], tables: inout SQLPeerTables) -> String {
    var out = "t,state,status,eif,ends\n"
    for status in statuses {
        // The corpus keeps its treaties sorted by id (gen-10 before gen-2): the number is read from the id.
        guard let t = Int(status.treaty.dropFirst(4)) else { fatalError("treaty \(status.treaty)") }
        let eif = status.entryIntoForce.map { "\($0)" } ?? ""
        out += "\(t),,\(status.status.rawValue),\(eif),\(status.termination.map { "\($0)" } ?? "")\n"
        for row in status.states {
            let eif = row.entryIntoForce.map { "\($0)" } ?? ""
            let ends = row.withdrawal?.effective.map { "\($0)" } ?? ""
            out += "\(t),\(tables.id(row.code)),\(row.status.rawValue),\(eif),\(ends)\n"
        }
    }
    return out
}

/// The status table's rows in the form of ``sqlPeerRows(_:tables:)``.
func sqlPeerRows(_ table: StatusTable, corpus: Corpus, tables: inout SQLPeerTables) -> String {
    var out = "t,state,status,eif,ends\n"
    for position in 0..<table.treatyCount {
        guard let t = Int(corpus.treaties[position].id.dropFirst(4)) else { fatalError("treaty \(position)") }
        let treaty = table.treaty(position)
        let eif = treaty.entryIntoForce.map { "\($0)" } ?? ""
        out += "\(t),,\(treaty.status.rawValue),\(eif),\(treaty.termination.map { "\($0)" } ?? "")\n"
        for index in table.rows(of: position) {
            let row = table.row(index)
            let eif = row.entryIntoForce.map { "\($0)" } ?? ""
            let ends = row.withdrawal?.effective.map { "\($0)" } ?? ""
            out += "\(t),\(tables.id(table.parties[row.party])),\(row.status.rawValue),\(eif),\(ends)\n"
        }
    }
    return out
}

/// `--sql-peer N [--on DATE] [--keep]`: see the top of this file. Returns the exit status.
func runSQLPeerBenchmark(count: Int, on date: CalendarDate, keep: Bool) -> Int32 {
    let clock = ContinuousClock()
    let start = clock.now
    print("Generating \(count) treaties ...")
    var files = generateCorpus(count: count)
    let treaties = parseGenerated(files)
    files = []
    let eventCount = treaties.reduce(0) { $0 + $1.events.count }
    print("\(treaties.count) treaties, \(eventCount) events: generated and parsed (all cores) in \(clock.now - start)")

    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pacta-sql-peer-\(getpid())")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var tables = SQLPeerTables(treaties)
    func write(_ text: String, _ name: String) {
        try! Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    write(tables.treaties, "treaties.csv")
    write(tables.events, "events.csv")
    write(tables.negotiating, "negotiating.csv")

    // The engine, on this thread alone (the loop is sequential and the engine starts no threads), dates and
    // statuses only (`explain: false`, as `pacta list` uses), best of five. Every status is kept, as the databases
    // keep their result table; the default suite drops each once counted, which is also timed, for the README.
    let corpus = Corpus(treaties: treaties)
    let engine = Lifecycle(corpus: corpus)
    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
    var best = Duration.seconds(1_000_000)
    var statuses: [TreatyStatus] = []
    for _ in 0..<5 {
        statuses = []
        let begin = clock.now
        statuses.reserveCapacity(corpus.treaties.count)
        for treaty in corpus.treaties { statuses.append(engine.status(of: treaty, on: date, explain: false)) }
        best = min(best, clock.now - begin)
    }
    let rows = statuses.reduce(statuses.count) { $0 + $1.states.count }
    let kept = milliseconds(best)
    print(
        "Pacta engine, one core: status of every treaty and State on \(date), every status kept: \(String(format: "%.1f", kept)) ms (best of 5, \(rows) rows)"
    )
    best = Duration.seconds(1_000_000)
    for _ in 0..<5 {
        var count = 0
        let begin = clock.now
        for treaty in corpus.treaties { count += engine.status(of: treaty, on: date, explain: false).states.count }
        best = min(best, clock.now - begin)
        precondition(count + corpus.treaties.count == rows)
    }
    print(
        "the same, each status dropped once counted (as the default suite measures): \(String(format: "%.1f", milliseconds(best))) ms (best of 5)"
    )
    let engineRows = sqlPeerRows(statuses, tables: &tables)
    statuses = []

    // The status table (`Lifecycle.statusTable(on:)`): the first call builds the compact form of the plain
    // treaties' logs (timed apart, as the databases' load is), then the table, best of five, each kept until the
    // next is asked for (the old one is dropped before the clock starts).
    let tableEngine = Lifecycle(corpus: corpus)
    let firstStart = clock.now
    var table: StatusTable? = tableEngine.statusTable(on: date)
    let first = clock.now - firstStart
    best = Duration.seconds(1_000_000)
    for _ in 0..<5 {
        table = nil
        let begin = clock.now
        table = tableEngine.statusTable(on: date)
        best = min(best, clock.now - begin)
    }
    let tableMs = milliseconds(best)
    print(
        "Pacta status table, one core: \(String(format: "%.1f", tableMs)) ms (best of 5, \(table!.rowCount + table!.treatyCount) rows, \(table!.compactTreaties) of \(table!.treatyCount) treaties by the compact engine); the first call, which builds the compact form: \(String(format: "%.1f", milliseconds(first))) ms"
    )
    let tableRows = sqlPeerRows(table!, corpus: corpus, tables: &tables)
    table = nil
    guard tableRows == engineRows else {
        print("the status table's rows differ from the engine's statuses")
        return 1
    }
    print("the status table's rows are the engine's statuses' row for row")
    write(tableRows, "pacta.csv")
    write("id,code\n" + tables.codes.enumerated().map { "\($0.offset),\($0.element)\n" }.joined(), "states.csv")
    print("CSV tables written to \(folder.path)")

    // The SQL side, in its own process (this one's output first: a pipe holds it back otherwise).
    fflush(nil)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql-peer.py")
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = [
        "python3", script.path, folder.path, "--on", "\(date)", "--pacta-ms", String(format: "%.3f", tableMs),
        "--engine-ms", String(format: "%.3f", kept), "--pacta-load-s",
        String(format: "%.2f", milliseconds(first) / 1000),
    ]
    do {
        try python.run()
        python.waitUntilExit()
    } catch {
        print("could not run \(script.path): \(error)")
        return 1
    }
    if keep {
        print("kept \(folder.path)")
    } else {
        try? FileManager.default.removeItem(at: folder)
    }
    return python.terminationStatus
}
