import PactaTestSupport
import Testing

@testable import PactaCore

/// ``Treaty/partiesOnTheirNoticeDays(_:treaty:of:minimum:)`` against a status computed for each notice's day with
/// that day's notices left out, as the check of denunciations computed every one before.
@Suite struct NoticeWalkTests {
    @Test func everyNoticeTheWalkFindsAPartyIsAPartyWithoutThatDaysNotices() async throws {
        let treaties = try await onOwnThread { Array(GeneratedTreaties.corpus(count: 2_000).treaties) }
        var found = 0
        var wrong: [String] = []
        for treaty in treaties {
            let isNotice: (Event) -> Bool = {
                if case .denunciation = $0.kind { return true }
                return false
            }
            let walked = Treaty.partiesOnTheirNoticeDays(treaty.events, treaty: treaty, of: isNotice, minimum: 0)
            found += walked.count
            for event in treaty.events where walked.contains(event.id) {
                guard case .denunciation(let party, _, _) = event.kind else { continue }
                var before = treaty
                before.events = LogArray(treaty.events.lazy.filter { !(isNotice($0) && $0.date == event.date) })
                let status = Lifecycle().status(of: before, on: event.date, explain: false)
                if status.state(party)?.status != .party { wrong.append("\(treaty.id) \(event.id)") }
            }
        }
        #expect(wrong == [])
        #expect(found > 50)
    }
}

/// The stand-in consents of a partial record's documented date, kept with the treaty's log so that the statuses of
/// a list's steps do not each build the index of a log of their own.
@Suite struct DocumentedStandInTests {
    static let treaty = Fixtures.treaty(
        TreatyYAML.multilateral(
            negotiating: ["FRA", "DEU", "ITA"], rules: "entry-into-force: {when: {consents: 3}}",
            events: [
                "date: 2001-01-10, type: signature, party: FRA", "date: 2001-01-10, type: signature, party: DEU",
                "date: 2001-01-10, type: signature, party: ITA",
                "date: 2002-03-01, type: consent, form: ratification, party: FRA",
            ],
            extra: "record: partial\ndocumented: {entry-into-force: 2003-01-01, parties: signatories}"))

    @Test func theSameStandInsAreMadeOnceAndOthersAreNotTakenForThem() {
        let date = CalendarDate(iso: "2003-01-01")!
        let first = Derivation.adding(["DEU", "ITA"], on: date, to: Self.treaty)
        let again = Derivation.adding(["DEU", "ITA"], on: date, to: Self.treaty)
        #expect(first.logCache === again.logCache)
        #expect(first.events.map(\.id).suffix(2) == ["test-treaty-documented-DEU", "test-treaty-documented-ITA"])
        let other = Derivation.adding(["DEU"], on: date, to: Self.treaty)
        #expect(other.events.map(\.id).last == "test-treaty-documented-DEU")
        #expect(other.events.count == Self.treaty.events.count + 1)
        // A treaty whose log changed has a cache of its own: its stand-ins are made from its own log.
        var grown = Self.treaty
        grown.appendEvent(
            Event(id: "later", date: CalendarDate(iso: "2004-01-01")!, kind: .consent(party: "ESP", form: .accession)))
        #expect(Derivation.adding(["DEU", "ITA"], on: date, to: grown).events.count == grown.events.count + 2)
        // And the status is the documented one, for ITA from the documented date.
        let status = Lifecycle().status(of: Self.treaty, on: CalendarDate(iso: "2005-01-01")!, explain: false)
        #expect(status.entryIntoForce == date)
        #expect(status.state("ITA")?.status == .party)
        #expect(status.state("ITA")?.entryIntoForce == date)
    }
}
