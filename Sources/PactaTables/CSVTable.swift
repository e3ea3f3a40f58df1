import CSV
import Foundation

/// A CSV table with a header row, read whole: the header, each column's place by name, and the records with their
/// row numbers. The one CSV reader of the importers of other data sets (manydata, COW, ATOP).
///
/// Row numbers count the table's records, the header being row 1, so a record is its line number where no field
/// spans lines; columns count from 1 in messages. A byte-order mark before the header is skipped.
public struct CSVTable: Sendable {
    /// Why a table could not be read at all.
    public enum ReadError: Error, Sendable, Hashable {
        /// The header row is not CSV; the parser's words.
        case header(String)
        /// The text has no header row.
        case empty
        /// A record after the header is not CSV: its row number and the parser's words.
        case record(row: Int, String)
    }

    /// The file the table was read from, as given (for messages).
    public let file: String
    /// The header's names, as written, or trimmed and lower-cased where the table was read with
    /// `caseInsensitive`.
    public let header: [String]
    /// The 0-based index of each name of the header (its first place, where a name repeats).
    public let columns: [String: Int]
    /// The records after the header; record `i` is row `i + 2`.
    public let records: [[String]]

    /// Reads `text` as the CSV table `file`.
    /// - Parameters:
    ///   - caseInsensitive: Trim and lower-case the header's names (COW and ATOP); the names asked for must then
    ///     be lower-case.
    ///   - progress: Called every 500 records with the number read so far (a wide table is slow to parse).
    /// - Throws: ``ReadError``.
    public init(text: String, file: String, caseInsensitive: Bool = false, progress: ((Int) -> Void)? = nil)
        throws(ReadError)
    {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true)
        } catch CSVError.cannotReadHeaderRow {
            // No header row at all: the file is empty (or holds only blank space).
            throw .empty
        } catch {
            throw .header(Self.plainWords(error))
        }
        guard var header = reader.headerRow, !header.isEmpty else { throw .empty }
        if caseInsensitive { header = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() where columns[name] == nil { columns[name] = index }
        var records: [[String]] = []
        while let record = reader.next() {
            records.append(record)
            if records.count % 500 == 0 { progress?(records.count) }
        }
        if let error = reader.error { throw .record(row: records.count + 2, Self.plainWords(error)) }
        self.file = file
        self.header = header
        self.columns = columns
        self.records = records
    }

    /// The records with their row numbers, without those whose fields are all blank.
    public var rows: [(number: Int, fields: [String])] {
        records.enumerated().compactMap { index, record in
            record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) ? nil : (index + 2, record)
        }
    }

    /// The CSV reader's fault in words for the person who gave the file, not its case names.
    static func plainWords(_ error: any Error) -> String {
        switch error as? CSVError {
        case .unicodeDecoding?: "a byte sequence that is not UTF-8 text"
        case .cannotReadHeaderRow?: "no header row"
        case .cannotOpenFile?, .cannotReadFile?: "the file cannot be read"
        default: "a quotation mark is not closed, or a field is malformed"
        }
    }

    /// The 1-based place of `name` in the header, or `nil`.
    public func column(_ name: String) -> Int? { columns[name].map { $0 + 1 } }
}

extension CSVTable.ReadError: CustomStringConvertible {
    /// The fault in a sentence, without the file's name (the caller adds it).
    public var description: String {
        switch self {
        case .header(let words): "the header cannot be read as CSV (\(words))"
        case .empty: "the file is empty; a table starts with a header row"
        case .record(let row, let words): "row \(row) cannot be read as CSV (\(words))"
        }
    }
}

extension CSVTable {
    /// The field of column `name` in `fields` (one of this table's records), without the spaces around it; `nil`
    /// where the table has no such column or the record is cut short before it.
    public func field(_ name: String, in fields: [String]) -> String? {
        guard let index = columns[name], index < fields.count else { return nil }
        return fields[index].trimmingCharacters(in: .whitespaces)
    }

    /// A refusal of row `row` at column `name` (column 0 where the table has no such column).
    public func refusal<R: RefusalReason>(row: Int, at name: String, _ reason: R, _ message: String) -> Refusal<R> {
        Refusal(file: file, row: row, column: column(name) ?? 0, reason: reason, message: message)
    }
}
