import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

@Suite struct ICalendarTests {
    @Test func writesOneAllDayEventPerDateWithEscapingAndFolding() {
        let entry = TimelineEntry(
            date: Fixtures.date("2026-06-02"), origin: .computed, type: "withdrawal-effective", parties: ["HUN"],
            summary: "Withdrawal of HUN takes effect; notified 2025-06-02, under art. 127", event: nil, source: nil,
            note: nil, explanation: ["One year after receipt."])
        let text = ICalendar.document(
            [Lifecycle.UpcomingDate(treaty: "rome-statute-1998", entry: entry)], title: { _ in "Rome Statute" },
            stamp: Fixtures.date("2026-11-29"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.contains("UID:rome-statute-1998-withdrawal-effective-HUN-20260602@pacta"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20260602"))
        #expect(lines.contains("DTEND;VALUE=DATE:20260603"))
        // Unfolded (RFC 5545 §3.1), the summary is whole, with ; and , escaped.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(
            unfolded.contains(
                "SUMMARY:Rome Statute: Withdrawal of HUN takes effect\\; notified 2025-06-02\\, under art. 127"))
        #expect(
            unfolded.contains(
                "DESCRIPTION:Withdrawal of HUN takes effect\\; notified 2025-06-02\\, under art. 127\\nOne year after receipt."
            ))
        #expect(lines.count > unfolded.count)  // long lines were folded
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }
}
