import ArgumentParser
import PactaCore
import PactaFormats
import PactaQuestions

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

    @Argument(help: "The State: ISO 3166-1 alpha-3 (RUS), or a former State's ISO 3166-3 code (SUN, CSK, DDR, YUG).")
    var state: String

    @Option(
        name: .long, help: ArgumentHelp("The date. Default: today.", valueName: "date"),
        transform: CalendarDate.argument)
    var on: CalendarDate?

    @Option(
        name: .long,
        help: "Only pledges of this ATOP category: defense, offense, neutrality, non-aggression, consultation.",
        transform: { text in
            guard let category = Provision.Category(rawValue: text), AllianceNetwork.categories.contains(category)
            else {
                throw ValidationError(
                    "--category '\(text)' is not an ATOP category; give defense, offense, neutrality, non-aggression or consultation."
                )
            }
            return category
        })
    var category: Provision.Category?

    @OptionGroup var options: CorpusOptions

    @Option(name: .long, help: "Output: text, json, or svg (a picture of the network).")
    var format: Format = .text

    /// The JSON answer: the allies, the caveats of the treaties it used or left out, and its coverage. The State
    /// asked about is under `state` and, as `GET /api/v1/states/{code}` names it, `code` (the same value).
    struct Document: Encodable {
        let state: String
        var code: String { state }
        let on: String
        let allies: [AllyDocument]
        let caveats: [String]
        let coverage: CoverageDocument

        enum CodingKeys: String, CodingKey {
            case state, code, on, allies, caveats, coverage
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(state, forKey: .state)
            try container.encode(code, forKey: .code)
            try container.encode(on, forKey: .on)
            try container.encode(allies, forKey: .allies)
            try container.encode(caveats, forKey: .caveats)
            try container.encode(coverage, forKey: .coverage)
        }
    }

    func run() throws {
        let questions = try options.provisionQuestions()
        let loaded = questions.corpus
        let code = try questions.state(state, option: nil)
        let date = on ?? Today.date
        let answer = questions.allies(of: code, on: date, category: category)
        let (allies, coverage) = (answer.allies, answer.coverage)
        switch format {
        case .json:
            let rows = allies.map { AllyDocument($0, corpus: loaded) }
            emit(
                try JSONOutput.string(
                    Document(
                        state: code.rawValue, on: date.description, allies: rows, caveats: coverage.caveats,
                        coverage: CoverageDocument(coverage, scope: loaded.scope))))
        case .svg:
            emit(AlliesPicture.svg(of: code, on: date, allies: allies, corpus: loaded))
        case .text:
            var table = TextTable(["Ally", "Name", "Treaty", "Pledges", "Articles", "Since"])
            for ally in allies {
                table.add([
                    ally.ally.rawValue, loaded.name(of: ally.ally),
                    ally.treaty
                        + (ally.amendedBy.isEmpty ? "" : " as amended by " + ally.amendedBy.joined(separator: ", "))
                        + (ally.partialRecord ? " *" : ""),
                    ally.categories.map(\.rawValue).joined(separator: ", "), ally.articles.joined(separator: ", "),
                    ally.since?.description ?? "-",
                ])
            }
            var lines = [
                "Allies of \(loaded.name(of: code)) (\(code)) on \(date)\(category.map { ", \($0.rawValue) pledges" } ?? ""): \(Set(allies.map(\.ally)).count)",
                "",
            ]
            if allies.isEmpty {
                let sure = coverage.inScope == true && coverage.caveats.isEmpty
                lines.append(sure ? "(none)" : "(none recorded: see the caveats and the coverage below)")
            } else {
                lines.append(table.render())
                if allies.contains(where: \.partialRecord) { lines.append("* the treaty's record is incomplete") }
            }
            if !coverage.caveats.isEmpty {
                lines += ["", "Caveats:"] + coverage.caveats.map { "  ! " + $0 }
            }
            lines += ["", coverage.sentence(scope: loaded.scope)]
            emitText(lines.joined(separator: "\n"))
        }
    }
}

extension Provision.Category: ExpressibleByArgument {}
