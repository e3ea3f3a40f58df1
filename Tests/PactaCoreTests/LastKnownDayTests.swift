import PactaCore
import PactaTestSupport
import Testing

/// The last day something of a treaty's record became known (``Treaty/lastKnownDay``): the index's test of
/// whether a list as known on a day can be read from the stored lines.
@Suite struct LastKnownDayTests {
    func treaty(_ events: [String], extra: String = "") -> Treaty {
        Fixtures.treaty(
            TreatyYAML.multilateral(
                negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2}}", events: events,
                extra: extra))
    }

    @Test func anEventCountsFromItsRecordedDayElseItsDate() {
        #expect(treaty([]).lastKnownDay == nil)
        #expect(
            treaty(["date: 2001-03-01, type: consent, form: ratification, party: FRA"]).lastKnownDay
                == CalendarDate(iso: "2001-03-01"))
        // Recorded long after its date; and a later act recorded before the first one was.
        #expect(
            treaty([
                "date: 2001-03-01, type: consent, form: ratification, party: FRA, recorded: 2026-12-05",
                "date: 2002-01-01, type: consent, form: ratification, party: DEU, recorded: 2002-01-03",
            ]).lastKnownDay == CalendarDate(iso: "2026-12-05"))
    }

    @Test func aPartialRecordsDocumentedDateCountsFromThatDate() {
        let events = ["date: 2001-03-01, type: consent, form: ratification, party: FRA"]
        let documented = "documented: {entry-into-force: 2003-05-01, parties: signatories}"
        #expect(treaty(events, extra: "record: partial\n" + documented).lastKnownDay == CalendarDate(iso: "2003-05-01"))
        #expect(treaty(events, extra: "record: partial").lastKnownDay == CalendarDate(iso: "2001-03-01"))
    }
}
