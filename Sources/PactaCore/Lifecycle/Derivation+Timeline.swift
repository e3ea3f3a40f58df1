extension Derivation {
    /// Recorded events and computed dates in one list, in date order (recorded before computed on a day).
    ///
    /// Computed entries: the treaty's entry into force; each State's where it differs from its consent;
    /// withdrawals taking effect; for a fixed term, each renewal and the last day to give notice before it
    /// (up to the first renewal after `through`); the end of each reservation's art. 20(5) window; the treaty's end.
    ///
    /// - Parameter explained: where this derivation has no words (`explain: false`), the treaty's derivation with
    ///   words, from which each computed entry's explanation is put together when read.
    func timeline(through: CalendarDate, computedOnly: Bool = false, explained: ExplainedDerivation? = nil)
        -> [TimelineEntry]
    {
        var entries = computedOnly ? [] : recordedEntries()
        addEntriesIntoForce(into: &entries, wordsFrom: explained)
        addRenewals(through: through, into: &entries, wordsFrom: explained)
        // Each State's computed dates, from its record (no full status rows are needed).
        for (slot, code) in machine.order.enumerated() {
            let stateDate = addStateEntryIntoForce(slot: slot, code, into: &entries, wordsFrom: explained)
            guard machine.records[slot].succeededBy == nil else { continue }
            addWithdrawals(slot: slot, code, partyEntryIntoForce: stateDate, into: &entries, wordsFrom: explained)
        }
        if !machine.reservations.isEmpty {
            addReservationWindows(through: through, into: &entries, wordsFrom: explained)
        }
        addTermination(into: &entries, wordsFrom: explained)
        return Derivation.inDateOrder(entries)
    }

    /// The recorded events, each as an entry, and each correction on its own date, saying what it changed.
    private func recordedEntries() -> [TimelineEntry] {
        var entries = log.events.map { event in
            TimelineEntry(
                date: event.date, origin: event.isDocumentedStandIn ? .documented : .recorded, type: event.typeName,
                parties: event.parties,
                summary: Derivation.summary(of: event), event: event.id, source: event.source,
                // A stand-in's note says what its summary says.
                note: event.isDocumentedStandIn
                    ? nil
                    : event.earliestDate == nil
                        ? event.note
                        : "The record dates it only to \(event.dateText): shown on its latest possible day."
                            + (event.note.map { " " + $0 } ?? ""))
        }
        // A correction never edits the event it corrects: both are shown, the corrected event as it now reads
        // and the correction on its own date, saying what it changed.
        for event in treaty.events {
            guard case .correction(let target, let replacement) = event.kind,
                let original = treaty.events.first(where: { $0.id == target })
            else { continue }
            var changes: [String] = []
            if let replacement {
                if replacement.date != original.date {
                    changes.append("date \(original.dateText) → \(replacement.dateText)")
                }
                if replacement.kind != original.kind {
                    changes.append("now reads: \(Derivation.summary(of: replacement))")
                }
            }
            entries.append(
                TimelineEntry(
                    date: event.date, origin: .recorded, type: event.typeName, parties: original.parties,
                    summary: "Correction of \(target)"
                        + (changes.isEmpty ? "" : ": " + changes.joined(separator: "; ")),
                    event: event.id, source: event.source, note: event.note))
        }
        return entries
    }

    /// Appends a computed entry to `entries`. Its words come from a derivation with explanations: this one, or
    /// `explained`, the treaty's derivation with words, when they are read.
    private func addComputed(
        _ date: CalendarDate, _ type: String, _ parties: [PartyCode], _ summary: String,
        into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?,
        origin: TimelineEntry.Origin = .computed, _ why: @escaping @Sendable (Derivation) -> [String]
    ) {
        let words = explain || explained == nil ? Explanation(why(self)) : Explanation(explained!, why)
        entries.append(
            TimelineEntry(date: date, origin: origin, type: type, parties: parties, summary: summary, words: words))
    }

    /// The treaty's entry into force, and that of each group of articles with a rule of its own (rules.partial)
    /// before the treaty's end.
    private func addEntriesIntoForce(into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?) {
        if let eif = entryIntoForce {
            let article = treaty.rules.entryIntoForce?.article.map { " (art. \($0))" } ?? ""
            // A date the file's `documented` statement gives is the official record's, not computed from the events.
            let met =
                documentedFallback != nil
                ? ", on the date an official record gives (not computed: the file lacks the acts that fix it)"
                : conditionsMet?.date.map { $0 == eif ? "" : "; conditions met on \($0)" } ?? ""
            addComputed(
                eif, "entry-into-force", [], "The treaty enters into force\(article)\(met)", into: &entries,
                wordsFrom: explained, origin: documentedFallback != nil ? .documented : .computed
            ) { $0.entryIntoForceExplanation }
        }
        for (index, rule) in treaty.rules.partial.enumerated() {
            guard let met = partialMet[index]?.date else { continue }
            let own = rule.delay.apply(to: met)
            if let ending, own >= ending.date { continue }
            let one = rule.articles.count == 1
            addComputed(
                own, "partial-entry-into-force", [],
                "Art\(one ? "." : "s.") \(rule.articles.joined(separator: ", ")) \(one ? "enters" : "enter") into force on \(one ? "its" : "their") own (rules.partial)",
                into: &entries, wordsFrom: explained
            ) { $0.partialStatus(index, on: .latest, .inForce).explanation }
        }
    }

    /// For a fixed term that renews: each renewal before the treaty's end, up to the first after `through` (the
    /// last 1,000 at most), and the last day to give notice of non-renewal before it, where the file states a
    /// notice period.
    private func addRenewals(
        through: CalendarDate, into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?
    ) {
        guard case .fixed(_, let renewal?, let article) = treaty.rules.duration else { return }
        let where_ = article.map { " (art. \($0))" } ?? ""
        // The last thousand periods at most (a daily renewal since 1900 is 46,000): those nearest `through`, and
        // the first listed says how many came before it.
        let (ends, skipped) = periodEnds(until: min(ending?.date ?? through, through))
        for (position, end) in ends.enumerated() where ending.map({ end < $0.date }) ?? true {
            let before =
                position == 0 && skipped > 0
                ? " (the \(skipped) renewals before it are not listed: at most 1,000 are)" : ""

            let deadline = end.subtracting(renewal.noticeBeforeExpiry)
            // A zero notice period means the file does not state one: no deadline is claimed.
            if !renewal.noticeBeforeExpiry.isZero {
                addComputed(
                    deadline, "renewal-notice-deadline", [],
                    "Last day to give notice of non-renewal before the period ending \(end)\(where_)", into: &entries,
                    wordsFrom: explained
                ) { _ in
                    ["The period ends on \(end); notice must be given \(renewal.noticeBeforeExpiry) before it."]
                }
            }
            let who =
                treaty.kind == .multilateral
                ? "for the parties that gave no notice of non-renewal" : "no notice having been given"
            addComputed(
                end, "renewal", [], "Renewed for \(renewal.term), \(who)\(where_)\(before)", into: &entries,
                wordsFrom: explained
            ) { _ in
                ["Without a notice by \(deadline), the treaty runs for a further \(renewal.term) from \(end)."]
            }
        }
    }

    /// The date the treaty enters into force for the State in `slot` (VCLT art. 24(3)), listed where it is not
    /// the day of its consent nor the treaty's own. A State that was succeeded keeps its own date, unless it
    /// ceased before it; a continuator does not repeat its predecessor's.
    /// - Returns: the State's date in force, listed or not.
    private func addStateEntryIntoForce(
        slot: Int, _ code: PartyCode, into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?
    ) -> CalendarDate? {
        // Field by field: a copy of the whole record would retain everything it holds.
        guard let consent = machine.records[slot].consent else { return nil }
        let inherited = machine.records[slot].continues.flatMap { machine.record($0.code)?.consent?.event }
        if inherited == consent.event {
            return stateEntryIntoForce(consent, party: code)?.0
        } else if let ceased = machine.records[slot].succeededBy?.date {
            // A State that ceased before its date in force never had one: nothing to list.
            let own = stateEntryIntoForce(consent, party: code)?.0
            return own.flatMap {
                ceased <= $0 ? nil : addStateEntry(consent, code, into: &entries, wordsFrom: explained)
            }
        }
        return addStateEntry(consent, code, into: &entries, wordsFrom: explained)
    }

    /// A State's date in force under `consent`, listed where it is not the day of its consent nor the treaty's
    /// own (VCLT art. 24(3)); `nil` for a consent by the exchange of instruments.
    private func addStateEntry(
        _ consent: LogMachine.ConsentRecord, _ code: PartyCode, into entries: inout [TimelineEntry],
        wordsFrom explained: ExplainedDerivation?
    ) -> CalendarDate? {
        guard !consent.byExchange, let (date, _) = stateEntryIntoForce(consent, party: code) else { return nil }
        if treaty.kind == .multilateral, date != consent.date, date != entryIntoForce {
            addComputed(
                date, "entry-into-force-for-state", [code], "Enters into force for \(code)", into: &entries,
                wordsFrom: explained
            ) { [$0.stateEntryIntoForce(consent, party: code)?.1 ?? ""] }
        }
        return date
    }

    /// The withdrawals of the State in `slot` taking effect (VCLT arts. 54–56): those that took effect before it
    /// consented again, with the dates of those consents, then its notice in operation, unless that notice
    /// ends the treaty itself.
    private func addWithdrawals(
        slot: Int, _ code: PartyCode, partyEntryIntoForce stateDate: CalendarDate?,
        into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?
    ) {
        for past in machine.records[slot].pastNotices {
            if let consent = past.consent { _ = addStateEntry(consent, code, into: &entries, wordsFrom: explained) }
            guard let (bound, effective) = takesEffect(past, party: code) else { continue }
            addComputed(
                effective, "withdrawal-effective", [code],
                "Withdrawal of \(code) takes effect (notified \(past.received))", into: &entries, wordsFrom: explained
            ) { [bound] in [$0.effect(of: past, party: code, partyEntryIntoForce: bound).explanation] }
        }
        guard let notice = machine.records[slot].notice, ending?.event != notice.event,
            let effective = effect(of: notice, party: code, partyEntryIntoForce: stateDate).effective
        else { return }
        addComputed(
            effective, "withdrawal-effective", [code],
            "Withdrawal of \(code) takes effect (notified \(notice.received))", into: &entries, wordsFrom: explained
        ) { [stateDate] in
            let result = $0.effect(of: notice, party: code, partyEntryIntoForce: stateDate)
            return [result.explanation] + (result.caveat.map { [$0] } ?? [])
        }
    }

    /// The end of the twelve months for objections to each reservation not withdrawn before it (VCLT art. 20(5)).
    private func addReservationWindows(
        through: CalendarDate, into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?
    ) {
        for reservation in reservationStatuses(on: through).statuses
        where reservation.kind == .reservation && reservation.withdrawn.map({ reservation.windowEnds < $0 }) ?? true {
            addComputed(
                reservation.windowEnds, "reservation-window-end", [reservation.party],
                "End of the twelve months for objections to \(reservation.party)'s reservation \(reservation.event) (VCLT art. 20(5))",
                into: &entries, wordsFrom: explained
            ) { _ in reservation.responses.map(\.explanation) }
        }
    }

    /// The treaty's end for all parties, unless a recorded termination already shows it.
    private func addTermination(into entries: inout [TimelineEntry], wordsFrom explained: ExplainedDerivation?) {
        guard let ending,
            ending.event == nil
                || !log.events.contains(where: { $0.id == ending.event && $0.typeName == "termination" })
        else { return }
        addComputed(
            ending.date, "termination", [], "The treaty ends for all parties", into: &entries, wordsFrom: explained
        ) { $0.ending.map { [$0.explanation] } ?? [] }
    }

    /// `entries` in date order, recorded before computed on a day, otherwise as gathered. Positions are sorted,
    /// not the entries: an entry is large and its fields are counted references.
    private static func inDateOrder(_ entries: [TimelineEntry]) -> [TimelineEntry] {
        let order = entries.indices.sorted { a, b in
            if entries[a].date != entries[b].date { return entries[a].date < entries[b].date }
            if entries[a].origin != entries[b].origin { return entries[a].origin == .recorded }
            return a < b
        }
        return order.map { entries[$0] }
    }

    /// A one-line description of a recorded event.
    static func summary(of event: Event) -> String {
        switch event.kind {
        case .signature(let party, let by): return "Signed by \(party)" + (by.map { " (\($0))" } ?? "")
        case .domesticStep(let party, let body, let step):
            return "\(party): " + [body, step].compactMap { $0 }.joined(separator: ": ")
        case .consent(let party, let form, _, let effectiveFrom, let number):
            if form == .unrecorded {
                return
                    "\(party): bound from the documented date of entry into force (its instrument is not in the file)"
            }
            return "\(party): consent by \(form.rawValue)" + (effectiveFrom.map { ", effective from \($0)" } ?? "")
                + (number.map { " (the \(Derivation.ordinal($0)) instrument deposited, by the depositary's count)" }
                    ?? "")
        case .exchangeOfInstruments(let parties, let place):
            return "Instruments exchanged between \(parties.map(\.rawValue).joined(separator: " and "))"
                + (place.map { " at \($0)" } ?? "")
        case .notification(let party, let of): return "\(party) notifies: \(of)"
        case .provisionalApplication(let party, let until):
            return "\(party) applies the treaty provisionally" + (until.map { " until \($0)" } ?? "")
        case .reservation(let party, let articles, let summary):
            return "\(party) reservation" + (articles.isEmpty ? "" : " to art. \(articles.joined(separator: ", "))")
                + (summary.map { ": \($0)" } ?? "")
        case .declaration(let party, let articles, let summary, _, _):
            return "\(party) declaration" + (articles.isEmpty ? "" : " on art. \(articles.joined(separator: ", "))")
                + (summary.map { ": \($0)" } ?? "")
        case .objection(let party, let to, let summary, _):
            return "\(party) objects to \(to)" + (summary.map { ": \($0)" } ?? "")
        case .withdrawalOfReservation(let party, let to): return "\(party) withdraws \(to)"
        case .denunciation(let party, let effective, let byAgreement):
            if byAgreement {
                return "\(party) leaves by agreement of the parties (VCLT art. 54(b))"
                    + (effective.map { ", from \($0)" } ?? "")
            }
            return "\(party) gives notice of denunciation" + (effective.map { ", naming \($0)" } ?? "")
        case .revocation(let party, let of):
            return of == .signature
                ? "\(party) revokes its signature (no intention to become a party, VCLT art. 18(a))"
                : "\(party) revokes its consent"
        case .suspension(let party, let articles, let towards):
            return "Operation suspended" + (party.map { " by \($0)" } ?? "")
                + (towards.isEmpty ? "" : " towards \(towards.map(\.rawValue).joined(separator: ", "))")
                + (articles.isEmpty ? "" : " (art. \(articles.joined(separator: ", ")))")
        case .resumption(let party, let articles, let towards):
            return "Operation resumed" + (party.map { " by \($0)" } ?? "")
                + (towards.isEmpty ? "" : " towards \(towards.map(\.rawValue).joined(separator: ", "))")
                + (articles.isEmpty ? "" : " (art. \(articles.joined(separator: ", ")))")
        case .extensionOfTerm(let term): return "The parties extend the treaty's term by \(term)"
        case .stateSuccession(let predecessor, let successor, let mode):
            return mode == .separation
                ? "\(successor) separates from \(predecessor), which continues (separation)"
                : "\(successor) succeeds \(predecessor) (\(mode.rawValue))"
        case .termination(let cause, let by): return "Terminated: \(cause)" + (by.map { ", replaced by \($0)" } ?? "")
        case .invocation(let party, let provision, let summary):
            return "\(party) invokes \(provision) (a claim)" + (summary.map { ": \($0)" } ?? "")
        case .correction(let corrects, _): return "Correction of \(corrects)"
        }
    }
}
