import Foundation
import PactaStore

#if canImport(Glibc)
    import Glibc
#endif

/// Asks the watcher of a corpus folder (``FolderMonitor``, `pacta watch`), where one runs, what changed: the
/// ``FolderWatching`` that `pacta index` and the commands reading an index pass on. Where none runs the question
/// costs one failed `connect` (no socket, or nobody listening) and the answer is `nil`.
public struct FolderMonitorClient: FolderWatching {
    /// The folder asked about, as given.
    public let folder: String
    /// The watcher's socket for it; `nil` where its folder is not private to this user (nobody is asked then).
    public let socketPath: String?

    /// Called once, with a sentence to show, where a watcher's socket took the question but no answer came within
    /// ``timeout`` seconds (a watcher stopped or stuck): later questions are then not asked (`nil` at once).
    private let silence: Silence

    /// Seconds a question waits for its answer.
    public static let timeout = 1

    /// The client of `folder`'s watcher; `onSilence` is told, once, where the watcher does not answer.
    public init(folder: String, onSilence: (@Sendable (String) -> Void)? = nil) {
        self.folder = folder
        silence = Silence(onSilence)
        #if canImport(Glibc)
            if let real = realpath(folder, nil) {
                socketPath = Self.socketPath(forFolder: String(cString: real), creatingItsFolder: false)
                free(real)
            } else {
                socketPath = nil
            }
        #else
            socketPath = nil
        #endif
    }

    /// Whether a watcher's socket exists for the folder (it may still not answer: one that ended badly leaves it).
    public var mayRun: Bool { socketPath.map { FileManager.default.fileExists(atPath: $0) } ?? false }

    /// What changed since `position`; `nil` where no watcher of this folder answers within ``timeout`` seconds
    /// (the first such silence is told to `onSilence`, and no later question is asked), or the one answering
    /// watches another folder than the one now at the path (moved and replaced).
    public func changes(since position: String?) -> WatchAnswer? {
        #if canImport(Glibc)
            guard let socketPath, !silence.happened, let descriptor = Self.connect(to: socketPath) else { return nil }
            defer { close(descriptor) }
            Self.writeFields(descriptor, [Self.version, "since", position ?? "-"])
            guard let answer = Self.readFields(descriptor, maximumBytes: 256 << 20) else {
                silence.tell(
                    "the folder's watcher (socket \(socketPath)) did not answer within \(Self.timeout) s; looking at each file instead. Is 'pacta watch' stopped or stuck?"
                )
                return nil
            }
            guard answer.count >= 4, answer[0] == Self.version, answer[1] == Self.identity(ofFolder: folder)
            else { return nil }
            guard answer[3] != "?" else { return WatchAnswer(position: answer[2], changed: nil) }
            guard let count = Int(answer[3]), count == answer.count - 4 else { return nil }
            return WatchAnswer(position: answer[2], changed: Array(answer[4...]))
        #else
            return nil
        #endif
    }

    /// The first field of every question and answer.
    static let version = "pacta-watch-1"

    /// Where watchers' sockets are: `$XDG_RUNTIME_DIR/pacta`, else `/tmp/pacta-UID`.
    static var socketFolder: String {
        if let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty,
            FileManager.default.fileExists(atPath: runtime)
        {
            return runtime + "/pacta"
        }
        return "/tmp/pacta-\(getuid())"
    }

    /// The socket of the watcher of the folder at real path `folder`: in ``socketFolder``, named by a hash of the
    /// path (a socket's path has at most 107 bytes); `nil` where that folder is not a folder of this user's that
    /// no other user can read or write (made so where `creatingItsFolder` and it does not exist).
    static func socketPath(forFolder folder: String, creatingItsFolder: Bool) -> String? {
        #if canImport(Glibc)
            let parent = socketFolder
            if creatingItsFolder { mkdir(parent, 0o700) }
            var info = stat()
            guard lstat(parent, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid(),
                info.st_mode & 0o077 == 0
            else { return nil }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in folder.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            let digits = String(hash, radix: 16)
            return "\(parent)/watch-\(String(repeating: "0", count: 16 - digits.count))\(digits).sock"
        #else
            return nil
        #endif
    }

    /// `DEV:INO` of the folder at `path`; `nil` where it is not a folder.
    static func identity(ofFolder path: String) -> String? {
        #if canImport(Glibc)
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return "\(info.st_dev):\(info.st_ino)"
        #else
            return nil
        #endif
    }

    #if canImport(Glibc)
        /// A stream connected to the socket at `path`, its sends and receives waiting at most ``timeout`` seconds
        /// (the connection too, where the watcher's queue of connections is full); `nil` where none listens there.
        static func connect(to path: String) -> Int32? {
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { return nil }
            setTimeouts(descriptor, seconds: timeout)
            var address = sockaddr_un()
            guard fill(&address, with: path) else {
                close(descriptor)
                return nil
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard connected == 0 else {
                close(descriptor)
                return nil
            }
            return descriptor
        }

        /// Puts `path` in `address`; `false` where it is too long.
        static func fill(_ address: inout sockaddr_un, with path: String) -> Bool {
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            guard bytes.count < capacity else { return false }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            return true
        }

        /// Sends and receives on `descriptor` wait at most `seconds`.
        static func setTimeouts(_ descriptor: Int32, seconds: Int) {
            var limit = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        }

        /// Writes `fields`, each ended by a NUL byte, then ends the sending side.
        static func writeFields(_ descriptor: Int32, _ fields: [String]) {
            var bytes: [UInt8] = []
            for field in fields {
                bytes += field.utf8
                bytes.append(0)
            }
            var sent = 0
            while sent < bytes.count {
                let count = bytes.withUnsafeBytes {
                    send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                sent += count
            }
            shutdown(descriptor, Int32(SHUT_WR))
        }

        /// The NUL-ended fields read until the other side ends sending; `nil` on a timeout, an error, or more than
        /// `maximumBytes`.
        static func readFields(_ descriptor: Int32, maximumBytes: Int) -> [String]? {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { return nil }
                if count == 0 { break }
                bytes += buffer[..<count]
                guard bytes.count <= maximumBytes else { return nil }
            }
            guard bytes.last == 0 else { return bytes.isEmpty ? [] : nil }
            return bytes.dropLast().split(separator: 0, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
    #endif
}

/// Whether a watcher was found silent, told once.
private final class Silence: @unchecked Sendable {
    private let lock = NSLock()
    private var silent = false
    private let tell: (@Sendable (String) -> Void)?

    init(_ tell: (@Sendable (String) -> Void)?) { self.tell = tell }

    var happened: Bool { lock.withLock { silent } }

    func tell(_ sentence: String) {
        let first = lock.withLock {
            defer { silent = true }
            return !silent
        }
        if first { tell?(sentence) }
    }
}
