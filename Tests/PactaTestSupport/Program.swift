import Foundation

/// An outside program's run: its exit status and what it printed.
public struct ProgramOutput: Sendable {
    /// The exit status (the signal's number where it was killed).
    public var status: Int32
    /// Standard output, as UTF-8 (invalid bytes replaced); also standard error's where they were joined.
    public var stdout: String
    /// Standard error, as UTF-8; empty where it was joined to ``stdout``.
    public var stderr: String
}

/// Runs outside programs (`pacta`, `psql`, `python3`, `curl`, `xmllint`, Chromium) for the tests.
///
/// Every test in the suite shares one process, and its in-process servers run their requests on Swift's
/// cooperative pool, which has one thread per core (two on the CI machine). A test that waits for a program
/// on one of those threads takes it from every server for as long as the program runs: two such waits at once
/// stop all servers, and their requests miss their deadlines. So async tests wait with ``run(_:_:in:environment:joiningErrors:)``,
/// which waits on a thread of its own.
public enum Program {
    /// Runs `executable` with `arguments` and waits for it on a thread of its own (never one of the pool's).
    /// - Parameters:
    ///   - executable: the program's path (`/usr/bin/env` to look a program up on `PATH`).
    ///   - directory: the working directory; the test's where `nil`.
    ///   - environment: the whole environment; the test's where `nil`.
    ///   - joiningErrors: standard error read into ``ProgramOutput/stdout`` as it comes, interleaved.
    /// - Throws: what `Process.run()` throws where the program cannot be started.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        joiningErrors: Bool = false
    ) async throws -> ProgramOutput {
        try await onOwnThread {
            try runWaiting(
                executable, arguments, in: directory, environment: environment, joiningErrors: joiningErrors)
        }
    }

    /// ``run(_:_:in:environment:joiningErrors:)`` waited for on the calling thread: only for code that runs on a
    /// thread of its own already, or once per test run (the ``Requirements`` probes).
    public static func runWaiting(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        joiningErrors: Bool = false
    ) throws -> ProgramOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = joiningErrors ? out : Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are read at once: a program that fills one while the other is read would wait forever.
        // Standard error on a thread of its own: a read that waits must not hold one of Dispatch's few global
        // threads, on which URLSession and the servers' Dispatch work run.
        let errors = Box()
        let read = DispatchSemaphore(value: 0)
        if joiningErrors {
            read.signal()
        } else {
            startThread(named: "pacta.test.stderr") {
                errors.data = err.fileHandleForReading.readDataToEndOfFile()
                read.signal()
            }
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        read.wait()
        process.waitUntilExit()
        return ProgramOutput(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Standard error's bytes, written by the reading thread before the group is left.
    private final class Box: @unchecked Sendable {
        var data = Data()
    }
}

extension Program {
    /// Runs `sql` (statements separated by `;`) on the SQLite database at `path` with Python's `sqlite3`, as
    /// another program would change it (an index of an earlier Pacta, made by hand).
    /// - Throws: ``Failed`` with Python's error output, where it fails.
    public static func sqlite(_ path: String, _ sql: String) async throws {
        let script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()"
        let run = try await run("/usr/bin/env", ["python3", "-c", script, path, sql])
        guard run.status == 0 else { throw Failed(description: "python3's sqlite3 on \(path): \(run.stderr)") }
    }

    /// A program that ended with an error.
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }
}
