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
        // The reader takes a quoted field that is never closed to run to the end of the file, silently: every row
        // after it would be lost inside one field.
        if let (row, line) = Self.unclosedQuote(in: body) {
            throw .record(
                row: row,
                "the quotation mark that opens a field on line \(line) is never closed, so the rest of the file would be read as that one field"
            )
        }
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

    /// Where a quoted field opens and is not closed before the end of `text`: its row (the header being row 1, as
    /// the reader counts them) and its line. Reads the text as the CSV reader does (a field that starts with `"`
    /// is quoted; `""` inside it is a quotation mark; it ends at `"` followed by a comma, a line break or the end),
    /// so that the row is the reader's. `nil` where every quoted field is closed. O(bytes of the text).
    static func unclosedQuote(in text: String) -> (row: Int, line: Int)? {
        let (quote, comma, cr, lf) = (UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        var utf8 = text.utf8.makeIterator()
        var row = 1
        var line = 1
        var atFieldStart = true
        var opened: (row: Int, line: Int)? = nil
        var pending: UInt8? = nil
        func next() -> UInt8? {
            if let byte = pending {
                pending = nil
                return byte
            }
            return utf8.next()
        }
        while let byte = next() {
            if opened != nil {
                if byte == quote {
                    let after = next()
                    switch after {
                    case nil: opened = nil
                    case comma?:
                        opened = nil
                        atFieldStart = true
                    case cr?, lf?:
                        opened = nil
                        if after == cr, let following = next(), following != lf { pending = following }
                        row += 1
                        line += 1
                        atFieldStart = true
                    default: break  // `""`, or a stray mark the reader keeps in the field: still quoted
                    }
                } else if byte == lf {
                    line += 1
                } else if byte == cr {
                    if let following = next(), following != lf { pending = following }
                    line += 1
                }
                continue
            }
            if atFieldStart && byte == quote {
                opened = (row, line)
                atFieldStart = false
                continue
            }
            atFieldStart = false
            if byte == cr || byte == lf {
                if byte == cr, let following = next(), following != lf { pending = following }
                row += 1
                line += 1
                atFieldStart = true
            } else if byte == comma {
                atFieldStart = true
            }
        }
        return opened
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
