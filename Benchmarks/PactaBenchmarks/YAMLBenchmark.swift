import Foundation
import PactaCore
@_spi(Testing) import PactaFormats

/// The YAML step of reading the generated files alone (text to nodes), then the whole read (YAML and decoding,
/// with every check), per treaty event, for each composer in `composers`: Yams' composer, which Pacta used before,
/// beside libyaml's events composed by Pacta. Yams' trees are counted in the YAML step but converted to Pacta's
/// nodes in the whole read, which adds the conversion to its time there.
func runYAMLBenchmark(count: Int, composers: [YAMLComposer]) {
    print("Generating \(count) treaties ...")
    let files = generateCorpus(count: count)
    let events = files.reduce(0) { $0 + $1.text.split(separator: "\n").count { $0.hasPrefix("  - {") } }
    print(
        "\(files.count) treaties, \(events) events, \(files.reduce(0) { $0 + $1.text.utf8.count } / 1024) KiB of YAML")
    var yamlTimes: [YAMLComposer: Double] = [:]
    var readTimes: [YAMLComposer: Double] = [:]
    for composer in composers {
        let (nodes, seconds) = timed("YAML only, \(composer.label)", events: events) {
            var nodes = 0
            for file in files {
                guard let count = composer.nodeCount(of: file.text) else { fatalError("\(file.name) is not YAML") }
                nodes += count
            }
            return nodes
        }
        print("(\(nodes) nodes)")
        yamlTimes[composer] = seconds
    }
    for composer in composers {
        var reader = TreatyFileReader()
        reader.composer = composer
        let (_, seconds) = timed("whole read (YAML and decoding), \(composer.label)", events: events) {
            var read = 0
            for file in files {
                let result = reader.read(text: file.text, file: file.name)
                guard result.treaty != nil, result.diagnostics.isEmpty else {
                    fatalError("generated file \(file.name) has errors: \(result.diagnostics)")
                }
                read += 1
            }
            return read
        }
        readTimes[composer] = seconds
    }
    if let before = yamlTimes[.yams], let now = yamlTimes[.libyaml] {
        print(String(format: "YAML only: %.2f× faster with libyaml's events", before / now))
    }
    if let before = readTimes[.yams], let now = readTimes[.libyaml] {
        print(String(format: "whole read: %.2f× faster with libyaml's events", before / now))
    }
}

/// Runs `body` `times` times and prints the best time, in all and per treaty event.
func timed<T>(_ label: String, events: Int, repeat times: Int = 3, _ body: () -> T) -> (T, seconds: Double) {
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var result: T?
    for _ in 0..<times {
        let start = clock.now
        result = body()
        best = min(best, clock.now - start)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    print(
        String(
            format: "%@: %.1f ms, %.2f µs per event (best of %d)", label, seconds * 1000,
            seconds * 1e6 / Double(max(1, events)), times))
    return (result!, seconds)
}

extension YAMLComposer {
    var label: String {
        switch self {
        case .libyaml: "libyaml's events composed by Pacta (now)"
        case .yams: "Yams' composer (before)"
        }
    }
}
