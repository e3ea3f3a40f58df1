import ArgumentParser
import PactaCore
import PactaFormats

/// `pacta allies STATE`: who is allied with a State on a date, under which treaty and pledge.
struct AlliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allies",
        abstract: "The allies of a State on a date: treaties in force for both with a pledge of an ATOP category.",
        discussion: """
            Categories follow the Alliance Treaty Obligations and Provisions (ATOP) project: defense, \
            offense, neutrality, non-aggression, consultation.

            Examples:
              pacta allies RUS --on 2025-01-01
              pacta allies PRK --on 2024-11-20 --category defense
              pacta allies USA --format svg > usa-allies.svg
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, svg
    }

    @Argument(help: "The State (ISO 3166-1 alpha-3, e.g. RUS).")
    var state: String

    @Option(
        name: .long, help: ArgumentHelp("The date. Default: today.", valueName: "date"),
        transform: CalendarDate.argument)
    var on: CalendarDate?

    @Option(
        name: .long, help: "Only pledges of this category: defense, offense, neutrality, non-aggression, consultation.")
    var category: Provision.Category?

    @Option(name: .long, help: ArgumentHelp("The corpus folder.", valueName: "dir"))
    var corpus: String?

    @Option(name: .long, help: "Output: text, json, or svg (a picture of the network).")
    var format: Format = .text

    struct Row: Encodable {
        let ally: String
        let name: String
        let treaty: String
        let categories: [String]
        let articles: [String]
        @Nullable var since: String?
        enum CodingKeys: String, CodingKey { case ally, name, treaty, categories, articles, since }
    }

    func run() throws {
        var options = CorpusOptions()
        options.corpus = corpus
        let loaded = try options.load()
        let code = PartyCode(state.uppercased())
        guard PartyCodeTable.country(code) != nil else {
            throw CLIError(
                "unknown State code '\(state)'; expected an ISO 3166-1 alpha-3 code such as RUS."
                    + (PartyCodeTable.suggestion(for: state).map { " Did you mean \($0.code) (\($0.name))?" } ?? ""))
        }
        let date = on ?? Today.date
        let allies = AllianceNetwork(corpus: loaded).allies(of: code, on: date, category: category)
        switch format {
        case .json:
            emit(
                try JSONOutput.string(
                    allies.map {
                        Row(
                            ally: $0.ally.rawValue, name: loaded.name(of: $0.ally), treaty: $0.treaty,
                            categories: $0.categories.map(\.rawValue), articles: $0.articles,
                            since: $0.since?.description)
                    }))
        case .svg:
            var nodes = [NetworkSVG.Node(code: code, label: loaded.name(of: code), role: .focus)]
            for ally in allies where !nodes.contains(where: { $0.code == ally.ally }) {
                nodes.append(NetworkSVG.Node(code: ally.ally, label: loaded.name(of: ally.ally)))
            }
            let edges = allies.map { ally in
                NetworkSVG.Edge(
                    from: code, to: ally.ally, label: "\(ally.treaty) art. \(ally.articles.joined(separator: ", "))",
                    style: ally.categories.contains(.defense)
                        ? .defense : ally.categories.contains(.consultation) ? .consultation : .other)
            }
            emit(NetworkSVG(title: "Allies of \(code) on \(date)", nodes: nodes, edges: edges).render())
        case .text:
            var table = TextTable(["Ally", "Name", "Treaty", "Pledges", "Articles", "Since"])
            for ally in allies {
                table.add([
                    ally.ally.rawValue, loaded.name(of: ally.ally), ally.treaty,
                    ally.categories.map(\.rawValue).joined(separator: ", "), ally.articles.joined(separator: ", "),
                    ally.since?.description ?? "-",
                ])
            }
            emit(
                "Allies of \(loaded.name(of: code)) (\(code)) on \(date)\(category.map { ", \($0.rawValue) pledges" } ?? ""): \(Set(allies.map(\.ally)).count)\n\n"
                    + (allies.isEmpty ? "(none)" : table.render()))
        }
    }
}

extension Provision.Category: ExpressibleByArgument {}
