import PactaFormats
import Testing

/// A long table is written a part at a time (`pacta export members`): the header's document followed by the
/// lines of each part is the document of the whole, byte for byte, quotes, commas and line breaks included.
@Suite struct TableCSVTests {
    @Test func aTableWrittenInPartsIsTheWholeDocument() throws {
        let header = ["manyID", "Title", "Force"]
        let rows = [
            ["a", "Treaty of Friendship, Cooperation and Mutual Assistance", "NA"],
            ["b", "The \"Brussels\" Treaty", "25.08.1948"],
            ["c", "Two\nlines", "NA"],
            ["d", "", "01.01.2000"],
        ]
        let whole = try TableCSV.document(header: header, rows: rows)
        #expect(
            whole
                == "manyID,Title,Force\na,\"Treaty of Friendship, Cooperation and Mutual Assistance\",NA\nb,\"The \"\"Brussels\"\" Treaty\",25.08.1948\nc,\"Two\nlines\",NA\nd,,01.01.2000\n"
        )
        for cut in 0...rows.count {
            let parts =
                try TableCSV.document(header: header, rows: []) + TableCSV.lines(Array(rows[..<cut]))
                + TableCSV.lines(Array(rows[cut...]))
            #expect(parts == whole, "cut at \(cut)")
        }
        #expect(try TableCSV.lines([]) == "")
    }
}
