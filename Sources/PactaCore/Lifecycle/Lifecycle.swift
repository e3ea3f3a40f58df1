import Synchronization

/// The lifecycle engine: from a treaty's rules and event log, the status of the treaty and of every
/// State on any date, with the derivation. Pure and deterministic: no clock, no I/O.
///
/// Legal sources: VCLT art. 24 (entry into force, and 24(3) for later consents), arts. 54–56
/// (termination and withdrawal; 56(2): twelve months' notice where the treaty is silent), art. 70
/// (consequences of termination), and the law of State succession for continuing States.
public struct Lifecycle: Sendable {
    /// Other treaties, for `treaty-in-force` conditions. May be empty.
    public let corpus: Corpus

    /// Ids of the treaties on a cycle of `treaty-in-force` conditions (A waits for B, B for A), worked out the
    /// first time a treaty with such conditions asks (an engine is made for each act the desk records, over
    /// corpora of thousands of treaties, most of which wait for none).
    var cyclic: Set<String> { cycles.value(corpus) }
    private let cycles = CycleCache()
    /// The compact form of the corpus's plain treaties, built the first time ``statusTable(on:)`` is asked.
    let compactLogs = CompactLogsCache()

    public init(corpus: Corpus = Corpus(treaties: [])) {
        self.corpus = corpus
    }

    /// The treaties from which a chain of `treaty-in-force` references leads back to themselves.
    /// - Complexity: O(t × r) for the t treaties with references, r references reachable from each.
    static func cycles(in corpus: Corpus) -> Set<String> {
        var edges: [String: [String]] = [:]
        for treaty in corpus.treaties {
            let references = treaty.rules.treatyReferences
            if !references.isEmpty { edges[treaty.id] = references }
        }
        var cyclic = Set<String>()
        for start in edges.keys {
            var seen = Set<String>()
            var stack = edges[start] ?? []
            while let next = stack.popLast() {
                if next == start {
                    cyclic.insert(start)
                    break
                }
                if seen.insert(next).inserted { stack += edges[next] ?? [] }
            }
        }
        return cyclic
    }

    /// The status of `treaty` and of every State on `date`.
    ///
    /// - Parameters:
    ///   - treaty: the treaty.
    ///   - date: the date asked about. Only events dated on or before it count; dates that follow from them
    ///     (entry into force after a delay, a withdrawal's effect) are given even where they lie after it.
    ///   - asKnownOn: where given, only events recorded on or before it count ("as known on").
    ///   - explain: `false` leaves the explanations empty, for bulk work that needs only dates and statuses
    ///     (lists, dyad tables); every date and status is the same either way.
    /// - Returns: the treaty's status, its date of entry into force and termination where fixed, and one
    ///   ``StateStatus`` per State named in the treaty or its log, negotiating States first.
    public func status(
        of treaty: Treaty, on date: CalendarDate, asKnownOn: CalendarDate? = nil, explain: Bool = true
    ) -> TreatyStatus {
        var status = ownStatus(of: treaty, on: date, asKnownOn: asKnownOn, explain: explain)
        if explain, let amends = treaty.amends {
            status.explanation.append(
                "Amends \(amends.treaty), art. \(amends.articles.joined(separator: ", ")): between two parties of \(amends.treaty) both bound by this treaty, its provisions for those articles replace the original ones; between others the original applies (VCLT art. 40(4))."
            )
        }
        if !corpus.amendments(of: treaty.id).isEmpty {
            status.amendments = amendmentStatuses(of: treaty, status, explain: explain)
            status.explanation += status.amendments.flatMap(\.explanation)
        }
        return status
    }

    /// ``status(of:on:asKnownOn:explain:)`` without the treaty's amendments (``TreatyStatus/amendments`` empty):
    /// what the amendments' own statuses are computed with, so that no chain of amendments is followed.
    func ownStatus(
        of treaty: Treaty, on date: CalendarDate, asKnownOn: CalendarDate? = nil, explain: Bool = true
    ) -> TreatyStatus {
        var status = Derivation(
            treaty: treaty, through: date, asKnownOn: asKnownOn, engine: self, depth: 0, explain: explain
        ).status(on: date)
        let imprecise = treaty.events.filter { $0.earliestDate != nil }
        if !imprecise.isEmpty {
            status.caveats = Array(
                Set(status.caveats + bounds(of: treaty, status, imprecise, on: date, asKnownOn: asKnownOn))
            ).sorted()
        }
        return status
    }

    /// Where the record dates acts only to a month or a year, the engine reads each at its latest possible day;
    /// these caveats give the earliest dates the same rules would give with each act at its earliest day, where
    /// they differ.
    private func bounds(
        of treaty: Treaty, _ latest: TreatyStatus, _ imprecise: [Event], on date: CalendarDate,
        asKnownOn: CalendarDate?
    ) -> [String] {
        var early = treaty
        early.events = LogArray(
            treaty.events.lazy.map { event in
                var copy = event
                // No act but a domestic step comes before the treaty's adoption, whatever the record's precision.
                if let earliest = event.earliestDate {
                    if case .domesticStep = event.kind {
                        copy.date = earliest
                    } else {
                        copy.date = max(earliest, treaty.adopted.date)
                    }
                }
                return copy
            })
        let other = Derivation(
            treaty: early, through: date, asKnownOn: asKnownOn, engine: self, depth: 0, explain: false
        ).status(on: date)
        let acts =
            imprecise.prefix(5).map { "\($0.id) (\($0.typeName) dated \($0.dateText))" }.joined(separator: ", ")
            + (imprecise.count > 5 ? " and \(imprecise.count - 5) more" : "")
        var caveats = [
            "The record dates some acts only to a month or a year: \(acts). Pacta reads each at its latest possible day, so the dates shown are the latest the record allows."
        ]
        if let early = other.entryIntoForce, let late = latest.entryIntoForce, early != late {
            caveats.append(
                "Entry into force lies between \(early) and \(late), as those acts fall in their month or year.")
        }
        for state in latest.states {
            guard let late = state.entryIntoForce, let early = other.state(state.code)?.entryIntoForce, early != late
            else { continue }
            caveats.append(
                "\(state.code): in force for it between \(early) and \(late) (acts dated only to a month or year).")
        }
        return caveats
    }

    /// Every recorded event and every computed date (entry into force, for the treaty and for each State,
    /// withdrawals taking effect, renewals and expiry), in date order.
    ///
    /// - Parameter through: the last date of interest; renewals of an open-ended chain are listed up to the
    ///   first one after it.
    public func timeline(of treaty: Treaty, through: CalendarDate) -> [TimelineEntry] {
        Derivation(treaty: treaty, through: nil, asKnownOn: nil, engine: self, depth: 0).timeline(through: through)
    }

    /// Only the computed dates of ``timeline(of:through:)``: the dates at once, the words of each when read.
    func computedDates(of treaty: Treaty, through: CalendarDate) -> [TimelineEntry] {
        Derivation(treaty: treaty, through: nil, asKnownOn: nil, engine: self, depth: 0, explain: false)
            .timeline(
                through: through, computedOnly: true, explained: ExplainedDerivation(treaty: treaty, engine: self))
    }

    /// The date `treaty` entered into force, as fixed by its events up to `date`, or `nil`.
    func entryIntoForce(of id: String, asOf date: CalendarDate, depth: Int) -> CalendarDate? {
        inForce(of: id, asOf: date, depth: depth)?.from
    }

    /// When `treaty` entered into force and when it ended for all, as fixed by its events up to `date`. `nil` for
    /// a treaty on a cycle of `treaty-in-force` conditions (no date can be computed; `pacta check` reports it),
    /// and past a depth of four.
    func inForce(of id: String, asOf date: CalendarDate, depth: Int) -> (from: CalendarDate, until: CalendarDate?)? {
        guard depth < 4, !cyclic.contains(id), let other = corpus[id] else { return nil }
        let derivation = Derivation(
            treaty: other, through: date, asKnownOn: nil, engine: self, depth: depth + 1, explain: false)
        return derivation.entryIntoForce.map { ($0, derivation.ending?.date) }
    }
}

/// ``Lifecycle/cyclic``, worked out once per engine, when first asked; shared by the engine's copies (their
/// corpus is the same).
private final class CycleCache: Sendable {
    private let cached = Mutex<Set<String>?>(nil)

    func value(_ corpus: Corpus) -> Set<String> {
        cached.withLock { cached in
            if let cached { return cached }
            let found = Lifecycle.cycles(in: corpus)
            cached = found
            return found
        }
    }
}
