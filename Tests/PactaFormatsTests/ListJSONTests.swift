import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

/// The list's JSON written directly (``TreatySummaryDocument/json(_:)``) is `JSONEncoder`'s, byte for byte.
@Suite struct ListJSONTests {
    func documents(_ corpus: Corpus, on date: String) -> [TreatySummaryDocument] {
        let lifecycle = Lifecycle(corpus: corpus)
        return corpus.treaties.map {
            TreatySummaryDocument($0, lifecycle.status(of: $0, on: Fixtures.date(date), explain: false))
        }
    }

    @Test func theShippedAndGeneratedListsAreWrittenAsJSONEncoderWritesThem() throws {
        for date in ["1900-01-01", "1950-06-30", "1995-01-01", "2024-12-04"] {
            let shipped = documents(Fixtures.shippedCorpusAsRead, on: date)
            #expect(try TreatySummaryDocument.json(shipped) == JSONOutput.string(shipped))
            let generated = documents(GeneratedTreaties.corpus(count: 120), on: date)
            #expect(try TreatySummaryDocument.json(generated) == JSONOutput.string(generated))
        }
        #expect(try TreatySummaryDocument.json([]) == JSONOutput.string([TreatySummaryDocument]()))
    }

    /// Quotation marks, backslashes, control characters, U+007F, U+2028, slashes, dashes, accents, Han and an
    /// emoji, in every string field.
    @Test func stringsThatJSONEscapesAreWrittenAsJSONEncoderWritesThem() throws {
        let texts = [
            "plain", "a \"quoted\" word", "back\\slash", "line\nbreak\tand tab\r", "\u{01}\u{1F}\u{7F}",
            "para\u{2028}graph\u{2029}", "a/b", "France–UAE", "Genève", "条约 軍事援助", "🇫🇷 flag", "",
        ]
        let rows = texts.enumerated().map { offset, text in
            TreatySummaryDocument(
                ListEntry(
                    id: text, title: text, shortTitle: offset.isMultiple(of: 2) ? text : nil,
                    kind: .multilateral, record: .partial,
                    row: ListRow(
                        status: .inForce, entryIntoForce: Fixtures.date("2000-01-01"), termination: nil,
                        parties: offset, caveats: offset.isMultiple(of: 3) ? [] : [text, "second " + text])))
        }
        #expect(try TreatySummaryDocument.json(rows) == JSONOutput.string(rows))
    }
}
