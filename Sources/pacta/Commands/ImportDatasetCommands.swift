import ArgumentParser
import Foundation
import PactaDatasets
import PactaTables

/// `pacta import cow`: the COW Formal Alliances by-member table to treaty files.
struct ImportCOWCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cow",
        abstract: "Turn the COW Formal Alliances v4.1 by-member table into one partial treaty file per alliance.",
        discussion: """
            Each alliance (version4id) becomes cow-<version4id>.yaml, 'record: partial', with references: {cow: \
            ...}: each member's entry a consent (form ratification, as the format needs a form; the data set does \
            not give one), each exit a denunciation effective that day, the alliance's start the date of adoption \
            and the documented entry into force, the data set's obligation flags (defense, neutrality, \
            nonaggression, entente as consultation) provisions whose summary says they are COW's coding. A day or \
            month coded 0, -9 or blank gives a date of reduced precision (1955-05, "1955"). COW states with no ISO \
            code (Bavaria 245, the Two Sicilies 329) are org:cow-<ccode>, declared in entities.yaml. A bad row is \
            refused as file:row:column with its reason, and nothing of it is written; the summary goes to \
            standard error. The same input gives the same bytes. With --dyads, a COW dyadic table (by dyad, by \
            directed dyad, or yearly) is checked against the by-member table, as COW derives it: a dyad runs from \
            the later entry to the earlier exit of its two members, and a dyad-year needs a common day that year; \
            each row that disagrees, and each pair of members without its row, is listed on standard error. See \
            docs/import-alliances.md.

            Examples:
              pacta import cow --members alliance_v4.1_by_member.csv --out imported/
              pacta import cow --members alliance_v4.1_by_member.csv --dyads alliance_v4.1_by_dyad_yearly.csv --out imported/
              pacta check imported/
            """)

    @Option(name: .long, help: ArgumentHelp("The by-member table (alliance_v4.1_by_member.csv).", valueName: "file"))
    var members: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A COW dyadic table (alliance_v4.1_by_dyad_yearly.csv, ..._by_dyad.csv or ..._by_directed.csv): not imported, but checked against the by-member table; each disagreement goes to standard error.",
            valueName: "file"))
    var dyads: String?

    @Option(name: .long, help: ArgumentHelp("The folder to write the treaty files to.", valueName: "dir"))
    var out: String

    func run() throws {
        try checkOutFolder(out)
        let text = try readTable(members)
        let dyadText = try dyads.map(readTable)
        var progress = ThrottledProgress(label: "import cow", started: Date())
        let result = try AllianceImport.cow(members: text, file: members) { done in
            if let line = progress.report(done, at: Date()) {
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        try write(result, to: out, progress: &progress)
        if let dyads, let dyadText {
            let check = try DyadCheck(dyads: dyadText, file: dyads, members: text, membersFile: members)
            let report = check.findings.map(\.description) + [check.summary]
            FileHandle.standardError.write(Data((report.joined(separator: "\n") + "\n").utf8))
        }
    }
}

/// `pacta import atop`: the ATOP alliance-level and member-level tables to treaty files.
struct ImportATOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atop",
        abstract: "Turn the ATOP 5.1 alliance and member tables into one partial treaty file per alliance.",
        discussion: """
            Each alliance (atopid) becomes atop-<atopid>.yaml, 'record: partial', with references: {atop: ...}; \
            its obligations (defense, offense, neutral, nonagg, consul) become provisions. Members and dates as in \
            'pacta import cow'; ATOP's member codes are COW codes. See docs/import-alliances.md.

            Examples:
              pacta import atop --alliances atop5_1a.csv --members atop5_1m.csv --out imported/
              pacta check imported/
            """)

    @Option(name: .long, help: ArgumentHelp("The alliance-level table (atop5_1a.csv).", valueName: "file"))
    var alliances: String

    @Option(name: .long, help: ArgumentHelp("The member-level table (atop5_1m.csv).", valueName: "file"))
    var members: String

    @Option(name: .long, help: ArgumentHelp("The folder to write the treaty files to.", valueName: "dir"))
    var out: String

    func run() throws {
        try checkOutFolder(out)
        var progress = ThrottledProgress(label: "import atop", started: Date())
        let result = try AllianceImport.atop(
            alliances: readTable(alliances), alliancesFile: alliances, members: readTable(members),
            membersFile: members
        ) { done in
            if let line = progress.report(done, at: Date()) {
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        try write(result, to: out, progress: &progress)
    }
}

/// A table's text, or a CLI error.
private func readTable(_ path: String) throws -> String { try InputFile.text(path) }

/// Writes the files (those whose bytes changed), with progress after the first second; prints each refusal and the
/// summary on standard error (refused rows do not fail the import).
private func write(_ result: AllianceImport.Result, to folder: String, progress: inout ThrottledProgress) throws {
    // Every row refused (a missing column, the tables swapped): a failure, not an import of nothing.
    if result.rowsRead > 0, !result.files.keys.contains(where: { $0 != "entities.yaml" }) {
        let reasons = result.refusals.map(\.description) + [result.summary]
        FileHandle.standardError.write(Data((reasons.joined(separator: "\n") + "\n").utf8))
        throw CLIError("no row of the table could be imported; nothing was written.")
    }
    try refuseCuratedFiles(Array(result.files.keys), in: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (index, (name, text)) in result.files.sorted(by: { $0.key < $1.key }).enumerated() {
        if let line = progress.report("\(index) of \(result.files.count) files written", at: Date()) {
            FileHandle.standardError.write(Data(line.utf8))
        }
        let path = (folder as NSString).appendingPathComponent(name)
        let data = Data(text.utf8)
        // A file whose bytes are unchanged is not rewritten (as `pacta import manydata` does).
        if FileManager.default.contents(atPath: path) == data { continue }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
    var report = result.refusals.map(\.description).joined(separator: "\n")
    if !report.isEmpty { report += "\n" }
    report += result.summary + "\n"
    FileHandle.standardError.write(Data(report.utf8))
}

/// Refuses an import that would write over a treaty file (or `entities.yaml`) an import did not write: a curated
/// file of the corpus, whose record would be replaced by the data set's few facts. A file an import wrote says so
/// in its first lines ("Written by pacta import"); those are replaced, as the help says.
/// - Parameters:
///   - names: the files the import would write, by name.
///   - folder: the `--out` folder.
/// - Throws: ``CLIError`` naming the files, before anything is written.
func refuseCuratedFiles(_ names: [String], in folder: String) throws {
    let curated = names.sorted().filter { name in
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let head = String(decoding: data.prefix(2_048), as: UTF8.self)
        return !head.contains("Written by pacta import") && !head.contains("written by pacta import")
    }
    guard !curated.isEmpty else { return }
    throw CLIError(
        "\(folder) holds \(curated.count) file\(curated.count == 1 ? "" : "s") an import did not write, which this import would replace: \(curated.prefix(5).joined(separator: ", "))\(curated.count > 5 ? " and \(curated.count - 5) more" : ""). Nothing was written. Import into another folder (--out), or move those files away first."
    )
}

/// Refuses an `--out` that names a file: the import writes a folder of treaty files (made where missing).
/// - Throws: ``CLIError``.
func checkOutFolder(_ out: String) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
        throw CLIError("--out \(out) is a file; give a folder for the treaty files (it is made where missing).")
    }
}
