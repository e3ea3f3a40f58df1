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
    /// 3 October 1990. Each period gives the last day (inclusive) of the earlier code, in date order.
    static let earlierCodes: [String: [(lastDay: CalendarDate, entry: Entry)]] = [
        "DEU": [(CalendarDate(year: 1990, month: 10, day: 2)!, Entry(ccode: 260, abbreviation: "GFR"))]
    ]

    /// The COW entry of a party in a year: as at the end of that year (Germany in 1990 is 255).
    public static func entry(_ code: PartyCode, year: Int) -> Entry? {
        guard let end = CalendarDate(year: year, month: 12, day: 31) else { return entry(code) }
        return entry(code, on: end)
    }

    /// The COW entry of a party on a day (Germany on 2 October 1990 is 260, on 3 October 255).
    public static func entry(_ code: PartyCode, on date: CalendarDate) -> Entry? {
        if let period = earlierCodes[code.rawValue]?.first(where: { date <= $0.lastDay }) { return period.entry }
        return entry(code)
    }

    /// The COW entries a party bore from `first` through `last` (inclusive), each with the days it bore it, in
    /// date order: one entry, or one per code where COW's code changed in between (Germany in 1990: 260 until
    /// 2 October, 255 from 3 October). Empty where COW lists no code for the party, or `last` is before `first`.
    public static func periods(_ code: PartyCode, from first: CalendarDate, through last: CalendarDate) -> [(
        entry: Entry, from: CalendarDate, through: CalendarDate
    )] {
        guard first <= last, let current = entry(code) else { return [] }
        var result: [(entry: Entry, from: CalendarDate, through: CalendarDate)] = []
        var start = first
        for period in earlierCodes[code.rawValue] ?? [] where period.lastDay >= start {
            guard start <= last else { break }
            result.append((period.entry, start, min(period.lastDay, last)))
            start = period.lastDay.adding(days: 1)
        }
        if start <= last { result.append((current, start, last)) }
        return result
    }
}
