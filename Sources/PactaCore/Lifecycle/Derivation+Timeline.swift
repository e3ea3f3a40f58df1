extension Derivation {
    /// Recorded events and computed dates in one list, in date order (recorded before computed on a day).
    func timeline(through: CalendarDate) -> [TimelineEntry] {
        var entries: [TimelineEntry] = log.events.map { event in
            TimelineEntry(
                date: event.date, origin: .recorded, type: event.typeName, parties: event.parties,
                summary: Derivation.summary(of: event), event: event.id, source: event.source, note: event.note)
        }
        if let eif = entryIntoForce {
            let article = treaty.rules.entryIntoForce?.article.map { " (art. \($0))" } ?? ""
            let met = conditionsMet?.date.map { $0 == eif ? "" : "; conditions met on \($0)" } ?? ""
            entries.append(
                TimelineEntry(
                    date: eif, origin: .computed, type: "entry-into-force", parties: [],
                    summary: "The treaty enters into force\(article)\(met)", event: nil, source: nil, note: nil))
        }
        let last = ending?.date ?? through
        if case .fixed(_, let renewal, let article) = treaty.rules.duration {
            let where_ = article.map { " (art. \($0))" } ?? ""
            for end in periodEnds(until: min(last, through)) where ending == nil || end < ending!.date {
                if let renewal {
                    entries.append(
                        TimelineEntry(
                            date: end.subtracting(renewal.noticeBeforeExpiry), origin: .computed,
                            type: "renewal-notice-deadline",
                            parties: [],
                            summary: "Last day to give notice of non-renewal before the period ending \(end)\(where_)",
                            event: nil, source: nil, note: nil))
                    entries.append(
                        TimelineEntry(
                            date: end, origin: .computed, type: "renewal", parties: [],
                            summary: "Renewed for \(renewal.term), no notice having been given\(where_)", event: nil,
                            source: nil, note: nil))
                }
            }
        }
        let status = self.status(on: through)
        if treaty.kind == .multilateral {
            for state in status.states {
                if let eif = state.entryIntoForce, let consent = state.consent, eif != consent.date,
                    eif != entryIntoForce
                {
                    entries.append(
                        TimelineEntry(
                            date: eif, origin: .computed, type: "entry-into-force-for-state", parties: [state.code],
                            summary: "Enters into force for \(state.code)", event: nil, source: nil, note: nil))
                }
            }
        }
        for state in status.states {
            if let withdrawal = state.withdrawal, let effective = withdrawal.effective,
                ending?.event != withdrawal.event
            {
                entries.append(
                    TimelineEntry(
                        date: effective, origin: .computed, type: "withdrawal-effective", parties: [state.code],
                        summary: "Withdrawal of \(state.code) takes effect (notified \(withdrawal.notified))",
                        event: nil,
                        source: nil, note: nil))
            }
        }
        if let ending,
            ending.event == nil
                || !log.events.contains(where: { $0.id == ending.event && $0.typeName == "termination" })
        {
            entries.append(
                TimelineEntry(
                    date: ending.date, origin: .computed, type: "termination", parties: [], summary: ending.explanation,
                    event: nil, source: nil, note: nil))
        }
        return entries.enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            if a.element.origin != b.element.origin { return a.element.origin == .recorded }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// A one-line description of a recorded event.
    static func summary(of event: Event) -> String {
        switch event.kind {
        case .signature(let party, let by): return "Signed by \(party)" + (by.map { " (\($0))" } ?? "")
        case .domesticStep(let party, let body, let step):
            return "\(party): " + [body, step].compactMap { $0 }.joined(separator: ": ")
        case .consent(let party, let form, _, let effectiveFrom):
            return "\(party): consent by \(form.rawValue)" + (effectiveFrom.map { ", effective from \($0)" } ?? "")
        case .exchangeOfInstruments(let parties, let place):
            return "Instruments exchanged between \(parties.map(\.rawValue).joined(separator: " and "))"
                + (place.map { " at \($0)" } ?? "")
        case .notification(let party, let of): return "\(party) notifies: \(of)"
        case .provisionalApplication(let party, let until):
            return "\(party) applies the treaty provisionally" + (until.map { " until \($0)" } ?? "")
        case .reservation(let party, let articles, let summary):
            return "\(party) reservation" + (articles.isEmpty ? "" : " to art. \(articles.joined(separator: ", "))")
                + (summary.map { ": \($0)" } ?? "")
        case .declaration(let party, let articles, let summary):
            return "\(party) declaration" + (articles.isEmpty ? "" : " on art. \(articles.joined(separator: ", "))")
                + (summary.map { ": \($0)" } ?? "")
        case .objection(let party, let to, let summary, _):
            return "\(party) objects to \(to)" + (summary.map { ": \($0)" } ?? "")
        case .withdrawalOfReservation(let party, let to): return "\(party) withdraws \(to)"
        case .denunciation(let party, let effective):
            return "\(party) gives notice of denunciation" + (effective.map { ", naming \($0)" } ?? "")
        case .revocation(let party, let of): return "\(party) revokes its \(of.rawValue)"
        case .suspension(let party, let articles):
            return "Operation suspended" + (party.map { " by \($0)" } ?? "")
                + (articles.isEmpty ? "" : " (art. \(articles.joined(separator: ", ")))")
        case .resumption(let party, let articles):
            return "Operation resumed" + (party.map { " by \($0)" } ?? "")
                + (articles.isEmpty ? "" : " (art. \(articles.joined(separator: ", ")))")
        case .stateSuccession(let predecessor, let successor, let mode):
            return "\(successor) succeeds \(predecessor) (\(mode.rawValue))"
        case .termination(let cause, let by): return "Terminated: \(cause)" + (by.map { ", replaced by \($0)" } ?? "")
        case .invocation(let party, let provision, let summary):
            return "\(party) invokes \(provision) (a claim)" + (summary.map { ": \($0)" } ?? "")
        case .correction(let corrects, _): return "Correction of \(corrects)"
        }
    }
}
