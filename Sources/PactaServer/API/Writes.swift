import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import PactaStore

/// The request context of every route: the signed-in user where a bearer token or a session gives one
/// (hummingbird-auth), and the session of the pages' forms.
public struct PactaRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The user a bearer token or the session names.
    public var identity: User?
    /// The pages' session: who signed in, and the token that the forms must send back (CSRF).
    public let sessions: SessionContext<DeskSession>

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
    }
}

/// What the server keeps for a signed-in clerk of the pages: the user, and the form token.
public struct DeskSession: Codable, Sendable {
    public var user: String
    public var role: Role
    /// Sent back by every form; a form without it is refused (cross-site request forgery).
    public var csrf: String
}

/// Reads the authentication scheme of `Authorization` without regard to case, as HTTP says (RFC 9110 §11.1):
/// `bearer TOKEN` is written `Bearer TOKEN` before the user is looked up (the token itself is left as it is).
struct BearerSchemeMiddleware: RouterMiddleware {
    typealias Context = PactaRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let value = request.headers[.authorization], value.utf8.count > 7, !value.hasPrefix("Bearer "),
            value.prefix(7).lowercased() == "bearer "
        else { return try await next(request, context) }
        var head = request.head
        head.headerFields[.authorization] = "Bearer " + value.dropFirst(7)
        return try await next(Request(head: head, body: request.body), context)
    }
}

/// Finds the user of a request: `Authorization: Bearer TOKEN` (the API), else the session (the pages). A token
/// that is unknown or revoked gives no user; the routes that need one answer `401`.
struct DeskAuthenticator: AuthenticatorMiddleware {
    typealias Context = PactaRequestContext
    let users: (any UserDirectory)?

    func authenticate(request: Request, context: Context) async throws -> User? {
        guard let users else { return nil }
        if let bearer = request.headers.bearer {
            do {
                return try await users.user(forToken: bearer.token)
            } catch DeskError.unavailable(let message) {
                // The users are in a database that cannot be reached now: not a bad token.
                throw AppState.problem(.unavailable(message), id: "")
            } catch {
                return nil
            }
        }
        guard let session = context.sessions.session else { return nil }
        // A session ends when its user is revoked.
        return (try? await users.list())?.first { $0.name == session.user }
    }
}

/// What `POST /api/v1/treaties` answers.
struct CreatedDocument: Encodable, Hashable, Sendable {
    let id: String
    let file: String
    let version: String
}

extension AppState {
    /// Records the act `object` (the spec's keys) in treaty `id` as `user`: on the treaty's write queue, under its
    /// file lock; the index is refreshed for the file, and the questions' snapshot replaced, before the lock is
    /// released. Every outcome is logged in ``audit``.
    /// - Throws: ``Problem``: `404` unknown treaty, `422` refused (with each reason), `409` conflict, `500`.
    func record(_ object: [String: JSONValue], in id: String, by user: User, version: String?) async throws -> Recording
    {
        var metadata: Logger.Metadata = [
            "user": "\(user.name)", "treaty": "\(id)", "type": "\(object["type"]?.text ?? "?")",
        ]
        let today = self.today()
        let (fields, source) = try Self.fields(object, today: today)
        let (live, steps) = (live, writeSteps)
        // Writes of one treaty that arrive while it is being written wait, and are then recorded together: each
        // checked against the treaty as the ones before it left it, the file replaced and flushed once, the index
        // refreshed once (group commit).
        let request = Desk.Request(fields: fields, source: source, user: user.name, version: version)
        let result: Result<Recording, DeskError>
        if let shared = record {
            // The shared record: one transaction per batch, under the treaty's row lock, committed before any
            // answer; the snapshot takes the treaty as committed.
            let state = self
            result = await batches.submit(request, to: id) { requests, _ in
                let results = Self.waiting(on: steps) {
                    await shared.record(requests, in: id, corpus: live.current.corpus, today: today)
                }
                if let last = results.lazy.compactMap({ try? $0.get() }).last { state.replace(last.read) }
                return results
            }
        } else {
            result = await recordInFile(request, in: id, today: today)
        }
        switch result {
        case .success(let recording):
            metadata["event"] = "\(recording.event.id)"
            metadata["outcome"] = "201"
            audit.info("write accepted", metadata: metadata)
            return recording
        case .failure(let error):
            throw refused(error, id: id, metadata: metadata)
        }
    }

    /// Records `request` in the treaty's file, on the treaty's write queue, under its file lock.
    private func recordInFile(_ request: Desk.Request, in id: String, today: CalendarDate) async -> Result<
        Recording, DeskError
    > {
        guard let desk else {
            return .failure(.unavailable("Writes are not enabled: this server was started without a corpus folder."))
        }
        let (live, steps) = (live, writeSteps)
        return await batches.submit(
            request, to: id,
            hold: {
                do throws(DeskError) {
                    return try desk.attemptLock(id).map { .held($0) } ?? .busy
                } catch {
                    return .failed(error)
                }
            }
        ) { requests, held in
            // `hold` gave the lock: the batch was taken once it was held.
            guard let lock = held else {
                return requests.map { _ in .failure(.failed("the treaty's lock was not held")) }
            }
            defer { lock.unlock() }
            // The desk's work, most of a write's, on this queue's thread (not one that runs requests, where it
            // would wait its turn behind them); only the index's refresh is awaited.
            let questions = live.current
            let results = desk.record(requests, in: id, holding: lock, corpus: questions.corpus, today: today)
            let recorded = Self.waiting(on: steps) { await questions.indexing(results) }
            if let treaty = recorded.treaty { live.update { $0.replacing(treaty) } }
            guard let failure = recorded.indexFailure else { return recorded.results }
            let failed = DeskError.failed("recorded in the file, but the index was not refreshed: \(failure)")
            return recorded.results.map { $0.flatMap { _ in .failure(failed) } }
        }
    }

    /// Creates a treaty file from `object` (`id`, `kind`, `title`, `parties`, `adopted`, `place`,
    /// `entry-into-force`, `delay`), as `pacta new` does.
    func create(_ object: [String: JSONValue], by user: User) async throws -> CreatedDocument {
        guard desk != nil || record != nil else {
            throw Problem(.serviceUnavailable, kind: "writes-disabled", title: "Writes are not enabled", detail: "")
        }
        func text(_ key: String) -> String? { object[key]?.text }
        var metadata: Logger.Metadata = [
            "user": "\(user.name)", "treaty": "\(text("id") ?? "?")", "type": "new-treaty",
        ]
        func refuse(_ message: String) -> Problem {
            metadata["outcome"] = "422"
            metadata["reason"] = "\(message)"
            audit.notice("write refused", metadata: metadata)
            return Problem(
                .unprocessableContent, kind: "refused", title: "Not created", detail: message,
                errors: [Problem.Reason(message: message, section: "identity-and-metadata")])
        }
        let known = Set(["id", "kind", "title", "parties", "adopted", "place", "entry-into-force", "delay"])
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw refuse(
                "'\(unknown)' is not a key of a new treaty; the keys are \(known.sorted().joined(separator: ", ")).")
        }
        guard let id = text("id"), let kindText = text("kind"), let kind = Treaty.Kind(rawValue: kindText),
            let title = text("title"), case .list(let items)? = object["parties"]
        else {
            throw refuse(
                "A new treaty needs id, kind (bilateral or multilateral), title and parties (a list of codes).")
        }
        var adopted = today()
        if let given = text("adopted") {
            guard let date = CalendarDate(iso: given) else {
                throw refuse("adopted: '\(given)' is not a date YYYY-MM-DD.")
            }
            adopted = date
        }
        var rule: NewTreaty.EntryIntoForce?
        if let given = text("entry-into-force") {
            guard let parsed = NewTreaty.EntryIntoForce(given) else {
                throw refuse("entry-into-force: '\(given)' is not exchange, last-notification or consents:N.")
            }
            rule = parsed
        }
        var delay: NewTreaty.Delay?
        if let given = text("delay") {
            guard let parsed = NewTreaty.Delay(given) else { throw refuse("delay: '\(given)' is not 30d, 3m or 1y.") }
            delay = parsed
        }
        let new = NewTreaty(
            id: id, kind: kind, title: title,
            parties: items.compactMap(\.text).map { PartyCode(parsing: $0) },
            adopted: adopted, place: text("place"), entryIntoForce: rule, delay: delay)
        if adopted > today(), let fault = new.faults(today: today()).last { throw refuse(fault) }
        let (live, steps) = (live, writeSteps)
        let (desk, shared) = (desk, record)
        let result: Result<Desk.Created, DeskError> = try await batches.run(id) {
            Self.waiting(on: steps) {
                do throws(DeskError) {
                    if let clash = live.current.nameClash(new.id) { throw clash }
                    if let shared {
                        let created = try await shared.create(new)
                        live.update { $0.replacing(created.treaty) }
                        return .success(created)
                    }
                    guard let desk else { return .failure(.unavailable("Writes are not enabled.")) }
                    let (created, _) = try await live.current.create(new, desk: desk)
                    live.update { $0.replacing(created.treaty) }
                    return .success(created)
                } catch {
                    return .failure(error)
                }
            }
        }
        switch result {
        case .success(let created):
            metadata["outcome"] = "201"
            audit.info("write accepted", metadata: metadata)
            return CreatedDocument(id: id, file: created.file, version: created.version)
        case .failure(let error):
            throw refused(error, id: id, metadata: metadata)
        }
    }

    /// Logs a refused write and gives the problem to answer.
    func refused(_ error: DeskError, id: String, metadata: Logger.Metadata) -> Problem {
        let problem = Self.problem(error, id: id)
        var metadata = metadata
        metadata["outcome"] = "\(problem.status.code)"
        metadata["reason"] = "\(error.description)"
        audit.notice("write refused", metadata: metadata)
        return problem
    }

    /// The result of `work`, waited for on a write queue's thread. `work` runs on ``WriteSteps``, not on Swift's
    /// pool: the pool's threads run requests (and may compute a long answer), so that a write's last step
    /// would otherwise wait its turn behind them, and because this thread waits, never on a thread it waits for.
    /// - Parameter steps: where `work` runs: the server's ``AppState/writeSteps`` for a write, its
    ///   ``AppState/rereadSteps`` for a file read again.
    static func waiting<T: Sendable>(
        on steps: WriteSteps, _ work: @escaping @Sendable () async -> T
    ) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Box<T>()
        Task(executorPreference: steps) {
            result.value = await work()
            done.signal()
        }
        done.wait()
        return result.value!
    }

    /// A desk error as the API answers it.
    static func problem(_ error: DeskError, id: String) -> Problem {
        switch error {
        case .refused(let faults):
            return Problem(
                .unprocessableContent, kind: "refused", title: "Not recorded",
                detail: faults.map(\.message).joined(separator: " "),
                errors: faults.map { Problem.Reason(message: $0.message, section: $0.section) })
        case .conflict(let message):
            return Problem(.conflict, kind: "conflict", title: "Conflict", detail: message)
        case .notFound(let message):
            return Problem(.notFound, kind: "unknown-treaty", title: "Unknown treaty", detail: message)
        case .failed(let message):
            return Problem(.internalServerError, kind: "write-failed", title: "Not recorded", detail: message)
        case .unavailable(let message):
            return Problem(
                .serviceUnavailable, kind: "database-unavailable", title: "Not recorded, try again", detail: message)
        }
    }

    /// The event's fields from a JSON object, in the spec's order (id, date, type, the type's own fields, then
    /// the rest, which the reader refuses by name); `source-title` and `source-url` add a source.
    static func fields(_ object: [String: JSONValue], today: CalendarDate) throws -> ([Field], NewSource?) {
        for key in ["recorded", "recorded-by"] where object[key] != nil {
            throw Problem(
                .unprocessableContent, kind: "refused", title: "Not recorded",
                detail: "'\(key)' is set by the server (the day it records the act, and who sent it); leave it out.",
                errors: [Problem.Reason(message: "'\(key)' is set by the server.", section: "events")])
        }
        let type = object["type"]?.text ?? ""
        var object = object
        // A correction is dated the day it is made, unless the body says otherwise (as on the command line).
        if type == "correction", object["date"] == nil { object["date"] = .text(today.description) }
        let order =
            ["id", "date", "type"] + (TreatyFileReader.eventFields(ofType: type) ?? []) + ["source", "note"]
        let extra = object.keys.filter { !order.contains($0) && $0 != "source-title" && $0 != "source-url" }.sorted()
        var fields: [Field] = []
        for key in order + extra {
            guard let field = object[key]?.field else { continue }
            fields.append(Field(key, field))
        }
        var source: NewSource?
        if let key = object["source"]?.text, let title = object["source-title"]?.text {
            source = NewSource(key: key, title: title, url: object["source-url"]?.text)
        }
        return (fields, source)
    }
}

/// A JSON value of a request body, as JSON has it (a boolean is not a number).
enum JSONValue: Decodable, Hashable, Sendable {
    case text(String)
    case number(String)
    case bool(Bool)
    case list([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .number(String(int))
        } else if let double = try? container.decode(Double.self) {
            self = .number(String(double))
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A string's text, else `nil`.
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The value to write into the file; `nil` for null.
    var field: FieldValue? {
        switch self {
        case .text(let text), .number(let text): .scalar(text)
        case .bool(let bool): .scalar(bool ? "true" : "false")
        case .list(let items): .list(items.compactMap(\.field))
        case .object(let map): .mapping(map.keys.sorted().compactMap { key in map[key]!.field.map { Field(key, $0) } })
        case .null: nil
        }
    }
}

/// A value carried out of a task to the thread waiting for it (set once, before the semaphore is signalled).
private final class Box<T>: @unchecked Sendable {
    var value: T?
}

/// The body of a write (``openapi.yaml``'s `NewTreaty` and `EventRecord`) as a JSON object, read by Pacta's own
/// rules (``AppState/record(_:in:by:version:)``, ``AppState/create(_:by:)``), which name each refusal.
/// - Throws: on decoding, a `DecodingError` where the body is not a JSON object (``WriteGate`` answers that with
///   `400` before it gets here).
struct WriteBody: Decodable, Hashable, Sendable {
    let object: [String: JSONValue]

    init(from decoder: any Decoder) throws {
        object = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }
}
