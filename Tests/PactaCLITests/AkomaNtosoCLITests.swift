import Foundation
import PactaTestSupport
import Testing

/// `pacta export akn` and `pacta import akn` as a user runs them.
@Suite struct AkomaNtosoCLITests {
    @Test func exportImportExportThroughTheCommands() async throws {
        let folder = TestFolder.url("akn")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["ru-kp-2024-partnership.yaml", "entities.yaml", "regions.yaml"] {
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/\(name)", toPath: folder.appendingPathComponent(name).path)
        }
        let environment = ["PACTA_TODAY": "2026-12-05"]
        func run(_ arguments: [String]) async throws -> CLI.Output {
            try await CLI.run(arguments + ["--corpus", folder.path], environment: environment)
        }
        let first = try await run(["export", "akn", "ru-kp-2024-partnership", "--lang", "ru"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(#"<FRBRlanguage language="rus" />"#))
        let xml = folder.appendingPathComponent("treaty.xml")
        try first.stdout.write(to: xml, atomically: true, encoding: .utf8)
        // The document as exported brings nothing new: the file is left as it is.
        let unchanged = try await run(["import", "akn", xml.path])
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        #expect(unchanged.stderr.contains("already holds this text in ru; the file is unchanged."))
        // A paragraph given to art. 1 is read in, and the next export carries it.
        let edited = first.stdout.replacingOccurrences(
            of: "<p></p>", with: "<p>Изменено.</p>", options: [], range: first.stdout.range(of: "<p></p>"))
        #expect(edited != first.stdout)
        try edited.write(to: xml, atomically: true, encoding: .utf8)
        let imported = try await run(["import", "akn", xml.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("Read 23 articles in ru into"))
        let second = try await run(["export", "akn", "ru-kp-2024-partnership", "--lang", "ru"])
        #expect(second.stdout.contains("Изменено."))
        let third = try await run(["import", "akn", xml.path])
        #expect(third.stderr.contains("the file is unchanged."), "\(third.stderr)")
        let checked = try await run(["check", folder.appendingPathComponent("ru-kp-2024-partnership.yaml").path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        // A document for a treaty the folder lacks is refused with a sentence, and --print shows its text block.
        let other = first.stdout.replacingOccurrences(of: "ru-kp-2024-partnership", with: "xx-yy-2030-none")
        try other.write(to: xml, atomically: true, encoding: .utf8)
        let refused = try await run(["import", "akn", xml.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("is the text of 'xx-yy-2030-none', but"))
        let printed = try await run(["import", "akn", xml.path, "--print"])
        #expect(printed.stdout.hasPrefix("text:\n  articles:\n"))
    }

    /// A treaty whose file names an organisation (the VCLT's depositary, org:un) imports its text as the corpus
    /// reads it, with the organisations entities.yaml declares; a file that is not XML is refused in plain words.
    @Test func aTreatyNamingAnOrganisationImportsAndJunkIsRefusedInWords() async throws {
        let folder = TestFolder.url("akn-org")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["vclt-1969.yaml", "entities.yaml", "regions.yaml"] {
            try FileManager.default.copyItem(
                atPath: "\(Fixtures.corpusPath)/\(name)", toPath: folder.appendingPathComponent(name).path)
        }
        func run(_ arguments: [String]) async throws -> CLI.Output {
            try await CLI.run(arguments + ["--corpus", folder.path], environment: ["PACTA_TODAY": "2026-12-05"])
        }
        let exported = try await run(["export", "akn", "vclt-1969"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let xml = folder.appendingPathComponent("vclt.xml")
        try exported.stdout.write(to: xml, atomically: true, encoding: .utf8)
        // The same text again, or the text the file holds: the file is left byte for byte.
        let before = try String(contentsOf: folder.appendingPathComponent("vclt-1969.yaml"), encoding: .utf8)
        let imported = try await run(["import", "akn", xml.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("already holds this text in en; the file is unchanged."), "\(imported.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("vclt-1969.yaml"), encoding: .utf8) == before)
        // A document whose treaty id would name a file outside the corpus is refused.
        let outside = exported.stdout.replacingOccurrences(
            of: #"<FRBRalias value="vclt-1969" name="pacta-id" />"#,
            with: #"<FRBRalias value="../victim" name="pacta-id" />"#)
        #expect(outside != exported.stdout)
        try outside.write(to: xml, atomically: true, encoding: .utf8)
        let traversal = try await run(["import", "akn", xml.path])
        #expect(traversal.status == 1)
        #expect(
            traversal.stderr.contains(
                "the document names the treaty '../victim', which is not a treaty id (lower-case letters, digits and hyphens)"
            ), "\(traversal.stderr)")
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.deletingLastPathComponent().appendingPathComponent("victim.yaml").path))
        for (content, message) in [
            ("", "the file is empty; an Akoma Ntoso act document is XML"),
            (
                "\u{01}\u{02}not xml at all",
                "not an Akoma Ntoso act document Pacta can read: the file is not well-formed XML"
            ),
        ] {
            try content.write(to: xml, atomically: true, encoding: .utf8)
            let refused = try await run(["import", "akn", xml.path])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
            #expect(
                !refused.stderr.contains("Domain") && !refused.stderr.contains("DecodingError"), "\(refused.stderr)")
        }
    }

    /// A treaty whose file records no article has no Akoma Ntoso act (its body would be empty, which the schema
    /// refuses): the export says so instead of writing a document that does not validate.
    @Test func aTreatyWithoutArticlesIsNotExported() async throws {
        let out = try await CLI.run(["export", "akn", "new-start-2010"])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(
            out.stderr.contains(
                "new-start-2010 records no article of its text (the file's text: block), and an Akoma Ntoso act holds at least one"
            ), "\(out.stderr)")
    }
}
