import Foundation
import PactaCore
import PactaFormats
import PactaTables

/// Turns a manydata memberships table (one row per agreement and State, as the `manytreaties` R package ships its
/// HUGGO data) into treaty files, one per agreement (`manyID`), marked `record: partial`, each fact citing the data
/// set and the row it came from. See `docs/import.md` for the mapping, the conventions and the refusals.
///
/// Columns read (others are ignored): `manyID`, `stateID`, `Title`, `Begin`, `Signature`, `Force` (required), and
/// `treatyID`, `End`, `stateSignature`, `stateRat`, `stateForce`, `stateWithdrawal`, `Accession`, `Acceptance`,
/// `Succession`, `gengID`, `ecolexID`, `ieaID` (optional). Dates are `dd.mm.yyyy`, `NA` for unknown, `31.12.9999`
/// for open-ended.
///
/// A faulty row is refused with its file, row and column (``Refusal``); nothing of it is written and the other
/// rows are imported. The result is the same for the same input, byte for byte: files are in id order, events in
/// date order, ids derived from the data set's keys.
public struct ManydataImport: Sendable {
    /// What the import says about its input in every file it writes.
    public struct Configuration: Sendable, Hashable {
        /// The data set's name as cited in each file (`HUGGO_MEM_env_reconciled`).
        public var dataSet: String
        /// The data set's version as cited in each file: a release, a commit, or a digest of the file.
        public var version: String
        /// Where the data set can be found (cited as the source's `url`).
        public var url: String?
        /// Whether each file is read back with the treaty-file reader and rows its checks refuse are left out
        /// (the default): what `pacta check` would report is refused row by row instead of written.
        public var check = true

        public init(dataSet: String, version: String, url: String? = nil, check: Bool = true) {
            self.dataSet = dataSet
            self.version = version
            self.url = url
            self.check = check
        }
    }

    /// How far an import has gone, reported to a progress callback.
    public struct Progress: Sendable, Hashable {
        /// Rows read so far.
        public var rowsRead: Int
        /// Agreements turned into files so far, and how many there are (0 while rows are still being read).
        public var agreementsDone: Int
        public var agreements: Int
    }

    /// One file to write.
    public struct File: Sendable, Hashable {
        /// The file name: `<id>.yaml`, or `entities.yaml`.
        public var name: String
        /// The treaty's id (empty for `entities.yaml`).
        public var id: String
        /// The data set's key of the agreement (`manyID`; empty for `entities.yaml`).
        public var manyID: String
        public var text: String
        /// How many rows of the table the file holds.
        public var rows: Int
    }

    /// What an import gives: the files, and the rows it refused.
    public struct Output: Sendable {
        /// Data rows read (the header not counted), in every file read.
        public var rowsRead: Int
        /// Rows whose facts are in a file.
        public var rowsImported: Int
        /// Treaty files, in id order, then `entities.yaml` where an organisation took part.
        public var files: [File]
        /// Refused rows, one entry per row, in the order of the table.
        public var refusals: [Refusal]

        /// Refused rows by reason, most frequent first (ties in ``Refusal/Reason`` order).
        public var refusalsByReason: [(reason: Refusal.Reason, count: Int)] {
            var counts: [Refusal.Reason: Int] = [:]
            for refusal in refusals { counts[refusal.reason, default: 0] += 1 }
            return counts.sorted { ($0.value, $1.key.order) > ($1.value, $0.key.order) }.map { ($0.key, $0.value) }
        }

        /// The summary the CLI prints on standard error: rows read, files, refusals grouped by reason.
        public func summary(written: Int) -> String {
            let treaties = files.filter { !$0.id.isEmpty }.count
            var lines = [
                "\(rowsRead) rows read, \(rowsImported) imported into \(treaties) treaty files (\(written) written, \(files.count - written) unchanged), \(refusals.count) refused."
            ]
            for (reason, count) in refusalsByReason { lines.append("  \(count) refused: \(reason.rawValue)") }
            return lines.joined(separator: "\n")
        }
    }

    /// A fault that stops the whole import: a table that cannot be read, or one without a required column.
    public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public var configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    // MARK: - Running

    /// Reads the memberships table at `memberships` (and the agreements table at `agreements`, whose `Title`,
    /// `Begin`, `Signature`, `Force` and `End` then take precedence over the membership rows') and builds the files.
    /// Writes nothing: see ``write(_:to:)``.
    /// - Parameters:
    ///   - file: the name used in refusals (`data/HUGGO.csv`); defaults to the path.
    ///   - progress: called every 1,000 rows and every 100 agreements.
    /// - Throws: ``ImportError`` where a table cannot be read as CSV or lacks a required column.
    public func run(
        memberships: String, agreements: String? = nil, progress: ((Progress) -> Void)? = nil
    ) throws -> Output {
        let table = try Table.read(path: memberships, required: Table.membershipColumns)
        var agreementRows: [String: Table.AgreementValues] = [:]
        var refusals: [Refusal] = []
        var rowsRead = 0
        if let agreements {
            let other = try Table.read(path: agreements, required: ["manyID", "Title", "Begin"])
            rowsRead += other.records.count
            let read = other.agreements()
            agreementRows = read.values
            refusals += read.refusals
        }
        return build(
            table: table, agreements: agreementRows, refusals: refusals, rowsRead: rowsRead, progress: progress)
    }

    /// As ``run(memberships:agreements:progress:)``, from the text of a memberships table named `file`.
    /// - Throws: ``ImportError`` where the text cannot be read as CSV or lacks a required column.
    public func run(membershipsText text: String, file: String, progress: ((Progress) -> Void)? = nil) throws
        -> Output
    {
        let table = try Table.read(text: text, file: file, required: Table.membershipColumns)
        return build(table: table, agreements: [:], refusals: [], rowsRead: 0, progress: progress)
    }

    /// Writes `output`'s files into `directory` (made where missing), each atomically and only where its bytes
    /// differ from the file already there; `entities.yaml` keeps the organisations a file already there declares.
    /// - Returns: how many files were written.
    /// - Throws: the file system's error where a file cannot be written.
    public static func write(_ output: Output, to directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written = 0
        for file in output.files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            var text = file.text
            if file.id.isEmpty, let existing = try? String(contentsOfFile: path, encoding: .utf8) {
                text = Entities.merged(existing: existing, adding: text)
            }
            if let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) { continue }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            written += 1
        }
        return written
    }
}
