import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Limits on connections that Hummingbird does not set itself: how many may be open at once, and how long a
/// client may take to send a request's headers.
public struct ConnectionLimits: Sendable {
    /// The most connections open at once; one more is answered `503` problem+json and closed. Default 1,000.
    public var maximumConnections = 1_000
    /// How long a client may take from opening the connection (or from the end of its previous request) to the
    /// end of a request's headers; past it the connection is closed (a "slowloris" client that sends a byte now
    /// and then is not idle, so the idle timeout alone does not close it). Default 10 seconds.
    public var headerTimeout: Duration = .seconds(10)

    public init(maximumConnections: Int = 1_000, headerTimeout: Duration = .seconds(10)) {
        self.maximumConnections = maximumConnections
        self.headerTimeout = headerTimeout
    }
}

/// The count of open connections, shared by every connection's ``ConnectionGuard``.
final class ConnectionCount: @unchecked Sendable {
    private let lock = NSLock()
    private var open = 0

    /// Counts one more connection; `false` (and not counted) where `maximum` are open already.
    func enter(maximum: Int) -> Bool {
        lock.withLock {
            guard open < maximum else { return false }
            open += 1
            return true
        }
    }

    func leave() { lock.withLock { open -= 1 } }
}

/// One per connection, after the HTTP/1 codec: refuses a connection past ``ConnectionLimits/maximumConnections``
/// with `503`, and closes one whose request headers do not arrive within ``ConnectionLimits/headerTimeout`` of
/// the connection opening or of the last response sent. The clock does not run while a request is being answered:
/// a write that waits its turn behind others keeps its connection.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let busyBody = """
        {"type":"https://pacta.invalid/problems/too-many-connections","title":"Too many connections","status":503,"detail":"The server has as many connections open as it takes; try again in a moment."}
        """

    private let count: ConnectionCount
    private let limits: ConnectionLimits
    private var counted = false
    private var refused = false
    private var timer: Scheduled<Void>?

    init(count: ConnectionCount, limits: ConnectionLimits) {
        self.count = count
        self.limits = limits
    }

    private var started = false

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    /// Counts the connection, or refuses it; then waits for the first request's headers.
    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        guard count.enter(maximum: limits.maximumConnections) else {
            refused = true
            refuse(context)
            return
        }
        counted = true
        arm(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        if counted {
            counted = false
            count.leave()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        if counted {
            counted = false
            count.leave()
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        if case .head = unwrapInboundIn(data) { timer?.cancel() }
        context.fireChannelRead(data)
    }

    /// The response's end starts the wait for the next request's headers.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !refused, case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    /// Closes the connection unless a request's headers arrive within the header timeout.
    private func arm(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        let nanoseconds =
            limits.headerTimeout.components.seconds * 1_000_000_000
            + limits.headerTimeout.components.attoseconds / 1_000_000_000
        timer = context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { channel.close(promise: nil) }
    }

    private func refuse(_ context: ChannelHandlerContext) {
        var head = HTTPResponse(status: .serviceUnavailable)
        head.headerFields[.contentType] = "application/problem+json"
        head.headerFields[.contentLength] = "\(Self.busyBody.utf8.count)"
        head.headerFields[.connection] = "close"
        head.headerFields[.retryAfter] = "1"
        for (name, value) in SecurityHeadersMiddleware.fields { head.headerFields[name] = value }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: Self.busyBody))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
