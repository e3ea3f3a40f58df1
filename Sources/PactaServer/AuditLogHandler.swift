import Logging

/// The audit log's handler: another handler's lines (the server's standard error), with every control character
/// of the message and of the metadata's values written as an escape (`\n`, `\u{1B}`), so that what a request
/// carries (a percent-encoded line break in its path, a reason quoting its body) cannot write a line of its own
/// into the log, nor move the terminal's cursor. A line of the log is one record.
public struct AuditLogHandler: LogHandler {
    private var inner: any LogHandler

    /// - Parameter inner: the handler that writes the lines (`StreamLogHandler.standardError(label:)`).
    public init(wrapping inner: any LogHandler) { self.inner = inner }

    public var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: Self.escaped(event.message.description))
        event.metadata = event.metadata?.mapValues(Self.escaped)
        inner.log(event: event)
    }

    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(escaped(text))
        case .stringConvertible(let value): .string(escaped(value.description))
        case .dictionary(let inner): .dictionary(inner.mapValues(escaped))
        case .array(let items): .array(items.map(escaped))
        }
    }

    /// `text` with C0 and C1 control characters, DEL and the Unicode line and paragraph separators escaped; the
    /// rest as it is.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029
    }
}
