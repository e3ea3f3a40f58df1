import ArgumentParser
import Foundation
import PactaCore
import PactaDesk
import PactaFormats

/// `pacta check [DIR]`: validates treaty files and reports every error, located.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate treaty files; report every error as file:line:col. Exit code 1 if any.",
        discussion: """
            Checks each file against the treaty-format spec: unknown fields, wrong types, missing \
            fields, dates that do not exist (2024-02-30), unknown party codes (ISO 3166-1 alpha-3, \
            former ISO 3166-3 codes, or org:<slug> declared in entities.yaml), event ids used twice \
            in the corpus, unknown source keys, events of a bilateral treaty for a State that is not \
            a negotiating State, and a consent before the State's signature where one is required \
            (in a file marked 'record: partial' a signature that was not found may be missing, but \
            one dated after the consent is still an error), a 'documented' entry into force that \
            the events do not give (in a file not marked 'record: partial'), and a consent's \
            'instrument-number' (the depositary's count: "the 60th instrument") that the recorded \
            deposits contradict.

            Examples:
              pacta check                 # the default corpus
              pacta check corpus/
              pacta check my-treaty.yaml --format json
            """)

    @Argument(help: ArgumentHelp("A corpus folder or one treaty file. Default: the corpus.", valueName: "path"))
    var path: String?

    @Flag(
        name: .long,
        help:
            "Treat warnings as errors (a consent by ratification, acceptance or approval without a recorded signature)."
    )
    var strict = false

    @OptionGroup var options: CorpusOptions
    @OptionGroup var output: OutputOptions

    struct Document: Encodable {
        let files: Int
        let treaties: Int
        let errors: [DiagnosticDocument]
        let warnings: [DiagnosticDocument]
    }

    func run() throws {
        var target = path ?? options.corpusPath
        // A treaty's id where a path was meant: its file in the corpus, where there is one.
        if let path, !FileManager.default.fileExists(atPath: path), Desk.isValidID(path),
            FileManager.default.fileExists(atPath: "\(options.corpusPath)/\(path).yaml")
        {
            target = "\(options.corpusPath)/\(path).yaml"
        }
        let result: CorpusLoader.Result
        do {
            result = try CorpusLoader().load(directory: target)
        } catch let diagnostic as Diagnostic {
            throw CLIError("cannot check \(diagnostic.file): \(diagnostic.message)")
        }
        // Under --strict a warning counts as an error.
        let diagnostics = result.diagnostics.map { diagnostic -> Diagnostic in
            var diagnostic = diagnostic
            if strict { diagnostic.severity = .error }
            return diagnostic
        }
        let errors = diagnostics.filter(\.isError)
        let warnings = diagnostics.filter { !$0.isError }
        switch output.format {
        case .json:
            emit(
                try JSONOutput.string(
                    Document(
                        files: result.files.count, treaties: result.corpus.treaties.count,
                        errors: errors.map(DiagnosticDocument.init), warnings: warnings.map(DiagnosticDocument.init))))
        case .text:
            for diagnostic in diagnostics { emit(diagnostic.description + "\n") }
            let count = errors.count
            let files = Set(result.files + diagnostics.map(\.file)).count
            let treaties = result.corpus.treaties.count
            let plural = { (n: Int, word: String) in "\(n) \(word)\(n == 1 ? "" : "s")" }
            let warned = warnings.isEmpty ? "" : ", \(plural(warnings.count, "warning"))"
            // A folder named like a treaty file (`d.yaml`, not `d.yaml/`) was likely meant as one.
            let name = target.hasSuffix("/") ? "" : target.split(separator: "/").last.map(String.init) ?? target
            let summary =
                files == 0 && diagnostics.isEmpty
                ? "\(target): no treaty file (.yaml, .yml or .json) in this folder\(CorpusFiles.isTreatyFile(name) ? ", which is a folder, not a treaty file" : ""); nothing was checked."
                : count == 0
                    ? "\(target): \(plural(files, "file")), \(plural(treaties, "treaty").replacingOccurrences(of: "treatys", with: "treaties")), no errors\(warned)."
                    : "\(target): \(plural(count, "error")) in \(Set(errors.map(\.file)).count) of \(plural(files, "file"))\(warned). Every field, event type and rule is described in docs/treaty-format.md."
            emit(summary)
        }
        if !errors.isEmpty { throw ExitCode(1) }
    }
}
