import PactaCore

/// The JSON shape of a status, as `pacta status --format json` prints it and the API returns it.
/// Spec: "Status as JSON". Keys are the spec's; keys after those of the spec are Pacta's additions
/// (`conditions-met`, `termination`, `caveats`, `name`, `continues`, `ceased`, `reservations`, `events-used`,
/// `partial-entry-into-force`).
public struct StatusDocument: Encodable, Hashable, Sendable {
    public struct ConsentDocument: Encodable, Hashable, Sendable {
        let form: String
        let date: String
        let event: String
    }

    public struct WithdrawalDocument: Encodable, Hashable, Sendable {
        let notified: String
        @Nullable var effective: String?
        let event: String
        enum CodingKeys: String, CodingKey { case notified, effective, event }
    }

    public struct ContinuesDocument: Encodable, Hashable, Sendable {
        let predecessor: String
        let from: String
    }

    public struct StateDocument: Encodable, Hashable, Sendable {
        let code: String
        let name: String
        let status: String
        @Nullable var entryIntoForce: String?
        @Nullable var signature: String?
        @Nullable var consent: ConsentDocument?
        @Nullable var withdrawal: WithdrawalDocument?
        @Nullable var continues: ContinuesDocument?
        @Nullable var ceased: String?
        let reservations: [String]
        let explanation: [String]
        let caveats: [String]
        @Nullable var provisionalApplication: String?
        let notInForceWith: [String]

        enum CodingKeys: String, CodingKey {
            case code, name, status
            case entryIntoForce = "entry-into-force"
            case signature, consent, withdrawal, continues, ceased, reservations, explanation, caveats
            case provisionalApplication = "provisional-application"
            case notInForceWith = "not-in-force-with"
        }
    }

    /// A reservation and the responses to it (VCLT arts. 19–23).
    public struct ReservationDocument: Encodable, Hashable, Sendable {
        struct Response: Encodable, Hashable, Sendable {
            let state: String
            let response: String
            @Nullable var acceptedOn: String?
            @Nullable var objection: String?
            let explanation: String
            enum CodingKeys: String, CodingKey {
                case state, response
                case acceptedOn = "accepted-on"
                case objection, explanation
            }
        }
        let event: String
        let party: String
        let kind: String
        let date: String
        let articles: [String]
        @Nullable var summary: String?
        let windowEnds: String
        @Nullable var withdrawn: String?
        let responses: [Response]
        enum CodingKeys: String, CodingKey {
            case event, party, kind, date, articles, summary
            case windowEnds = "window-ends"
            case withdrawn, responses
        }
    }

    public struct SuspensionDocument: Encodable, Hashable, Sendable {
        let since: String
        @Nullable var party: String?
        let articles: [String]
        let event: String
        /// Pacta extension: the States with which `party` suspends the treaty; empty: with all.
        let towards: [String]
        enum CodingKeys: String, CodingKey { case since, party, articles, event, towards }
    }

    /// Articles with their own entry into force (rules `partial`).
    public struct PartialDocument: Encodable, Hashable, Sendable {
        let articles: [String]
        @Nullable var conditionsMet: String?
        @Nullable var entryIntoForce: String?
        let status: String
        let explanation: [String]
        enum CodingKeys: String, CodingKey {
            case articles
            case conditionsMet = "conditions-met"
            case entryIntoForce = "entry-into-force"
            case status, explanation
        }
    }

    let treaty: String
    let on: String
    /// Written only when asked ("as known on"), as before.
    let asKnownOn: String?
    let status: String
    @Nullable var entryIntoForce: String?
    @Nullable var conditionsMet: String?
    @Nullable var termination: String?
    let explanation: [String]
    let eventsUsed: [String]
    let caveats: [String]
    let states: [StateDocument]
    let reservations: [ReservationDocument]
    let suspensions: [SuspensionDocument]
    /// Written only for a treaty with `rules.partial`.
    let partialEntryIntoForce: [PartialDocument]?
    /// Written only for a treaty that amending treaties of the corpus amend (Pacta extension `amends`).
    let amendments: [AmendmentDocument]?

    /// An amending treaty and the parties it binds on the date (VCLT art. 40).
    public struct AmendmentDocument: Encodable, Hashable, Sendable {
        let treaty: String
        let articles: [String]
        @Nullable var entryIntoForce: String?
        let status: String
        let bound: [String]
        let explanation: [String]
        enum CodingKeys: String, CodingKey {
            case treaty, articles
            case entryIntoForce = "entry-into-force"
            case status, bound, explanation
        }
    }

    enum CodingKeys: String, CodingKey {
        case treaty, on
        case asKnownOn = "as-known-on"
        case status
        case entryIntoForce = "entry-into-force"
        case conditionsMet = "conditions-met"
        case termination, explanation
        case eventsUsed = "events-used"
        case caveats, states, reservations, suspensions
        case partialEntryIntoForce = "partial-entry-into-force"
        case amendments
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
                ceased: state.ceased?.description,
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
                since: $0.since.description, party: $0.party?.rawValue, articles: $0.articles, event: $0.event,
                towards: $0.towards.map(\.rawValue))
        }
        amendments =
            status.amendments.isEmpty
            ? nil
            : status.amendments.map {
                AmendmentDocument(
                    treaty: $0.treaty, articles: $0.articles, entryIntoForce: $0.entryIntoForce?.description,
                    status: $0.inForce ? "in-force" : "not-in-force", bound: $0.bound.map(\.rawValue),
                    explanation: $0.explanation)
            }
        partialEntryIntoForce =
            status.partialEntryIntoForce.isEmpty
            ? nil
            : status.partialEntryIntoForce.map {
                PartialDocument(
                    articles: $0.articles, conditionsMet: $0.conditionsMet?.description,
                    entryIntoForce: $0.entryIntoForce?.description, status: $0.inForce ? "in-force" : "not-in-force",
                    explanation: $0.explanation)
            }
    }
}

/// The JSON shape of a timeline entry (`pacta timeline --format json`).
public struct TimelineEntryDocument: Encodable, Hashable, Sendable {
    let date: String
    let origin: String
    let type: String
    let parties: [String]
    let summary: String
    @Nullable var event: String?
    @Nullable var source: String?
    @Nullable var note: String?
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
}

/// A located error as JSON (`pacta check --format json`).
public struct DiagnosticDocument: Encodable, Hashable, Sendable {
    let file: String
    let line: Int
    let column: Int
    let message: String
    let severity: String
    public init(_ diagnostic: Diagnostic) {
        file = diagnostic.file
        line = diagnostic.line
        column = diagnostic.column
        message = diagnostic.message
        severity = diagnostic.severity.rawValue
    }
}
