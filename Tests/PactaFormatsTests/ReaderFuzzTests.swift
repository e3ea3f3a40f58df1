import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import PropertyBased
import Testing

/// The treaty reader under hostile input (issue: no file can stall Pacta): every shipped treaty file, mutated
/// at random (lines deleted, doubled, swapped, re-indented or cut; characters replaced by YAML's special ones,
/// line and paragraph separators, CR, tabs, NUL; tokens inserted), is read without a crash, is refused only
/// with an error, and every diagnostic lies inside the file: a line from 1 to the file's last as YAML counts
/// lines (LF, CRLF, CR), a column from 1 to one past that line's end.
///
/// `swift test` runs 400 cases; `Scripts/fuzz.sh` runs more (`PACTA_FUZZ_CASES`).
@Suite struct ReaderFuzzTests {
    static let seeds: [(name: String, text: String)] = {
        let folder = Fixtures.corpusPath
        let context = CorpusFiles.context
        return (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted()
            .filter { $0.hasSuffix(".yaml") && !context.contains($0) }
            .compactMap { name in
                (try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)).map { (name, $0) }
            } ?? []
    }()

    static let reader: TreatyFileReader = {
        let context = try? CorpusLoader().context(directory: Fixtures.corpusPath)
        return TreatyFileReader(
            organisations: Set(context?.entities.keys ?? [:].keys), regions: Set(context?.regions.keys ?? [:].keys))
    }()

    static let specials: [String] = [
        ":", "{", "}", "[", "]", "-", "&a", "*a", "!", "|", ">", "#", "\"", "'", "%", "@", "`", ",", "?",
        "\u{2028}", "\u{2029}", "\u{85}", "\r", "\r\n", "\t", "\0", "\u{FEFF}", "é", "軍",
    ]
    static let tokens: [String] = [
        "9999-99-99", "0000-00-00", "~", "null", "!!binary AAAA", "{when: {treaty-in-force: vclt-1969}}",
        "- {id: x, date: 2020-01-01, type: consent}", "  ", "key: [a, b, {c: d}]", "? complex\n: key", "---", "...",
        String(repeating: "[", count: 200), "1e400", "-0", "0x1F",
    ]

    /// Applies the mutations the numbers pick to the seed they pick.
    static func mutate(_ numbers: [Int]) -> (name: String, text: String) {
        var next = numbers.makeIterator()
        func pick(_ count: Int) -> Int { abs(next.next() ?? 0) % max(count, 1) }
        let seed = seeds[pick(seeds.count)]
        var lines = seed.text.components(separatedBy: "\n")
        for _ in 0...pick(4) {
            if lines.isEmpty { lines = [""] }
            let at = pick(lines.count)
            switch pick(8) {
            case 0: if lines.count > 1 { lines.remove(at: at) }
            case 1: lines.insert(lines[at], at: at)
            case 2: lines.swapAt(at, pick(lines.count))
            case 3: lines[at] = String(repeating: " ", count: pick(7)) + lines[at].drop { $0 == " " }
            case 4: lines = Array(lines.prefix(at))
            case 5: lines.insert(tokens[pick(tokens.count)], at: at)
            default:
                var characters = Array(lines[at])
                let special = specials[pick(specials.count)]
                if characters.isEmpty {
                    lines[at] = special
                } else {
                    let position = pick(characters.count)
                    characters.replaceSubrange(position...position, with: special)
                    lines[at] = String(characters)
                }
            }
        }
        var text = lines.joined(separator: "\n")
        if pick(4) == 0 { text = String(text.unicodeScalars.prefix(pick(text.unicodeScalars.count + 1))) }
        return (seed.name, text)
    }

    /// The lines of `text` as YAML counts them (LF, CRLF or CR ends a line), in Unicode scalars.
    static func yamlLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n", previous == "\r" {
                previous = scalar
                continue
            }
            if scalar == "\n" || scalar == "\r" { lines.append([]) } else { lines[lines.count - 1].append(scalar) }
            previous = scalar
        }
        return lines
    }

    static var cases: Int { Int(ProcessInfo.processInfo.environment["PACTA_FUZZ_CASES"] ?? "") ?? 400 }

    @Test func mutatedTreatyFilesAreReadOrRefusedWithLocatedErrors() async {
        #expect(Self.seeds.count > 50)
        await propertyCheck(count: Self.cases, input: Gen.int(in: 0...1_000_000).array(of: 20...40)) { numbers in
            let (name, text) = Self.mutate(numbers)
            let result = Self.reader.read(text: text, file: name)
            let lines = Self.yamlLines(text)
            if result.treaty == nil {
                let refusedWithAnError = result.diagnostics.contains { $0.isError }
                #expect(refusedWithAnError, "\(name) refused without an error")
            }
            for diagnostic in result.diagnostics {
                let inside = (1...lines.count).contains(diagnostic.line)
                #expect(
                    inside,
                    "\(name): \(diagnostic.line):\(diagnostic.column) outside \(lines.count) lines: \(diagnostic.message)"
                )
                if inside {
                    #expect(
                        (1...lines[diagnostic.line - 1].count + 1).contains(diagnostic.column),
                        "\(name): \(diagnostic.line):\(diagnostic.column) past the line's end: \(diagnostic.message)")
                }
            }
        }
    }
}
