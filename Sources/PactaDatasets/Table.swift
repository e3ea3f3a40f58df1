import Foundation
import CSV

/// A CSV table with a header, read whole: its columns by name and its rows with their line numbers.
struct Table {
    let file: String
    let header: [String]
    /// Each row's fields and its row number (the header is row 1).
    let rows: [(number: Int, fields: [String])]

    init(text: String, file: String) throws {
        self.file = file
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var rows: [(Int, [String])] = []
        var number = 1
        while let row = reader.next() {
            number += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append((number, row))
        }
        self.rows = rows
    }

    /// The 1-based index of a column, or `nil`.
    func column(_ name: String) -> Int? { header.firstIndex(of: name).map { $0 + 1 } }
}
