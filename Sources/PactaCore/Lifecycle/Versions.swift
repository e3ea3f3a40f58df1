/// Which text of a treaty binds two of its parties, where amending treaties exist (VCLT arts. 39–41).
///
/// An amending treaty (a file with ``Treaty/amends``) has its own lifecycle. On a date, between two parties of the
/// amended treaty:
/// - both bound by the amendment: the amended articles apply (art. 40(4), art. 30(4)(a));
/// - one bound and the other not: the original articles apply (art. 40(4), art. 30(4)(b));
/// - a State that became a party to the amended treaty after the amendment entered into force is bound by it,
///   unless it declared otherwise (a `declaration` with `not-bound-by`), in its relations with the States bound by
///   the amendment, and by the original text in its relations with the others (art. 40(5)).
///
/// Only amendments in force on the date count; amendments take effect in the order they entered into force.

/// Whether one State is bound by an amending treaty on a date, and why.
public struct AmendmentBond: Sendable, Hashable {
    public var bound: Bool
    /// Since when, where bound.
    public var since: CalendarDate?
    /// The reason, in words.
    public var reason: String
}

/// One amending treaty's bearing on the relations between two parties of the treaty it amends, on a date.
public struct VersionChoice: Sendable, Hashable {
    /// The amending treaty's id.
    public var amendment: String
    /// The articles it amends.
    public var articles: [String]
    /// Whether the amended articles apply between the two: both are bound by the amendment.
    public var applies: Bool
    /// Since when both are bound, where they are.
    public var since: CalendarDate?
    /// Why, in words, citing VCLT art. 40, to follow an article's number: "as amended by P, which binds A and B
    /// since D (VCLT art. 40(4))" or "in the original text: ...".
    public var explanation: String
}

/// An amending treaty as a status of the amended treaty reports it (``TreatyStatus/amendments``).
public struct AmendmentStatus: Sendable, Hashable {
    /// The amending treaty's id.
    public var treaty: String
    public var articles: [String]
    /// Its date of entry into force, where its events fix one.
    public var entryIntoForce: CalendarDate?
    /// Whether it is in force on the status date.
    public var inForce: Bool
    /// The parties of the amended treaty bound by it on the status date (VCLT art. 40(4)-(5)), sorted.
    public var bound: [PartyCode]
    public var explanation: [String]
}

extension Lifecycle {
    /// The amending treaties of `treaty` in the corpus with their statuses on `date`, in the order they entered
    /// into force (those not in force last, by adoption).
    public func amendments(of treaty: Treaty, on date: CalendarDate) -> [(treaty: Treaty, status: TreatyStatus)] {
        corpus.amendments(of: treaty.id).map { ($0, ownStatus(of: $0, on: date, explain: false)) }
            .sorted { ($0.status.entryIntoForce ?? .latest) < ($1.status.entryIntoForce ?? .latest) }
    }

    /// Whether `state` is bound on `date` by `amendment` (in force, with status `amendmentStatus`) in its
    /// relations under `treaty` (status `treatyStatus`): as a party to the amendment, or under VCLT art. 40(5)
    /// as a State that became a party to the treaty after the amendment entered into force and did not declare
    /// otherwise.
    public func bond(
        of state: PartyCode, to amendment: Treaty, _ amendmentStatus: TreatyStatus, under treaty: Treaty,
        _ treatyStatus: TreatyStatus
    ) -> AmendmentBond {
        let date = treatyStatus.on
        if let row = amendmentStatus.state(state), row.status == .party {
            return AmendmentBond(
                bound: true, since: row.entryIntoForce,
                reason: "\(state) is a party to \(amendment.id)"
                    + (row.entryIntoForce.map { " since \($0)" } ?? ""))
        }
        guard amendmentStatus.status == .inForce, let amendmentInForce = amendmentStatus.entryIntoForce else {
            return AmendmentBond(bound: false, since: nil, reason: "\(amendment.id) is not in force on \(date)")
        }
        let declaration = treaty.events.first { event in
            guard case .declaration(let party, _, _, let notBoundBy, _) = event.kind else { return false }
            return party == state && notBoundBy == amendment.id && event.date <= date
        }
        if let declaration {
            return AmendmentBond(
                bound: false, since: nil,
                reason:
                    "\(state) declared on \(declaration.dateText) that it is not bound by \(amendment.id) (\(declaration.id); VCLT art. 40(5))"
            )
        }
        if let joined = treatyStatus.state(state)?.entryIntoForce, joined > amendmentInForce,
            treatyStatus.state(state)?.status == .party
        {
            return AmendmentBond(
                bound: true, since: joined,
                reason:
                    "\(state) became a party to \(treaty.id) on \(joined), after \(amendment.id) entered into force on \(amendmentInForce), and is a party to the treaty as amended (VCLT art. 40(5)(a))"
            )
        }
        let partial = amendment.record == .partial ? " as recorded (its record is incomplete)" : ""
        return AmendmentBond(bound: false, since: nil, reason: "\(state) is not bound by \(amendment.id)\(partial)")
    }

    /// For each amendment of `treaty` in force on the status date, whether its articles apply between `a` and `b`
    /// (VCLT art. 40(4)); the amendments in the order they entered into force, so that where several amend one
    /// article the last one that applies governs.
    /// - Parameters:
    ///   - amendments: ``amendments(of:on:)`` of the treaty on the same date.
    public func versions(
        of treaty: Treaty, _ treatyStatus: TreatyStatus, between a: PartyCode, and b: PartyCode,
        amendments: [(treaty: Treaty, status: TreatyStatus)]
    ) -> [VersionChoice] {
        var choices: [VersionChoice] = []
        for (amendment, amendmentStatus) in amendments where amendmentStatus.status == .inForce {
            guard let amends = amendment.amends else { continue }
            let first = bond(of: a, to: amendment, amendmentStatus, under: treaty, treatyStatus)
            let second = bond(of: b, to: amendment, amendmentStatus, under: treaty, treatyStatus)
            if first.bound, second.bound {
                let since = [first.since, second.since].compactMap { $0 }.max()
                choices.append(
                    VersionChoice(
                        amendment: amendment.id, articles: amends.articles, applies: true, since: since,
                        explanation:
                            "as amended by \(amendment.id), which binds \(a) and \(b)"
                            + (since.map { " since \($0)" } ?? "") + " (VCLT art. 40(4))"))
            } else {
                let unbound = [first, second].first { !$0.bound }!
                choices.append(
                    VersionChoice(
                        amendment: amendment.id, articles: amends.articles, applies: false, since: nil,
                        explanation:
                            "in the original text: \(unbound.reason), so between \(a) and \(b) the text before \(amendment.id) applies (VCLT arts. 40(4), 30(4)(b))"
                    ))
            }
        }
        return choices
    }

    /// The amendments of `treaty` as its status on `status.on` reports them: each in force or not, the parties
    /// bound by it, and the rule (VCLT art. 40).
    func amendmentStatuses(of treaty: Treaty, _ status: TreatyStatus, explain: Bool) -> [AmendmentStatus] {
        amendments(of: treaty, on: status.on).compactMap { amendment, amendmentStatus in
            guard let amends = amendment.amends else { return nil }
            let articles = "Art. \(amends.articles.joined(separator: ", "))"
            guard amendmentStatus.status == .inForce else {
                let when: String
                switch amendmentStatus.status {
                case .terminated: when = "ended on \(amendmentStatus.termination?.description ?? "?")"
                case .notInForce, .notAdopted:
                    when =
                        amendmentStatus.entryIntoForce.map { "enters into force on \($0)" }
                        ?? "is not in force"
                case .inForce: when = ""
                }
                return AmendmentStatus(
                    treaty: amendment.id, articles: amends.articles, entryIntoForce: amendmentStatus.entryIntoForce,
                    inForce: false, bound: [],
                    explanation: explain
                        ? [
                            "\(articles) amended by \(amendment.id), which \(when): on \(status.on) the original text applies between all parties."
                        ] : [])
            }
            var bound: [PartyCode] = []
            var joiners: [String] = []
            for row in status.states where row.status == .party {
                let bond = bond(of: row.code, to: amendment, amendmentStatus, under: treaty, status)
                guard bond.bound else { continue }
                bound.append(row.code)
                if amendmentStatus.state(row.code)?.status != .party { joiners.append(bond.reason) }
            }
            bound.sort()
            var words: [String] = []
            if explain {
                words.append(
                    "\(articles) amended by \(amendment.id), in force since \(amendmentStatus.entryIntoForce?.description ?? "?"); bound by it on \(status.on): "
                        + (bound.isEmpty ? "none of the parties" : bound.map(\.rawValue).joined(separator: ", "))
                        + ". Between two States bound by it the amended text applies; between one of them and a party not bound, the original (VCLT art. 40(4))."
                )
                words += joiners.map { $0 + "." }
            }
            return AmendmentStatus(
                treaty: amendment.id, articles: amends.articles, entryIntoForce: amendmentStatus.entryIntoForce,
                inForce: true, bound: bound, explanation: words)
        }
    }
}
