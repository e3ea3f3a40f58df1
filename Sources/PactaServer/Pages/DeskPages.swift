import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
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
                var response = try pages.html(
                    current.displayTitle,
                    pages.treatyPage(current, on: on)
                        + section(current, session: session, user: user, refused: problem, given: form))
                response.status = problem.status
                return response
            }
        }
    }

    /// The desk's part of a treaty page: the form for a signed-in clerk, else a link to sign in.
    func section(
        _ treaty: Treaty, session: DeskSession?, user: User?, recorded: String? = nil, refused: Problem? = nil,
        given: [String: String] = [:]
    ) -> String {
        typealias E = HTML
        guard let session, let user else {
            return
                "<h2 id=\"desk\">Record an act</h2><p><a href=\"/login?next=/treaties/\(E.escape(treaty.id))\">Sign in</a> with a clerk's token to record a signature, a ratification or another act.</p>"
        }
        var out = "<h2 id=\"desk\">Record an act</h2>"
        out +=
            "<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"\(E.escape(session.csrf))\"><p>Signed in as <strong>\(E.escape(user.name))</strong> (\(user.role.rawValue)). <button>Sign out</button></p></form>"
        if let recorded {
            out +=
                "<p class=\"notice\" id=\"recorded\">Recorded: \(E.escape(recorded)). The status above includes it.</p>"
        }
        if let refused {
            let reasons = refused.errors?.map(\.message) ?? [refused.detail]
            out +=
                "<div class=\"refused\" id=\"refused\"><p><strong>Not recorded.</strong></p><ul>"
                + reasons.map { "<li>\(E.escape($0))</li>" }.joined() + "</ul></div>"
        }
        func value(_ key: String) -> String { E.escape(given[key] ?? "") }
        func options(_ name: String, _ values: [String], empty: Bool) -> String {
            (empty ? "<option value=\"\">–</option>" : "")
                + values.map {
                    "<option value=\"\($0)\"\(given[name] == $0 ? " selected" : "")>\($0)</option>"
                }.joined()
        }
        let types = Event.typeNames.filter { $0 != "correction" }
        out += """
            <form method="post" action="/treaties/\(E.escape(treaty.id))/events" id="record" class="desk">
            <input type="hidden" name="csrf" value="\(E.escape(session.csrf))">
            <label>Act<select name="type">\(options("type", types, empty: false))</select></label>
            <label>Date (YYYY-MM-DD)<input name="date" value="\(value("date"))" placeholder="2026-04-02" pattern="[0-9]{4}(-[0-9]{2}){0,2}" required></label>
            <label>State (code)<input name="party" value="\(value("party"))" placeholder="THA" size="8"></label>
            <label>Form of consent<select name="form">\(options("form", Event.ConsentForm.recordable.map(\.rawValue), empty: true))</select></label>
            <label>Both parties (exchange)<input name="parties" value="\(value("parties"))" placeholder="THA,VNM" size="10"></label>
            <label>Place<input name="place" value="\(value("place"))"></label>
            <label>Reservation (objection, withdrawal)<input name="to" value="\(value("to"))" placeholder="event id"></label>
            <label>Articles<input name="articles" value="\(value("articles"))" placeholder="2,5"></label>
            <label>Summary<input name="summary" value="\(value("summary"))"></label>
            <label>Source key<input name="source" value="\(value("source"))" placeholder="\(E.escape(treaty.sources.keys.sorted().first ?? ""))"></label>
            <label>Note<input name="note" value="\(value("note"))"></label>
            <button>Record</button>
            </form>
            <p class="muted">The act is checked against the treaty as it stands and appended to its file, with your name and today's date. Fields an act does not take are refused; leave them empty. Each field is described in docs/treaty-format.md, section Events.</p>
            """
        return out
    }

    /// A `next` that stays on this site: a path, never another host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 300 else {
            return "/"
        }
        return next
    }

    static func loginForm(next: String, error: String?) -> String {
        """
        <h1>Sign in</h1>
        \(error.map { "<p class=\"refused\" id=\"refused\">\(HTML.escape($0))</p>" } ?? "")
        <p>Paste the token an admin gave you ('pacta user add NAME --role clerk'). It is checked, never stored in the page or the cookie; the sign-in lasts 8 hours.</p>
        <form method="post" action="/login"><input type="hidden" name="next" value="\(HTML.escape(next))">
        <label>Token<input type="password" name="token" autocomplete="off" size="50" required></label><button>Sign in</button></form>
        """
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
