import Foundation
import PactaCore
import PactaFormats

/// Paths and loaders shared by the test targets.
public enum Fixtures {
    /// The package's root folder.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped corpus folder.
    public static var corpusPath: String { packageRoot.appendingPathComponent("corpus").path }

    /// The shipped corpus, read once. Fails the caller's expectations through `diagnostics` when it has errors.
    public static let shipped: CorpusLoader.Result = {
        do {
            return try CorpusLoader().load(directory: corpusPath)
        } catch {
            fatalError("cannot read the shipped corpus at \(corpusPath): \(error)")
        }
    }()

    /// Real treaties kept out of the shipped corpus (`Tests/PactaFormatsTests/Fixtures/real-treaties`), read once.
    public static let realTreaties: CorpusLoader.Result = {
        let folder = packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures/real-treaties").path
        do {
            return try CorpusLoader().load(directory: folder)
        } catch {
            fatalError("cannot read the real treaties at \(folder): \(error)")
        }
    }()

    /// The corpus of ``realTreaties``.
    public static var realTreatiesCorpus: Corpus { realTreaties.corpus }

    /// The shipped corpus as read (entities, regions, successions and all).
    public static var shippedCorpusAsRead: Corpus { shipped.corpus }

    /// The shipped corpus with each treaty's events extended by `extra` (keyed by treaty id): a test corpus.
    public static func shippedCorpus(adding extra: [String: [Event]] = [:]) -> Corpus {
        let treaties = shipped.corpus.treaties.map { treaty -> Treaty in
            var copy = treaty
            copy.events += extra[treaty.id] ?? []
            return copy
        }
        return Corpus(treaties: treaties, entities: shipped.corpus.entities)
    }

    /// A date from `YYYY-MM-DD` text; traps on a typo in a test.
    public static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { fatalError("bad test date \(text)") }
        return date
    }

    /// Reads one treaty from YAML text, returning the treaty and the diagnostics.
    public static func read(_ yaml: String, file: String = "test.yaml", organisations: Set<PartyCode> = [])
        -> (treaty: Treaty?, diagnostics: [Diagnostic])
    {
        let result = TreatyFileReader(organisations: organisations).read(text: yaml, file: file)
        return (result.treaty, result.diagnostics)
    }

    /// Reads one treaty that must have no errors; traps otherwise, printing them.
    public static func treaty(_ yaml: String, organisations: Set<PartyCode> = []) -> Treaty {
        let (treaty, diagnostics) = read(yaml, organisations: organisations)
        guard let treaty, !diagnostics.contains(where: \.isError) else {
            fatalError("fixture has errors:\n" + diagnostics.map(\.description).joined(separator: "\n"))
        }
        return treaty
    }
}
