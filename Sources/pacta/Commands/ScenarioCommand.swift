import ArgumentParser
import Foundation
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta scenario`: who must do what if State X is attacked by Y on date D, and why.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "The duties an armed attack (or a threat) triggers on a date, under which articles, and why.",
        discussion: """
            For every treaty in force for the States concerned on the date, the coded provisions whose \
            trigger the event meets: bearer, beneficiary, treaty, article, category (ATOP), duty, means, \
            timing, qualifiers, and the lifecycle reason the treaty binds both. Also what does NOT \
            trigger and why (not in force on that date, outside the treaty's region, a trigger of another \
            kind), and the claims on record (invocations), shown apart from the computed result.

            --chain follows the duties round by round: a State that bears a defence duty enters the \
            conflict against the attacker; the chain rules are printed with the result, and \
            --entry-is-attack changes the one a reader is most likely to dispute.

            A scenario file (YAML) may hold several events:
              on: 2025-03-01
              chain: true
              events:
                - {type: armed-attack, by: USA, against: PRK}

            Places (--where): a State code (its territory, the default being the target's), an ISO \
            3166-2 subdivision such as US-HI (Hawaii), or a territory with its own code (GUM).

            Examples:
              pacta scenario --attack PRK --by USA --on 2025-03-01
              pacta scenario --attack KOR --by PRK --on 2025-03-01 --chain
              pacta scenario --attack USA --by RUS --on 2025-03-01 --where US-HI
              pacta scenario --attack PRK --by USA --on 2025-03-01 --format svg > duties.svg
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, svg
    }

    @Argument(help: ArgumentHelp("A scenario file (YAML), instead of --attack/--by/--on.", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("The State attacked or threatened.", valueName: "code"))
    var attack: String?

    @Option(name: .long, help: ArgumentHelp("The attacking State.", valueName: "code"))
    var by: String?

    @Option(
        name: .long, help: ArgumentHelp("The date. Default: today.", valueName: "date"),
        transform: CalendarDate.argument)
    var on: CalendarDate?

    @Option(name: .long, help: ArgumentHelp("Where the attack happens (see above).", valueName: "place"))
    var `where`: String?

    @Flag(name: .long, help: "A threat of attack rather than an armed attack.")
    var threat = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "What kind of State the attacker is, for declarations that limit a party's duty to some attackers (the United States' Manila Pact understanding: communist). Repeat for several.",
            valueName: "kind"))
    var attackerKind: [String] = []

    @Flag(name: .long, help: "Follow the chain of duties round by round.")
    var chain = false

    @Flag(
        name: .long, help: "Chain rule 2: count a State's entry into the conflict as an armed attack on the attacker.")
    var entryIsAttack = false

    @OptionGroup var options: CorpusOptions

    @Option(name: .long, help: "Output: text, json, or svg (a picture of the network).")
    var format: Format = .text

    func validate() throws {
        if file == nil {
            guard attack != nil, by != nil else {
                throw ValidationError("Give --attack CODE and --by CODE (and --on DATE), or a scenario file.")
            }
        } else if attack != nil || by != nil {
            throw ValidationError("Give either a scenario file or --attack/--by, not both.")
        } else {
            // A file gives each event's date, kind and place itself: an option that would be silently ignored is
            // refused instead.
            let ignored = [("--on", on != nil), ("--where", `where` != nil), ("--threat", threat)].filter(\.1).map(\.0)
            if !ignored.isEmpty {
                throw ValidationError(
                    "\(ignored.joined(separator: ", ")) \(ignored.count == 1 ? "goes" : "go") with --attack/--by; a scenario file gives the date ('on:'), and each event's type and place ('type:', 'where:') itself: edit the file, or drop \(ignored.count == 1 ? "the option" : "those options")."
                )
            }
        }
        if let place = `where`, Region.state(of: place) == nil {
            throw ValidationError(
                "--where '\(place)' is not a State code or an ISO 3166-2 subdivision (such as US-HI).")
        }
    }

    func run() throws {
        let questions = try options.provisionQuestions()
        let loaded = questions.corpus
        let scenario = try makeScenario(questions: questions)
        let result = questions.scenario(scenario)
        switch format {
        case .json: emit(try JSONOutput.string(ScenarioDocument(result, scope: loaded.scope)))
        case .svg: emit(ScenarioPicture.svg(result, corpus: loaded))
        case .text: emitText(Self.text(result, corpus: loaded))
        }
    }

    private func makeScenario(questions: Questions) throws -> Scenario {
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
            else {
                throw CLIError("cannot read the scenario file \(file).")
            }
            let (scenario, diagnostics) = ScenarioFileReader().read(text: text, file: file)
            guard let scenario else { throw CLIError(diagnostics.map(\.description).joined(separator: "\n")) }
            var result = scenario
            if chain { result.chain = true }
            if entryIsAttack { result.rules.entryIsArmedAttack = true }
            if !attackerKind.isEmpty {
                for index in result.events.indices { result.events[index].attackerKinds = attackerKind }
            }
            return result
        }
        func code(_ text: String, _ option: String) throws -> PartyCode { try questions.state(text, option: option) }
        let target = try code(attack!, "--attack")
        let attacker = try code(by!, "--by")
        guard target != attacker else { throw CLIError("--attack and --by name the same State, \(target).") }
        return Scenario(
            on: on ?? Today.date,
            events: [
                Scenario.Event(
                    kind: threat ? .threatOfAttack : .armedAttack, by: attacker, against: target, place: `where`,
                    attackerKinds: attackerKind)
            ],
            chain: chain, rules: ChainRules(entryIsArmedAttack: entryIsAttack))
    }

    static func text(_ result: ScenarioResult, corpus: Corpus) -> String {
        var out: [String] = []
        for (event, round) in result.events {
            let place = event.place.map { " at \($0)" } ?? ""
            out.append(
                "\(round == 0 ? "Scenario" : "Round \(round)"): \(event.kind.rawValue) by \(event.by) on \(event.against)\(place), \(result.on)"
            )
        }
        out.append("")
        let weak = (result.coverage?.inScope == false) || !(result.coverage?.caveats.isEmpty ?? true)
        if result.duties.isEmpty {
            out.append(
                weak
                    ? "No duty is triggered by the treaties recorded in the corpus; see the caveats and the coverage below: the record may lack the treaty that applies."
                    : "No duty is triggered.")
        } else {
            out.append("Duties (\(result.duties.count)):")
            var table = TextTable([
                "Round", "Bearer", "For", "Treaty", "Art.", "Category", "Duty", "Means", "Timing", "Qualifiers",
            ])
            for duty in result.duties {
                table.add([
                    String(duty.round), duty.bearer.rawValue, duty.beneficiary.rawValue,
                    duty.treaty + (duty.partialRecord ? " *" : ""), duty.article,
                    duty.category.rawValue, duty.duty ?? "-",
                    duty.means.isEmpty ? "-" : duty.means.joined(separator: ", "),
                    duty.timing ?? "-", duty.qualifiers.isEmpty ? "-" : duty.qualifiers.joined(separator: ", "),
                ])
            }
            out.append(table.render())
            if result.duties.contains(where: \.partialRecord) {
                out.append("* the treaty's record is incomplete (see the caveats)")
            }
            out.append("")
            out.append("Why:")
            for duty in result.duties {
                let chain =
                    duty.chain.isEmpty
                    ? ""
                    : " Chain: "
                        + duty.chain.map { "\($0.bearer) assists \($0.beneficiary) (\($0.treaty) art. \($0.article))" }
                        .joined(separator: " → ") + "."
                out.append(
                    "  \(duty.bearer) → \(duty.beneficiary), \(duty.treaty) art. \(duty.article): \(duty.explanation)\(chain)"
                )
            }
        }
        if !result.notTriggered.isEmpty {
            out.append("")
            out.append("Not triggered:")
            for note in result.notTriggered {
                let bearer = note.bearer.map { " (\($0))" } ?? ""
                out.append("  \(note.treaty) art. \(note.article)\(bearer) [\(note.reason)]: \(note.explanation)")
            }
        }
        if !result.claims.isEmpty {
            out.append("")
            out.append("Claims on record (what a party declared, not what Pacta computed):")
            for claim in result.claims {
                out.append(
                    "  \(claim.date) \(claim.party) invokes \(claim.treaty) \(claim.provision)"
                        + (claim.summary.map { ": " + Terminal.oneLine($0) } ?? ""))
            }
        }
        if !result.chainRules.isEmpty {
            out.append("")
            out.append("Chain rules:")
            out += result.chainRules.map { "  " + $0 }
        }
        if let coverage = result.coverage {
            if !coverage.caveats.isEmpty {
                out.append("")
                out.append("Caveats:")
                out += coverage.caveats.map { "  ! " + $0 }
            }
            out.append("")
            out.append(coverage.sentence(scope: corpus.scope))
        }
        return out.joined(separator: "\n")
    }
}
