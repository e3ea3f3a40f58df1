import Foundation

/// Encodes a document as the pretty-printed UTF-8 JSON that Pacta prints: two-space indentation,
/// keys in the order the document writes them, `/` unescaped.
public enum JSONOutput {
    /// - Throws: `EncodingError` where a value cannot be encoded (not expected for Pacta's documents).
    public static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
