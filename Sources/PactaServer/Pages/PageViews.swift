import Mustache
import PactaCore

// The views the page templates render: what a route computed, as text, numbers, flags and lists. The templates
// read a view by name through `child(named:)` (the extensions below, and beside the views of other files), never by
// reflection: reflecting a struct for every name of every row made the Rome Statute's page half again as slow.
// An optional that is absent is looked up in the enclosing views, so the names of optionals are unique across a
// page.

/// `home.mustache`: every treaty's status on a date.
struct HomeView {
    struct Row {
        let id: String
        let title: String
        let kind: String
        let status: String
        let inForceSince: String
        /// The date the treaty ended (or ends) for all, where fixed; "–" otherwise.
        let ends: String
        let parties: Int
        /// Whether the treaty's record is partial (`record: partial`): the row is marked, and the note below the
        /// table says what that means, as `pacta list` does.
        let partial: Bool
    }

    let on: String
    let treaties: [Row]
    var anyPartial: Bool { treaties.contains(where: \.partial) }
}

/// `treaty.mustache`: a treaty, with its status (a fragment of `treaty-status`), its picture and the desk's part.
struct TreatyView {
    struct Title {
        let language: String
        let text: String
        /// `authentic` or `translation`: the class and the words; empty where the file names no authentic
        /// language.
        let label: String
    }

    struct Event {
        let date: String
        let origin: String
        let summary: String
        let eventNote: String?
    }

    struct Provision {
        let article: String
        let category: String
        let duty: String
        let trigger: String
        let qualifiers: String
        let summary: String
    }

    struct Label {
        let labelClass: String
        let labelText: String
    }

    /// `article-card.mustache`: an article in one language.
    struct Card {
        let language: String
        let labels: [Label]
        let paragraphs: [String]
        let cardSummary: String?
    }

    struct Article {
        let number: String
        let articleHeading: String?
        let cards: [Card]
    }

    let title: String
    let id: String
    let kind: String
    let adoptedVerb: String
    let adopted: String
    let place: String?
    /// Rendered by `treaty-status`.
    let status: String
    let titles: [Title]
    /// Rendered by `counts-chart` or `timeline`.
    let picture: String
    let events: [Event]
    let hasProvisions: Bool
    let provisions: [Provision]
    let hasArticles: Bool
    let articles: [Article]
    let treatyNote: String?
    /// Rendered by `desk`.
    let desk: String?
}

/// `treaty-status.mustache`: the status line, the counts, the caveats, the amendments and the reasons, then the
/// participants (a fragment of `participants`).
struct StatusView {
    struct Entry {
        let verb: String
        let date: String
        /// ` (art. N)`, or empty.
        let article: String
    }

    struct Count {
        let key: String
        let label: String
        let count: Int
    }

    struct Amendment {
        let treaty: String
        let articles: String
        let inForce: String
        let explanation: String
    }

    struct Amends {
        let amendedTreaty: String
        let amendedArticles: String
    }

    let id: String
    let on: String
    let status: String
    let entry: Entry?
    let notYetUnder: String?
    let ends: String?
    let asOf: String?
    let knownOn: String?
    let counts: [Count]
    let hasCaveats: Bool
    let caveats: [String]
    let hasAmendments: Bool
    let amendments: [Amendment]
    let amends: Amends?
    let reasons: [String]
    let rowCount: Int
    /// Rendered by `participants`.
    let table: String
}

/// `coverage.mustache`: what an answer rests on, the caveats of the treaties it used or left out and the
/// coverage sentence.
struct CoverageView {
    let hasCaveats: Bool
    let caveats: [String]
    let summary: String

    init(caveats: [String], summary: String) {
        self.hasCaveats = !caveats.isEmpty
        self.caveats = caveats
        self.summary = summary
    }
}

/// `state.mustache`: a State's treaties, allies and allies over time.
struct StateView {
    struct Membership {
        let treaty: String
        let title: String
        let treatyStatus: String
        /// The State's status value (the cell's style).
        let stateStatus: String
        /// The status as the table shows it (``PactaCore/StateStatus/shown(treaty:termination:)``).
        let stateStatusShown: String
        let inForceForIt: String
    }

    struct Ally {
        let ally: String
        let allyName: String
        let pledgeTreaty: String
        let partialRecord: Bool
        let pledges: String
        let articles: String
    }

    struct Span {
        let ally: String
        let allyName: String
        let spanTreaty: String
        let from: String
        let to: String
    }

    let name: String
    let code: String
    let on: String
    let treaties: [Membership]
    /// The allies as Graphviz laid them out (SVG), where there are any.
    let picture: String?
    let sure: Bool
    let hasAllies: Bool
    let allies: [Ally]
    let coverage: CoverageView
    let spans: [Span]
}

/// `search.mustache`: the form and the hits.
struct SearchView {
    /// A piece of an excerpt: matched (`marked`) or not.
    struct Piece {
        let text: String
        let marked: Bool
    }

    struct Hit {
        let treaty: String
        /// The treaty's title (in English where it has one), the link's text; its id is shown beside it.
        let hitTitle: String
        let hitArticle: String?
        let field: String
        let hitLanguage: String
        let pieces: [Piece]
    }

    let query: String
    let language: String?
    let asked: Bool
    let count: Int
    let resultWord: String
    let hits: [Hit]

    /// The excerpt cut at the ranges that matched, in order (overlapping ranges after the first are skipped).
    static func pieces(_ snippet: SearchText.Snippet) -> [Piece] {
        let characters = Array(snippet.text)
        var out: [Piece] = []
        var position = 0
        for range in snippet.highlights where range.lowerBound >= position && range.upperBound <= characters.count {
            out.append(Piece(text: String(characters[position..<range.lowerBound]), marked: false))
            out.append(Piece(text: String(characters[range]), marked: true))
            position = range.upperBound
        }
        out.append(Piece(text: String(characters[position...]), marked: false))
        return out
    }
}

/// `scenario.mustache`: the form, as given, and the answer.
struct ScenarioView {
    struct Duty {
        let round: Int
        let bearer: String
        let beneficiary: String
        let treaty: String
        let article: String
        let category: String
        let duty: String
        /// The means the pledge names (military, other ...), and when it is owed (immediately ...): "–" where the
        /// provision does not say.
        let means: String
        let timing: String
        let qualifiers: String
        let why: String
    }

    struct NotTriggered {
        let treaty: String
        let article: String
        /// " (USA)": the State whose duty it is, where the note concerns one.
        let bearer: String
        let reason: String
        let why: String
    }

    struct Claim {
        let date: String
        let party: String
        let treaty: String
        let provision: String
        let claimSummary: String?
    }

    struct Result {
        let dutyCount: Int
        let dutyWord: String
        let nothingRecorded: Bool
        /// The duties as Graphviz laid them out (SVG).
        let picture: String
        let duties: [Duty]
        let hasNotTriggered: Bool
        let notTriggered: [NotTriggered]
        let hasClaims: Bool
        let claims: [Claim]
        let hasChainRules: Bool
        let chainRules: [String]
        let coverage: CoverageView?
    }

    let attack: String
    let by: String
    let on: String
    let place: String
    let attackerKind: String
    let threat: Bool
    let chain: Bool
    let entryIsAttack: Bool
    let result: Result?
    /// Why the scenario asked cannot be answered (an unknown code, the attacker attacking itself ...), shown above
    /// the form, which keeps what was typed.
    var error: String? = nil
}

/// `upcoming.mustache`: computed dates in a period.
struct UpcomingView {
    struct Nearest {
        let date: String
        let treaty: String
    }

    struct Item {
        let date: String
        let treaty: String
        let summary: String
        let why: String
        /// Where the treaty's record is incomplete or unconfirmed, what that means for this date
        /// (``PactaQuestions/Questions/recordCaveat(_:)``): the row is marked and the sentence is in its "why".
        let caveat: String?
    }

    let from: String
    let through: String
    let days: Int
    let hasDates: Bool
    let before: Nearest?
    let after: Nearest?
    let dates: [Item]
}

/// `error.mustache`: a problem's title and sentence, as a page.
struct ErrorView {
    let title: String
    let detail: String
}

// MARK: - Read by name

// The templates read every view by name through `child(named:)` (see the top of this file).

extension HomeView.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "kind": self.kind
        case "status": self.status
        case "inForceSince": self.inForceSince
        case "ends": self.ends
        case "parties": self.parties
        case "partial": self.partial
        default: nil
        }
    }
}

extension TreatyView.Title: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "language": self.language
        case "text": self.text
        case "label": self.label
        default: nil
        }
    }
}

extension TreatyView.Event: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "date": self.date
        case "origin": self.origin
        case "summary": self.summary
        case "eventNote": self.eventNote
        default: nil
        }
    }
}

extension StateView.Membership: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "treaty": self.treaty
        case "title": self.title
        case "treatyStatus": self.treatyStatus
        case "stateStatus": self.stateStatus
        case "stateStatusShown": self.stateStatusShown
        case "inForceForIt": self.inForceForIt
        default: nil
        }
    }
}

extension StateView.Ally: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "ally": self.ally
        case "allyName": self.allyName
        case "pledgeTreaty": self.pledgeTreaty
        case "partialRecord": self.partialRecord
        case "pledges": self.pledges
        case "articles": self.articles
        default: nil
        }
    }
}

extension StateView.Span: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "ally": self.ally
        case "allyName": self.allyName
        case "spanTreaty": self.spanTreaty
        case "from": self.from
        case "to": self.to
        default: nil
        }
    }
}

extension SearchView.Piece: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "marked": self.marked
        default: nil
        }
    }
}

extension SearchView.Hit: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "treaty": self.treaty
        case "hitTitle": self.hitTitle
        case "hitArticle": self.hitArticle
        case "field": self.field
        case "hitLanguage": self.hitLanguage
        case "pieces": self.pieces
        default: nil
        }
    }
}

extension ScenarioView.Duty: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "round": self.round
        case "bearer": self.bearer
        case "beneficiary": self.beneficiary
        case "treaty": self.treaty
        case "article": self.article
        case "category": self.category
        case "duty": self.duty
        case "means": self.means
        case "timing": self.timing
        case "qualifiers": self.qualifiers
        case "why": self.why
        default: nil
        }
    }
}

extension UpcomingView.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "date": self.date
        case "treaty": self.treaty
        case "summary": self.summary
        case "why": self.why
        case "caveat": self.caveat
        default: nil
        }
    }
}

extension HomeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "on": self.on
        case "treaties": self.treaties.map(PageTemplates.Shared.init)
        case "anyPartial": self.anyPartial
        default: nil
        }
    }
}

extension TreatyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "id": self.id
        case "kind": self.kind
        case "adoptedVerb": self.adoptedVerb
        case "adopted": self.adopted
        case "place": self.place
        case "status": self.status
        case "titles": self.titles
        case "picture": self.picture
        case "events": self.events.map(PageTemplates.Shared.init)
        case "hasProvisions": self.hasProvisions
        case "provisions": self.provisions
        case "hasArticles": self.hasArticles
        case "articles": self.articles
        case "treatyNote": self.treatyNote
        case "desk": self.desk
        default: nil
        }
    }
}

extension TreatyView.Label: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "labelClass": self.labelClass
        case "labelText": self.labelText
        default: nil
        }
    }
}

extension TreatyView.Card: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "language": self.language
        case "labels": self.labels
        case "paragraphs": self.paragraphs
        case "cardSummary": self.cardSummary
        default: nil
        }
    }
}

extension TreatyView.Article: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "articleHeading": self.articleHeading
        case "cards": self.cards
        default: nil
        }
    }
}

extension TreatyView.Provision: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "article": self.article
        case "category": self.category
        case "duty": self.duty
        case "trigger": self.trigger
        case "qualifiers": self.qualifiers
        case "summary": self.summary
        default: nil
        }
    }
}

extension StatusView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "on": self.on
        case "status": self.status
        case "entry": self.entry
        case "notYetUnder": self.notYetUnder
        case "ends": self.ends
        case "asOf": self.asOf
        case "knownOn": self.knownOn
        case "counts": self.counts
        case "hasCaveats": self.hasCaveats
        case "caveats": self.caveats
        case "hasAmendments": self.hasAmendments
        case "amendments": self.amendments
        case "amends": self.amends
        case "reasons": self.reasons
        case "rowCount": self.rowCount
        case "table": self.table
        default: nil
        }
    }
}

extension StatusView.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "verb": self.verb
        case "date": self.date
        case "article": self.article
        default: nil
        }
    }
}

extension StatusView.Count: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "label": self.label
        case "count": self.count
        default: nil
        }
    }
}

extension StatusView.Amendment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "treaty": self.treaty
        case "articles": self.articles
        case "inForce": self.inForce
        case "explanation": self.explanation
        default: nil
        }
    }
}

extension StatusView.Amends: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "amendedTreaty": self.amendedTreaty
        case "amendedArticles": self.amendedArticles
        default: nil
        }
    }
}

extension CoverageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "hasCaveats": self.hasCaveats
        case "caveats": self.caveats
        case "summary": self.summary
        default: nil
        }
    }
}

extension StateView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "code": self.code
        case "on": self.on
        case "treaties": self.treaties.map(PageTemplates.Shared.init)
        case "picture": self.picture
        case "sure": self.sure
        case "hasAllies": self.hasAllies
        case "allies": self.allies
        case "coverage": self.coverage
        case "spans": self.spans
        default: nil
        }
    }
}

extension SearchView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "query": self.query
        case "language": self.language
        case "asked": self.asked
        case "count": self.count
        case "resultWord": self.resultWord
        case "hits": self.hits
        default: nil
        }
    }
}

extension ScenarioView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attack": self.attack
        case "by": self.by
        case "on": self.on
        case "place": self.place
        case "attackerKind": self.attackerKind
        case "threat": self.threat
        case "chain": self.chain
        case "entryIsAttack": self.entryIsAttack
        case "result": self.result
        case "error": self.error
        default: nil
        }
    }
}

extension ScenarioView.NotTriggered: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "treaty": self.treaty
        case "article": self.article
        case "bearer": self.bearer
        case "reason": self.reason
        case "why": self.why
        default: nil
        }
    }
}

extension ScenarioView.Claim: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "date": self.date
        case "party": self.party
        case "treaty": self.treaty
        case "provision": self.provision
        case "claimSummary": self.claimSummary
        default: nil
        }
    }
}

extension ScenarioView.Result: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "dutyCount": self.dutyCount
        case "dutyWord": self.dutyWord
        case "nothingRecorded": self.nothingRecorded
        case "picture": self.picture
        case "duties": self.duties
        case "hasNotTriggered": self.hasNotTriggered
        case "notTriggered": self.notTriggered
        case "hasClaims": self.hasClaims
        case "claims": self.claims
        case "hasChainRules": self.hasChainRules
        case "chainRules": self.chainRules
        case "coverage": self.coverage
        default: nil
        }
    }
}

extension UpcomingView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": self.from
        case "through": self.through
        case "days": self.days
        case "hasDates": self.hasDates
        case "before": self.before
        case "after": self.after
        case "dates": self.dates
        default: nil
        }
    }
}

extension UpcomingView.Nearest: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "date": self.date
        case "treaty": self.treaty
        default: nil
        }
    }
}

extension ErrorView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "detail": self.detail
        default: nil
        }
    }
}
