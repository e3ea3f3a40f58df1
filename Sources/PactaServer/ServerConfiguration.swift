import Logging
import PactaCore

/// How `pacta serve` runs. Defaults: localhost, port 8080, today from the system clock, a 10-second request
/// deadline, a 30-second idle timeout. The index back end is
/// passed beside it (``buildApplication(configuration:index:logger:onServerRunning:)``).
public struct ServerConfiguration: Sendable {
    /// The address to listen on; `127.0.0.1` keeps the server local.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (tests).
    public var port: Int = 8080
    /// The corpus folder.
    public var corpus: String
    /// Today's date for defaults (`?on=` absent). Injected, so that tests fix it; read per request.
    public var today: @Sendable () -> CalendarDate
    /// How long one request may take before the server answers `503` problem+json (`deadline-exceeded`) and
    /// cancels its work (Swift task cancellation). Default 10 seconds.
    public var requestDeadline: Duration = .seconds(10)
    /// How long a connection may stay idle (no request, or a request arriving too slowly) before the server
    /// closes it, so that idle and slow clients cannot hold its sockets. Default 30 seconds.
    public var idleTimeout: Duration = .seconds(30)

    /// How many connections may be open at once, and how long a client may take to send a request's headers.
    public var limits = ConnectionLimits()
    /// The users file (``PactaDesk/UserStore``); default `.pacta-users.json` in the corpus folder.
    public var users: String?
    /// Where writes are logged (who, when, what, the outcome).
    public var audit = Logger(label: "pacta.audit")

    public init(corpus: String, today: @escaping @Sendable () -> CalendarDate) {
        self.corpus = corpus
        self.today = today
    }
}
