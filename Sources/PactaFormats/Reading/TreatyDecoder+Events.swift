import PactaCore

extension TreatyDecoder {
    static let commonEventFields = ["id", "date", "type", "recorded", "recorded-by", "source", "note"]

    /// Fields each event type takes besides the common ones. Spec: "Events".
    static let eventFields: [String: [String]] = [
        "signature": ["party", "by"],
        "domestic-step": ["party", "body", "step"],
        "consent": ["party", "form", "depositary", "effective-from", "instrument-number"],
        "exchange-of-instruments": ["parties", "place"],
        "notification": ["party", "of"],
        "provisional-application": ["party", "until"],
        "reservation": ["party", "articles", "summary"],
        "declaration": ["party", "articles", "summary", "not-bound-by", "attacker-kind"],
        "objection": ["party", "to", "summary", "precludes-entry-into-force"],
        "withdrawal-of-reservation": ["party", "to"],
        "denunciation": ["party", "effective", "by-agreement"],
        "revocation": ["party", "of"],
        "suspension": ["party", "articles", "towards"],
        "resumption": ["party", "articles", "towards"],
        "extension": ["term"],
        "state-succession": ["predecessor", "successor", "mode"],
        "termination": ["cause", "by"],
        "invocation": ["party", "provision", "summary"],
        "correction": ["corrects", "replace"],
    ]

    mutating func events(_ node: YAMLNode, treaty: Treaty) -> LogArray<Event> {
        guard let items = reader.sequence(node, what: "events") else { return [] }
        var events: LogArray<Event> = []
        // Each event's node by its id (the first of an id used twice), sized once: growing it was 1% of an index.
        var nodes = [String: YAMLNode](minimumCapacity: items.count)
        eventLocations.reserveCapacity(eventLocations.count + items.count)
        for (index, item) in items.enumerated() {
            guard var event = event(item, index: index, treaty: treaty, replacing: nil) else { continue }
            if let first = nodes[event.id] {
                let line = " (first at line \(first.mark.line))"
                reader.error(
                    item.mapping?.first { $0.key.scalar?.string == "id" }?.value ?? item,
                    "event id '\(event.id)' is used twice in this file\(line)")
                continue
            }
            nodes[event.id] = item
            if let source = event.source, treaty.sources[source] == nil {
                let at = item.mapping?.first { $0.key.scalar?.string == "source" }?.value ?? item
                let known = treaty.sources.keys.sorted().joined(separator: ", ")
                reader.error(
                    at,
                    "source '\(source)' is not a key of this file's sources (known: \(known.isEmpty ? "none" : known))")
                event.source = nil
            }
            events.append(event)
            eventLocations[event.id] = Diagnostic(
                file: reader.file, line: item.mark.line, column: item.mark.column, message: "")
        }
        // Second pass: references between events, and corrections re-read with their replacements (the events by
        // id are gathered only where an event refers to another, which most logs never do).
        var byID: [String: Event] = [:]
        let refers = events.contains { event in
            switch event.kind {
            case .objection, .withdrawalOfReservation, .correction: true
            default: false
            }
        }
        if refers {
            byID.reserveCapacity(events.count)
            for event in events { byID[event.id] = event }
        }
        for index in events.indices {
            let item = nodes[events[index].id]!
            let field: String?
            let target: String?
            switch events[index].kind {
            case .objection(_, let to, _, _), .withdrawalOfReservation(_, let to): (field, target) = ("to", to)
            case .correction(let corrects, _): (field, target) = ("corrects", corrects)
            default: (field, target) = (nil, nil)
            }
            guard let field, let target else { continue }
            let at = item.mapping?.first { $0.key.scalar?.string == field }?.value ?? item
            guard byID[target] != nil else {
                reader.error(at, "\(field): no event with id '\(target)' in this file")
                continue
            }
            if let message = referenceFault(events[index], byID: byID) { reader.error(at, message) }
            if case .correction(let corrects, _) = events[index].kind,
                let replaceNode = item.mapping?.first(where: { $0.key.scalar?.string == "replace" })?.value,
                let original = nodes[corrects]
            {
                events[index].kind = .correction(
                    corrects: corrects, replacement: corrected(original, with: replaceNode, treaty: treaty))
            }
        }
        // The law of the record is checked in Core; the reader only says where each issue is. The record is checked
        // as written and as corrected: a corrected event is checked again like any event, at its correction.
        var reported = Set<String>()
        for issue in treaty.recordIssues(events: events) {
            reported.insert(Self.issueKey(issue))
            let node = Self.node(nodes, issue.event, issue.field)
            if issue.isError { reader.error(node, issue.message) } else { reader.warning(node, issue.message) }
        }
        let (effective, corrected) = Event.applyingCorrections(events)
        if !corrected.isEmpty {
            for issue in treaty.recordIssues(events: effective) where !reported.contains(Self.issueKey(issue)) {
                guard let correction = corrected[issue.event] else { continue }
                let node = Self.node(nodes, correction, "replace")
                let message = "as corrected by \(correction): \(issue.message)"
                if issue.isError { reader.error(node, message) } else { reader.warning(node, message) }
            }
        }
        return events
    }

    /// Where to report a fault of an event: its `field`, else the event, else nowhere (`nil`).
    private static func node(_ nodes: [String: YAMLNode], _ id: String, _ field: String) -> YAMLNode? {
        guard let node = nodes[id] else { return nil }
        return node.mapping?.first { $0.key.scalar?.string == field }?.value ?? node
    }

    /// The original event's fields overridden by a correction's `replace` mapping, read as a new event.
    private mutating func corrected(_ original: YAMLNode, with replace: YAMLNode, treaty: Treaty) -> Event? {
        guard let base = original.mapping, let overrides = replace.mapping else {
            reader.error(replace, "replace must be a mapping of the fields to correct ({date: ...})")
            return nil
        }
        if overrides.isEmpty {
            reader.error(replace, "replace names no field: give the corrected fields ({date: ...})")
            return nil
        }
        var pairs = Array(base)
        for (key, value) in overrides {
            if key.scalar?.string == "id" {
                reader.error(key, "a correction cannot change an event's id")
                continue
            }
            if key.scalar?.string == "corrects" {
                reader.error(
                    key,
                    "a correction cannot change which event a correction corrects ('corrects'); record a correction of the right event instead"
                )
                continue
            }
            if let name = key.scalar?.string, ["recorded", "recorded-by"].contains(name) {
                reader.error(
                    key,
                    "a correction cannot change when or by whom an event was recorded ('\(name)'); the correction carries its own"
                )
                continue
            }
            if let position = pairs.firstIndex(where: { $0.key.scalar?.string == key.scalar?.string }) {
                pairs[position].value = value
            } else {
                pairs.append((key, value))
            }
        }
        return event(
            YAMLNode(mapping: pairs, mark: replace.mark), index: 0,
            treaty: treaty, replacing: true)
    }

    /// One event; `nil` where it cannot be read (the diagnostics say why).
    private mutating func event(_ node: YAMLNode, index: Int, treaty: Treaty, replacing: Bool?) -> Event? {
        guard node.mapping != nil else {
            reader.error(
                node, "each event must be a mapping such as {id: e1, date: 2024-06-19, type: signature, party: RUS}")
            return nil
        }
        // The type decides which fields are allowed, so read it first.
        guard let type = eventType(node),
            let fields = reader.mapping(
                node, what: "a \(type.name) event", allowed: Self.commonEventFields + type.fields)
        else { return nil }
        let id = fields["id"].flatMap { reader.string($0, what: "id") } ?? "\(treaty.id)-e\(index + 1)"
        guard let dateNode = reader.require(fields, "date", expected: "the date it took effect, YYYY-MM-DD"),
            let parsedDate = reader.eventDate(dateNode, what: "date")
        else { return nil }
        let (date, earliest) = parsedDate
        guard let kind = eventKind(type.name, fields, date: date, treaty: treaty) else { return nil }
        return Event(
            id: id, date: date, kind: kind, recorded: fields["recorded"].flatMap { reader.date($0, what: "recorded") },
            source: optionalText("source", in: fields), note: optionalText("note", in: fields), earliestDate: earliest,
            recordedBy: optionalText("recorded-by", in: fields))
    }

    /// The type an event names in its `type` field, with the fields that type takes besides the common ones;
    /// `nil` where the type is missing or unknown (the diagnostics say which).
    private func eventType(_ node: YAMLNode) -> (name: String, fields: [String])? {
        guard let typeNode = node.mapping!.first(where: { $0.key.scalar?.string == "type" })?.value else {
            reportMissingType(node)
            return nil
        }
        guard let type = reader.string(typeNode, what: "type") else { return nil }
        guard let own = Self.eventFields[type] else {
            let suggestion = NodeReader.closest(type, in: Event.typeNames).map { " (did you mean '\($0)'?)" } ?? ""
            reader.error(
                typeNode,
                "unknown event type '\(type)'\(suggestion); expected one of: \(Event.typeNames.joined(separator: ", "))"
            )
            return nil
        }
        return (type, own)
    }

    /// Reports an event with no `type` field. A misspelt key is named as such ("tpye"), not reported as a missing
    /// type.
    private func reportMissingType(_ node: YAMLNode) {
        let what = "an event"
        let known = Self.commonEventFields + Self.eventFields.values.flatMap { $0 }
        if let (key, _) = node.mapping!.first(where: { pair in
            pair.key.scalar.map {
                !known.contains($0.string) && NodeReader.distance($0.string.lowercased(), "type") <= 2
            }
                ?? false
        }) {
            reader.error(
                key,
                "unknown field '\(key.scalar!.string)' in \(what) (did you mean 'type'?); an event needs 'type' (one of: \(Event.typeNames.joined(separator: ", ")))"
            )
            return
        }
        reader.error(node, "\(what) is missing the field 'type' (one of: \(Event.typeNames.joined(separator: ", ")))")
    }

    /// "a" or "an" before a word.
    static func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }

    /// What is wrong with what an objection or a withdrawal names, if anything (VCLT arts. 20–23).
    func referenceFault(_ event: Event, byID: [String: Event]) -> String? {
        switch event.kind {
        case .objection(let party, let to, _, _):
            guard let target = byID[to] else { return nil }
            switch target.kind {
            case .reservation(let author, _, _), .declaration(let author, _, _, _, _):
                if author == party { return "to: \(party) cannot object to its own \(target.typeName) \(to)" }
                if event.date < target.date {
                    return
                        "to: the objection of \(event.date) comes before the reservation \(to) it answers (\(target.date))"
                }
                return nil
            default:
                return
                    "to: '\(to)' is \(Self.article(target.typeName)) \(target.typeName), not a reservation or declaration; an objection answers a reservation"
            }
        case .withdrawalOfReservation(let party, let to):
            guard let target = byID[to] else { return nil }
            switch target.kind {
            case .reservation(let author, _, _), .declaration(let author, _, _, _, _), .objection(let author, _, _, _):
                if author != party {
                    return "to: \(to) was made by \(author); only \(author) can withdraw it (VCLT art. 22)"
                }
                if event.date < target.date {
                    return "to: the withdrawal of \(event.date) comes before \(to) was made (\(target.date))"
                }
                return nil
            default:
                return
                    "to: '\(to)' is \(Self.article(target.typeName)) \(target.typeName); only a reservation, declaration or objection can be withdrawn"
            }
        case .correction(let corrects, _):
            if corrects == event.id {
                return "corrects: a correction cannot correct itself; name the event it corrects"
            }
            // A correction of a correction is a corrigendum of a corrigendum; a chain that comes back to this one
            // would have each correct the other, and no event would say what the record holds.
            var chain = [event.id, corrects]
            var next = corrects
            while case .correction(let further, _)? = byID[next]?.kind, chain.count <= byID.count {
                chain.append(further)
                if further == event.id {
                    return
                        "corrects: these corrections correct one another in a circle (\(chain.joined(separator: " → "))); each must correct an event that is not a correction of it"
                }
                next = further
            }
            return nil
        default:
            return nil
        }
    }
}

extension TreatyDecoder {
    /// One event read as the next entry of `treaty`'s log: what ``events(_:treaty:)`` would say of it in the whole
    /// file (fields, codes, dates, its id used once, its source, its references, and the record's law, including
    /// issues it raises for other events). Not for corrections, whose replacement is read against the corrected
    /// event's own fields.
    /// - Parameter issues: the record's checks before the event (``Treaty/RecordChecks``), where kept; they are
    ///   made here otherwise. On return, the checks with the event.
    /// - Parameter appended: set to `treaty` with the event appended (``Treaty/appendEvent(_:)``), where it is read.
    /// - Parameter idIsNew: whether the caller has made sure that no event of the log has the event's id (the
    ///   desk keeps the log's ids), so that the log need not be searched for it.
    mutating func appendedEvent(
        _ node: YAMLNode, to treaty: Treaty, issues: inout Treaty.RecordChecks?, appended: inout Treaty?,
        idIsNew: Bool = false
    ) -> Event? {
        guard var event = event(node, index: treaty.events.count, treaty: treaty, replacing: nil) else { return nil }
        func at(_ field: String) -> YAMLNode { node.mapping?.first { $0.key.scalar?.string == field }?.value ?? node }
        if !idIsNew, treaty.events.firstPosition(where: { $0.pointee.id == event.id }) != nil {
            reader.error(at("id"), "event id '\(event.id)' is used already in this file")
            return nil
        }
        if let source = event.source, treaty.sources[source] == nil {
            let known = treaty.sources.keys.sorted().joined(separator: ", ")
            reader.error(
                at("source"),
                "source '\(source)' is not a key of this file's sources (known: \(known.isEmpty ? "none" : known))")
            event.source = nil
        }
        switch event.kind {
        case .objection(_, let to, _, _), .withdrawalOfReservation(_, let to):
            var byID: [String: Event] = [:]
            for earlier in treaty.events { byID[earlier.id] = earlier }
            if byID[to] == nil {
                reader.error(at("to"), "to: no event with id '\(to)' in this file")
            } else if let message = referenceFault(event, byID: byID) {
                reader.error(at("to"), message)
            }
        default: break
        }
        var checks = issues ?? Treaty.RecordChecks(treaty)
        var grown = treaty
        grown.appendEvent(event)
        appended = grown
        let raised = checks.append(event, treaty: treaty, grown: grown)
        issues = checks
        for issue in raised {
            let where_ = issue.event == event.id ? at(issue.field) : node
            let message = issue.event == event.id ? issue.message : "\(issue.message) (event \(issue.event))"
            if issue.isError { reader.error(where_, message) } else { reader.warning(where_, message) }
        }
        return event
    }

    /// An issue as a key, to tell the issues an appended event raises from those the record had.
    static func issueKey(_ issue: RecordIssue) -> String { "\(issue.event)|\(issue.field)|\(issue.message)" }
}
