import Foundation

/// Encodes a document as the pretty-printed UTF-8 JSON that Pacta prints: keys sorted, so that the same
/// input always gives the same bytes; `/` unescaped.
public enum JSONOutput {
    /// - Throws: `EncodingError` where a value cannot be encoded (not expected for Pacta's documents).
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    /// The same JSON as bytes; `pretty: false` leaves out the indentation (for the API: the same keys and
    /// values, a third fewer bytes to write and send).
    public static func data(_ value: some Encodable, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
