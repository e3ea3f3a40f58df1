import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing a treaty file so that nothing is lost: the new text goes to a temporary file in the same folder, is
/// flushed to the disk, and is renamed over the old file, and the folder is flushed too. A crash at any moment
/// leaves the old file or the new one, never a torn one; once ``replace(_:with:)`` returns, the new file survives
/// a power cut.
public enum DurableFile {
    /// Why a write failed: the sentence, with the path.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Replaces the file at `path` with `text`, atomically and durably, keeping the file's permissions (or giving
    /// it `mode`).
    /// - Throws: ``WriteError`` where the folder is not writable or the disk refuses the write; the old file is
    ///   then unchanged.
    public static func replace(_ path: String, with text: String, mode given: mode_t? = nil) throws(WriteError) {
        let folder =
            (path as NSString).deletingLastPathComponent.isEmpty
            ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var info = stat()
        let mode: mode_t = given ?? (stat(path, &info) == 0 ? info.st_mode & 0o777 : 0o644)
        var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(description: "cannot write in \(folder): \(errorText())") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(temporary) } }
        // A native string's bytes are written where they are; a bridged one is copied once.
        var text = text
        let failure: String? = text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errorText()
                }
                written += n
            }
            return nil
        }
        if let failure {
            close(fd)
            throw WriteError(description: "cannot write \(temporary): \(failure)")
        }
        fchmod(fd, mode)
        guard fsync(fd) == 0 else {
            let why = errorText()
            close(fd)
            throw WriteError(description: "cannot flush \(temporary) to disk: \(why)")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw WriteError(description: "cannot replace \(path): \(errorText())")
        }
        ok = true
        let dir = open(folder, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// An exclusive lock on one treaty's file, held by one writer at a time across threads and processes (`flock` on a
/// lock file beside it, `.ID.lock`), so that `pacta record` in a shell and the server never interleave their
/// read-check-write of the same treaty. Released by ``unlock()``, or by the system when the process ends.
public final class TreatyLock: @unchecked Sendable {
    private let fd: Int32

    /// Takes the lock of the treaty `id` in `folder`, waiting for another holder to release it.
    /// - Throws: ``DurableFile/WriteError`` where the lock file cannot be created (a read-only folder).
    public convenience init(folder: String, id: String) throws(DurableFile.WriteError) {
        // Waiting, it never gives up for another holder: it fails only by throwing.
        try self.init(folder: folder, id: id, waiting: true)!
    }

    /// Takes the lock of the treaty `id` in `folder` where no one holds it; `nil` where another holder does (a
    /// server's write queue tries again later rather than hold a thread while it waits).
    /// - Throws: ``DurableFile/WriteError`` where the lock file cannot be created (a read-only folder).
    public static func attempt(folder: String, id: String) throws(DurableFile.WriteError) -> TreatyLock? {
        try TreatyLock(folder: folder, id: id, waiting: false)
    }

    private init?(folder: String, id: String, waiting: Bool) throws(DurableFile.WriteError) {
        let path = "\(folder)/.\(id).lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DurableFile.WriteError(
                description: "cannot lock \(id) for writing (\(path)): \(DurableFile.errorText())")
        }
        while flock(fd, waiting ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let busy = errno == EWOULDBLOCK
            close(fd)
            if busy, !waiting { return nil }
            throw DurableFile.WriteError(description: "cannot lock \(path): \(DurableFile.errorText())")
        }
        self.fd = fd
    }

    /// Whether ``unlock()`` was called.
    private let released = Atomic<Bool>(false)

    /// Releases the lock. Once: a second call does nothing, for a descriptor closed twice would close whatever
    /// file or connection of the process was given its number in between.
    public func unlock() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }
}
