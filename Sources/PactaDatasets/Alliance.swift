import PactaCore

/// One alliance as a data set codes it: its id, dates, obligations and members, each member with the row it came
/// from.
struct Alliance: Sendable {
    /// An obligation the data set codes, as the treaty format's provision category.
    enum Obligation: String, Sendable, Hashable, CaseIterable, Comparable {
        case defense, offense, neutrality
        case nonAggression = "non-aggression"
        case consultation

        static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// A member's entry and exit, and where the data set names it.
    struct Member: Sendable {
        let code: PartyCode
        /// The data set's own code and name (`ccode 2, United States of America`), for notes.
        let label: String
        let entry: DatasetDate
        let exit: DatasetDate?
        let row: Int
    }

    let id: String
    let start: DatasetDate
    let end: DatasetDate?
    let obligations: Set<Alliance.Obligation>
    var members: [Member]
}
