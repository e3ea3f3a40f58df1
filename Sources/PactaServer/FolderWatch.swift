import Foundation
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaMonitor

#if canImport(Glibc)
    import Glibc
#endif

/// Watches the corpus folder of a file-backed server for treaty files written by others (`pacta record` or
/// `pacta new` in a shell, an editor saving a file) and has the server read each one again
/// (``AppState/reread(_:)``), so that its answers follow the files without a restart.
///
/// Linux's inotify says which file was closed after writing or renamed into the folder (how the desk replaces a
/// file); a treaty file's name is its id. The server's own writes are announced too, and cost one `stat` each: the
/// desk knows the file as it wrote it. Where the kernel's queue of events overflowed, every treaty is looked at.
/// Files removed while the server runs are not followed (their treaties are served until a restart), nor changes
/// to `entities.yaml` and the other files of the corpus's context. On systems without inotify nothing is watched.
final class FolderWatch: @unchecked Sendable {
    private let state: AppState
    private let folder: String
    private let lock = NSLock()
    /// Ids waiting for their reading (each read once, however many events name it meanwhile).
    private var pending: Set<String> = []
    private var thread: Thread?
    /// The inotify descriptor and the pipe that wakes the thread to stop.
    private var descriptor: Int32 = -1
    private var wake: (read: Int32, write: Int32) = (-1, -1)

    /// A watch of `state`'s desk folder, not started; `nil` where the server has no folder to write (it only
    /// reads, or writes to a database).
    init?(state: AppState) {
        guard let desk = state.desk, state.record == nil else { return nil }
        self.state = state
        self.folder = desk.folder
    }

    /// Starts watching, on a thread of its own; `false` where the folder cannot be watched (no inotify, or the
    /// limit of watches reached), which the caller reports.
    @discardableResult func start() -> Bool {
        #if canImport(Glibc)
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return false }
            // A file written and closed, or renamed into the folder (how the desk and most editors save); a link
            // made in the folder (a symbolic or a hard link) is announced as created.
            let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
            guard inotify_add_watch(descriptor, folder, mask) >= 0 else {
                close(descriptor)
                return false
            }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                close(descriptor)
                return false
            }
            let wake = ends[0]
            lock.withLock {
                self.descriptor = descriptor
                self.wake = (ends[0], ends[1])
            }
            let thread = Thread { [self] in self.loop(descriptor, wake: wake) }
            thread.name = "pacta.folder-watch"
            thread.start()
            lock.withLock { self.thread = thread }
            return true
        #else
            return false
        #endif
    }

    /// Stops watching; the thread ends after its current event.
    func stop() {
        // Under the lock the thread closes the pipe with: never a write to a number closed and given to another
        // file in between.
        lock.withLock {
            guard wake.write >= 0 else { return }
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
        }
    }

    #if canImport(Glibc)
        private func loop(_ descriptor: Int32, wake: Int32) {
            defer {
                close(descriptor)
                lock.withLock {
                    close(self.wake.read)
                    close(self.wake.write)
                    self.wake = (-1, -1)
                }
            }
            let size = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer { buffer.deallocate() }
            while true {
                var polled = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&polled, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return stopped(because: "poll: \(String(cString: strerror(errno)))")
                }
                if polled[1].revents != 0 { return }
                let count = read(descriptor, buffer, size)
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return stopped(because: "read: \(String(cString: strerror(errno)))")
                }
                for event in FolderMonitor.events(in: UnsafeRawBufferPointer(start: buffer, count: count)) {
                    if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        for treaty in state.corpus.treaties { schedule(treaty.id) }
                        continue
                    }
                    // A file created is read once it is closed, unless it is a link (never written through here).
                    if event.mask & UInt32(IN_CREATE) != 0, !isLink(event.name) { continue }
                    if let id = Self.treatyID(ofFile: event.name) {
                        schedule(id)
                    } else if Self.looksLikeATreatyFile(event.name) {
                        state.audit.warning(
                            "file changed, not read",
                            metadata: [
                                "file": "\(event.name)",
                                "reason":
                                    "its name is not a treaty id (lower-case letters, digits and hyphens, then .yaml, .yml or .json in lower case): no treaty is read from it",
                            ])
                    }
                }
            }
        }

        /// Says in the audit log that the watch ended on an error, not asked to: files changed by other processes
        /// are no longer read until the server is started again.
        private func stopped(because why: String) {
            state.audit.error(
                "folder watch stopped: files changed by other processes are no longer read; restart the server",
                metadata: ["folder": "\(folder)", "reason": "\(why)"])
        }

        /// Whether the folder's entry `name` is a symbolic link, or a file with another name too (a hard link).
        private func isLink(_ name: String) -> Bool { Desk.isLink("\(folder)/\(name)") }
    #endif

    /// The treaty id a file of the folder holds (`ID.yaml`, `.yml`, `.json`), or `nil` for any other file (the
    /// desk's temporary and lock files begin with a dot; the context's files are not treaties).
    static func treatyID(ofFile name: String) -> String? {
        guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return nil }
        guard ["yaml", "yml", "json"].contains(name[name.index(after: dot)...]) else { return nil }
        let id = String(name[..<dot])
        guard Desk.isValidID(id), !Desk.reserved.contains(id) else { return nil }
        return id
    }

    /// Whether `name` looks meant as a treaty file though ``treatyID(ofFile:)`` takes no id from it (`Upper.yaml`):
    /// not hidden, not one of the corpus's own files, with a treaty file's extension.
    static func looksLikeATreatyFile(_ name: String) -> Bool {
        guard CorpusFiles.isTreatyFile(name), let dot = name.lastIndex(of: ".") else { return false }
        return !Desk.reserved.contains(String(name[..<dot]))
    }

    /// Has the server read treaty `id` again, unless a reading of it is waiting already.
    private func schedule(_ id: String) {
        let first = lock.withLock { pending.insert(id).inserted }
        guard first else { return }
        let state = state
        Task {
            // Taken out when the reading starts, on the treaty's write queue: an event that comes during the
            // reading schedules another.
            await state.reread(id) { self.lock.withLock { _ = self.pending.remove(id) } }
        }
    }
}
