import Foundation
import PactaCore
import PactaTables

extension AllianceImport {
    /// Imports ATOP 5.1: the alliance-level table (`atop5_1a.csv`: `atopid`, `begday`, `begmo`, `begyr`, `endday`,
    /// `endmo`, `endyr`, `defense`, `offense`, `neutral`, `nonagg`, `consul` ...) and the member-level table
    /// (`atop5_1m.csv`: `atopid`, `member`, `yrent`, `moent`, `dayent`, `yrexit`, `moexit`, `dayexit` ...). ATOP
    /// codes an exit year of 0 for a membership still in force.
    /// - Parameter progress: Called every 100 rows and every 100 files with what is done (`300 of 3299 rows read`).
    public static func atop(
        alliances: String, alliancesFile: String, members: String, membersFile: String,
        progress: ((String) -> Void)? = nil
    ) throws -> Result {
        let importer = AllianceImport(dataSet: .atop)
        let alliancesTable = try CSVTable(text: alliances, file: alliancesFile, caseInsensitive: true) {
            progress?("\($0) rows of \(alliancesFile) parsed")
        }
        let membersTable = try CSVTable(text: members, file: membersFile, caseInsensitive: true) {
            progress?("\($0) rows of \(membersFile) parsed")
        }
        var result = Result()
        var found: [String: Alliance] = [:]
        let alliancesRows = alliancesTable.rows
        let membersRows = membersTable.rows
        let total = alliancesRows.count + membersRows.count
        for row in alliancesRows {
            result.rowsRead += 1
            if result.rowsRead % 100 == 0 { progress?("\(result.rowsRead) of \(total) rows read") }
            func field(_ name: String) -> String? { alliancesTable.field(name, in: row.fields) }
            func refuse(_ column: String, _ reason: Refusal.Reason, _ message: String) {
                result.refusals.append(alliancesTable.refusal(row: row.number, at: column, reason, message))
            }
            let columns = [
                "atopid", "begday", "begmo", "begyr", "endday", "endmo", "endyr", "defense", "offense", "neutral",
                "nonagg", "consul",
            ]
            if let missing = columns.first(where: { field($0) == nil }) {
                refuse(
                    missing, .missingColumn,
                    missingMessage("atopid \(field("atopid") ?? "?")", missing, alliancesTable, row.fields))
                continue
            }
            let id = field("atopid")!
            let start: DatasetDate?
            let end: DatasetDate?
            do {
                start = try DatasetDate.read(
                    year: field("begyr")!, month: field("begmo")!, day: field("begday")!,
                    columns: ("begyr", "begmo", "begday"))
                end = try DatasetDate.read(
                    year: field("endyr")!, month: field("endmo")!, day: field("endday")!,
                    columns: ("endyr", "endmo", "endday"))
            } catch {
                refuse("begyr", .invalidDate, "atopid \(id): the alliance's start or end is not a date (\(error))")
                continue
            }
            guard let start, start.full != nil else {
                refuse(
                    "begday", .reducedStart,
                    "atopid \(id): the alliance's start (\(start?.description ?? "missing")) has no day; the treaty format needs a full date of adoption"
                )
                continue
            }
            if let end, end.latest < start.earliest {
                refuse("endyr", .outOfOrder, "atopid \(id): the alliance ends on \(end), before it starts on \(start)")
                continue
            }
            var obligations: Set<Alliance.Obligation> = []
            for (column, obligation) in [
                ("defense", Alliance.Obligation.defense), ("offense", .offense), ("neutral", .neutrality),
                ("nonagg", .nonAggression), ("consul", .consultation),
            ] where (Int(field(column)!) ?? 0) > 0 {
                obligations.insert(obligation)
            }
            found[id] = Alliance(id: id, start: start, end: end, obligations: obligations, members: [])
        }
        for row in membersRows {
            result.rowsRead += 1
            if result.rowsRead % 100 == 0 { progress?("\(result.rowsRead) of \(total) rows read") }
            guard let index = membersTable.column("atopid"), index <= row.fields.count else {
                result.refusals.append(
                    Refusal(
                        file: membersFile, row: row.number, column: membersTable.column("atopid") ?? 0,
                        reason: .missingColumn, message: "no atopid column"))
                continue
            }
            let id = row.fields[index - 1].trimmingCharacters(in: .whitespaces)
            guard found[id] != nil else {
                result.refusals.append(
                    Refusal(
                        file: membersFile, row: row.number, column: index, reason: .unknownAlliance,
                        message: "atopid \(id): not in \(alliancesFile) (or refused there)"))
                continue
            }
            guard
                let member = importer.member(
                    membersTable, row, alliance: id, code: "member", name: nil,
                    entry: ("yrent", "moent", "dayent"), exit: ("yrexit", "moexit", "dayexit"),
                    refusals: &result.refusals)
            else { continue }
            if member.entry.latest < found[id]!.start.earliest {
                result.refusals.append(
                    Refusal(
                        file: membersFile, row: row.number, column: membersTable.column("yrent") ?? 0,
                        reason: .outOfOrder,
                        message:
                            "atopid \(id): \(member.label) enters on \(member.entry), before the alliance starts on \(found[id]!.start)"
                    ))
                continue
            }
            found[id]!.members.append(member)
        }
        importer.finish(found, result: &result, progress: progress)
        return result
    }
}
