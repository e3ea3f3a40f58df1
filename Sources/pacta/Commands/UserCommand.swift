import ArgumentParser
import Foundation
import PactaDesk

/// Where the users file is: `--users`, else `$PACTA_USERS`, else `.pacta-users.json` in the corpus folder.
struct UsersOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The users file (tokens kept as SHA-256 digests, mode 0600).",
            discussion: "Default: $PACTA_USERS if set, else .pacta-users.json in the corpus folder.",
            valueName: "path"))
    var users: String?

    func path(corpus: String) -> String {
        if let users { return users }
        if let env = ProcessInfo.processInfo.environment["PACTA_USERS"], !env.isEmpty { return env }
        return UserStore.defaultPath(corpus: corpus)
    }
}

extension Role: ExpressibleByArgument {}

/// `pacta user add|revoke|list`: who may write through `pacta serve`.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Issue and revoke the tokens that let clerks and admins write through 'pacta serve'.",
        discussion: """
            Reads stay open; writes to the API need 'Authorization: Bearer TOKEN'. A clerk records \
            acts; an admin also creates treaties. The token is printed once: the users file keeps \
            only its SHA-256 digest, readable by its owner only.

            Examples:
              pacta user add amina --role clerk
              pacta user revoke amina
              pacta user list
            """,
        subcommands: [Add.self, Revoke.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a user and print the token, once.")
        @Argument(help: "The user name, written as recorded-by.") var name: String
        @Option(name: .long, help: "clerk (records acts) or admin (also creates treaties).") var role: Role = .clerk
        @OptionGroup var options: CorpusOptions
        @OptionGroup var users: UsersOptions

        func run() throws {
            let store = UserStore(path: users.path(corpus: options.corpusPath))
            do {
                let token = try store.add(name, role: role, now: ISO8601DateFormatter().string(from: Date()))
                emit(
                    "User \(name) (\(role.rawValue)) added to \(store.path). Token, shown this once:\n\(token)\nUse it as: Authorization: Bearer \(token)\n"
                )
            } catch { throw CLIError(error.description) }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user's token: it stops working at once.")
        @Argument(help: "The user name.") var name: String
        @OptionGroup var options: CorpusOptions
        @OptionGroup var users: UsersOptions

        func run() throws {
            let store = UserStore(path: users.path(corpus: options.corpusPath))
            do {
                try store.revoke(name, now: ISO8601DateFormatter().string(from: Date()))
                emit("Revoked \(name)'s token in \(store.path).\n")
            } catch { throw CLIError(error.description) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the active users and their roles.")
        @OptionGroup var options: CorpusOptions
        @OptionGroup var users: UsersOptions

        func run() throws {
            let store = UserStore(path: users.path(corpus: options.corpusPath))
            do {
                let all = try store.list()
                emit(
                    all.isEmpty
                        ? "No users in \(store.path).\n" : all.map { "\($0.name)  \($0.role.rawValue)\n" }.joined())
            } catch { throw CLIError(error.description) }
        }
    }
}
