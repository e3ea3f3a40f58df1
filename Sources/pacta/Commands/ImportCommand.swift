import ArgumentParser

/// `pacta import`: other data sets to treaty files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another data set into treaty files that say where each fact came from.",
        subcommands: [ImportAKNCommand.self, ImportCOWCommand.self, ImportATOPCommand.self])
}
