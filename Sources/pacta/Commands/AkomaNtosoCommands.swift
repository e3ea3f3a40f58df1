import ArgumentParser
import Foundation
import PactaAKN
import PactaCore
import PactaFormats
import PactaQuestions

/// `pacta export akn`: a treaty's text as an Akoma Ntoso 3.0 document.
struct ExportAKNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "akn",
        abstract: "A treaty's text and structure as an Akoma Ntoso 3.0 (OASIS LegalDocML) act document.",
        discussion: """
            Writes the treaty's title, preamble and articles (number, heading, paragraphs) in one language, with \
            FRBR metadata: the Work named by the treaty's id and date of signature or adoption, the Expression \
            by language (ISO 639-2), the Manifestation dated today (PACTA_TODAY in tests). A summary in the \
            corpus's own words is marked as such (refersTo="#pactaSummary"), never as the treaty's text. The \
            document validates against the OASIS schema:
              xmllint --noout --schema akomantoso30.xsd ru-kp-2024-partnership.xml

            Examples:
              pacta export akn ru-kp-2024-partnership > ru-kp-2024-partnership.xml
              pacta export akn ru-kp-2024-partnership --lang ru
            """)

    @Argument(help: ArgumentHelp("The treaty: id, title or alias.", valueName: "treaty")) var treaty: String
    @Option(name: .long, help: ArgumentHelp("The language (BCP 47). Default: en.", valueName: "lang"))
    var lang = "en"
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let found = try options.questions(about: treaty).treaty(named: treaty)
        // An act's body holds at least one article (the schema has it so): without any, there is no document.
        guard !(found.text?.articles ?? []).isEmpty else {
            throw CLIError(
                "\(found.id) records no article of its text (the file's text: block), and an Akoma Ntoso act holds at least one; add the articles (docs/treaty-format.md#text), or import them with 'pacta import akn'."
            )
        }
        do {
            emit(try AkomaNtoso.document(found, language: lang, generated: Today.date))
        } catch let failure as AkomaNtoso.Failure {
            throw CLIError(failure.description)
        }
    }
}

/// `pacta import akn`: an Akoma Ntoso act document's text into the `text` of its treaty file.
struct ImportAKNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "akn",
        abstract: "Reads an Akoma Ntoso 3.0 act document into the text of its treaty's file.",
        discussion: """
            The document names its treaty (FRBRWork, alias pacta-id) and language (FRBRlanguage). Its preamble \
            and each article's heading, paragraphs and summary (a paragraph refersTo="#pactaSummary") replace \
            the file's texts in that language; other languages and every other line of the file are kept. The \
            file is checked after the change, and left as it was if the result has errors. --print writes the \
            new text: block to standard output instead of changing the file.

            Examples:
              pacta import akn ru-kp-2024-partnership.xml
              pacta import akn treaty.xml --print
            """)

    @Argument(help: ArgumentHelp("The Akoma Ntoso document.", valueName: "file")) var file: String
    @Flag(name: .long, help: "Print the text: block instead of changing the treaty file.") var print = false
    @OptionGroup var options: CorpusOptions

    func run() throws {
        let data = try InputFile.data(file)
        let reading: AkomaNtoso.Reading
        do { reading = try AkomaNtoso.read(data) } catch let failure as AkomaNtoso.Failure {
            throw CLIError("\(file): \(failure.description)")
        }
        let path = (options.corpusPath as NSString).appendingPathComponent("\(reading.treaty).yaml")
        guard let original = try? String(contentsOfFile: path, encoding: .utf8) else {
            if print {
                emit(try TreatyTextYAML.block(reading.text))
                return
            }
            throw CLIError(
                "\(file) is the text of '\(reading.treaty)', but \(path) does not exist; create the treaty first (pacta new) or use --print."
            )
        }
        // The file is read as the corpus reads it: with the organisations and regions its other files declare.
        let context = try? CorpusLoader().context(directory: options.corpusPath)
        let reader = TreatyFileReader(
            organisations: Set(context?.entities.keys ?? [:].keys), regions: context.map { Set($0.regions.keys) })
        let read = reader.read(text: original, file: path).treaty
        if let read, read.id != reading.treaty {
            throw CLIError(
                "\(file) is the text of '\(reading.treaty)', but \(path) holds the treaty '\(read.id)'; the file is unchanged."
            )
        }
        let current = read?.text ?? TreatyText()
        let merged = TreatyTextYAML.merging(reading.text, language: reading.language, into: current)
        let block = try TreatyTextYAML.block(merged)
        if print {
            emit(block)
            return
        }
        // A document that brings nothing new leaves the file as it is, byte for byte: the block would be written
        // in Pacta's layout, and a reviewer would see a diff that changes nothing.
        if merged == current {
            FileHandle.standardError.write(
                Data("\(path) already holds this text in \(reading.language); the file is unchanged.\n".utf8))
            return
        }
        let updated = TreatyTextYAML.replacingText(in: original, with: block)
        let check = reader.read(text: updated, file: path)
        let errors = check.diagnostics.filter(\.isError)
        guard errors.isEmpty else {
            throw CLIError(
                "the file would have errors; it is left as it was:\n"
                    + errors.map(\.description).joined(separator: "\n"))
        }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
        FileHandle.standardError.write(
            Data(
                "Read \(reading.text.articles.count) articles in \(reading.language) into \(path).\n".utf8))
    }
}
