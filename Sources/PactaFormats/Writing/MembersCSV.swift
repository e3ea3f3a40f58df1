import Foundation
import PactaCore

/// Writes one row per treaty and State as CSV, in the column conventions of the manydata memberships tables
/// (HUGGO's): dates `dd.mm.yyyy`, `NA` where there is none, so that `pacta import manydata` reads the table back.
///
/// Columns: `manyID` (the treaty's `references.manydata`, else its Pacta id), `treatyID` (the Pacta id), `stateID`
/// (the party code: ISO 3166-1 alpha-3, a former ISO 3166-3 code, or `org:<slug>`), `cowID` and `cowAbb` (the
/// Correlates of War code and abbreviation on the State's date, `NA` for organisations and territories COW does
/// not list), `Title`, `Begin` (adoption), `Force` (the treaty's entry into force), `stateSignature`, `stateRat` (the
/// consent's date, whatever its form), `consentForm` (`ratification`, `accession` ...), `Accession`, `Acceptance`,
/// `Succession` (the consent's date where it has that form, as HUGGO codes it), `stateForce` (entry into force for
/// the State), `stateWithdrawal` (the day the withdrawal takes effect, else the day it was notified) and
/// `stateWithdrawalNotified`.
public enum MembersCSV {
    /// The header row.
    public static let header = [
        "manyID", "treatyID", "stateID", "cowID", "cowAbb", "Title", "Begin", "Force", "stateSignature", "stateRat",
        "consentForm", "Accession", "Acceptance", "Succession", "stateForce", "stateWithdrawal",
        "stateWithdrawalNotified", "Signature",
    ]

    /// A date as manydata writes it (`04.04.2023`), or `NA`.
    public static func manydata(_ date: CalendarDate?) -> String {
        guard let date else { return "NA" }
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        let year = String(date.year)
        return "\(two(date.day)).\(two(date.month)).\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)"
    }

    /// One State's part in a treaty, as a row of the table reads it.
    public struct Member: Sendable {
        public var code: PartyCode
        public var signature: CalendarDate?
        /// The consent by instrument (``StateStatus/consent``), its form and date.
        public var consent: (form: Event.ConsentForm, date: CalendarDate)?
        /// The date the treaty enters into force for the State.
        public var entryIntoForce: CalendarDate?
        public var withdrawal: (notified: CalendarDate, effective: CalendarDate?)?

        public init(
            code: PartyCode, signature: CalendarDate?, consent: (form: Event.ConsentForm, date: CalendarDate)?,
            entryIntoForce: CalendarDate?, withdrawal: (notified: CalendarDate, effective: CalendarDate?)?
        ) {
            self.code = code
            self.signature = signature
            self.consent = consent
            self.entryIntoForce = entryIntoForce
            self.withdrawal = withdrawal
        }

        /// A State's row of a status.
        public init(_ state: StateStatus) {
            self.init(
                code: state.code, signature: state.signature, consent: state.consent.map { ($0.form, $0.date) },
                entryIntoForce: state.entryIntoForce, withdrawal: state.withdrawal.map { ($0.notified, $0.effective) })
        }

        /// Row `r` of a status table (``StatusTable/row(_:)``).
        public init(_ table: StatusTable, row r: Int) {
            let row = table.row(r)
            self.init(
                code: table.parties[row.party], signature: row.signature, consent: row.consent,
                entryIntoForce: row.entryIntoForce, withdrawal: row.withdrawal)
        }
    }

    /// The rows of one treaty's status: one per State with a signature, a consent, a date in force or a withdrawal,
    /// in code order.
    public static func rows(treaty: Treaty, status: TreatyStatus) -> [[String]] {
        rows(treaty: treaty, entryIntoForce: status.entryIntoForce, members: status.states.map(Member.init))
    }

    /// The rows of treaty `t` of a status table (its position in the corpus the table was made from).
    public static func rows(treaty: Treaty, table: StatusTable, t: Int) -> [[String]] {
        rows(
            treaty: treaty, entryIntoForce: table.treaty(t).entryIntoForce,
            members: table.rows(of: t).map { Member(table, row: $0) })
    }

    /// The rows of one treaty whose entry into force is `entryIntoForce` and whose States are `members`: one per
    /// State with a signature, a consent, a date in force or a withdrawal, in code order.
    public static func rows(treaty: Treaty, entryIntoForce: CalendarDate?, members: [Member]) -> [[String]] {
        let manyID = treaty.references["manydata"] ?? treaty.id
        return members.filter {
            $0.signature != nil || $0.consent != nil || $0.entryIntoForce != nil || $0.withdrawal != nil
        }.sorted { $0.code < $1.code }.map { state in
            let consent = state.consent.flatMap { $0.form == .unrecorded ? nil : $0 }
            let cowDate = state.entryIntoForce ?? consent?.date ?? state.signature ?? treaty.adopted.date
            let cow = COWCodeTable.entry(state.code, on: cowDate)
            let dated = { (form: Event.ConsentForm) in manydata(consent?.form == form ? consent?.date : nil) }
            return [
                manyID, treaty.id, state.code.rawValue, cow.map { String($0.ccode) } ?? "NA",
                cow.map { $0.abbreviation.isEmpty ? "NA" : $0.abbreviation } ?? "NA", treaty.title(),
                manydata(treaty.adopted.date), manydata(entryIntoForce), manydata(state.signature),
                manydata(consent?.date), consent?.form.rawValue ?? "NA", dated(.accession), dated(.acceptance),
                dated(.succession), manydata(state.entryIntoForce),
                manydata(state.withdrawal.map { $0.effective ?? $0.notified }),
                manydata(state.withdrawal?.notified),
                // manydata's agreement-level date of signature (a column its import needs): the text's adoption.
                manydata(treaty.adopted.date),
            ]
        }
    }

    /// The CSV text, header first, `\n` line endings.
    /// - Throws: the CSV writer's error where a row cannot be written (not expected for these values).
    public static func document(_ rows: [[String]]) throws -> String {
        try TableCSV.document(header: header, rows: rows)
    }

    /// The CSV lines of `rows` without the header: what follows ``document(_:)`` where a long table is written a
    /// part at a time.
    /// - Throws: as ``document(_:)``.
    public static func lines(_ rows: [[String]]) throws -> String { try TableCSV.lines(rows) }
}
