/// A succession of States recorded once for the whole corpus (`successions.yaml`, Pacta extension): who
/// succeeded whom, how, on which date, and the source. Every treaty reads it: a notification of succession
/// takes effect from the date of succession, and a continuing State carries on its predecessor's status,
/// without each treaty file repeating the event.
///
/// Source: Vienna Convention on Succession of States in respect of Treaties (1978), arts. 17, 23 and 34–36: a
/// newly independent State's or a separated State's notification of succession takes effect from the date of
/// the succession of States, or from the treaty's entry into force if that is later.
public struct StateSuccession: Sendable, Hashable {
    public var predecessor: PartyCode
    public var successor: PartyCode
    /// As in a `state-succession` event: `continuation` (the successor continues the predecessor),
    /// `succession` (the predecessor ceases; the successor takes part by its own notification: dissolution,
    /// unification), `separation` (the predecessor continues; a separated or newly independent State notifies).
    public var mode: Event.SuccessionMode
    /// The date of the succession of States.
    public var date: CalendarDate
    /// Where the date comes from.
    public var source: Treaty.Source?
    /// The source's key in `successions.yaml`.
    public var sourceKey: String?
    public var note: String?

    public init(
        predecessor: PartyCode, successor: PartyCode, mode: Event.SuccessionMode, date: CalendarDate,
        source: Treaty.Source? = nil, sourceKey: String? = nil, note: String? = nil
    ) {
        self.predecessor = predecessor
        self.successor = successor
        self.mode = mode
        self.date = date
        self.source = source
        self.sourceKey = sourceKey
        self.note = note
    }
}

extension Treaty {
    /// The treaty with the corpus's successions that bear on it added as `state-succession` events, where the file
    /// records none for that pair (a file's own event wins). A succession bears on the treaty where its predecessor
    /// takes part in it, or its successor notifies succession to it. Each added event cites the table's source,
    /// added to the treaty's sources under `successions:<key>`.
    ///
    /// An added event can name a State another succession concerns (Montenegro's notification of succession to
    /// the Rome Statute names Serbia and Montenegro, which Serbia continues from 2006-06-03): the table is applied
    /// again until nothing more bears, so that applying it to a treaty already read with it changes nothing (a
    /// server that read a stored treaty and applied the table again answered otherwise than the command line).
    /// - Complexity: O(events + successions) per round; a round adds at least one succession, so at most as many
    ///   rounds as successions bear on the treaty, and one round where none does.
    public func applying(_ successions: [StateSuccession]) -> Treaty {
        var current = self
        while true {
            let next = current.applyingOnce(successions)
            if next.events.count == current.events.count { return next }
            current = next
        }
    }

    /// One round of ``applying(_:)``: the successions that bear on the treaty as it is.
    private func applyingOnce(_ successions: [StateSuccession]) -> Treaty {
        guard !successions.isEmpty else { return self }
        var named = Set(negotiatingStates)
        var notifying = Set<PartyCode>()
        var recorded = Set<String>()
        for event in events {
            named.formUnion(event.parties)
            switch event.kind {
            case .consent(let party, .succession, _, _, _): notifying.insert(party)
            case .stateSuccession(let predecessor, let successor, _):
                recorded.insert("\(predecessor)>\(successor)")
            default: break
            }
        }
        // What the file records ending a predecessor (a succession or continuation of its own).
        var ended = Set<PartyCode>()
        for event in events {
            if case .stateSuccession(let predecessor, _, let mode) = event.kind, mode != .separation {
                ended.insert(predecessor)
            }
        }
        // The first entry that ends each predecessor (continuation, dissolution, unification), by date.
        var ending: [PartyCode: StateSuccession] = [:]
        for succession in successions.sorted(by: { $0.date < $1.date }) where succession.mode != .separation {
            if ending[succession.predecessor] == nil { ending[succession.predecessor] = succession }
        }
        let relevant = successions.filter { succession in
            guard !recorded.contains("\(succession.predecessor)>\(succession.successor)") else { return false }
            // A successor that notifies succession to this treaty needs its date.
            if notifying.contains(succession.successor) { return true }
            // A separation changes nothing for a treaty its successor takes no part in.
            guard succession.mode != .separation, named.contains(succession.predecessor) else { return false }
            // A continuation carries the predecessor on; otherwise only the entry that ends it, where the file
            // does not end it itself (the other successors take part by their own notifications).
            return succession.mode == .continuation
                || (!ended.contains(succession.predecessor) && ending[succession.predecessor] == succession)
        }
        guard !relevant.isEmpty else { return self }
        var copy = self
        var added: [Event] = []
        for succession in relevant {
            let key = succession.sourceKey.map { "successions:\($0)" }
            if let key, let source = succession.source, copy.sources[key] == nil { copy.sources[key] = source }
            added.append(
                Event(
                    id: "\(id)-successions-\(succession.predecessor)-\(succession.successor)", date: succession.date,
                    kind: .stateSuccession(
                        predecessor: succession.predecessor, successor: succession.successor, mode: succession.mode),
                    source: key,
                    note: "From the corpus's table of successions (successions.yaml)"
                        + (succession.source?.title.map { ": \($0)" } ?? "") + "."))
        }
        copy.events += added
        return copy
    }
}

extension StateSuccession {
    /// The succession by which `state` came to be a State of its own after `date`, where the record says so: it
    /// continues a predecessor under its own code (continuation: the Russian Federation from 1991-12-25) or
    /// separated from one (separation: Kazakhstan from 1991-12-16), and no succession has it a successor on or
    /// before `date`. On `date` its territory was the predecessor's, so a question about it is one about the
    /// predecessor. `nil` where the record does not say it was not yet a State: a successor by dissolution or
    /// unification is read the same way (`succession`) and may have existed before (Germany, 1990).
    /// - Parameter successions: the corpus's successions (`successions.yaml`).
    public static func notYetAState(_ state: PartyCode, on date: CalendarDate, in successions: [StateSuccession])
        -> StateSuccession?
    {
        let own = successions.filter { $0.successor == state }
        guard !own.contains(where: { $0.date <= date }) else { return nil }
        return own.filter { $0.mode == .continuation || $0.mode == .separation }.min { $0.date < $1.date }
    }
}
