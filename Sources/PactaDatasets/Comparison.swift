import Foundation
import PactaCore
import PactaFormats

/// The corpus compared with an alliance data set: for every treaty both hold (the corpus file's
/// `references: {cow: ...}` or `{atop: ...}` names the data set's alliance), each difference.
public struct Comparison: Sendable {
    /// One difference between the corpus and the data set.
    public struct Difference: Sendable, Hashable {
        /// What differs.
        public enum Kind: String, Sendable, Hashable {
            /// A member the corpus has and the data set does not.
            case onlyInCorpus = "only-in-corpus"
            /// A member the data set has and the corpus does not.
            case onlyInDataSet = "only-in-data-set"
            case entry, exit
            /// An obligation the two code differently.
            case obligation
        }

        public var treaty: String
        public var alliance: String
        public var kind: Kind
        /// The State, or the provision category for an obligation.
        public var subject: String
        public var corpus: String
        public var dataSet: String
        /// For a date: the data set's date minus the corpus's, in days (at the latest day of a reduced date).
        public var days: Int?
        /// For a date: which side the treaty's own rules, as the corpus records them, support, and why.
        public var supported: String
    }

    public let dataSet: DataSet
    public var differences: [Difference] = []
    /// Alliances of the data set that no corpus file references, and corpus files whose reference the data set
    /// does not hold.
    public var unmatched: [String] = []

    /// Compares the corpus with the treaties imported from the data set.
    /// - Parameters:
    ///   - imported: The files of an ``AllianceImport/Result``.
    ///   - corpus: The corpus; its files' `references` name the data set's alliances.
    public init(dataSet: DataSet, imported: AllianceImport.Result, corpus: Corpus) {
        self.dataSet = dataSet
        var organisations = Set(corpus.entities.keys)
        for name in imported.files.keys where name != "entities.yaml" {
            organisations.formUnion(
                imported.files[name]!.split(separator: "party: ").dropFirst().compactMap {
                    $0.hasPrefix("org:") ? PartyCode(String($0.prefix { $0 != "," && $0 != "}" })) : nil
                })
        }
        let reader = TreatyFileReader(organisations: organisations)
        var alliances: [String: Treaty] = [:]
        for (name, text) in imported.files where name != "entities.yaml" {
            if let treaty = reader.read(text: text, file: name).treaty, let id = treaty.references[dataSet.key] {
                alliances[id] = treaty
            }
        }
        let engine = Lifecycle(corpus: corpus)
        let other = Lifecycle()
        for treaty in corpus.treaties.sorted(by: { $0.id < $1.id }) {
            guard let id = treaty.references[dataSet.key] else { continue }
            guard let alliance = alliances[id] else {
                unmatched.append("\(treaty.id): \(dataSet.key) \(id) is not in the data set's tables")
                continue
            }
            differences += compare(treaty, alliance, id: id, engine: engine, other: other)
        }
        let referenced = Set(corpus.treaties.compactMap { $0.references[dataSet.key] })
        for id in alliances.keys.sorted() where !referenced.contains(id) {
            unmatched.append("\(dataSet.key) \(id): no corpus file references it")
        }
    }

    /// The latest day any event of the two treaties names, plus two years (for notices to take effect).
    static func horizon(_ treaties: Treaty...) -> CalendarDate {
        let last = treaties.flatMap(\.events).map(\.date).max() ?? .earliest
        return last.adding(years: 2)
    }

    func compare(_ treaty: Treaty, _ alliance: Treaty, id: String, engine: Lifecycle, other: Lifecycle)
        -> [Difference]
    {
        let on = Self.horizon(treaty, alliance)
        let ours = engine.status(of: treaty, on: on)
        let theirs = other.status(of: alliance, on: on)
        // A member: bound at some time. A State that continues another only from the treaty's end (Russia for the
        // USSR in 1991, after the Warsaw Pact ended) never was.
        func member(_ state: StateStatus, _ status: TreatyStatus) -> Bool {
            guard state.entryIntoForce != nil else { return false }
            if let continued = state.continues?.from, let end = status.termination, continued >= end { return false }
            return true
        }
        let ourStates = Dictionary(
            ours.states.filter { member($0, ours) }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let theirStates = Dictionary(
            theirs.states.filter { member($0, theirs) }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        /// When a membership ends, and why: the withdrawal taking effect, the State's end, or the treaty's end for
        /// all, whichever comes first (a data set ends every member's row on the alliance's end).
        func exit(_ state: StateStatus, _ status: TreatyStatus) -> (date: CalendarDate, why: String)? {
            let ends: [(CalendarDate?, String)] = [
                (state.withdrawal?.effective, "its withdrawal takes effect"),
                (state.ceased, "\(state.code) ceased to exist"),
                (status.termination, "the treaty ended for all"),
            ]
            return ends.compactMap { date, why in date.map { ($0, why) } }.min { $0.0 < $1.0 }.map { ($0.0, $0.1) }
        }
        var out: [Difference] = []
        func difference(
            _ kind: Difference.Kind, _ subject: String, _ corpus: String, _ data: String, days: Int? = nil,
            supported: String = ""
        ) -> Difference {
            Difference(
                treaty: treaty.id, alliance: id, kind: kind, subject: subject, corpus: corpus, dataSet: data,
                days: days, supported: supported)
        }
        for code in Set(ourStates.keys).union(theirStates.keys).sorted() {
            switch (ourStates[code], theirStates[code]) {
            case (let mine?, nil):
                out.append(difference(.onlyInCorpus, code.rawValue, mine.entryIntoForce!.description, ""))
            case (nil, let data?):
                out.append(difference(.onlyInDataSet, code.rawValue, "", data.entryIntoForce!.description))
            case (let mine?, let data?):
                let why = mine.explanation.joined(separator: " ")
                if let a = mine.entryIntoForce, let b = data.entryIntoForce, a != b {
                    out.append(
                        difference(
                            .entry, code.rawValue, a.description, b.description, days: a.days(to: b),
                            supported: "the corpus's \(a), by the treaty's rules: \(why)"))
                }
                let ourExit = exit(mine, ours)
                let a = ourExit?.date
                let b = exit(data, theirs)?.date
                if a != b {
                    let supported =
                        a == nil
                        ? "the corpus's: it records no withdrawal taking effect for \(code), nor an end of the treaty or of the State"
                        : ourExit!.why == "its withdrawal takes effect"
                            ? "the corpus's \(a!), by the treaty's rules: \(why)"
                            : "the corpus's \(a!): \(ourExit!.why)"
                    out.append(
                        difference(
                            .exit, code.rawValue, a?.description ?? "", b?.description ?? "",
                            days: a.flatMap { a in b.map { a.days(to: $0) } }, supported: supported))
                }
            case (nil, nil): break
            }
        }
        // A memberships table codes no obligations.
        let coded: [Provision.Category] =
            switch dataSet.key {
            case "cow": [.defense, .neutrality, .nonAggression, .consultation]
            case "manydata": []
            default: [.defense, .offense, .neutrality, .nonAggression, .consultation]
            }
        let ourCategories = Set(treaty.provisions.map(\.category))
        let theirCategories = Set(alliance.provisions.map(\.category))
        for category in coded where ourCategories.contains(category) != theirCategories.contains(category) {
            out.append(
                difference(
                    .obligation, category.rawValue, ourCategories.contains(category) ? "yes" : "no",
                    theirCategories.contains(category) ? "yes" : "no"))
        }
        return out
    }

    /// The differences as text for people.
    public var text: String {
        var lines: [String] = []
        for d in differences {
            let head = "\(d.treaty) / \(dataSet.key) \(d.alliance): "
            switch d.kind {
            case .onlyInCorpus:
                lines.append(head + "\(d.subject) is a member in the corpus (from \(d.corpus)), not in \(dataSet.key)")
            case .onlyInDataSet:
                lines.append(head + "\(d.subject) is a member in \(dataSet.key) (from \(d.dataSet)), not in the corpus")
            case .entry, .exit:
                let what = d.kind == .entry ? "entry" : "exit"
                var line =
                    head
                    + "\(d.subject) \(what): corpus \(d.corpus.isEmpty ? "none" : d.corpus), \(dataSet.key) \(d.dataSet.isEmpty ? "none" : d.dataSet)"
                if let days = d.days {
                    line +=
                        " (\(abs(days)) day\(abs(days) == 1 ? "" : "s") \(days > 0 ? "later" : "earlier") in \(dataSet.key))"
                }
                lines.append(line)
                lines.append("  supported: \(d.supported)")
            case .obligation:
                lines.append(head + "\(d.subject) obligation: corpus \(d.corpus), \(dataSet.key) \(d.dataSet)")
            }
        }
        if differences.isEmpty { lines.append("No differences.") }
        lines += unmatched.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The differences as CSV for programs: `treaty,dataset,alliance,kind,subject,corpus,data_set,days,supported`.
    public var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = ["treaty,dataset,alliance,kind,subject,corpus,data_set,days,supported"]
        for d in differences {
            lines.append(
                [
                    d.treaty, dataSet.key, d.alliance, d.kind.rawValue, d.subject, d.corpus, d.dataSet,
                    d.days.map(String.init) ?? "", d.supported,
                ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}
