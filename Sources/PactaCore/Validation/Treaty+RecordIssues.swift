/// A fault of the law in a treaty's record, found by ``Treaty/recordIssues(events:)``: which event, which of its
/// fields, and why, in a sentence. The file reader turns each into an error at `file:line:col`; the lifecycle
/// engine is not asked to compute from a record that has them.
public struct RecordIssue: Sendable, Hashable {
    /// The id of the event at fault.
    public var event: String
    /// The field of that event the fault is in (`date`, `party`, `successor`, `instrument-number` ...).
    public var field: String
    public var message: String
    /// `false` for a warning: the record is read, but a reviewer should look (a consent without a recorded
    /// signature, which depositaries do record).
    public var isError: Bool

    public init(event: String, field: String, message: String, isError: Bool = true) {
        self.event = event
        self.field = field
        self.message = message
        self.isError = isError
    }
}

extension Treaty {
    /// What the law does not allow in the treaty's record: parties of a bilateral treaty other than its
    /// negotiating States and their successors, acts before adoption, a consent that confirms no signature
    /// (VCLT art. 14(1)), successions that cannot be (a State succeeding itself or an organisation, acts after a
    /// State ceased), depositary numbers (`instrument-number`) that the recorded consents contradict, an exchange
    /// of instruments dated before a consent it exchanges (VCLT art. 16(a)), a denunciation by a State that
    /// is not a party on the day it is received (VCLT arts. 54, 56), and, where a correction may have caused it, a
    /// State consenting twice while bound; and, as warnings, acts dated after the treaty ended (VCLT art. 70).
    /// - Parameter events: the events to check, where they are not yet the treaty's own (a file being read).
    /// - Returns: the issues, in the order found.
    public func recordIssues(events: LogArray<Event>? = nil) -> [RecordIssue] {
        let events = events ?? self.events
        // Each check concerns some kinds of act; one pass tells which the log holds, and a check of a kind it
        // lacks is skipped (a desk checks the record at every act: most logs have no succession, denunciation,
        // extension or exchange, and reading the whole log for each was most of an act's check).
        return recordIssues(events: events, holds: LogKinds(events, adopted: adopted.date))
    }

    /// ``recordIssues(events:)`` with the checks that `holds` allows (``LogKinds/everything`` runs them all).
    func recordIssues(events: LogArray<Event>, holds: LogKinds) -> [RecordIssue] {
        var issues: [RecordIssue] = []
        Treaty.partyIssues(events, treaty: self, holds: holds, into: &issues)
        // The checks that read the log as the engine does share one application of its corrections.
        let log = CorrectedLog(events)
        if holds.corrections || holds.numberedConsents {
            Treaty.instrumentNumberIssues(log, treaty: self, into: &issues)
        }
        if holds.successions { Treaty.successionIssues(events, into: &issues) }
        if holds.extensions { Treaty.extensionIssues(events, treaty: self, into: &issues) }
        if holds.corrections || holds.exchanges { Treaty.exchangeIssues(log, treaty: self, into: &issues) }
        if holds.corrections { Treaty.secondConsentIssues(log, into: &issues) }
        if holds.corrections || holds.denunciations {
            Treaty.denunciationIssues(log, treaty: self, into: &issues)
        }
        if holds.corrections || holds.denunciations || holds.terminations || endsByItsTerm {
            Treaty.actsAfterTheEndIssues(log, treaty: self, into: &issues)
        }
        return issues
    }

    /// Whether the treaty ends when its fixed term runs out, with no act recorded (`rules.duration.term` without
    /// `renewal`).
    var endsByItsTerm: Bool {
        if case .fixed(_, nil, _) = rules.duration { return true }
        return false
    }

    /// A warning on each act dated after the treaty ended for all (a termination, its term run out, a bilateral
    /// treaty denounced, a dissolution below its number of parties): a treaty that has ended binds no one, and the
    /// act has no effect under it (VCLT art. 70(1)(a)); `pacta record` refuses it. Internal acts, successions and
    /// invocations may follow the end; an act of the end's own day is let through (the record does not say which
    /// came first); a denunciation is reported by the check of denunciations. A warning, not an error: the file is
    /// read, and the engine gives the act no effect.
    static func actsAfterTheEndIssues(_ log: CorrectedLog, treaty: Treaty, into issues: inout [RecordIssue]) {
        let effective = log.applied.events
        guard let last = effective.lazy.map(\.date).max() else { return }
        var all = treaty
        all.events = effective
        guard let end = Lifecycle().status(of: all, on: last, explain: false).termination, end < last else {
            return
        }
        for event in effective where event.date > end && !mayFollowTermination(event.kind) {
            // A notice after the end is an error of its own (no State is a party to denounce it).
            if case .denunciation = event.kind { continue }
            issues.append(
                RecordIssue(
                    event: event.id, field: "date",
                    message:
                        "\(treaty.id) ended on \(end); \(describe(event)) dated \(event.dateText) comes after its end and has no effect under it (VCLT art. 70(1)(a)); pacta record refuses such an act",
                    isError: false))
        }
    }

    /// A log as written and, worked out the first time a check asks and then kept for the others, the same log with
    /// its corrections applied (``Event/applyingCorrections(_:known:)``).
    final class CorrectedLog {
        /// The events as written.
        let events: LogArray<Event>
        /// The effective events, and the ids of the events corrections replaced with the correcting event's id.
        private(set) lazy var applied = Event.applyingCorrections(events)

        init(_ events: LogArray<Event>) { self.events = events }
    }

    /// Which kinds of act a log holds, found in one pass that reads each event in place. A correction may
    /// replace an event by one of any kind: where the log has one, the checks run whatever the kinds.
    struct LogKinds {
        var corrections = false
        var successions = false
        var denunciations = false
        var extensions = false
        var exchanges = false
        var consents = false
        var numberedConsents = false
        var terminations = false
        /// An act other than a domestic step dated before `adopted`.
        var actsBeforeAdoption = false

        private init() {}

        /// Every kind: no check skipped.
        static let everything: LogKinds = {
            var kinds = LogKinds()
            (kinds.corrections, kinds.successions, kinds.denunciations, kinds.extensions) = (true, true, true, true)
            (kinds.exchanges, kinds.consents, kinds.numberedConsents, kinds.actsBeforeAdoption) = (
                true, true, true, true
            )
            kinds.terminations = true
            return kinds
        }()

        init(_ events: LogArray<Event>, adopted: CalendarDate) {
            var kinds = LogKinds()
            events.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for position in 0..<buffer.count {
                    let event = base + position
                    switch event.pointee.kind {
                    case .correction: kinds.corrections = true
                    case .stateSuccession: kinds.successions = true
                    case .denunciation: kinds.denunciations = true
                    case .extensionOfTerm: kinds.extensions = true
                    case .termination: kinds.terminations = true
                    case .exchangeOfInstruments: kinds.exchanges = true
                    case .consent(_, _, _, _, let number):
                        kinds.consents = true
                        if number != nil { kinds.numberedConsents = true }
                    default: break
                    }
                    if event.pointee.date < adopted {
                        switch event.pointee.kind {
                        case .domesticStep, .correction: break
                        default: kinds.actsBeforeAdoption = true
                        }
                    }
                }
            }
            self = kinds.corrections ? .everything : kinds
        }
    }

    /// An `extension` lengthens a fixed term that does not renew itself (`rules.duration.term` without
    /// `renewal`): a treaty of indefinite duration has no term to lengthen, and one that renews itself is
    /// prolonged by its renewal clause, not by extensions.
    static func extensionIssues(_ events: LogArray<Event>, treaty: Treaty, into issues: inout [RecordIssue]) {
        // By position: iterating the array would copy each event, retaining every text it holds.
        for position in events.indices {
            guard case .extensionOfTerm = events[position].kind else { continue }
            let event = events[position]
            switch treaty.rules.duration {
            case .fixed(_, nil, _): continue
            case .fixed:
                issues.append(
                    RecordIssue(
                        event: event.id, field: "type",
                        message:
                            "an extension lengthens a fixed term; this treaty renews itself under rules.duration.renewal, so record the renewal's notices instead"
                    ))
            case .indefinite:
                issues.append(
                    RecordIssue(
                        event: event.id, field: "type",
                        message:
                            "an extension lengthens a fixed term (rules.duration.term), and this treaty's duration is indefinite"
                    ))
            }
        }
    }
}

extension Treaty {
    /// In a bilateral treaty, the States that may take part in it: the negotiating States and, succession by
    /// succession in date order, each successor of one of them (several successors of one party included, as
    /// for a State that dissolved: Vienna Convention on Succession of States in respect of Treaties, 1978,
    /// art. 34(1)).
    /// - Returns: those States, and the `state-succession` events whose predecessor is none of them.
    static func bilateralParticipants(_ events: LogArray<Event>, negotiating: [PartyCode]) -> (
        allowed: Set<PartyCode>, strangers: LogArray<Event>
    ) {
        var allowed = Set(negotiating)
        var strangers: LogArray<Event> = []
        let successions = events.enumerated().filter {
            if case .stateSuccession = $0.element.kind { return true }
            return false
        }
        for (_, event) in successions.sorted(by: { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }) {
            guard case .stateSuccession(let predecessor, let successor, _) = event.kind else { continue }
            if allowed.contains(predecessor) {
                allowed.insert(successor)
            } else {
                strangers.append(event)
            }
        }
        return (allowed, strangers)
    }

    /// Bilateral treaties: every party of an event is a negotiating State or a successor of one named by a
    /// `state-succession` event (``bilateralParticipants(_:negotiating:)``), and a succession's predecessor is one
    /// of them. All treaties: a consent needs an earlier signature where the form or the treaty requires one
    /// (VCLT art. 14(1): ratification confirms a signature).
    /// - Parameter holds: the kinds of act `events` holds: a pass that looks for a kind it lacks is skipped.
    static func partyIssues(
        _ events: LogArray<Event>, treaty: Treaty, holds: LogKinds, into issues: inout [RecordIssue]
    ) {
        var predecessorOf: [PartyCode: PartyCode] = [:]
        // The passes read the events by position: iterating the array would copy each event, retaining every
        // text it holds, which over a long log cost more than the checks.
        if holds.successions {
            for position in events.indices {
                if case .stateSuccession(let predecessor, let successor, _) = events[position].kind {
                    predecessorOf[successor] = predecessor
                }
            }
        }
        if treaty.kind == .bilateral {
            let negotiating = treaty.negotiatingStates.map(\.rawValue).joined(separator: " and ")
            let (allowed, strangers) = bilateralParticipants(events, negotiating: treaty.negotiatingStates)
            for event in strangers {
                guard case .stateSuccession(let predecessor, let successor, _) = event.kind else { continue }
                issues.append(
                    RecordIssue(
                        event: event.id, field: "predecessor",
                        message:
                            "\(predecessor) is not a negotiating State of this bilateral treaty (\(negotiating)), nor a successor of one, so \(successor) cannot take its place here; a successor takes the place of one of the two parties"
                    ))
            }
            for event in events {
                if case .stateSuccession = event.kind { continue }
                for party in event.parties where !allowed.contains(party) {
                    let field = event.party != nil ? "party" : "parties"
                    issues.append(
                        RecordIssue(
                            event: event.id, field: field,
                            message:
                                "\(party) is not a negotiating State of this bilateral treaty (\(negotiating)), nor a successor of one: correct the party, or record the state-succession by which it took the place of one of the two"
                        ))
                }
            }
        }
        // Only where the log holds an act before adoption other than a domestic step.
        for position in holds.actsBeforeAdoption ? events.indices : 0..<0
        where events[position].date < treaty.adopted.date {
            let event = events[position]
            switch event.kind {
            case .domesticStep, .correction: continue
            default:
                issues.append(
                    RecordIssue(
                        event: event.id, field: "date",
                        message:
                            "a \(event.typeName) on \(event.date) comes before the treaty was \(treaty.adoptionVerb) (\(treaty.adopted.date)); only domestic steps may"
                    ))
            }
        }
        // The signatures matter for the consents alone.
        guard holds.consents else { return }
        // Each State's earliest signature, wherever it falls in the log.
        var signed: [PartyCode: CalendarDate] = [:]
        for position in events.indices {
            if case .signature(let party, _) = events[position].kind {
                let day = events[position].earliestDate ?? events[position].date
                signed[party] = min(signed[party] ?? day, day)
            }
        }
        for position in events.indices {
            switch events[position].kind {
            case .consent(let party, let form, _, _, _):
                let event = events[position]
                // Ratification, acceptance and approval confirm a signature (VCLT art. 14(1)); a treaty never
                // open for signature has none to confirm.
                let confirms = [.ratification, .acceptance, .approval].contains(form)
                let needsSignature =
                    (confirms && treaty.signatureOpen)
                    || (treaty.rules.signatureRequired
                        && ![.accession, .succession, .definitiveSignature, .admission].contains(form))
                guard needsSignature else { continue }
                let own = signed[party]
                let inherited = predecessorOf[party].flatMap { signed[$0] }
                if let date = own, date <= event.date { continue }
                if let date = inherited, date <= event.date { continue }
                // A partial record admits that signatures may be missing; only a signature dated after the
                // consent is then a fault.
                if own == nil, inherited == nil, treaty.record == .partial { continue }
                let reason =
                    treaty.rules.signatureRequired
                    ? "this treaty requires signature before consent (rules.signature-required)"
                    : "\(form.rawValue) confirms a signature (VCLT art. 14(1))"
                let found =
                    own.map { "; its signature is dated \($0), after the consent" }
                    ?? "; no signature of \(party) is recorded"
                // Depositaries record such instruments where no signature came first: a warning, unless the treaty
                // requires the signature or the recorded one comes after the consent.
                let isError = treaty.rules.signatureRequired || own != nil
                let advice =
                    isError
                    ? "" : " (where the treaty was never open for signature, say so: 'signature: not-open')"
                issues.append(
                    RecordIssue(
                        event: event.id, field: "date",
                        message:
                            "\(party) consents by \(form.rawValue) on \(event.date) before signing: \(reason)\(found)\(advice)",
                        isError: isError))
            default:
                continue
            }
        }
    }

    /// Holds each `instrument-number` to the consents the file records, corrections applied, counted as the
    /// entry-into-force condition counts (States alone where it says `states-only`): in a complete record the
    /// Nth instrument is deposited on the day the recorded count reaches N (consents of one day together); in
    /// any record no more than N - 1 may be recorded before its day, numbers rise with the date, and no more
    /// consents may be recorded between two numbered days than their numbers allow.
    static func instrumentNumberIssues(_ log: CorrectedLog, treaty: Treaty, into issues: inout [RecordIssue]) {
        let events = log.events
        // Every issue here is of a numbered consent: a log without one (most logs) has none to check. Read in
        // place, by position: a copy of each event would retain every text it holds.
        let firstNumbered = events.firstPosition { event in
            switch event.pointee.kind {
            case .consent(_, _, _, _, let number): number != nil
            case .correction: true
            default: false
            }
        }
        guard firstNumbered != nil else { return }
        // The count the numbers speak of: the entry-into-force condition's count of consents, with its filters.
        let filter = treaty.rules.entryIntoForce?.condition.partyCount ?? ConsentFilter()
        let statesOnly = filter.statesOnly
        var consentDates: [CalendarDate] = []
        var numbered: [(event: Event, number: Int)] = []
        // Corrections applied, as the engine reads the log (a replacement keeps the corrected event's id).
        for event in log.applied.events {
            guard case .consent(let party, let form, _, _, let number) = event.kind else { continue }
            if (statesOnly && party.isOrganisation) || !(filter.forms?.contains(form) ?? true) {
                if number != nil {
                    let why =
                        statesOnly && party.isOrganisation
                        ? "an organisation's instrument, which the count of States leaves out"
                        : "an instrument of \(form.rawValue), a form the count leaves out"
                    issues.append(
                        RecordIssue(
                            event: event.id, field: "instrument-number",
                            message:
                                "instrument-number on \(event.id): \(why) (rules.entry-into-force); the depositary's number counts only what the condition counts"
                        ))
                }
                continue
            }
            consentDates.append(event.date)
            if let number { numbered.append((event, number)) }
        }
        consentDates.sort()
        func count(_ included: (CalendarDate) -> Bool) -> Int { consentDates.reduce(0) { $0 + (included($1) ? 1 : 0) } }
        func counted(_ n: Int) -> String { "\(n) consent\(n == 1 ? "" : "s")\(statesOnly ? " of States" : "")" }
        for (event, number) in numbered {
            let before = count { $0 < event.date }
            let through = count { $0 <= event.date }
            let ordinal = "the \(ordinal(number))"
            if number <= before {
                issues.append(
                    RecordIssue(
                        event: event.id, field: "instrument-number",
                        message:
                            "instrument-number \(number): the file records \(counted(before)) deposited before \(event.date), so \(event.id) cannot be \(ordinal) instrument; correct the number or the dates"
                    ))
            } else if number > through, treaty.record != .partial {
                issues.append(
                    RecordIssue(
                        event: event.id, field: "instrument-number",
                        message:
                            "instrument-number \(number): the file records \(counted(through)) deposited up to \(event.date) (this one included), so \(event.id) cannot be \(ordinal) instrument; add the missing consents, correct the number, or mark the file 'record: partial'"
                    ))
            }
        }
        let byDate = numbered.sorted { ($0.event.date, $0.number) < ($1.event.date, $1.number) }
        for (earlier, later) in zip(byDate, byDate.dropFirst()) {
            if later.number == earlier.number {
                issues.append(
                    RecordIssue(
                        event: later.event.id, field: "instrument-number",
                        message:
                            "instrument-number \(later.number) is given to both \(earlier.event.id) and \(later.event.id); each instrument has its own number"
                    ))
            } else if later.event.date == earlier.event.date {
                continue
            } else if later.number < earlier.number {
                issues.append(
                    RecordIssue(
                        event: later.event.id, field: "instrument-number",
                        message:
                            "instrument-number \(later.number) of \(later.event.id) (\(later.event.date)) is below \(earlier.number), the number of \(earlier.event.id) (\(earlier.event.date)); the depositary numbers instruments in the order of deposit"
                    ))
            } else {
                let between = count { $0 > earlier.event.date && $0 <= later.event.date }
                if between > later.number - earlier.number {
                    issues.append(
                        RecordIssue(
                            event: later.event.id, field: "instrument-number",
                            message:
                                "instrument-number \(later.number): the file records \(counted(between)) deposited after \(earlier.event.date) up to \(later.event.date), but \(earlier.event.id) was the \(ordinal(earlier.number)), so \(later.event.id) cannot be the \(ordinal(later.number)); correct a number or the dates"
                        ))
                }
            }
        }
    }

    /// State successions that cannot be: a State succeeding itself or an organisation, a successor that had
    /// already ceased, and acts of a State after it ceased (its first succession other than a separation).
    static func successionIssues(_ events: LogArray<Event>, into issues: inout [RecordIssue]) {
        var ceased: [PartyCode: (date: CalendarDate, event: String)] = [:]
        // Only the successions are put in date order (sorting the whole log was most of this check's time).
        let successions = events.filter { if case .stateSuccession = $0.kind { true } else { false } }
        for event in successions.sorted(by: { $0.date < $1.date }) {
            guard case .stateSuccession(let predecessor, let successor, let mode) = event.kind else { continue }
            if predecessor == successor {
                issues.append(
                    RecordIssue(event: event.id, field: "successor", message: "\(successor) cannot succeed itself"))
                continue
            }
            if predecessor.isOrganisation || successor.isOrganisation {
                issues.append(
                    RecordIssue(
                        event: event.id, field: predecessor.isOrganisation ? "predecessor" : "successor",
                        message:
                            "a state succession is between States; \(predecessor.isOrganisation ? predecessor : successor) is an organisation"
                    ))
                continue
            }
            if let end = ceased[successor], end.date <= event.date {
                issues.append(
                    RecordIssue(
                        event: event.id, field: "successor",
                        message:
                            "\(successor) ceased on \(end.date) (\(end.event)) and cannot succeed \(predecessor) on \(event.date)"
                    ))
            }
            if mode != .separation, ceased[predecessor] == nil { ceased[predecessor] = (event.date, event.id) }
        }
        guard !ceased.isEmpty else { return }
        for event in events {
            switch event.kind {
            case .stateSuccession, .correction, .domesticStep: continue
            default: break
            }
            for party in event.parties {
                guard let end = ceased[party], event.date > end.date else { continue }
                issues.append(
                    RecordIssue(
                        event: event.id, field: "date",
                        message:
                            "\(party) ceased on \(end.date) (\(end.event)); an act of \(event.date) belongs to its successor"
                    ))
            }
        }
    }

    /// An exchange of instruments dated before the recorded consent (ratification, acceptance ...) of one of the
    /// States exchanging: the instruments exchanged must exist (VCLT art. 16(a)). A State whose consent the file
    /// does not record consents by the exchange itself. Corrections applied; a date given only to a month or a
    /// year is a fault only where every day it allows comes after the exchange.
    static func exchangeIssues(_ log: CorrectedLog, treaty: Treaty, into issues: inout [RecordIssue]) {
        let events = log.events
        // Most logs (every multilateral one) have no exchange: then no consent need be looked at.
        func isExchange(_ event: Event) -> Bool {
            if case .exchangeOfInstruments = event.kind { return true }
            if case .correction(_, let replacement?) = event.kind, case .exchangeOfInstruments = replacement.kind {
                return true
            }
            return false
        }
        guard events.firstPosition(where: { isExchange($0.pointee) }) != nil else { return }
        let effective = log.applied.events
        // Each State's first consent, by its earliest possible day.
        var firstConsent: [PartyCode: Event] = [:]
        for event in effective {
            guard case .consent(let party, _, _, _, _) = event.kind else { continue }
            let day = event.earliestDate ?? event.date
            if let known = firstConsent[party], (known.earliestDate ?? known.date) <= day { continue }
            firstConsent[party] = event
        }
        for event in effective {
            guard case .exchangeOfInstruments(let parties, _) = event.kind else { continue }
            for party in parties.isEmpty ? treaty.negotiatingStates : parties {
                guard let consent = firstConsent[party], (consent.earliestDate ?? consent.date) > event.date,
                    case .consent(_, let form, _, _, _) = consent.kind
                else { continue }
                issues.append(
                    RecordIssue(
                        event: event.id, field: "date",
                        message:
                            "the instruments are exchanged on \(event.dateText), before \(party)'s \(form.rawValue) of \(consent.dateText) (\(consent.id)): an exchange of instruments exchanges instruments already made (VCLT art. 16(a)); correct one of the dates"
                    ))
            }
        }
    }

    /// A State's second consent while the first binds it, in a log with a correction: a correction replaces an
    /// event without the desk judging it as a new act, so a corrected party or date can leave a State consenting
    /// twice (the desk refuses a second consent while bound when it is recorded as an act). Two consents of one
    /// State count as twice where no denunciation, revocation, succession or termination is recorded from the
    /// first's day to the second's. The issue is raised once, on the corrected consent where one of the two is
    /// (its message names the correction), else on the second.
    static func secondConsentIssues(_ log: CorrectedLog, into issues: inout [RecordIssue]) {
        let (effective, corrected) = log.applied
        var consents: [PartyCode: [Event]] = [:]
        var releases: [(party: PartyCode?, date: CalendarDate)] = []
        for event in effective {
            switch event.kind {
            case .consent(let party, _, _, _, _): consents[party, default: []].append(event)
            case .denunciation(let party, _, _), .revocation(let party, _): releases.append((party, event.date))
            case .stateSuccession(let predecessor, let successor, _):
                releases.append((predecessor, event.date))
                releases.append((successor, event.date))
            case .termination: releases.append((nil, event.date))
            default: continue
            }
        }
        for (party, list) in consents where list.count > 1 {
            let ordered = list.sorted { $0.date < $1.date }
            for (first, second) in zip(ordered, ordered.dropFirst()) {
                let released = releases.contains {
                    ($0.party == nil || $0.party == party) && $0.date >= first.date && $0.date <= second.date
                }
                guard !released, case .consent(_, let form1, _, _, _) = first.kind,
                    case .consent(_, let form2, _, _, _) = second.kind
                else { continue }
                let at = corrected[first.id] != nil && corrected[second.id] == nil ? first : second
                let cause = corrected[at.id].map { "as corrected by \($0): " } ?? ""
                issues.append(
                    RecordIssue(
                        event: at.id, field: "party",
                        message:
                            "\(cause)\(party) consents twice: its \(form1.rawValue) of \(first.dateText) (\(first.id)) and its \(form2.rawValue) of \(second.dateText) (\(second.id)), with no denunciation between; a State already bound cannot consent again"
                    ))
            }
        }
    }

    /// A denunciation by a State that is not a party on the day it is received: only a party withdraws (VCLT
    /// arts. 54, 56); a signatory or a contracting State revokes its signature or consent instead. The State's
    /// status is computed from the log as it stood that day (corrections applied, that day's notices left out),
    /// without the corpus's table of successions. In a `record: partial` file, a State whose consent the file
    /// does not record is let through: its denunciation says it was a party.
    static func denunciationIssues(_ log: CorrectedLog, treaty: Treaty, into issues: inout [RecordIssue]) {
        func isDenunciation(_ event: Event) -> Bool {
            if case .denunciation = event.kind { return true }
            return false
        }
        let effective = log.applied.events
        guard effective.contains(where: isDenunciation) else { return }
        let lifecycle = Lifecycle()
        var statuses: [CalendarDate: TreatyStatus] = [:]
        // A quick answer for most notices of a multilateral treaty, from one status without any notice: where that
        // status has the State in force for it by the day and nothing else has ended the treaty or the State by
        // then, its own notice (the first it gives) finds it a party. Every other case is computed for its day.
        var settled: TreatyStatus? = nil
        if treaty.kind == .multilateral, treaty.rules.dissolutionBelow == nil,
            let last = effective.lazy.filter(isDenunciation).map(\.date).max()
        {
            var without = treaty
            without.events = LogArray(effective.lazy.filter { !isDenunciation($0) })
            settled = lifecycle.status(of: without, on: last, explain: false)
        }
        var firstNotice: [PartyCode: CalendarDate] = [:]
        // Each State's notices of each day, in file order: a second one that day is a second notice.
        var ofTheDay: [PartyCode: [CalendarDate: [String]]] = [:]
        for event in effective {
            guard case .denunciation(let party, _, _) = event.kind else { continue }
            firstNotice[party] = min(firstNotice[party] ?? event.date, event.date)
            ofTheDay[party, default: [:]][event.date, default: []].append(event.id)
        }
        func settledParty(_ party: PartyCode, _ event: Event) -> Bool {
            guard let settled, firstNotice[party] == event.date, ofTheDay[party]?[event.date]?.count == 1,
                let row = settled.state(party),
                let from = row.entryIntoForce, from <= event.date, row.ceased.map({ $0 > event.date }) ?? true,
                settled.termination.map({ $0 > event.date }) ?? true
            else { return false }
            return true
        }
        let walked = partiesOnTheirNoticeDays(
            effective, treaty: treaty,
            of: { event in
                guard case .denunciation(let party, _, _) = event.kind else { return false }
                return !settledParty(party, event)
            })
        for event in effective {
            guard case .denunciation(let party, _, _) = event.kind else { continue }
            if settledParty(party, event) || walked.contains(event.id) { continue }
            let status =
                statuses[event.date]
                ?? {
                    var before = treaty
                    before.events = LogArray(effective.lazy.filter { !(isDenunciation($0) && $0.date == event.date) })
                    return lifecycle.status(of: before, on: event.date, explain: false)
                }()
            statuses[event.date] = status
            let row = status.state(party)
            // A notice still running (received, not yet in effect), or an earlier one the same day: as the desk
            // refuses it (a second notice would take the first one's place).
            let sameDay = ofTheDay[party]?[event.date] ?? []
            if let pending = row?.withdrawal, pending.notified <= event.date, let effect = pending.effective,
                effect > event.date
            {
                issues.append(
                    RecordIssue(
                        event: event.id, field: "party",
                        message:
                            "\(party) notified its denunciation already on \(pending.notified) (event \(pending.event)), taking effect on \(effect); a second notice cannot be recorded: to change the first, record a correction of \(pending.event)"
                    ))
                continue
            }
            if let first = sameDay.first, first != event.id {
                issues.append(
                    RecordIssue(
                        event: event.id, field: "party",
                        message:
                            "\(party) notified its denunciation already on \(event.dateText) (event \(first)); a second notice cannot be recorded: to change the first, record a correction of \(first)"
                    ))
                continue
            }
            // A State that ceased is reported by the check of successions: its act belongs to its successor.
            guard row?.status != .party, row?.status != .ceased else { continue }
            // A partial record need not hold the consent of a State that denounces; but before its documented date
            // of entry into force the treaty is not in force, and no State is a party.
            let beforeDocumented = treaty.documented?.entryIntoForce.map { event.date < $0 } ?? false
            if treaty.record == .partial, row?.consent == nil, row?.entryIntoForce == nil, !beforeDocumented {
                continue
            }
            issues.append(
                RecordIssue(
                    event: event.id, field: "party",
                    message:
                        "\(party) is not a party on \(event.dateText), the day its denunciation was received (its status then: \(row?.status.rawValue ?? "none")); only a party can denounce a treaty (VCLT arts. 54, 56); a signature or a consent given before the treaty is in force for a State is withdrawn by a revocation"
                ))
        }
    }

    /// The notices among `effective` (those `asked` picks) whose State is a party on the day the notice is
    /// received in the status with every act of the log counted, that day's notices included: one walk of the log
    /// gives them all, where a status for each day would read the whole log once per day (quadratic in a treaty
    /// whose States leave and rejoin many times). A notice that follows no other of its State (none, or a consent
    /// between) only ever ends the treaty for that State, so where the day's notices are all such, a State that
    /// is a party with them is one without them too. A notice after another of the same State with no consent
    /// between (which the engine reads as having no effect, and the check refuses): its day, and the others, are
    /// left to a status of their own, as are multilateral
    /// treaties that dissolve below a number of parties, bilateral ones, and logs not walked once (corrections,
    /// conditions on other treaties, a partial record with a documented date).
    /// - Parameter minimum: below this many notices asked about, none is walked (a few cost less each on its own).
    /// - Returns: the notices' event ids.
    /// - Complexity: O(e + n × p) for e events, n days with a notice asked about and p States.
    static func partiesOnTheirNoticeDays(
        _ effective: LogArray<Event>, treaty: Treaty, of asked: (Event) -> Bool, minimum: Int = 5
    ) -> Set<String> {
        guard treaty.kind == .multilateral, treaty.rules.dissolutionBelow == nil else { return [] }
        var notices: [(day: CalendarDate, party: PartyCode, id: String)] = []
        for event in effective where asked(event) {
            guard case .denunciation(let party, _, _) = event.kind else { continue }
            notices.append((event.date, party, event.id))
        }
        var all = treaty
        all.events = effective
        guard notices.count >= minimum, !notices.isEmpty, Derivation.walksOnce(all) else { return [] }
        // Each State's consents and notices by date; a day with a notice that follows another of its State with no
        // consent strictly between (or shares its day with another of its State) is not judged by the walk.
        var acts: [PartyCode: [(day: CalendarDate, notice: Bool)]] = [:]
        for event in effective {
            switch event.kind {
            case .consent(let party, _, _, _, _): acts[party, default: []].append((event.date, false))
            case .denunciation(let party, _, _): acts[party, default: []].append((event.date, true))
            default: continue
            }
        }
        var unsettledDays = Set<CalendarDate>()
        for (_, list) in acts {
            var lastNotice: CalendarDate?
            var consentSince = true
            for act in list.sorted(by: { ($0.day, $0.notice ? 1 : 0) < ($1.day, $1.notice ? 1 : 0) }) {
                if !act.notice {
                    if lastNotice.map({ act.day > $0 }) ?? true { consentSince = true }
                    continue
                }
                if lastNotice != nil, !consentSince || lastNotice == act.day { unsettledDays.insert(act.day) }
                lastNotice = act.day
                consentSince = false
            }
        }
        notices.removeAll { unsettledDays.contains($0.day) }
        guard !notices.isEmpty else { return [] }
        notices.sort { $0.day < $1.day }
        var parties = Set<String>()
        var next = 0
        Derivation.successive(of: all, engine: Lifecycle()) { from, until, derivation in
            while next < notices.count, notices[next].day < from { next += 1 }
            while next < notices.count, until.map({ notices[next].day < $0 }) ?? true {
                let day = notices[next].day
                let status = derivation.status(on: day)
                while next < notices.count, notices[next].day == day {
                    if status.state(notices[next].party)?.status == .party { parties.insert(notices[next].id) }
                    next += 1
                }
            }
            return next < notices.count
        }
        return parties
    }
}
