import Foundation
import Yams
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import PactaDesk

/// The door of the two write operations (`POST /api/v1/treaties/{id}/events`, clerk; `POST /api/v1/treaties`,
/// admin), before the generated code reads the request: the bearer token and the role (`401`, `403`, `503` on a
/// read-only server), then a body sent as JSON (`415` for another `Content-Type`) of at most ``maximumBody`` bytes
/// (`413`) that is one JSON object (`400`). Each
/// refusal is logged in the audit log; an accepted request goes on with its user in ``user``.
struct WriteGate: RouterMiddleware {
    typealias Context = PactaRequestContext
    let state: AppState

    /// The largest request body a write accepts (64 KiB): one event or one new treaty.
    static let maximumBody = 65_536

    /// The user of the write being handled (set for the handler's task only).
    @TaskLocal static var user: User?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, let write = Self.write(at: request.uri.path) else {
            return try await next(request, context)
        }
        let user = try authorise(request, context, needs: write.role, what: write.what, treaty: write.treaty)
        if let type = request.headers[.contentType], !Self.isJSON(type) {
            refuse(request, user: user, outcome: "415", reason: "Content-Type \(type)")
            throw Problem(
                .unsupportedMediaType, kind: "unsupported-media-type", title: "The body is not JSON",
                detail:
                    "A write's body is one JSON object, sent with 'Content-Type: application/json'; this request said '\(type)'."
            )
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: Self.maximumBody)
        } catch {
            refuse(request, user: user, outcome: "413", reason: nil)
            throw Problem(
                .contentTooLarge, kind: "too-large", title: "Body too large",
                detail: "A write takes one event or one treaty, at most \(Self.maximumBody) bytes of JSON.")
        }
        let data = Data(buffer.readableBytesView)
        guard (try? JSONDecoder().decode([String: JSONValue].self, from: data)) != nil else {
            // Where the text is not JSON at all, the parser's words say where (JSONDecoder's do not).
            var syntax: String?
            do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
                syntax = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "not JSON"
            }
            refuse(request, user: user, outcome: "400", reason: syntax.map { "not JSON: \($0)" } ?? "not a JSON object")
            guard let syntax else { throw Self.notAnObject }
            throw Problem(
                .badRequest, kind: "bad-json", title: "Not valid JSON",
                detail:
                    "The body is not valid JSON (\(syntax.trimmingCharacters(in: CharacterSet(charactersIn: ".")))). \(Self.notAnObject.detail)"
            )
        }
        if let twice = Self.duplicatedKeys(in: buffer) {
            refuse(request, user: user, outcome: "400", reason: "duplicated keys \(twice.joined(separator: ", "))")
            throw Problem(
                .badRequest, kind: "bad-json", title: "A key given twice",
                detail:
                    "The body gives \(twice.map { "'\($0)'" }.joined(separator: ", ")) more than once; give each key once (a JSON reader would silently keep one of the values)."
            )
        }
        return try await Self.$user.withValue(user) { try await next(request, context) }
    }

    /// Whether a `Content-Type` value names JSON: `application/json`, with or without parameters (`; charset=utf-8`),
    /// in any case (RFC 9110 §8.3.1).
    static func isJSON(_ type: String) -> Bool {
        let media = type.split(separator: ";", maxSplits: 1).first ?? ""
        return media.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    /// The keys a JSON body gives twice in one object, sorted, where it does: JSON readers keep one of the values
    /// without a word, so that `{"type": "signature", "type": "consent"}` would record an act the clerk may not
    /// have meant. The body is read as YAML (JSON is YAML's flow style), whose reader names duplicated keys; it is
    /// valid JSON already, so it holds no anchor or alias to expand.
    static func duplicatedKeys(in buffer: ByteBuffer) -> [String]? {
        do {
            // The encoding given: Yams would otherwise read the process's environment for it at each call.
            _ = try Yams.compose(
                yaml: String(decoding: buffer.readableBytesView, as: UTF8.self), .basic, .default, .utf8)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, _) {
            return duplicates.sorted()
        } catch {
            return nil
        }
        return nil
    }

    /// The write a POST to `path` is, if any: the role it needs, in words, and the treaty it names.
    static func write(at path: String) -> (role: Role, what: String, treaty: String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty, parts[1] == "api", parts[2] == "v1", parts[3] == "treaties" else {
            return nil
        }
        if parts.count == 4 { return (.admin, "create treaties", nil) }
        if parts.count == 6, parts[5] == "events" {
            return (.clerk, "record acts", parts[4].percentDecoded)
        }
        return nil
    }

    /// The signed-in user, where their role allows the write; else `401` (no or bad token) or `403`.
    func authorise(_ request: Request, _ context: Context, needs role: Role, what: String, treaty: String?)
        throws -> User
    {
        var metadata: Logger.Metadata = ["path": "\(request.uri.path)"]
        if let treaty { metadata["treaty"] = "\(treaty)" }
        guard state.writable else {
            state.audit.notice("write refused", metadata: metadata.merging(["outcome": "503"]) { $1 })
            throw Problem(
                .serviceUnavailable, kind: "writes-disabled", title: "Writes are not enabled",
                detail: "This server reads only: it was started without a corpus folder to write to.")
        }
        // The API takes bearer tokens only: a browser's session cookie is for the pages' forms, which carry a
        // CSRF token; accepted here, it would let another site on this host write with the clerk's session.
        guard request.headers.bearer != nil, let user = context.identity else {
            let given = request.headers[.authorization] != nil
            state.audit.notice(
                "write refused",
                metadata: metadata.merging(["outcome": "401", "reason": given ? "bad token" : "no token"]) { $1 })
            throw Problem(
                .unauthorized, kind: "unauthorized", title: "Sign-in needed",
                detail: given
                    ? "The bearer token is not valid or was revoked; ask an admin for a new one ('pacta user add')."
                    : "Writes need 'Authorization: Bearer TOKEN'; an admin issues tokens with 'pacta user add NAME --role clerk'."
            )
        }
        if role == .admin, user.role != .admin {
            state.audit.notice(
                "write refused",
                metadata: metadata.merging(["user": "\(user.name)", "outcome": "403", "reason": "role"]) { $1 })
            throw Problem(
                .forbidden, kind: "forbidden", title: "Not allowed",
                detail: "\(user.name) is a clerk: only an admin may \(what).")
        }
        return user
    }

    private func refuse(_ request: Request, user: User, outcome: String, reason: String?) {
        var metadata: Logger.Metadata = [
            "user": "\(user.name)", "path": "\(request.uri.path)", "outcome": "\(outcome)",
        ]
        if let reason { metadata["reason"] = "\(reason)" }
        state.audit.notice("write refused", metadata: metadata)
    }

    static let notAnObject = Problem(
        .badRequest, kind: "bad-json", title: "Not a JSON object",
        detail:
            "The body must be one JSON object with the spec's keys, e.g. {\"type\": \"consent\", \"form\": \"ratification\", \"party\": \"THA\", \"date\": \"2026-04-02\"}."
    )

    /// The user ``handle(_:context:next:)`` let through.
    /// - Throws: ``Problem`` `401` where no user is set (a handler called without the gate).
    static func signedIn() throws -> User {
        guard let user else {
            throw Problem(.unauthorized, kind: "unauthorized", title: "Sign-in needed", detail: "No signed-in user.")
        }
        return user
    }

    /// The version the client saw, from `If-Match: "VERSION"`; `nil` for none, or `*` (any version).
    /// - Throws: ``Problem`` `400` where the header is not a version this server gives (16 hexadecimal digits).
    static func ifMatch(_ value: String?) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        // `*`: any current version (RFC 9110 §13.1.1), as without the header: the treaty exists, or the write is 404.
        if trimmed == "*" { return nil }
        let bare = trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
        let version = bare.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard version.count == 16, version.allSatisfy(\.isHexDigit) else {
            throw Problem.badParameter(
                "If-Match: '\(value.prefix(40))' is not a version of a treaty file; send the ETag a previous write answered (16 hexadecimal digits, quoted)."
            )
        }
        return version
    }
}
