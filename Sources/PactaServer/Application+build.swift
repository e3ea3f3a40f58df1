import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import PactaCore
import PactaStore

/// Builds the Pacta web application: pages and the JSON API over one loaded corpus and any index back end. Both
/// `pacta serve` and the tests call it.
/// - Throws: where the corpus or the index cannot be read.
public func buildApplication(
    configuration: ServerConfiguration, index: any TreatyIndex, logger: Logger = Logger(label: "pacta.server"),
    onServerRunning: @escaping @Sendable () async -> Void = {}
) async throws -> some ApplicationProtocol {
    let state = try await AppState(configuration: configuration, index: index)
    // Files written by others while the server runs (`pacta record` in a shell) are read again as they change.
    let watch = FolderWatch(state: state)
    return buildApplication(
        state: state, host: configuration.host, port: configuration.port,
        requestDeadline: configuration.requestDeadline, idleTimeout: configuration.idleTimeout,
        limits: configuration.limits, logger: logger,
        onServerRunning: {
            if let watch, !watch.start() {
                logger.warning(
                    "the corpus folder cannot be watched: files written by other processes are seen after a restart")
            }
            await onServerRunning()
        })
}

/// Builds the application over an already loaded state (tests inject a corpus and an index).
/// - Parameters:
///   - requestDeadline: see ``ServerConfiguration/requestDeadline``.
///   - idleTimeout: see ``ServerConfiguration/idleTimeout``.
///   - limits: see ``ServerConfiguration/limits``.
public func buildApplication(
    state: AppState, host: String = "127.0.0.1", port: Int = 8080, requestDeadline: Duration = .seconds(10),
    idleTimeout: Duration = .seconds(30), limits: ConnectionLimits = ConnectionLimits(), logger: Logger,
    onServerRunning: @escaping @Sendable () async -> Void = {}
) -> some ApplicationProtocol {
    let count = ConnectionCount()
    return Application(
        router: buildRouter(state: state, requestDeadline: requestDeadline),
        // An idle connection is closed after `idleTimeout`; a request the HTTP parser cannot read is answered with
        // problem+json (``ParserErrorResponder``).
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionGuard(count: count, limits: limits), ParserErrorResponder(),
                ],
                idleTimeout: .nanoseconds(
                    idleTimeout.components.seconds * 1_000_000_000 + idleTimeout.components.attoseconds / 1_000_000_000)
            )
        ),
        configuration: .init(address: .hostname(host, port: port), serverName: "Pacta"),
        onServerRunning: { _ in await onServerRunning() },
        logger: logger)
}

/// The router: pages at `/`, the API under `/api/v1/`. Errors that are not a ``Problem`` become one; a request
/// past `requestDeadline` is answered `503` and its work cancelled.
public func buildRouter(state: AppState, requestDeadline: Duration = .seconds(10)) -> Router<PactaRequestContext> {
    let router = Router(context: PactaRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: DeadlineMiddleware(deadline: requestDeadline))
    // The clerks' sessions (the pages' form), then who the request is from: a bearer token or the session.
    router.add(
        middleware: SessionMiddleware(
            storage: MemoryPersistDriver(),
            configuration: .init(
                sessionCookieParameters: .init(name: "pacta_session", path: "/", secure: false, sameSite: .strict),
                defaultSessionExpiration: DeskPages.sessionLength)))
    router.add(middleware: BearerSchemeMiddleware())
    router.add(middleware: DeskAuthenticator(users: state.users))
    router.add(middleware: WriteGate(state: state))
    // The API: the operations of openapi.yaml, registered by the generated code (no route outside the document).
    do {
        try APIHandler(state: state).registerHandlers(
            on: GetAndHead(router), serverURL: try Servers.Server1.url(),
            configuration: Configuration(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
            middlewares: [PlainHeaderValues()])
    } catch {
        preconditionFailure("openapi.yaml's server URL /api/v1 is a valid path: \(error)")
    }
    // The pages' templates, read once; a server without them still answers the API, and its pages say why not.
    if case .failure(let problem) = PageTemplates.library {
        Logger(label: "pacta.pages").error("\(problem.detail)")
    }
    let pages = PageRoutes(state: state)
    pages.register(on: router)
    DeskPages(state: state, pages: pages).register(on: router)
    return router
}

/// Headers that keep a browser from running foreign scripts, framing the pages or guessing content types, on
/// every response (pages, API, errors); the answer to a HEAD request (``RouterMethods/getAndHead(_:use:)``,
/// ``GetAndHead``) loses its body.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = PactaRequestContext

    /// The pages carry their own styles and no script from elsewhere.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Every header it sets, with its value (``ParserErrorResponder`` sets them too).
    static let fields: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, contentSecurityPolicy), (.xContentTypeOptions, "nosniff"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"), (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let head = request.method == .head
        var response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = try problem.response(from: request, context: context)
        }
        for (name, value) in Self.fields { response.headers[name] = value }
        // A HEAD answer carries the headers a GET would, its Content-Length included (RFC 9110 §9.3.2), and no body.
        if head { response = response.createHeadResponse() }
        return response
    }
}

/// Turns any error into `application/problem+json`: a route that does not exist is a 404, anything unexpected
/// a 500 with a plain sentence and no internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = PactaRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = Self.problem(error, request: request, context: context)
            // Reads are GET; the writes are POST to a few routes: another method on a path that exists is 405, not
            // 404, with the methods the path answers (Problem.allowed).
            if problem.status == .notFound,
                !Problem.allowed(request.uri.path).contains(request.method)
            {
                problem = Problem(
                    .methodNotAllowed, kind: "method-not-allowed", title: "Method not allowed",
                    detail:
                        "\(request.uri.path) answers \(Problem.allowed(request.uri.path).map(\.rawValue).joined(separator: ", ")), not \(request.method). Pacta's pages and API are read with GET; writes are POST to /api/v1/treaties and /api/v1/treaties/{id}/events."
                )
            }
            // Pages answer a person with a page; the API answers a program with problem+json.
            guard !request.uri.path.hasPrefix("/api/") else { throw problem }
            // Without the templates (a binary moved without its resources), the problem itself is the answer.
            guard
                let page = try? HTML.page(
                    problem.title,
                    body: PageTemplates.render(ErrorView(title: problem.title, detail: problem.detail), "error"))
            else { throw problem }
            return HTML.response(page, status: problem.status)
        }
    }

    static func problem(_ error: any Error, request: Request, context: Context) -> Problem {
        if let problem = error as? Problem { return problem }
        // The generated API code wraps what the handler threw, and says which parameter it could not read.
        if let error = error as? ServerError {
            return Parameters.problem(error) ?? problem(error.underlyingError, request: request, context: context)
        }
        if let error = error as? HTTPError {
            let title = error.status == .notFound ? "Not found" : error.status.reasonPhrase
            let detail =
                error.status == .notFound
                ? "No page or API route at \(request.uri.path). The API is described at /api/v1/openapi.json."
                : (error.body ?? title)
            return Problem(
                error.status, kind: error.status == .notFound ? "not-found" : "http-error", title: title, detail: detail
            )
        }
        context.logger.error("request failed", metadata: ["http.path": "\(request.uri.path)", "error": "\(error)"])
        return Problem(
            .internalServerError, kind: "internal", title: "Internal error",
            detail: "The server could not answer this request.")
    }
}

/// Answers `503` problem+json (`deadline-exceeded`) when a request's work takes longer than `deadline`, and
/// cancels that work. The router's handler cannot outlive the request, so the answer waits until the work stops:
/// at once for work that awaits (the index, the network); the whole-corpus questions (``Questions/list(on:asKnownOn:)``,
/// a State's overview) check for cancellation at each treaty; any other computation runs to its end, which is why
/// every page's work is bounded by what it asks.
struct DeadlineMiddleware: RouterMiddleware {
    typealias Context = PactaRequestContext
    let deadline: Duration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let deadline = deadline
        return try await withoutActuallyEscaping(next) { next in
            // `next` is called once, from one child task, and the group ends before this function returns.
            nonisolated(unsafe) let next = next
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await next(request, context) }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                let first: Response?
                do {
                    first = try await group.next() ?? nil
                } catch is CancellationError {
                    first = nil
                }
                group.cancelAll()
                // A write whose batch had started when the time ran out is not stopped (it is recorded, or
                // refused, all the same): its own answer is given, late, rather than a 503 that would have the
                // client send it again. Work that stopped (a read, a write still waiting its turn) answers 503.
                if first == nil {
                    do {
                        if let late = try await group.next() ?? nil { return late }
                    } catch let error as ServerError {
                        // The work's own answer where it has one (a write withdrawn before its turn: not
                        // recorded; a database that did not answer: the outcome unknown), not the words for a read.
                        // The generated API code wraps what its handler threw.
                        if let problem = error.underlyingError as? Problem { throw problem }
                    } catch let problem as Problem {
                        throw problem
                    } catch {}
                }
                guard let first else {
                    throw Problem(
                        .serviceUnavailable, kind: "deadline-exceeded", title: "Deadline exceeded",
                        detail:
                            "This request took longer than the server's limit of \(deadline) and was stopped. Ask for a narrower answer (one treaty, one State, a nearer date) or try again."
                    )
                }
                return first
            }
        }
    }
}

extension RouterMethods {
    /// A GET route that answers HEAD too (RFC 9110 §9.3.2: the same headers, no body).
    @discardableResult func getAndHead(
        _ path: RouterPath = "",
        use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .head, use: handler)
        return on(path, method: .get, use: handler)
    }
}

/// Registers each GET operation of the generated API for HEAD too, as ``RouterMethods/getAndHead(_:use:)`` does
/// for the pages.
struct GetAndHead<Transport: ServerTransport>: ServerTransport {
    let transport: Transport
    init(_ transport: Transport) { self.transport = transport }

    func register(
        _ handler:
            @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
                HTTPResponse, HTTPBody?
            ), method: HTTPRequest.Method, path: String
    ) throws {
        if method == .get { try transport.register(handler, method: .head, path: path) }
        try transport.register(handler, method: method, path: path)
    }
}
