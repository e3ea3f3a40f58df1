import Foundation
import PactaCore
import PactaTables

extension AllianceImport {
    /// Imports the COW Formal Alliances v4.1 by-member table (`alliance_v4.1_by_member.csv`).
    ///
    /// Columns (COW codebook): `version4id`, `ccode`, `state_name`, `all_st_day`, `all_st_month`, `all_st_year`,
    /// `all_end_day`, `all_end_month`, `all_end_year`, `mem_st_day` ... `mem_end_year`, `left_censor`,
    /// `right_censor`, `defense`, `neutrality`, `nonaggression`, `entente`, `asymmetric`, `version`.
    /// - Parameters:
    ///   - text: The table's text.
    ///   - file: Its name, for refusals.
    ///   - progress: Called every 100 rows and every 100 files with what is done (`300 of 1221 rows read`).
    public static func cow(members text: String, file: String, progress: ((String) -> Void)? = nil) throws
        -> Result
    {
        let importer = AllianceImport(dataSet: .cow)
        let table = try CSVTable(text: text, file: file, caseInsensitive: true) {
            progress?("\($0) rows of \(file) parsed")
        }
        var result = Result()
        var alliances: [String: Alliance] = [:]
        let rows = table.rows
        for row in rows {
            result.rowsRead += 1
            if result.rowsRead % 100 == 0 { progress?("\(result.rowsRead) of \(rows.count) rows read") }
            func field(_ name: String) -> String? { table.field(name, in: row.fields) }
            func refuse(_ column: String, _ reason: Refusal.Reason, _ message: String) {
                result.refusals.append(table.refusal(row: row.number, at: column, reason, message))
            }
            guard let id = field("version4id"), !id.isEmpty else {
                refuse("version4id", .missingColumn, "no version4id")
                continue
            }
            let allianceColumns = [
                "all_st_day", "all_st_month", "all_st_year", "all_end_day", "all_end_month", "all_end_year",
                "defense", "neutrality", "nonaggression", "entente", "ccode", "mem_st_day", "mem_st_month",
                "mem_st_year", "mem_end_day", "mem_end_month", "mem_end_year",
            ].sorted { (table.column($0) ?? 0) < (table.column($1) ?? 0) }
            if let missing = allianceColumns.first(where: { field($0) == nil }) {
                refuse(missing, .missingColumn, missingMessage("version4id \(id)", missing, table, row.fields))
                continue
            }
            let start: DatasetDate?
            let end: DatasetDate?
            do {
                start = try DatasetDate.read(
                    year: field("all_st_year")!, month: field("all_st_month")!, day: field("all_st_day")!,
                    columns: ("all_st_year", "all_st_month", "all_st_day"))
                end = try DatasetDate.read(
                    year: field("all_end_year")!, month: field("all_end_month")!, day: field("all_end_day")!,
                    columns: ("all_end_year", "all_end_month", "all_end_day"))
            } catch {
                refuse(
                    "all_st_year", .invalidDate,
                    "version4id \(id): the alliance's start or end is not a date (\(error))")
                continue
            }
            guard let start, start.full != nil else {
                refuse(
                    "all_st_day", .reducedStart,
                    "version4id \(id): the alliance's start (\(start?.description ?? "missing")) has no day; the treaty format needs a full date of adoption"
                )
                continue
            }
            if let end, end.latest < start.earliest {
                refuse(
                    "all_end_year", .outOfOrder,
                    "version4id \(id): the alliance ends on \(end), before it starts on \(start)")
                continue
            }
            var obligations: Set<Alliance.Obligation> = []
            for (column, obligation) in [
                ("defense", Alliance.Obligation.defense), ("neutrality", .neutrality),
                ("nonaggression", .nonAggression), ("entente", .consultation),
            ] where field(column) == "1" {
                obligations.insert(obligation)
            }
            guard
                var member = importer.member(
                    table, row, alliance: id, code: "ccode", name: "state_name",
                    entry: ("mem_st_year", "mem_st_month", "mem_st_day"),
                    exit: ("mem_end_year", "mem_end_month", "mem_end_day"), refusals: &result.refusals)
            else { continue }
            if member.entry.latest < start.earliest {
                refuse(
                    "mem_st_year", .outOfOrder,
                    "version4id \(id): \(member.label) enters on \(member.entry), before the alliance starts on \(start)"
                )
                continue
            }
            // The by-member table codes the obligations member by member (in NATO, Turkey's row has no
            // non-aggression): the alliance has each obligation any member has, and the file says for whom.
            member.obligations = obligations
            if let existing = alliances[id] {
                guard existing.start == start, existing.end == end else {
                    refuse(
                        "version4id", .conflictingAlliance,
                        "version4id \(id): this row gives the alliance other dates (\(start) to \(end?.description ?? "open")) than its first row (\(existing.start) to \(existing.end?.description ?? "open"))"
                    )
                    continue
                }
                if let first = existing.overlapping(member) {
                    refuse(
                        "ccode", .duplicateMember,
                        "version4id \(id): \(member.label) is already a member from \(first.entry) (row \(first.row)); this row is left out"
                    )
                    continue
                }
                alliances[id]!.members.append(member)
                alliances[id]!.obligations.formUnion(obligations)
            } else {
                alliances[id] = Alliance(id: id, start: start, end: end, obligations: obligations, members: [member])
            }
        }
        importer.finish(alliances, result: &result, progress: progress)
        return result
    }
}
