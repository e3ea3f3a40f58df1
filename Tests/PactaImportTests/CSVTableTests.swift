import PactaTables
import Testing

/// The one CSV reader of the importers: a quoted field that is never closed is refused with its row and line,
/// where the CSV library read the rest of the file into that field without a word.
@Suite struct CSVTableTests {
    @Test func anUnclosedQuoteIsRefusedWithItsRowAndLine() throws {
        let text = "id,title,year\n1,\"North Atlantic Treaty,1949\n2,Rio,1947\n3,Manila,1954\n"
        #expect(throws: CSVTable.ReadError.self) { try CSVTable(text: text, file: "t.csv") }
        do {
            _ = try CSVTable(text: text, file: "t.csv")
        } catch {
            #expect(
                error.description
                    == "row 2 cannot be read as CSV (the quotation mark that opens a field on line 2 is never closed, so the rest of the file would be read as that one field)"
            )
        }
    }

    @Test func aFieldOverSeveralLinesCountsItsLinesNotItsRows() throws {
        // Row 2 spans lines 2-3; the unclosed field opens in row 3, on line 4 (CRLF line ends).
        let text = "id,title\r\n1,\"two\r\nlines\"\r\n2,\"never closed\r\n3,x\r\n"
        do {
            _ = try CSVTable(text: text, file: "t.csv")
            Issue.record("the table was read")
        } catch {
            #expect(error == .record(row: 3, error.wordsOfRecord ?? ""))
            #expect(error.description.contains("on line 4 is never closed"))
        }
    }

    @Test func quotedFieldsWithEscapedMarksAndMarksInsideBareFieldsAreRead() throws {
        let text = "id,title,note\n1,\"a \"\"quoted\"\" word\",5\" gun\n2,\"last\"\n"
        let table = try CSVTable(text: text, file: "t.csv")
        #expect(table.records == [["1", "a \"quoted\" word", "5\" gun"], ["2", "last"]])
    }
}

extension CSVTable.ReadError {
    /// The parser's words of a record's fault.
    fileprivate var wordsOfRecord: String? {
        if case .record(_, let words) = self { words } else { nil }
    }
}
