/// The lifecycle engine: from a treaty's rules and event log, the status of the treaty and of every
/// State on any date, with the derivation. Pure and deterministic: no clock, no I/O.
///
/// Legal sources: VCLT art. 24 (entry into force, and 24(3) for later consents), arts. 54–56
/// (termination and withdrawal; 56(2): twelve months' notice where the treaty is silent), art. 70
/// (consequences of termination), and the law of State succession for continuing States.
public struct Lifecycle: Sendable {
    /// Other treaties, for `treaty-in-force` conditions. May be empty.
    public let corpus: Corpus

    public init(corpus: Corpus = Corpus(treaties: [])) {
        self.corpus = corpus
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
        Derivation(treaty: treaty, through: date, asKnownOn: asKnownOn, engine: self, depth: 0, explain: explain)
            .status(on: date)
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

    /// When `treaty` entered into force and when it ended for all, as fixed by its events up to `date`.
    func inForce(of id: String, asOf date: CalendarDate, depth: Int) -> (from: CalendarDate, until: CalendarDate?)? {
        guard depth < 4, let other = corpus[id] else { return nil }  // a cycle is reported by `pacta check`
        let derivation = Derivation(
            treaty: other, through: date, asKnownOn: nil, engine: self, depth: depth + 1, explain: false)
        return derivation.entryIntoForce.map { ($0, derivation.ending?.date) }
    }
}
