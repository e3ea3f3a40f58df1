import Foundation
@testable import PactaPostgres
import Testing

/// When a server's listener of the other servers' writes is taken as deaf (``PostgresRecord/Heartbeat``): a
/// heartbeat sent and not heard for longer than the silence allowed, unless it is reading treaties (it hears
/// nothing meanwhile), or a read that lasts far too long.
@Suite struct HeartbeatTests {
    let start = ContinuousClock.now

    @Test func aHeartbeatNotHeardForTooLongIsDeafness() {
        let heart = PostgresRecord.Heartbeat()
        #expect(!heart.isDeaf(at: start + .seconds(100)))
        heart.sent(at: start)
        #expect(!heart.isDeaf(at: start + .seconds(5)))
        // A later heartbeat does not move the first unheard one.
        heart.sent(at: start + .seconds(4))
        #expect(heart.isDeaf(at: start + .seconds(7)))
        // Anything heard: the heartbeats before it were heard.
        heart.heard()
        #expect(!heart.isDeaf(at: start + .seconds(7)))
    }

    @Test func readingTreatiesIsNotDeafnessUnlessItLastsTooLong() async {
        let heart = PostgresRecord.Heartbeat()
        heart.sent(at: start)
        let later = start
        await heart.working {
            #expect(!heart.isDeaf(at: later + .seconds(30)))
            #expect(heart.isDeaf(at: ContinuousClock.now + .seconds(61)))
        }
        // Done reading: the heartbeats queued meanwhile are taken as heard.
        #expect(!heart.isDeaf(at: .now + .seconds(5)))
    }
}
