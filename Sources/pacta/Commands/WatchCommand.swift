import ArgumentParser
import Dispatch
import Foundation
import PactaMonitor

#if canImport(Glibc)
    import Glibc
#endif

/// `pacta watch`: the corpus folder's watcher, which `pacta index` and the commands that read the index ask what
/// changed instead of looking at each file (``FolderMonitor``).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract:
            "Watch a corpus folder, so that an unchanged folder's index is known fresh without looking at each file.",
        discussion: """
            Runs until stopped (Ctrl-C, SIGTERM or SIGHUP). While it runs, 'pacta index' and every command that reads the \
            index ask it which files changed since the index was last brought up to date, instead of looking at \
            the size and times of every file (at 250,000 files that look costs 0.3 s or more). It is \
            told of changes by the kernel (Linux's inotify), as git's fsmonitor is, and answers on a socket \
            private to this user ($XDG_RUNTIME_DIR/pacta, else /tmp/pacta-UID). Without it every command still \
            gives the same answers, only later.

            The first 'pacta index' after it starts still looks at each file (the watcher cannot vouch for what \
            happened before it ran); the next ones do not. Watched: the treaty files (.yaml, .yml, .json) and \
            entities.yaml, regions.yaml, corpus.yaml and successions.yaml at the top of the folder, as the index \
            reads them. A treaty file that is a symbolic link, or has other hard links, is looked at every time \
            (a link made inside the folder is seen when it is made). Not seen, as by git's fsmonitor: writes \
            through a memory mapping, and a hard link to a treaty file made from outside the folder, and changes \
            made through it. Where the kernel's queue of events overflowed (a change of thousands of files at \
            once) the watcher starts over, and the next 'pacta index' looks at each file's size and times, as without \
            a watcher. While a treaty \
            file cannot be read at all (no permission, a folder by that name), \
            the index keeps no seal and every file is looked at. 'pacta index --verify' reads every file \
            whatever the watcher says.

            Examples:
              pacta watch corpus/ &
              pacta index corpus/    # looks at each file, keeps the watcher's position
              pacta index corpus/    # vouched for by the watcher: no file looked at
            """)

    @Argument(help: ArgumentHelp("The corpus folder (the same as --corpus).", valueName: "dir"))
    var folder: String?

    @Option(name: .long, help: ArgumentHelp("The corpus folder.", valueName: "dir"))
    var corpus: String?

    func validate() throws {
        if let folder, let corpus, folder != corpus {
            throw ValidationError("two corpus folders given: \(folder) and --corpus \(corpus); give one.")
        }
    }

    func run() throws {
        var options = CorpusOptions()
        options.corpus = folder ?? corpus
        let path = try options.existingCorpusFolder()
        let monitor: FolderMonitor
        do {
            monitor = try FolderMonitor(folder: path)
        } catch let error as FolderMonitorError {
            throw CLIError(error.description)
        }
        // Ctrl-C, SIGTERM and SIGHUP (the terminal closed) stop the watch (the socket is removed), handled on a
        // queue rather than in a handler.
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { monitor.stop() }
            source.resume()
            sources.append(source)
        }
        note(
            "watching \(monitor.folder) (socket \(monitor.socketPath)); 'pacta index' and the commands reading its index ask this watcher what changed. Stop with Ctrl-C."
        )
        do {
            try monitor.run()
        } catch let error as FolderMonitorError {
            throw CLIError(error.description)
        }
        sources.forEach { $0.cancel() }
        note("watch of \(monitor.folder) stopped.")
    }
}
