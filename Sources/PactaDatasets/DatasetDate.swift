import Foundation
import PactaCore

/// A date as an alliance data set codes it: a year, and a month and a day where the data set gives them.
///
/// COW and ATOP write a missing day or month as 0, -9 or a blank; such a date is kept at the precision given
/// (`1955-05`, `"1955"`), never completed with an invented day.
struct DatasetDate: Sendable, Hashable, CustomStringConvertible {
    let year: Int
    let month: Int?
    let day: Int?

    /// The first day the date can mean.
    var earliest: CalendarDate { CalendarDate(year: year, month: month ?? 1, day: day ?? 1)! }

    /// The last day the date can mean.
    var latest: CalendarDate {
        let month = month ?? 12
        return CalendarDate(year: year, month: month, day: day ?? CalendarDate.daysIn(month: month, year: year))!
    }

    /// The full date, where the data set gives the day.
    var full: CalendarDate? { day == nil ? nil : earliest }

    /// The date as the treaty format writes it: `YYYY-MM-DD`, `YYYY-MM` or a quoted year.
    var yaml: String {
        if let full { return full.description }
        if let month { return String(format: "%04d-%02d", year, month) }
        return "\"\(String(format: "%04d", year))\""
    }

    var description: String {
        if let full { return full.description }
        if let month { return String(format: "%04d-%02d", year, month) }
        return String(format: "%04d", year)
    }

    /// Why a date could not be read.
    enum Failure: Error, Equatable {
        case notANumber(String, column: String)
        case noYear(column: String)
        case doesNotExist(String)
    }

    /// Reads a date from three fields. A day or month of 0, -9 or blank is missing; a missing year means no date.
    /// - Returns: `nil` where the year is missing (an open end).
    static func read(year: String, month: String, day: String, columns: (String, String, String)) throws(Failure)
        -> DatasetDate?
    {
        func number(_ text: String, _ column: String) throws(Failure) -> Int? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed == "." || trimmed == "NA" { return nil }
            // `Int(exactly:)`: a fraction, an infinity or a number past Int's range (1e300) is not a number here.
            guard let value = Int(trimmed) ?? Double(trimmed).flatMap({ Int(exactly: $0) }) else {
                throw .notANumber(trimmed, column: column)
            }
            return value <= 0 ? nil : value
        }
        guard let year = try number(year, columns.0) else { return nil }
        let month = try number(month, columns.1)
        var day = try number(day, columns.2)
        if month == nil { day = nil }
        guard (1...9999).contains(year), (1...12).contains(month ?? 1) else {
            throw .doesNotExist("\(year)-\(month ?? 0)-\(day ?? 0)")
        }
        if let month, let day, CalendarDate(year: year, month: month, day: day) == nil {
            throw .doesNotExist(String(format: "%04d-%02d-%02d", year, month, day))
        }
        return DatasetDate(year: year, month: month, day: day)
    }
}
