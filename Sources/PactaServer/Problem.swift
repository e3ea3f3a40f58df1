import Foundation
import HTTPTypes
import Hummingbird
import PactaFormats

/// An error answered as `application/problem+json` (RFC 9457): a type, a title, the status, and a detail a
/// person can act on. Never a stack trace.
public struct Problem: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    /// A short slug: `unknown-treaty`, `bad-date`, `bad-parameter`, `not-found`.
    public var kind: String
    /// For a refused write (`422`): each reason, with the section of the format reference that applies.
    public var errors: [Reason]? = nil

    /// One reason a write was refused.
    public struct Reason: Encodable, Sendable, Equatable {
        public var message: String
        /// The section of `docs/treaty-format.md` (`consent`, `denunciation` ...).
        public var section: String
    }

    public init(_ status: HTTPResponse.Status, kind: String, title: String, detail: String, errors: [Reason]? = nil) {
        self.errors = errors
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
    }

    struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String
        let errors: [Reason]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "https://pacta.invalid/problems/\(kind)", title: title, status: status.code, detail: detail,
            instance: request.uri.path, errors: errors)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .methodNotAllowed {
            headers[.allow] = Self.allowed(request.uri.path).map(\.rawValue).joined(separator: ", ")
        }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"pacta\"" }
        // The shared record's database is unreachable: the server reconnects by itself; ask again in a second.
        if kind == "database-unavailable" { headers[.retryAfter] = "1" }
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try JSONOutput.string(body))))
    }

    /// The methods a path answers, for a `405`'s `Allow` header (RFC 9110 §15.5.6): `POST` alone on the write
    /// routes that have no page or resource to read (`/api/v1/treaties/{id}/events`, `/treaties/{id}/events`,
    /// `/logout`), `GET`, `HEAD` and `POST` on `/api/v1/treaties` and `/login`, `GET` and `HEAD` elsewhere (every
    /// other path Pacta answers is read-only).
    static func allowed(_ path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let postOnly =
            (parts.count == 5 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "treaties"
                && parts[4] == "events")
            || (parts.count == 3 && parts[0] == "treaties" && parts[2] == "events") || parts == ["logout"]
        if postOnly { return [.post] }
        if parts == ["api", "v1", "treaties"] || parts == ["login"] { return [.get, .head, .post] }
        return [.get, .head]
    }

    static func unknownTreaty(_ id: String, suggestions: [String]) -> Problem {
        Problem(
            .notFound, kind: "unknown-treaty", title: "Unknown treaty",
            detail: "No treaty '\(id)' in the corpus."
                + (suggestions.isEmpty ? "" : " Did you mean: \(suggestions.joined(separator: ", "))?"))
    }

    static func badDate(_ name: String, _ value: String) -> Problem {
        Problem(
            .badRequest, kind: "bad-date", title: "Malformed date",
            detail:
                "The parameter '\(name)' must be an existing date YYYY-MM-DD from 0001-01-01 to 9999-12-31; got '\(value)'."
        )
    }

    static func badParameter(_ detail: String) -> Problem {
        Problem(.badRequest, kind: "bad-parameter", title: "Bad parameter", detail: detail)
    }
}
