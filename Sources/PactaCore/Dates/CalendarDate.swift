/// A calendar date with no time and no time zone, as treaty acts are dated.
///
/// Dates are proleptic Gregorian (ISO 8601 `YYYY-MM-DD`), years 1 through 9999.
/// A date that does not exist (`2024-02-30`) cannot be made: ``init(year:month:day:)``
/// and ``init(iso:)`` return `nil`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 0001-01-01 (which is day 0). The single stored value keeps comparison and arithmetic cheap.
    public let ordinal: Int

    /// The date with that year, month (1–12) and day (1–31), or `nil` where it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.ordinal = CalendarDate.ordinal(year: year, month: month, day: day)
    }

    /// The date written `YYYY-MM-DD`, or `nil` for any other text or a date that does not exist.
    public init?(iso text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `ordinal` days after 0001-01-01.
    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    // MARK: - Components

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Inverse of `ordinal(year:month:day:)`, after H. Hinnant's civil-from-days algorithm.
        let days = ordinal + 306  // days since 0000-03-01
        let era = days / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var value = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[at + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 0, 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, 5, 2)
            buffer[7] = UInt8(ascii: "-")
            put(day, 8, 2)
            return 10
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.ordinal < rhs.ordinal }

    // MARK: - Arithmetic

    /// The first date Pacta represents, 0001-01-01, and the last, 9999-12-31.
    public static let earliest = CalendarDate(ordinal: 0)
    public static let latest = CalendarDate(ordinal: 3_652_058)

    /// The date `days` days later (earlier when negative). Arithmetic saturates at ``earliest`` and ``latest``
    /// rather than overflow or wrap.
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = ordinal.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return CalendarDate(ordinal: min(max(sum, CalendarDate.earliest.ordinal), CalendarDate.latest.ordinal))
    }

    /// The same day `months` months later; where that day does not exist, the last day of that month
    /// (2024-01-31 + 1 month = 2024-02-29). Spec: "delays", `{months: N}`.
    public func adding(months: Int) -> CalendarDate {
        let (year, month, day) = components
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        if overflow || total / 12 > 9999 { return months > 0 ? .latest : .earliest }
        if total < 12 { return .earliest }
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(ordinal: CalendarDate.ordinal(year: newYear, month: newMonth, day: newDay))
    }

    /// The same day `years` years later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CalendarDate {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        return overflow ? (years > 0 ? .latest : .earliest) : adding(months: months)
    }

    /// The first day of the month after this date's month, `months` months on (1 = next month).
    public func firstDayOfMonth(after months: Int) -> CalendarDate {
        let (year, month, _) = components
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        if overflow || total / 12 > 9999 { return months > 0 ? .latest : .earliest }
        if total < 12 { return .earliest }
        return CalendarDate(ordinal: CalendarDate.ordinal(year: total / 12, month: total % 12 + 1, day: 1))
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.ordinal - ordinal }

    // MARK: - Calendar rules

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func ordinal(year: Int, month: Int, day: Int) -> Int {
        // Days from civil (H. Hinnant), rebased so 0001-01-01 is 0.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthPrime = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthPrime + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 306  // 0000-03-01 is day 0 of era 0; 0001-01-01 is day 306
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an existing date in the form YYYY-MM-DD.")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
