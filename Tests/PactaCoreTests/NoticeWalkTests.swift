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
