import Foundation

/// Encodes a document as the pretty-printed UTF-8 JSON that Pacta prints: keys sorted, so that the same
/// input always gives the same bytes; `/` unescaped.
public enum JSONOutput {
    /// - Throws: `EncodingError` where a value cannot be encoded (not expected for Pacta's documents).
    public static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
