import Foundation
import Testing

/// A task executor with threads of its own, one per test that answers requests against a clock.
///
/// The whole suite runs in one process, on Swift's cooperative pool: one thread per core, two on the CI
/// machine, taking ready work in turn. Most tests compute on those threads without pausing (a corpus, a list,
/// a property test), and while they do, an in-process server's request waits in the pool's queue: under the
/// whole suite a request was seen to wait past the server's 10-second deadline. A test run with
/// ``Trait/onServerThreads`` runs, with its servers and clients, on threads of its own, which the system
/// schedules beside every other thread instead of after them.
///
/// The threads end when their test has ended and they have no work left; work that comes later (a task that
/// outlived its test) starts a thread again. An executor is never freed: a task keeps an unowned reference to it.
public final class ServerThreads: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var ended = false
    private var running = 0
    private let name: String

    /// Two threads for work that outlives a test and that tests wait for against a clock: the pools of the
    /// PostgreSQL records the tests share or start without a task to run them in (`Task(executorPreference:)`:
    /// an unstructured task does not take its creator's executor).
    public static let shared = make("pacta.test.shared")

    /// Every executor made, kept for the life of the process (see above).
    private static let made = Mutex()
    private final class Mutex: @unchecked Sendable {
        let lock = NSLock()
        var all: [ServerThreads] = []
    }

    /// An executor with `count` threads named `name.N`, kept for the life of the process.
    public static func make(_ name: String, count: Int = 2) -> ServerThreads {
        let executor = ServerThreads(name: name)
        made.lock.withLock { made.all.append(executor) }
        executor.condition.withLock { for _ in 0..<count { executor.addThread() } }
        return executor
    }

    private init(name: String) { self.name = name }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            if running == 0 { addThread() }
            condition.signal()
        }
    }

    /// Lets the threads end once no work is left; called when the test has ended.
    public func end() {
        condition.withLock {
            ended = true
            condition.broadcast()
        }
    }

    /// Starts one more thread; called with `condition` held.
    private func addThread() {
        running += 1
        startThread(named: "\(name).\(running)") { self.run() }
    }

    /// One thread's loop: takes the oldest job and runs it, until the test has ended and no job is left.
    private func run() {
        while true {
            condition.lock()
            while next == jobs.count && !ended { condition.wait() }
            if next == jobs.count {
                running -= 1
                condition.unlock()
                return
            }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs each test of a suite (each case of a parameterised test) on ``ServerThreads`` of its own, as its task
/// executor: the test's body and the tasks it starts in structured ways (an in-process server's connections and
/// requests, a PostgreSQL pool) run there.
public struct OnServerThreads: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? { testCase == nil ? nil : self }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let threads = ServerThreads.make("pacta.test.\(test.name)")
        defer { threads.end() }
        try await withTaskExecutorPreference(threads) { try await function() }
    }
}

extension Trait where Self == OnServerThreads {
    /// See ``OnServerThreads``.
    public static var onServerThreads: Self { OnServerThreads() }
}

/// The request deadline of the servers the functional tests build (`buildApplication(state:...)`), in place of
/// the product's 10 seconds: a test that checks a page's or an answer's values must not fail because the whole
/// suite, sharing two cores, made one request slow (speed is measured in the benchmarks, not in unit tests). The
/// deadline itself is tested with a short one (`HardeningTests`).
public let functionalTestDeadline: Duration = .seconds(120)
