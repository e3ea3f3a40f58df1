import CSV
import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

/// The dyad-year export compared with what the ATOP 5.1 and COW 4.1 data sets code for a sample of dyad-years
/// (Fixtures/reference/atop-cow-sample.csv, with its provenance in docs/coverage.md). Every disagreement must be
/// listed, with its reason, in docs/coverage.md: a new one (or one that has gone) fails this test.
@Suite struct ReferenceDataTests {
    /// One data set's flags for a non-directed dyad-year: the OR of its rows for that pair and year.
    struct Coded: Hashable {
        var dataset: String
        var ccode1: Int
        var ccode2: Int
        var year: Int
        var flags: [String: Int]
    }

    static let columns = ["defense", "offense", "neutrality", "nonagg", "consul"]
    /// Pacta's column for each: the export's `neutral` is ATOP's `neutral`.
    static let pactaColumn = ["defense": 0, "offense": 1, "neutrality": 2, "nonagg": 3, "consul": 4]

    /// The data sets' aggregate rows (ATOP's directed dyad-year file, COW's dyad-year flags), merged per pair.
    static func sample() throws -> [Coded] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference/atop-cow-sample.csv")
        let reader = try CSVReader(stream: InputStream(url: file)!, hasHeaderRow: true)
        var merged: [String: Coded] = [:]
        while let row = reader.next() {
            let fields = Dictionary(uniqueKeysWithValues: zip(reader.headerRow!, row))
            // COW's per-alliance rows (with a version4id) code one alliance, not the dyad-year: left out.
            if fields["dataset"] == "COW", fields["alliance_id"] != "" { continue }
            guard let a = Int(fields["ccode1"] ?? ""), let b = Int(fields["ccode2"] ?? ""),
                let year = Int(fields["year"] ?? "")
            else { continue }
            let key = "\(fields["dataset"]!) \(min(a, b))-\(max(a, b)) \(year)"
            var coded =
                merged[key]
                ?? Coded(dataset: fields["dataset"]!, ccode1: min(a, b), ccode2: max(a, b), year: year, flags: [:])
            for column in columns {
                guard let value = Int(fields[column] ?? "") else { continue }  // COW has no offense
                coded.flags[column] = max(coded.flags[column] ?? 0, value)
            }
            merged[key] = coded
        }
        return merged.values.sorted {
            ($0.dataset, $0.ccode1, $0.ccode2, $0.year) < ($1.dataset, $1.ccode1, $1.ccode2, $1.year)
        }
    }

    /// Each disagreement in one line: `ATOP 2-200 1950 nonagg: ATOP 1, Pacta 0`.
    static func disagreements(corpus: Corpus) throws -> [String] {
        let network = AllianceNetwork(corpus: corpus)
        var lines: [String] = []
        var byYear: [Int: [String: [Bool]]] = [:]
        for coded in try sample() {
            if byYear[coded.year] == nil {
                var rows: [String: [Bool]] = [:]
                for row in network.dyadYears(from: coded.year, to: coded.year, directed: false).rows {
                    rows["\(row.ccode1)-\(row.ccode2)"] = row.flags
                }
                byYear[coded.year] = rows
            }
            let pacta = byYear[coded.year]!["\(coded.ccode1)-\(coded.ccode2)"] ?? Array(repeating: false, count: 5)
            for column in columns {
                guard let theirs = coded.flags[column] else { continue }
                let ours = pacta[pactaColumn[column]!] ? 1 : 0
                if theirs != ours {
                    lines.append(
                        "\(coded.dataset) \(coded.ccode1)-\(coded.ccode2) \(coded.year) \(column): \(coded.dataset) \(theirs), Pacta \(ours)"
                    )
                }
            }
        }
        return lines
    }

    /// The disagreements docs/coverage.md lists: lines of the form "- `ATOP 2-200 1950 nonagg: ATOP 1, Pacta 0` ...".
    static func listed() throws -> [String] {
        let text = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/coverage.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("- `ATOP ") || line.hasPrefix("- `COW ") else { return nil }
            return line.dropFirst(3).split(separator: "`", maxSplits: 1).first.map(String.init)
        }
    }

    @Test func theSampleIsRead() throws {
        let sample = try Self.sample()
        #expect(sample.count > 60)
        let nato = try #require(
            sample.first { $0.dataset == "ATOP" && $0.ccode1 == 2 && $0.ccode2 == 200 && $0.year == 1950 })
        #expect(nato.flags == ["defense": 1, "offense": 0, "neutrality": 0, "nonagg": 1, "consul": 1])
    }

    @Test func everyDisagreementWithATOPAndCOWIsListedWithItsReason() throws {
        let found = try Self.disagreements(corpus: Fixtures.shipped.corpus)
        let listed = try Self.listed()
        let missing = found.filter { !listed.contains($0) }
        let gone = listed.filter { !found.contains($0) }
        #expect(
            missing == [],
            Comment(
                rawValue: "disagreements not listed in docs/coverage.md:\n"
                    + missing.map { "- `\($0)`" }.joined(separator: "\n")))
        #expect(
            gone == [],
            Comment(rawValue: "listed in docs/coverage.md but no longer found:\n" + gone.joined(separator: "\n")))
        // The sample's core promises agree: NATO, the Warsaw Pact, US–ROK and China–DPRK are defence pacts.
        for agreed in [
            "2-200 1950 defense", "290-365 1970 defense", "265-365 1970 defense", "2-732 1970 defense",
            "710-731 1970 defense",
        ] {
            #expect(!found.contains { $0.hasPrefix("ATOP \(agreed)") }, "Pacta disagrees with ATOP on \(agreed)")
        }
    }
}
