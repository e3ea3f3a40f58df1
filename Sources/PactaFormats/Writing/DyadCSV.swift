import CSV
import Foundation
import PactaCore

/// Writes dyad-year rows as CSV in the column conventions of the COW and ATOP alliance data sets:
/// `ccode1, ccode2, stateabb1, stateabb2, year, defense, offense, neutral, nonagg, consul, pacta_treaties`.
/// Flags are 0 or 1; `pacta_treaties` lists Pacta treaty ids separated by `;`.
public enum DyadCSV {
    /// The header row.
    public static let header = [
        "ccode1", "ccode2", "stateabb1", "stateabb2", "year", "defense", "offense", "neutral", "nonagg", "consul",
        "pacta_treaties",
    ]

    /// The CSV text, header first, `\n` line endings.
    /// - Throws: the CSV writer's error where a row cannot be written (not expected for these values).
    public static func document(_ rows: [AllianceNetwork.DyadYear]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: header)
        for row in rows {
            try writer.write(
                row: [
                    String(row.ccode1), String(row.ccode2), row.abbreviation1, row.abbreviation2, String(row.year),
                ] + row.flags.map { $0 ? "1" : "0" } + [row.treaties.joined(separator: ";")])
        }
        writer.stream.close()
        guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
