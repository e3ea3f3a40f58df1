import Foundation
import PactaStore

#if canImport(Glibc)
    import Glibc
#endif

/// The watcher of one corpus folder (`pacta watch`): told by Linux's inotify of every change to the folder's
/// entries, it answers on a local socket which treaty files and files of the corpus's context changed since a
/// position it gave before (``FolderWatching``), so that `pacta index` and the commands that read an index find an
/// unchanged folder unchanged without one `stat` call per file — git's fsmonitor, for a corpus.
///
/// Positions are `generation:clock`: the clock counts the changes seen; the generation is drawn at random when the
/// watcher starts and again whenever it may have missed a change (the kernel's queue of events overflowed, or
/// more than ``maximumNames`` names changed), so a position from before is then answered "cannot say" and the
/// asker looks at each file. Before every answer the watcher reads every event the kernel has queued: the kernel
/// queues an event within the call that changes the file, so every change finished before the question is in
/// the answer.
///
/// Not seen, as by git's fsmonitor: writes through a memory mapping, and changes made through another path to a
/// file that has other hard links. A name that is a symbolic link, or a file with other hard links, when the
/// watcher starts or when an event names it, is said changed in every answer (its file may change unseen).
///
/// Protocol (one question per connection): the question is `pacta-watch-1`, `since`, and a position or `-`, each
/// ended by a NUL byte; the answer is `pacta-watch-1`, the folder's device and inode (`DEV:INO`), the position now,
/// the number of names that follow or `?` (cannot say), then the names, each ended by a NUL byte.
public final class FolderMonitor: @unchecked Sendable {
    /// The folder watched, as `realpath` gives it.
    public let folder: String
    /// The socket the watcher answers on (``socketPath(forFolder:)``).
    public let socketPath: String
    /// More changed names than this since the watcher's generation began start a new generation (the memory of
    /// which name changed when stays bounded).
    public static let maximumNames = 1_000_000

    private let watched: @Sendable (String) -> Bool
    private let identity: String
    private var generation = FolderMonitor.newGeneration()
    private var clock: UInt64 = 0
    private var changedAt: [String: UInt64] = [:]
    private var linked: Set<String> = []
    private var inotify: Int32 = -1
    private var listener: Int32 = -1
    private var wake: (read: Int32, write: Int32) = (-1, -1)
    private let lock = NSLock()

    /// A watcher of `folder` for the names `watched` accepts (``Indexer/isWatched(_:)``), listening already: from
    /// the return on, every change is seen.
    /// - Throws: ``FolderMonitorError`` where the folder cannot be watched (no inotify, not a folder), the
    ///   socket's folder is not private to this user, or a watcher of this folder answers already.
    public init(folder path: String, watching watched: @escaping @Sendable (String) -> Bool = Indexer.isWatched)
        throws
    {
        #if canImport(Glibc)
            guard let real = realpath(path, nil) else {
                throw FolderMonitorError("cannot watch \(path): \(String(cString: strerror(errno)))")
            }
            folder = String(cString: real)
            free(real)
            guard let identity = FolderMonitorClient.identity(ofFolder: folder) else {
                throw FolderMonitorError("cannot watch \(folder): not a folder")
            }
            self.identity = identity
            self.watched = watched
            guard let socket = FolderMonitorClient.socketPath(forFolder: folder, creatingItsFolder: true) else {
                throw FolderMonitorError(
                    "cannot make a private folder for the watcher's socket (\(FolderMonitorClient.socketFolder)): it must be a folder of this user's that no other user can read or write"
                )
            }
            socketPath = socket
            inotify = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
            guard inotify >= 0 else {
                throw FolderMonitorError("cannot watch \(folder): inotify: \(String(cString: strerror(errno)))")
            }
            let mask =
                UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
                | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
                | UInt32(IN_ONLYDIR)
            // From here on a throw closes what is open (deinit).
            guard inotify_add_watch(inotify, folder, mask) >= 0 else {
                let why = String(cString: strerror(errno))
                throw FolderMonitorError(
                    "cannot watch \(folder): \(why)\(errno == ENOSPC ? " (the limit of inotify watches is reached: fs.inotify.max_user_watches)" : "")"
                )
            }
            listener = try Self.listen(at: socketPath)
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                unlink(socketPath)
                throw FolderMonitorError("cannot make a pipe: \(String(cString: strerror(errno)))")
            }
            wake = (ends[0], ends[1])
            // Names that are links when the watch begins: their changes may come unseen.
            if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                for name in names where watched(name) && Self.isLink("\(folder)/\(name)") { linked.insert(name) }
            }
        #else
            throw FolderMonitorError("watching a folder needs Linux's inotify")
        #endif
    }

    deinit {
        #if canImport(Glibc)
            for descriptor in [inotify, listener, wake.read, wake.write] where descriptor >= 0 { close(descriptor) }
        #endif
    }

    /// Answers questions and follows the folder until ``stop()`` is called (then returns normally), or the folder
    /// is removed or moved (then throws). The socket is removed on return.
    /// - Throws: ``FolderMonitorError`` where the folder went or the watch failed.
    public func run() throws {
        #if canImport(Glibc)
            defer { unlink(socketPath) }
            while true {
                var polled = [
                    pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
                ]
                if poll(&polled, 3, -1) < 0 {
                    if errno == EINTR { continue }
                    throw FolderMonitorError("poll: \(String(cString: strerror(errno)))")
                }
                if polled[2].revents != 0 { return }
                try drain()
                if polled[1].revents != 0 { try answerOne() }
            }
        #endif
    }

    /// Has ``run()`` return; from any thread.
    public func stop() {
        #if canImport(Glibc)
            lock.withLock {
                var byte: UInt8 = 1
                _ = write(wake.write, &byte, 1)
            }
        #endif
    }

    /// Starts a new generation: every earlier position is answered "cannot say" (as after lost events).
    private func forgetEverything() {
        generation = Self.newGeneration()
        changedAt = [:]
    }

    private static func newGeneration() -> String {
        String(UInt64.random(in: 1...UInt64.max), radix: 16)
    }

    #if canImport(Glibc)
        /// Reads every event queued: each names a file of the folder changed.
        private func drain() throws {
            let size = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer { buffer.deallocate() }
            while true {
                let count = read(inotify, buffer, size)
                if count < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN { return }
                    throw FolderMonitorError("cannot read the folder's events: \(String(cString: strerror(errno)))")
                }
                try take(UnsafeRawBufferPointer(start: buffer, count: count))
            }
        }

        /// The events in `bytes`, as `read` gave them from an inotify descriptor: each a header (`struct
        /// inotify_event`: watch descriptor, mask, cookie, and the length of the name that follows, NUL-padded),
        /// then the name (empty for an event of the watched folder itself).
        public static func events(in bytes: UnsafeRawBufferPointer) -> [(name: String, mask: UInt32)] {
            var result: [(String, UInt32)] = []
            let header = MemoryLayout<inotify_event>.size
            var offset = 0
            while offset + header <= bytes.count {
                let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let end = min(bytes.count, offset + header + length)
                result.append(
                    (String(decoding: bytes[(offset + header)..<end].prefix { $0 != 0 }, as: UTF8.self), mask))
                offset = end
            }
            return result
        }

        /// Takes the events in `bytes` (``events(in:)``).
        private func take(_ bytes: UnsafeRawBufferPointer) throws {
            for (name, mask) in Self.events(in: bytes) {
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    forgetEverything()
                    continue
                }
                let gone = UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_IGNORED) | UInt32(IN_UNMOUNT)
                if mask & gone != 0 {
                    forgetEverything()
                    throw FolderMonitorError("the folder \(folder) was removed or moved: the watch ended")
                }
                guard !name.isEmpty, watched(name) else { continue }
                clock += 1
                changedAt[name] = clock
                if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 {
                    linked.remove(name)
                } else if Self.isLink("\(folder)/\(name)") {
                    linked.insert(name)
                } else {
                    linked.remove(name)
                }
                if changedAt.count > Self.maximumNames { forgetEverything() }
            }
        }

        /// Accepts one question and answers it; a asker that does not ask within a second is dropped.
        private func answerOne() throws {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            FolderMonitorClient.setTimeouts(client, seconds: 1)
            guard let question = FolderMonitorClient.readFields(client, maximumBytes: 4_096), question.count >= 3,
                question[0] == FolderMonitorClient.version, question[1] == "since"
            else { return }
            try drain()
            let changed = changes(since: question[2])
            var fields = [FolderMonitorClient.version, identity, "\(generation):\(clock)"]
            if let changed {
                fields.append(String(changed.count))
                fields += changed
            } else {
                fields.append("?")
            }
            FolderMonitorClient.writeFields(client, fields)
        }

        /// The names changed after `position`, with the links; `nil` where `position` is of another generation.
        private func changes(since position: String) -> [String]? {
            let parts = position.split(separator: ":")
            guard parts.count == 2, parts[0] == generation, let since = UInt64(parts[1]), since <= clock else {
                return nil
            }
            var names = linked
            for (name, at) in changedAt where at > since { names.insert(name) }
            return names.sorted()
        }

        /// Whether the entry at `path` is a symbolic link, or a file with another name too.
        private static func isLink(_ path: String) -> Bool {
            var info = stat()
            guard lstat(path, &info) == 0 else { return false }
            return (info.st_mode & S_IFMT) == S_IFLNK || ((info.st_mode & S_IFMT) == S_IFREG && info.st_nlink > 1)
        }

        /// A socket listening at `path`, where no watcher answers there already (a socket left by one that ended
        /// without removing it is replaced).
        private static func listen(at path: String) throws -> Int32 {
            if FolderMonitorClient.connect(to: path).map({ close($0) }) != nil {
                throw FolderMonitorError(
                    "a watcher of this folder runs already (its socket: \(path)); stop it first, or use it")
            }
            unlink(path)
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else {
                throw FolderMonitorError("cannot make a socket: \(String(cString: strerror(errno)))")
            }
            var address = sockaddr_un()
            guard FolderMonitorClient.fill(&address, with: path) else {
                close(descriptor)
                throw FolderMonitorError("the socket's path is too long: \(path)")
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0, Glibc.listen(descriptor, 64) == 0 else {
                let why = String(cString: strerror(errno))
                close(descriptor)
                throw FolderMonitorError("cannot listen at \(path): \(why)")
            }
            return descriptor
        }
    #endif
}

/// Why a folder cannot be watched, in words for the person who asked.
public struct FolderMonitorError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
