/// The ISO 3166 country codes Pacta knows, generated from Debian's `iso-codes` data
/// (see `Scripts/generate-party-codes.py`): every ISO 3166-1 alpha-3 code, and the former alpha-3
/// codes that ISO 3166-3 keeps (SUN, YUG, CSK, DDR ...), with names in several languages.
public enum PartyCodeTable {
    /// One country of the table.
    public struct Country: Sendable, Hashable {
        /// ISO 3166-1 alpha-3 (or former alpha-3 for ISO 3166-3 entries).
        public let alpha3: String
        public let alpha2: String
        /// ISO 3166-1 numeric code, three digits; empty for some former entries.
        public let numeric: String
        /// Whether the code is a former one (ISO 3166-3).
        public let isFormer: Bool
        /// For a former code, when ISO withdrew it (`YYYY-MM-DD` or a bare year, as ISO gives it).
        public let withdrawn: String?
        /// Names by BCP 47 language tag (`en`, `ru`, `ko`, `zh-Hans`, `zh-Hant`, `fr`, `ja`, `de`); missing ones omitted.
        public let names: [String: String]

        /// The name in `language`, else English.
        public func name(in language: String = "en") -> String { names[language] ?? names["en"] ?? alpha3 }
    }

    /// Every country, by alpha-3 code. Parsed once from the generated ``rows``.
    public static let byAlpha3: [String: Country] = {
        var table: [String: Country] = [:]
        for line in rows.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 + languages.count else { continue }
            var names: [String: String] = [:]
            for (index, language) in languages.enumerated() where !fields[5 + index].isEmpty {
                names[language] = fields[3] == "1" ? formerName(fields[5 + index]) : fields[5 + index]
            }
            table[fields[0]] = Country(
                alpha3: fields[0], alpha2: fields[1], numeric: fields[2], isFormer: fields[3] == "1",
                withdrawn: fields[4].isEmpty ? nil : fields[4], names: names)
        }
        return table
    }()

    /// The short name of a former State from its ISO 3166-3 name: the part before a comma ("USSR, Union of
    /// Soviet Socialist Republics" → "USSR"; "Czechoslovakia, Czechoslovak Socialist Republic" →
    /// "Czechoslovakia"), without an expansion that repeats an abbreviation ("Byelorussian SSR Soviet Socialist
    /// Republic" → "Byelorussian SSR").
    static func formerName(_ name: String) -> String {
        var short = name.split(separator: ",", maxSplits: 1).first.map(String.init) ?? name
        for (abbreviation, expansion) in [("SSR", "Soviet Socialist Republic"), ("SR", "Socialist Republic")] {
            let doubled = " \(abbreviation) \(expansion)"
            if short.hasSuffix(doubled) { short = String(short.dropLast(expansion.count + 1)) }
        }
        return short
    }

    /// The country with that alpha-3 code, or `nil`.
    public static func country(_ code: PartyCode) -> Country? { byAlpha3[code.rawValue] }

    /// The current alpha-3 code a person probably meant by `text`, for an error message: an alpha-2 code (`GB`,
    /// and `UK`, which ISO reserves for the United Kingdom), or an English name (`Germany`, `germany`).
    /// - Returns: the code and its English name, or `nil`.
    public static func suggestion(for text: String) -> (code: String, name: String)? {
        let wanted = text.uppercased() == "UK" ? "GB" : text.uppercased()
        let current = byAlpha3.values.filter { !$0.isFormer }
        if let match = current.first(where: { $0.alpha2 == wanted })
            ?? current.first(where: {
                $0.name().lowercased() == text.lowercased()
            })
        {
            return (match.alpha3, match.name())
        }
        return nil
    }
}
