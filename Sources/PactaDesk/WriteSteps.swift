import Foundation

/// The executor of the awaited steps of a write: the index's refresh after a file is replaced, a PostgreSQL
/// write's transaction. A serial executor with a thread of its own, apart from Swift's cooperative pool, where a
/// server answers requests: a step queued there would wait its turn behind requests that compute long answers,
/// and a write waits for it with the treaty's lock held. The steps mostly wait (for SQLite's writer, for the
/// database) and each slice of them is short, so one thread serves the writes of every treaty.
///
/// The thread is its own, not one of Dispatch's: each treaty's write queue blocks a thread of Dispatch's pool
/// while it waits for its step here, so with a few hundred treaties written at once (a folder of files copied
/// in, read again one treaty a queue) the pool had no thread left to run the steps, and every write waited
/// forever.
public final class WriteSteps: TaskExecutor, @unchecked Sendable {
    /// The one executor of the process's writes.
    public static let shared = WriteSteps(name: "pacta.write.steps")

    /// The executor of the index refreshes that follow a file changed by another process (a server's folder
    /// watch): apart from the writes', so that a reading never waits behind a burst of writes (of this server, or
    /// of any other server the process runs), nor a write behind a folder of files copied in at once.
    public static let rereads = WriteSteps(name: "pacta.reread.steps")

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// An executor with a thread of its own, named `name`, that runs for as long as the process does. The process's
    /// writes use ``shared`` and ``rereads``; a test that holds a thread to show that some step does not wait for
    /// it makes one of its own.
    public init(name: String) {
        let thread = Thread { [unowned self] in self.run() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs the jobs in the order they came, forever.
    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
