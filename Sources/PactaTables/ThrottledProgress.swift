import Foundation

/// Progress of a long import, as lines for standard error: nothing in its first second, then at most one line a
/// second, `<label>: <what>...`.
///
/// The caller passes the time of each report, so the throttle reads no clock of its own and its behaviour can be
/// tested without waiting.
public struct ThrottledProgress: Sendable {
    /// What the lines start with (`import manydata`).
    public let label: String
    let started: Date
    var last: Date

    /// A progress that starts at `started`.
    public init(label: String, started: Date) {
        self.label = label
        self.started = started
        self.last = started
    }

    /// The line to print for `what` at `now`, or `nil` where the import is in its first second or the last line
    /// is less than a second old.
    public mutating func report(_ what: @autoclosure () -> String, at now: Date) -> String? {
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(last) >= 1 else { return nil }
        last = now
        return "\(label): \(what())...\n"
    }
}
