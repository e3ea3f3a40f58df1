import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaTables

extension ManydataImport {
    /// The memberships of `table` grouped into agreements and written as files.
    func build(
        table: Table, agreements: [String: Table.AgreementValues], refusals earlier: [Refusal], rowsRead read: Int,
        progress: ((Progress) -> Void)?
    ) -> Output {
        var refusals = earlier
        var groups: [String: [Membership]] = [:]
        var order: [String] = []
        var refusedIDs: [String: [String]] = [:]
        for (index, record) in table.records.enumerated() {
            let cells = Cells(table: table, record: record, row: index + 2)
            do throws(CellError) {
                let membership = try Membership(cells)
                if groups[membership.manyID] == nil {
                    order.append(membership.manyID)
                    groups[membership.manyID] = []
                }
                groups[membership.manyID]!.append(membership)
            } catch {
                refusals.append(error.refusal)
                if let manyID = try? cells.text("manyID"), let state = try? cells.text("stateID") {
                    refusedIDs[manyID, default: []].append(state)
                }
            }
            if (index + 1) % 1_000 == 0 {
                progress?(Progress(rowsRead: read + index + 1, agreementsDone: 0, agreements: 0))
            }
        }
        var files: [File] = []
        var organisations: Set<Entities.Organisation> = []
        var ids: [String: String] = [:]
        var imported = 0
        for (done, manyID) in order.enumerated() {
            var agreement = Agreement(
                manyID: manyID, rows: groups[manyID]!, table: table, values: agreements[manyID],
                refusedStates: refusedIDs[manyID] ?? [])
            agreement.settle()
            if let owner = ids[agreement.id], !agreement.rows.isEmpty {
                for row in agreement.rows {
                    agreement.refusals.append(
                        Refusal(
                            file: table.file, row: row.row, column: (table.columns["manyID"] ?? 0) + 1,
                            reason: .idTaken,
                            message: "manyID \(manyID) gives the id '\(agreement.id)', which \(owner) already has"))
                }
                agreement.rows = []
            }
            if !agreement.rows.isEmpty, let text = agreement.file(configuration: configuration) {
                ids[agreement.id] = manyID
                let count = agreement.rows.count + agreement.documentedOnly.count
                files.append(
                    File(name: "\(agreement.id).yaml", id: agreement.id, manyID: manyID, text: text, rows: count))
                imported += count
                for row in agreement.rows + agreement.documentedOnly {
                    if let organisation = row.organisation { organisations.insert(organisation) }
                }
            }
            refusals += agreement.refusals
            if (done + 1) % 100 == 0 {
                progress?(
                    Progress(rowsRead: read + table.records.count, agreementsDone: done + 1, agreements: order.count))
            }
        }
        files.sort { $0.name < $1.name }
        if !organisations.isEmpty {
            files.append(
                File(name: "entities.yaml", id: "", manyID: "", text: Entities.text(organisations), rows: 0))
        }
        refusals.sort { ($0.file, $0.row) < ($1.file, $1.row) }
        return Output(rowsRead: read + table.records.count, rowsImported: imported, files: files, refusals: refusals)
    }
}

/// One agreement's rows, checked together, and its treaty file.
struct Agreement {
    let manyID: String
    /// The rows still to import.
    var rows: [Membership]
    let table: Table
    /// The agreements table's values, which take precedence over the rows'.
    let values: Table.AgreementValues?
    /// The stateIDs of rows refused before grouping, named in the file's note.
    var refusedStates: [String]
    var refusals: [Refusal] = []
    /// Rows with no act but a `stateForce` equal to the agreement's `Force`: named in `documented.parties`.
    var documentedOnly: [Membership] = []
    /// The agreement's `End` values and how many rows give each: only named in the note, so rows that disagree
    /// are not refused.
    var ends: [DateValue: Int] = [:]

    init(manyID: String, rows: [Membership], table: Table, values: Table.AgreementValues?, refusedStates: [String]) {
        self.manyID = manyID
        self.rows = rows
        self.table = table
        self.values = values
        self.refusedStates = refusedStates
        first = rows[0]
    }

    /// The treaty id: the `manyID` in lower case, each run of other characters a hyphen (`MNSDOL_1987P` →
    /// `mnsdol-1987p`).
    var id: String {
        var out = ""
        for scalar in manyID.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty || Desk.reserved.contains(out) { out = "manydata-" + out }
        return String(out.prefix(120))
    }

    /// The first row as read, with the agreements table's values once settled: the agreement's own values.
    private(set) var first: Membership

    /// The date of adoption: `Begin`, else `Signature`.
    var adopted: CalendarDate? { first.begin.date ?? first.signature.date }

    // MARK: - Checks of the rows together

    /// Refuses the rows that cannot be imported: the whole agreement where its own values are in doubt, else each
    /// faulty row; then each row the treaty-file reader's checks refuse.
    mutating func settle() {
        if let values {
            for index in rows.indices {
                rows[index].title = values.title
                rows[index].begin = values.begin
                rows[index].signature = values.signature
                rows[index].force = values.force
                rows[index].end = values.end
            }
            first = rows[0]
        }
        ends = Dictionary(grouping: rows.map(\.end), by: { $0 }).mapValues(\.count)
        let titles = orderedUnique(rows.map(\.title))
        if titles.count > 1 {
            refuseAll(
                "Title", .severalTitles,
                "agreement \(manyID) has rows with \(titles.count) titles (\(titles.map { "'\($0)'" }.joined(separator: ", "))); the data set mixes agreements under one manyID, and the import does not guess which row is which"
            )
            return
        }
        for (column, value) in [
            ("Begin", \Membership.begin), ("Signature", \.signature), ("Force", \.force),
        ] {
            let dates = orderedUnique(rows.map { $0[keyPath: value] })
            if dates.count > 1 {
                refuseAll(
                    column, .conflictingAgreement,
                    "agreement \(manyID) has rows with \(dates.count) different \(column) dates; the import does not guess which is right"
                )
                return
            }
        }
        guard let adopted else {
            refuseAll(
                "Begin", .noAdoption,
                "agreement \(manyID) has no date of adoption (Begin and Signature are NA); a treaty file needs one")
            return
        }
        for row in rows {
            if let refusal = Self.orderFault(row, adopted: adopted, cells: cells(row)) {
                refusals.append(refusal)
                refusedStates.append(row.stateID)
            }
        }
        let faulty = Set(refusals.map(\.row))
        rows = rows.filter { !faulty.contains($0.row) }
        refuseDuplicates()
        let force = first.force.date
        var kept: [Membership] = []
        for row in rows {
            guard row.signatureDate == nil, row.consent == nil, row.stateWithdrawal.date == nil else {
                kept.append(row)
                continue
            }
            if let force, row.stateForce.date == force {
                documentedOnly.append(row)
            } else {
                refuse(
                    row,
                    "stateRat", .nothingDated,
                    "\(row.stateID) has no dated act in agreement \(manyID): stateSignature, stateRat, Accession, Acceptance, Succession and stateWithdrawal are NA\(row.stateForce.date.map { ", and its stateForce (\($0)) is not the agreement's Force" } ?? "")"
                )
            }
        }
        rows = kept
    }

    func cells(_ row: Membership) -> Cells { Cells(table: table, record: [], row: row.row) }

    mutating func refuseAll(_ column: String, _ reason: Refusal.Reason, _ message: String) {
        for row in rows { refuse(row, column, reason, message) }
        rows = []
    }

    /// Refuses `row`: a refusal at `column`, and its stateID named in the file's note.
    mutating func refuse(_ row: Membership, _ column: String, _ reason: Refusal.Reason, _ message: String) {
        refusals.append(cells(row).refusal(column, reason, message))
        refusedStates.append(row.stateID)
    }

    /// The first fault of order in a row: an act before the adoption, a consent before the signature, a
    /// withdrawal before the consent or the signature.
    static func orderFault(_ row: Membership, adopted: CalendarDate, cells: Cells) -> Refusal? {
        let adoptedText = DateValue.manydata(adopted)
        var acts: [(column: String, date: CalendarDate)] = []
        if let date = row.signatureDate { acts.append(("stateSignature", date)) }
        if let consent = row.consent { acts.append((consent.column, consent.date)) }
        if let date = row.stateWithdrawal.date { acts.append(("stateWithdrawal", date)) }
        for act in acts where act.date < adopted {
            return cells.refusal(
                act.column, .outOfOrder,
                "\(act.column) \(DateValue.manydata(act.date)) is before the agreement's adoption (\(adoptedText), Begin or Signature)"
            )
        }
        for (earlier, later) in zip(acts, acts.dropFirst()) where later.date < earlier.date {
            let what = later.column == "stateWithdrawal" ? ": the membership ends before it starts" : ""
            return cells.refusal(
                later.column, .outOfOrder,
                "\(later.column) \(DateValue.manydata(later.date)) is before \(earlier.column) \(DateValue.manydata(earlier.date))\(what)"
            )
        }
        return nil
    }

    /// Keeps one of identical rows of a State; refuses every row of a State whose rows differ.
    private mutating func refuseDuplicates() {
        var byCode: [PartyCode: [Membership]] = [:]
        for row in rows { byCode[row.code, default: []].append(row) }
        var refused: Set<Int> = []
        for (code, same) in byCode where same.count > 1 {
            let rowsText = same.map { String($0.row) }.joined(separator: ", ")
            if Set(same.map { $0.acts.map(String.init(describing:)) }).count == 1 {
                for row in same.dropFirst() {
                    refused.insert(row.row)
                    refusals.append(
                        cells(row).refusal(
                            "stateID", .duplicateState,
                            "\(row.stateID) has \(same.count) identical rows in agreement \(manyID) (rows \(rowsText)); the first is imported"
                        ))
                }
            } else {
                for row in same {
                    refused.insert(row.row)
                    refuse(
                        row, "stateID", .duplicateState,
                        "\(code) has \(same.count) rows with different dates in agreement \(manyID) (rows \(rowsText)); the import does not guess which is right"
                    )
                }
            }
        }
        rows = rows.filter { !refused.contains($0.row) }
    }

    private func orderedUnique<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        return values.filter { seen.insert($0).inserted }
    }
}
