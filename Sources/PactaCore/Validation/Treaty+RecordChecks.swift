extension Treaty {
    /// A treaty's record issues (``Treaty/recordIssues(events:)``) kept from one appended act to the next, as the
    /// depositary's desk checks each act it records. The checks of the record judge an act against a few kinds of
    /// other acts only: signatures (a consent confirms one, VCLT art. 14(1)), consents (instrument numbers, the
    /// exchange of instruments, VCLT art. 16(a)), exchanges, state successions, denunciations and corrections. An
    /// act of any other kind (a domestic step, a reservation, a notification ...) changes no other act's issues,
    /// and its own depend on the log's state successions alone (who may act in a bilateral treaty, who has
    /// ceased), besides the act and the treaty's header: it is checked against those, and its check does not grow
    /// with the log. An act of those kinds, and any act of a log that holds a denunciation (whose check computes
    /// the State's status from the whole log), a correction or a termination, or of a treaty that ends by its term
    /// (each act is judged against the end), has the whole log checked again.
    public struct RecordChecks: Sendable {
        /// The issues of the log checked so far.
        public private(set) var issues: Set<RecordIssue>
        /// The log's state successions, in log order.
        private var successions: LogArray<Event>
        /// Whether the log holds a denunciation, a correction or a termination, or the treaty ends by its term: every
        /// act then has the whole log checked again.
        private var wholeLog: Bool

        /// The checks of `treaty`'s whole log.
        /// - Complexity: O(e) for the e events of the log, and the checks' own cost.
        public init(_ treaty: Treaty) {
            issues = Set(treaty.recordIssues())
            successions = LogArray(
                treaty.events.lazy.filter { if case .stateSuccession = $0.kind { true } else { false } })
            // A treaty that ends by its term: every act is judged against the end.
            wholeLog =
                treaty.endsByItsTerm
                || treaty.events.firstPosition(where: { Self.readsWholeLog($0.pointee.kind) }) != nil
        }

        /// Takes in `event`, the last event of `grown`, which is `treaty` (the treaty these checks were kept for)
        /// with it appended (``Treaty/appendEvent(_:)``).
        /// - Returns: the issues the event raises, in the order the checks find them: its own, and where it is of
        ///   a kind the checks read, those it raises for other events. Issues it settles are dropped from
        ///   ``issues``.
        /// - Complexity: O(s) for the s state successions of the log, where `event` is of no kind the checks read
        ///   and the log holds no denunciation or correction; else the whole log's check.
        public mutating func append(_ event: Event, treaty: Treaty, grown: Treaty) -> [RecordIssue] {
            let read = Self.isRead(event.kind)
            if read || wholeLog {
                let after = treaty.recordIssues(events: grown.events)
                let raised = after.filter { !issues.contains($0) }
                issues = Set(after)
                if case .stateSuccession = event.kind { successions.append(event) }
                if Self.readsWholeLog(event.kind) { wholeLog = true }
                return raised
            }
            var local = successions
            local.append(event)
            let own = treaty.recordIssues(events: local).filter { $0.event == event.id }
            issues.formUnion(own)
            return own
        }

        /// Whether a check reads acts of this kind when it judges other acts.
        static func isRead(_ kind: Event.Kind) -> Bool {
            switch kind {
            case .signature, .consent, .exchangeOfInstruments, .stateSuccession, .denunciation, .correction,
                .termination:
                true
            default: false
            }
        }

        /// Whether acts of this kind have every act's check read the whole log.
        static func readsWholeLog(_ kind: Event.Kind) -> Bool {
            switch kind {
            case .denunciation, .correction, .termination: true
            default: false
            }
        }
    }
}
