import Foundation
import PactaTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `pacta watch`, run as a user runs it: `pacta index` asks it, and an unchanged folder is vouched for.
@Suite struct WatchCLITests {
    /// Starts `pacta watch FOLDER` and waits for its first line (it answers from then on).
    func startWatcher(_ folder: URL) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["watch", folder.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    /// A line of the watcher's standard error (the pipe is read until a line break).
    func line(_ pipe: Pipe) -> String {
        var bytes = Data()
        while !bytes.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func summary(_ output: CLI.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func indexAsksTheRunningWatcher() async throws {
        let folder = TestFolder.url("watch-cli")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixtures.corpusPath), to: folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix(".pacta-index") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".yaml") && !["entities.yaml", "regions.yaml", "corpus.yaml", "successions.yaml"].contains($0)
        }.count
        let (watcher, errors) = try startWatcher(folder)
        let first = line(errors)
        #expect(first.hasPrefix("note: watching \(folder.resolvingSymlinksInPath().path) (socket /"), "\(first)")

        // The first index looks at every file; the next is vouched for by the watcher.
        let built = try await CLI.run(["index", folder.path, "--format", "json"])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try summary(built)["vouched"] as? Bool == false)
        #expect((try summary(built)["added"] as? [String])?.count == files)
        let again = try await CLI.run(["index", folder.path])
        #expect(
            again.stdout.hasSuffix(
                "added 0, updated 0, removed 0, unchanged \(files) (the folder's watcher saw no change: no file looked at).\n"
            ), "\(again.stdout)")
        // A command that reads the index finds it fresh through the watcher: no warning.
        let status = try await CLI.run([
            "status", "ru-kp-2024-partnership", "--on", "2025-01-01", "--corpus", folder.path,
        ])
        #expect(status.status == 0)
        #expect(status.stderr == "")
        #expect(status.stdout.contains("Status on 2025-01-01: in-force since 2024-12-04"))

        // A file edited: the watcher says so; the index reads it alone; `list` warned before.
        let file = folder.appendingPathComponent("ru-kp-2024-partnership.yaml")
        try (try String(contentsOf: file, encoding: .utf8) + "# checked\n").write(
            to: file, atomically: true, encoding: .utf8)
        let list = try await CLI.run(["list", "--corpus", folder.path, "--format", "json"])
        #expect(list.stderr.contains("is stale (1 file changed); reading the files"), "\(list.stderr)")
        let edited = try summary(try await CLI.run(["index", folder.path, "--format", "json"]))
        #expect(edited["updated"] as? [String] == ["ru-kp-2024-partnership.yaml"])
        #expect(edited["vouched"] as? Bool == false)
        #expect(try summary(try await CLI.run(["index", folder.path, "--format", "json"]))["vouched"] as? Bool == true)

        // A second watcher of the folder is refused.
        let second = try await CLI.run(["watch", folder.path])
        #expect(second.status == 1)
        #expect(
            second.stderr.contains("Error: a watcher of this folder runs already (its socket: /"), "\(second.stderr)")

        // Ctrl-C stops it: exit 0, said; the next index looks at the files again.
        kill(watcher.processIdentifier, SIGINT)
        watcher.waitUntilExit()
        #expect(watcher.terminationStatus == 0)
        let last = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(last == "note: watch of \(folder.resolvingSymlinksInPath().path) stopped.\n")
        let after = try summary(try await CLI.run(["index", folder.path, "--format", "json"]))
        #expect(after["vouched"] as? Bool == false)
        #expect(after["unchanged"] as? Int == files)
    }

    @Test func aWatchOfNoFolderIsRefused() async throws {
        let output = try await CLI.run(["watch", "/no/such/folder"])
        #expect(output.status == 1)
        #expect(output.stderr == "Error: no corpus folder at /no/such/folder.\n")
    }
}
