import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `work` on a thread of its own and waits for it without holding one of the threads of Swift's cooperative
/// pool (two on a 2-core machine): a test that computes for seconds on the pool keeps the server tests running
/// beside it from being scheduled, so that their timeouts fire late and their requests miss their deadlines.
/// - Parameter work: the computation; what it throws is rethrown here.
/// - Returns: what `work` returns.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        startThread(named: "pacta.test.own") { continuation.resume(with: Result { try work() }) }
    }
}

/// Starts `body` on a new detached thread with a 16 MB stack (debug builds of the engine use deep frames), named
/// `name` (cut to the system's 15 bytes).
///
/// Foundation's `Thread.start()` on Linux ignores the system's refusal of a thread, so whoever then waits for the
/// thread's work waits for ever, with every thread idle: a hang seen once in CI, its cause unknown. Here a refusal
/// for lack of resources (`EAGAIN`) is tried again every 100 ms for 30 s, with a line on standard error; past
/// that, or for any other error, the process stops with the error's text: a readable failure, not a hang.
/// The first call starts ``HangWatchdog``.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    if name != "pacta.watchdog" { _ = HangWatchdog.started }
    final class Start {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
    let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
    pthread_attr_init(attributes)
    defer {
        pthread_attr_destroy(attributes)
        attributes.deallocate()
    }
    pthread_attr_setstacksize(attributes, 16 << 20)
    pthread_attr_setdetachstate(attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
    var thread: pthread_t = 0
    for attempt in 1...300 {
        let result = pthread_create(
            &thread, attributes,
            { raw in
                let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
                Thread.current.name = start.name
                start.body()
                return nil
            }, context)
        if result == 0 { return }
        let text = String(cString: strerror(result))
        guard result == EAGAIN, attempt < 300 else {
            fatalError("the system refused a thread for \(name) (\(text)) \(attempt) times")
        }
        if attempt == 1 {
            FileHandle.standardError.write(Data("\(name): a thread refused (\(text)), tried again\n".utf8))
        }
        usleep(100_000)
    }
}

/// Stops a test process that has hung: one that has used under a second of CPU in 10 minutes while no program it
/// started is running. A suite of computing tests never rests that long; a hang (every thread waiting for work
/// that will never come, seen once in CI) would otherwise last until CI's time limit, with nothing printed.
/// Started by the first thread a test starts (``startThread(named:_:)``) and checked every minute.
public enum HangWatchdog {
    static let started: Bool = {
        startThread(named: "pacta.watchdog") { watch() }
        return true
    }()

    /// The process's CPU time so far, in clock ticks (user + system, `/proc/self/stat`); nil where unreadable.
    public static func cpuTicks() -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (name)": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// Whether a program this process started is running: a process in `/proc` whose parent is this one.
    public static func hasChildren() -> Bool {
        let me = getpid()
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { name in
            guard name.first?.isNumber == true,
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { return false }
            // After "pid (name)": state, then the parent's pid.
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == me
        }
    }

    private static func watch() {
        let ticksPerSecond = max(sysconf(Int32(_SC_CLK_TCK)), 1)
        var quietMinutes = 0
        var last = cpuTicks()
        while true {
            sleep(60)
            let now = cpuTicks()
            if let now, let before = last, now - before < ticksPerSecond, !hasChildren() {
                quietMinutes += 1
            } else {
                quietMinutes = 0
            }
            last = now
            if quietMinutes >= 10 {
                fatalError(
                    "the test process has used under a second of CPU a minute for 10 minutes with no program running: "
                        + "a hang (tests waiting for work that will not come); stopped so that the run fails here")
            }
        }
    }
}
