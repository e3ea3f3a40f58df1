import ArgumentParser
import Foundation
import PactaDatasets
import PactaImport
import PactaQuestions
import PactaTables

/// `pacta compare cow|atop`: the corpus against an alliance data set.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the corpus with a data set (COW Formal Alliances, ATOP, a manydata memberships table).",
        discussion: """
            For every treaty whose file names the data set's alliance in its references (references: {cow: \
            "..."}, {atop: "..."} or {manydata: "<manyID>"}), lists each difference: a member in one and not the other, a date a State \
            entered or left that differs (and by how many days), an obligation coded differently. Each date \
            difference says which side the treaty's own rules support, with the engine's explanation of the \
            corpus's date (as 'pacta explain ID --party CODE' gives it). The data set's tables are read as \
            'pacta import' reads them; its refused rows are reported on standard error.

            Examples:
              pacta compare cow alliance_v4.1_by_member.csv
              pacta compare atop atop5_1a.csv atop5_1m.csv --format csv
              pacta compare cow members.csv --corpus corpus/
              pacta compare manydata HUGGO_MEM_env_reconciled.csv --corpus treaties/
            """)

    enum Set: String, ExpressibleByArgument, CaseIterable {
        case cow, atop, manydata
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    @Argument(help: "The data set: cow, atop or manydata.") var dataSet: Set

    @Argument(
        help: ArgumentHelp(
            "Its tables: for cow the by-member table; for atop the alliance-level, then the member-level table; for manydata the memberships table.",
            valueName: "file"))
    var files: [String]

    @OptionGroup var options: CorpusOptions

    @Option(name: .long, help: "Output: text for people (the default), csv for programs.")
    var format: Format = .text

    func validate() throws {
        switch dataSet {
        case .cow where files.count != 1: throw ValidationError("compare cow takes one table, the by-member table.")
        case .manydata where files.count != 1:
            throw ValidationError("compare manydata takes one table, the memberships table.")
        case .atop where files.count != 2:
            throw ValidationError("compare atop takes two tables: the alliance-level, then the member-level table.")
        default: break
        }
    }

    func run() throws {
        func read(_ path: String) throws -> String { try InputFile.text(path) }
        var imported: AllianceImport.Result
        switch dataSet {
        case .manydata:
            // Read as `pacta import manydata` reads it, without writing anything.
            let output = try ManydataImport(
                configuration: .init(dataSet: (files[0] as NSString).lastPathComponent, version: "")
            ).run(memberships: files[0])
            imported = AllianceImport.Result()
            imported.rowsRead = output.rowsRead
            for file in output.files { imported.files[file.name] = file.text }
            if !output.refusals.isEmpty {
                FileHandle.standardError.write(
                    Data(
                        "\(output.refusals.count) rows of \(files[0]) refused (pacta import manydata lists them)\n".utf8
                    ))
            }
        case .cow: imported = try AllianceImport.cow(members: read(files[0]), file: files[0])
        case .atop:
            imported = try AllianceImport.atop(
                alliances: read(files[0]), alliancesFile: files[0], members: read(files[1]), membersFile: files[1])
        }
        if !imported.refusals.isEmpty {
            FileHandle.standardError.write(
                Data(
                    (imported.refusals.map(\.description) + [imported.summary(files: "alliances read")])
                        .joined(separator: "\n").utf8 + [10]))
        }
        // Nothing read: "no differences" would be false comfort.
        guard imported.files.keys.contains(where: { $0 != "entities.yaml" }) else {
            throw CLIError(
                "no alliance could be read from \(files.joined(separator: " and ")) (\(imported.rowsRead) rows read, all refused above), so nothing was compared. Check that the tables are the ones the command names, in that order, with their header."
            )
        }
        let set: DataSet =
            switch dataSet {
            case .cow: .cow
            case .atop: .atop
            case .manydata: .manydata
            }
        // From an index, only the treaties that name the data set in their references, and what they need.
        let corpus = try options.comparisonQuestions(dataSet: set.key).corpus
        let comparison = Comparison(dataSet: set, imported: imported, corpus: corpus)
        emit(format == .csv ? comparison.csv : comparison.text)
    }
}
