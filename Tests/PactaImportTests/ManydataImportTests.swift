import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing
import PactaTables

@testable import PactaImport

/// `pacta import manydata`'s library: faulty rows refused one by one with file:row:column, the files it writes
/// accepted by the checks, and the same bytes from the same table.
@Suite struct ManydataImportTests {
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/PactaImportTests/Fixtures")
    static let importer = ManydataImport(configuration: .init(dataSet: "test", version: "1", url: nil))

    /// A fresh folder under the temporary directory.
    static func folder() -> String {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "pacta-import-\(UUID().uuidString)")
        return url.path
    }

    // MARK: - Dates and codes

    @Test func datesInManydataWriting() {
        #expect(DateValue.parse("16.09.1987") == .day(Fixtures.date("1987-09-16")))
        #expect(DateValue.parse("NA") == .unknown)
        #expect(DateValue.parse("31.12.9999") == .open)
        #expect(DateValue.parse("29.02.2000") == .day(Fixtures.date("2000-02-29")))
        for text in ["29.02.2001", "31.02.1990", "0001-01-01", "2010-02-29", "", "1.1.1990", "00.01.1990"] {
            #expect(DateValue.parse(text) == nil, "\(text)")
        }
        #expect(
            Cells.dateFault(column: "stateRat", text: "31.02.1990") == "stateRat: the date 31.02.1990 does not exist")
        #expect(
            Cells.dateFault(column: "stateRat", text: "0001-01-01")
                == "stateRat: '0001-01-01' is not a date; expected dd.mm.yyyy, NA (unknown) or 31.12.9999 (open-ended)")
    }

    @Test func codes() {
        #expect(Entities.code(for: "FRA")?.code == "FRA")
        #expect(Entities.code(for: "DDR")?.code == "DDR")  // former, ISO 3166-3
        #expect(Entities.code(for: "EUU")?.code == "org:eu")
        #expect(Entities.code(for: "IO-IAEA")?.code == "org:iaea")
        #expect(Entities.code(for: "Bayern") == nil)
        #expect(Entities.code(for: "XKX") == nil)
        #expect(Entities.code(for: "fra") == nil)
    }

    // MARK: - Bad rows

    @Test func eachBadRowIsRefusedWithItsPlaceAndTheOthersImport() throws {
        let path = Self.fixtures.appendingPathComponent("bad-rows.csv").path
        let output = try Self.importer.run(memberships: path)
        let file = path
        #expect(
            output.refusals.map(\.description) == [
                "\(file):4:10: stateRat: the date 31.02.1990 does not exist",
                "\(file):5:3: stateID 'Bayern' is not an ISO 3166-1 alpha-3 code, a former code ISO 3166-3 keeps, or an organisation the import knows; the treaty format cannot declare another State (docs/import.md)",
                "\(file):6:12: stateWithdrawal 01.01.1994 is before stateRat 01.01.1995: the membership ends before it starts",
                "\(file):7:6: column 'End' is missing: the row has 5 fields, the header 15",
            ])
        #expect(output.refusals.map(\.reason) == [.invalidDate, .unknownCode, .outOfOrder, .missingColumn])
        #expect(output.rowsRead == 8)
        #expect(output.rowsImported == 4)
        #expect(output.files.map(\.name) == ["testag-1990a.yaml", "entities.yaml"])
        let text = output.files[0].text
        for line in [
            "id: testag-1990a",
            "references: {manydata: TESTAG_1990A}",
            "record: partial",
            "documented: {entry-into-force: 1991-06-01, source: manydata}",
            "  - {id: testag-1990a-fra-sig, date: 1990-02-01, type: signature, party: FRA, source: manydata, note: \"manydata row TESTAG_1990A FRA\"}",
            "  - {id: testag-1990a-ddr-con, date: 1990-06-01, type: consent, form: ratification, party: DDR, source: manydata, note: \"manydata row TESTAG_1990A DDR (stateRat); in force for it on 1991-06-01 (stateForce)\"}",
            "  - {id: testag-1990a-fra-con, date: 1991-03-15, type: consent, form: ratification, party: FRA, source: manydata, note: \"manydata row TESTAG_1990A FRA (stateRat); in force for it on 1991-06-01 (stateForce)\"}",
            "  - {id: testag-1990a-org-eu-con, date: 1991-12-20, type: consent, form: acceptance, party: \"org:eu\", source: manydata, note: \"manydata row TESTAG_1990A EUU (Acceptance); in force for it on 1991-12-20 (stateForce)\"}",
            "  - {id: testag-1990a-deu-con, date: 1992-10-10, type: consent, form: accession, party: DEU, source: manydata, note: \"manydata row TESTAG_1990A DEU (Accession); in force for it on 1992-10-10 (stateForce)\"}",
        ] {
            #expect(text.split(separator: "\n").contains(Substring(line)), "\(line)")
        }
        // The GDR's end in 1990 is its unification with the Federal Republic, not a denunciation.
        #expect(!text.contains("type: denunciation"))
        #expect(text.contains("The data set ends DDR's membership on 1990-10-03 (stateWithdrawal)"))
        #expect(text.contains("Rows of the data set not imported (see the import's summary): Bayern, ESP, ITA, NLD."))
        #expect(
            output.files[1].text.hasSuffix(
                "org:eu: {names: {en: \"European Union\"}, kind: regional-economic-integration-organisation}\n"))
        let summary = output.summary(written: 2)
        #expect(
            summary == """
                8 rows read, 4 imported into 1 treaty files (2 written, 0 unchanged), 4 refused.
                  1 refused: missing column (the row has fewer fields than the header)
                  1 refused: date that does not exist or is not dd.mm.yyyy
                  1 refused: stateID that is not an ISO 3166 code or a known organisation
                  1 refused: dates out of order (an act before the adoption, or an end before its start)
                """)
    }

    @Test func aTableWithoutARequiredColumnImportsNothing() throws {
        let path = Self.fixtures.appendingPathComponent("no-state-column.csv").path
        #expect(throws: ManydataImport.ImportError.self) { try Self.importer.run(memberships: path) }
        do {
            _ = try Self.importer.run(memberships: path)
        } catch let error as ManydataImport.ImportError {
            #expect(
                error.description
                    == "\(path):1:7: the header has no column 'stateID'; a manydata memberships table has manyID, stateID, Title, Begin, Signature, Force (see docs/import.md)"
            )
        }
    }

    /// A row with values past the header's last column may be shifted (a comma inside a title that is not
    /// quoted): refused, while empty trailing fields are harmless; a header that names a column twice stops the
    /// import.
    @Test func extraFieldsAreRefusedAndATwiceNamedColumnStopsTheImport() throws {
        let header = "manyID,stateID,Title,Begin,Signature,Force,stateSignature,stateRat\n"
        let table =
            header
            + "TEST_1990A,FRA,Test Treaty,01.01.1990,01.01.1990,01.06.1990,01.01.1990,01.03.1990\n"
            + "TEST_1990A,DEU,Test, Treaty,01.01.1990,01.01.1990,01.06.1990,01.01.1990,01.03.1990\n"
            + "TEST_1990A,ITA,Test Treaty,01.01.1990,01.01.1990,01.06.1990,01.01.1990,01.04.1990,,\n"
        let output = try Self.importer.run(membershipsText: table, file: "t.csv")
        #expect(
            output.refusals.map { "\($0.row):\($0.column): \($0.message)" } == [
                "3:9: the row has 9 fields, the header 8: its values may be shifted (a comma inside a value that is not quoted?); quote the value and import again"
            ])
        #expect(output.refusals.first?.reason == .extraFields)
        #expect(throws: ManydataImport.ImportError.self) {
            try Self.importer.run(membershipsText: "manyID,stateID,Title,Begin,Signature,Force,manyID\n", file: "t.csv")
        }
        do {
            _ = try Self.importer.run(
                membershipsText: "manyID,stateID,Title,Begin,Signature,Force,manyID\n", file: "t.csv")
        } catch let error as ManydataImport.ImportError {
            #expect(
                error.description
                    == "t.csv:1:7: the header names the column 'manyID' twice; keep one of them (the import would not know which to read)"
            )
        }
    }

    // MARK: - Written files

    @Test func importingTwiceWritesTheSameBytes() throws {
        let path = Self.fixtures.appendingPathComponent("bad-rows.csv").path
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try Self.importer.run(memberships: path)
        #expect(try ManydataImport.write(first, to: folder) == 2)
        let bytes = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent($0))
        }
        let second = try Self.importer.run(memberships: path)
        #expect(second.files == first.files)
        #expect(try ManydataImport.write(second, to: folder) == 0)
        let again = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent($0))
        }
        #expect(again == bytes)
        // And the folder checks.
        let loaded = try CorpusLoader().load(directory: folder)
        #expect(loaded.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(loaded.corpus.treaties.map(\.id) == ["testag-1990a"])
    }
}
