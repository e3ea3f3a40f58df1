import PactaCore

extension TreatyDecoder {
    static let provisionFields = [
        "id", "article", "category", "duty", "means", "timing", "trigger", "bearer", "beneficiary", "qualifiers",
        "summary",
    ]

    /// Coded provisions. Spec: "Provisions"; categories after ATOP.
    /// - Parameter sets: the file's named sets, which `trigger.against` may name.
    func provisions(_ node: YAMLNode, sets: [String: [PartyCode]] = [:]) -> [Provision] {
        guard let items = reader.sequence(node, what: "provisions") else { return [] }
        var seen = Set<String>()
        return items.compactMap { item -> Provision? in
            guard let fields = reader.mapping(item, what: "a provision", allowed: Self.provisionFields),
                let id = reader.require(fields, "id", expected: "a provision id").flatMap({
                    reader.string($0, what: "id")
                }),
                let article = reader.require(fields, "article", expected: "the article number, as text").flatMap({
                    reader.string($0, what: "article")
                }),
                let category = reader.require(fields, "category", expected: "defense, offense, neutrality ...").flatMap(
                    {
                        reader.choice(
                            $0, what: "category", of: Provision.Category.self, values: Provision.Category.allCases)
                    })
            else { return nil }
            if !seen.insert(id).inserted { reader.error(fields.value("id"), "provision id '\(id)' is used twice") }
            var trigger: Provision.Trigger?
            if let node = fields["trigger"],
                let t = reader.mapping(node, what: "trigger", allowed: ["event", "against", "by", "where"])
            {
                trigger = Provision.Trigger(
                    event: t["event"].flatMap { reader.string($0, what: "trigger.event") } ?? "armed-attack",
                    against: "any-party",
                    by: t["by"].flatMap { reader.strings($0, what: "trigger.by") } ?? ["any-state"],
                    region: t["where"].flatMap { reader.string($0, what: "trigger.where") } ?? "anywhere")
                if let node = t["against"], let (against, protects) = against(node, sets: sets) {
                    trigger?.against = against
                    trigger?.protects = protects
                }
                if let place = t["where"], let name = place.scalar?.string, let regions,
                    !["anywhere", "territory-of-party"].contains(name), !regions.contains(name)
                {
                    let known = (["anywhere", "territory-of-party"] + regions.sorted()).joined(separator: ", ")
                    reader.error(
                        place,
                        "trigger.where '\(name)' is not a region declared in regions.yaml; expected one of: \(known)")
                }
                if let event = t["event"], let name = event.scalar?.string,
                    !["armed-attack", "threat-of-attack", "state-of-war", "other"].contains(name)
                {
                    reader.error(
                        event,
                        "trigger.event '\(name)' is not known; expected one of: armed-attack, threat-of-attack, state-of-war, other"
                    )
                }
            }
            return Provision(
                id: id, article: article, category: category,
                duty: fields["duty"].flatMap { reader.string($0, what: "duty") },
                means: fields["means"].flatMap { reader.strings($0, what: "means") } ?? [],
                timing: fields["timing"].flatMap { reader.string($0, what: "timing") }, trigger: trigger,
                bearer: fields["bearer"].flatMap { reader.string($0, what: "bearer") },
                beneficiary: fields["beneficiary"].flatMap { reader.string($0, what: "beneficiary") },
                qualifiers: fields["qualifiers"].flatMap { reader.strings($0, what: "qualifiers") } ?? [],
                summary: fields["summary"].map { reader.localized($0, what: "summary") } ?? [:])
        }
    }

    /// The text: preamble and articles. Spec: "Text"; `summary` is a Pacta extension.
    func text(_ node: YAMLNode) -> TreatyText {
        var text = TreatyText()
        guard let fields = reader.mapping(node, what: "text", allowed: ["preamble", "articles"]) else { return text }
        text.preamble = fields["preamble"].map { reader.localized($0, what: "preamble") } ?? [:]
        if let node = fields["articles"], let items = reader.sequence(node, what: "text.articles") {
            var seen = Set<String>()
            for item in items {
                guard
                    let article = reader.mapping(
                        item, what: "an article", allowed: ["number", "heading", "summary", "paragraphs"]),
                    let number = reader.require(article, "number", expected: "the article number, as text").flatMap({
                        reader.string($0, what: "number")
                    })
                else { continue }
                if !seen.insert(number).inserted {
                    reader.error(article.value("number"), "article \(number) is given twice")
                }
                var paragraphs: [[String: String]] = []
                if let node = article["paragraphs"], let items = reader.sequence(node, what: "paragraphs") {
                    paragraphs = items.map { reader.localized($0, what: "a paragraph") }
                }
                text.articles.append(
                    TreatyText.Article(
                        number: number,
                        heading: article["heading"].map { reader.localized($0, what: "heading") } ?? [:],
                        summary: article["summary"].map { reader.localized($0, what: "summary") } ?? [:],
                        paragraphs: paragraphs))
            }
        }
        return text
    }

    /// `trigger.against`: `any-party` or a party code (the spec's forms), or (Pacta extension) a set of the file's
    /// `sets` or a list of these, which protects the States named whether or not they are parties.
    /// - Returns: the `against` word (`any-party` where the list holds it, the single code, or what was written)
    ///   and the States protected beyond it; `nil` where the node is neither a word nor a list (reported).
    func against(_ node: YAMLNode, sets: [String: [PartyCode]]) -> (String, [PartyCode])? {
        let items: [YAMLNode]
        if node.scalar != nil {
            items = [node]
        } else if let list = node.sequence, !list.isEmpty {
            items = Array(list)
        } else {
            reader.error(node, "trigger.against is any-party, a party code, a set of the file, or a list of these")
            return nil
        }
        var anyParty = false
        var protects: [PartyCode] = []
        var words: [String] = []
        for item in items {
            guard let word = reader.string(item, what: "trigger.against") else { continue }
            words.append(word)
            if word == "any-party" {
                anyParty = true
            } else if let members = sets[word] {
                protects += members
            } else if word.first?.isLowercase == true, !word.hasPrefix("org:") {
                let known = (["any-party"] + sets.keys.sorted()).joined(separator: ", ")
                reader.error(
                    item,
                    "trigger.against '\(word)' is not a set of this file's sets; expected one of: \(known) or a party code"
                )
            } else if let code = party(item, what: "trigger.against") {
                protects.append(code)
            }
        }
        // The spec's single forms keep their meaning: `against: USA` is that party, not a protected State.
        if items.count == 1, node.scalar != nil, sets[words.first ?? ""] == nil {
            return (words.first ?? "any-party", [])
        }
        var unique: [PartyCode] = []
        for code in protects where !unique.contains(code) { unique.append(code) }
        return (anyParty ? "any-party" : words.joined(separator: ", "), unique)
    }
}
