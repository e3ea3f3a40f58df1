import ArgumentParser
import Crypto
import Foundation
import PactaImport
import PactaTables

/// `pacta import`: other data sets to treaty files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another data set into treaty files that say where each fact came from.",
        subcommands: [ManydataCommand.self, ImportCOWCommand.self, ImportATOPCommand.self, ImportAKNCommand.self])

    /// `pacta import manydata`: a manydata memberships table to one treaty file per agreement.
    struct ManydataCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "manydata",
            abstract: "A manydata memberships table (CSV) to one treaty file per agreement (manyID).",
            discussion: """
                Reads a memberships table of the manydata packages (one row per agreement and State, \
                columns manyID, stateID, Title, Begin, Signature, Force, stateSignature, stateRat, \
                stateForce, stateWithdrawal, Accession, Acceptance, Succession; dates dd.mm.yyyy, NA for \
                unknown, 31.12.9999 for open-ended) and writes one treaty file per agreement into --out, \
                marked 'record: partial', every event citing the data set and its row (manyID and stateID).

                Mapping: stateSignature -> signature; Succession, Accession, Acceptance, else stateRat -> \
                consent of that form, dated by that column; stateWithdrawal -> denunciation; Force -> \
                documented entry into force. stateForce is kept in the consent's note. Codes: ISO 3166-1 \
                alpha-3 and the former codes of ISO 3166-3 (DDR, YUG ...) as they are; the organisations \
                manydata names (EUU, IO-IAEA ...) as org: codes declared in --out/entities.yaml.

                A faulty row (a missing field, a date that does not exist, an unknown code, an end before \
                its start, an agreement whose rows disagree) is refused with file:row:column on standard \
                error, nothing of it is written, and the other rows are imported; a summary of the rows \
                read, the files written and the rows refused by reason ends the run. Importing the same \
                table twice writes the same bytes. The exit code is 0 even where rows were refused, 1 \
                where the table cannot be read. See docs/import.md.

                Examples:
                  pacta import manydata --memberships HUGGO_MEM_env_reconciled.csv --out imported/
                  pacta import manydata --memberships mem.csv --agreements agr.csv --out imported/ \\
                      --data-version "manytreaties PR #37"
                  pacta check imported/
                  pacta status mnsdol-1987p --corpus imported/ --on 1990-01-01
                """)

        @Option(name: .long, help: ArgumentHelp("The memberships table (CSV).", valueName: "file"))
        var memberships: String

        @Option(
            name: .long,
            help: ArgumentHelp(
                "An agreements table (CSV: manyID, Title, Begin, Signature, Force, End) whose values take precedence.",
                valueName: "file"))
        var agreements: String?

        @Option(name: .long, help: ArgumentHelp("The folder to write the treaty files into.", valueName: "dir"))
        var out: String

        @Option(
            name: .customLong("data-set"),
            help: ArgumentHelp("The data set's name in each file. Default: the table's file name.", valueName: "name"))
        var dataSet: String?

        @Option(
            name: .customLong("data-version"),
            help: ArgumentHelp(
                "The data set's version in each file. Default: 'sha256:' and the start of the table's digest.",
                valueName: "text"))
        var dataVersion: String?

        @Option(
            name: .customLong("data-url"),
            help: ArgumentHelp("Where the data set can be found, cited as the source's url.", valueName: "url"))
        var dataURL: String = "https://github.com/globalgov/manytreaties"

        func run() throws {
            try checkOutFolder(out)
            var progress = ThrottledProgress(label: "import manydata", started: Date())
            let name = dataSet ?? ((memberships as NSString).lastPathComponent as NSString).deletingPathExtension
            let version = try dataVersion ?? digest(of: memberships)
            let importer = ManydataImport(
                configuration: .init(dataSet: name, version: version, url: dataURL.isEmpty ? nil : dataURL))
            let output: ManydataImport.Output
            do {
                output = try importer.run(memberships: memberships, agreements: agreements) { step in
                    let line = progress.report(
                        step.agreements == 0
                            ? "\(step.rowsRead) rows read" : "\(step.agreementsDone) of \(step.agreements) agreements",
                        at: Date())
                    if let line { FileHandle.standardError.write(Data(line.utf8)) }
                }
            } catch let error as ManydataImport.ImportError {
                throw CLIError(error.description)
            }
            var report = ""
            for refusal in output.refusals {
                report += "\(refusal.file):\(refusal.row):\(refusal.column): refused: \(refusal.message)\n"
            }
            FileHandle.standardError.write(Data(report.utf8))
            // entities.yaml is merged, not replaced: only the treaty files are checked.
            try refuseCuratedFiles(output.files.filter { !$0.id.isEmpty }.map(\.name), in: out)
            let written = try ManydataImport.write(output, to: out)
            CorpusOptions.copySuccessions(into: out)
            FileHandle.standardError.write(Data((output.summary(written: written) + "\n").utf8))
        }

        /// `sha256:` and the first 12 hex digits of the file's SHA-256 digest.
        private func digest(of path: String) throws -> String {
            let data = try InputFile.data(path)
            let hex = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            return "sha256:" + hex.prefix(12)
        }
    }
}
