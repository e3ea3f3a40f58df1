import PactaCore

/// Decodes a composed YAML tree into a ``Treaty``. Every fault becomes a diagnostic on the
/// ``NodeReader``; decoding goes on past faults so that one run reports them all.
struct TreatyDecoder {
    let reader: NodeReader
    let organisations: Set<PartyCode>
    let regions: Set<String>?
    var eventLocations: [String: Diagnostic] = [:]

    init(reader: NodeReader, organisations: Set<PartyCode>, regions: Set<String>? = nil) {
        self.reader = reader
        self.organisations = organisations
        self.regions = regions
    }

    static let topFields = [
        "format", "id", "titles", "short-title", "aliases", "kind", "categories", "adopted", "depositary", "languages",
        "negotiating-states", "references", "note", "record", "documented", "signature", "sources", "events", "rules",
        "sets",
        "weights",
        "provisions",
        "text",
        "amends",
    ]

    // MARK: - Treaty

    /// The treaty a file describes; `nil` where the file is not a mapping, or its format or kind is unknown (the
    /// diagnostics say why). A treaty of unknown kind is read all the same, to report all of the file's faults.
    mutating func treaty(_ root: YAMLNode) -> Treaty? {
        guard let fields = reader.mapping(root, what: "a treaty file", allowed: Self.topFields),
            formatIsSupported(fields)
        else { return nil }
        let id = treatyID(fields)
        let titles = self.titles(fields)
        let shortTitles = fields["short-title"].map { reader.localized($0, what: "short-title") } ?? [:]
        let knownKind = reader.require(fields, "kind", expected: "bilateral or multilateral").flatMap {
            reader.choice($0, what: "kind", of: Treaty.Kind.self, values: Treaty.Kind.allCases)
        }
        // The rest is read to report its errors too, but a treaty of unknown kind is not computed.
        let kind = knownKind ?? .multilateral  // the kind with the fewest checks of its own: no cascade of errors
        let categories = fields["categories"].flatMap { reader.strings($0, what: "categories") } ?? []
        let adopted = adoption(fields)
        let depositaries = fields["depositary"].map { partyList($0, what: "depositary") } ?? []
        let authentic = fields["languages"].map(authenticLanguages) ?? []
        let negotiating = negotiatingStates(fields, kind: kind)
        let references = fields["references"].map(self.references) ?? [:]
        let note = fields["note"].flatMap { reader.string($0, what: "note") }
        let record =
            fields["record"].flatMap {
                reader.choice($0, what: "record", of: Treaty.Record.self, values: Treaty.Record.allCases)
            } ?? .complete
        let sources = fields["sources"].map(sources) ?? [:]
        let sets = fields["sets"].map(sets) ?? [:]
        let weights = fields["weights"].map(weights) ?? [:]
        let rules = fields["rules"].map { self.rules($0) } ?? Rules()
        if let node = fields["rules"] {
            for problem in Self.unknownNames(in: rules, sets: sets, weights: weights) { reader.error(node, problem) }
        }
        let provisions = fields["provisions"].map { self.provisions($0, sets: sets) } ?? []
        let text = fields["text"].map(text)

        var treaty = Treaty(
            id: id, titles: titles, shortTitles: shortTitles, kind: kind, categories: categories, adopted: adopted,
            depositaries: depositaries, authenticLanguages: authentic, negotiatingStates: negotiating,
            references: references, note: note, sources: sources, events: [], rules: rules, sets: sets,
            weights: weights, provisions: provisions, text: text)
        treaty.record = record
        treaty.aliases = fields["aliases"].flatMap { reader.strings($0, what: "aliases") } ?? []
        if let node = fields["signature"], !signatureIsOpen(node) { treaty.signatureOpen = false }
        if let node = fields["documented"] { treaty.documented = documented(node, sources: sources) }
        if let node = fields["amends"] { treaty.amends = amendment(node, id: id) }
        if let node = fields["events"] { treaty.events = events(node, treaty: treaty) }
        if let node = fields["documented"] { checkDocumentedEntryIntoForce(of: treaty, at: node) }
        return knownKind == nil ? nil : treaty
    }

    /// `amends: {treaty: ID, articles: ["4"]}` (Pacta extension): the treaty this one amends and the articles it
    /// replaces; `nil` where a field is missing or wrong (reported). Whether the treaty exists is checked with the
    /// corpus.
    private func amendment(_ node: YAMLNode, id: String) -> Treaty.Amendment? {
        guard let fields = reader.mapping(node, what: "amends", allowed: ["treaty", "articles"]),
            let target = reader.require(fields, "treaty", expected: "the id of the amended treaty").flatMap({
                reader.string($0, what: "treaty")
            }),
            let articlesNode = reader.require(fields, "articles", expected: "the article numbers amended, [\"4\"]"),
            let articles = reader.strings(articlesNode, what: "articles")
        else { return nil }
        if target == id {
            reader.error(fields["treaty"] ?? node, "amends: a treaty cannot amend itself")
            return nil
        }
        if articles.isEmpty {
            reader.error(articlesNode, "amends: articles lists at least one article number")
            return nil
        }
        return Treaty.Amendment(treaty: target, articles: articles)
    }

    /// Whether the file's `format` is 1, the one this version reads (also where it is missing or unreadable, which
    /// is reported). The meaning of the fields may differ in another format: nothing of such a file is used.
    private func formatIsSupported(_ fields: NodeReader.Fields) -> Bool {
        if let format = reader.require(fields, "format", expected: "the format version, 1"),
            let version = reader.int(format, what: "format"), version != 1
        {
            reader.error(format, "format \(version) is not supported; this version of Pacta reads format 1")
            return false
        }
        return true
    }

    /// The treaty's `id`, reported where it is not of [a-z0-9-]+; empty where it is missing.
    private func treatyID(_ fields: NodeReader.Fields) -> String {
        guard let node = reader.require(fields, "id", expected: "a stable id of [a-z0-9-]+"),
            let text = reader.string(node, what: "id")
        else { return "" }
        if text.isEmpty
            || !text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        {
            reader.error(node, "id '\(text)' must use only lower-case letters, digits and '-'")
        }
        return text
    }

    /// The treaty's `titles` by language, at least one.
    private func titles(_ fields: NodeReader.Fields) -> [String: String] {
        let titles =
            reader.require(fields, "titles", expected: "titles by language, at least one").map {
                reader.localized($0, what: "titles")
            } ?? [:]
        if let node = fields["titles"], titles.isEmpty, node.mapping != nil {
            reader.error(node, "titles must give at least one title")
        }
        return titles
    }

    /// `adopted: {date: YYYY-MM-DD, place: ...}`: the date of signature or adoption of the text, and where.
    private func adoption(_ fields: NodeReader.Fields) -> Treaty.Adoption {
        var adopted = Treaty.Adoption(date: CalendarDate(ordinal: 0))
        guard let node = reader.require(fields, "adopted", expected: "{date: YYYY-MM-DD, place: ...}"),
            let adoption = reader.mapping(node, what: "adopted", allowed: ["date", "place"])
        else { return adopted }
        if let dateNode = reader.require(adoption, "date", expected: "the date of signature or adoption"),
            let date = reader.date(dateNode, what: "adopted.date")
        {
            adopted.date = date
        }
        adopted.place = adoption["place"].flatMap { reader.string($0, what: "adopted.place") }
        return adopted
    }

    /// `languages: {authentic: [...], translations: [...]}`: the authentic languages (translations are checked,
    /// not kept).
    private func authenticLanguages(_ node: YAMLNode) -> [String] {
        guard let languages = reader.mapping(node, what: "languages", allowed: ["authentic", "translations"]) else {
            return []
        }
        let authentic = languages["authentic"].flatMap { reader.strings($0, what: "languages.authentic") } ?? []
        _ = languages["translations"].flatMap { reader.strings($0, what: "languages.translations") }
        return authentic
    }

    /// The `negotiating-states`, each named once. Required for a bilateral treaty, which has exactly two; a
    /// multilateral one adopted by a conference or a meeting of the parties may have no list (the set
    /// `signatories` serves the rules).
    private func negotiatingStates(_ fields: NodeReader.Fields, kind: Treaty.Kind) -> [PartyCode] {
        let negotiatingNode =
            kind == .bilateral
            ? reader.require(fields, "negotiating-states", expected: "the two negotiating States")
            : fields["negotiating-states"]
        let negotiating = negotiatingNode.map { partyList($0, what: "negotiating-states") } ?? []
        if let node = fields["negotiating-states"], Set(negotiating).count != negotiating.count {
            let repeated = Dictionary(grouping: negotiating, by: { $0 }).filter { $0.value.count > 1 }.keys.map(
                \.rawValue
            ).sorted()
            reader.error(node, "negotiating-states names \(repeated.joined(separator: ", ")) more than once")
        } else if kind == .bilateral, let node = fields["negotiating-states"], node.sequence != nil,
            negotiating.count != 2,
            reader.diagnostics.allSatisfy({ $0.line != node.mark.line })
        {
            reader.error(node, "a bilateral treaty has exactly two negotiating States, found \(negotiating.count)")
        }
        return negotiating
    }

    /// `references: {wikidata: Q..., unts: ...}`: the treaty's ids in other catalogues, by catalogue.
    private func references(_ node: YAMLNode) -> [String: String] {
        guard let mapping = node.mapping else {
            reader.error(node, "references must be a mapping (wikidata: Q..., unts: ...)")
            return [:]
        }
        var references: [String: String] = [:]
        for (key, value) in mapping {
            if let name = key.scalar?.string, let text = reader.string(value, what: "references.\(name)") {
                references[name] = text
            }
        }
        return references
    }

    /// Whether the treaty was open for signature: `signature: open` (the default) or `not-open` (an amendment
    /// adopted by a meeting of the parties). Anything else is reported, and counts as open.
    private func signatureIsOpen(_ node: YAMLNode) -> Bool {
        if node.scalar?.string == "not-open" { return false }
        if node.scalar?.string != "open" {
            reader.error(
                node,
                "signature must be 'not-open' (the treaty was never open for signature, as an amendment adopted by a meeting of the parties) or 'open' (the default)"
            )
        }
        return true
    }

    /// Reports a documented date of entry into force (at `node`) that the events do not give, unless the record is
    /// partial or the entry into force waits on other treaties: a record said to be complete must give it.
    private func checkDocumentedEntryIntoForce(of treaty: Treaty, at node: YAMLNode) {
        guard treaty.record != .partial, let expected = treaty.documented?.entryIntoForce,
            treaty.rules.entryIntoForce?.condition.treatyReferences.isEmpty ?? true
        else { return }
        let computed = Lifecycle().status(of: treaty, on: .latest, explain: false).entryIntoForce
        if computed != expected {
            reader.error(
                node,
                "documented entry into force \(expected) differs from the date the events give (\(computed.map { "\($0)" } ?? "none")); correct the events, or mark the file 'record: partial'"
            )
        }
    }

    /// Set and weight-table names the conditions use that the file does not define.
    static func unknownNames(in rules: Rules, sets: [String: [PartyCode]], weights: [String: Treaty.WeightTable])
        -> [String]
    {
        var problems: [String] = []
        func set(_ set: PartySet?) {
            guard case .named(let name)? = set, !["signatories", "negotiating-states"].contains(name),
                sets[name] == nil
            else { return }
            let known = (["signatories", "negotiating-states"] + sets.keys.sorted()).joined(separator: ", ")
            problems.append(
                "a condition names the party set '\(name)', which the file's sets do not define (known: \(known))")
        }
        func walk(_ condition: Condition) {
            switch condition {
            case .consents(_, let filter): set(filter.from)
            case .fraction(_, let named, let filter):
                set(named)
                set(filter.from)
            case .allOf(let named, let filter), .majorityOf(let named, let filter):
                set(named)
                set(filter.from)
            case .share(let weight, _, let filter):
                set(filter.from)
                if let table = weights[weight] {
                    if !(table.values.values.reduce(0, +) > 0) {
                        problems.append("the weight table '\(weight)' adds up to 0: no share of it can be reached")
                    }
                } else {
                    let known = weights.keys.sorted().joined(separator: ", ")
                    problems.append(
                        "a share condition names the weight table '\(weight)', which the file's weights do not define (known: \(known.isEmpty ? "none" : known))"
                    )
                }
            case .all(let list), .any(let list): list.forEach(walk)
            case .exchangeOfInstruments, .lastNotification, .treatyInForce, .date: break
            }
        }
        if let condition = rules.entryIntoForce?.condition { walk(condition) }
        rules.partial.forEach { walk($0.condition) }
        return problems
    }

    // MARK: - Documented dates

    /// `documented: {entry-into-force: DATE, source: KEY, parties: [CODES] | signatories}`: an official date to
    /// check the computed one against, and (extension `parties`) the States the source says it bound then.
    func documented(_ node: YAMLNode, sources: [String: Treaty.Source]) -> Treaty.Documented? {
        guard
            let fields = reader.mapping(
                node, what: "documented", allowed: ["entry-into-force", "source", "parties"])
        else { return nil }
        var documented = Treaty.Documented()
        if let partiesNode = fields["parties"] {
            if partiesNode.scalar?.string == "signatories" {
                documented.parties = .signatories
            } else if partiesNode.scalar != nil {
                reader.error(
                    partiesNode,
                    "documented.parties must be a list of party codes or 'signatories', found '\(partiesNode.scalar?.string ?? "")'"
                )
            } else if let items = reader.sequence(partiesNode, what: "documented.parties") {
                documented.parties = .listed(items.compactMap { party($0, what: "documented.parties") })
            }
            if fields["entry-into-force"] == nil {
                reader.error(
                    partiesNode, "documented.parties needs documented.entry-into-force: the date they were bound")
            }
        }
        if let date = fields["entry-into-force"] {
            documented.entryIntoForce = reader.date(date, what: "documented.entry-into-force")
        }
        if let key = fields["source"], let text = reader.string(key, what: "documented.source") {
            if sources[text] == nil {
                let known = sources.keys.sorted().joined(separator: ", ")
                reader.error(
                    key,
                    "source '\(text)' is not a key of this file's sources (known: \(known.isEmpty ? "none" : known))")
            } else {
                documented.source = text
            }
        }
        return documented
    }

    // MARK: - Parties

    /// A party code that is well formed and known (ISO 3166-1/3166-3, or a declared organisation).
    func party(_ node: YAMLNode, what: String) -> PartyCode? {
        guard let text = reader.string(node, what: what) else { return nil }
        let code = PartyCode(text)
        if code.isOrganisation {
            guard code.isWellFormed else {
                reader.error(node, "\(what): '\(text)' is not a valid organisation code (org: followed by a-z, 0-9, -)")
                return nil
            }
            guard organisations.contains(code) else {
                reader.error(node, "\(what): organisation '\(text)' is not declared in the corpus's entities.yaml")
                return nil
            }
            return code
        }
        guard PartyCodeTable.country(code) != nil else {
            let upper = text.uppercased()
            var hint = ""
            if upper != text, PartyCodeTable.country(PartyCode(upper)) != nil {
                hint = " (did you mean '\(upper)'?)"
            } else if text.count == 2,
                let match = PartyCodeTable.byAlpha3.values.first(where: { $0.alpha2 == upper && !$0.isFormer })
            {
                hint = " (that looks like an alpha-2 code; the alpha-3 code is '\(match.alpha3)')"
            }
            reader.error(
                node,
                "\(what): unknown party code '\(text)'\(hint); expected an ISO 3166-1 alpha-3 code (RUS, PRK ...), a former code kept by ISO 3166-3 (SUN, YUG ...), or org:<slug>"
            )
            return nil
        }
        return code
    }

    /// A single code or a list of codes.
    func partyList(_ node: YAMLNode, what: String) -> [PartyCode] {
        if node.scalar != nil { return party(node, what: what).map { [$0] } ?? [] }
        guard let items = reader.sequence(node, what: what) else { return [] }
        return items.compactMap { party($0, what: "an item of \(what)") }
    }

    // MARK: - Sources, sets, weights

    func sources(_ node: YAMLNode) -> [String: Treaty.Source] {
        guard let mapping = node.mapping else {
            reader.error(node, "sources must be a mapping of keys to {title, url, accessed}")
            return [:]
        }
        var result: [String: Treaty.Source] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            guard let fields = reader.mapping(value, what: "source '\(name)'", allowed: ["title", "url", "accessed"])
            else { continue }
            result[name] = Treaty.Source(
                title: fields["title"].flatMap { reader.string($0, what: "title") },
                url: fields["url"].flatMap { reader.string($0, what: "url") },
                accessed: fields["accessed"].flatMap { reader.date($0, what: "accessed") })
        }
        return result
    }

    func sets(_ node: YAMLNode) -> [String: [PartyCode]] {
        guard let mapping = node.mapping else {
            reader.error(node, "sets must map set names to lists of party codes")
            return [:]
        }
        var result: [String: [PartyCode]] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            if ["signatories", "negotiating-states"].contains(name) {
                reader.error(key, "the set name '\(name)' is built in and cannot be redefined")
            }
            result[name] = partyList(value, what: "set '\(name)'")
        }
        return result
    }

    func weights(_ node: YAMLNode) -> [String: Treaty.WeightTable] {
        guard let mapping = node.mapping else {
            reader.error(node, "weights must map table names to {unit, values}")
            return [:]
        }
        var result: [String: Treaty.WeightTable] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string,
                let fields = reader.mapping(value, what: "weight table '\(name)'", allowed: ["unit", "values"])
            else { continue }
            var values: [PartyCode: Double] = [:]
            if let valuesNode = reader.require(fields, "values", expected: "{CODE: number, ...}") {
                if let pairs = valuesNode.mapping {
                    for (codeNode, numberNode) in pairs {
                        if let code = party(codeNode, what: "weight table '\(name)'"),
                            let number = reader.double(numberNode, what: "the weight of \(code)")
                        {
                            guard number >= 0, number.isFinite else {
                                reader.error(numberNode, "the weight of \(code) must be a number of 0 or more")
                                continue
                            }
                            values[code] = number
                        }
                    }
                } else {
                    reader.error(valuesNode, "values must map party codes to numbers")
                }
            }
            result[name] = Treaty.WeightTable(
                unit: fields["unit"].flatMap { reader.string($0, what: "unit") }, values: values)
        }
        return result
    }
}
