import Foundation
/// A row of the table that was not imported, with where and why: `file:row:column: message`.
///
/// `row` counts the records of the table, the header being row 1 (the line number, where no field spans lines);
/// `column` counts from 1, and is 0 where the fault is the row's as a whole. The message's wording may change;
/// programs should group on ``reason``.
public struct Refusal: Sendable, Hashable, CustomStringConvertible {
    /// Why a row was refused, the key the summary groups on.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        case missingColumn = "missing column (the row has fewer fields than the header)"
        case invalidDate = "date that does not exist or is not dd.mm.yyyy"
        case unknownCode = "stateID that is not an ISO 3166 code or a known organisation"
        case outOfOrder = "dates out of order (an act before the adoption, or an end before its start)"
        case conflictingDates = "columns that give the same act different dates"
        case severalForms = "several forms of consent (Accession, Acceptance) with different dates"
        case nothingDated = "no dated act (no signature, consent or withdrawal)"
        case severalTitles = "agreement whose rows carry different titles (several agreements under one manyID)"
        case conflictingAgreement = "agreement whose rows give different dates (Begin, Signature, Force)"
        case noAdoption = "agreement without a date of adoption (Begin and Signature are NA)"
        case duplicateState = "State with several rows in one agreement"
        case idTaken = "agreement whose id another manyID already gives"
        case check = "act the treaty-file check refuses"

        /// The order of the summary's ties.
        var order: Int { Self.allCases.firstIndex(of: self)! }
    }

    public var file: String
    public var row: Int
    public var column: Int
    public var reason: Reason
    /// The sentence after `file:row:column:`.
    public var message: String

    public init(file: String, row: Int, column: Int, reason: Reason, message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(file):\(row):\(column): \(message)" }
}
