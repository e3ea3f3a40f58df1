/// Why an act cannot be recorded against a treaty as it stands: one sentence for the clerk recording it, and the
/// section of the format reference (`docs/treaty-format.md`) that applies.
public struct AdmissionFault: Sendable, Hashable, CustomStringConvertible {
    /// The sentence, e.g. "THA has already consented to be bound: ...".
    public var message: String
    /// The anchor of the section of `docs/treaty-format.md` that explains the rule (`consent`, `denunciation` ...).
    public var section: String

    public init(_ message: String, section: String) {
        self.message = message
        self.section = section
    }

    public var description: String { message }
}

extension Treaty {
    /// What makes `event` impossible as the next entry of this treaty's log, judged against the treaty as it
    /// stands (its own events, computed by `lifecycle`): an act dated before the adoption of the text; a consent by
    /// a State that did not negotiate a bilateral treaty, or by ratification, acceptance or approval from a State
    /// that did not negotiate a multilateral one (it can only accede, VCLT art. 15); a second consent while the
    /// State is bound; a second signature, or one after the State consented (VCLT arts. 12, 14); an exchange of instruments before both consents (VCLT art. 16(a)); a denunciation by a State
    /// that is not a party, or one the treaty does not allow yet or at all (VCLT arts. 54, 56); an objection or a
    /// withdrawal that names an event that is not a reservation (VCLT arts. 20–22); an act after the treaty ended;
    /// an act by a State after it ceased to exist (its successor acts).
    ///
    /// The checks are of the law and the record; the file reader's own checks (field types, unknown keys, the
    /// event's ids and references) come on top. Corrections are not judged here: they replace a record, they do
    /// not add an act.
    /// - Parameters:
    ///   - event: the act to record, not yet in ``events``.
    ///   - lifecycle: the engine, over the corpus that the treaty's conditions may name.
    /// - Returns: the faults, in the order found; empty where the act can be recorded.
    /// - Parameter status: the treaty's status on the event's date (`explain: false`), where the caller has it
    ///   already; computed otherwise.
    public func admissionFaults(of event: Event, lifecycle: Lifecycle, status: TreatyStatus? = nil)
        -> [AdmissionFault]
    {
        let on = event.date
        return admissionFaults(of: event, lifecycle: lifecycle, termination: { status.map { $0.termination } }) {
            status ?? lifecycle.status(of: self, on: on, explain: false)
        }
    }

    /// ``admissionFaults(of:lifecycle:status:)`` with the status on the event's date asked of `status` only where
    /// the act is judged against the States' rows (a consent, an exchange, a denunciation, a reservation): an act
    /// of another kind is judged against the treaty's end alone, which costs no status where the caller knows it.
    /// - Parameter termination: the treaty's end as the status on the event's date gives it
    ///   (``TreatyStatus/termination``: `.some(nil)` where it has none), where the caller can tell it without that
    ///   status (``Lifecycle/termination(of:on:)``); `nil` where not. Asked only where the status is not.
    public func admissionFaults(
        of event: Event, lifecycle: Lifecycle, termination known: () -> CalendarDate??,
        status: () -> TreatyStatus
    ) -> [AdmissionFault] {
        if case .correction = event.kind { return [] }
        var faults: [AdmissionFault] = []
        let on = event.date
        if on < adopted.date, !Self.mayPrecedeAdoption(event.kind) {
            faults.append(
                AdmissionFault(
                    "The text of \(id) was adopted on \(adopted.date); \(Self.describe(event)) dated \(on) cannot come before it.",
                    section: "dates"))
            return faults
        }
        var computed: TreatyStatus?
        func before() -> TreatyStatus {
            if let computed { return computed }
            let status = status()
            computed = status
            return status
        }
        // The end from the status where the act's kind needs the status anyway.
        let end = Self.judgedAgainstRows(event.kind) ? before().termination : known() ?? before().termination
        if let end, end <= on, !Self.mayFollowTermination(event.kind) {
            faults.append(
                AdmissionFault(
                    "\(id) ended on \(end); \(Self.describe(event)) dated \(on) cannot be recorded after its end.",
                    section: "termination"))
            return faults
        }
        if let party = event.party, let ended = ending(of: party, before: on, successions: lifecycle.corpus.successions)
        {
            faults.append(
                AdmissionFault(
                    "\(party) ceased to exist on \(ended.date), succeeded by \(ended.successor); \(Self.describe(event)) dated \(on) cannot be its act: record it for the successor.",
                    section: "state-succession"))
            return faults
        }
        switch event.kind {
        case .signature(let party, _):
            signatureFaults(party: party, on: on, before: before(), into: &faults)
        case .consent(let party, let form, _, _, _):
            consentFaults(party: party, form: form, on: on, before: before(), into: &faults)
        case .exchangeOfInstruments(let parties, _):
            exchangeFaults(parties: parties, on: on, before: before(), into: &faults)
        case .denunciation(let party, _, _):
            denunciationFaults(event, party: party, before: before(), lifecycle: lifecycle, into: &faults)
        case .reservation(let party, _, _):
            reservationFaults(party: party, on: on, before: before(), into: &faults)
        case .objection(_, let to, _, _), .withdrawalOfReservation(_, let to):
            answerFaults(event, naming: to, into: &faults)
        default:
            break
        }
        return faults
    }

    /// Whether acts of this kind are judged against the States' rows of the status (their own faults below).
    private static func judgedAgainstRows(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .signature, .consent, .exchangeOfInstruments, .denunciation, .reservation: true
        default: false
        }
    }

    /// The succession that ended `party` before `day`, where one did: a continuation or a succession (not a
    /// separation, which leaves the predecessor in being), from the corpus's table or this treaty's own log; the
    /// earliest where there are several. A State that has ceased to exist performs no act (the 1978 Vienna
    /// Convention on Succession of States in respect of Treaties: its successor does).
    private func ending(of party: PartyCode, before day: CalendarDate, successions: [StateSuccession]) -> (
        date: CalendarDate, successor: PartyCode
    )? {
        var found: (date: CalendarDate, successor: PartyCode)?
        func consider(
            _ predecessor: PartyCode, _ successor: PartyCode, _ mode: Event.SuccessionMode, _ date: CalendarDate
        ) {
            guard predecessor == party, mode != .separation, date < day, found.map({ date < $0.date }) ?? true else {
                return
            }
            found = (date, successor)
        }
        for succession in successions {
            consider(succession.predecessor, succession.successor, succession.mode, succession.date)
        }
        // The log's successions from the engine's index where it has one (the desk's treaties: a log of thousands
        // of acts need not be read at each act), else by position: a loop over the array would copy every event.
        if let index = logIndex {
            for position in index.successions {
                let event = index.events[Int(position)]
                if case .stateSuccession(let predecessor, let successor, let mode) = event.kind {
                    consider(predecessor, successor, mode, event.date)
                }
            }
            return found
        }
        events.withUnsafeBufferPointer { buffer in
            for position in buffer.indices {
                if case .stateSuccession(let predecessor, let successor, let mode) = buffer[position].kind {
                    consider(predecessor, successor, mode, buffer[position].date)
                }
            }
        }
        return found
    }

    /// The faults of a consent by `party` in `form` on `on`: a State that did not negotiate a bilateral treaty,
    /// or a non-negotiating State that ratifies, accepts or approves instead of acceding (VCLT art. 15), or a
    /// State already bound.
    private func consentFaults(
        party: PartyCode, form: Event.ConsentForm, on: CalendarDate, before: TreatyStatus,
        into faults: inout [AdmissionFault]
    ) {
        let successors =
            kind == .bilateral
            ? Treaty.bilateralParticipants(events, negotiating: negotiatingStates).allowed
            : Set(
                events.compactMap { event -> PartyCode? in
                    if case .stateSuccession(_, let successor, _) = event.kind { return successor }
                    return nil
                })
        let negotiated = negotiatingStates.contains(party) || successors.contains(party)
        if kind == .bilateral, !negotiated {
            let names = negotiatingStates.map(\.rawValue).joined(separator: " and ")
            faults.append(
                AdmissionFault(
                    "\(party) is not a negotiating State of this bilateral treaty (\(names)): only they, or their successors, can consent to be bound by it.",
                    section: "consent"))
            return
        }
        if kind == .multilateral, !negotiatingStates.isEmpty, !negotiated,
            [.ratification, .acceptance, .approval, .definitiveSignature].contains(form)
        {
            faults.append(
                AdmissionFault(
                    "\(party) did not negotiate \(id): a State that did not take part consents by accession (VCLT art. 15), not by \(form.rawValue).",
                    section: "consent"))
            return
        }
        if let state = before.state(party), let consent = state.consent, consent.date <= on,
            state.status == .contractingState || state.status == .party
        {
            faults.append(
                AdmissionFault(
                    "\(party) has already consented to be bound: its \(consent.form == .unrecorded ? "documented consent" : consent.form.rawValue) of \(consent.date) (event \(consent.event)) stands, so a second consent cannot be recorded. To change a wrong record, record a correction of \(consent.event).",
                    section: "consent"))
        }
    }

    /// The faults of a signature by `party` on `on`: a second signature while the first stands (a revoked one,
    /// VCLT art. 18(a), leaves the State free to sign again), or one after the State consented to be bound (a
    /// signature comes before the consent it prepares, VCLT arts. 12 and 14). Either would replace the State's
    /// signature date in its row.
    private func signatureFaults(
        party: PartyCode, on: CalendarDate, before: TreatyStatus, into faults: inout [AdmissionFault]
    ) {
        guard let state = before.state(party), state.status != .none, state.status != .withdrawn else { return }
        if let signed = state.signature, signed <= on {
            let event = events.first { if case .signature(party, _) = $0.kind { $0.date == signed } else { false } }
            faults.append(
                AdmissionFault(
                    "\(party) already signed \(id) on \(signed)\(event.map { " (event \($0.id))" } ?? ""); a State signs a treaty once. To change a wrong record, record a correction\(event.map { " of \($0.id)" } ?? "").",
                    section: "signature"))
            return
        }
        // On the consent's own day a signature is taken first (the order of acts within a day), so it may be
        // recorded after the consent: a State that signs and ratifies the same day.
        if let consent = state.consent, consent.date < on {
            faults.append(
                AdmissionFault(
                    "\(party) has already consented to be bound: its \(consent.form == .unrecorded ? "documented consent" : consent.form.rawValue) of \(consent.date) (event \(consent.event)); a signature comes before the consent it prepares (VCLT arts. 12, 14), so it cannot be recorded after it.",
                    section: "signature"))
        }
    }

    /// The faults of an exchange of instruments between `parties` on `on`: a second exchange, or one before
    /// both consents are recorded (VCLT art. 16(a)).
    private func exchangeFaults(
        parties: [PartyCode], on: CalendarDate, before: TreatyStatus, into faults: inout [AdmissionFault]
    ) {
        // As the log reads, corrections applied: the date a refusal names is the one the record now gives.
        if let earlier = EventLog(self, through: nil).events.first(where: {
            if case .exchangeOfInstruments = $0.kind { return true }
            return false
        }) {
            faults.append(
                AdmissionFault(
                    "The instruments of \(id) were already exchanged on \(earlier.dateText) (event \(earlier.id)); a treaty's instruments are exchanged once. To change a wrong record, record a correction of \(earlier.id).",
                    section: "exchange-of-instruments"))
            return
        }
        for party in parties {
            // A bilateral treaty's instruments are exchanged between its two States (or their successors).
            if kind == .bilateral, !negotiatingStates.isEmpty, !negotiatingStates.contains(party),
                !Treaty.bilateralParticipants(events, negotiating: negotiatingStates).allowed.contains(party)
            {
                let names = negotiatingStates.map(\.rawValue).joined(separator: " and ")
                faults.append(
                    AdmissionFault(
                        "\(party) is not a negotiating State of this bilateral treaty (\(names)): the instruments are exchanged between them, or their successors.",
                        section: "exchange-of-instruments"))
                continue
            }
            let bound = before.state(party)?.consent.map { $0.date <= on } ?? false
            if !bound {
                faults.append(
                    AdmissionFault(
                        "An exchange of instruments needs both consents first: no consent of \(party) to be bound is recorded on or before \(on). Record its ratification (or other consent) first.",
                        section: "exchange-of-instruments"))
            }
        }
    }

    /// The faults of `event`, a denunciation by `party`: a second notice while one is running, a State that is
    /// not a party, or a notice the treaty gives no effect (VCLT arts. 54, 56).
    private func denunciationFaults(
        _ event: Event, party: PartyCode, before: TreatyStatus, lifecycle: Lifecycle,
        into faults: inout [AdmissionFault]
    ) {
        let on = event.date
        let state = before.state(party)
        // A notice still running (received, not yet in effect) is pending; one with no effect is not.
        if let pending = state?.withdrawal, pending.notified <= on, let effective = pending.effective,
            effective > on
        {
            let effect = ", taking effect on \(effective)"
            faults.append(
                AdmissionFault(
                    "\(party) notified its denunciation already on \(pending.notified) (event \(pending.event))\(effect); a second notice cannot be recorded. To change the first, record a correction of \(pending.event).",
                    section: "denunciation"))
            return
        }
        guard state?.status == .party else {
            let now = state?.status.rawValue ?? "none"
            faults.append(
                AdmissionFault(
                    "\(party) is not a party to \(id) on \(on) (its status then: \(now)); only a party can denounce a treaty. A signature or a consent given before the treaty is in force for a State is withdrawn by a revocation.",
                    section: "denunciation"))
            return
        }
        if let why = ineffectiveDenunciation(event, party: party, lifecycle: lifecycle) {
            faults.append(
                AdmissionFault("This denunciation cannot be recorded as valid: \(why)", section: "denunciation"))
        }
    }

    /// Why `event`, a denunciation by `party`, would have no effect once recorded (the treaty's denunciation
    /// clause, or VCLT arts. 54, 56); `nil` where it takes effect.
    private func ineffectiveDenunciation(_ event: Event, party: PartyCode, lifecycle: Lifecycle) -> String? {
        var after = self
        after.events.append(event)
        let withdrawal = lifecycle.status(of: after, on: event.date).state(party)
        guard let withdrawal, withdrawal.withdrawal?.event == event.id, withdrawal.withdrawal?.effective == nil
        else { return nil }
        return withdrawal.caveats.first { $0.contains("invalid") || $0.contains("no effect") }
            ?? withdrawal.explanation.last { $0.contains("invalid") || $0.contains("no effect") }
            ?? "the treaty's denunciation clause gives it no effect."
    }

    /// The fault of a reservation by `party` on `on` that has neither signed nor consented by then: a reservation
    /// is formulated when signing or consenting (VCLT art. 19).
    private func reservationFaults(
        party: PartyCode, on: CalendarDate, before: TreatyStatus, into faults: inout [AdmissionFault]
    ) {
        let row = before.state(party)
        if row?.signature.map({ $0 <= on }) != true, row?.consent.map({ $0.date <= on }) != true {
            faults.append(
                AdmissionFault(
                    "A reservation is made when a State signs or consents to be bound (VCLT art. 19): \(party) has neither signed nor consented by \(on). Record its signature or consent first (a reservation made with it is dated the same day).",
                    section: "reservation-and-declaration"))
        }
    }

    /// The fault of `event`, an objection or a withdrawal of a reservation, whose target `to` is not a recorded
    /// reservation: an objection answers a reservation (VCLT arts. 20–22).
    private func answerFaults(_ event: Event, naming to: String, into faults: inout [AdmissionFault]) {
        let section = event.typeName == "objection" ? "objection" : "withdrawal-of-reservation"
        guard let target = events.first(where: { $0.id == to }) else {
            faults.append(
                AdmissionFault(
                    "No event with id '\(to)' is recorded for \(id); give the id of the reservation (pacta timeline \(id) lists them).",
                    section: section))
            return
        }
        if case .reservation = target.kind { return }
        let what = event.typeName == "objection" ? "An objection" : "A withdrawal of a reservation"
        faults.append(
            AdmissionFault(
                "\(what) must name a reservation, and \(to) is \(Self.describe(target)); an objection answers a reservation (VCLT arts. 20-21).",
                section: section))
    }

    /// Acts that may be dated before the adoption of the text: a State's succession, and an internal act.
    private static func mayPrecedeAdoption(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .stateSuccession, .domesticStep: true
        default: false
        }
    }

    /// Acts that may be recorded after the treaty ended: internal acts and successions (the record of who
    /// continues a State).
    static func mayFollowTermination(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .stateSuccession, .domesticStep, .invocation: true
        default: false
        }
    }

    /// "a ratification by THA", "the signature s1 of RUS" ...: an event in words.
    static func describe(_ event: Event) -> String {
        let what: String
        switch event.kind {
        case .consent(_, let form, _, _, _):
            let name = form == .unrecorded ? "consent" : form.rawValue
            what = "aeiou".contains(name.first ?? "x") ? "an \(name)" : "a \(name)"
        case .exchangeOfInstruments: what = "an exchange of instruments"
        default:
            let name = event.typeName.split(separator: "-").joined(separator: " ")
            what = "aeiou".contains(name.first ?? "x") ? "an \(name)" : "a \(name)"
        }
        if let party = event.party { return "\(what) by \(party)" }
        if !event.parties.isEmpty {
            return "\(what) between \(event.parties.map(\.rawValue).joined(separator: " and "))"
        }
        return what
    }
}
