import PactaTables

/// Why a row of a manydata table was refused: the key the summary groups on, and its words.
public enum ManydataRefusalReason: String, RefusalReason {
    case missingColumn = "missing column (the row has fewer fields than the header)"
    case extraFields = "fields past the header's last column (a comma in a value that is not quoted?)"
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

/// A row of a manydata table that was not imported, with where and why: `file:row:column: message` (see
/// ``PactaTables/Refusal``).
public typealias Refusal = PactaTables.Refusal<ManydataRefusalReason>
