import PactaCore
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: [
        "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024-1-01",
        "2024-01-01T00:00", "abcd-ef-gh", "",
    ])
    func rejectsDatesThatDoNotExist(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func parsesAndPrints() throws {
        let date = try #require(CalendarDate(iso: "2024-02-29"))
        #expect(date.description == "2024-02-29")
        #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        #expect(CalendarDate(iso: "0001-01-01")?.ordinal == 0)
    }

    @Test func roundTripsEveryDayFrom1800To2100() {
        var date = CalendarDate(iso: "1800-01-01")!
        let end = CalendarDate(iso: "2100-12-31")!
        var count = 0
        while date <= end {
            #expect(CalendarDate(iso: date.description) == date)
            date = date.adding(days: 1)
            count += 1
        }
        #expect(count == 301 * 365 + 73)  // 73 leap days: 1800, 1900 and 2100 are not leap years, 2000 is
    }

    @Test(arguments: [
        ("2024-01-31", 1, "2024-02-29"),  // leap year: last day of February
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-03-31", 1, "2024-04-30"),
        ("2024-12-15", 1, "2025-01-15"),
        ("2024-08-31", 6, "2025-02-28"),
        ("2024-05-10", -5, "2023-12-10"),
    ])
    func addsMonthsKeepingTheDayOrTheMonthsLastDay(_ start: String, _ months: Int, _ expected: String) {
        #expect(CalendarDate(iso: start)!.adding(months: months).description == expected)
    }

    @Test func addsYearsFromALeapDay() {
        #expect(CalendarDate(iso: "2024-02-29")!.adding(years: 1).description == "2025-02-28")
        #expect(CalendarDate(iso: "2024-02-29")!.adding(years: 4).description == "2028-02-29")
    }

    @Test func addsSpansAndSubtractsThem() {
        let date = CalendarDate(iso: "2027-03-01")!
        #expect(date.adding(Span(years: 1)).description == "2028-03-01")
        #expect(CalendarDate(iso: "1996-09-10")!.subtracting(Span(years: 1)).description == "1995-09-10")
        #expect(Span(years: 1, days: 30).description == "1 year 30 days")
    }

    @Test func arithmeticSaturatesInsteadOfOverflowing() {
        let date = CalendarDate(iso: "2000-01-01")!
        #expect(date.adding(days: .max).description == "9999-12-31")
        #expect(date.adding(days: .min).description == "0001-01-01")
        #expect(date.adding(years: 20_000).description == "9999-12-31")
        #expect(date.adding(months: -100_000).description == "0001-01-01")
        #expect(date.firstDayOfMonth(after: .max).description == "9999-12-31")
        #expect(date.adding(Span(years: .max)).description == "9999-12-31")
    }

    @Test func firstDayOfMonth() {
        #expect(CalendarDate(iso: "2002-06-10")!.firstDayOfMonth(after: 1).description == "2002-07-01")
        #expect(CalendarDate(iso: "2002-12-31")!.firstDayOfMonth(after: 1).description == "2003-01-01")
        #expect(CalendarDate(iso: "2002-11-15")!.firstDayOfMonth(after: 3).description == "2003-02-01")
    }
}

@Suite struct DelayTests {
    @Test(arguments: [
        (Delay.none, "2024-01-01", "2024-01-01"),
        (Delay.days(30), "1979-12-28", "1980-01-27"),  // VCLT art. 84(1)
        (Delay.months(12), "1993-11-16", "1994-11-16"),  // UNCLOS art. 308(1)
        (Delay.firstDayOfMonthAfterDays(60), "2002-04-11", "2002-07-01"),  // Rome Statute art. 126(1)
        (Delay.firstDayOfMonthAfterDays(60), "2002-07-01", "2002-09-01"),  // Rome Statute art. 126(2), Australia
        (Delay.years(1), "2024-02-29", "2025-02-28"),
        (Delay.firstDayOfMonth(2), "2024-01-31", "2024-03-01"),
        (Delay.fixedDate(CalendarDate(iso: "2010-01-01")!, ifMetLater: .days(90)), "2009-06-30", "2010-01-01"),
        (Delay.fixedDate(CalendarDate(iso: "2010-01-01")!, ifMetLater: .days(90)), "2010-01-02", "2010-04-02"),
    ])
    func movesTheDateMet(_ delay: Delay, _ met: String, _ expected: String) {
        #expect(delay.apply(to: CalendarDate(iso: met)!).description == expected)
    }
}
