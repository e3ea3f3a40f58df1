import ArgumentParser
import Foundation
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta export`: data for researchers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export data in the conventions researchers already use.",
        subcommands: [DyadsCommand.self, MembersCommand.self, ExportAKNCommand.self])

    /// `pacta export dyads`: dyad-year alliance data as CSV.
    struct DyadsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dyads",
            abstract: "Dyad-year alliance data as CSV, in the column conventions of COW and ATOP.",
            discussion: """
                Columns: ccode1, ccode2 (COW country codes), stateabb1, stateabb2, year, defense, \
                offense, neutral, nonagg, consul (0 or 1), pacta_treaties (Pacta ids, ';'-separated).

                A pledge counts for a dyad in a year when the treaty binds both States on at least one \
                common day of that year, and not on the days its operation is suspended between the two \
                (ANZUS between the USA and New Zealand from 1986). COW codes come from the countrycode package's code list \
                (Scripts/generate-cow-codes.py); COW keeps 365 for both the USSR and Russia. Without \
                --directed, one row per pair with ccode1 < ccode2; with it, a symmetric pledge gives both \
                directed rows.

                Years after the date the corpus's record runs to (corpus.yaml, record-through) are not \
                exported: they are missing, not years without alliances; standard error says where the table \
                stops, and which treaties it used have an incomplete record.

                --format json writes {from, to, through, rows, skipped, caveats}: the same rows as objects, \
                with the caveats.

                Examples:
                  pacta export dyads --from 1949 --to 2025 > dyads.csv
                  pacta export dyads --from 2024 --to 2025 --directed
                  pacta export dyads --from 1991 --to 1991 --format json
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, json
        }

        /// One row of the JSON output.
        struct Row: Encodable {
            let ccode1: Int
            let ccode2: Int
            let stateabb1: String
            let stateabb2: String
            let year: Int
            let defense: Int
            let offense: Int
            let neutral: Int
            let nonagg: Int
            let consul: Int
            let treaties: [String]
        }

        /// The JSON output: the rows, the years covered, and what the table could not see.
        struct Document: Encodable {
            let from: Int
            let to: Int
            /// The last year exported (`to`, or the year the corpus's record runs to).
            let through: Int
            let rows: [Row]
            let skipped: [String]
            let caveats: [String]
        }

        @Option(name: .long, help: "The first year.")
        var from: Int

        @Option(name: .long, help: "The last year.")
        var to: Int

        @Flag(name: .long, help: "Directed dyads: a row for each direction of a pledge.")
        var directed = false

        @OptionGroup var options: CorpusOptions

        @Option(name: .long, help: "Output: csv (the default) or json.")
        var format: Format = .csv

        func validate() throws {
            guard (1648...9999).contains(from), (1648...9999).contains(to) else {
                throw ValidationError("--from and --to are years from 1648 to 9999.")
            }
            guard from <= to else { throw ValidationError("--from (\(from)) comes after --to (\(to)).") }
        }

        func run() throws {
            let dyads = try options.provisionQuestions().dyads(from: from, to: to, directed: directed)
            let (rows, skipped, caveats, last) = (dyads.rows, dyads.skipped, dyads.caveats, dyads.through)
            switch format {
            case .csv:
                emit(try DyadCSV.document(rows))
                for caveat in caveats { FileHandle.standardError.write(Data("note: \(caveat)\n".utf8)) }
            case .json:
                emit(
                    try JSONOutput.string(
                        Document(
                            from: from, to: to, through: last,
                            rows: rows.map { row in
                                let flags = row.flags.map { $0 ? 1 : 0 }
                                return Row(
                                    ccode1: row.ccode1, ccode2: row.ccode2, stateabb1: row.abbreviation1,
                                    stateabb2: row.abbreviation2, year: row.year, defense: flags[0],
                                    offense: flags[1], neutral: flags[2], nonagg: flags[3], consul: flags[4],
                                    treaties: row.treaties)
                            }, skipped: skipped.map(\.rawValue), caveats: caveats)))
            }
        }
    }

    /// `pacta export members`: one row per treaty and State, in manydata's column conventions.
    struct MembersCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "members",
            abstract: "One row per treaty and State as CSV, in the column conventions of manydata's memberships.",
            discussion: """
                Columns: manyID (the treaty's references.manydata, else its Pacta id), treatyID (the Pacta \
                id), stateID (ISO 3166-1 alpha-3, a former ISO 3166-3 code, or org:<slug>), cowID and cowAbb \
                (Correlates of War code and abbreviation, NA where COW has none), Title, Begin (adoption), \
                Force (entry into force), stateSignature, stateRat (the consent's date, any form), \
                consentForm, Accession, Acceptance, Succession (the consent's date where it has that form), \
                stateForce (entry into force for the State), stateWithdrawal (the day the withdrawal takes \
                effect) and stateWithdrawalNotified.

                Dates are dd.mm.yyyy and NA where there is none, as in manydata's tables, so that \
                'pacta import manydata' reads the table back. Every date is computed as the record stands \
                on --on (default: today): acts after it are not counted. One row per State that signed, \
                consented, is bound or withdrew; treaties in id order, States in code order.

                Examples:
                  pacta export members > members.csv
                  pacta export members --treaty north-atlantic-1949 --on 2025-01-01
                  pacta export members --corpus imported/ --format csv
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv
        }

        @Option(name: .long, help: ArgumentHelp("Only this treaty (its id).", valueName: "id"))
        var treaty: String?

        @OptionGroup var dates: DateOptions
        @OptionGroup var options: CorpusOptions

        @Option(name: .long, help: "Output: csv (the only format, for now).")
        var format: Format = .csv

        func run() throws {
            // One treaty: read from the index with what its conditions need, not the whole corpus.
            if let treaty {
                let questions = try options.questions(about: treaty)
                let asked = try options.treaty(treaty, in: questions)
                let status = Lifecycle(corpus: questions.corpus).status(
                    of: asked, on: dates.date, asKnownOn: dates.asKnownOn, explain: false)
                emit(try MembersCSV.document(MembersCSV.rows(treaty: asked, status: status)))
                return
            }
            let corpus = try options.load()
            let lifecycle = Lifecycle(corpus: corpus)
            // The corpus keeps its treaties in id order, the table's order.
            let treaties = corpus.treaties
            // Without "as known on", every status at once, as columns (plain treaties by the compact engine).
            let table = dates.asKnownOn == nil ? lifecycle.statusTable(on: dates.date) : nil
            // Written a part at a time: the table of 250,000 treaties is millions of rows, which held whole (as
            // strings, then as one text) took gigabytes.
            let bar = ProgressBar(unit: "treaties")
            print(try MembersCSV.document([]), terminator: "")
            for start in stride(from: 0, to: treaties.count, by: 1_024) {
                var rows: [[String]] = []
                for t in start..<min(start + 1_024, treaties.count) {
                    if let table {
                        rows += MembersCSV.rows(treaty: treaties[t], table: table, t: t)
                        continue
                    }
                    let status = lifecycle.status(
                        of: treaties[t], on: dates.date, asKnownOn: dates.asKnownOn, explain: false)
                    rows += MembersCSV.rows(treaty: treaties[t], status: status)
                }
                print(try MembersCSV.lines(rows), terminator: "")
                bar.update(min(start + 1_024, treaties.count), treaties.count)
            }
            bar.finish()
        }
    }
}
