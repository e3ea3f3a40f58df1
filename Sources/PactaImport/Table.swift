import Foundation
import PactaCore
import PactaDesk
import PactaTables

/// `text` as a YAML scalar every reader reads back as the same text (plain where safe, else double-quoted).
func quoted(_ text: String) -> String { FieldValue.scalar(text).yaml }

/// A manydata CSV table read whole: its header, and its records with their row numbers.
struct Table {
    /// The columns a memberships table must have.
    static let membershipColumns = ["manyID", "stateID", "Title", "Begin", "Signature", "Force"]

    let file: String
    let header: [String]
    /// Column index by name.
    let columns: [String: Int]
    /// Records after the header; record `i` is row `i + 2`.
    let records: [[String]]

    /// Reads the CSV file at `path`.
    /// - Throws: ``ManydataImport/ImportError`` where it cannot be read, or lacks one of `required`.
    static func read(path: String, required: [String]) throws -> Table {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ManydataImport.ImportError("cannot read \(path): no such file, or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ManydataImport.ImportError("\(path): the file is not UTF-8 text")
        }
        return try read(text: text, file: path, required: required)
    }

    /// Reads `text` as the CSV file `file`.
    /// - Throws: ``ManydataImport/ImportError`` where it is not CSV, or lacks one of `required`.
    static func read(text: String, file: String, required: [String]) throws -> Table {
        let csv: CSVTable
        do throws(CSVTable.ReadError) {
            csv = try CSVTable(text: text, file: file)
        } catch .header(let words) {
            throw ManydataImport.ImportError("\(file):1:1: the header cannot be read as CSV (\(words))")
        } catch .empty {
            throw ManydataImport.ImportError(
                "\(file):1:1: the file is empty; a manydata table starts with a header row")
        } catch .record(let row, let words) {
            throw ManydataImport.ImportError(
                "\(file):\(row):1: the row cannot be read as CSV (\(words)); nothing was imported")
        }
        // A column named twice: the import would read one of them without a word.
        if let twice = csv.header.enumerated().first(where: { csv.header[..<$0.offset].contains($0.element) }) {
            throw ManydataImport.ImportError(
                "\(file):1:\(twice.offset + 1): the header names the column '\(twice.element)' twice; keep one of them (the import would not know which to read)"
            )
        }
        let missing = required.filter { csv.columns[$0] == nil }
        guard missing.isEmpty else {
            throw ManydataImport.ImportError(
                "\(file):1:\(csv.header.count + 1): the header has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")); a manydata memberships table has \(required.joined(separator: ", ")) (see docs/import.md)"
            )
        }
        return Table(file: file, header: csv.header, columns: csv.columns, records: csv.records)
    }

    // MARK: - Agreements table

    /// Agreement-level values of an agreements table, by `manyID`.
    struct AgreementValues: Hashable {
        var title: String
        var begin: DateValue
        var signature: DateValue
        var force: DateValue
        var end: DateValue
    }

    /// The agreements of an agreements table, and its rows refused (a date that is not a date).
    func agreements() -> (values: [String: AgreementValues], refusals: [Refusal]) {
        var values: [String: AgreementValues] = [:]
        var refusals: [Refusal] = []
        for (index, record) in records.enumerated() {
            let cells = Cells(table: self, record: record, row: index + 2)
            do {
                let manyID = try cells.text("manyID")
                let value = AgreementValues(
                    title: try cells.text("Title"), begin: try cells.date("Begin"),
                    signature: try cells.date("Signature"), force: try cells.date("Force"), end: try cells.date("End"))
                if values[manyID] == nil { values[manyID] = value }
            } catch {
                refusals.append(error.refusal)
            }
        }
        return (values, refusals)
    }
}

/// A date cell: a day, unknown (`NA`), or open-ended (`31.12.9999`).
enum DateValue: Hashable {
    case unknown
    case open
    case day(CalendarDate)

    var date: CalendarDate? {
        if case .day(let date) = self { return date }
        return nil
    }

    /// The date in the data set's own writing (`16.09.1987`).
    static func manydata(_ date: CalendarDate) -> String {
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        let year = String(date.year)
        return "\(two(date.day)).\(two(date.month)).\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)"
    }

    /// Reads `dd.mm.yyyy`, `NA` or `31.12.9999`.
    /// - Returns: `nil` where the text is none of them, or names a day that does not exist.
    static func parse(_ text: String) -> DateValue? {
        if text == "NA" { return .unknown }
        if text == "31.12.9999" { return .open }
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[2] == UInt8(ascii: "."), utf8[5] == UInt8(ascii: ".") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let day = number(0..<2), let month = number(3..<5), let year = number(6..<10), year >= 1,
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        return .day(date)
    }
}

/// A fault of one cell, carried up to the row's refusal.
struct CellError: Error {
    let refusal: Refusal
}

/// The cells of one record, read by column name, each fault located.
struct Cells {
    let table: Table
    let record: [String]
    let row: Int

    /// The cell of `column`: `nil` where the table has no such column (an optional one).
    /// - Throws: ``CellError`` where the record is shorter than the header and lacks that column.
    /// Also where the record has non-empty fields past the header's last column: its values may be shifted (a
    /// comma inside a value that is not quoted), so no cell of it is read.
    func cell(_ column: String) throws(CellError) -> String? {
        if record.count > table.header.count,
            let extra = record[table.header.count...].firstIndex(where: {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            })
        {
            throw CellError(
                refusal: Refusal(
                    file: table.file, row: row, column: extra + 1, reason: .extraFields,
                    message:
                        "the row has \(record.count) fields, the header \(table.header.count): its values may be shifted (a comma inside a value that is not quoted?); quote the value and import again"
                ))
        }
        guard let index = table.columns[column] else { return nil }
        guard index < record.count else {
            // The first column the row lacks, in the header's order.
            throw CellError(
                refusal: Refusal(
                    file: table.file, row: row, column: record.count + 1, reason: .missingColumn,
                    message:
                        "column '\(table.header[record.count])' is missing: the row has \(record.count) fields, the header \(table.header.count)"
                ))
        }
        return record[index]
    }

    /// The text of a required column, trimmed.
    func text(_ column: String) throws(CellError) -> String {
        (try cell(column) ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// The text of an optional column, `nil` where absent, empty or `NA`.
    func optionalText(_ column: String) throws(CellError) -> String? {
        guard let text = try cell(column)?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text != "NA" else {
            return nil
        }
        return text
    }

    /// The date of `column`; `.unknown` where the table has no such column.
    /// - Throws: ``CellError`` where the cell is not `dd.mm.yyyy`, `NA` or `31.12.9999`, or names no real day.
    func date(_ column: String) throws(CellError) -> DateValue {
        guard let text = try cell(column) else { return .unknown }
        if let value = DateValue.parse(text) { return value }
        throw CellError(
            refusal: Refusal(
                file: table.file, row: row, column: table.columns[column]! + 1, reason: .invalidDate,
                message: Self.dateFault(column: column, text: text)))
    }

    /// Why `text` is not a date.
    static func dateFault(column: String, text: String) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), parts[2].count == 4 {
            return "\(column): the date \(text) does not exist"
        }
        let shown = text.isEmpty ? "an empty cell" : "'\(text)'"
        return "\(column): \(shown) is not a date; expected dd.mm.yyyy, NA (unknown) or 31.12.9999 (open-ended)"
    }

    /// A refusal at `column` (0 where the table has no such column).
    func refusal(_ column: String, _ reason: Refusal.Reason, _ message: String) -> Refusal {
        Refusal(
            file: table.file, row: row, column: (table.columns[column] ?? -1) + 1, reason: reason, message: message)
    }
}
