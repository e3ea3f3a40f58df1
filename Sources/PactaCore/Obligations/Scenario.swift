/// A scenario: what happens, on which date, for the obligations engine to answer "who must do what".
public struct Scenario: Sendable, Hashable {
    /// One event of a scenario.
    public struct Event: Sendable, Hashable {
        /// The kinds of event a trigger can name.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case armedAttack = "armed-attack"
            case threatOfAttack = "threat-of-attack"
            case stateOfWar = "state-of-war"
        }

        public var kind: Kind
        public var by: PartyCode
        public var against: PartyCode
        /// The place: a State's code, an ISO 3166-2 subdivision (`US-HI`); `nil` means the target's territory.
        public var place: String?
        /// What kind of State the attacker is, in the words of parties' declarations that limit their duties to
        /// some attackers (`communist`: the United States' understanding of the Manila Pact); empty: not said.
        public var attackerKinds: [String]

        public init(
            kind: Kind, by: PartyCode, against: PartyCode, place: String? = nil, attackerKinds: [String] = []
        ) {
            self.kind = kind
            self.by = by
            self.against = against
            self.place = place
            self.attackerKinds = attackerKinds
        }

        /// Where it happens: the place given, else the target's territory.
        public var effectivePlace: String { place ?? against.rawValue }
    }

    public var on: CalendarDate
    public var events: [Event]
    /// Follow the chain of duties round by round (see ``ChainRules``).
    public var chain: Bool
    public var rules: ChainRules

    public init(on: CalendarDate, events: [Event], chain: Bool = false, rules: ChainRules = ChainRules()) {
        self.on = on
        self.events = events
        self.chain = chain
        self.rules = rules
    }
}

/// The rules by which one State's duty draws it into a conflict, and what its entry then triggers. They are
/// gathered here so that a reader can see them, disagree, and change them.
///
/// 1. *Who enters.* A State that bears a triggered duty of category `defense` is taken to enter the conflict
///    on the beneficiary's side, against the attacker. Consultation, neutrality and cooperation duties draw no
///    one in.
/// 2. *What the entry is* (``entryIsArmedAttack``). By default, entering a conflict to assist the victim of an
///    armed attack is collective self-defence (UN Charter art. 51), not an armed attack: it does not meet the
///    `armed-attack` or `state-of-war` triggers of the attacker's own allies, whose clauses answer an attack
///    *on* their partner. With `entryIsArmedAttack`, the entry counts as an armed attack by the entering State
///    on the original attacker.
/// 3. *Where.* A derived attack takes place where the scenario's attack did (the target's territory, or
///    `--where`), so region clauses such as North Atlantic Treaty art. 6 are judged on that place.
/// 4. *Triggers.* An armed attack on a party meets an `armed-attack` trigger and, for clauses that speak of a
///    party "in a state of war" after an attack, a `state-of-war` trigger; it also meets a `threat-of-attack`
///    trigger, a fortiori. A threat meets only `threat-of-attack` triggers.
/// 5. *End.* Each State enters once; rounds stop when a round adds no new duty, and after ``maximumRounds``.
public struct ChainRules: Sendable, Hashable {
    /// Rule 2: whether entering a conflict under a duty counts as an armed attack on the original attacker.
    public var entryIsArmedAttack: Bool
    /// Rule 5: the most rounds followed.
    public var maximumRounds: Int

    public init(entryIsArmedAttack: Bool = false, maximumRounds: Int = 10) {
        self.entryIsArmedAttack = entryIsArmedAttack
        self.maximumRounds = maximumRounds
    }

    /// The rules in words, as the output shows them.
    public var description: [String] {
        [
            "1. A State bearing a triggered defence duty enters the conflict on the beneficiary's side, against the attacker; consultation and neutrality duties draw no one in.",
            entryIsArmedAttack
                ? "2. Entering the conflict counts as an armed attack by the entering State on the original attacker (chosen with --entry-is-attack)."
                : "2. Entering the conflict is collective self-defence (UN Charter art. 51), not an armed attack: it does not trigger the attacker's allies' clauses, which answer an attack on their partner (--entry-is-attack to change).",
            "3. A derived attack takes place where the scenario's attack did; region clauses are judged on that place.",
            "4. An armed attack meets armed-attack, state-of-war and threat-of-attack triggers; a threat meets only threat-of-attack triggers.",
            "5. Each State enters once; rounds stop when nothing new is triggered (at most \(maximumRounds)).",
        ]
    }
}
