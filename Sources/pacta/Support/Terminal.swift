import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The width text output is wrapped to, and the wrapping: long explanations are folded at word boundaries under
/// their own indent, and tables (``TextTable``) fold their last column so that columns stay aligned.
enum Terminal {
    /// `COLUMNS` where set (40 or more), else the terminal's width where standard output is one, else 100.
    static let width: Int = {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns >= 40 {
            return columns
        }
        if isatty(STDOUT_FILENO) != 0 {
            var size = winsize()
            let result = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
            if result == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        }
        return 100
    }()

    /// A text a file gives (a summary, a note) as one line of output: each run of white space that holds a line
    /// break becomes one space, so that a summary written over several lines in YAML cannot break a listing.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        var result = ""
        var pending = false
        for character in text {
            if character.isWhitespace {
                pending = true
            } else {
                if pending, !result.isEmpty { result.append(" ") }
                pending = false
                result.append(character)
            }
        }
        return result
    }

    /// `text` with each line longer than `width` folded at spaces, continuation lines indented like the line's
    /// text (after a leading "! ", "- " or "* " marker). Lines of tables (two spaces inside the text) are left
    /// as they are: ``TextTable`` folds its own.
    static func wrap(_ text: String, width: Int = width) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else {
            // Without a carriage return, every line feed ends a line: the text is split at its bytes, and a line
            // that fits is copied as it is (a list of 250,000 treaties is as many lines).
            var result = ""
            result.reserveCapacity(text.utf8.count)
            var first = true
            for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                if !first { result += "\n" }
                first = false
                let line = Substring(line)
                result += columns(line) > width ? wrapLine(String(line), width: width)[...] : line
            }
            return result
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { wrapLine(String($0), width: width) }
            .joined(separator: "\n")
    }

    /// The columns a text takes on a terminal: two for each wide East Asian character (Han, kana, Hangul,
    /// full-width forms), one for the others.
    static func columns(_ text: some StringProtocol) -> Int {
        // ASCII without a carriage return (which joins a following line feed into one character): a column a
        // byte, counted without breaking the text into characters (a list of 250,000 treaties is 25 M bytes).
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 || byte == 0x0D {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        return text.reduce(0) { total, character in
            guard let scalar = character.unicodeScalars.first?.value else { return total }
            let wide =
                (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar)
                || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
                || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
                || (0xFFE0...0xFFE6).contains(scalar) || (0x20000...0x3FFFD).contains(scalar)
            return total + (wide ? 2 : 1)
        }
    }

    static func wrapLine(_ line: String, width: Int) -> String {
        guard columns(line) > width else { return line }
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        if body.contains("  ") { return line }
        let marker = ["! ", "- ", "* "].contains { body.hasPrefix($0) } ? 2 : 0
        let hanging = String(repeating: " ", count: indent + marker)
        return fold(String(body), first: String(repeating: " ", count: indent), next: hanging, width: width)
            .joined(separator: "\n")
    }

    /// `text` folded into lines of at most `width` characters (a word longer than that stands alone), the
    /// first starting with `first` and the others with `next`.
    static func fold(_ text: String, first: String, next: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = first
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !empty, columns(current) + 1 + columns(word) > width {
                lines.append(current)
                current = next
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines
    }
}

/// Text for people on standard output, wrapped to ``Terminal/width``.
func emitText(_ text: String) {
    emit(Terminal.wrap(text))
}
