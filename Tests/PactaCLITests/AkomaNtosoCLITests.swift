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
        let imported = try await run(["import", "akn", xml.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("Read 23 articles in ru into"))
        let second = try await run(["export", "akn", "ru-kp-2024-partnership", "--lang", "ru"])
        #expect(second.stdout == first.stdout)
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
}
