import Foundation
import PactaFormats
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
/// Not seen, as by git's fsmonitor: writes through a memory mapping, and a hard link to a file made from outside
/// the folder, and changes made through it. A name that is a symbolic link, or a file with other hard links, when
/// the watcher starts, when an event names it, or when another name is made in the folder for a file (then every
/// name is looked at), is said changed in every answer (its file may change unseen).
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
    public static let maximumNames = 100_000

    private let watched: @Sendable (String) -> Bool
    private let identity: String
    private var generation = FolderMonitor.newGeneration()
    private var clock: UInt64 = 0
    private var changedAt: [String: UInt64] = [:]
    private var linked: Set<String> = []
    private var askers: [Asker] = []
    private var ran = false
    /// How many connections are served at once.
    public static let maximumAskers = 64
    /// Seconds a connection has to ask and read its answer.
    public static let askerDeadline: UInt64 = 2
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
                    "the watcher's socket goes in \(FolderMonitorClient.socketFolder), which must be a folder of this user's that no other user can read or write: make it so (chmod 700 \(FolderMonitorClient.socketFolder)), or remove it to have it made"
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
            findLinks()
        #else
            throw FolderMonitorError("watching a folder needs Linux's inotify")
        #endif
    }

    deinit {
        #if canImport(Glibc)
            // A watcher never run still holds its socket (listening, so no other watcher took the path): removed.
            if !ran, listener >= 0 { unlink(socketPath) }
            for descriptor in [inotify, listener, wake.read, wake.write] where descriptor >= 0 { close(descriptor) }
        #endif
    }

    /// Answers questions and follows the folder until ``stop()`` is called (then returns normally), or the folder
    /// is removed or moved (then throws). The socket is removed on return.
    ///
    /// Askers are served together, none waiting for another: each connection is read and written without
    /// blocking, and dropped where it has not asked and read its answer within ``askerDeadline`` seconds; beyond
    /// ``maximumAskers`` at once the oldest is dropped. So a connection that says nothing, or a byte at a time,
    /// holds nobody else up.
    /// - Throws: ``FolderMonitorError`` where the folder went or the watch failed.
    public func run() throws {
        #if canImport(Glibc)
            ran = true
            defer {
                for asker in askers { close(asker.descriptor) }
                askers = []
                unlink(socketPath)
            }
            while true {
                var polled = [
                    pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
                ]
                for asker in askers {
                    polled.append(
                        pollfd(fd: asker.descriptor, events: Int16(asker.answer == nil ? POLLIN : POLLOUT), revents: 0))
                }
                let now = Self.now()
                let wait = askers.map { $0.deadline > now ? Int(($0.deadline - now) / 1_000_000) + 1 : 0 }.min() ?? -1
                if poll(&polled, nfds_t(polled.count), Int32(wait)) < 0 {
                    if errno == EINTR { continue }
                    throw FolderMonitorError("poll: \(String(cString: strerror(errno)))")
                }
                if polled[2].revents != 0 { return }
                try drain()
                // Each asker that can be read or written is served; those done, failed or late are dropped.
                let later = Self.now()
                var kept: [Asker] = []
                for (asker, state) in zip(askers, polled.dropFirst(3)) {
                    let done = state.revents != 0 ? try serve(asker) : false
                    if done || asker.deadline <= later {
                        close(asker.descriptor)
                    } else {
                        kept.append(asker)
                    }
                }
                askers = kept
                if polled[1].revents != 0 { acceptAll() }
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
                guard !name.isEmpty else { continue }
                guard watched(name) else {
                    // Another name made for a file of the folder (`ln x.yaml notes.txt`): which treaty file now has
                    // other links is not told, so every one is looked at again.
                    if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0, Self.isHardLink("\(folder)/\(name)") {
                        findLinks()
                    }
                    continue
                }
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

        /// Accepts every waiting connection, without blocking; the oldest askers are dropped beyond
        /// ``maximumAskers``.
        private func acceptAll() {
            while true {
                let descriptor = accept(listener, nil, nil)
                guard descriptor >= 0 else { return }
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                if askers.count >= Self.maximumAskers { close(askers.removeFirst().descriptor) }
                askers.append(Asker(descriptor: descriptor, deadline: Self.now() + Self.askerDeadline * 1_000_000_000))
            }
        }

        /// Reads what `asker` sent, and answers once its question is whole (the folder's events read first), or
        /// writes more of its answer; `true` where it is done with (answered, or failed: a question that is not
        /// one, or longer than 4,096 bytes, a connection closed or broken).
        private func serve(_ asker: Asker) throws -> Bool {
            if asker.answer == nil {
                var buffer = [UInt8](repeating: 0, count: 4_096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(asker.descriptor, $0.baseAddress!, $0.count, 0) }
                    if count < 0, errno == EINTR { continue }
                    if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { break }
                    guard count > 0 else { return true }
                    asker.question += buffer[..<count]
                    guard asker.question.count <= 4_096 else { return true }
                    if asker.question.count(where: { $0 == 0 }) >= 3 { break }
                }
                let fields = asker.question.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
                guard fields.count >= 4 else { return false }  // not whole yet
                guard String(decoding: fields[0], as: UTF8.self) == FolderMonitorClient.version,
                    String(decoding: fields[1], as: UTF8.self) == "since"
                else { return true }
                try drain()
                asker.answer = answer(since: String(decoding: fields[2], as: UTF8.self))
            }
            guard let answer = asker.answer else { return true }
            while asker.sent < answer.count {
                let count = answer.withUnsafeBytes {
                    send(asker.descriptor, $0.baseAddress! + asker.sent, answer.count - asker.sent, Int32(MSG_NOSIGNAL))
                }
                if count < 0, errno == EINTR { continue }
                if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return false }
                guard count > 0 else { return true }
                asker.sent += count
            }
            return true
        }

        /// The answer's bytes to a question about `position`.
        private func answer(since position: String) -> [UInt8] {
            unlinkedAgain()
            var fields = [FolderMonitorClient.version, identity, "\(generation):\(clock)"]
            if let changed = changes(since: position) {
                fields.append(String(changed.count))
                fields += changed
            } else {
                fields.append("?")
            }
            var bytes: [UInt8] = []
            for field in fields {
                bytes += field.utf8
                bytes.append(0)
            }
            return bytes
        }

        /// Monotonic nanoseconds.
        private static func now() -> UInt64 {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
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

        /// The linked names that are links no longer (the other name removed, the link replaced by a file): said
        /// changed once more (their file may have changed unseen before), then no longer in every answer.
        private func unlinkedAgain() {
            for name in linked where !Self.isLink("\(folder)/\(name)") {
                linked.remove(name)
                clock += 1
                changedAt[name] = clock
            }
        }

        /// Whether the entry at `path` is a symbolic link, or a file with another name too.
        private static func isLink(_ path: String) -> Bool {
            var info = stat()
            guard lstat(path, &info) == 0 else { return false }
            return (info.st_mode & S_IFMT) == S_IFLNK || ((info.st_mode & S_IFMT) == S_IFREG && info.st_nlink > 1)
        }

        /// Whether the entry at `path` is a file with another name too.
        private static func isHardLink(_ path: String) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_nlink > 1
        }

        /// Looks at every watched name of the folder (one `lstat` each): those that became links are said changed,
        /// and in every answer from now on.
        private func findLinks() {
            guard let names = try? CorpusFiles.names(inFolder: folder) else { return }
            for name in names where watched(name) && !linked.contains(name) && Self.isLink("\(folder)/\(name)") {
                linked.insert(name)
                clock += 1
                changedAt[name] = clock
            }
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
            guard bound == 0, Glibc.listen(descriptor, 512) == 0,
                fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) == 0
            else {
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

/// One connection to the watcher: what it asked so far, and its answer and how much of it was sent.
private final class Asker {
    let descriptor: Int32
    let deadline: UInt64
    var question: [UInt8] = []
    var answer: [UInt8]?
    var sent = 0

    init(descriptor: Int32, deadline: UInt64) {
        self.descriptor = descriptor
        self.deadline = deadline
    }
}
