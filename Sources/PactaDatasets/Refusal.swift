import PactaTables

/// Why a row of COW's or ATOP's tables was refused: the key the summary groups on, and its words.
public enum AllianceRefusalReason: String, RefusalReason {
    case missingColumn = "missing column"
    case invalidDate = "date that does not exist or is not a number"
    case unknownCode = "unknown country code"
    case outOfOrder = "end before start, or a member before its alliance"
    case reducedStart = "alliance whose start has no day (the treaty format needs a full date of adoption)"
    case unknownAlliance = "member of an alliance the alliance table does not list"
    case conflictingAlliance = "rows of one alliance that give it different dates"
    case duplicateMember = "member given again for days it is already a member"
}

/// A row of COW's or ATOP's tables that was not imported, with where and why: `file:row:column: message` (see
/// ``PactaTables/Refusal``).
public typealias Refusal = PactaTables.Refusal<AllianceRefusalReason>
