/// What a corpus claims to hold: its scope in words, the date its record runs to, and the States and
/// periods for which it claims to be complete. Read from the corpus's `corpus.yaml` (Pacta extension).
///
/// Answers use it to be honest: a question about a State and a date the corpus does not claim to cover
/// says so instead of answering "none", and a year after ``recordThrough`` is missing, not empty.
public struct CorpusScope: Sendable, Hashable {
    /// One claim of completeness: every treaty of ``categories`` binding any of ``states`` in the period.
    public struct Claim: Sendable, Hashable {
        /// The claim in words ("the States of Europe and North America").
        public var name: String
        /// The States it covers; `nil`: every State.
        public var states: Set<PartyCode>?
        public var from: CalendarDate
        public var to: CalendarDate
        /// Treaty categories it claims (`defense-pact`); empty: every category.
        public var categories: [String]
        public init(
            name: String, states: Set<PartyCode>?, from: CalendarDate, to: CalendarDate, categories: [String] = []
        ) {
            self.name = name
            self.states = states
            self.from = from
            self.to = to
            self.categories = categories
        }

        /// Whether the claim covers `state` on `date`.
        public func covers(_ state: PartyCode, on date: CalendarDate) -> Bool {
            from <= date && date <= to && (states?.contains(state) ?? true)
        }
    }

    /// The scope in words.
    public var description: String
    /// The last date the record was brought up to: events after it may exist and not be recorded.
    public var recordThrough: CalendarDate?
    public var claims: [Claim]

    public init(description: String, recordThrough: CalendarDate? = nil, claims: [Claim] = []) {
        self.description = description
        self.recordThrough = recordThrough
        self.claims = claims
    }

    /// The claims that cover every one of `states` on `date`; empty where the question lies outside the scope.
    public func claims(covering states: [PartyCode], on date: CalendarDate) -> [Claim] {
        if let recordThrough, date > recordThrough { return [] }
        return claims.filter { claim in states.allSatisfy { claim.covers($0, on: date) } }
    }
}
