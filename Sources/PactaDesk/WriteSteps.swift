import Foundation

/// The executor of the awaited steps of a write: the index's refresh after a file is replaced, a PostgreSQL
/// write's transaction. A serial queue with a thread of its own, apart from Swift's cooperative pool, where a
/// server answers requests: a step queued there would wait its turn behind requests that compute long answers,
/// and a write waits for it with the treaty's lock held. The steps mostly wait (for SQLite's writer, for the
/// database) and each slice of them is short, so one thread serves the writes of every treaty.
public final class WriteSteps: TaskExecutor {
    /// The one executor of the process's writes.
    public static let shared = WriteSteps()

    private let queue = DispatchQueue(label: "pacta.write.steps")

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
