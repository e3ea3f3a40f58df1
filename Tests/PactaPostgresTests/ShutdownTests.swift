import Foundation
import PactaTestSupport
import Testing

@testable import PactaPostgres

/// A server or command shutting down does not wait for a database that never answers (no database needed).
///
/// The limits are long (300 s) because what is tested is that the wait ends, not how soon: under the whole suite
/// the tasks of Swift's pool, which the product's own tasks use, were seen to wait over 60 s for a thread.
@Suite(.onServerThreads) struct ShutdownTests {
    /// Whether `work` ends within `limit` seconds, waited for on a thread of its own.
    static func ends(within limit: TimeInterval, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: ServerThreads.shared) {
            await work()
            done.signal()
        }
        return (try? await onOwnThread { done.wait(timeout: .now() + limit) == .success }) ?? false
    }

    /// A wait that ignores cancellation (as a query on a connection lost in a crash was seen to) is left behind:
    /// the caller returns once cancelled.
    @Test func aWaitThatIgnoresCancellationIsLeftBehind() async {
        let waiting = Task {
            await PostgresRecord.untilCancelled {
                await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            }
        }
        try? await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        #expect(await Self.ends(within: 300) { await waiting.value })
    }

    /// The work's own end ends the wait, without a cancellation.
    @Test func workThatEndsEndsTheWait() async {
        let flag = Flag()
        #expect(await Self.ends(within: 300) { await PostgresRecord.untilCancelled { flag.set() } })
        #expect(flag.isSet)
    }

    /// A caller cancelled before it waits is not left waiting (the race finished before it started).
    @Test func aCallerCancelledBeforeItWaitsReturns() async {
        let waiting = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await PostgresRecord.untilCancelled {
                await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            }
        }
        #expect(await Self.ends(within: 300) { await waiting.value })
    }

    /// A pool whose database never answers (a port nobody listens on) stops within its limit once cancelled.
    @Test func aPoolStopsOnceCancelled() async throws {
        let port = try FreePort.pick()
        let record = try PostgresRecord(url: "postgres://nobody@127.0.0.1:\(port)/none")
        let running = Task { await record.run() }
        try? await Task.sleep(for: .milliseconds(200))
        running.cancel()
        #expect(await Self.ends(within: 300) { await running.value })
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
