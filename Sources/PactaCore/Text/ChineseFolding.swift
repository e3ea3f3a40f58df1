/// Folds Traditional Chinese characters to Simplified, so that a search in either script finds text in the other.
/// The table is OpenCC's TSCharacters (see Scripts/generate-chinese-folding.py).
public enum ChineseFolding {
    /// Traditional → Simplified, by Unicode scalar. Parsed once from the generated `pairs`.
    public static let map: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        table.reserveCapacity(4096)
        for line in pairs.unicodeScalars.split(separator: "\n") {
            // Each line has exactly two scalars: the Traditional character, then its Simplified form.
            var scalars = line.makeIterator()
            guard let traditional = scalars.next(), let simplified = scalars.next(), scalars.next() == nil else {
                continue
            }
            table[traditional] = simplified
        }
        return table
    }()

    /// The lowest Traditional scalar in `map` (U+346F for OpenCC 1.4.2): below it there is nothing to look up.
    private static let lowest: UInt32 = map.keys.lazy.map(\.value).min() ?? 0

    /// `text` with every Traditional character replaced by its Simplified form; other characters unchanged.
    public static func fold(_ text: String) -> String {
        // Text with nothing to fold (ASCII, Latin, Simplified ...) is returned as it is, without a copy.
        guard text.unicodeScalars.contains(where: { $0.value >= lowest && map[$0] != nil }) else { return text }
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            folded.append(map[scalar] ?? scalar)
        }
        return String(folded)
    }
}
