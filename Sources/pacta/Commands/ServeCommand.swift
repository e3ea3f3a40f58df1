import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PactaCore
import PactaDesk
import PactaFormats
import PactaPostgres
import PactaQuestions
import PactaSQLite
import PactaServer

/// `pacta serve`: the web pages and the JSON API on localhost.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web pages and the JSON API (localhost by default).",
        discussion: """
            Pages: / (treaties, search), /treaties/ID, /states/CODE, /scenario, /search, /upcoming.
            API: /api/v1/... described at /api/v1/openapi.json. Stop with Ctrl-C.

            Reads are open. Writes (POST /api/v1/treaties/ID/events, POST /api/v1/treaties, the form \
            on a treaty's page) need a user: issue one with 'pacta user add NAME --role clerk' and \
            send its token as 'Authorization: Bearer TOKEN'. Every write is logged (who, when, what, \
            the outcome) on standard error, never the token.

            With --database (or PACTA_DATABASE_URL), the treaties, the users and every write are in \
            PostgreSQL instead of the corpus folder: several servers share one record, each write is \
            committed before it is answered 201, a write on one server is seen by the others within a \
            second, and a server that loses the database answers 503 (Retry-After) until it is back. \
            Load the record with 'pacta db import', issue users with 'pacta db user add'.

            Examples:
              pacta serve
              pacta serve --port 9000 --corpus corpus/
              pacta serve --database postgres://pacta_server:PASSWORD@127.0.0.1:5432/pacta
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "The port.")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on. Default: 127.0.0.1 (this machine only).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The corpus folder.", valueName: "dir"))
    var corpus: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index file (SQLite). Default: .pacta-index.sqlite in the corpus folder.", valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a request may take before the server answers 503 and stops its work.", valueName: "seconds"))
    var requestDeadline: Double = 10

    @Option(
        name: .long,
        help: ArgumentHelp("Seconds a connection may stay idle before the server closes it.", valueName: "seconds"))
    var idleTimeout: Double = 30

    @Option(
        name: .long,
        help: ArgumentHelp("Connections open at once; one more is answered 503.", valueName: "count"))
    var maxConnections: Int = 1_000

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a client may take to send a request's headers before the server closes the connection.",
            valueName: "seconds"))
    var headerTimeout: Double = 10

    @OptionGroup var users: UsersOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port).") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        guard headerTimeout > 0, headerTimeout <= 3_600 else {
            throw ValidationError(
                "--header-timeout must be more than 0 and at most 3600 seconds, not \(headerTimeout).")
        }
        guard requestDeadline > 0, requestDeadline <= 3_600 else {
            throw ValidationError(
                "--request-deadline must be more than 0 and at most 3600 seconds, not \(requestDeadline).")
        }
    }

    func run() async throws {
        var options = CorpusOptions()
        options.corpus = corpus
        let folder = options.corpusPath
        var configuration = ServerConfiguration(corpus: folder, today: { Today.now() })
        configuration.host = host
        configuration.port = port
        configuration.requestDeadline = .milliseconds(Int64((requestDeadline * 1_000).rounded()))
        configuration.idleTimeout = .milliseconds(Int64((idleTimeout * 1_000).rounded()))
        configuration.limits = ConnectionLimits(
            maximumConnections: maxConnections, headerTimeout: .milliseconds(Int64((headerTimeout * 1_000).rounded())))
        var logger = Logger(label: "pacta.server")
        logger.logLevel = .info
        configuration.users = users.path(corpus: folder)
        var audit = Logger(label: "pacta.audit") {
            AuditLogHandler(wrapping: StreamLogHandler.standardError(label: $0))
        }
        audit.logLevel = .info
        configuration.audit = audit
        let (shownHost, shownPort) = (host, port)
        if let url = database.url {
            try await serveRecord(url, configuration: configuration, logger: logger)
            return
        }
        let path = db ?? IndexCommand.defaultDatabase(corpus: folder)
        let index: SQLiteIndex
        do {
            index = try SQLiteIndex(path: path)
        } catch {
            throw CLIError("cannot open or create the index at \(path) (\(error)); give a writable path with --db.")
        }
        let app = try await buildApplication(configuration: configuration, index: index, logger: logger) {
            FileHandle.standardOutput.write(
                Data("Pacta: http://\(shownHost):\(shownPort)/  (API: /api/v1/openapi.json; Ctrl-C stops)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            throw CLIError(
                "the server could not run on \(host):\(port): \(error). Is another server using the port? Try --port.")
        }
    }

    /// Serves the PostgreSQL record at `url`: the treaties read from it at start, writes committed to it, the
    /// other servers' writes followed (LISTEN/NOTIFY).
    func serveRecord(_ url: String, configuration: ServerConfiguration, logger: Logger) async throws {
        let record: PostgresRecord
        do { record = try PostgresRecord(url: url) } catch { throw CLIError(error.description) }
        let (shownHost, shownPort) = (host, port)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await record.run() }
            defer { group.cancelAll() }
            let serving: PostgresServing
            do { serving = try await PostgresServing(record: record) } catch {
                throw CLIError("cannot read the record at \(DatabaseURL.redacted(url)): \(error)")
            }
            let state = AppState(
                questions: Questions(corpus: serving.loaded.corpus, index: record, faulty: serving.faulty),
                today: configuration.today, record: serving.desk, users: record, audit: configuration.audit)
            group.addTask { await serving.follow { state.replace($0) } }
            let app = buildApplication(
                state: state, host: configuration.host, port: configuration.port,
                requestDeadline: configuration.requestDeadline, idleTimeout: configuration.idleTimeout,
                limits: configuration.limits, logger: logger
            ) {
                FileHandle.standardOutput.write(
                    Data(
                        "Pacta on \(DatabaseURL.redacted(url)): http://\(shownHost):\(shownPort)/  (API: /api/v1/openapi.json; Ctrl-C stops)\n"
                            .utf8))
            }
            do {
                try await app.runService()
            } catch {
                throw CLIError(
                    "the server could not run on \(shownHost):\(shownPort): \(error). Is another server using the port? Try --port."
                )
            }
        }
    }
}
