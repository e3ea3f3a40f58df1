import Foundation
import PactaCore
import PactaTables

/// Alliance data sets (COW Formal Alliances, ATOP) to treaty files: one `record: partial` file per alliance.
///
/// A row that cannot be imported is refused with `file:row:column` and a reason, and nothing of it is written;
/// the other rows go on. The result is the same for the same input, byte for byte.
public struct AllianceImport: Sendable {
    /// What an import gives: the files to write, the rows refused, and the counts of the summary.
    public struct Result: Sendable {
        /// Treaty files by file name (`cow-3180.yaml`), plus `entities.yaml`.
        public var files: [String: String] = [:]
        public var refusals: [Refusal] = []
        public var rowsRead = 0

        /// An empty result, to fill with files read elsewhere (a manydata table's, for `pacta compare manydata`).
        public init() {}

        /// The summary for standard error: rows read, files written, rows refused by reason.
        public var summary: String { summary(files: "treaty files written") }

        /// The summary, the files counted as `files` says ("alliances read" where nothing is written).
        public func summary(files what: String) -> String {
            let treaties = files.keys.filter { $0 != "entities.yaml" }.count
            var lines = ["\(rowsRead) rows read, \(treaties) \(what), \(refusals.count) rows refused"]
            for (reason, count) in Refusal.counts(refusals) { lines.append("  \(count) \(reason.rawValue)") }
            return lines.joined(separator: "\n")
        }
    }

    public let dataSet: DataSet

    public init(dataSet: DataSet) { self.dataSet = dataSet }

    /// A member row as read, before it is grouped into its alliance.
    struct Row {
        let alliance: String
        let member: Alliance.Member
        let start: DatasetDate?
        let end: DatasetDate?
        let obligations: Set<Alliance.Obligation>?
        let startColumn: Int
    }

    /// Reads the member fields every table shares: the ccode, the entry and exit dates; refuses the row otherwise.
    func member(
        _ table: CSVTable, _ row: (number: Int, fields: [String]), alliance: String, code column: String,
        name: String?, entry: (String, String, String), exit: (String, String, String),
        refusals: inout [Refusal]
    ) -> Alliance.Member? {
        func refuse(_ col: Int, _ reason: Refusal.Reason, _ message: String) {
            refusals.append(Refusal(file: table.file, row: row.number, column: col, reason: reason, message: message))
        }
        func field(_ name: String) -> String? { table.field(name, in: row.fields) }
        let needed = [column, entry.0, entry.1, entry.2, exit.0, exit.1, exit.2]
        for name in needed where field(name) == nil {
            refuse(
                table.column(name) ?? 0, .missingColumn,
                missingMessage("\(dataSet.idColumn) \(alliance)", name, table, row.fields))
            return nil
        }
        func date(_ columns: (String, String, String)) -> Swift.Result<DatasetDate?, Refusal> {
            do {
                return .success(
                    try DatasetDate.read(
                        year: field(columns.0)!, month: field(columns.1)!, day: field(columns.2)!, columns: columns))
            } catch {
                let message: String
                var col = table.column(columns.0)!
                switch error {
                case .notANumber(let text, let name):
                    col = table.column(name)!
                    message = "\(name) must be a number, found '\(text)'"
                case .noYear(let name): message = "\(name) is missing"
                case .doesNotExist(let text):
                    col = table.column(columns.2)!
                    message = "the date \(text) does not exist"
                }
                return .failure(
                    Refusal(
                        file: table.file, row: row.number, column: col, reason: .invalidDate,
                        message:
                            "\(dataSet.idColumn) \(alliance): \(message) (\(columns.0), \(columns.1), \(columns.2))"
                    ))
            }
        }
        let ccodeText = field(column)!.trimmingCharacters(in: .whitespaces)
        guard let ccode = Int(ccodeText) ?? Double(ccodeText).flatMap({ Int(exactly: $0) }) else {
            refuse(
                table.column(column)!, .unknownCode,
                "\(dataSet.idColumn) \(alliance): \(column) '\(ccodeText)' is not a COW state code")
            return nil
        }
        let entryDate: DatasetDate
        switch date(entry) {
        case .failure(let refusal): refusals.append(refusal); return nil
        case .success(nil):
            refuse(table.column(entry.0)!, .invalidDate, "\(dataSet.idColumn) \(alliance): \(entry.0) is missing")
            return nil
        case .success(let value?): entryDate = value
        }
        var exitDate: DatasetDate?
        switch date(exit) {
        case .failure(let refusal): refusals.append(refusal); return nil
        case .success(let value): exitDate = value
        }
        if let exitDate, exitDate.latest < entryDate.earliest {
            refuse(
                table.column(exit.0)!, .outOfOrder,
                "\(dataSet.idColumn) \(alliance): ccode \(ccode) leaves on \(exitDate), before it enters on \(entryDate)"
            )
            return nil
        }
        guard let party = COWStates.party(ccode: ccode, on: entryDate.latest) else {
            refuse(
                table.column(column)!, .unknownCode,
                "\(dataSet.idColumn) \(alliance): ccode \(ccode) is not in the COW code table nor a known historical COW state"
            )
            return nil
        }
        // The COW state lists the current state with a date of exit of 2016 or later in some rows: no exit is an
        // open membership.
        var label = "ccode \(ccode)"
        if let name, let text = field(name), !text.isEmpty { label += " (\(text))" }
        if exitDate == nil { exitDate = nil }
        return Alliance.Member(code: party, label: label, entry: entryDate, exit: exitDate, row: row.number)
    }

    /// Groups the rows into alliances and renders the files and `entities.yaml`.
    func finish(_ alliances: [String: Alliance], result: inout Result, progress: ((String) -> Void)? = nil) {
        var entities: [Int: String] = [:]
        let written = alliances.values.filter { !$0.members.isEmpty }
        for (index, alliance) in written.enumerated() {
            if index > 0, index % 100 == 0 { progress?("\(index) of \(written.count) files made") }
            result.files["\(alliance.treatyID(dataSet)).yaml"] = alliance.file(dataSet)
            for member in alliance.members where member.code.isOrganisation {
                let ccode = Int(member.code.rawValue.dropFirst("org:cow-".count))!
                entities[ccode] = COWStates.historical[ccode]
            }
        }
        var text =
            "# Written by pacta import \(dataSet.key): COW states with no ISO 3166 code, as historical entities "
            + "(names from the COW state system list).\n"
        if entities.isEmpty { text += "{}\n" }
        for (ccode, name) in entities.sorted(by: { $0.key < $1.key }) {
            text += "org:cow-\(ccode): {names: {en: \(quoted(name))}, kind: historical-state}\n"
        }
        result.files["entities.yaml"] = text
        result.refusals.sort { ($0.file, $0.row, $0.column) < ($1.file, $1.row, $1.column) }
    }
}

/// The message of a missing column: not in the header, or not in a row cut short.
func missingMessage(_ what: String, _ column: String, _ table: CSVTable, _ fields: [String]) -> String {
    table.column(column) == nil
        ? "\(what): the table has no \(column) column"
        : "\(what): the row has no \(column) field (it has \(fields.count) fields, the header \(table.header.count))"
}
