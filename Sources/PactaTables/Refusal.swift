/// Why an importer refused a row: the key its summary groups on, and the words the summary prints.
public protocol RefusalReason: RawRepresentable<String>, Sendable, Hashable, CaseIterable {}

/// A row of a data set's table that was not imported, with where and why: `file:row:column: message`.
///
/// `row` counts the records of the table, the header being row 1 (the line number, where no field spans lines);
/// `column` counts from 1, and is 0 where the fault is the row's as a whole. The message's wording may change;
/// programs should group on ``reason``.
public struct Refusal<R: RefusalReason>: Error, Sendable, Hashable, CustomStringConvertible {
    /// The importer's reasons.
    public typealias Reason = R

    /// The table's name, as given.
    public var file: String
    /// The row, the header being row 1.
    public var row: Int
    /// The column, from 1; 0 where the fault is the row's as a whole.
    public var column: Int
    /// Why: the key the summary groups on.
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

    /// How many of `refusals` each reason has, the reasons in their declared order, those with none left out.
    public static func counts(_ refusals: [Self]) -> [(reason: Reason, count: Int)] {
        var counts: [Reason: Int] = [:]
        for refusal in refusals { counts[refusal.reason, default: 0] += 1 }
        return Reason.allCases.compactMap { reason in counts[reason].map { (reason, $0) } }
    }
}
