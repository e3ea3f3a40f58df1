import ArgumentParser
import Foundation
import PactaCore
import PactaFormats
import PactaMonitor
import PactaSQLite
import PactaStore

/// `pacta index`: builds or refreshes the search index of a corpus.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or refresh the corpus index (SQLite): parsed treaties and search text.",
        discussion: """
            Only files whose content changed since the last run are read again (a file whose size, \
            modification time and status change time are unchanged is not even read, as git does; --verify \
            reads and hashes every file); files \
            that are gone are removed. The index holds the parsed model and search text, never a legal status: \
            statuses always come from the engines.

            A file with errors is left out (exit code 1) and remembered by its content hash, so \
            that later commands read the index without reading the files again until it changes; \
            they name the files left out. When entities.yaml or regions.yaml changes, every file \
            is read again.

            Where 'pacta watch' runs for the folder, it is asked which files changed since the last run, \
            and an unchanged folder is known so without looking at any file.

            Examples:
              pacta index
              pacta index corpus/
              pacta index --corpus corpus/ --db /tmp/pacta.sqlite
              pacta index --format json     # a summary: index, added, updated, removed, unchanged, failed, vouched
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// The JSON summary of a refresh.
    struct Summary: Encodable {
        let index: String
        let added: [String]
        let updated: [String]
        let removed: [String]
        let unchanged: Int
        let failed: [String]
        /// The folder's watcher (`pacta watch`) vouched that no file changed: none was looked at.
        let vouched: Bool
    }

    @Argument(help: ArgumentHelp("The corpus folder (the same as --corpus).", valueName: "dir"))
    var folder: String?

    @Option(name: .long, help: ArgumentHelp("The corpus folder.", valueName: "dir"))
    var corpus: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index file. Default: $PACTA_INDEX if set, else .pacta-index.sqlite in the corpus folder.",
            valueName: "path"))
    var db: String?

    @Option(name: .long, help: "Output: text, or json (a summary for programs).")
    var format: Format = .text

    @Flag(
        name: .long,
        help:
            "Read and hash every file; by default a file whose size, modification time and status change time are unchanged is not read."
    )
    var verify = false

    static func defaultDatabase(corpus: String) -> String { CorpusOptions.indexPath(nil, corpus: corpus) }

    func validate() throws {
        if let folder, let corpus, folder != corpus {
            throw ValidationError("two corpus folders given: \(folder) and --corpus \(corpus); give one.")
        }
    }

    func run() async throws {
        var options = CorpusOptions()
        options.corpus = folder ?? corpus
        let folder = try options.existingCorpusFolder()
        let path = CorpusOptions.indexPath(db, corpus: folder)
        // A --db in a folder that does not exist is a typo more often than a wish: said, not made.
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            throw CLIError(
                "the folder \(parent) of the index \(path) does not exist; create it first, or give another path.")
        }
        let index: SQLiteIndex
        do {
            index = try SQLiteIndex(path: path)
        } catch {
            throw CLIError(
                "cannot open or create the index at \(path) (\(SQLiteIndex.plainWords(error))). If that file is not a Pacta index, delete it or give another path with --db; where the folder cannot be written, give a writable path with --db."
            )
        }
        let bar = ProgressBar()
        let watch = FolderMonitorClient(folder: folder) { note($0) }
        let report = try await Indexer(corpus: folder).refresh(
            index, verify: verify, watch: watch.mayRun ? watch : nil
        ) { done, total in
            bar.update(done, total)
        }
        bar.finish()
        func list(_ names: [String]) -> String {
            switch names.count {
            case 0: "0"
            case 1...5: "\(names.count) (\(names.joined(separator: ", ")))"
            default: "\(names.count) (\(names.prefix(5).joined(separator: ", ")) ...)"
            }
        }
        switch format {
        case .json:
            emit(
                try JSONOutput.string(
                    Summary(
                        index: path, added: report.added, updated: report.updated, removed: report.removed,
                        unchanged: report.unchanged, failed: report.failed, vouched: report.vouched)))
        case .text:
            print(
                "Index \(path): added \(list(report.added)), updated \(list(report.updated)), removed \(list(report.removed)), unchanged \(report.unchanged)\(report.vouched ? " (the folder's watcher saw no change: no file looked at)" : "")."
            )
            if !report.failed.isEmpty {
                // Not "left out" of the answers: the commands read these files from the folder, as far as they can.
                print(
                    "Not stored in the index, with errors (see 'pacta check \(folder)'): \(report.failed.joined(separator: ", ")). Commands read them from the folder each time, as far as they can be read."
                )
            }
        }
        if !report.failed.isEmpty { throw ExitCode(1) }
    }
}

/// A progress bar on standard error, shown only on a terminal and only once the work has taken a second.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: the lock guards every mutable property.
    private let lock = NSLock()
    private let start = Date()
    private var shown = false
    private let isTerminal = isatty(STDERR_FILENO) != 0
    /// What is counted, in the plural (`files`, `treaties`).
    private let unit: String

    init(unit: String = "files") { self.unit = unit }

    func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard isTerminal, total > 0, Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(unit)".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
