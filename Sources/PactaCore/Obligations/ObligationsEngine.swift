/// The obligations engine: from coded provisions and a scenario (an armed attack by A on B on date D),
/// every duty triggered under the treaties in force for those States on that date, what does not trigger and
/// why, the chain of duties that follows (``ChainRules``), and the claims on record. Pure and deterministic.
public struct ObligationsEngine: Sendable {
    public let corpus: Corpus
    private let lifecycle: Lifecycle
    /// The treaties (positions in `corpus.treaties`) that name each State anywhere, for provisions with triggers.
    private let treatiesNaming: [PartyCode: [Int]]
    /// The treaties (positions) whose log holds a declaration limiting a party's duty to some attackers
    /// (`attacker-kind`): only these are searched for one.
    private let limiting: Set<Int>

    public init(corpus: Corpus) {
        self.corpus = corpus
        self.lifecycle = Lifecycle(corpus: corpus)
        var naming: [PartyCode: [Int]] = [:]
        // An amending treaty's provisions operate only as the amended treaty's text (``Treaty/amends``).
        for (position, treaty) in corpus.treaties.enumerated()
        where treaty.amends == nil && treaty.provisions.contains(where: { $0.trigger != nil }) {
            var codes = Set(treaty.negotiatingStates)
            for event in treaty.events { codes.formUnion(event.parties) }
            for provision in treaty.provisions { codes.formUnion(provision.trigger?.protects ?? []) }
            for code in codes { naming[code, default: []].append(position) }
        }
        self.treatiesNaming = naming
        self.limiting = Set(
            corpus.treaties.indices.filter { position in
                corpus.treaties[position].events.contains { event in
                    if case .declaration(_, _, _, _, let kinds) = event.kind { return !kinds.isEmpty }
                    return false
                }
            })
    }

    /// A scenario event with the round it belongs to and the links that led to it.
    private struct Step {
        var event: Scenario.Event
        var round: Int
        var links: [ScenarioResult.Link]
    }

    /// Every duty the scenario triggers, round by round when `scenario.chain` is set.
    /// - Complexity: O(rounds × events × provisions) after one status computation per treaty.
    public func evaluate(_ scenario: Scenario) -> ScenarioResult {
        // Statuses are computed once per treaty, and only for treaties that name a State of the scenario.
        let statuses = StatusCache(corpus: corpus, lifecycle: lifecycle, on: scenario.on)
        var result = ScenarioResult(
            on: scenario.on, events: [], duties: [], notTriggered: [], claims: [],
            chainRules: scenario.chain ? scenario.rules.description : [])
        var seenDuties = Set<String>()
        var seenNotes = Set<String>()
        var entered = Set<PartyCode>()
        var round = scenario.events.map { Step(event: $0, round: 0, links: []) }
        var number = 0
        while !round.isEmpty, number <= scenario.rules.maximumRounds {
            var next: [Step] = []
            for step in round {
                result.events.append((step.event, step.round))
                let found = duties(for: step, statuses: statuses)
                for note in found.notTriggered where seenNotes.insert(Self.key(note)).inserted {
                    result.notTriggered.append(note)
                }
                for duty in found.duties {
                    let key = "\(duty.bearer)|\(duty.beneficiary)|\(duty.treaty)|\(duty.provision)"
                    guard seenDuties.insert(key).inserted else { continue }
                    result.duties.append(duty)
                    // Rule 1: a defence duty draws its bearer in against the attacker.
                    guard scenario.chain, duty.category == .defense, step.event.kind != .threatOfAttack,
                        !entered.contains(duty.bearer), duty.bearer != step.event.by
                    else { continue }
                    entered.insert(duty.bearer)
                    let link = ScenarioResult.Link(
                        bearer: duty.bearer, beneficiary: duty.beneficiary, treaty: duty.treaty, article: duty.article)
                    if scenario.rules.entryIsArmedAttack {
                        next.append(
                            Step(
                                event: Scenario.Event(
                                    kind: .armedAttack, by: duty.bearer, against: step.event.by,
                                    place: step.event.effectivePlace),
                                round: step.round + 1, links: step.links + [link]))
                    } else {
                        for note in chainRuleNotes(
                            entrant: duty.bearer, link: link, attacker: step.event.by, statuses: statuses)
                        where seenNotes.insert(Self.key(note)).inserted {
                            result.notTriggered.append(note)
                        }
                    }
                }
            }
            round = next
            number += 1
        }
        result.claims = claims(
            treaties: Set(result.duties.map(\.treaty) + result.notTriggered.map(\.treaty)), through: scenario.on)
        var asked: [PartyCode] = []
        for event in scenario.events where !asked.contains(event.against) { asked.append(event.against) }
        result.coverage = Coverage(
            corpus: corpus, states: asked, on: scenario.on, used: Set(result.duties.map(\.treaty)))
        return result
    }

    private static func key(_ note: ScenarioResult.NotTriggered) -> String {
        "\(note.treaty)|\(note.article)|\(note.bearer?.rawValue ?? "")|\(note.reason)"
    }

    // MARK: - One event

    /// Statuses on the scenario's date, computed on first use.
    final class StatusCache: @unchecked Sendable {
        // @unchecked: used by one evaluation on one thread, never shared.
        let corpus: Corpus
        let lifecycle: Lifecycle
        let on: CalendarDate
        /// By the treaty's position in `corpus.treaties`: no hashing of ids.
        private var cache: [TreatyStatus?]
        init(corpus: Corpus, lifecycle: Lifecycle, on: CalendarDate) {
            self.corpus = corpus
            self.lifecycle = lifecycle
            self.on = on
            self.cache = Array(repeating: nil, count: corpus.treaties.count)
        }
        subscript(position: Int) -> TreatyStatus {
            if let status = cache[position] { return status }
            // The treaty's own status: its amendments are read apart (``amendments(_:)``), pair by pair.
            let status = lifecycle.ownStatus(of: corpus.treaties[position], on: on, explain: false)
            cache[position] = status
            return status
        }
        private var amendmentCache: [Int: [(treaty: Treaty, status: TreatyStatus)]] = [:]
        /// The amendments of the treaty at `position` with their statuses (``Lifecycle/amendments(of:on:)``).
        func amendments(_ position: Int) -> [(treaty: Treaty, status: TreatyStatus)] {
            if let found = amendmentCache[position] { return found }
            let found = lifecycle.amendments(of: corpus.treaties[position], on: on)
            amendmentCache[position] = found
            return found
        }
    }

    /// A provision to weigh: the treaty's own, or one of an amending treaty in force (``Treaty/amends``) that
    /// replaces the treaty's provisions of its article between the States bound by the amendment.
    private struct Candidate {
        var provision: Provision
        /// The amending treaty's id, for a provision of an amendment.
        var amendment: String?
    }

    /// The treaty's provisions and those of its amendments in force that replace them.
    private func candidates(_ treaty: Treaty, amendments: [(treaty: Treaty, status: TreatyStatus)]) -> [Candidate] {
        var list = treaty.provisions.map { Candidate(provision: $0, amendment: nil) }
        for (amendment, status) in amendments where status.status == .inForce {
            guard let amends = amendment.amends else { continue }
            list += amendment.provisions.filter { amends.articles.contains($0.article) }.map {
                Candidate(provision: $0, amendment: amendment.id)
            }
        }
        return list
    }

    /// Which candidate governs `article` between `bearer` and `target`: the amendment last in force that binds
    /// both (`applies`), else the original; and the words that say so (VCLT art. 40(4)).
    private func version(
        of candidate: Candidate, article: String, choices: [VersionChoice]
    ) -> (governs: Bool, words: String?) {
        let covering = choices.filter { $0.articles.contains(article) }
        let governing = covering.last { $0.applies }
        switch (candidate.amendment, governing) {
        case (nil, nil): return (true, covering.last.map { "Art. \(article) \($0.explanation)" })
        case (nil, _?): return (false, nil)
        case (let amendment?, let governing?):
            return governing.amendment == amendment ? (true, "Art. \(article) \(governing.explanation)") : (false, nil)
        case (_?, nil): return (false, nil)
        }
    }

    private func duties(for step: Step, statuses: StatusCache)
        -> (duties: [ScenarioResult.Duty], notTriggered: [ScenarioResult.NotTriggered])
    {
        var duties: [ScenarioResult.Duty] = []
        var notes: [ScenarioResult.NotTriggered] = []
        let event = step.event
        let target = event.against
        let attacker = event.by
        let scenarioDate = statuses.on
        // Only treaties that name the target anywhere can concern it.
        for position in treatiesNaming[target] ?? [] {
            let treaty = corpus.treaties[position]
            let status = statuses[position]
            let amendments = corpus.amendments(of: treaty.id).isEmpty ? [] : statuses.amendments(position)
            // Which text binds each bearer and the target: weighed once per bearer, whatever the provisions.
            var choices: [PartyCode: [VersionChoice]] = [:]
            func versions(_ bearer: PartyCode) -> [VersionChoice] {
                if let known = choices[bearer] { return known }
                let found = lifecycle.versions(of: treaty, status, between: bearer, and: target, amendments: amendments)
                choices[bearer] = found
                return found
            }
            for candidate in candidates(treaty, amendments: amendments) {
                let provision = candidate.provision
                guard let trigger = provision.trigger, provision.category != .other, provision.category != .cooperation
                else { continue }
                // A State the trigger protects by name (Pacta extension) need not be a party (Rio Treaty art. 3).
                let protected = trigger.protects.contains(target)
                guard trigger.against == "any-party" || trigger.against == target.rawValue || protected else {
                    continue
                }
                let article = provision.article
                let otherStates = status.states.map(\.code).filter { $0 != target && $0 != attacker }
                func note(_ reason: String, _ explanation: String, bearer: PartyCode? = nil) {
                    notes.append(
                        ScenarioResult.NotTriggered(
                            reason: reason, treaty: treaty.id, article: article,
                            bearer: bearer ?? (otherStates.count == 1 ? otherStates[0] : nil), explanation: explanation)
                    )
                }
                // Is the treaty in force for the target on the date?
                let targetRow = status.state(target)
                let targetIsParty = targetRow?.status == .party
                guard status.status == .inForce, targetIsParty || protected else {
                    note("not-in-force", notInForce(treaty: treaty, status: status, code: target))
                    continue
                }
                guard Self.meets(trigger.event, event.kind) else {
                    note(
                        "trigger-not-met",
                        "Art. \(article) answers \(trigger.event.replacingDashes); the scenario has \(event.kind.rawValue.replacingDashes) on \(target)."
                    )
                    continue
                }
                let parties = Set(status.states.filter { $0.status == .party }.map(\.code))
                if trigger.by.contains("non-party"), parties.contains(attacker) {
                    note(
                        "trigger-not-met",
                        "Art. \(article) answers an attack by a State not party to the treaty; \(attacker) is a party.")
                    continue
                }
                if !trigger.by.contains("any-state"), !trigger.by.contains("non-party"),
                    !trigger.by.contains(attacker.rawValue)
                {
                    note(
                        "trigger-not-met",
                        "Art. \(article) answers an attack by \(trigger.by.joined(separator: ", ")), not by \(attacker)."
                    )
                    continue
                }
                let place = event.effectivePlace
                if let problem = regionProblem(trigger.region, place: place, parties: parties) {
                    note("outside-region", "Art. \(article): \(problem)")
                    continue
                }
                for bearer in bearers(provision.bearer, target: target, attacker: attacker, parties: parties) {
                    guard let bearerRow = status.state(bearer) else { continue }
                    let version =
                        amendments.isEmpty
                        ? (governs: true, words: nil)
                        : self.version(of: candidate, article: article, choices: versions(bearer))
                    guard version.governs else { continue }
                    if bearerRow.notInForceWith.contains(target) {
                        note(
                            "not-in-force",
                            treaty.kind == .bilateral
                                ? "\(bearer) and \(target) each hold the same party's side of this bilateral treaty, which binds each with the other party alone (Vienna Convention on Succession of States in respect of Treaties, 1978, art. 34(1))."
                                : "An objection precludes the treaty between \(bearer) and \(target) (VCLT art. 20(4)(b)).",
                            bearer: bearer)
                        continue
                    }
                    if let suspension = status.suspensions.first(where: {
                        $0.covers(article: article, between: bearer, and: target)
                    }) {
                        note("suspended", Self.suspended(suspension, article: article, bearer, target), bearer: bearer)
                        continue
                    }
                    var limit: String? = nil
                    if limiting.contains(position),
                        let declaration = Self.attackerLimit(in: treaty, by: bearer, article: article, on: scenarioDate)
                    {
                        guard case .declaration(_, _, _, _, let kinds) = declaration.kind else { continue }
                        let words =
                            "\(bearer)'s declaration of \(declaration.dateText) (\(declaration.id)) limits its duty under art. \(article) to an attack by a State that is \(kinds.joined(separator: " or "))"
                        if !event.attackerKinds.isEmpty, Set(kinds).isDisjoint(with: event.attackerKinds) {
                            note(
                                "limited",
                                "Art. \(article): \(words); the scenario describes \(attacker) as \(event.attackerKinds.joined(separator: ", ")), so the limit applies and \(bearer) bears no duty under it.",
                                bearer: bearer)
                            continue
                        }
                        limit =
                            event.attackerKinds.isEmpty
                            ? " \(words); the scenario does not say what kind of State \(attacker) is (attacker kind), so the duty holds only if it is."
                            : " \(words), as the scenario describes \(attacker)."
                    }
                    let since =
                        targetIsParty
                        ? [targetRow?.entryIntoForce, bearerRow.entryIntoForce].compactMap { $0 }.max()
                        : bearerRow.entryIntoForce
                    let binding =
                        targetIsParty
                        ? since.map { "; binding \(bearer) and \(target) since \($0)" } ?? ""
                        : since.map { "; binding \(bearer) since \($0)" } ?? ""
                    let protection =
                        targetIsParty
                        ? ""
                        : "; art. \(article) protects \(target), which is not a party (trigger against \(trigger.against))"
                    let lifecycleReason =
                        "\(treaty.id) in force since \(status.entryIntoForce?.description ?? "?")" + binding
                        + protection
                    let trigged =
                        "\(event.kind.rawValue.replacingDashes) by \(attacker) on \(target)"
                        + (event.place.map { " at \($0)" } ?? "")
                    duties.append(
                        ScenarioResult.Duty(
                            bearer: bearer, beneficiary: target, treaty: treaty.id, article: article,
                            provision: provision.id, category: provision.category, duty: provision.duty,
                            means: provision.means, timing: provision.timing, qualifiers: provision.qualifiers,
                            round: step.round, chain: step.links,
                            explanation: "\(lifecycleReason). Triggered by the \(trigged)." + (limit ?? "")
                                + (version.words.map { " \($0)." } ?? ""),
                            summary: provision.summary["en"], partialRecord: treaty.record == .partial,
                            amendedBy: candidate.amendment))
                }
            }
        }
        return (duties, notes)
    }

    /// The declaration by which `party` limits its duty under `article` to attacks by some kinds of State
    /// (`attacker-kind`), recorded on or before `date`; the latest where several.
    static func attackerLimit(in treaty: Treaty, by party: PartyCode, article: String, on date: CalendarDate) -> Event?
    {
        treaty.events.last { event in
            guard event.date <= date, case .declaration(let author, let articles, _, _, let kinds) = event.kind,
                author == party, !kinds.isEmpty
            else { return false }
            return articles.isEmpty || articles.contains(article)
        }
    }

    /// Why `bearer` owes `target` nothing under `article` while `suspension` lasts (VCLT arts. 57–58, 72(1)(a):
    /// a suspended treaty releases the parties concerned from performing it).
    static func suspended(
        _ suspension: TreatyStatus.Suspension, article: String, _ bearer: PartyCode, _ target: PartyCode
    )
        -> String
    {
        let what = suspension.articles.isEmpty ? "the treaty's operation" : "the operation of art. \(article)"
        let by: String
        switch (suspension.party, suspension.towards.isEmpty) {
        case (nil, _): by = "\(what) is suspended for every party"
        case (let party?, true): by = "\(party) suspended \(what) for itself"
        case (let party?, false):
            by = "\(party) suspended \(what) towards \(suspension.towards.map(\.rawValue).joined(separator: ", "))"
        }
        return
            "Art. \(article): \(by) since \(suspension.since) (\(suspension.event), as recorded; VCLT art. 72; its lawfulness is not judged here): "
            + "\(bearer)'s duty towards \(target) is suspended while it lasts."
    }

    /// Rule 4: which scenario events meet which triggers.
    static func meets(_ trigger: String, _ kind: Scenario.Event.Kind) -> Bool {
        switch (trigger, kind) {
        case ("armed-attack", .armedAttack), ("state-of-war", .armedAttack), ("state-of-war", .stateOfWar): true
        case ("threat-of-attack", _): true
        default: false
        }
    }

    private func bearers(_ bearer: String?, target: PartyCode, attacker: PartyCode, parties: Set<PartyCode>)
        -> [PartyCode]
    {
        switch bearer ?? "other-parties" {
        case "other-parties": parties.filter { $0 != target && $0 != attacker }.sorted()
        // A State bears no duty toward itself: "all parties" consult, the target among them, but the duty runs to it.
        case "all-parties": parties.filter { $0 != attacker && $0 != target }.sorted()
        case let code: parties.contains(PartyCode(code)) && PartyCode(code) != attacker ? [PartyCode(code)] : []
        }
    }

    /// Why `place` is outside the trigger's region, or `nil` where it is inside.
    private func regionProblem(_ region: String, place: String, parties: Set<PartyCode>) -> String? {
        switch region {
        case "anywhere": return nil
        case "territory-of-party":
            guard let state = Region.state(of: place), parties.contains(state) else {
                return "\(place) is not the territory of a party."
            }
            return nil
        default:
            guard let declared = corpus.regions[region] else {
                return "the region '\(region)' is not declared in regions.yaml, so no place can be shown to lie in it."
            }
            if declared.contains(place, parties: parties) { return nil }
            return "the attack at \(place) lies outside the region \(region)"
                + (declared.names["en"].map { " (\($0))" } ?? "") + "."
        }
    }

    private func notInForce(treaty: Treaty, status: TreatyStatus, code: PartyCode) -> String {
        switch status.status {
        case .notAdopted: return "\(treaty.id) is not yet signed on \(status.on)."
        case .terminated:
            return "\(treaty.id) ended on \(status.termination?.description ?? "?"); it binds no one on \(status.on)."
        case .notInForce:
            // What the whole record says happened later, so a reader sees how close it was.
            let later =
                status.entryIntoForce
                ?? lifecycle.status(of: treaty, on: CalendarDate(iso: "9999-12-31")!, explain: false).entryIntoForce
            // A partial record that fixes no date says what it lacks, not that the treaty never entered into force.
            let unknown =
                treaty.record == .partial
                ? "; its record does not show it in force, but the record is incomplete (record: partial), so it may be"
                : "; it has not entered into force"
            return "\(treaty.id) is not in force on \(status.on)"
                + (later.map { "; it entered into force on \($0), after the scenario's date" } ?? unknown)
                + "."
        case .inForce:
            let row = status.state(code)
            if let row, row.status == .withdrawn {
                return
                    "\(code) withdrew from \(treaty.id) with effect from \(row.withdrawal?.effective?.description ?? "?")."
            }
            let later = treaty.events.first { event in
                if case .consent(let party, _, _, _, _) = event.kind { return party == code && event.date > status.on }
                return false
            }
            return "\(code) is not a party to \(treaty.id) on \(status.on)"
                + (later.map { "; its \($0.typeName) is dated \($0.dateText)" }
                    ?? (row.map { " (\($0.status.rawValue))" } ?? ""))
                + (treaty.record == .partial && later == nil
                    ? "; the record is incomplete (record: partial), so its consent may be missing" : "")
                + "."
        }
    }

    /// Rule 2 (default): the attacker's partners are not drawn in by a State's entry; say so for each.
    private func chainRuleNotes(
        entrant: PartyCode, link: ScenarioResult.Link, attacker: PartyCode, statuses: StatusCache
    ) -> [ScenarioResult.NotTriggered] {
        var notes: [ScenarioResult.NotTriggered] = []
        for position in treatiesNaming[attacker] ?? [] {
            let treaty = corpus.treaties[position]
            let status = statuses[position]
            guard status.status == .inForce,
                status.state(attacker)?.status == .party
            else { continue }
            for provision in treaty.provisions where provision.category == .defense && provision.trigger != nil {
                for partner in status.states
                where partner.status == .party && partner.code != attacker && partner.code != entrant {
                    notes.append(
                        ScenarioResult.NotTriggered(
                            reason: "chain-rule", treaty: treaty.id, article: provision.article, bearer: partner.code,
                            explanation:
                                "\(entrant) enters the conflict against \(attacker) under \(link.treaty) art. \(link.article); by chain rule 2 that is collective self-defence, not an armed attack on \(attacker), so \(partner.code)'s duty under art. \(provision.article) to assist \(attacker) is not triggered (use --entry-is-attack to count the entry as an attack)."
                        ))
                }
            }
        }
        return notes
    }

    /// Invocations recorded on or before the scenario's date (a later claim is not yet known then).
    private func claims(treaties: Set<String>, through date: CalendarDate) -> [ScenarioResult.Claim] {
        var claims: [ScenarioResult.Claim] = []
        for id in treaties.sorted() {
            guard let treaty = corpus[id] else { continue }
            for event in treaty.events {
                if case .invocation(let party, let provision, let summary) = event.kind, event.date <= date {
                    claims.append(
                        ScenarioResult.Claim(
                            party: party, date: event.date, treaty: id, provision: provision, summary: summary,
                            event: event.id))
                }
            }
        }
        return claims
    }
}

extension String {
    /// `armed-attack` → `armed attack`.
    var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
