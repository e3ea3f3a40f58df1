/// What a scenario triggers: duties, what does not trigger and why, and the claims on record.
/// Spec: "Scenario as JSON".
public struct ScenarioResult: Sendable, Hashable {
    /// One link of a chain of duties.
    public struct Link: Sendable, Hashable {
        public var bearer: PartyCode
        public var beneficiary: PartyCode
        public var treaty: String
        public var article: String
    }

    /// A duty a State bears under a provision, with the lifecycle reason the treaty binds it.
    public struct Duty: Sendable, Hashable {
        public var bearer: PartyCode
        public var beneficiary: PartyCode
        public var treaty: String
        public var article: String
        public var provision: String
        public var category: Provision.Category
        public var duty: String?
        public var means: [String]
        public var timing: String?
        public var qualifiers: [String]
        /// 0 for duties the scenario's own events trigger; n for duties reached through n links.
        public var round: Int
        /// The links that led here, oldest first.
        public var chain: [Link]
        /// Why the treaty binds both States on the date, and which event triggered the provision.
        public var explanation: String
        /// The provision's summary in the corpus's words.
        public var summary: String?
        /// Whether the treaty's record is partial (`record: partial`): the duty rests on an incomplete record.
        public var partialRecord: Bool = false
        /// The amending treaty whose text of the article applies between bearer and beneficiary (VCLT art.
        /// 40(4)), where one does; `nil`: the treaty's own text.
        public var amendedBy: String? = nil
    }

    /// A provision a reader would expect to apply that does not, and why.
    public struct NotTriggered: Sendable, Hashable {
        /// `not-in-force`, `outside-region`, `trigger-not-met`, `chain-rule`, `suspended` (the article's operation
        /// is suspended between the bearer and the State attacked, VCLT arts. 57–58), `limited` (the bearer's
        /// declaration limits its duty to attackers of a kind the scenario's attacker is not).
        public var reason: String
        public var treaty: String
        public var article: String
        public var bearer: PartyCode?
        public var explanation: String
    }

    /// A party's declaration on record that a provision's trigger is met: a claim, never a finding.
    public struct Claim: Sendable, Hashable {
        public var party: PartyCode
        public var date: CalendarDate
        public var treaty: String
        public var provision: String
        public var summary: String?
        public var event: String
    }

    public var on: CalendarDate
    /// The scenario's events, then the events the chain derived (with their round).
    public var events: [(event: Scenario.Event, round: Int)]
    public var duties: [Duty]
    public var notTriggered: [NotTriggered]
    public var claims: [Claim]
    /// The chain rules applied, in words (empty without `--chain`).
    public var chainRules: [String]
    /// What the answer rests on: the treaties bearing on the target and the attacker, their partial records,
    /// and the corpus's declared scope. Its ``Coverage/caveats`` name each treaty whose record weakens the answer.
    public var coverage: Coverage?

    public static func == (lhs: ScenarioResult, rhs: ScenarioResult) -> Bool {
        lhs.on == rhs.on && lhs.duties == rhs.duties && lhs.notTriggered == rhs.notTriggered && lhs.claims == rhs.claims
            && lhs.events.map(\.event) == rhs.events.map(\.event)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(on)
        hasher.combine(duties)
    }
}
