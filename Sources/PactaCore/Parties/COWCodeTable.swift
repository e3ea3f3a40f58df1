/// Correlates of War (COW) country codes by ISO 3166 alpha-3 code, generated from the `countrycode` package's
/// code list (see `Scripts/generate-cow-codes.py`). COW keeps one code for the USSR and the Russian Federation
/// (365), so SUN and RUS share it; Germany is 255.
public enum COWCodeTable {
    /// A COW state: its numeric code (`ccode`) and abbreviation (`USA`, `RUS`, `ROK` ...).
    public struct Entry: Sendable, Hashable {
        public let ccode: Int
        public let abbreviation: String
    }

    /// Every entry, by ISO alpha-3 code. Parsed once from the generated ``rows``.
    public static let byAlpha3: [String: Entry] = {
        var table: [String: Entry] = [:]
        for line in rows.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let ccode = Int(fields[1]) else { continue }
            table[String(fields[0])] = Entry(ccode: ccode, abbreviation: fields.count > 2 ? String(fields[2]) : "")
        }
        return table
    }()

    /// The COW entry of a party, or `nil` (organisations, and territories COW does not list).
    public static func entry(_ code: PartyCode) -> Entry? { byAlpha3[code.rawValue] }

    /// COW codes that changed while the ISO code stayed the same, which the code list cannot tell: in the COW
    /// state list the German Federal Republic is 260 (GFR) until 2 October 1990, and Germany 255 (GMY) from
    /// 3 October 1990. Each period gives the last year (inclusive) of the earlier code.
    static let earlierCodes: [String: [(lastYear: Int, entry: Entry)]] = [
        "DEU": [(1989, Entry(ccode: 260, abbreviation: "GFR"))]
    ]

    /// The COW entry of a party in a year: as at the end of that year (Germany in 1990 is 255).
    public static func entry(_ code: PartyCode, year: Int) -> Entry? {
        if let period = earlierCodes[code.rawValue]?.first(where: { year <= $0.lastYear }) { return period.entry }
        return entry(code)
    }
}
