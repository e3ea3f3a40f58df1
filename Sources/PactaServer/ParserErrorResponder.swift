import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser cannot read (a space or a control byte in the URL, a request line or
/// headers over the limits) with `400` problem+json and the security headers, then closes the connection
/// (its output at once, the whole of it once the client closes or after a second), instead of the empty `400`
/// the server would otherwise send.
///
/// Sits in the channel pipeline after the HTTP/1 codec; every other part and error passes through.
final class ParserErrorResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The problem+json body of the answer.
    static let body = """
        {"type":"https://pacta.invalid/problems/bad-request","title":"Bad request","status":400,"detail":"The request could not be read as HTTP/1.1: check the request line (no spaces or control characters in the path; percent-encode them) and the size of the headers."}
        """

    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        var head = HTTPResponse(status: .badRequest)
        head.headerFields[.contentType] = "application/problem+json"
        head.headerFields[.contentLength] = "\(Self.body.utf8.count)"
        head.headerFields[.connection] = "close"
        for (name, value) in SecurityHeadersMiddleware.fields { head.headerFields[name] = value }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: Self.body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            // The answer is followed by the end of the output only: closing the socket while the rest of the
            // request is unread would send a reset, which can reach the client before it reads the answer (and
            // discard it). The input is read and dropped until the client closes, at most one second.
            let halfClosed = channel.eventLoop.makePromise(of: Void.self)
            halfClosed.futureResult.whenFailure { _ in channel.close(promise: nil) }
            channel.close(mode: .output, promise: halfClosed)
            channel.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
        }
    }
}
