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
    /// The member already listed for `code` whose period shares a day with `entry`...`exit` (`nil`: open), where
    /// there is one: a row given twice, or two memberships of one State that overlap. A later membership after an
    /// exit (a State that left and came back) shares no day and is kept. For COW's by-member table, where a row is
    /// a membership; ATOP's member table gives a membership in phases that meet on a day, merged elsewhere.
    func overlapping(_ member: Member) -> Member? {
        members.first { other in
            guard other.code == member.code else { return false }
            let otherEnd = other.exit?.latest ?? .latest
            let end = member.exit?.latest ?? .latest
            return member.entry.earliest <= otherEnd && other.entry.earliest <= end
        }
    }

    struct Member: Sendable {
        let code: PartyCode
        /// The data set's own code and name (`ccode 2 (United States of America)`), for notes.
        let label: String
        let entry: DatasetDate
        let exit: DatasetDate?
        let row: Int
        /// The obligations the data set codes for this member, where it codes them by member (COW's by-member
        /// table); `nil` where it codes them for the alliance (ATOP's alliance-level table).
        var obligations: Set<Alliance.Obligation>? = nil
    }

    let id: String
    let start: DatasetDate
    let end: DatasetDate?
    /// The obligations coded for the alliance, or for at least one of its members.
    var obligations: Set<Alliance.Obligation>
    var members: [Member]

    /// The members with a State's back-to-back spells joined into one: a spell that starts on, or the day after,
    /// the day the same party's previous spell ends continues it.
    ///
    /// ATOP cuts a membership at each phase of the alliance (NATO's first phase ends on 1951-06-19 and every
    /// founding member enters the second on that day), and COW ends the German Federal Republic (260) on
    /// 1990-10-02 and starts Germany (255) on 1990-10-03, both `DEU` here: neither is an exit and a new consent.
    /// Sorted by entry, then party.
    var spells: [Member] {
        var joined: [Member] = []
        for member in members.sorted(by: { ($0.code, $0.entry.earliest, $0.row) < ($1.code, $1.entry.earliest, $1.row) }
        ) {
            if let last = joined.last, last.code == member.code, let exit = last.exit,
                member.entry.earliest <= exit.latest.adding(days: 1)
            {
                let label = last.label == member.label ? last.label : "\(last.label) then \(member.label)"
                var laterExit = member.exit
                if let a = member.exit, a.latest < exit.latest { laterExit = exit }
                var obligations = last.obligations
                if let more = member.obligations { obligations = (obligations ?? []).union(more) }
                joined[joined.count - 1] = Member(
                    code: member.code, label: label, entry: last.entry, exit: laterExit, row: last.row,
                    obligations: obligations)
            } else {
                joined.append(member)
            }
        }
        return joined.sorted { ($0.entry.latest, $0.code, $0.row) < ($1.entry.latest, $1.code, $1.row) }
    }
}
