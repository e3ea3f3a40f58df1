import Foundation
import PactaCore
import PactaTables

/// COW's dyadic table checked against its by-member table: each dyad row must be what the two members' rows
/// imply, and each pair of members that share a day must have its row.
///
/// COW derives its dyadic tables from the by-member table: a dyad of an alliance runs from the later of the two
/// members' entries to the earlier of their exits (`alliance_v4.1_by_dyad.csv`, `..._by_directed.csv`), and the
/// yearly tables (`..._by_dyad_yearly.csv`, `..._by_directed_yearly.csv`, with a `year` column) list a dyad in
/// each year in which both were members on at least one common day (the COW codebook's rule for its dyad-year
/// files). The check reads either layout, and works on COW's state codes (`ccode`), not on the party codes the
/// import maps them to. Only alliances the dyad table holds are checked for missing rows, so an extract of a few
/// alliances can be checked against the whole by-member table. Nothing is written: the findings are for people.
public struct DyadCheck: Sendable {
    /// One disagreement, at a row of the dyad table (`file:row: message`), or the table's as a whole (row 0,
    /// a row that is missing).
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// The dyad table's name, as given.
        public var file: String
        /// The row (the header is row 1), or 0 for a row that is missing.
        public var row: Int
        /// The sentence after `file:row:`; its wording may change.
        public var message: String

        public var description: String { row > 0 ? "\(file):\(row): \(message)" : "\(file): \(message)" }
    }

    /// A member's spell, as the by-member table dates it.
    struct Spell: Hashable {
        let start: DatasetDate
        let end: DatasetDate?
    }

    /// The dyad table's rows read (blank rows left out).
    public private(set) var rowsRead = 0
    /// The rows of alliances the by-member table holds: the rows checked.
    public private(set) var rowsChecked = 0
    /// The disagreements: rows the members' rows do not imply, in row order, then pairs of members without their
    /// row, by alliance and codes.
    public private(set) var findings: [Finding] = []

    /// Checks the dyad table `text` (named `file`) against the by-member table `members` (named `membersFile`).
    /// - Throws: ``Refusal`` where the dyad table lacks one of `version4id`, `ccode1`, `ccode2` and, without a
    ///   `year` column, the `dyad_st_*` and `dyad_end_*` columns; an error where a table is not CSV.
    public init(dyads text: String, file: String, members: String, membersFile: String) throws {
        let spells = try Self.spells(members: members, file: membersFile)
        let table = try CSVTable(text: text, file: file, caseInsensitive: true)
        let yearly = table.column("year") != nil
        var needed = ["version4id", "ccode1", "ccode2"]
        if !yearly {
            needed += [
                "dyad_st_day", "dyad_st_month", "dyad_st_year", "dyad_end_day", "dyad_end_month", "dyad_end_year",
            ]
        }
        if let missing = needed.first(where: { table.column($0) == nil }) {
            throw Refusal(
                file: file, row: 1, column: 0, reason: .missingColumn,
                message:
                    "the dyad table has no \(missing) column; COW's dyadic tables have version4id, ccode1, ccode2, dyad_st_day/month/year and dyad_end_day/month/year, and the yearly ones a year"
            )
        }
        var seen: [String: Set<String>] = [:]
        for row in table.rows {
            rowsRead += 1
            func field(_ name: String) -> String { table.field(name, in: row.fields) ?? "" }
            let id = field("version4id")
            guard let members = spells[id] else { continue }
            guard let a = Int(field("ccode1")), let b = Int(field("ccode2")) else {
                findings.append(
                    Finding(file: file, row: row.number, message: "version4id \(id): ccode1 or ccode2 is not a number"))
                continue
            }
            rowsChecked += 1
            let shared = Self.overlaps(members[a] ?? [], members[b] ?? [])
            let pair = "version4id \(id): ccode \(a) and ccode \(b)"
            if yearly {
                guard let year = Int(field("year")) else {
                    findings.append(Finding(file: file, row: row.number, message: "\(pair): year is not a number"))
                    continue
                }
                seen[id, default: []].insert(Self.key(a, b, year: year))
                if !shared.contains(where: { Self.years($0).contains(year) }) {
                    findings.append(
                        Finding(
                            file: file, row: row.number,
                            message:
                                "\(pair) are allied in \(year) in this row; the members' rows give them no common day that year (\(Self.describe(shared)))"
                        ))
                }
            } else {
                let start: DatasetDate?
                let end: DatasetDate?
                do {
                    start = try DatasetDate.read(
                        year: field("dyad_st_year"), month: field("dyad_st_month"), day: field("dyad_st_day"),
                        columns: ("dyad_st_year", "dyad_st_month", "dyad_st_day"))
                    end = try DatasetDate.read(
                        year: field("dyad_end_year"), month: field("dyad_end_month"), day: field("dyad_end_day"),
                        columns: ("dyad_end_year", "dyad_end_month", "dyad_end_day"))
                } catch {
                    findings.append(
                        Finding(
                            file: file, row: row.number, message: "\(pair): the dyad's dates are not dates (\(error))"))
                    continue
                }
                guard let start else {
                    findings.append(Finding(file: file, row: row.number, message: "\(pair): the dyad has no start"))
                    continue
                }
                let spell = Spell(start: start, end: end)
                seen[id, default: []].insert(Self.key(a, b, spell: spell))
                if !shared.contains(spell) {
                    findings.append(
                        Finding(
                            file: file, row: row.number,
                            message:
                                "\(pair) are allied \(Self.describe([spell])) in this row; the members' rows give \(Self.describe(shared))"
                        ))
                }
            }
        }
        // Every pair of members of a checked alliance that shares a day must have its row (in one direction at
        // least: a directed table has both).
        for id in seen.keys.sorted(by: { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }) {
            let members = spells[id]!
            let codes = members.keys.sorted()
            for (i, a) in codes.enumerated() {
                for b in codes[(i + 1)...] {
                    for spell in Self.overlaps(members[a]!, members[b]!) {
                        let wanted =
                            yearly ? Self.years(spell).map { Self.key(a, b, year: $0) } : [Self.key(a, b, spell: spell)]
                        let missing = wanted.filter { !seen[id]!.contains($0) }
                        guard !missing.isEmpty else { continue }
                        let what = yearly ? "in \(missing.count) of the \(wanted.count) years" : ""
                        findings.append(
                            Finding(
                                file: file, row: 0,
                                message:
                                    "version4id \(id): ccode \(a) and ccode \(b) share \(Self.describe([spell])) in the members' rows, and the dyad table has no row for them\(what.isEmpty ? "" : " " + what)"
                            ))
                    }
                }
            }
        }
    }

    /// The summary for standard error.
    public var summary: String {
        "\(rowsRead) dyad rows read, \(rowsChecked) of alliances the by-member table holds, \(findings.count) disagreements with the members' rows"
    }

    // MARK: - Members and spells

    /// Each alliance's members' spells, by `version4id` and `ccode`, from the by-member table (rows that do not
    /// read are left out: the import refuses them).
    static func spells(members text: String, file: String) throws -> [String: [Int: [Spell]]] {
        let table = try CSVTable(text: text, file: file, caseInsensitive: true)
        var out: [String: [Int: [Spell]]] = [:]
        for row in table.rows {
            func field(_ name: String) -> String? { table.field(name, in: row.fields) }
            guard let id = field("version4id"), let ccode = field("ccode").flatMap({ Int($0) }),
                let sy = field("mem_st_year"), let sm = field("mem_st_month"), let sd = field("mem_st_day"),
                let ey = field("mem_end_year"), let em = field("mem_end_month"), let ed = field("mem_end_day")
            else { continue }
            let start: DatasetDate?
            let end: DatasetDate?
            do {
                start = try DatasetDate.read(year: sy, month: sm, day: sd, columns: ("", "", ""))
                end = try DatasetDate.read(year: ey, month: em, day: ed, columns: ("", "", ""))
            } catch {
                continue
            }
            guard let start else { continue }
            out[id, default: [:]][ccode, default: []].append(Spell(start: start, end: end))
        }
        return out
    }

    /// The spells two members share: for each pair of their spells with a common day, from the later entry to
    /// the earlier exit.
    static func overlaps(_ a: [Spell], _ b: [Spell]) -> [Spell] {
        var out: [Spell] = []
        for x in a {
            for y in b {
                let start = x.start.earliest >= y.start.earliest ? x.start : y.start
                let end: DatasetDate? =
                    switch (x.end, y.end) {
                    case (nil, let e), (let e, nil): e
                    case (let e?, let f?): e.latest <= f.latest ? e : f
                    }
                if let end, end.latest < start.earliest { continue }
                out.append(Spell(start: start, end: end))
            }
        }
        return out
    }

    /// The years in which a shared spell has a day, to 2012 for an open one (COW v4.1 ends in 2012).
    static func years(_ spell: Spell) -> ClosedRange<Int> {
        spell.start.year...(spell.end?.year ?? max(2012, spell.start.year))
    }

    static func key(_ a: Int, _ b: Int, year: Int) -> String { "\(min(a, b))-\(max(a, b))-\(year)" }

    static func key(_ a: Int, _ b: Int, spell: Spell) -> String {
        "\(min(a, b))-\(max(a, b))-\(spell.start)-\(spell.end?.description ?? "open")"
    }

    static func describe(_ spells: [Spell]) -> String {
        if spells.isEmpty { return "no common day" }
        return spells.map { "from \($0.start) to \($0.end?.description ?? "open")" }.joined(separator: " and ")
    }
}
