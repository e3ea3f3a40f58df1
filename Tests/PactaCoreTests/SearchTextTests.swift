import Foundation
import Testing

@testable import PactaCore

@Suite struct RussianStemmerTests {
    /// Every word of the vocabulary (the shipped corpus's Russian words and inflected forms) gets the stem the
    /// reference Snowball implementation gives (Scripts/generate-russian-stems.py).
    @Test func agreesWithTheReferenceImplementation() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/russian-stems.tsv")
        let text = try String(contentsOf: file, encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map(String.init)
            try #require(fields.count == 2, "bad line: \(line)")
            #expect(RussianStemmer.stem(fields[0]) == fields[1], "stem of \(fields[0])")
            checked += 1
        }
        #expect(checked > 150)
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
        // Other scripts are left as they are.
        #expect(SearchText.terms("mutual assistance") == ["mutual", "assistance"])
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
