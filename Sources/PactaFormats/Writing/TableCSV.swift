import CSV
import Foundation

/// Writes a table as CSV (RFC 4180 quoting by the CSV writer): a header row, then one line per row.
public enum TableCSV {
    /// The CSV text, header first, `\n` line endings.
    /// - Throws: the CSV writer's error where a row cannot be written (not expected for text values).
    public static func document(header: [String], rows: [[String]]) throws -> String {
        try lines([header] + rows)
    }

    /// `rows` as CSV lines, each ended by `\n`, without a header: what follows a ``document(header:rows:)`` of the
    /// same columns, so that a long table is written a part at a time. Empty for no rows.
    /// - Throws: the CSV writer's error where a row cannot be written (not expected for text values).
    public static func lines(_ rows: [[String]]) throws -> String {
        guard !rows.isEmpty else { return "" }
        let writer = try CSVWriter(stream: .toMemory())
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
