import PactaCore

extension Questions {
    /// The allies of a State on a date, and what the answer rests on.
    public struct Allies: Sendable {
        public var state: PartyCode
        public var on: CalendarDate
        public var allies: [AllianceNetwork.Ally]
        /// The treaties bearing on the State, their partial records, and the corpus's declared scope.
        public var coverage: Coverage
    }

    /// The States bound with `state` on `date` by a pledge of an ATOP category, with the coverage of the answer.
    public func allies(of state: PartyCode, on date: CalendarDate, category: Provision.Category? = nil) -> Allies {
        let allies = network.allies(of: state, on: date, category: category)
        var coverage = Coverage(corpus: corpus, states: [state], on: date, used: Set(allies.map(\.treaty)))
        coverage.caveats =
            ceasedCaveats(state, on: date) + notYetCaveats(state, on: date) + coverage.caveats
            + suspensionCaveats(state, on: date) + faultyCaveats
        return Allies(state: state, on: date, allies: allies, coverage: coverage)
    }

    /// Where `state` had ceased by `date` by the corpus's successions (`successions.yaml`: continued by another
    /// State, or succeeded on its dissolution), one sentence that says when and by whom, so that an empty answer
    /// is not read as a record that lacks its alliances.
    func ceasedCaveats(_ state: PartyCode, on date: CalendarDate) -> [String] {
        let ending = corpus.successions.filter { $0.predecessor == state && $0.mode != .separation && $0.date <= date }
        guard let first = ending.map(\.date).min() else { return [] }
        let successors = ending.filter { $0.date == first }.map(\.successor.rawValue)
        let continued = ending.contains { $0.date == first && $0.mode == .continuation }
        let by =
            continued
            ? "continued by \(successors.joined(separator: ", ")), which holds its treaties from that date"
            : "succeeded by \(successors.joined(separator: ", ")), each bound by its own notification of succession"
        return [
            "\(state) ceased on \(first) (successions.yaml): \(by). A State that has ceased is bound by no treaty after that date: ask about \(successors.joined(separator: " or "))."
        ]
    }

    /// Where `state` was not yet a State of its own on `date` by the corpus's successions
    /// (``StateSuccession/notYetAState(_:on:in:)``), one sentence that says from when, and whom to ask about, so
    /// that an empty answer is not read as a record that lacks its alliances.
    func notYetCaveats(_ state: PartyCode, on date: CalendarDate) -> [String] {
        guard let first = StateSuccession.notYetAState(state, on: date, in: corpus.successions) else { return [] }
        let how =
            first.mode == .continuation
            ? "it continues \(first.predecessor) from \(first.date) (successions.yaml)"
            : "it became a State of its own on \(first.date), separating from \(first.predecessor) (successions.yaml)"
        return [
            "\(state) was not yet a State of its own on \(date): \(how). Its territory was \(first.predecessor)'s then: ask about \(first.predecessor)."
        ]
    }

    /// The duties a scenario triggers, with the coverage of the answer (``ScenarioResult/coverage``).
    public func scenario(_ scenario: Scenario) -> ScenarioResult {
        var result = obligations.evaluate(scenario)
        result.coverage?.caveats += faultyCaveats
        return result
    }

    /// Suspensions in effect on `date` that concern `state` (its own, one towards it, or one for every party), in
    /// treaties with pledges (``AllianceNetwork/bearsPledges(_:)``) that have not ended by then: the pledges they
    /// suspend are left out of the answer, and these sentences say so. The suspension of a treaty without pledges
    /// says nothing of an answer about allies.
    func suspensionCaveats(_ state: PartyCode, on date: CalendarDate) -> [String] {
        var caveats: [String] = []
        for treaty in corpus.treaties
        where treaty.events.contains(where: {
            if case .suspension = $0.kind { return true } else { return false }
        }) && network.bearsPledges(treaty) {
            let status = lifecycle.status(of: treaty, on: date, explain: false)
            // An ended treaty pledges nothing: its suspension no longer says anything of the answer.
            if let end = status.termination, end <= date { continue }
            for suspension in status.suspensions
            where suspension.party == nil || suspension.party == state || suspension.towards.contains(state) {
                let whom = suspension.whom
                let articles =
                    suspension.articles.isEmpty ? "" : " (art. \(suspension.articles.joined(separator: ", ")))"
                caveats.append(
                    "\(treaty.displayTitle) (\(treaty.id)): its operation\(articles) is suspended\(whom) since \(suspension.since) (\(suspension.event), as recorded; VCLT art. 72; its lawfulness is not judged here); the pledges it suspends are left out of this answer."
                )
            }
        }
        return caveats
    }

    /// The files with errors, where any: their treaties are read as far as they could be, or left out.
    var faultyCaveats: [String] {
        guard !faulty.isEmpty else { return [] }
        let names = faulty.sorted()
        return [
            "\(names.count) treaty file\(names.count == 1 ? " has" : "s have") errors ('pacta check' lists them): \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? " and \(names.count - 5) more" : ""); what they hold may be missing from this answer."
        ]
    }

    /// A dyad-year table and what it could not see.
    public struct Dyads: Sendable {
        public var rows: [AllianceNetwork.DyadYear]
        /// The last year given: the one asked for, or the year the corpus's record runs to.
        public var through: Int
        /// States left out for want of a COW code.
        public var skipped: [PartyCode]
        /// Where the table stops early, which treaties it used have a partial record, who was left out.
        public var caveats: [String]
    }

    /// Dyad-years from `first` to `last` (COW and ATOP conventions), stopping at the year the corpus's record runs
    /// to: later years are missing, not years without alliances.
    public func dyads(from first: Int, to last: Int, directed: Bool) -> Dyads {
        var caveats: [String] = []
        var through = last
        if let recorded = corpus.scope?.recordThrough, recorded.year < last {
            through = recorded.year
            caveats.append(
                "The corpus's record runs to \(recorded): the table stops at \(through); later years are missing, not years without alliances."
            )
        }
        let (rows, skipped) =
            through >= first ? network.dyadYears(from: first, to: through, directed: directed) : ([], [])
        let used = Set(rows.flatMap(\.treaties))
        let partial = corpus.treaties.filter { used.contains($0.id) && $0.record == .partial }.map(\.id)
        if !partial.isEmpty {
            caveats.append(
                "Rows from treaties whose record is incomplete (record: partial) may be wrong or missing: \(partial.joined(separator: ", "))."
            )
        }
        if !skipped.isEmpty {
            caveats.append("No COW code for \(skipped.map(\.rawValue).joined(separator: ", ")); left out of the dyads.")
        }
        return Dyads(rows: rows, through: max(through, first - 1), skipped: skipped, caveats: caveats)
    }

    /// A State's page: its status under every treaty that names it, its allies and their coverage, and its
    /// allies over time.
    public struct StateOverview: Sendable {
        public var code: PartyCode
        public var on: CalendarDate
        /// Each treaty naming the State, with the treaty's status and the State's row.
        public var memberships:
            [(treaty: Treaty, status: TreatyStatus.Value, termination: CalendarDate?, row: StateStatus)]
        public var allies: Allies
        public var spans: [AllianceNetwork.AllySpan]
    }

    /// Everything a State's page and the API's State document show.
    public func overview(of code: PartyCode, on date: CalendarDate) -> StateOverview {
        var memberships: [(Treaty, TreatyStatus.Value, CalendarDate?, StateStatus)] = []
        // Stops early where the asking task is cancelled (see ``list(on:asKnownOn:)``).
        for treaty in corpus.treaties where Coverage.names(treaty, any: [code]) {
            if Task.isCancelled { break }
            let status = lifecycle.status(of: treaty, on: date, explain: false)
            guard let row = status.state(code) else { continue }
            memberships.append((treaty, status.status, status.termination, row))
        }
        return StateOverview(
            code: code, on: date, memberships: memberships, allies: allies(of: code, on: date),
            spans: network.allySpans(of: code, through: date))
    }
}
