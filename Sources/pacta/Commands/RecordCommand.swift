import ArgumentParser
import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaQuestions
import PactaSQLite
import PactaStore

/// `pacta record ID TYPE --party X --date D ...`: appends one act to a treaty's file, checked against the treaty
/// as it stands.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record an act (signature, ratification, exchange, denunciation ...) in a treaty's file.",
        discussion: """
            Appends one event to the treaty's file and changes nothing else in it: comments, order, \
            quoting and the other events stay as they were. Before writing, the act is checked \
            against the treaty as it stands, and refused with the reason where it cannot be right \
            (a second consent while bound, an exchange before both consents, a denunciation by a \
            State that is not a party, an act before the adoption of the text ...). The write is \
            atomic and locked against other writers (another 'pacta record', the server). Every \
            event gets 'recorded' (today) and 'recorded-by' (--recorded-by, else $PACTA_USER, else \
            $USER), so that 'status --as-known-on' works for it. A correction never edits the \
            corrected event: it appends a 'correction' event that replaces its fields.

            Types: \(Event.typeNames.joined(separator: ", ")). Each takes the fields of \
            docs/treaty-format.md#events; a flag that a type does not take is refused.

            Examples:
              pacta record th-vn-2026-friendship consent --form ratification --party THA --date 2026-04-02
              pacta record th-vn-2026-friendship exchange-of-instruments --parties THA,VNM --date 2026-05-10 --place Bangkok
              pacta record th-vn-2026-friendship correction --corrects th-vn-2026-friendship-ratification-tha --replace date=2026-04-03
              pacta record th-vn-2026-friendship denunciation --party VNM --date 2026-11-02 --source note-1 --source-title "Note verbale" --source-url https://...
            """)

    @Argument(help: ArgumentHelp("The treaty's id.", valueName: "treaty"))
    var treaty: String

    @Argument(help: ArgumentHelp("The event type: signature, consent, exchange-of-instruments ...", valueName: "type"))
    var type: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The day the act took effect (deposit, exchange ...): YYYY-MM-DD, or YYYY-MM / YYYY where the record is only that precise. Default for a correction: today.",
            valueName: "date"))
    var date: String?

    @Option(name: .long, help: "The State or organisation acting (code).") var party: String?
    @Option(name: .long, help: "Both parties of an exchange: A,B.") var parties: String?
    @Option(name: .long, help: "consent: ratification, acceptance, approval, accession, succession ...") var form:
        String?
    @Option(name: .long, help: "consent: which depositary received it.") var depositary: String?
    @Option(name: .customLong("effective-from"), help: "consent: a succession's effect from independence.")
    var effectiveFrom: String?
    @Option(name: .customLong("instrument-number"), help: "consent: the depositary's count (the Nth instrument).")
    var instrumentNumber: String?
    @Option(name: .long, help: "signature: who signed; termination: the later treaty that replaced it.") var by: String?
    @Option(name: .long, help: "domestic-step: the body (State Duma).") var body: String?
    @Option(name: .long, help: "domestic-step: what it did.") var step: String?
    @Option(name: .long, help: "exchange-of-instruments: where.") var place: String?
    @Option(name: .long, help: "notification: of what (internal-procedures); revocation: signature or consent.")
    var of: String?
    @Option(name: .long, help: "provisional-application: until when.") var until: String?
    @Option(name: .long, help: "reservation, declaration, suspension: articles, comma-separated.") var articles: String?
    @Option(name: .long, help: "reservation, declaration, objection, invocation: a summary in your words.")
    var summary: String?
    @Option(name: .long, help: "objection, withdrawal-of-reservation: the reservation's event id.") var to: String?
    @Flag(
        name: .customLong("precludes-entry-into-force"), help: "objection: the treaty is not in force between the two.")
    var precludesEntryIntoForce = false
    @Option(name: .long, help: "denunciation: the later date the notification names.") var effective: String?
    @Flag(
        name: .customLong("by-agreement"),
        help:
            "denunciation: the party leaves by agreement of the parties (VCLT art. 54(b)), on --effective or the date.")
    var byAgreement = false
    @Option(name: .long, help: "suspension, resumption: only between --party and these States (VCLT art. 58): A,B.")
    var towards: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "extension: how much longer the fixed term runs: 5y, 6m or 90d (VCLT art. 39).", valueName: "length"))
    var term: String?
    @Option(
        name: .customLong("not-bound-by"),
        help: "declaration: the id of an amending treaty the State is not bound by (VCLT art. 40(5)).")
    var notBoundBy: String?
    @Option(
        name: .customLong("attacker-kind"),
        help: "declaration: the kinds of attacker the State's duties answer (communist), comma-separated.")
    var attackerKind: String?
    @Option(name: .long, help: "state-succession: the predecessor.") var predecessor: String?
    @Option(name: .long, help: "state-succession: the successor.") var successor: String?
    @Option(name: .long, help: "state-succession: continuation, succession or separation.") var mode: String?
    @Option(name: .long, help: "termination: agreement, expiry, replacement ...") var cause: String?
    @Option(name: .long, help: "invocation: the provision's id.") var provision: String?
    @Option(name: .long, help: "correction: the id of the event corrected.") var corrects: String?
    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp("correction: a corrected field, key=value (repeat it).", valueName: "key=value"))
    var replace: [String] = []

    @Option(name: .long, help: "The event's id. Default: made from the treaty, type and party.") var id: String?
    @Option(name: .long, help: "The key of the source among the file's sources.") var source: String?
    @Option(name: .customLong("source-title"), help: "Adds --source to the file's sources with this title.")
    var sourceTitle: String?
    @Option(name: .customLong("source-url"), help: "The added source's URL.") var sourceURL: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The day it is entered in the record: not after today, nor before the act. Default: today.",
            valueName: "date"),
        transform: CalendarDate.argument)
    var recorded: CalendarDate?
    @Option(name: .customLong("recorded-by"), help: "Who records it. Default: $PACTA_USER, else $USER.")
    var recordedBy: String?
    @Option(name: .long, help: "A note, in your own words.") var note: String?

    @OptionGroup var options: CorpusOptions
    @OptionGroup var output: OutputOptions

    /// `5y`, `6m`, `90d` as the spec's `{years: 5}`, `{months: 6}`, `{days: 90}`; anything else is passed on as
    /// written, for the reader to report.
    static func span(_ text: String) -> FieldValue {
        let units = ["y": "years", "m": "months", "d": "days"]
        guard let last = text.last, let unit = units[String(last)], let number = Int(text.dropLast()) else {
            return .scalar(text)
        }
        return .mapping([Field(unit, .scalar(String(number)))])
    }

    /// The spec's keys the flags give, in the order the spec lists them.
    func givenFields() -> [Field] {
        func list(_ text: String) -> FieldValue {
            .list(text.split(separator: ",").map { .scalar($0.trimmingCharacters(in: .whitespaces)) })
        }
        // The one rule for party codes (checked against the corpus in run()).
        func code(_ text: String) -> String { PartyCode(parsing: text).rawValue }
        var fields: [Field] = []
        let given: [(String, FieldValue?)] = [
            ("party", party.map { .scalar(code($0)) }),
            (
                "parties",
                parties.map {
                    .list($0.split(separator: ",").map { .scalar(code($0.trimmingCharacters(in: .whitespaces))) })
                }
            ),
            ("form", form.map(FieldValue.scalar)), ("depositary", depositary.map { .scalar(code($0)) }),
            ("effective-from", effectiveFrom.map(FieldValue.scalar)),
            ("instrument-number", instrumentNumber.map(FieldValue.scalar)), ("by", by.map(FieldValue.scalar)),
            ("body", body.map(FieldValue.scalar)), ("step", step.map(FieldValue.scalar)),
            ("place", place.map(FieldValue.scalar)), ("of", of.map(FieldValue.scalar)),
            ("until", until.map(FieldValue.scalar)), ("articles", articles.map(list)),
            ("summary", summary.map(FieldValue.scalar)), ("to", to.map(FieldValue.scalar)),
            ("precludes-entry-into-force", precludesEntryIntoForce ? .scalar("true") : nil),
            ("effective", effective.map(FieldValue.scalar)), ("by-agreement", byAgreement ? .scalar("true") : nil),
            (
                "towards",
                towards.map {
                    .list($0.split(separator: ",").map { .scalar(code($0.trimmingCharacters(in: .whitespaces))) })
                }
            ),
            ("term", term.map(Self.span)), ("not-bound-by", notBoundBy.map(FieldValue.scalar)),
            ("attacker-kind", attackerKind.map(list)),
            ("predecessor", predecessor.map { .scalar(code($0)) }),
            ("successor", successor.map { .scalar(code($0)) }), ("mode", mode.map(FieldValue.scalar)),
            ("cause", cause.map(FieldValue.scalar)), ("provision", provision.map(FieldValue.scalar)),
            ("corrects", corrects.map(FieldValue.scalar)),
        ]
        for case (let key, let value?) in given { fields.append(Field(key, value)) }
        if !replace.isEmpty {
            fields.append(
                Field(
                    "replace",
                    .mapping(
                        replace.map { pair in
                            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                            return Field(parts[0], .scalar(parts.count > 1 ? parts[1] : ""))
                        })))
        }
        return fields
    }

    func validate() throws {
        if Event.ConsentForm.recordable.map(\.rawValue).contains(type) {
            throw ValidationError(
                "'\(type)' is a form of consent, not an event type: record it as 'consent --form \(type)'.")
        }
        guard let allowed = TreatyFileReader.eventFields(ofType: type) else {
            let near = Event.typeNames.filter { $0.hasPrefix(String(type.prefix(3))) }
            throw ValidationError(
                "'\(type)' is not an event type; the types are \(Event.typeNames.joined(separator: ", "))\(near.isEmpty ? "" : " (did you mean \(near.joined(separator: " or "))?)")."
            )
        }
        for field in givenFields() where !allowed.contains(field.key) {
            throw ValidationError(
                "--\(field.key) does not apply to \(type == "correction" ? "a correction" : "a \(type) event"); it takes \(allowed.map { "--\($0)" }.joined(separator: ", ")) (docs/treaty-format.md#\(type))."
            )
        }
        for pair in replace where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--replace: '\(pair)' is not key=value (e.g. --replace date=2024-11-10).")
        }
        if let date, CalendarDate(iso: date) == nil {
            // A month or a year, where the record is only that precise (docs/treaty-format.md#dates).
            let parts = date.split(separator: "-", omittingEmptySubsequences: false)
            let reduced =
                (parts.count == 1 || parts.count == 2) && parts[0].count == 4
                && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
                && parts[0] != "0000"
                && (parts.count == 1 || (parts[1].count == 2 && (1...12).contains(Int(parts[1]) ?? 0)))
            if !reduced { _ = try CalendarDate.argument(date) }
        }
        if date == nil, type != "correction" {
            throw ValidationError("--date is required: the day the act took effect (YYYY-MM-DD).")
        }
        if sourceTitle != nil || sourceURL != nil, source == nil {
            throw ValidationError("--source-title and --source-url add a source: give its key with --source.")
        }
        // The day an act is entered in the record has come: a later one would let an act still to come in.
        if let recorded, recorded > Today.date {
            throw ValidationError(
                "--recorded \(recorded) is after today (\(Today.date)): it is the day the act is entered in the record, today or an earlier day."
            )
        }
        if let recorded, let date, let day = CalendarDate(iso: date), day > recorded {
            throw ValidationError(
                "--date \(day) is after --recorded \(recorded): an act is recorded on or after the day it took effect.")
        }
    }

    /// Who records: `--recorded-by`, else `$PACTA_USER`, else `$USER`, else "unknown".
    var user: String {
        let environment = ProcessInfo.processInfo.environment
        return recordedBy ?? environment["PACTA_USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    func run() async throws {
        let today = recorded ?? Today.date
        var fields: [Field] = []
        if let id { fields.append(Field("id", .scalar(id))) }
        fields.append(Field("date", .scalar(date ?? today.description)))
        fields.append(Field("type", .scalar(type)))
        fields += givenFields()
        if let source { fields.append(Field("source", .scalar(source))) }
        if let note { fields.append(Field("note", .scalar(note))) }
        let newSource = source.flatMap { key in
            sourceTitle.map { NewSource(key: key, title: $0, url: sourceURL, accessed: today) }
        }
        let folder = options.corpusPath
        let corpus = try options.load()
        // Every code given is a State's or a declared organisation's, with the same message as everywhere.
        // The index, where there is one, is given the file as written before the lock is released.
        let path = options.indexPath
        let (index, firstNote) = options.indexForWrites()
        var indexNote = firstNote
        let questions = Questions(corpus: corpus, index: index)
        let codes: [(String, String?)] =
            [
                ("--party", party), ("--depositary", depositary), ("--predecessor", predecessor),
                ("--successor", successor),
            ]
            + (parties?.split(separator: ",").map { ("--parties", $0.trimmingCharacters(in: .whitespaces)) } ?? [])
        for case (let option, let text?) in codes { _ = try questions.party(text, option: option) }
        let recording: Recording
        do throws(DeskError) {
            let desk = try Desk(corpus: folder)
            let lock = try desk.lock(treaty)
            let recorded = await questions.record(
                [Desk.Request(fields: fields, source: newSource, user: user)], in: treaty, holding: lock, desk: desk,
                today: today)
            lock.unlock()
            recording = try recorded.results[0].get()
            if let failure = recorded.indexFailure { indexNote = Self.indexNote(path, failure) }
        } catch {
            throw CLIError(Self.message(error))
        }
        switch output.format {
        case .json:
            emit(try JSONOutput.string(RecordingDocument(recording, names: { corpus.name(of: $0) })))
        case .text:
            // The line as written, unwrapped: it is the file's own text.
            emit("Recorded in \(folder)/\(recording.file):\n  \(recording.line)\n")
            var lines: [String] = []
            let changes = recording.changes
            if changes.isEmpty {
                lines.append("No status or computed date changed on \(recording.on).")
            } else {
                lines.append("What changed (on \(recording.on)):")
                lines += changes.map { "  \($0)" }
            }
            lines += recording.warnings.map { "Note: \($0)" }
            if let indexNote { lines.append(indexNote) }
            emitText(lines.joined(separator: "\n") + "\n")
        }
    }

    /// The line printed where the index could not be given the file as written.
    static func indexNote(_ path: String, _ error: Any) -> String {
        "The index at \(path) was not refreshed (\(error)); 'pacta index' brings it up to date."
    }

    /// A refusal as the CLI prints it: each reason on its line, with the section of the format reference.
    static func message(_ error: DeskError) -> String {
        switch error {
        case .refused(let faults):
            let lines = faults.map { "\($0.message) (docs/treaty-format.md#\($0.section))" }
            return "not recorded: " + lines.joined(separator: "\n  ") + "\nThe file is unchanged."
        case .conflict(let message): return "not recorded: \(message)\nThe file is unchanged."
        case .notFound(let message): return message
        case .failed(let message), .unavailable(let message): return "not recorded: \(message)"
        }
    }
}
