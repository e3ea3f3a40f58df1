import Foundation
import PactaTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Many writers on one treaty at once: clients of `pacta serve` and `pacta record` in shells, with writers killed
/// in the middle. Every acknowledged event must be in the file exactly once, the file must pass `pacta check`, and
/// the index must agree with the file.
@Suite(.serialized) struct DeskLoadTests {
    /// A corpus with one open multilateral treaty (FRA, DEU), a clerk, and the clerk's token.
    struct Office {
        let folder: String
        let token: String
        let treaty = "load-2026-convention"

        init() async throws {
            folder = TestFolder.path("load")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/entities.yaml", toPath: "\(folder)/entities.yaml")
            let new = try await CLI.run([
                "new", treaty, "--kind", "multilateral", "--title", "Load Convention", "--parties", "FRA,DEU",
                "--adopted", "2026-01-01", "--entry-into-force", "consents:2", "--corpus", folder,
            ])
            try #require(new.status == 0, "\(new.stderr)")
            let user = try await CLI.run(["user", "add", "clerk", "--role", "clerk", "--corpus", folder])
            token = user.stdout.split(separator: "\n")[1].trimmingCharacters(in: .whitespaces)
            let index = try await CLI.run(["index", "--corpus", folder])
            try #require(index.status == 0, "\(index.stderr) \(index.stdout)")
        }

        var file: String { "\(folder)/\(treaty).yaml" }
    }

    /// Runs `pacta serve` over the office's corpus on a free port.
    final class Server {
        let process: Process
        let base: String

        private init(process: Process, base: String) {
            self.process = process
            self.base = base
        }

        /// Starts the server and waits (at most 15 s, never on a thread of the pool) until it answers.
        static func start(_ office: Office, port: Int) async throws -> Server {
            let process = try CLI.startServer(
                port: port, ["--corpus", office.folder, "--request-deadline", "600"])
            let server = Server(process: process, base: "http://127.0.0.1:\(port)")
            let ready = await RawHTTP.waitUntilServing(port: port, tries: 600, interval: .milliseconds(100))
            if !ready { server.stop() }
            try #require(ready, "pacta serve did not answer on \(server.base)")
            return server
        }

        /// Stops the server and waits until it has ended (on the calling thread: for `defer`, where the server
        /// has mostly ended already).
        func stop() { Self.end(process) }

        /// ``stop()`` waited for on a thread of its own.
        func stopped() async throws {
            let process = process
            try await onOwnThread { Self.end(process) }
        }

        private static func end(_ process: Process) {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    /// A session that opens as many connections as there are clients.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 128
        configuration.timeoutIntervalForRequest = 600
        return URLSession(configuration: configuration)
    }()

    /// Why posts were not acknowledged (status and body, or the transport's error), for the test's message.
    static let failures = Failures()

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// POSTs one domestic step; `true` where the server acknowledged it (201), else the reason is kept in
    /// ``failures``.
    static func post(_ base: String, _ office: Office, step: String) async -> Bool {
        var request = URLRequest(url: URL(string: "\(base)/api/v1/treaties/\(office.treaty)/events")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(office.token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(
            #"{"type": "domestic-step", "party": "FRA", "date": "2026-02-01", "step": "\#(step)"}"#.utf8)
        do {
            let (body, response) = try await session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if status != 201 { failures.add("\(step): \(status) \(String(decoding: body.prefix(300), as: UTF8.self))") }
            return status == 201
        } catch {
            failures.add("\(step): \(error)")
            return false
        }
    }

    /// A shell that records `count` domestic steps one after the other with `pacta record`, printing "ok N" for
    /// each one acknowledged (exit status 0).
    struct Shell: @unchecked Sendable {
        let process: Process
        let out: Pipe

        /// What the shell printed, once it has ended; waited for on a thread of its own (never one of the pool's).
        func finished() async throws -> String {
            let (process, out) = (process, out)
            return try await onOwnThread {
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return text
            }
        }
    }

    /// Starts a ``Shell`` writing as `name`.
    static func shell(_ office: Office, name: String, count: Int) throws -> Shell {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            """
            i=1; while [ $i -le \(count) ]; do
              "\(CLI.binary.path)" record \(office.treaty) domestic-step --party DEU --date 2026-02-01 --step "\(name) event $i" --corpus "\(office.folder)" >/dev/null 2>&1 && echo "ok $i"
              i=$((i+1)); done
            """,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PACTA_USER"] = name
        environment.removeValue(forKey: "PACTA_CORPUS")
        environment.removeValue(forKey: "PACTA_INDEX")
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return Shell(process: process, out: out)
    }

    /// How many times each step text is in the file.
    static func counts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            guard let range = line.range(of: "step: \"") else { continue }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            counts[String(rest[..<end]), default: 0] += 1
        }
        return counts
    }

    @Test func aHundredClientsAndFourShellsAppendToOneTreaty() async throws {
        let office = try await Office()
        let server = try await Server.start(
            office, port: try FreePort.pick())
        defer { server.stop() }
        let shells = try (1...4).map { try Self.shell(office, name: "shell\($0)", count: 10) }
        let base = server.base
        let acknowledged = await withTaskGroup(of: [String].self) { group in
            for client in 1...100 {
                group.addTask {
                    var done: [String] = []
                    for event in 1...10 {
                        let step = "client \(client) event \(event)"
                        if await Self.post(base, office, step: step) { done.append(step) }
                    }
                    return done
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        var shellAcknowledged: [String] = []
        for (index, shell) in shells.enumerated() {
            let text = try await shell.finished()
            shellAcknowledged += text.split(separator: "\n").map { "shell\(index + 1) event \($0.dropFirst(3))" }
        }
        #expect(acknowledged.count == 1_000, "\(Self.failures.all.prefix(5))")
        #expect(shellAcknowledged.count == 40)
        let counts = Self.counts(try String(contentsOfFile: office.file, encoding: .utf8))
        for step in acknowledged + shellAcknowledged { #expect(counts[step] == 1, "\(step)") }
        #expect(counts.count == 1_040)
        #expect(counts.values.allSatisfy { $0 == 1 })
        try await server.stopped()
        let check = try await CLI.run(["check", office.folder])
        #expect(check.status == 0, "\(check.stdout)")
        // The index holds the file as it is: a refresh finds nothing to read again.
        let index = try await CLI.run(["index", "--corpus", office.folder])
        #expect(index.stdout.contains("added 0, updated 0, removed 0, unchanged 1"), "\(index.stdout)")
    }

    /// A clerk records in a shell while `pacta serve` runs: the server's status answers follow the file without a
    /// restart (the server watches its folder).
    @Test func theServerAnswersWithActsRecordedInAShell() async throws {
        let office = try await Office()
        let server = try await Server.start(office, port: try FreePort.pick())
        defer { server.stop() }
        for (party, date) in [("FRA", "2026-02-01"), ("DEU", "2026-03-01")] {
            let recorded = try await CLI.run([
                "record", office.treaty, "consent", "--form", "ratification", "--party", party, "--date", date,
                "--corpus", office.folder,
            ])
            try #require(recorded.status == 0, "\(recorded.stderr)")
        }
        let url = URL(string: "\(server.base)/api/v1/treaties/\(office.treaty)/status?on=2026-12-01")!
        var body: [String: Any] = [:]
        for _ in 0..<100 {
            let (data, _) = try await Self.session.data(from: url)
            body = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            if body["status"] as? String == "in-force" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Two consents of two: in force on the second (consents:2, no delay).
        #expect(body["status"] as? String == "in-force", "\(body)")
        #expect(body["entry-into-force"] as? String == "2026-03-01")
        try await server.stopped()
    }

    @Test func writersKilledMidWriteLeaveNoTornFileAndLoseNoAcknowledgedEvent() async throws {
        let office = try await Office()
        let port = try FreePort.pick()
        let server = try await Server.start(office, port: port)
        defer { server.stop() }
        let victim = try Self.shell(office, name: "victim", count: 1_000)
        let survivor = try Self.shell(office, name: "survivor", count: 10)
        // Clients write while the shell writer is killed, then while the server itself is killed: each kill comes
        // after so many writes are acknowledged, not after so much time (a fast machine answers all 300 writes
        // before a fixed delay runs out, a loaded one none).
        let (base, serverID, victimID) = (
            server.base, server.process.processIdentifier, victim.process.processIdentifier
        )
        let answered = Failures()
        func waitFor(_ count: Int) async {
            for _ in 0..<3_000 where answered.all.count < count { try? await Task.sleep(for: .milliseconds(10)) }
        }
        let acknowledged = await withTaskGroup(of: [String].self) { group in
            for client in 1...10 {
                group.addTask {
                    var done: [String] = []
                    for event in 1...30 {
                        let step = "client \(client) event \(event)"
                        if await Self.post(base, office, step: step) {
                            done.append(step)
                            answered.add(step)
                        }
                    }
                    return done
                }
            }
            group.addTask {
                await waitFor(20)
                // The shell's running `pacta record` first (in the middle of its work), then the shell.
                _ = try? await Program.run("/usr/bin/pkill", ["-KILL", "-P", String(victimID)])
                kill(victimID, SIGKILL)
                await waitFor(80)
                kill(serverID, SIGKILL)
                return []
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let serverProcess = server.process
        try await onOwnThread { serverProcess.waitUntilExit() }
        let victimText = try await victim.finished()
        let survivorText = try await survivor.finished()
        let shellAcknowledged =
            victimText.split(separator: "\n").map { "victim event \($0.dropFirst(3))" }
            + survivorText.split(separator: "\n").map { "survivor event \($0.dropFirst(3))" }
        #expect(!acknowledged.isEmpty, "\(Self.failures.all.prefix(5))")
        #expect(acknowledged.count < 300, "the server was killed before every client was answered")
        let text = try String(contentsOfFile: office.file, encoding: .utf8)
        let counts = Self.counts(text)
        for step in acknowledged + shellAcknowledged { #expect(counts[step] == 1, "\(step)") }
        #expect(counts.values.allSatisfy { $0 == 1 })
        // Not torn: the file reads with no error, and ends with a whole line.
        #expect(text.hasSuffix("}\n"))
        let check = try await CLI.run(["check", office.folder])
        #expect(check.status == 0, "\(check.stdout)")
    }
}
