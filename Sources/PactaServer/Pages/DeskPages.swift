import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import Mustache
import PactaCore
import PactaDesk
import PactaQuestions

/// The clerk's pages: sign in with a token (a session cookie follows, `HttpOnly`, `SameSite=Strict`), record an
/// act with the form on a treaty's page, sign out. Every form carries the session's CSRF token, and a form
/// without it is refused (`403`). Writes go through the same path as the API (``AppState/record(_:in:by:version:)``).
struct DeskPages: Sendable {
    let state: AppState
    let pages: PageRoutes

    /// How long a sign-in lasts.
    static let sessionLength: Duration = .seconds(8 * 3_600)

    func register(on router: Router<PactaRequestContext>) {
        router.getAndHead("login") { request, _ in
            let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
            return try pages.html("Sign in", Self.loginForm(next: next, error: nil))
        }
        router.post("login") { request, context in
            // A sign-in posted from another site's page would sign the browser in as the token's user (login CSRF):
            // the page the browser names as the form's origin must be this server.
            guard Self.postedFromThisSite(request) else {
                state.audit.notice("sign-in refused", metadata: ["outcome": "403", "reason": "cross-site"])
                throw Problem(
                    .forbidden, kind: "csrf", title: "Form refused",
                    detail:
                        "This sign-in form was sent from another site's page; open /login on this server to sign in.")
            }
            let form = try await Self.form(request)
            let next = Self.safeNext(form["next"])
            guard let users = state.users, let user = try? await users.user(forToken: form["token"] ?? "") else {
                state.audit.notice("sign-in refused", metadata: ["outcome": "401"])
                var response = try pages.html(
                    "Sign in", Self.loginForm(next: next, error: "This token is not valid, or it was revoked."))
                response.status = .unauthorized
                return response
            }
            context.sessions.createSession(
                DeskSession(user: user.name, role: user.role, csrf: Self.newToken()), expiresIn: Self.sessionLength)
            state.audit.info("signed in", metadata: ["user": "\(user.name)", "outcome": "303"])
            return Self.redirect(next)
        }
        router.post("logout") { request, context in
            let form = try await Self.form(request)
            guard let session = context.sessions.session, form["csrf"] == session.csrf else {
                throw Problem(
                    .forbidden, kind: "csrf", title: "Form refused",
                    detail: "This form did not come from your signed-in page; reload the page and try again.")
            }
            context.sessions.clearSession()
            return Self.redirect("/")
        }
        router.post("treaties/:id/events") { request, context in
            let treaty = try pages.api.treaty(context.parameters.require("id"))
            let form = try await Self.form(request)
            guard let user = context.identity, let session = context.sessions.session else {
                return Self.redirect("/login?next=/treaties/\(treaty.id)")
            }
            guard form["csrf"] == session.csrf else {
                state.audit.notice(
                    "write refused",
                    metadata: ["user": "\(user.name)", "treaty": "\(treaty.id)", "outcome": "403", "reason": "csrf"])
                throw Problem(
                    .forbidden, kind: "csrf", title: "Form refused",
                    detail: "This form did not come from your signed-in page; reload the page and record the act again."
                )
            }
            var object: [String: JSONValue] = [:]
            for (key, value) in form where !["csrf"].contains(key) {
                let text = value.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                object[key] =
                    ["parties", "articles"].contains(key)
                    ? .list(text.split(separator: ",").map { .text($0.trimmingCharacters(in: .whitespaces)) })
                    : .text(text)
            }
            do {
                let recording = try await state.record(object, in: treaty.id, by: user, version: nil)
                return Self.redirect("/treaties/\(treaty.id)?recorded=\(recording.event.id)#desk")
            } catch let problem as Problem {
                let on = state.today()
                let current = state.questions.corpus[treaty.id] ?? treaty
                let desk = try section(current, session: session, user: user, refused: problem, given: form)
                var response = try pages.html(current.displayTitle, pages.treatyPage(current, on: on, desk: desk))
                response.status = problem.status
                return response
            }
        }
    }

    /// `desk.mustache`: the desk's part of a treaty page, as text.
    struct View {
        /// An option of a select, and whether the form last sent chose it.
        struct Option {
            let value: String
            let selected: Bool
        }

        let id: String
        let signedIn: Bool
        let csrf: String
        let user: String
        let role: String
        let recorded: String?
        let hasReasons: Bool
        let reasons: [String]
        let types: [Option]
        let forms: [Option]
        /// The fields as the form last sent them (after a refusal), by name.
        let given: [String: String]
        let sourceHint: String
        /// Examples for the State fields, from the treaty's own negotiating States (`FRA`; `FRA,DEU`).
        let partyHint: String
        let partiesHint: String
    }

    /// The desk's part of a treaty page: the form for a signed-in clerk, else a link to sign in.
    /// - Throws: ``Problem`` `500` where the templates did not load.
    func section(
        _ treaty: Treaty, session: DeskSession?, user: User?, recorded: String? = nil, refused: Problem? = nil,
        given: [String: String] = [:]
    ) throws -> String {
        let signedIn = session != nil && user != nil
        let reasons = refused.map { $0.errors?.map(\.message) ?? [$0.detail] } ?? []
        func options(_ name: String, _ values: [String]) -> [View.Option] {
            values.map { View.Option(value: $0, selected: given[name] == $0) }
        }
        let view = View(
            id: treaty.id, signedIn: signedIn, csrf: session?.csrf ?? "", user: user?.name ?? "",
            role: user?.role.rawValue ?? "", recorded: signedIn ? recorded : nil, hasReasons: refused != nil,
            reasons: reasons, types: options("type", Event.typeNames.filter { $0 != "correction" }),
            forms: options("form", Event.ConsentForm.recordable.map(\.rawValue)), given: given,
            sourceHint: treaty.sources.keys.sorted().first ?? "",
            partyHint: treaty.negotiatingStates.first?.rawValue ?? "FRA",
            partiesHint: (treaty.negotiatingStates.count >= 2
                ? treaty.negotiatingStates.prefix(2).map(\.rawValue) : ["FRA", "DEU"]).joined(separator: ","))
        return try PageTemplates.render(view, "desk")
    }

    /// Whether a form's POST came from a page of this server, as the browser says. Its `Sec-Fetch-Site` header,
    /// where sent (current browsers send it), must be `same-origin` (or `none`, a request the user made). Else its
    /// `Origin`, where it names one, must name the host the request was sent to (`Host`, HTTP/2's authority, or a
    /// reverse proxy's `X-Forwarded-Host`); the pages' `Referrer-Policy: no-referrer` makes a browser send
    /// `Origin: null`, which names none. A client that sends neither (a script, `curl`) is not a browser led there
    /// by another site, and passes. (The Fetch standard's fetch-metadata and origin headers; OWASP's CSRF advice.)
    static func postedFromThisSite(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased() {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[HTTPField.Name("Origin")!], origin != "null" else { return true }
        guard let components = URLComponents(string: origin), let host = components.host else { return false }
        let named = (components.port.map { "\(host):\($0)" } ?? host).lowercased()
        // Behind a reverse proxy that sends its own Host, the host the browser asked for is the forwarded one.
        let hosts = [
            request.head.authority, request.headers[HTTPField.Name("Host")!],
            request.headers[HTTPField.Name("X-Forwarded-Host")!],
        ].compactMap { $0?.lowercased() }
        return hosts.contains(named)
    }

    /// A `next` that stays on this site: a path, never another host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 300 else {
            return "/"
        }
        return next
    }

    /// `login.mustache`: where to go after signing in, and why the last try was refused.
    struct Login {
        let next: String
        let error: String?
    }

    /// The sign-in page's body.
    /// - Throws: ``Problem`` `500` where the templates did not load.
    static func loginForm(next: String, error: String?) throws -> String {
        try PageTemplates.render(Login(next: next, error: error), "login")
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// 32 random bytes from the system's generator, as hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next(), radix: 16) }.joined(separator: "-")
    }

    /// An `application/x-www-form-urlencoded` body (at most 16 KiB) as keys and values.
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 16_384)
        } catch {
            throw Problem(
                .contentTooLarge, kind: "too-large", title: "Form too large", detail: "A form takes at most 16 KiB.")
        }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let key = parts.first else { continue }
            fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

// MARK: - Read by name

// The templates read a view by name through `child(named:)`, never by reflection (see PageViews.swift).

extension DeskPages.View: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "signedIn": self.signedIn
        case "csrf": self.csrf
        case "user": self.user
        case "role": self.role
        case "recorded": self.recorded
        case "hasReasons": self.hasReasons
        case "reasons": self.reasons
        case "types": self.types
        case "forms": self.forms
        case "given": self.given
        case "sourceHint": self.sourceHint
        case "partyHint": self.partyHint
        case "partiesHint": self.partiesHint
        default: nil
        }
    }
}

extension DeskPages.View.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "selected": self.selected
        default: nil
        }
    }
}

extension DeskPages.Login: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "next": self.next
        case "error": self.error
        default: nil
        }
    }
}
