import ArgumentParser
import Foundation

/// The `pacta` command: who is bound by what, on any date, and why.
@main
struct Pacta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pacta",
        abstract: "Pacta: treaties as reviewable files; who is bound by what, on any date, and why.",
        discussion: """
            Treaties are kept as YAML files, one per treaty, in a corpus folder (default: the shipped \
            corpus/). The lifecycle engine computes each treaty's status and each State's status on any \
            date the way the Vienna Convention on the Law of Treaties (VCLT) and the treaty's own final \
            clauses say, and explains every date.

            Examples:
              pacta status ru-kp-2024-partnership --on 2024-11-20
              pacta status north-atlantic-1949 --party FIN --on 2023-04-04 --format json
              pacta timeline su-kp-1961-friendship
              pacta list --on 1993-01-01
              pacta check corpus/
            """,
        version: "0.1.0",
        subcommands: [
            StatusCommand.self, TimelineCommand.self, ExplainCommand.self, ListCommand.self, UpcomingCommand.self,
            ScenarioCommand.self, AlliesCommand.self, ExportCommand.self, IndexCommand.self, SearchCommand.self,
            ServeCommand.self, NewCommand.self, RecordCommand.self, UserCommand.self,
            CheckCommand.self, ImportCommand.self, CompareCommand.self, DbCommand.self, WatchCommand.self,
        ]
    )

    /// Runs the command the arguments name. A failure is told on standard error as ArgumentParser tells it, with its
    /// exit code; where the arguments ask for JSON (`--format json`), as one JSON object instead, for programs:
    /// `{"error": MESSAGE, "exit-code": N}` (64 for a usage error, 1 for a refused question or a faulty file).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = Self.message(for: error)
            guard code != .success, !message.isEmpty, asksForJSON(arguments) else { exit(withError: error) }
            let object: [String: Any] = ["error": message, "exit-code": Int(code.rawValue)]
            if let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            {
                FileHandle.standardError.write(data + Data("\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// Whether `arguments` ask for JSON output: `--format json` or `--format=json`.
    static func asksForJSON(_ arguments: [String]) -> Bool {
        arguments.contains("--format=json")
            || zip(arguments, arguments.dropFirst()).contains { $0 == ("--format", "json") }
    }
}
