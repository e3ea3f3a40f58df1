// Speed of the lifecycle engine and the file reader on a generated corpus at the scale of the
// UN Treaty Series: 10,000 treaties (bilateral and multilateral, up to 200 parties), about 200,000 events.
//
// Run in release mode:  swift run -c release PactaBenchmarks [treaties]
// Figures are reported in the README. Not a test: nothing here asserts a time.

import Foundation
import PactaCore
import PactaFormats

/// SplitMix64: a small deterministic generator, so every run builds the same corpus.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
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
    print("\(label): \(String(format: "%.1f", ms)) ms (best of \(times))")
    return result!
}

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
let profileStatus = CommandLine.arguments.contains("--profile-status")
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
let states = measure("status of every treaty and every State on \(on)", repeat: profileStatus ? 1 : 5) {
    corpus.treaties.reduce(0) { $0 + engine.status(of: $1, on: on).states.count }
}
print("(\(states) State rows)")
_ = measure(
    "the same without explanations (dates and statuses only, as lists and dyad tables use)",
    repeat: profileStatus ? 30 : 5
) {
    corpus.treaties.reduce(0) { $0 + engine.status(of: $1, on: on, explain: false).states.count }
}
