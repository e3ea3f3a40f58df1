/// A row of a data set that was not imported, with where and why: `file:row:column: message`.
///
/// `row` counts the lines of the table, the header being row 1; `column` counts from 1, and is 0 where the fault
/// is the row's as a whole. The message's wording may change; programs should group on ``reason``.
public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why a row was refused: the key the summary groups on.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        case missingColumn = "missing column"
        case invalidDate = "date that does not exist or is not a number"
        case unknownCode = "unknown country code"
        case outOfOrder = "end before start, or a member before its alliance"
        case reducedStart = "alliance whose start has no day (the treaty format needs a full date of adoption)"
        case unknownAlliance = "member of an alliance the alliance table does not list"
        case conflictingAlliance = "rows of one alliance that give it different dates or obligations"
    }

    public var file: String
    public var row: Int
    public var column: Int
    public var reason: Reason
    /// The sentence after `file:row:column:`.
    public var message: String

    public var description: String { "\(file):\(row):\(column): \(message)" }
}
