/// What an answer about some States on a date rests on, so that it can say what its record lacks: the
/// treaties of the corpus that bear on those States, which of them have a partial record, which were left out
/// though a missing record may hide that they bind, and whether the question lies in the corpus's declared
/// scope (``CorpusScope``).
///
/// An empty answer ("no ally", "no duty") means none only where the question lies in the scope and no treaty
/// bearing on it has a partial record; otherwise the answer says so.
public struct Coverage: Sendable, Hashable {
    /// The States asked about.
    public var states: [PartyCode]
    public var on: CalendarDate
    /// Ids of the treaties that name any of the States (as negotiating State, in an event, or in their
    /// documented parties), with a coded pledge of an ATOP category.
    public var bearing: [String]
    /// Of ``bearing``, those whose record is partial (`record: partial`).
    public var partial: [String]
    /// `nil` where the corpus declares no scope; else whether a claim of the scope covers every State asked
    /// about on the date.
    public var inScope: Bool?
    /// The names of the claims that cover the question.
    public var claims: [String]
    /// One sentence per treaty whose record weakens the answer, and one where the date lies after the record.
    public var caveats: [String]

    /// - Parameters:
    ///   - corpus: the corpus the answer was computed from.
    ///   - states: the States asked about.
    ///   - date: the date asked about.
    ///   - used: ids of the treaties the answer used (an ally's or a duty's treaty).
    /// - Complexity: one status (without explanations) per partial treaty bearing on the States.
    public init(corpus: Corpus, states: [PartyCode], on date: CalendarDate, used: Set<String>) {
        self.states = states
        self.on = date
        let lifecycle = Lifecycle(corpus: corpus)
        let wanted = Set(states)
        var bearing: [String] = []
        var partial: [String] = []
        var caveats: [String] = []
        for treaty in corpus.treaties
        where treaty.provisions.contains(where: { AllianceNetwork.categories.contains($0.category) }) {
            guard Coverage.names(treaty, any: wanted) else { continue }
            bearing.append(treaty.id)
            guard treaty.record == .partial else { continue }
            partial.append(treaty.id)
            let title = "\(treaty.displayTitle) (\(treaty.id))"
            if used.contains(treaty.id) {
                caveats.append(
                    "\(title): its record is incomplete (record: partial; see the file's note), so what this answer takes from it may be wrong."
                )
            } else {
                let status = lifecycle.status(of: treaty, on: date, explain: false)
                // A State that has ceased (a succession the record holds), or that was not yet a State of its own,
                // cannot be bound whatever else is missing.
                let unbound = states.filter {
                    let row = status.state($0)?.status
                    return row != .party && row != .ceased
                        && StateSuccession.notYetAState($0, on: date, in: corpus.successions) == nil
                }
                // A treaty not yet adopted, or ended by a recorded act, cannot bind them whatever else is missing.
                guard status.status != .notAdopted, status.status != .terminated, !unbound.isEmpty else { continue }
                caveats.append(
                    "\(title) was left out: on \(date) its record shows it \(status.status == .inForce ? "not binding \(unbound.map(\.rawValue).joined(separator: ", "))" : "not in force"), but the record is incomplete (record: partial), so it may bind them."
                )
            }
        }
        if let scope = corpus.scope {
            let covering = scope.claims(covering: states, on: date)
            inScope = !covering.isEmpty
            claims = covering.map(\.name)
            if let through = scope.recordThrough, date > through {
                caveats.append(
                    "The corpus's record runs to \(through): acts after that date may exist and not be recorded.")
            }
        } else {
            inScope = nil
            claims = []
        }
        self.bearing = bearing
        self.partial = partial
        self.caveats = caveats
    }

    /// Whether `treaty` names any of `states`: as a negotiating State, a party to an event, or a documented
    /// party.
    public static func names(_ treaty: Treaty, any states: Set<PartyCode>) -> Bool {
        if treaty.negotiatingStates.contains(where: states.contains) { return true }
        if case .listed(let codes) = treaty.documented?.parties, codes.contains(where: states.contains) { return true }
        return treaty.events.contains { $0.parties.contains(where: states.contains) }
    }

    /// The closing line of an answer: how many treaties bear on the States, and whether the question lies in
    /// the corpus's declared scope.
    public func sentence(scope: CorpusScope?) -> String {
        let who = states.map(\.rawValue).joined(separator: " and ")
        var text =
            "Coverage: \(bearing.count) treat\(bearing.count == 1 ? "y" : "ies") of the corpus with alliance pledges bear\(bearing.count == 1 ? "s" : "") on \(who)"
            + (partial.isEmpty ? "" : " (\(partial.count) with an incomplete record)") + "."
        switch inScope {
        case nil:
            text += " The corpus declares no scope (corpus.yaml), so an empty answer may mean not recorded."
        case true?:
            text += " The question lies within the corpus's declared scope (\(claims.joined(separator: "; ")))."
        case false?:
            let claims = scope?.claims.map(\.name).joined(separator: "; ") ?? ""
            text +=
                " The question lies outside what the corpus claims to hold completely (corpus.yaml\(claims.isEmpty ? "" : ": " + claims)): an empty answer means not recorded, not none."
        }
        return text
    }
}
