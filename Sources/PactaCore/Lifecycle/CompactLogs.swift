import Synchronization

/// The logs of a corpus's *plain* treaties packed into contiguous arrays, for ``Lifecycle/statusTable(on:)``:
/// each act a 12-byte value (a day number, a party slot, a one-byte act, a consent's form); each party a number
/// for the whole corpus; each treaty's rules reduced to the few numbers its dates need. No class reference, string or
/// optional is read in the loop that computes a status.
///
/// A treaty is plain where its rules and log use only what this engine reproduces exactly: entry into force on
/// a count of consents naming no parties, on the exchange of instruments, on the last notification, or on the
/// consent of all the negotiating States (the rule VCLT art. 24(2) gives a treaty that states none), with any
/// delay and floor; any later-consent rule; any denunciation clause; an indefinite duration or a fixed term
/// without renewal; no dissolution; a record that is not partial with a documented date of entry into force;
/// events that are signatures, consents by instrument (no `effective-from`, no depositary number; a notification
/// of succession reads as any consent where, as here, the log records no succession), exchanges of instruments, notifications, denunciations (no named date, not by agreement),
/// terminations, and acts that change no date or status (domestic steps, invocations, reservations,
/// declarations, objections and their withdrawal, provisional application, suspensions and resumptions); every
/// date exact; organisations (counted or not as the condition's `states-only` says, under the later-consent rule's
/// own rule for them); a bilateral treaty with its two negotiating States alone. Every other treaty is
/// left to the full engine, which the table then asks for its status. The legal logic is the engine's
/// (``LogMachine`` and ``Derivation``) restricted to that subset; `StatusTableTests` checks the two agree on
/// every treaty and State of generated corpora, built to reach each branch, and of the shipped corpus, on many
/// dates.
///
/// Why a second form rather than the engine's own: the engine holds each party's record as a struct of
/// optionals, strings and arrays (the explanation needs them), so its status of every treaty of a
/// 250,000-treaty corpus spends most of its time on reference counting, allocation and copies (2.8–3.2 s); this
/// form reads 10 bytes an act (140–145 ms for all 250,000 treaties, README).
struct CompactLogs: Sendable {
    /// What an act does, for the compact engine.
    enum Act: UInt8 {
        /// Gives the party a row and nothing else (a domestic step, a reservation ...).
        case touch
        case signature
        /// A consent by instrument (VCLT arts. 11–15).
        case consent
        /// An exchange of instruments (VCLT art. 16(a)); followed by one ``consentByAct`` per party exchanged.
        case exchange
        /// A consent established by an act rather than an instrument: an exchange of instruments or a
        /// notification that internal procedures are complete (VCLT art. 11).
        case consentByAct
        /// A notice of denunciation or withdrawal (VCLT arts. 56, 67).
        case denunciation
        /// A notification (of internal procedures completed or another); one of internal procedures is followed
        /// by a ``consentByAct``.
        case notification
        /// The end of the treaty for all (VCLT arts. 54–64); the first recorded stands.
        case termination
    }

    /// What a plain treaty's entry into force waits for (``Plain/needed`` holds the count of consents).
    enum Waits: UInt8 {
        case consents, exchange, lastNotification, allNegotiatingStates
    }

    /// A later-consent rule (VCLT art. 24(3) as the treaty varies it), as the row loop reads it: which consents it
    /// governs, and its delay in whole days where it is one (`.none` or `.days`), else -1: the rule's ``Delay``
    /// (kept in ``Plain``, an indirect enum) is read only then, not retained for every row.
    struct LaterRule {
        var afterConditionsMet: Bool
        var days: Int32

        init(_ rule: LaterConsentRule) {
            afterConditionsMet = rule.after == .conditionsMet
            switch rule.delay {
            case .none: days = 0
            case .days(let count) where count >= 0 && count < Int32.max: days = Int32(count)
            default: days = -1
            }
        }
    }

    /// A plain treaty's rules and where its acts and slots are.
    struct Plain {
        /// The treaty's position in the corpus.
        var position: Int32
        var bilateral: Bool
        var adopted: Int32
        var waits: Waits
        /// For ``Waits/consents``: how many.
        var needed: Int32
        /// Whether the condition counts States alone (`states-only`: an organisation's consent is not counted).
        var statesOnly: Bool
        /// A fixed term without renewal, counted from entry into force.
        var term: Span?
        var delay: Delay
        var notBefore: Floor?
        /// The later-consent rule (`nil`: VCLT art. 24(3)): whether it governs consents after the conditions
        /// were met (else after entry into force), and its delay.
        var later: LaterRule?
        /// The later-consent rule's own rule for organisations, where it has one.
        var laterForOrganisations: LaterRule?
        /// The delays of those two rules (`.none` where there is no rule).
        var laterDelay: Delay
        var laterForOrganisationsDelay: Delay
        /// The denunciation clause; `nil`: none (VCLT art. 56(2): twelve months, where valid).
        var denunciation: (allowed: Bool, notice: Span, earliest: (span: Span, from: DenunciationRule.EarliestFrom)?)?
        /// The treaty's acts in ``acts``.
        var acts: Range<Int32>
        /// The treaty's slots in ``slots``.
        var slots: Range<Int32>
        var negotiating: Int32
    }

    var plain: [Plain] = []
    /// Per act: its day, what it does, and its party's slot in its treaty (-1: none).
    /// An act of a plain treaty's log.
    struct PackedAct {
        var day: Int32
        /// Its party's slot in its treaty (-1: none).
        var slot: Int32
        var act: Act
        /// For a consent, the form's position in ``Event/ConsentForm/allCases``.
        var form: UInt8
    }

    /// A party of a plain treaty.
    struct PackedSlot {
        /// Its number in ``parties``.
        var party: Int32
        var isOrganisation: Bool
    }

    /// Every plain treaty's acts, in the order they take effect, treaty after treaty.
    var acts: [PackedAct] = []
    /// Every plain treaty's parties by slot, treaty after treaty.
    var slots: [PackedSlot] = []
    /// The codes of all the corpus's parties, by number, and each code's number.
    var parties: [PartyCode] = []
    var number: [PartyCode: Int32] = [:]
    /// The most slots any plain treaty has.
    var widest = 0

    /// The party's number, given on first sight.
    mutating func number(of code: PartyCode) -> Int32 {
        if let found = number[code] { return found }
        number[code] = Int32(parties.count)
        parties.append(code)
        return Int32(parties.count - 1)
    }

    /// The compact form of `corpus`'s plain treaties.
    /// - Complexity: O(e) for e events, once per engine.
    init(_ corpus: Corpus) {
        for (position, treaty) in corpus.treaties.enumerated() {
            if let rules = Self.plainRules(treaty), let index = treaty.logIndex {
                add(treaty, index: index, rules: rules, position: Int32(position))
            }
        }
    }

    /// Adds `treaty` where its log is plain; nothing otherwise.
    private mutating func add(_ treaty: Treaty, index: LogIndex, rules: Plain, position: Int32) {
        let start = acts.count
        let forms = Event.ConsentForm.allCases
        var ok = true
        // The consent of all the negotiating States counts each once, and each can count.
        if rules.waits == .allNegotiatingStates,
            index.negotiatingCount != treaty.negotiatingStates.count || index.negotiatingCount == 0
                || (rules.statesOnly && index.parties.prefix(index.negotiatingCount).contains { $0.isOrganisation })
        {
            ok = false
        }
        if treaty.kind == .bilateral, index.parties.count != 2 || index.negotiatingCount != 2 { ok = false }
        var next = 0
        let events = index.events
        while ok, next < events.count {
            let event = events[next]
            let slot = index.eventSlot[next]
            next += 1
            guard event.earliestDate == nil else {
                ok = false
                break
            }
            let day = Int32(event.date.ordinal)
            func emit(_ act: Act, _ slot: Int32, form: UInt8 = 0) {
                acts.append(PackedAct(day: day, slot: slot, act: act, form: form))
            }
            switch event.kind {
            case .signature: emit(.signature, slot)
            case .consent(_, let form, _, nil, nil) where form != .unrecorded:
                emit(.consent, slot, form: UInt8(forms.firstIndex(of: form)!))
            case .exchangeOfInstruments(let parties, _):
                emit(.exchange, -1)
                for party in parties { emit(.consentByAct, Int32(index.slotOf[party]!)) }
            case .notification(_, let of):
                emit(.notification, slot)
                if of == "internal-procedures" { emit(.consentByAct, slot) }
            case .denunciation(_, nil, false): emit(.denunciation, slot)
            case .termination: emit(.termination, -1)
            case .domesticStep, .invocation, .reservation, .declaration, .objection, .withdrawalOfReservation,
                .provisionalApplication, .suspension, .resumption:
                if slot >= 0 { emit(.touch, slot) }
            default: ok = false
            }
        }
        guard ok else {
            acts.removeSubrange(start...)
            return
        }
        var plain = rules
        plain.position = position
        plain.acts = Int32(start)..<Int32(acts.count)
        let first = slots.count
        for code in index.parties {
            slots.append(PackedSlot(party: number(of: code), isOrganisation: code.isOrganisation))
        }
        plain.slots = Int32(first)..<Int32(slots.count)
        plain.negotiating = Int32(index.negotiatingCount)
        widest = max(widest, index.parties.count)
        self.plain.append(plain)
    }

    /// `treaty`'s rules in compact form where the treaty is plain by its rules and record (its log is checked
    /// as it is packed); `nil` otherwise.
    static func plainRules(_ treaty: Treaty) -> Plain? {
        let rules = treaty.rules
        guard treaty.record != .partial || treaty.documented?.entryIntoForce == nil, rules.partial.isEmpty,
            rules.dissolutionBelow == nil
        else { return nil }
        var term: Span?
        switch rules.duration {
        case .indefinite: break
        case .fixed(let span, nil, _): term = span
        default: return nil
        }
        // Without a rule, the consent of every negotiating State (VCLT art. 24(2)), as the engine reads it.
        let rule =
            rules.entryIntoForce ?? EntryIntoForceRule(condition: .allOf(.named("negotiating-states"), ConsentFilter()))
        var needed: Int32 = 0
        var statesOnly = false
        let waits: Waits
        switch rule.condition {
        case .exchangeOfInstruments: waits = .exchange
        case .lastNotification: waits = .lastNotification
        case .allOf(.named("negotiating-states"), let filter) where filter.excluding.isEmpty && filter.forms == nil:
            waits = .allNegotiatingStates
            statesOnly = filter.statesOnly
        case .consents(let count, let filter)
        where filter.countsEveryParty && filter.forms == nil && count >= 0 && count < Int32.max:
            waits = .consents
            needed = Int32(count)
            statesOnly = filter.statesOnly
        default: return nil
        }
        let denunciation = rules.denunciation.map { ($0.allowed, $0.notice, $0.earliest) }
        return Plain(
            position: -1, bilateral: treaty.kind == .bilateral, adopted: Int32(treaty.adopted.date.ordinal),
            waits: waits, needed: needed, statesOnly: statesOnly, term: term, delay: rule.delay,
            notBefore: rule.notBefore,
            later: rules.laterConsent.map(LaterRule.init),
            laterForOrganisations: rules.laterConsent?.organisations.map { LaterRule($0.rule) },
            laterDelay: rules.laterConsent?.delay ?? .none,
            laterForOrganisationsDelay: rules.laterConsent?.organisations?.rule.delay ?? .none,
            denunciation: denunciation,
            acts: 0..<0, slots: 0..<0, negotiating: 0)
    }
}

/// What one party's acts left, in the compact engine's scratch space (one per slot, reused treaty after treaty).
private struct SlotState {
    var signature: Int32 = -1
    var notified = false
    /// The day of the consent in effect, -1 for none.
    var consent: Int32 = -1
    var form: UInt8 = 0
    /// Whether that consent came by an act (an exchange, a notification) rather than an instrument.
    var byAct = false
    /// The day the running notice of denunciation was received, -1 for none.
    var notice: Int32 = -1
}

extension CompactLogs {
    /// Appends to `table` the rows of every plain treaty on `date`, in the order of ``plain``, after calling
    /// `before(position)` for the treaties of the corpus that come before each (those the full engine answers
    /// for): the table's rows stay in corpus order.
    func fill(_ table: inout StatusTable, on date: CalendarDate, before: (Int, inout StatusTable) -> Void) {
        let d = Int32(clamping: date.ordinal)
        var scratch = [SlotState](repeating: SlotState(), count: widest)
        var next = 0
        acts.withUnsafeBufferPointer { acts in
            slots.withUnsafeBufferPointer { slots in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    plain.withUnsafeBufferPointer { plain in
                        for treaty in plain.indices {
                            let position = Int(plain[treaty].position)
                            while next < position {
                                before(next, &table)
                                next += 1
                            }
                            Self.status(
                                plain.baseAddress! + treaty, on: d, acts: acts, slots: slots, scratch: scratch,
                                into: &table)
                            next = position + 1
                        }
                    }
                }
            }
        }
    }

    /// The status on day `d` of one plain treaty, appended to `table`: ``LogMachine/apply(_:position:)`` and the
    /// walk of ``Derivation`` for its acts, then ``Derivation``'s dates (entry into force, VCLT art. 24; the end of
    /// a bilateral treaty by a party's denunciation, art. 56) and each State's row (art. 24(3), the later-consent
    /// rule, the notice's effect, ``StateStatus/Value/settled(consented:signed:entryIntoForce:withdrawnFrom:on:
    /// treatyStatus:)``).
    @inline(__always)
    private static func status(
        _ treaty: UnsafePointer<Plain>, on d: Int32, acts: UnsafeBufferPointer<PackedAct>,
        slots: UnsafeBufferPointer<PackedSlot>, scratch: UnsafeMutableBufferPointer<SlotState>,
        into table: inout StatusTable
    ) {
        let first = Int(treaty.pointee.slots.lowerBound)
        let slotCount = Int(treaty.pointee.slots.count)
        for slot in 0..<slotCount { scratch[slot] = SlotState() }
        // The walk: each day's acts, then the condition, as the engine tests it after a day's events.
        var touched = Int(treaty.pointee.negotiating)
        var consents: Int32 = 0
        // Consents and notifications of the negotiating States (the first slots).
        let negotiating = Int(treaty.pointee.negotiating)
        var negotiatingConsents = 0
        var negotiatingNotified = 0
        var exchanged = false
        var terminated: Int32 = -1
        var met: Int32 = -1
        let (waits, needed, statesOnly) = (treaty.pointee.waits, treaty.pointee.needed, treaty.pointee.statesOnly)
        var position = Int(treaty.pointee.acts.lowerBound)
        let end = Int(treaty.pointee.acts.upperBound)
        while position < end, acts[position].day <= d {
            let day = acts[position].day
            while position < end, acts[position].day == day {
                let slot = Int(acts[position].slot)
                if slot >= touched { touched = slot + 1 }
                switch acts[position].act {
                case .touch: break
                case .signature: scratch[slot].signature = day
                case .consent:
                    // A State bound already does not consent again; a consent after a notice ends the notice.
                    if scratch[slot].consent >= 0 && scratch[slot].notice < 0 { break }
                    if scratch[slot].consent < 0 {
                        if !(statesOnly && slots[first + slot].isOrganisation) {
                            consents += 1
                            if slot < negotiating { negotiatingConsents += 1 }
                        }
                    }
                    scratch[slot].notice = -1
                    scratch[slot].consent = day
                    scratch[slot].form = acts[position].form
                    scratch[slot].byAct = false
                case .exchange: exchanged = true
                case .consentByAct:
                    if scratch[slot].consent < 0 {
                        scratch[slot].consent = day
                        scratch[slot].byAct = true
                        if !(statesOnly && slots[first + slot].isOrganisation) {
                            consents += 1
                            if slot < negotiating { negotiatingConsents += 1 }
                        }
                    }
                case .denunciation:
                    // Without a consent in effect, or with a notice running, a notice has no effect.
                    if scratch[slot].consent >= 0 && scratch[slot].notice < 0 { scratch[slot].notice = day }
                case .notification:
                    if !scratch[slot].notified {
                        scratch[slot].notified = true
                        if slot < negotiating { negotiatingNotified += 1 }
                    }
                case .termination: if terminated < 0 { terminated = day }
                }
                position += 1
            }
            if met < 0 {
                let holds: Bool
                switch waits {
                case .consents: holds = consents >= needed
                case .exchange: holds = exchanged
                case .lastNotification: holds = negotiatingNotified == negotiating
                case .allNegotiatingStates: holds = negotiatingConsents == negotiating
                }
                if holds { met = day }
            }
        }
        let adopted = CalendarDate(ordinal: Int(treaty.pointee.adopted))
        var eif: Int32 = -1
        if met >= 0 {
            let date = treaty.pointee.delay.apply(to: CalendarDate(ordinal: Int(met)))
            eif = Int32(Derivation.floor(date, treaty.pointee.notBefore, adopted: adopted).ordinal)
        }
        /// The day a notice received on `received` takes effect, or -1 where it has none (``Derivation``'s
        /// `effect(of:party:partyEntryIntoForce:)` for a clause without renewal).
        func effective(_ received: Int32, partyEntryIntoForce: Int32) -> Int32 {
            let day = CalendarDate(ordinal: Int(received))
            guard let rule = treaty.pointee.denunciation else { return Int32(day.adding(Span(months: 12)).ordinal) }
            guard rule.allowed else { return -1 }
            if let (span, from) = rule.earliest {
                let start: Int32
                switch from {
                case .partyEntryIntoForce: start = partyEntryIntoForce
                case .treatyEntryIntoForce: start = eif
                case .adopted: start = treaty.pointee.adopted
                }
                if start >= 0, received < Int32(CalendarDate(ordinal: Int(start)).adding(span).ordinal) { return -1 }
            }
            return Int32(day.adding(rule.notice).ordinal)
        }
        // The end for all: the first of a recorded termination, the expiry of a fixed term and, in a bilateral
        // treaty, a party's denunciation taking effect (on a tie, the first of these, in that order).
        var ending = terminated
        var endingSlot = -1
        if let term = treaty.pointee.term, eif >= 0 {
            let expiry = Int32(CalendarDate(ordinal: Int(eif)).adding(term).ordinal)
            if ending < 0 || expiry < ending { ending = expiry }
        }
        if treaty.pointee.bilateral {
            for slot in 0..<touched where scratch[slot].notice >= 0 {
                let date = effective(scratch[slot].notice, partyEntryIntoForce: eif)
                if date >= 0, ending < 0 || date < ending { (ending, endingSlot) = (date, slot) }
            }
        }
        let value: TreatyStatus.Value =
            d < treaty.pointee.adopted
            ? .notAdopted
            : ending >= 0 && ending <= d ? .terminated : eif >= 0 && eif <= d ? .inForce : .notInForce
        for slot in 0..<touched {
            let state = scratch[slot]
            var partyEntryIntoForce: Int32 = -1
            if state.consent >= 0, eif >= 0 {
                var date = eif
                if !treaty.pointee.bilateral {
                    if let rule = treaty.pointee.later {
                        // An organisation's consent under the rule's own rule for organisations, where it has one.
                        let organisation =
                            slots[first + slot].isOrganisation && treaty.pointee.laterForOrganisations != nil
                        let later = organisation ? treaty.pointee.laterForOrganisations! : rule
                        if later.afterConditionsMet ? state.consent > met : state.consent > eif {
                            let own = CalendarDate(ordinal: Int(state.consent))
                            let moved =
                                later.days >= 0
                                ? own.adding(days: Int(later.days))
                                : (organisation ? treaty.pointee.laterForOrganisationsDelay : treaty.pointee.laterDelay)
                                    .apply(to: own)
                            date = max(Int32(moved.ordinal), eif)
                        }
                    } else {
                        date = max(state.consent, eif)
                    }
                }
                if ending < 0 || date < ending { partyEntryIntoForce = date }
            }
            var effective_: Int32 = -1
            var withdrawnFrom: Int32 = -1
            if state.notice >= 0 {
                effective_ = effective(state.notice, partyEntryIntoForce: partyEntryIntoForce)
                if !treaty.pointee.bilateral || slot == endingSlot { withdrawnFrom = effective_ }
            }
            let status: StateStatus.Value
            if withdrawnFrom >= 0, withdrawnFrom <= d {
                status = .withdrawn
            } else if value == .terminated {
                status = .none
            } else if state.consent >= 0 {
                status =
                    value == .inForce && partyEntryIntoForce >= 0 && partyEntryIntoForce <= d
                    ? .party : .contractingState
            } else {
                status = state.signature >= 0 ? .signatory : .none
            }
            table.appendRow(
                party: slots[first + slot].party, status, entryIntoForce: partyEntryIntoForce,
                signature: state.signature, consent: state.byAct ? -1 : state.consent,
                form: state.byAct ? 0 : state.form, notified: state.notice, effective: effective_)
        }
        table.appendTreaty(value, entryIntoForce: eif, conditionsMet: met, termination: ending)
    }
}

/// The engine's ``CompactLogs``, built the first time a status table is asked for.
final class CompactLogsCache: Sendable {
    private let cached = Mutex<CompactLogs?>(nil)

    func value(_ corpus: Corpus) -> CompactLogs {
        cached.withLock { cached in
            if let cached { return cached }
            let built = CompactLogs(corpus)
            cached = built
            return built
        }
    }
}

extension Lifecycle {
    /// The status of every treaty of the corpus and of every State under each on `date`, without words: the
    /// same dates and statuses as ``status(of:on:asKnownOn:explain:)`` gives treaty by treaty, as columns.
    ///
    /// Plain treaties (see ``CompactLogs``) are computed from a compact form of their logs, built the first time
    /// this engine is asked (O(e) for e events); the others by the full engine.
    /// - Complexity: O(e + r) for the e events on or before `date` and r rows of plain treaties, plus the full
    ///   engine's cost for the others.
    public func statusTable(on date: CalendarDate) -> StatusTable {
        statusTable(on: date, compact: true)
    }

    /// ``statusTable(on:)``, every treaty through the full engine where `compact` is `false` (for the tests that
    /// compare the two).
    func statusTable(on date: CalendarDate, compact: Bool) -> StatusTable {
        let logs = compact ? compactLogs.value(corpus) : CompactLogs(Corpus(treaties: []))
        var table = StatusTable(date: date, parties: logs.parties, numbers: logs.number)
        let treaties = corpus.treaties
        table.reserve(treaties: treaties.count, rows: logs.slots.count)
        func full(_ position: Int, _ table: inout StatusTable) {
            table.append(status(of: treaties[position], on: date, explain: false))
        }
        logs.fill(&table, on: date, before: full)
        for position in table.treatyCount..<treaties.count { full(position, &table) }
        table.compactTreaties = logs.plain.count
        return table
    }
}
