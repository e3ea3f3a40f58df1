/// One located error in a treaty file: the file, line and column, what was wrong and what was expected,
/// and the source line with a caret under the place.
///
/// `description` reads:
/// ```
/// corpus/x.yaml:12:15: error: unknown field 'dat' in an event; expected one of: id, date, type, ...
///    12 |   - {id: e1, dat: 2024-06-19, type: signature}
///       |              ^
/// ```
/// The exact layout of `description` may change; the fields do not.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 where the error concerns the whole file.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as libyaml counts them.
    public var column: Int
    public var message: String
    /// The text of line `line`, where known.
    public var sourceLine: String?
    /// `error` (the file is refused) or `warning` (the file is read; `pacta check --strict` refuses it).
    public var severity: Severity = .error

    /// How grave a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// Whether it is an error (not a warning).
    public var isError: Bool { severity == .error }

    public init(
        file: String, line: Int, column: Int, message: String, sourceLine: String? = nil, severity: Severity = .error
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
        self.severity = severity
    }

    /// `file:line:col`.
    public var location: String { line > 0 ? "\(file):\(line):\(column)" : file }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let sourceLine, line > 0 {
            let number = String(line)
            let gutter = String(repeating: " ", count: max(4, number.count + 1))
            let pad = String(repeating: " ", count: gutter.count - number.count)
            let prefix = sourceLine.unicodeScalars.prefix(max(0, column - 1))
                .map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n\(pad)\(number) | \(sourceLine)\n\(gutter) | \(prefix)^"
        }
        return text
    }
}

/// Every error found in a file or a corpus. Thrown where a caller wants all-or-nothing.
public struct DiagnosticList: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
