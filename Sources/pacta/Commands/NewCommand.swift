import ArgumentParser
import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import PactaSQLite
import PactaStore

/// `pacta new ID --kind ... --title ... --parties A,B`: starts a treaty file that `pacta check` accepts.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a treaty file: identity, parties and the entry-into-force rule, ready for 'pacta record'.",
        discussion: """
            Writes <corpus>/ID.yaml with the treaty's identity, its negotiating States and the rule \
            for its entry into force, and commented placeholders for the rest (depositary, \
            denunciation, sources), each pointing to its section of docs/treaty-format.md. The file \
            passes 'pacta check' as written. Then record what happened with 'pacta record'.

            Examples:
              pacta new th-vn-2026-friendship --kind bilateral --title "Treaty of Friendship between Thailand and Viet Nam" --parties THA,VNM --adopted 2026-03-01 --place Hanoi
              pacta new example-2026-convention --kind multilateral --title "Example Convention" --parties FRA,DEU,ITA --entry-into-force consents:2 --delay 30d
            """)

    @Argument(help: ArgumentHelp("The treaty's id: lower-case letters, digits and hyphens.", valueName: "id"))
    var id: String

    @Option(name: .long, help: "bilateral or multilateral.")
    var kind: Treaty.Kind

    @Option(name: .long, help: "The full title, in English.")
    var title: String

    @Option(
        name: .long, help: ArgumentHelp("The negotiating States, comma-separated codes: RUS,PRK.", valueName: "codes"))
    var parties: String

    @Option(
        name: .long, help: ArgumentHelp("The day the text was adopted or signed. Default: today.", valueName: "date"),
        transform: CalendarDate.argument)
    var adopted: CalendarDate?

    @Option(name: .long, help: "Where it was adopted or signed.")
    var place: String?

    @Option(
        name: .customLong("entry-into-force"),
        help: ArgumentHelp(
            "exchange, last-notification or consents:N. Default: exchange for a bilateral treaty; for a multilateral one, a placeholder (every negotiating State's consent, VCLT art. 24(2)).",
            valueName: "rule"), transform: Self.rule)
    var entryIntoForce: NewTreaty.EntryIntoForce?

    @Option(
        name: .long, help: ArgumentHelp("Delay after the condition is met: 30d, 3m or 1y.", valueName: "delay"),
        transform: Self.delay)
    var delay: NewTreaty.Delay?

    /// `--entry-into-force`, read when the options are parsed.
    static func rule(_ text: String) throws -> NewTreaty.EntryIntoForce {
        guard let rule = NewTreaty.EntryIntoForce(text) else {
            throw ValidationError(
                "--entry-into-force: '\(text)' is not a rule; give exchange, last-notification or consents:N (N from 1)."
            )
        }
        return rule
    }

    /// `--delay`, read when the options are parsed.
    static func delay(_ text: String) throws -> NewTreaty.Delay {
        guard let delay = NewTreaty.Delay(text) else {
            throw ValidationError("--delay: '\(text)' is not a delay; give days, months or years: 30d, 3m, 1y.")
        }
        return delay
    }

    @OptionGroup var options: CorpusOptions

    func run() async throws {
        // The one rule for party codes, checked against the corpus's organisations.
        let corpus = try options.load()
        // The index, where there is one, is given the new file, as 'pacta record' gives it the files it writes.
        let path = options.indexPath
        let (index, firstNote) = options.indexForWrites()
        var indexNote = firstNote
        let questions = Questions(corpus: corpus, index: index)
        let codes = try parties.split(separator: ",").map { text in
            try questions.party(text.trimmingCharacters(in: .whitespaces), option: "--parties")
        }
        let new = NewTreaty(
            id: id, kind: kind, title: title, parties: codes, adopted: adopted ?? Today.date, place: place,
            entryIntoForce: entryIntoForce, delay: delay)
        if let fault = new.faults(today: Today.date).first { throw CLIError(fault) }
        let folder = options.corpusPath
        let desk: Desk
        do { desk = try Desk(corpus: folder) } catch { throw CLIError(error.description) }
        do throws(DeskError) {
            let (created, failure) = try await questions.create(new, desk: desk)
            if let failure { indexNote = RecordCommand.indexNote(path, failure) }
            emit(
                "Wrote \(folder)/\(created.file). Record what happened with: pacta record \(id) signature --party \(codes.first?.rawValue ?? "XXX") --date \(new.adopted)\n"
                    + (indexNote.map { "\($0)\n" } ?? "")
            )
        } catch { throw CLIError(error.description) }
    }
}

extension Treaty.Kind: ExpressibleByArgument {}
