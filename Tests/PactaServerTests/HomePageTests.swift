import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PactaCore
import PactaFormats
import PactaServer
import PactaStore
import PactaTestSupport
import Testing

/// The home page's table of every treaty (made from ``Lifecycle/statusTable(on:)``) gives each treaty's status,
/// dates and count of parties as the engine's status of that treaty does.
@Suite(.onServerThreads) struct HomePageTests {
    @Test func everyTreatysRowIsTheEngines() async throws {
        let corpus = Fixtures.shipped.corpus
        let state = AppState(corpus: corpus, index: MemoryIndex(), today: { CalendarDate(iso: "2026-11-29")! })
        let application = buildApplication(
            state: state, requestDeadline: functionalTestDeadline, logger: Logger(label: "test"))
        let engine = Lifecycle(corpus: corpus)
        for on in ["1955-06-30", "1995-06-30", "2025-01-01"] {
            let page = try await application.test(.router) { client in
                try await client.execute(uri: "/?on=\(on)", method: .get) { String(buffer: $0.body) }
            }
            for treaty in corpus.treaties {
                let status = engine.status(of: treaty, on: CalendarDate(iso: on)!, explain: false)
                let value = status.status.rawValue
                let partial = treaty.record == .partial ? #" <abbr title="incomplete record">*</abbr>"# : ""
                let row =
                    #"<span class="muted">\#(treaty.id)</span></td>"# + "\n"
                    + #"<td>\#(treaty.kind.rawValue)</td><td class="status \#(value)">\#(value)\#(partial)</td>"# + "\n"
                    + #"<td class="date">\#(status.entryIntoForce?.description ?? "–")</td>"#
                    + #"<td class="date">\#(status.termination?.description ?? "–")</td>"#
                    + "<td>\(status.states.count { $0.status == .party })</td></tr>"
                #expect(page.contains(row), "\(treaty.id) on \(on): \(row)")
            }
        }
    }
}
