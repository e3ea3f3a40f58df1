import ArgumentParser
import Foundation
import PactaCore
import PactaFormats

/// `pacta export`: data for researchers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export data in the conventions researchers already use.",
        subcommands: [DyadsCommand.self])

    /// `pacta export dyads`: dyad-year alliance data as CSV.
    struct DyadsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dyads",
            abstract: "Dyad-year alliance data as CSV, in the column conventions of COW and ATOP.",
            discussion: """
                Columns: ccode1, ccode2 (COW country codes), stateabb1, stateabb2, year, defense, \
                offense, neutral, nonagg, consul (0 or 1), pacta_treaties (Pacta ids, ';'-separated).

                A pledge counts for a dyad in a year when the treaty binds both States on at least one \
                common day of that year. COW codes come from the countrycode package's code list \
                (Scripts/generate-cow-codes.py); COW keeps 365 for both the USSR and Russia. Without \
                --directed, one row per pair with ccode1 < ccode2; with it, a symmetric pledge gives both \
                directed rows.

                Examples:
                  pacta export dyads --from 1949 --to 2025 > dyads.csv
                  pacta export dyads --from 2024 --to 2025 --directed
                """)

        @Option(name: .long, help: "The first year.")
        var from: Int

        @Option(name: .long, help: "The last year.")
        var to: Int

        @Flag(name: .long, help: "Directed dyads: a row for each direction of a pledge.")
        var directed = false

        @Option(name: .long, help: ArgumentHelp("The corpus folder.", valueName: "dir"))
        var corpus: String?

        func validate() throws {
            guard (1648...9999).contains(from), (1648...9999).contains(to) else {
                throw ValidationError("--from and --to are years from 1648 to 9999.")
            }
            guard from <= to else { throw ValidationError("--from (\(from)) comes after --to (\(to)).") }
        }

        func run() throws {
            var options = CorpusOptions()
            options.corpus = corpus
            let loaded = try options.load()
            let (rows, skipped) = AllianceNetwork(corpus: loaded).dyadYears(from: from, to: to, directed: directed)
            emit(try DyadCSV.document(rows))
            if !skipped.isEmpty {
                FileHandle.standardError.write(
                    Data(
                        "note: no COW code for \(skipped.map(\.rawValue).joined(separator: ", ")); left out of the dyads\n"
                            .utf8))
            }
        }
    }
}
