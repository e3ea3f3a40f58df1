import ArgumentParser
import Foundation
import PactaCore
import PactaFormats
import PactaQuestions
import PactaSQLite
import PactaStore

/// `pacta search`: full text in any language and script.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, headings, summaries and text, in any language and script.",
        discussion: """
            Traditional and Simplified Chinese find each other (條約 finds 条约); Russian is found in \
            any case and with ё or е; one- and two-character Chinese and Korean queries work. Uses the \
            index (refreshing it first when files changed).

            The words after 'search' form the query, quoted or not.

            Examples:
              pacta search "军事援助"
              pacta search military assistance
              pacta search "ДОГОВОР" --lang ru
              pacta search "mutual assistance" --format json
            """)

    @Argument(help: ArgumentHelp("The words to search for (quoted or not).", valueName: "words"))
    var words: [String] = []

    /// The query: every word given, separated by spaces.
    var query: String { words.joined(separator: " ") }

    @Option(
        name: .long,
        help: ArgumentHelp("Only texts in this language (BCP 47: ru, ko, zh, zh-Hant, en).", valueName: "tag"))
    var lang: String?

    @Option(name: .long, help: "The most results.")
    var limit: Int = 20

    @OptionGroup var options: CorpusOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !words.isEmpty else {
            throw ValidationError("Give the words to search for: pacta search military assistance")
        }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000.") }
        guard !SearchText.terms(query).isEmpty else { throw ValidationError("The query has no word to search for.") }
    }

    func run() async throws {
        let folder = try options.existingCorpusFolder()
        let hits: [SearchHit]
        do {
            let index = try SQLiteIndex(path: options.indexPath)
            let report = try await Indexer(corpus: folder).refresh(index)
            if report.changed {
                let read = report.added.count + report.updated.count
                let removed = report.removed.count
                FileHandle.standardError.write(
                    Data(
                        "note: index refreshed (\(read) file\(read == 1 ? "" : "s") read, \(removed) removed)\n".utf8
                    ))
            }
            hits = try await index.search(query, language: lang, limit: limit)
        } catch {
            // An index that cannot be opened or written (not a Pacta index, a read-only folder): the same search
            // over the files, as every other command falls back, with the reason.
            warn(
                "the index \(options.indexPath) cannot be used (\(SQLiteIndex.plainWords(error))); searching the files. If that file is not a Pacta index, delete it or give another path with --db; where the folder cannot be written, give a writable path with --db."
            )
            hits = try await options.questions(index: nil).search(query, language: lang, limit: limit)
        }
        switch output.format {
        case .json:
            emit(try JSONOutput.string(SearchResultDocument(query: query, language: lang, hits: hits)))
        case .text:
            var out = [
                hits.isEmpty
                    ? "No result for \(query)\(lang.map { " in language \($0)" } ?? ""). Fewer or shorter words find more (search matches the beginnings of words)."
                    : "\(hits.count) result\(hits.count == 1 ? "" : "s") for \(query):"
            ]
            let terminal = isatty(STDOUT_FILENO) != 0
            for hit in hits {
                let article = hit.document.article.map { " art. \($0)" } ?? ""
                out.append("")
                out.append(
                    "\(hit.document.treaty)\(article) · \(hit.document.field.rawValue) · \(hit.document.language)")
                out.append(
                    "  "
                        + hit.snippet.marked(open: terminal ? "\u{1B}[1;33m" : "[", close: terminal ? "\u{1B}[0m" : "]")
                )
            }
            emitText(out.joined(separator: "\n"))
        }
    }
}
