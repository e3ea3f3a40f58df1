import Foundation
import PactaDesk
import Testing

/// The executor of a write's awaited steps has a thread of its own: a server whose treaty queues hold every
/// thread of Dispatch's pool (each waiting for its step, a few hundred treaties written at once) still runs the
/// steps. On Dispatch's own queue the step never ran, and every write waited forever.
@Suite(.serialized) struct WriteStepsTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    @Test func aStepRunsWhileEveryThreadOfDispatchsPoolWaits() async throws {
        // More waiters than Dispatch's pool has threads (255 on Linux).
        let waiters = 300
        let hold = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        for number in 0..<waiters {
            DispatchQueue(label: "waiter-\(number)").async {
                started.signal()
                hold.wait()
            }
        }
        // Until the pool is full: about 255 waiters have started (the rest wait for a thread).
        var running = 0
        while started.wait(timeout: .now() + .milliseconds(200)) == .success { running += 1 }
        let ran = Flag()
        Task(executorPreference: WriteSteps.shared) { ran.set() }
        var tries = 0
        while !ran.isSet, tries < 100 {
            try await Task.sleep(for: .milliseconds(20))
            tries += 1
        }
        let ranInTime = ran.isSet
        for _ in 0..<waiters { hold.signal() }
        #expect(running > 0)
        #expect(ranInTime, "the step did not run while \(running) threads of Dispatch's pool waited")
    }
}
