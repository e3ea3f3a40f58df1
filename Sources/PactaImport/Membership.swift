import Foundation
import PactaCore
import PactaTables

/// One row of a memberships table, read and typed: an agreement's values and one State's acts.
struct Membership {
    let row: Int
    let manyID: String
    let treatyID: String?
    let stateID: String
    let code: PartyCode
    let organisation: Entities.Organisation?
    var title: String
    var begin: DateValue
    var signature: DateValue
    var force: DateValue
    var end: DateValue
    let stateSignature: DateValue
    let stateRat: DateValue
    let stateForce: DateValue
    let stateWithdrawal: DateValue
    /// Pacta's own column (`pacta export members`): the day the withdrawal was notified, where the table gives it;
    /// then the notice, not `stateWithdrawal` (the day it took effect), is recorded.
    let stateWithdrawalNotified: DateValue
    let accession: DateValue
    let acceptance: DateValue
    let succession: DateValue
    /// Identifiers in other systems: `geng`, `ecolex`, `iea`.
    let references: [(key: String, value: String)]

    /// The consent: its form, date and the column that gave the date.
    var consent: (form: Event.ConsentForm, date: CalendarDate, column: String)?
    /// What the consent's note adds (another column's date for the same act).
    var consentRemark: String?
    /// Whether the signature is left out (a successor's row repeating its predecessor's signature).
    var signatureDropped = false

    /// The acts of the row that become events, for comparing two rows of one State.
    var acts: [DateValue] {
        [stateSignature, stateRat, stateForce, stateWithdrawal, accession, acceptance, succession]
    }

    /// The signature to record.
    var signatureDate: CalendarDate? { signatureDropped ? nil : stateSignature.date }

    /// Reads one record.
    /// - Throws: ``CellError`` for the first fault of the row, located.
    init(_ cells: Cells) throws(CellError) {
        row = cells.row
        manyID = try cells.text("manyID")
        guard !manyID.isEmpty else {
            throw CellError(refusal: cells.refusal("manyID", .missingColumn, "manyID is empty"))
        }
        treatyID = try cells.optionalText("treatyID")
        stateID = try cells.text("stateID")
        guard let (code, organisation) = Entities.code(for: stateID) else {
            throw CellError(
                refusal: cells.refusal(
                    "stateID", .unknownCode,
                    "stateID '\(stateID)' is not an ISO 3166-1 alpha-3 code, a former code ISO 3166-3 keeps, or an organisation the import knows; the treaty format cannot declare another State (docs/import.md)"
                ))
        }
        self.code = code
        self.organisation = organisation
        title = try cells.text("Title")
        begin = try cells.date("Begin")
        signature = try cells.date("Signature")
        force = try cells.date("Force")
        end = try cells.date("End")
        stateSignature = try cells.date("stateSignature")
        stateRat = try cells.date("stateRat")
        stateForce = try cells.date("stateForce")
        stateWithdrawal = try cells.date("stateWithdrawal")
        stateWithdrawalNotified = try cells.date("stateWithdrawalNotified")
        accession = try cells.date("Accession")
        acceptance = try cells.date("Acceptance")
        succession = try cells.date("Succession")
        var references: [(key: String, value: String)] = []
        for (column, key) in [("gengID", "geng"), ("ecolexID", "ecolex"), ("ieaID", "iea")] {
            if let value = try cells.optionalText(column) { references.append((key, value)) }
        }
        self.references = references
        let acts = [
            ("stateSignature", stateSignature), ("stateRat", stateRat), ("Accession", accession),
            ("Acceptance", acceptance), ("Succession", succession),
        ]
        for (column, value) in acts where value == .open {
            throw CellError(
                refusal: cells.refusal(
                    column, .invalidDate,
                    "\(column): 31.12.9999 (open-ended) where the date of an act is expected"))
        }
        try readConsent(cells)
    }

    /// The form and date of the consent, from `Succession`, `Accession`, `Acceptance` or `stateRat`.
    private mutating func readConsent(_ cells: Cells) throws(CellError) {
        if let date = succession.date {
            consent = (.succession, date, "Succession")
            if let rat = stateRat.date, rat != date {
                consentRemark = "stateRat gives \(rat), read as the predecessor's consent"
            }
            if stateSignature.date != nil {
                signatureDropped = true
                consentRemark = [
                    consentRemark, "stateSignature \(stateSignature.date!) (the predecessor's) not imported",
                ]
                .compactMap { $0 }.joined(separator: "; ")
            }
            return
        }
        let forms = [("Accession", accession, Event.ConsentForm.accession), ("Acceptance", acceptance, .acceptance)]
            .compactMap { column, value, form in value.date.map { (column, $0, form) } }
        if forms.count > 1 {
            throw CellError(
                refusal: cells.refusal(
                    forms[1].0, .severalForms,
                    "Accession (\(forms[0].1)) and Acceptance (\(forms[1].1)) both give a consent; the import does not guess which"
                ))
        }
        if let (column, date, form) = forms.first {
            if let rat = stateRat.date, rat != date {
                throw CellError(
                    refusal: cells.refusal(
                        column, .conflictingDates,
                        "\(column) gives \(DateValue.manydata(date)) and stateRat \(DateValue.manydata(rat)) for the same consent"
                    ))
            }
            consent = (form, date, column)
        } else if let date = stateRat.date {
            consent = (.ratification, date, "stateRat")
        }
    }
}
