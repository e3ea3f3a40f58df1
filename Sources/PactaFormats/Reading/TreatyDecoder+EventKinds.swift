import PactaCore

extension TreatyDecoder {
    // MARK: - Event kinds

    /// The kind of an event of `type` (a key of ``eventFields``), read from the fields that type takes; `nil` where
    /// a field it needs is missing or wrong (the diagnostics say why).
    /// - Parameter date: the event's date, which the dates it names cannot precede.
    func eventKind(_ type: String, _ fields: NodeReader.Fields, date: CalendarDate, treaty: Treaty) -> Event.Kind? {
        switch type {
        case "signature", "domestic-step", "consent", "exchange-of-instruments", "notification",
            "provisional-application":
            consentKind(type, fields, date: date, treaty: treaty)
        case "reservation", "declaration", "objection", "withdrawal-of-reservation":
            reservationKind(type, fields)
        case "denunciation", "revocation", "suspension", "resumption":
            denunciationKind(type, fields, date: date)
        default:
            generalKind(type, fields, treaty: treaty)
        }
    }

    /// Signature, the steps towards consent, consent itself, and what brings consent into effect: a notification,
    /// an exchange of instruments, or provisional application meanwhile.
    private func consentKind(
        _ type: String, _ fields: NodeReader.Fields, date: CalendarDate, treaty: Treaty
    ) -> Event.Kind? {
        switch type {
        case "signature":
            guard let party = requiredParty(in: fields) else { return nil }
            return .signature(party: party, by: optionalText("by", in: fields))
        case "domestic-step":
            guard let party = requiredParty(in: fields) else { return nil }
            return .domesticStep(
                party: party, body: optionalText("body", in: fields), step: optionalText("step", in: fields))
        case "consent":
            guard let party = requiredParty(in: fields),
                let formNode = reader.require(
                    fields, "form", expected: "ratification, acceptance, approval, accession ..."),
                let form = reader.choice(
                    formNode, what: "form", of: Event.ConsentForm.self, values: Event.ConsentForm.recordable)
            else { return nil }
            return .consent(
                party: party, form: form,
                depositary: fields["depositary"].flatMap { self.party($0, what: "depositary") },
                effectiveFrom: fields["effective-from"].flatMap { reader.date($0, what: "effective-from") },
                instrumentNumber: fields["instrument-number"].flatMap(instrumentNumber))
        case "exchange-of-instruments":
            let parties = fields["parties"].map { partyList($0, what: "parties") } ?? treaty.negotiatingStates
            if let node = fields["parties"], node.sequence == nil || parties.count < 2 {
                reader.error(node, "parties of an exchange of instruments is a list of at least two party codes")
                return nil
            }
            // Each State exchanges its own instrument: one named twice would stand in for a party that did not.
            if let node = fields["parties"],
                let twice = parties.enumerated().first(where: { parties[..<$0.offset].contains($0.element) })?.element
            {
                reader.error(
                    node,
                    "parties of an exchange of instruments names \(twice) twice; name each State that exchanged its instrument once"
                )
                return nil
            }
            return .exchangeOfInstruments(parties: parties, place: optionalText("place", in: fields))
        case "notification":
            guard let party = requiredParty(in: fields) else { return nil }
            return .notification(party: party, of: optionalText("of", in: fields) ?? "internal-procedures")
        case "provisional-application":
            guard let party = requiredParty(in: fields) else { return nil }
            let until = fields["until"].flatMap { reader.date($0, what: "until") }
            if let until, until < date {
                reader.error(
                    fields["until"], "until: provisional application from \(date) cannot end before it (\(until))")
            }
            return .provisionalApplication(party: party, until: until)
        default:
            return nil
        }
    }

    /// A reservation or an interpretative declaration, an objection to one, or the withdrawal of either.
    private func reservationKind(_ type: String, _ fields: NodeReader.Fields) -> Event.Kind? {
        switch type {
        case "reservation", "declaration":
            guard let party = requiredParty(in: fields) else { return nil }
            let (numbers, summary) = (articles(in: fields), optionalText("summary", in: fields))
            return type == "reservation"
                ? .reservation(party: party, articles: numbers, summary: summary)
                : .declaration(
                    party: party, articles: numbers, summary: summary,
                    notBoundBy: optionalText("not-bound-by", in: fields),
                    attackerKinds: fields["attacker-kind"].flatMap { reader.strings($0, what: "attacker-kind") } ?? [])
        case "objection":
            guard let party = requiredParty(in: fields),
                let to = requiredText("to", in: fields, expected: "the id of the reservation objected to")
            else { return nil }
            return .objection(
                party: party, to: to, summary: optionalText("summary", in: fields),
                precludesEntryIntoForce: fields["precludes-entry-into-force"].flatMap {
                    reader.bool($0, what: "precludes-entry-into-force")
                } ?? false)
        case "withdrawal-of-reservation":
            guard let party = requiredParty(in: fields),
                let to = requiredText("to", in: fields, expected: "the id of the reservation withdrawn")
            else { return nil }
            return .withdrawalOfReservation(party: party, to: to)
        default:
            return nil
        }
    }

    /// A party's steps away from the treaty and back: denunciation, revocation of its signature or consent,
    /// suspension and resumption.
    private func denunciationKind(_ type: String, _ fields: NodeReader.Fields, date: CalendarDate) -> Event.Kind? {
        switch type {
        case "denunciation":
            guard let party = requiredParty(in: fields) else { return nil }
            let effective = fields["effective"].flatMap { reader.date($0, what: "effective") }
            if let effective, effective < date {
                reader.error(
                    fields["effective"],
                    "effective: the notice of \(date) cannot name an earlier date (\(effective)) for its effect")
            }
            let byAgreement = fields["by-agreement"].flatMap { reader.bool($0, what: "by-agreement") } ?? false
            return .denunciation(party: party, effective: effective, byAgreement: byAgreement)
        case "revocation":
            guard let party = requiredParty(in: fields),
                let ofNode = reader.require(fields, "of", expected: "signature or consent"),
                let target = reader.choice(
                    ofNode, what: "of", of: Event.RevocationTarget.self, values: Event.RevocationTarget.allCases)
            else { return nil }
            return .revocation(party: party, of: target)
        case "suspension", "resumption":
            let party = fields["party"].flatMap { self.party($0, what: "party") }
            var towards: [PartyCode] = []
            if let node = fields["towards"] {
                towards = partyList(node, what: "towards")
                if party == nil {
                    reader.error(
                        node,
                        "towards: a \(type) between some parties only names its author as party (party: USA, towards: [NZL])"
                    )
                } else if node.sequence == nil || towards.isEmpty {
                    reader.error(node, "towards is a list of at least one party code")
                } else if let party, towards.contains(party) {
                    reader.error(node, "towards: \(party) cannot suspend the treaty towards itself")
                }
            }
            return type == "suspension"
                ? .suspension(party: party, articles: articles(in: fields), towards: towards)
                : .resumption(party: party, articles: articles(in: fields), towards: towards)
        default:
            return nil
        }
    }

    /// Events of the treaty as a whole and of its record: a State's succession, termination, the invocation of a
    /// provision, and the correction of an event.
    private func generalKind(_ type: String, _ fields: NodeReader.Fields, treaty: Treaty) -> Event.Kind? {
        switch type {
        case "state-succession":
            guard let predecessor = requiredParty("predecessor", in: fields),
                let successor = requiredParty("successor", in: fields),
                let modeNode = reader.require(fields, "mode", expected: "continuation, succession or separation"),
                let mode = reader.choice(
                    modeNode, what: "mode", of: Event.SuccessionMode.self, values: Event.SuccessionMode.allCases)
            else { return nil }
            return .stateSuccession(predecessor: predecessor, successor: successor, mode: mode)
        case "extension":
            guard let node = reader.require(fields, "term", expected: "how long the term is lengthened, {years: 5}"),
                let term = spanNode(node, what: "term")
            else { return nil }
            if term.isZero {
                reader.error(node, "term: an extension lengthens the term; a zero length extends nothing")
                return nil
            }
            return .extensionOfTerm(term: term)
        case "termination":
            guard let cause = requiredText("cause", in: fields, expected: "agreement, expiry, replacement ...") else {
                return nil
            }
            return .termination(cause: cause, by: optionalText("by", in: fields))
        case "invocation":
            guard let party = requiredParty(in: fields),
                let provision = requiredText("provision", in: fields, expected: "the id of a provision of this treaty")
            else { return nil }
            if !treaty.provisions.isEmpty, !treaty.provisions.contains(where: { $0.id == provision }),
                let at = fields["provision"]
            {
                reader.error(
                    at,
                    "provision '\(provision)' is not a provision of this treaty (known: \(treaty.provisions.map(\.id).joined(separator: ", ")))"
                )
            }
            return .invocation(party: party, provision: provision, summary: optionalText("summary", in: fields))
        case "correction":
            guard let corrects = requiredText("corrects", in: fields, expected: "the id of the event corrected") else {
                return nil
            }
            if reader.require(fields, "replace", expected: "the corrected fields, {date: ...}") == nil { return nil }
            return .correction(corrects: corrects, replacement: nil)
        default:
            return nil
        }
    }

    // MARK: - Event fields

    /// The party code of the field `name`, which the event must give.
    func requiredParty(_ name: String = "party", in fields: NodeReader.Fields) -> PartyCode? {
        guard let node = reader.require(fields, name, expected: "a party code") else { return nil }
        return party(node, what: name)
    }

    /// The text of the field `name`, where the event gives it.
    func optionalText(_ name: String, in fields: NodeReader.Fields) -> String? {
        fields[name].flatMap { reader.string($0, what: name) }
    }

    /// The text of the field `name`, which the event must give; `expected` says what it holds.
    func requiredText(_ name: String, in fields: NodeReader.Fields, expected: String) -> String? {
        reader.require(fields, name, expected: expected).flatMap { reader.string($0, what: name) }
    }

    /// The article numbers of the `articles` field, none where the event gives none.
    func articles(in fields: NodeReader.Fields) -> [String] {
        fields["articles"].flatMap { reader.strings($0, what: "articles") } ?? []
    }

    /// `instrument-number: N` (Pacta extension): the depositary's count, a whole number from 1 to 100,000.
    func instrumentNumber(_ node: YAMLNode) -> Int? {
        guard let number = reader.int(node, what: "instrument-number") else { return nil }
        guard (1...100_000).contains(number) else {
            reader.error(
                node,
                "instrument-number is the depositary's count, from 1 (the first instrument) to 100000, found \(number)")
            return nil
        }
        return number
    }
}
