import ArgumentParser

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
            CheckCommand.self, ImportCommand.self, CompareCommand.self, DbCommand.self,
        ]
    )
}
