import Foundation
import Testing

@testable import PactaCore

/// Checks every `word<TAB>stem` line of a fixture against `stem`; returns how many lines were checked.
func checkVocabulary(_ name: String, _ stem: (String) -> String) throws -> Int {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    let text = try String(contentsOf: file, encoding: .utf8)
    var checked = 0
    var wrong: [String] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let fields = line.split(separator: "\t").map(String.init)
        guard fields.count == 2 else { continue }
        if stem(fields[0]) != fields[1] { wrong.append("\(fields[0]): \(stem(fields[0])), expected \(fields[1])") }
        checked += 1
    }
    #expect(wrong == [])
    return checked
}

@Suite struct RussianStemmerTests {
    /// Every word of the vocabulary (the shipped corpus's Russian words and inflected forms) gets the stem the
    /// reference Snowball implementation gives (Scripts/generate-russian-stems.py).
    @Test func agreesWithTheReferenceImplementation() throws {
        #expect(try checkVocabulary("russian-stems.tsv", RussianStemmer.stem) > 150)
    }

    @Test(arguments: [
        ("военной", "воен"), ("военная", "воен"), ("помощи", "помощ"), ("помощь", "помощ"),
        ("договора", "договор"), ("безопасности", "безопасн"),
    ])
    func stems(_ word: String, _ stem: String) {
        #expect(RussianStemmer.stem(word) == stem)
    }

    /// A query's Russian words become stems, so an inflected query matches another form of the word.
    @Test func inflectedQueryMatchesAnotherForm() {
        #expect(SearchText.terms("военной помощи") == ["воен", "помощ"])
        #expect(SearchText.matches("окажет ей военную и иную помощь", query: "военной помощи"))
        #expect(!SearchText.matches("окажет ей экономическую помощь", query: "военной помощи"))
        // English words become the part of their stem that begins the word.
        #expect(SearchText.terms("mutual assisting happy") == ["mutual", "assist", "happ"])
        #expect(SearchText.matches("the parties give mutual assistance", query: "assisting"))
        // Other scripts are left as they are.
        #expect(SearchText.terms("軍事援助 조약") == ["军事援助", "조약"])
    }
}

@Suite struct EnglishStemmerTests {
    /// Every word of the vocabulary (the shipped corpus's English words and the algorithm's special cases) gets
    /// the stem the reference Snowball implementation gives (Scripts/generate-english-stems.py).
    @Test func agreesWithTheReferenceImplementation() throws {
        #expect(try checkVocabulary("english-stems.tsv", EnglishStemmer.stem) > 5000)
    }

    @Test(arguments: [
        ("assistance", "assist"), ("assisting", "assist"), ("generously", "generous"), ("cries", "cri"),
        ("ties", "tie"), ("dying", "die"), ("happy", "happi"), ("relational", "relat"),
    ])
    func stems(_ word: String, _ stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }
}

@Suite struct FormerStateNameTests {
    @Test func formerStatesGetTheirShortNameWithoutDoubling() {
        #expect(PartyCodeTable.country(PartyCode("SUN"))?.name() == "USSR")
        #expect(PartyCodeTable.country(PartyCode("BYS"))?.name() == "Byelorussian SSR")
        #expect(PartyCodeTable.country(PartyCode("CSK"))?.name() == "Czechoslovakia")
        #expect(PartyCodeTable.country(PartyCode("DDR"))?.name() == "German Democratic Republic")
        #expect(PartyCodeTable.country(PartyCode("YUG"))?.name() == "Yugoslavia")
    }
}
