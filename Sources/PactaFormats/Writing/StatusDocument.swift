import PactaCore

/// The JSON shape of a status, as `pacta status --format json` prints it and the API returns it.
/// Spec: "Status as JSON". Keys are the spec's; keys after those of the spec are Pacta's additions
/// (`conditions-met`, `termination`, `caveats`, `name`, `continues`, `reservations`, `events-used`).
public struct StatusDocument: Encodable, Sendable {
    public struct ConsentDocument: Encodable, Sendable {
        let form: String
        let date: String
        let event: String
    }

    public struct WithdrawalDocument: Encodable, Sendable {
        let notified: String
        let effective: String?
        let event: String
        enum CodingKeys: String, CodingKey { case notified, effective, event }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(notified, forKey: .notified)
            try container.encode(effective, forKey: .effective)
            try container.encode(event, forKey: .event)
        }
    }

    public struct ContinuesDocument: Encodable, Sendable {
        let predecessor: String
        let from: String
    }

    public struct StateDocument: Encodable, Sendable {
        let code: String
        let name: String
        let status: String
        let entryIntoForce: String?
        let signature: String?
        let consent: ConsentDocument?
        let withdrawal: WithdrawalDocument?
        let continues: ContinuesDocument?
        let reservations: [String]
        let explanation: [String]
        let caveats: [String]
        let provisionalApplication: String?
        let notInForceWith: [String]

        enum CodingKeys: String, CodingKey {
            case code, name, status
            case entryIntoForce = "entry-into-force"
            case signature, consent, withdrawal, continues, reservations, explanation, caveats
            case provisionalApplication = "provisional-application"
            case notInForceWith = "not-in-force-with"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(status, forKey: .status)
            try container.encode(entryIntoForce, forKey: .entryIntoForce)
            try container.encode(signature, forKey: .signature)
            try container.encode(consent, forKey: .consent)
            try container.encode(withdrawal, forKey: .withdrawal)
            try container.encode(continues, forKey: .continues)
            try container.encode(reservations, forKey: .reservations)
            try container.encode(explanation, forKey: .explanation)
            try container.encode(caveats, forKey: .caveats)
            try container.encode(provisionalApplication, forKey: .provisionalApplication)
            try container.encode(notInForceWith, forKey: .notInForceWith)
        }
    }

    /// A reservation and the responses to it (VCLT arts. 19–23).
    public struct ReservationDocument: Encodable, Sendable {
        struct Response: Encodable, Sendable {
            let state: String
            let response: String
            let acceptedOn: String?
            let objection: String?
            let explanation: String
            enum CodingKeys: String, CodingKey {
                case state, response
                case acceptedOn = "accepted-on"
                case objection, explanation
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(state, forKey: .state)
                try container.encode(response, forKey: .response)
                try container.encode(acceptedOn, forKey: .acceptedOn)
                try container.encode(objection, forKey: .objection)
                try container.encode(explanation, forKey: .explanation)
            }
        }
        let event: String
        let party: String
        let kind: String
        let date: String
        let articles: [String]
        let summary: String?
        let windowEnds: String
        let withdrawn: String?
        let responses: [Response]
        enum CodingKeys: String, CodingKey {
            case event, party, kind, date, articles, summary
            case windowEnds = "window-ends"
            case withdrawn, responses
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(event, forKey: .event)
            try container.encode(party, forKey: .party)
            try container.encode(kind, forKey: .kind)
            try container.encode(date, forKey: .date)
            try container.encode(articles, forKey: .articles)
            try container.encode(summary, forKey: .summary)
            try container.encode(windowEnds, forKey: .windowEnds)
            try container.encode(withdrawn, forKey: .withdrawn)
            try container.encode(responses, forKey: .responses)
        }
    }

    public struct SuspensionDocument: Encodable, Sendable {
        let since: String
        let party: String?
        let articles: [String]
        let event: String
        enum CodingKeys: String, CodingKey { case since, party, articles, event }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(since, forKey: .since)
            try container.encode(party, forKey: .party)
            try container.encode(articles, forKey: .articles)
            try container.encode(event, forKey: .event)
        }
    }

    let treaty: String
    let on: String
    let asKnownOn: String?
    let status: String
    let entryIntoForce: String?
    let conditionsMet: String?
    let termination: String?
    let explanation: [String]
    let eventsUsed: [String]
    let caveats: [String]
    let states: [StateDocument]
    let reservations: [ReservationDocument]
    let suspensions: [SuspensionDocument]

    enum CodingKeys: String, CodingKey {
        case treaty, on
        case asKnownOn = "as-known-on"
        case status
        case entryIntoForce = "entry-into-force"
        case conditionsMet = "conditions-met"
        case termination, explanation
        case eventsUsed = "events-used"
        case caveats, states, reservations, suspensions
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treaty, forKey: .treaty)
        try container.encode(on, forKey: .on)
        try container.encodeIfPresent(asKnownOn, forKey: .asKnownOn)
        try container.encode(status, forKey: .status)
        try container.encode(entryIntoForce, forKey: .entryIntoForce)
        try container.encode(conditionsMet, forKey: .conditionsMet)
        try container.encode(termination, forKey: .termination)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(eventsUsed, forKey: .eventsUsed)
        try container.encode(caveats, forKey: .caveats)
        try container.encode(states, forKey: .states)
        try container.encode(reservations, forKey: .reservations)
        try container.encode(suspensions, forKey: .suspensions)
    }

    /// The document for `status`; `names` gives each party's display name.
    public init(_ status: TreatyStatus, names: (PartyCode) -> String) {
        treaty = status.treaty
        on = status.on.description
        asKnownOn = status.asKnownOn?.description
        self.status = status.status.rawValue
        entryIntoForce = status.entryIntoForce?.description
        conditionsMet = status.conditionsMet?.description
        termination = status.termination?.description
        explanation = status.explanation
        eventsUsed = status.eventsUsed
        caveats = status.caveats
        states = status.states.map { state in
            StateDocument(
                code: state.code.rawValue, name: names(state.code), status: state.status.rawValue,
                entryIntoForce: state.entryIntoForce?.description, signature: state.signature?.description,
                consent: state.consent.map {
                    ConsentDocument(form: $0.form.rawValue, date: $0.date.description, event: $0.event)
                },
                withdrawal: state.withdrawal.map {
                    WithdrawalDocument(
                        notified: $0.notified.description, effective: $0.effective?.description, event: $0.event)
                },
                continues: state.continues.map {
                    ContinuesDocument(predecessor: $0.predecessor.rawValue, from: $0.from.description)
                },
                reservations: state.reservations, explanation: state.explanation, caveats: state.caveats,
                provisionalApplication: state.provisionalApplication?.description,
                notInForceWith: state.notInForceWith.map(\.rawValue))
        }
        reservations = status.reservations.map { reservation in
            ReservationDocument(
                event: reservation.event, party: reservation.party.rawValue, kind: reservation.kind.rawValue,
                date: reservation.date.description, articles: reservation.articles, summary: reservation.summary,
                windowEnds: reservation.windowEnds.description, withdrawn: reservation.withdrawn?.description,
                responses: reservation.responses.map {
                    .init(
                        state: $0.state.rawValue, response: $0.value.rawValue, acceptedOn: $0.acceptedOn?.description,
                        objection: $0.objection, explanation: $0.explanation)
                })
        }
        suspensions = status.suspensions.map {
            SuspensionDocument(
                since: $0.since.description, party: $0.party?.rawValue, articles: $0.articles, event: $0.event)
        }
    }
}

/// The JSON shape of a timeline entry (`pacta timeline --format json`).
public struct TimelineEntryDocument: Encodable, Sendable {
    let date: String
    let origin: String
    let type: String
    let parties: [String]
    let summary: String
    let event: String?
    let source: String?
    let note: String?

    public init(_ entry: TimelineEntry) {
        date = entry.date.description
        origin = entry.origin.rawValue
        type = entry.type
        parties = entry.parties.map(\.rawValue)
        summary = entry.summary
        event = entry.event
        source = entry.source
        note = entry.note
    }

    enum CodingKeys: String, CodingKey { case date, origin, type, parties, summary, event, source, note }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(origin, forKey: .origin)
        try container.encode(type, forKey: .type)
        try container.encode(parties, forKey: .parties)
        try container.encode(summary, forKey: .summary)
        try container.encode(event, forKey: .event)
        try container.encode(source, forKey: .source)
        try container.encode(note, forKey: .note)
    }
}

/// A located error as JSON (`pacta check --format json`).
public struct DiagnosticDocument: Encodable, Sendable {
    let file: String
    let line: Int
    let column: Int
    let message: String
    public init(_ diagnostic: Diagnostic) {
        file = diagnostic.file
        line = diagnostic.line
        column = diagnostic.column
        message = diagnostic.message
    }
}
