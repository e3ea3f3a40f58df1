import Foundation
import Testing

#if canImport(Glibc)
    import Glibc

    /// Edits the file at `path` in place without changing its size ("Friendship" → "Frendshipp"), then puts its
    /// access and modification times back, as `touch -r` would: an edit only the status change time (or a watcher)
    /// shows. Waits a clock tick first, so that the status change time moves on. Returns the file's `stat` from
    /// before and the text written.
    func editKeepingSizeAndTime(_ path: String) throws -> (before: stat, text: String) {
        var before = stat()
        #expect(stat(path, &before) == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changedText = text.replacingOccurrences(of: "Friendship", with: "Frendshipp")
        #expect(changedText != text && changedText.utf8.count == text.utf8.count)
        usleep(20_000)
        try changedText.write(toFile: path, atomically: false, encoding: .utf8)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        return (before, changedText)
    }
#endif
