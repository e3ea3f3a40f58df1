import Foundation
import PactaCore
import PactaTestSupport
import Testing

@_spi(Testing) @testable import PactaFormats

/// The YAML composer on libyaml's events gives the trees, errors and treaties Yams' composer gave, and refuses
/// what Yams' composer let through at great cost (alias bombs, deep nesting).
@Suite struct YAMLComposerTests {
    /// Both composers' answers for `text`: the tree, or the problem.
    static func both(_ text: String) -> (
        events: Swift.Result<YAMLNode?, YAMLProblem>, yams: Swift.Result<YAMLNode?, YAMLProblem>
    ) {
        (
            Swift.Result { () throws(YAMLProblem) in try YAMLComposer.libyaml.root(text) },
            Swift.Result { () throws(YAMLProblem) in try YAMLComposer.yams.root(text) }
        )
    }

    static func tree(_ text: String) throws -> YAMLNode {
        let (events, yams) = both(text)
        #expect(events == yams)
        return try #require(try events.get())
    }

    /// The problem Pacta's composer finds in `text`, checked against Yams': the same, but for duplicate keys, which
    /// Yams placed at the first of them (the line Pacta gives as the first key's first line).
    static func problem(_ text: String) -> YAMLProblem? {
        let (events, yams) = both(text)
        if case .failure(.duplicateKeys(let keys, _, _, let firstLines)) = events,
            case .failure(.duplicateKeys(let yamsKeys, let yamsLine, _, _)) = yams
        {
            #expect(keys == yamsKeys)
            #expect(firstLines.first == yamsLine)
        } else {
            #expect(events == yams)
        }
        guard case .failure(let problem) = events else { return nil }
        return problem
    }

    /// Every YAML file of the repository (the corpus, the fixtures, the API's contract) composes to the same tree,
    /// marks and scalar styles included.
    @Test func everyYAMLFileOfTheRepositoryComposesAsBefore() throws {
        let root = Fixtures.packageRoot
        var files: [String] = []
        for folder in ["corpus", "Tests", "Sources", "docs"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { files.append("\(folder)/\(path)") }
            }
        }
        #expect(files.count >= 80)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let (events, yams) = Self.both(text)
            #expect(events == yams, "\(file)")
            #expect((try? events.get()) != nil, "\(file) does not compose")
        }
    }

    /// Every treaty file of the shipped corpus and of the real-treaty fixtures reads to the same treaty, the same
    /// diagnostics and the same event locations with either composer; so does the broken fixture.
    @Test func everyTreatyFileReadsAsBefore() throws {
        let real = Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures/real-treaties").path
        let broken = Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures").path
        var read = 0
        for folder in [Fixtures.corpusPath, real, broken] {
            let loaded = try CorpusLoader().load(directory: folder)
            let reader = TreatyFileReader(
                organisations: Set(loaded.corpus.entities.keys), regions: Set(loaded.corpus.regions.keys))
            var before = reader
            before.composer = .yams
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter(CorpusFiles.isTreatyFile)
            for name in names {
                let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
                let now = reader.read(text: text, file: name)
                let then = before.read(text: text, file: name)
                #expect(now.treaty == then.treaty, "\(name)")
                #expect(now.diagnostics == then.diagnostics, "\(name)")
                #expect(now.eventLocations == then.eventLocations, "\(name)")
                if now.treaty != nil { read += 1 }
            }
        }
        #expect(read >= 75)
    }

    // MARK: - Shapes

    @Test func flowMappingsAndListsKeepTheirOrderAndPlaces() throws {
        let root = try Self.tree("a: {x: 1, y: [p, q]}\nb: [{k: v}, w]\n")
        let pairs = try #require(root.mapping)
        #expect(pairs.map { $0.key.scalar?.string } == ["a", "b"])
        let a = try #require(pairs[0].value.mapping)
        #expect(a.map { $0.key.scalar?.string } == ["x", "y"])
        #expect(a[1].value.sequence?.map { $0.scalar?.string } == ["p", "q"])
        #expect(a[1].value.sequence?.map(\.mark) == [.init(line: 1, column: 15), .init(line: 1, column: 18)])
        #expect(pairs[1].value.mark == .init(line: 2, column: 4))
        #expect(pairs[1].value.sequence?.first?.mapping?.first?.value.scalar?.string == "v")
        #expect(root.count == 15)
    }

    @Test func quotedScalarsAreUnescapedAndKeepTheirStyle() throws {
        let root = try Self.tree("a: \"tab\\there \\u00e9\"\nb: 'it''s'\nc: plain text\nd: \"\"\n")
        let values = try #require(root.mapping).map { $0.value.scalar }
        #expect(values.map { $0?.string } == ["tab\there é", "it's", "plain text", ""])
        #expect(values.map { $0?.style } == [.doubleQuoted, .singleQuoted, .plain, .doubleQuoted])
        #expect(NodeReader.isNull(try #require(root.mapping)[3].value) == false)
    }

    @Test func blockScalarsAreLiteralOrFolded() throws {
        let root = try Self.tree("a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: |-\n  kept\n")
        let values = try #require(root.mapping).map { $0.value.scalar }
        #expect(values.map { $0?.string } == ["line one\nline two\n", "folded text\n", "kept"])
        #expect(values.map { $0?.style } == [.literal, .folded, .literal])
        #expect(try #require(root.mapping)[1].value.mark == .init(line: 4, column: 4))
    }

    /// A byte order mark at the start is not skipped (the composers read the text as UTF-8, not detecting its
    /// encoding): the file is refused at its second line, as before.
    @Test func aByteOrderMarkIsRefusedAsBefore() throws {
        #expect(
            Self.problem("\u{FEFF}format: 1\nid: x\n")
                == .syntax(problem: "did not find expected <document start>", context: nil, line: 2, column: 1))
        #expect(
            Fixtures.read("\u{FEFF}format: 1\nid: x\n", file: "bom.yaml").diagnostics.map(\.description) == [
                "bom.yaml:2:1: error: not valid YAML: did not find expected <document start>\n   2 | id: x\n     | ^"
            ])
    }

    /// A tab separates a value from its key, but cannot indent.
    @Test func tabsSeparateButDoNotIndent() throws {
        let root = try Self.tree("a:\tvalue\t\nb: x\n")
        #expect(try #require(root.mapping).map { $0.value.scalar?.string } == ["value", "x"])
        #expect(
            Self.problem("a:\n\tb: 1\n")
                == .syntax(
                    problem: "found character that cannot start any token",
                    context: "while scanning for the next token",
                    line: 2, column: 1))
    }

    @Test func emptyTextsHaveNoDocument() throws {
        #expect(try YAMLComposer.libyaml.root("") == nil)
        #expect(try YAMLComposer.libyaml.root("# only a comment\n") == nil)
        let empty = try Self.tree("---\n")
        #expect(empty.scalar?.string == "")
        #expect(NodeReader.isNull(empty))
    }

    /// Line breaks other than LF: CRLF and CR alone end a line; so do NEL and LINE SEPARATOR, for libyaml.
    @Test func lineBreaksAsLibyamlCountsThem() throws {
        let root = try Self.tree("a: 1\r\nb: 2\rc: 3\u{2028}d: 4\n")
        #expect(try #require(root.mapping).map { $0.key.mark.line } == [1, 2, 3, 4])
    }

    // MARK: - Errors

    @Test func twoDocumentsAreOneTooMany() {
        #expect(
            Self.problem("a: 1\n---\nb: 2\n")
                == .syntax(
                    problem: "but found another document", context: "expected a single document in the stream",
                    line: 2, column: 1))
        #expect(
            Fixtures.read("format: 1\n---\nid: x\n", file: "two.yaml").diagnostics.map(\.description) == [
                "two.yaml:2:1: error: not valid YAML: but found another document (expected a single document in the stream)\n   2 | ---\n     | ^"
            ])
    }

    @Test func syntaxErrorsAreLibyamlsWithTheirPlace() {
        #expect(
            Self.problem("a: [x, y\nb: 1\n")
                == .syntax(
                    problem: "did not find expected ',' or ']'",
                    context: "while parsing a flow sequence started on line 1",
                    line: 2,
                    column: 2))
        #expect(
            Self.problem("a: x\u{1}y\n")
                == .character(problem: "control characters are not allowed", offset: 4, value: 1))
        #expect(
            Self.problem("é: ü\u{7F}\n")
                == .character(problem: "control characters are not allowed", offset: 4, value: 0x7F))
    }

    /// Duplicate scalar keys are refused, in any mapping, the keys sorted with the line each is first given on,
    /// placed where a key is first given again (Yams placed them at the first of them); a quoted key is the same key
    /// as a plain one, a key tagged `!!int` is not.
    @Test func duplicateKeysAreRefusedAsBefore() throws {
        #expect(
            Self.problem("format: 1\nid: a\nid: b\n") == .duplicateKeys(["id"], line: 3, column: 1, firstLines: [2]))
        #expect(
            Self.problem("b: 1\na: 1\nc: 1\nb: 2\na: 2\n")
                == .duplicateKeys(["a", "b"], line: 4, column: 1, firstLines: [2, 1]))
        #expect(Self.problem("x: {k: 1, \"k\": 2}\n") == .duplicateKeys(["k"], line: 1, column: 11, firstLines: [1]))
        #expect(
            Self.problem("events:\n  - {id: e1, type: a, type: b}\n")
                == .duplicateKeys(["type"], line: 2, column: 23, firstLines: [2]))
        // Many keys: hashed rather than compared pairwise.
        let many = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n") + "\nk7: again\n"
        #expect(Self.problem(many) == .duplicateKeys(["k7"], line: 41, column: 1, firstLines: [8]))
        let tagged = try Self.tree("!!int 1: a\n1: b\n")
        #expect(tagged.mapping?.count == 2)
        #expect(
            Fixtures.read("format: 1\nid: a\nid: b\n", file: "dup.yaml").diagnostics.map(\.description) == [
                "dup.yaml:3:1: error: the field 'id' (first on line 2) is given again in the same mapping; keep one of the two\n   3 | id: b\n     | ^"
            ])
    }

    /// A mapping or list used as a key is not compared (Yams hashed it whole); the readers refuse it as a key.
    @Test func complexKeysAreLeftToTheReaders() throws {
        let text = "format: 1\n? [a]\n: 1\n? [a]\n: 2\n"
        let root = try #require(try YAMLComposer.libyaml.root(text))
        #expect(root.mapping?.count == 3)
        #expect(
            Self.both(text).yams == .failure(.duplicateKeys(["<uncovertable>"], line: 2, column: 3, firstLines: [])))
        let keys = Fixtures.read(text, file: "keys.yaml").diagnostics.filter { $0.message.contains("plain text key") }
        #expect(keys.map(\.location) == ["keys.yaml:2:3", "keys.yaml:4:3"])
        #expect(keys.first?.message == "a key in a treaty file must be a plain text key")
    }

    // MARK: - Anchors, aliases and nesting

    @Test func anAliasIsACopyOfItsAnchor() throws {
        let root = try Self.tree("a: &x [1, 2]\nb: *x\nc: &y text\nd: *y\n")
        let values = try #require(root.mapping).map(\.value)
        #expect(values[1] == values[0])
        #expect(values[3].scalar?.string == "text")
        #expect(
            Self.problem("a: *nothing\n") == .syntax(problem: "found undefined alias", context: nil, line: 1, column: 4)
        )
    }

    /// Nine levels of nine aliases stand for 387 million nodes: refused at the alias that passes the limit, after
    /// a few dozen events (Yams' composer would hash them all, for a mapping of such keys).
    @Test func anAliasBombIsRefused() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append("? *a8\n: 1\n? *a8\n: 2")
        let bomb = lines.joined(separator: "\n") + "\n"
        let problem = Swift.Result { () throws(YAMLProblem) in try YAMLComposer.libyaml.root(bomb) }
        #expect(
            problem
                == .failure(
                    .refused(
                        message: "the aliases (*name) here stand for more than 100000 nodes; write each value out",
                        line: 6, column: 10)))
        // A scenario file has no anchor check of its own: the composer refuses it.
        let scenario = ScenarioFileReader().read(text: bomb, file: "bomb.yaml")
        #expect(scenario.scenario == nil)
        #expect(
            scenario.diagnostics.map(\.location) == ["bomb.yaml:6:10"])
        #expect(
            scenario.diagnostics.map(\.message) == [
                "the aliases (*name) here stand for more than 100000 nodes; write each value out"
            ])
    }

    /// Lists and mappings nest at most 100 deep. Past 1000 open brackets, the copy of libyaml that Yams links
    /// into the program refuses the text first, at its start, as it did before.
    @Test func deepNestingIsRefusedAtTheLimit() throws {
        let deepest = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try YAMLComposer.libyaml.root(deepest)?.count == 100)
        for depth in [101, 900] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(
                Swift.Result { () throws(YAMLProblem) in try YAMLComposer.libyaml.root(text) }
                    == .failure(
                        .refused(
                            message:
                                "lists and mappings are nested more than 100 deep here; a Pacta file needs a few levels",
                            line: 1, column: 101)))
        }
        let text = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        // libyaml's words name its C function: refused in plain words, where libyaml placed it.
        #expect(
            Self.problem(text)
                == .refused(
                    message:
                        "lists and mappings are nested more than 100 deep in this file; a Pacta file needs a few levels",
                    line: 1, column: 1))
        let file = "format: 1\nid: x\nnote: " + String(repeating: "[", count: 200) + "\n"
        #expect(
            Fixtures.read(file, file: "deep.yaml").diagnostics.map(\.description) == [
                "deep.yaml:3:106: error: lists and mappings are nested more than 100 deep here; a Pacta file needs a few levels\n   3 | note: \(String(repeating: "[", count: 200))\n     | \(String(repeating: " ", count: 105))^"
            ])
    }

    /// The benchmarks' count: the same for both composers, an alias counting its anchor's nodes.
    @Test func nodeCountsAgree() {
        let text = "a: &x [1, 2]\nb: *x\nc: {d: e}\n"
        #expect(YAMLComposer.libyaml.nodeCount(of: text) == 13)
        #expect(YAMLComposer.yams.nodeCount(of: text) == 13)
        #expect(YAMLComposer.libyaml.nodeCount(of: "a: [") == nil)
        #expect(YAMLComposer.libyaml.nodeCount(of: "") == 0)
    }
}
