/// A length of calendar time, as final clauses state it: "one year", "six months", "thirty days".
///
/// Years and months are added first, keeping the day of the month (or the last day of a shorter
/// month), then days. Spec: "Delays", `{years: N}`, `{months: N}`, `{days: N}`.
public struct Span: Hashable, Sendable, CustomStringConvertible, Codable {
    public var years: Int
    public var months: Int
    public var days: Int

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    /// Whether the span is zero.
    public var isZero: Bool { years == 0 && months == 0 && days == 0 }

    /// "1 year", "6 months", "1 year 30 days".
    public var description: String {
        var parts: [String] = []
        func add(_ value: Int, _ unit: String) {
            if value != 0 { parts.append("\(value) \(unit)\(abs(value) == 1 ? "" : "s")") }
        }
        add(years, "year")
        add(months, "month")
        add(days, "day")
        return parts.isEmpty ? "0 days" : parts.joined(separator: " ")
    }
}

extension CalendarDate {
    /// This date moved forward by `span`: years and months first (day kept, or the month's last day), then days.
    public func adding(_ span: Span) -> CalendarDate {
        adding(months: span.totalMonths).adding(days: span.days)
    }

    /// This date moved back by `span`: the inverse of ``adding(_:)`` (days first, then months and years).
    public func subtracting(_ span: Span) -> CalendarDate {
        adding(days: -span.days).adding(months: -span.totalMonths)
    }
}

extension Span {
    /// Years and months as months, saturating instead of overflowing (dates saturate at 9999-12-31 anyway).
    var totalMonths: Int {
        let (years, overflow) = years.multipliedReportingOverflow(by: 12)
        if overflow { return self.years > 0 ? Int.max / 2 : Int.min / 2 }
        let (total, overflow2) = years.addingReportingOverflow(months)
        return overflow2 ? (months > 0 ? Int.max / 2 : Int.min / 2) : total
    }
}
