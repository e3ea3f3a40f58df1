import ArgumentParser
import Foundation
import PactaCore
import PactaMonitor
import PactaFormats
import PactaQuestions
import PactaSQLite
import PactaStore

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned tables and sentences, for people.
    case text
    /// The JSON documented in the treaty-format spec, for programs.
    case json
}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
    public static var defaultCompletionKind: CompletionKind { .default }

    /// A date option's value, with an error that says what is wrong: not of the form YYYY-MM-DD, or a day that
    /// does not exist (1994-02-30).
    static func argument(_ text: String) throws -> CalendarDate {
        if let date = CalendarDate(iso: text) { return date }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            // ASCII digits only: `isNumber` also holds for other scripts' digits (२०२४), which no date is written in.
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        {
            if parts[0] == "0000" {
                throw ValidationError("the date \(text) does not exist: years run from 0001 (give YYYY-MM-DD).")
            }
            if let month = Int(parts[1]), !(1...12).contains(month) {
                throw ValidationError(
                    "the date \(text) does not exist: there is no month \(parts[1]) (give YYYY-MM-DD).")
            }
            throw ValidationError(
                "the date \(text) does not exist (month \(parts[1]) of \(parts[0]) has no day \(parts[2])).")
        }
        throw ValidationError("'\(text)' is not a date: give it as YYYY-MM-DD, e.g. 2024-12-04.")
    }
}

/// The output format of the commands that print text or JSON (`--format`), an option group of its own so that
/// commands with other formats (svg, ics, csv) declare theirs.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output: text for people, json for programs.")
    var format: OutputFormat = .text
}

/// The corpus every command reads (`--corpus`), and how it is loaded.
struct CorpusOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The corpus folder: one YAML file per treaty, plus entities.yaml.",
            discussion:
                "Default: $PACTA_CORPUS if set, else ./corpus if it exists, else the corpus shipped with Pacta.",
            valueName: "dir"))
    var corpus: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index file (SQLite).",
            discussion: "Default: $PACTA_INDEX if set, else .pacta-index.sqlite in the corpus folder.",
            valueName: "path"))
    var db: String?

    /// The index file: `--db`, else `$PACTA_INDEX`, else `.pacta-index.sqlite` in the corpus folder.
    var indexPath: String { Self.indexPath(db, corpus: corpusPath) }

    /// The index at ``indexPath``, opened to be given the files a write makes (`pacta new`, `pacta record`), where
    /// it exists: `nil` where there is none; where it cannot be opened, `nil` and the line to print.
    func indexForWrites() -> (index: (any TreatyIndex)?, note: String?) {
        let path = indexPath
        guard FileManager.default.fileExists(atPath: path) else { return (nil, nil) }
        do { return (try SQLiteIndex(path: path), nil) } catch { return (nil, RecordCommand.indexNote(path, error)) }
    }

    /// The index file for a `--db` value and a corpus folder (the rule every command follows).
    static func indexPath(_ db: String?, corpus: String) -> String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["PACTA_INDEX"], !env.isEmpty { return env }
        return "\(corpus)/.pacta-index.sqlite"
    }

    /// ``corpusPath``, which must be a folder (`pacta index`, `search` and `watch` read nothing else).
    /// - Throws: ``CLIError`` "no corpus folder at PATH." where it is not.
    func existingCorpusFolder() throws -> String {
        let folder = corpusPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError("no corpus folder at \(folder).")
        }
        return folder
    }

    /// The corpus folder to read.
    var corpusPath: String {
        if let corpus { return corpus }
        if let env = ProcessInfo.processInfo.environment["PACTA_CORPUS"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "corpus") { return "corpus" }
        return Self.shippedCorpus
    }

    /// The corpus shipped with the package: Sources/pacta/Support/Options.swift → ../../../corpus.
    static var shippedCorpus: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus").path
    }

    /// Where the folder `out` that an import wrote has no `successions.yaml`: the shipped corpus's copied into it,
    /// so that the former States its rows name cease as in the shipped corpus (the GDR on 3 October 1990, the
    /// SFRY's successors ...) instead of staying parties for ever; a line on standard error says so. An existing
    /// table is kept as it is.
    static func copySuccessions(into out: String) {
        let target = "\(out)/successions.yaml"
        let source = "\(shippedCorpus)/successions.yaml"
        guard !FileManager.default.fileExists(atPath: target), FileManager.default.fileExists(atPath: source),
            (try? FileManager.default.copyItem(atPath: source, toPath: target)) != nil
        else { return }
        FileHandle.standardError.write(
            Data(
                "successions.yaml: the shipped table of successions of States, copied so that former States (DDR, SUN, YUG ...) cease on their dates; edit it as any corpus file.\n"
                    .utf8))
    }

    /// Reads the corpus: from its index when there is a fresh one (`pacta index` made it), else from the files,
    /// saying so when the index is stale. Faults go to standard error as a one-line warning; the treaties that
    /// could be read are still used.
    /// - Throws: ``CLIError`` where the folder cannot be read at all.
    func load() throws -> Corpus { try loadNotingFaults().corpus }

    /// ``load()``, with the ids of the treaties read from files that have errors (by file name: a treaty's file
    /// is named after it), whose statuses then carry a caveat.
    func loadNotingFaults() throws -> (corpus: Corpus, faulty: Set<String>) {
        try loadNotingFaults(index: freshIndex())
    }

    /// ``loadNotingFaults()`` from `index` (``freshIndex()``) where given and readable, else from the files.
    func loadNotingFaults(index: FreshIndex?) throws -> (corpus: Corpus, faulty: Set<String>) {
        let folder = corpusPath
        if let index, let (corpus, faulty) = fromIndex(index) { return (corpus, faulty) }
        let result: CorpusLoader.Result
        do {
            result = try CorpusLoader().load(directory: folder)
        } catch let diagnostic as Diagnostic {
            throw CLIError("cannot read the corpus at \(diagnostic.file): \(diagnostic.message)")
        }
        let errors = result.diagnostics.filter(\.isError)
        if !errors.isEmpty {
            let count = errors.count
            // Name the files, so that a status from a faulty file is not taken at face value.
            var perFile: [String: Int] = [:]
            for diagnostic in errors {
                perFile[URL(fileURLWithPath: diagnostic.file).lastPathComponent, default: 0] += 1
            }
            let files = perFile.sorted { $0.key < $1.key }.prefix(5).map { "\($0.key) (\($0.value))" }
            let more = perFile.count > 5 ? " and \(perFile.count - 5) more files" : ""
            warn(
                "the corpus at \(folder) has \(count) error\(count == 1 ? "" : "s"), in \(files.joined(separator: ", "))\(more); the treaties of those files are read as far as they could be (a file that cannot be read at all is left out), so their statuses may be wrong. Run 'pacta check \(folder)' to see the errors"
            )
        }
        let faulty = Set(
            errors.map { URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent })
        return (result.corpus, faulty)
    }

    /// The index at the default place, opened for reading, where it exists and every file's content hash
    /// matches; otherwise `nil`, with a warning that says why (none where there is no index). Where the index
    /// left files out for their errors, a warning names them.
    func freshIndex() -> FreshIndex? { freshIndex { _ in () }?.index }

    /// ``freshIndex()``, with `read` of the index done while the folder's files are looked at (on another
    /// thread), and kept where the index is fresh: what a command reads from the index anyway, at no wait for the
    /// files.
    func freshIndex<Read>(alongside read: (FreshIndex) -> Read) -> (index: FreshIndex, read: Read)? {
        let folder = corpusPath
        let path = indexPath
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let indexer = Indexer(corpus: folder)
        // Where the folder's watcher (`pacta watch`) may run, it is asked first; else the folder's files are
        // looked at while the index is opened and read.
        let watch = FolderMonitorClient(folder: folder) { note($0) }
        var stamps = watch.mayRun ? nil : Pending { try indexer.stamps() }
        do {
            let index = try SQLiteIndex(readingOnly: path)
            let kept = try index.storedFolderSeal()
            // The watcher vouches that no file changed since the kept seal's stamps: none is looked at. The files
            // it saw change are hashed whatever their stamps.
            let verdict = stamps == nil ? Indexer.verdict(kept: kept, by: watch) : .unknown
            let suspects = verdict.suspects
            if !verdict.isVouched, stamps == nil { stamps = Pending { try indexer.stamps() } }
            let other = try index.storedOtherHashes()
            let faulty = other.keys.filter { !Indexer.contextFiles.contains($0) }.sorted()
            // Read while the folder is looked at, as if the index were fresh; kept only where it proves so.
            let fresh = FreshIndex(index: index, path: path, faultyFiles: faulty)
            let alongside = read(fresh)
            // The index's kept seal matches the folder: fresh, without reading its fingerprints (never while a file
            // cannot be read: the index then keeps no seal).
            var unreadable: [String] = []
            let taken = try stamps?.value()
            if let taken, !suspects.isEmpty || KeptSeal(kept ?? "").seal != taken.seal.description {
                let hashes = try index.storedHashes()
                let freshness = indexer.freshness(treaties: hashes, other: other, stamps: taken, suspects: suspects)
                guard freshness.isFresh else {
                    let changed = freshness.changed.count + freshness.missing.count + freshness.extra.count
                    let what =
                        changed == 0
                        ? "entities.yaml, regions.yaml or corpus.yaml changed"
                        : "\(changed) file\(changed == 1 ? "" : "s") changed"
                            + (freshness.contextChanged
                                ? ", and entities.yaml, regions.yaml or corpus.yaml changed" : "")
                    warn("the index \(path) is stale (\(what)); reading the files. Run 'pacta index' to refresh it.")
                    return nil
                }
                unreadable = freshness.unreadable
            }
            // Files that cannot be read are among the files with errors, as where no index is read, and so are the
            // corpus's own files that read with errors (every treaty is read without what they fail to declare).
            let context = (try? CorpusLoader().context(directory: folder).diagnostics).map(Indexer.faultyContextFiles)
            let named = Set(faulty + unreadable + (context ?? [])).sorted()
            if !named.isEmpty {
                warn(
                    "the corpus at \(folder) has \(named.count) file\(named.count == 1 ? "" : "s") with errors: \(named.prefix(5).joined(separator: ", "))\(named.count > 5 ? " and \(named.count - 5) more" : ""); the treaties of those files are read as far as they could be (a file that cannot be read at all is left out), so their statuses may be wrong. Run 'pacta check \(folder)' to see the errors"
                )
            }
            // The files that cannot be read are among those left out: a question about one of their treaties says
            // its file cannot be read, not that the corpus has no such treaty.
            let left = FreshIndex(index: index, path: path, faultyFiles: Set(faulty + unreadable).sorted())
            return (left, alongside)
        } catch {
            _ = try? stamps?.value()
            Self.warnUnreadable(path, error)
            return nil
        }
    }

    /// An index that holds every file of the corpus as it is now (``freshIndex()``).
    struct FreshIndex {
        let index: SQLiteIndex
        let path: String
        /// The files the index left out for their errors, by name.
        let faultyFiles: [String]

        /// The ids of the treaties of those files, by file name.
        var faultyIDs: Set<String> {
            Set(faultyFiles.map { $0.split(separator: ".").dropLast().joined(separator: ".") })
        }
    }

    /// Why an index cannot be read, as a warning.
    private static func warnUnreadable(_ path: String, _ error: any Error) {
        if error is SQLiteIndex.OutdatedIndex {
            warn("\(error); reading the files. Run 'pacta index' to bring it up to date.")
        } else if error is SQLiteIndex.IncompleteIndex {
            warn("\(error); reading the files. Once it is built (or after 'pacta index'), commands read it.")
        } else {
            warn("the index \(path) cannot be read (\(SQLiteIndex.plainWords(error))); reading the files.")
        }
    }

    /// The corpus from a fresh index: the treaties `stored` reads from it (default: every treaty it holds),
    /// decoded, and the files it left out read as far as they can be; `nil` (with a warning) where it cannot be
    /// read.
    private func fromIndex(
        _ fresh: FreshIndex, stored: (SQLiteIndex) throws -> [Treaty] = { try $0.storedTreaties() }
    ) -> (Corpus, Set<String>)? {
        let folder = corpusPath
        do {
            let context = try CorpusLoader().context(directory: folder)
            var treaties = try stored(fresh.index)
            let known = Set(treaties.map(\.id))
            treaties += faultyTreaties(fresh, entities: context.entities, regions: context.regions).filter {
                !known.contains($0.id)
            }
            let corpus = Corpus(
                treaties: treaties, entities: context.entities, regions: context.regions,
                scope: context.scope, successions: context.successions)
            return (corpus, fresh.faultyIDs)
        } catch {
            Self.warnUnreadable(fresh.path, error)
            return nil
        }
    }

    /// The treaties of the files the index left out, read as far as they can be (as without an index: one answer,
    /// index or not; the index's treaty wins where it holds the same id).
    private func faultyTreaties(
        _ fresh: FreshIndex, entities: [PartyCode: Corpus.Entity], regions: [String: Region]
    ) -> [Treaty] {
        let folder = corpusPath
        let reader = TreatyFileReader(organisations: Set(entities.keys), regions: Set(regions.keys))
        return fresh.faultyFiles.compactMap { name -> Treaty? in
            guard let text = try? CorpusFiles.text(ofFile: "\(folder)/\(name)") else { return nil }
            return reader.read(text: text, file: "\(folder)/\(name)").treaty
        }
    }

    /// Every treaty's line of `pacta list` on `date` (as known on `asKnownOn`, where given) from a fresh index's
    /// list steps (``Questions/list(on:asKnownOn:from:faulty:faultyFiles:successions:most:)``), decoding only the
    /// treaties the engine computes, and `render` of those lines: both done while the folder's files are looked at
    /// (on other threads), and kept where the index proves fresh. `nil` where there is no fresh index (with a
    /// warning that says why, as ``freshIndex()`` gives it), and, with a note on standard error, where the engine
    /// would compute more than a quarter of the treaties (the index lacks their steps, or they have records after
    /// `asKnownOn`) or a succession of the corpus's table comes after `asKnownOn`: the whole corpus is then read.
    /// - Returns: what `render` made of the lines, or the fresh index (`nil`: none) to read the whole corpus from.
    /// - Throws: what `render` throws.
    func storedList<Rendered>(
        on date: CalendarDate, asKnownOn: CalendarDate? = nil, render: ([ListEntry]) throws -> Rendered
    ) throws -> Result<
        Rendered, FreshIndexOrNone
    > {
        let folder = corpusPath
        guard
            let (fresh, outcome) = freshIndex(alongside: { fresh in
                Result { () -> Result<Rendered, StoredListError> in
                    let stored = try fresh.index.storedList(on: date)
                    let context = try CorpusLoader().context(directory: folder)
                    let faulty = faultyTreaties(fresh, entities: context.entities, regions: context.regions)
                    guard
                        let list = try Questions.list(
                            on: date, asKnownOn: asKnownOn, from: StoredListReader(index: fresh.index, stored: stored),
                            faulty: faulty,
                            faultyFiles: fresh.faultyIDs, successions: context.successions,
                            most: max(1_000, stored.count / 4))
                    else { return .failure(.lacksSteps) }
                    do { return .success(try render(list.entries)) } catch { return .failure(.render(error)) }
                }
            })
        else { return .failure(FreshIndexOrNone(index: nil)) }
        switch outcome {
        case .success(.success(let rendered)):
            return .success(rendered)
        case .success(.failure(.lacksSteps)):
            note(
                asKnownOn.map {
                    "what was recorded after \($0) (--as-known-on) concerns many treaties, or the corpus's successions; every treaty is read and computed."
                }
                    ?? "the index \(fresh.path) lacks the list rows of many treaties; reading every treaty. Run 'pacta index' to store them."
            )
            return .failure(FreshIndexOrNone(index: fresh))
        case .success(.failure(.render(let error))):
            throw error
        case .failure(let error):
            Self.warnUnreadable(fresh.path, error)
            return .failure(FreshIndexOrNone(index: nil))
        }
    }

    /// Why ``storedList(on:render:)`` gives no lines from the index, or failed to render them.
    private enum StoredListError: Error {
        case lacksSteps
        case render(any Error)
    }

    /// Where ``storedList(on:render:)`` gives no lines: the fresh index to read the whole corpus from, if any.
    struct FreshIndexOrNone: Error {
        let index: FreshIndex?
    }

    /// The questions over the corpus (from the index when it is fresh), with the faulty files noted.
    /// - Throws: ``CLIError`` where the folder cannot be read at all.
    func questions() throws -> Questions { try questions(index: freshIndex()) }

    /// ``questions()`` from `index` (``freshIndex()``) where given, else from the files.
    func questions(index: FreshIndex?) throws -> Questions {
        let (corpus, faulty) = try loadNotingFaults(index: index)
        return Questions(corpus: corpus, faulty: faulty)
    }

    /// The questions over the treaties `stored` reads from a fresh index: a subset of the corpus chosen so that the
    /// question asked has the whole corpus's answer (with the files the index left out, read as far as they can
    /// be). Without a fresh index, the whole corpus as ``questions()`` reads it.
    /// - Throws: ``CLIError`` where the folder cannot be read at all.
    func questions(reading stored: (SQLiteIndex) throws -> [Treaty]) throws -> Questions {
        if let fresh = freshIndex(), let (corpus, faulty) = fromIndex(fresh, stored: stored) {
            return Questions(corpus: corpus, faulty: faulty)
        }
        return try questions(index: nil)
    }

    /// The questions about alliances and duties (`allies`, `scenario`, `export dyads`): from a fresh index, only
    /// the treaties with coded provisions and those they need are decoded (``SQLiteIndex/storedProvisionTreaties()``):
    /// no other treaty can give an ally, a duty or a row of their coverage, so the answers are those of the whole
    /// corpus, at the cost of those treaties.
    func provisionQuestions() throws -> Questions { try questions(reading: { try $0.storedProvisionTreaties() }) }

    /// The questions of the depositary's calendar from `from` through `through` (`upcoming`): from a fresh index,
    /// only the treaties with a computed date in the window (or the nearest ones outside it), those whose dates
    /// the index does not keep, and those they need are decoded (``SQLiteIndex/storedCalendarTreaties(from:through:)``),
    /// so the calendar is the whole corpus's at the cost of those treaties.
    func calendarQuestions(from: CalendarDate, through: CalendarDate) throws -> Questions {
        try questions(reading: { try $0.storedCalendarTreaties(from: from, through: through) })
    }

    /// The questions of `pacta compare` with the data set `key` (`cow`, `atop`, `manydata`): from a fresh index,
    /// only the treaties whose references name that data set and those they need are decoded
    /// (``SQLiteIndex/storedReferringTreaties(to:)``): the comparison matches no other treaty.
    func comparisonQuestions(dataSet key: String) throws -> Questions {
        try questions(reading: { try $0.storedReferringTreaties(to: key) })
    }

    /// The questions about one treaty: from a fresh index, only that treaty and those its conditions wait for
    /// are decoded (an answer about one treaty does not cost the whole corpus); otherwise, or where `name` is not
    /// a stored id (an alias, a title), the whole corpus as ``questions()`` reads it.
    func questions(about name: String) throws -> Questions {
        let folder = corpusPath
        let path = indexPath
        // Only the files this answer reads are checked: the treaty's, those its conditions wait for, and the
        // corpus's other files; the rest of the folder is not even listed.
        if FileManager.default.fileExists(atPath: path), let index = try? SQLiteIndex(readingOnly: path),
            let files = try? index.storedFiles(closureOf: name) ?? index.storedFiles(closureOf: name.lowercased()),
            let other = try? index.storedOtherHashes(),
            let stored = Optional(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.hash) })),
            let current = try? Indexer(corpus: folder).fingerprints(of: Array(stored.keys), known: stored),
            current == stored,
            let context = try? Indexer(corpus: folder).fingerprints(
                of: Indexer.contextFiles, known: other.filter { Indexer.contextFiles.contains($0.key) }),
            context == other.filter({ Indexer.contextFiles.contains($0.key) }),
            let loaded = try? CorpusLoader().context(directory: folder)
        {
            let corpus = Corpus(
                treaties: files.map(\.treaty), entities: loaded.entities, regions: loaded.regions,
                scope: loaded.scope, successions: loaded.successions)
            return Questions(corpus: corpus)
        }
        return try questions()
    }

    /// The treaty a user names (id, alias or title), or an error that suggests the closest ids.
    func treaty(_ name: String, in questions: Questions) throws -> Treaty {
        do {
            return try questions.treaty(named: name)
        } catch let error as QuestionError {
            throw CLIError(
                error.description.replacingOccurrences(of: "in the corpus (", with: "in the corpus at \(corpusPath) ("))
        }
    }
}

extension CLIError {
    /// A question's error as the CLI says it, after the option that gave the input (`--party: ...`).
    init(_ error: QuestionError, option: String? = nil) {
        self.init((option.map { "\($0): " } ?? "") + error.description)
    }
}

extension Questions {
    /// ``party(_:)`` with the CLI's error, naming the option.
    func party(_ text: String, option: String) throws -> PartyCode {
        do { return try party(text) } catch let error as QuestionError { throw CLIError(error, option: option) }
    }

    /// ``state(_:)`` with the CLI's error, naming the option.
    func state(_ text: String, option: String?) throws -> PartyCode {
        do { return try state(text) } catch let error as QuestionError { throw CLIError(error, option: option) }
    }
}

/// A date option shared by the commands that compute a status.
struct DateOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The date asked about, YYYY-MM-DD. Default: today.", valueName: "date"),
        transform: CalendarDate.argument)
    var on: CalendarDate?

    @Option(
        name: .customLong("as-known-on"),
        help: ArgumentHelp(
            "Count only events recorded on or before this date (their 'recorded' date, else their date).",
            valueName: "date"), transform: CalendarDate.argument)
    var asKnownOn: CalendarDate?

    /// The date asked about: `--on`, else today (UTC), read once here and never inside an engine.
    var date: CalendarDate { on ?? Today.date }
}

/// Today's date in UTC, read from the system clock here, at the edge, never inside an engine.
enum Today {
    /// Read once per command run.
    static let date: CalendarDate = now()

    /// Read now (the server asks per request). `PACTA_TODAY=YYYY-MM-DD` in the environment stands in for the
    /// clock, so that tests and reproducible runs never depend on the day they run.
    /// The day in UTC is counted from the clock's seconds (a calendar and a time zone made per request were a
    /// thirtieth of a write's time in a server).
    static func now() -> CalendarDate {
        if let fixed { return fixed }
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return CalendarDate(ordinal: unixEpoch.ordinal + days)
    }

    /// `PACTA_TODAY`, read once (the environment is copied whole at each read).
    private static let fixed = ProcessInfo.processInfo.environment["PACTA_TODAY"].flatMap { CalendarDate(iso: $0) }

    /// 1970-01-01, where the clock's seconds start.
    private static let unixEpoch = CalendarDate(year: 1970, month: 1, day: 1)!
}

/// An error the CLI reports as one sentence, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An index's stored list lines already read (``CorpusOptions/storedList(on:)``), and the index for the rest.
private struct StoredListReader: ListStepsReader {
    let index: SQLiteIndex
    let stored: [(id: String, entry: ListEntry?)]

    func storedList(on date: CalendarDate) throws -> [(id: String, entry: ListEntry?)] { stored }
    func storedKnownAfter(_ day: CalendarDate) throws -> Set<String> { try index.storedKnownAfter(day) }
    func storedDependents(of ids: Set<String>) throws -> Set<String> { try index.storedDependents(of: ids) }
    func storedClosures(of ids: Set<String>) throws -> [Treaty] { try index.storedClosures(of: ids) }
}

/// A value computed on another thread, waited for when read.
private final class Pending<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once, before `group` is left, and read only after waiting for it.
    private var result: Result<Value, any Error>?
    private let group = DispatchGroup()

    init(_ compute: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async(group: group) { self.result = Result { try compute() } }
    }

    /// The value, once computed.
    /// - Throws: what computing it threw.
    func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}

/// A one-line warning on standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
}

/// A one-line note on standard error: how an answer was reached, where it is not the usual way.
func note(_ text: String) {
    FileHandle.standardError.write(Data("note: \(text)\n".utf8))
}

/// `bytes` (UTF-8) on standard output, ending with one line break (as ``emit(_:)``), written as they are: a list of
/// 250,000 treaties is 90 MB of JSON, which a `String` would check and copy once more.
func emit(bytes: [UInt8]) {
    // What `print` holds in its buffer goes first.
    fflush(nil)
    func write(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }  // a closed pipe: nothing more to say
            offset += count
        }
    }
    bytes.withUnsafeBytes(write)
    if bytes.last != UInt8(ascii: "\n") { [UInt8(ascii: "\n")].withUnsafeBytes(write) }
}

/// Standard output, as one write, ending with one line break (a text ending in CRLF, as iCalendar's, is left
/// as it is: "\r\n" is one Character, so the last byte is checked).
func emit(_ text: String) {
    print(text, terminator: text.utf8.last == UInt8(ascii: "\n") ? "" : "\n")
}
