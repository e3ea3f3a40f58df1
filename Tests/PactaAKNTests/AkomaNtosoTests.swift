import Foundation
import PactaAKN
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

/// The Akoma Ntoso 3.0 export and import of a treaty's text.
@Suite struct AkomaNtosoTests {
    /// The OASIS schema (CC BY 4.0), kept with the tests so that no network or outside folder is needed.
    static let schema = Fixtures.packageRoot
        .appendingPathComponent("Tests/PactaAKNTests/Schemas/akoma-ntoso-3.0/akomantoso30.xsd").path
    static let generated = Fixtures.date("2026-12-05")

    func treaty(_ id: String) throws -> Treaty { try #require(Fixtures.shipped.corpus[id]) }

    /// xmllint's verdict on `xml` against the OASIS schema: its output, and whether it validates.
    func validate(_ xml: String) async throws -> (ok: Bool, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("akn-\(UUID()).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try await Program.run(
            Requirements.xmllint ?? "/usr/bin/xmllint", ["--noout", "--schema", Self.schema, file.path],
            joiningErrors: true)
        return (run.status == 0, run.stdout)
    }

    @Test(.enabled(if: Requirements.xmllintTestsRun, Comment(rawValue: Requirements.xmllintSkipped)))
    func theRussiaDPRKTreatyValidatesAgainstTheOASISSchema() async throws {
        for language in ["en", "ru", "ko"] {
            let xml = try AkomaNtoso.document(
                try treaty("ru-kp-2024-partnership"), language: language, generated: Self.generated)
            let verdict = try await validate(xml)
            #expect(verdict.ok, "\(language): \(verdict.output)")
        }
        // A text with paragraphs (and a summary beside them) validates too: paragraphs and an intro.
        var withText = try treaty("ru-kp-2024-partnership")
        withText.text?.articles[3].paragraphs = [["en": "First paragraph."], ["en": "Second paragraph."]]
        withText.text?.preamble = ["en": "The parties,\n\nconsidering ..."]
        let verdict = try await validate(try AkomaNtoso.document(withText, language: "en", generated: Self.generated))
        #expect(verdict.ok, "\(verdict.output)")
    }

    /// The validation is real: a document with an element the schema does not allow fails.
    @Test(.enabled(if: Requirements.xmllintTestsRun, Comment(rawValue: Requirements.xmllintSkipped)))
    func aBrokenDocumentFailsTheSchema() async throws {
        let xml = try AkomaNtoso.document(
            try treaty("ru-kp-2024-partnership"), language: "en", generated: Self.generated
        ).replacingOccurrences(of: "<num>4</num>", with: "<number>4</number>")
        #expect(try await validate(xml).ok == false)
    }

    @Test func whatTheDocumentSays() throws {
        let xml = try AkomaNtoso.document(
            try treaty("ru-kp-2024-partnership"), language: "ru", generated: Self.generated)
        #expect(xml.contains(#"<FRBRthis value="/akn/un/act/treaty/2024-06-19/ru-kp-2024-partnership/!main" />"#))
        #expect(xml.contains(#"<FRBRlanguage language="rus" />"#))
        // Russian is an authentic language of the treaty; the summaries are marked as the corpus's, not its text.
        #expect(xml.contains(#"<FRBRauthoritative value="true" />"#))
        #expect(xml.contains(##"<p refersTo="#pactaSummary">Взаимная оборона: если одна сторона"##))
        #expect(xml.contains(#"showAs="summary (Pacta corpus)""#))
        #expect(throws: AkomaNtoso.Failure.self) {
            try AkomaNtoso.document(try treaty("ru-kp-2024-partnership"), language: "xx", generated: Self.generated)
        }
    }

    /// Export → import → export gives the same bytes, and the text read back is the file's text in that language.
    @Test func exportImportExportIsByteIdentical() throws {
        let original = try treaty("ru-kp-2024-partnership")
        for language in ["en", "ru", "ko", "zh-Hans"] {
            let first = try AkomaNtoso.document(original, language: language, generated: Self.generated)
            let reading = try AkomaNtoso.read(Data(first.utf8))
            #expect(reading.treaty == "ru-kp-2024-partnership")
            #expect(reading.language == language)
            var reimported = original
            reimported.text = TreatyTextYAML.merging(
                reading.text, language: language, into: original.text ?? TreatyText())
            #expect(reimported.text == original.text, "\(language)")
            let second = try AkomaNtoso.document(reimported, language: language, generated: Self.generated)
            #expect(first == second, "\(language)")
        }
    }

    /// A document over 10 MB is refused by its size, before the XML parser (which calls a text over 10 MB in one
    /// element "not well-formed"), and a document just under it is read.
    @Test func aDocumentOverTenMegabytesIsRefusedByItsSize() throws {
        let document = try AkomaNtoso.document(
            try treaty("ru-kp-2024-partnership"), language: "en", generated: Self.generated)
        // Blank space after the root element keeps the document well-formed at any size.
        let padding = AkomaNtoso.largestDocument - document.utf8.count
        let under = try AkomaNtoso.read(Data((document + String(repeating: " ", count: padding)).utf8))
        #expect(under.treaty == "ru-kp-2024-partnership")
        do {
            _ = try AkomaNtoso.read(Data((document + String(repeating: " ", count: padding + 1)).utf8))
            Issue.record("a document of 10,000,001 bytes was read")
        } catch let failure as AkomaNtoso.Failure {
            #expect(
                failure.description.hasPrefix(
                    "the file is 10000001 bytes, more than the 10000000 bytes (10 MB) Pacta reads in one Akoma Ntoso document"
                ))
        }
    }

    /// The text block written into a treaty file reads back as the same text, and nothing else in the file
    /// changes.
    @Test func theTextBlockWrittenIntoAFileReadsBack() throws {
        let path = Fixtures.corpusPath + "/ru-kp-2024-partnership.yaml"
        let file = try String(contentsOfFile: path, encoding: .utf8)
        let original = try treaty("ru-kp-2024-partnership")
        let block = try TreatyTextYAML.block(try #require(original.text))
        let updated = TreatyTextYAML.replacingText(in: file, with: block)
        let read = TreatyFileReader(organisations: ["org:un"]).read(text: updated, file: path)
        #expect(read.diagnostics.filter(\.isError).isEmpty)
        #expect(read.treaty?.text == original.text)
        let before = file.components(separatedBy: "\ntext:")[0]
        #expect(updated.hasPrefix(before + "\ntext:"))
    }
}
