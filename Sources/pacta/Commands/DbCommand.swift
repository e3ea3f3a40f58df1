import ArgumentParser
import Foundation
import PactaDesk
import PactaPostgres

/// Where the PostgreSQL record is: `--database URL`, else `$PACTA_DATABASE_URL`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The PostgreSQL record: postgres://USER:PASSWORD@HOST:PORT/DATABASE.",
            discussion: "Default: $PACTA_DATABASE_URL.", valueName: "url"))
    var database: String?

    /// The URL given or set in the environment, or `nil`.
    var url: String? {
        if let database, !database.isEmpty { return database }
        if let env = ProcessInfo.processInfo.environment["PACTA_DATABASE_URL"], !env.isEmpty { return env }
        return nil
    }

    /// The URL, required.
    /// - Throws: ``CLIError`` where neither `--database` nor `$PACTA_DATABASE_URL` gives one.
    func required() throws -> String {
        guard let url else {
            throw CLIError(
                "no database: give --database postgres://USER@HOST:PORT/DATABASE or set PACTA_DATABASE_URL (Scripts/pg-throwaway.sh starts a throwaway one)."
            )
        }
        return url
    }
}

/// `pacta db`: the treaty record on PostgreSQL, shared by several servers.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move a corpus between files and a PostgreSQL record that several servers share.",
        discussion: """
            The files stay the reviewable, diffable form; the database is where several 'pacta serve' \
            processes record acts at once ('pacta serve --database URL'). Events in the database are \
            append-only: its server role can neither change nor delete one.

            Examples:
              pacta db import corpus/ --database postgres://pacta_admin@127.0.0.1:5432/pacta
              pacta db export backup/ --database "$PACTA_DATABASE_URL"
              pacta db user add amina --role clerk
            """,
        subcommands: [Import.self, Export.self, Migrate.self, UserCommands.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a corpus folder into the database; files with errors are refused with their errors.",
            discussion: """
                Every file is checked first, as 'pacta check' checks it: a file with errors is refused \
                with its errors and nothing of it is loaded; the others are loaded in one transaction. A \
                treaty already in the database is left alone where the file is the same, and given the \
                file's further events where the file only adds events. Runs the schema's migrations first \
                (as the database's owner). Exit status 1 where a file was refused.
                """)
        @Argument(help: ArgumentHelp("The corpus folder.", valueName: "dir")) var folder: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let url = try database.required()
            let folder = folder
            let report: PostgresRecord.ImportReport
            do {
                report = try await PostgresRecord.with(url: url) { record in
                    try await record.migrate()
                    return try await record.importCorpus(from: folder)
                }
            } catch { throw CLIError(RecordError(error).description) }
            var lines: [String] = []
            for (name, count) in report.added.sorted(by: { $0.key < $1.key }) {
                lines.append("added \(name) (\(count) events)")
            }
            for (name, count) in report.appended.sorted(by: { $0.key < $1.key }) {
                lines.append("appended \(count) events to \(name)")
            }
            for (name, reasons) in report.refused.sorted(by: { $0.key < $1.key }) {
                lines.append("refused \(name):\n  " + reasons.joined(separator: "\n  "))
            }
            lines.append(
                "\(report.added.count) added, \(report.appended.count) appended to, \(report.unchanged.count) unchanged, \(report.refused.count) refused; corpus files: \(report.context.joined(separator: ", ")) (\(DatabaseURL.redacted(url)))"
            )
            emit(lines.joined(separator: "\n"))
            if !report.refused.isEmpty { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the database's record as treaty files that 'pacta check' accepts.",
            discussion: """
                Each file is written as it was imported, with the events recorded since appended: an \
                office can export nightly into git. Files of the folder the database does not hold are \
                left alone.
                """)
        @Argument(help: ArgumentHelp("The folder to write (made where missing).", valueName: "dir")) var folder: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let url = try database.required()
            let folder = folder
            let written: [String]
            do {
                written = try await PostgresRecord.with(url: url) { record in
                    try await record.requireSchema()
                    return try await record.export(to: folder)
                }
            } catch { throw CLIError(RecordError(error).description) }
            emit("wrote \(written.count) files to \(folder)")
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or bring up to date the database's tables (as the database's owner).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let url = try database.required()
            do {
                let ran = try await PostgresRecord.with(url: url) { record in try await record.migrate() }
                emit(
                    ran.isEmpty ? "schema up to date" : "ran migrations \(ran.map(String.init).joined(separator: ", "))"
                )
            } catch { throw CLIError(RecordError(error).description) }
        }
    }

    struct UserCommands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user", abstract: "Issue, revoke and list the users kept in the database.",
            subcommands: [Add.self, Revoke.self, List.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Issue a user and print the token, once.")
            @Argument(help: "The user name, written as recorded-by.") var name: String
            @Option(name: .long, help: "clerk (records acts) or admin (also creates treaties).") var role: Role = .clerk
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let (url, name, role) = (try database.required(), name, role)
                do {
                    let token = try await PostgresRecord.with(url: url) { record in
                        try await record.addUser(name, role: role, now: ISO8601DateFormatter().string(from: Date()))
                    }
                    emit(
                        "User \(name) (\(role.rawValue)) added to the database. Token, shown this once:\n\(token)\nUse it as: Authorization: Bearer \(token)\n"
                    )
                } catch { throw CLIError(RecordError(error).description) }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Revoke a user's token: it stops working at once, on every server.")
            @Argument(help: "The user name.") var name: String
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let (url, name) = (try database.required(), name)
                do {
                    try await PostgresRecord.with(url: url) { record in
                        try await record.revokeUser(name, now: ISO8601DateFormatter().string(from: Date()))
                    }
                    emit("Revoked \(name)'s token.")
                } catch { throw CLIError(RecordError(error).description) }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the active users and their roles.")
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let url = try database.required()
                do {
                    let all = try await PostgresRecord.with(url: url) { record in try await record.list() }
                    emit(
                        all.isEmpty
                            ? "No users." : all.map { "\($0.name)  \($0.role.rawValue)" }.joined(separator: "\n"))
                } catch { throw CLIError(RecordError(error).description) }
            }
        }
    }
}
