import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing
import PactaTables

@testable import PactaImport

/// The whole real HUGGO memberships table (manytreaties, CC BY 4.0; kept in Fixtures/manytreaties), imported as
/// `pacta import manydata` does, and a few treaties compared with HUGGO's own coding and with the UN's dates.
@Suite struct HUGGOImportTests {
    static let table = Fixtures.packageRoot
        .appendingPathComponent("Tests/PactaImportTests/Fixtures/manytreaties/HUGGO_MEM_env_reconciled.csv").path
    static let imported: (output: ManydataImport.Output, folder: String, loaded: CorpusLoader.Result)? = {
        guard FileManager.default.fileExists(atPath: table) else { return nil }
        let importer = ManydataImport(
            configuration: .init(dataSet: "HUGGO_MEM_env_reconciled", version: "manytreaties PR #37"))
        let output = try! importer.run(memberships: table)
        let folder = TestFolder.url("huggo")
            .path
        _ = try! ManydataImport.write(output, to: folder)
        return (output, folder, try! CorpusLoader().load(directory: folder))
    }()

    func status(_ id: String, on date: String) throws -> TreatyStatus {
        let loaded = try #require(Self.imported).loaded
        let treaty = try #require(loaded.corpus[id])
        return Lifecycle(corpus: loaded.corpus).status(of: treaty, on: Fixtures.date(date))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: table)))
    func theWholeTableImportsAndChecks() throws {
        let (output, _, loaded) = try #require(Self.imported)
        #expect(output.rowsRead == 7_377)
        #expect(output.rowsImported == 6_725)
        #expect(output.files.filter { !$0.id.isEmpty }.count == 134)
        #expect(output.files.last?.name == "entities.yaml")
        #expect(
            output.refusalsByReason.map { "\($0.count) \($0.reason)" } == [
                "432 severalTitles", "145 conflictingAgreement", "40 outOfOrder", "23 invalidDate", "5 duplicateState",
                "3 conflictingDates", "2 unknownCode", "2 nothingDated",
            ])
        #expect(output.rowsImported + output.refusals.count == output.rowsRead)
        // `pacta check` accepts the folder: no error, and every treaty read.
        #expect(loaded.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(loaded.corpus.treaties.count == 134)
        // Real faults, refused with their place.
        let messages = output.refusals.map(\.description)
        #expect(
            messages.contains(
                "\(Self.table):1064:3: stateID 'Bayern' is not an ISO 3166-1 alpha-3 code, a former code ISO 3166-3 keeps, or an organisation the import knows; the treaty format cannot declare another State (docs/import.md)"
            ))
        #expect(
            messages.contains(
                "\(Self.table):6580:11: stateForce: '2010-02-29' is not a date; expected dd.mm.yyyy, NA (unknown) or 31.12.9999 (open-ended)"
            ))
        #expect(messages.contains("\(Self.table):6607:10: stateRat 09.02.2001 is before stateSignature 23.04.2001"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: table)))
    func montrealProtocol() throws {
        let (output, _, loaded) = try #require(Self.imported)
        let found = loaded.corpus.treaties.filter {
            $0.title() == "Montreal Protocol On Substances That Deplete The Ozone Layer"
        }
        #expect(found.map(\.id) == ["mnsdol-1987p"])
        let file = try #require(output.files.first { $0.id == "mnsdol-1987p" })
        #expect(file.rows == 197)
        #expect(
            file.text.contains(
                "references: {manydata: MNSDOL_1987P, geng: MGENG-0402, ecolex: TRE-000953, iea: IEA-3021}"))
        let status = try status("mnsdol-1987p", on: "2000-01-01")
        // HUGGO's Force and the UN's date (UNTS vol. 1522, no. 26369): 1 January 1989.
        #expect(status.entryIntoForce?.description == "1989-01-01")
        #expect(status.status == .inForce)
        func row(_ code: String) -> String {
            guard let state = status.state(PartyCode(code)) else { return "none" }
            return
                "\(state.consent?.form.rawValue ?? "-") \(state.consent?.date.description ?? "-") in force \(state.entryIntoForce?.description ?? "-")"
        }
        // Canada ratified on 30 June 1988 (UN and HUGGO): in force with the Protocol on 1 January 1989.
        #expect(row("CAN") == "ratification 1988-06-30 in force 1989-01-01")
        // HUGGO codes the US instrument of 21 April 1988 as an acceptance (its Acceptance column); the UN's table
        // lists it as a ratification. Imported as HUGGO says.
        #expect(row("USA") == "acceptance 1988-04-21 in force 1989-01-01")
        // China acceded on 14 June 1991. Art. 16(3) puts the Protocol in force for it on the 90th day after, 12
        // September 1991, which HUGGO's stateForce and the UN give; the imported file has no final clauses (the
        // data set has none), so VCLT art. 24(3) gives the day of the accession. The note keeps HUGGO's date.
        #expect(row("CHN") == "accession 1991-06-14 in force 1991-06-14")
        #expect(
            file.text.contains(
                "note: \"manydata row MNSDOL_1987P CHN (Accession); in force for it on 1991-09-12 (stateForce)\""))
        // With the Protocol's own clause added to the file, the engine gives the UN's and HUGGO's date.
        let withClause = file.text + "rules:\n  later-consent: {after: entry-into-force, delay: {days: 90}}\n"
        let treaty = Fixtures.treaty(withClause, organisations: ["org:eu"])
        let computed = Lifecycle(corpus: loaded.corpus).status(of: treaty, on: Fixtures.date("2000-01-01"))
        #expect(computed.state("CHN")?.entryIntoForce?.description == "1991-09-12")
        #expect(computed.state("AFG")?.entryIntoForce == nil)  // accession of 2004, after `on`
        // Montenegro: HUGGO dates its succession notification 23 October 2006, but gives as its stateForce
        // Yugoslavia's date (1991-04-03, before Montenegro's independence on 3 June 2006).
        let later = try self.status("mnsdol-1987p", on: "2010-01-01").state("MNE")
        #expect(later?.consent?.form == .succession)
        #expect(later?.consent?.date.description == "2006-10-23")
        #expect(later?.entryIntoForce?.description == "2006-10-23")
        #expect(
            file.text.contains(
                "(Succession); in force for it on 1991-04-03 (stateForce); stateRat gives 1991-01-03, read as the predecessor's consent"
            ))
    }

    /// Two more treaties the UN Secretary-General keeps that HUGGO holds, against the UN Treaty Collection's
    /// status pages: the Basel Convention (MTDSG XXVII-3, in force 5 May 1992 under art. 25(1)) and the 1997
    /// Montreal Amendment to the Montreal Protocol (MTDSG XXVII-2-d, in force 10 November 1999 under art. 3(1)).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: table)))
    func baselConventionAndTheMontrealAmendmentAgainstTheUN() throws {
        let (output, _, loaded) = try #require(Self.imported)
        func row(_ status: TreatyStatus, _ code: String) -> String {
            guard let state = status.state(PartyCode(code)) else { return "none" }
            return
                "\(state.consent?.form.rawValue ?? "-") \(state.consent?.date.description ?? "-") in force \(state.entryIntoForce?.description ?? "-")"
        }
        let basel = try status("ctmhwd-1989a", on: "1993-01-01")
        #expect(basel.entryIntoForce?.description == "1992-05-05")
        // Switzerland ratified on 31 January 1990 (HUGGO; the Swiss collection RS 0.814.05 gives the same deposit
        // and entry into force for Switzerland on 5 May 1992).
        #expect(row(basel, "CHE") == "ratification 1990-01-31 in force 1992-05-05")
        #expect(row(basel, "NGA") == "ratification 1991-03-13 in force 1992-05-05")
        // Australia acceded on 5 February 1992 (HUGGO's Accession column), before the entry into force.
        #expect(row(basel, "AUS") == "accession 1992-02-05 in force 1992-05-05")
        // The United States signed (22 March 1990) and never ratified: a signatory, not bound.
        #expect(basel.state("USA")?.status == .signatory)
        #expect(row(basel, "USA") == "- - in force -")

        let amendment = try status("mnsdol-1997e", on: "2003-01-01")
        #expect(amendment.entryIntoForce?.description == "1999-11-10")
        // Australia's acceptance of 5 January 1999: in force with the amendment on 10 November 1999 (UN).
        #expect(row(amendment, "AUS") == "acceptance 1999-01-05 in force 1999-11-10")
        #expect(row(amendment, "CAN") == "ratification 1998-03-27 in force 1999-11-10")
        // Japan accepted on 30 August 2002. Art. 3(2) of the amendment puts it in force for a later party on the
        // ninetieth day after its deposit, 28 November 2002, the date Japan's Foreign Ministry gives; HUGGO's
        // stateForce says 18 September 2002, which no rule of the amendment gives. The imported file has no final
        // clauses, so the engine gives the day of the acceptance; with the clause added it gives the UN's rule.
        #expect(row(amendment, "JPN") == "acceptance 2002-08-30 in force 2002-08-30")
        let file = try #require(output.files.first { $0.id == "mnsdol-1997e" })
        #expect(file.text.contains("JPN (Acceptance); in force for it on 2002-09-18 (stateForce)"))
        let withClause = file.text + "rules:\n  later-consent: {after: entry-into-force, delay: {days: 90}}\n"
        let treaty = Fixtures.treaty(withClause, organisations: ["org:eu"])
        let computed = Lifecycle(corpus: loaded.corpus).status(of: treaty, on: Fixtures.date("2003-01-01"))
        #expect(computed.state("JPN")?.entryIntoForce?.description == "2002-11-28")
        #expect(computed.state("AUS")?.entryIntoForce?.description == "1999-11-10")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: table)))
    func kyotoAndUNCLOSAreNotInTheTable() throws {
        let (output, _, loaded) = try #require(Self.imported)
        // HUGGO's environmental memberships hold no Kyoto Protocol (2005-02-16 per the UN): the one title naming
        // Kyoto is an agreement on a testing ground for its mechanisms.
        let kyoto = loaded.corpus.treaties.filter { $0.title().contains("Kyoto") }
        #expect(kyoto.map(\.id) == ["tg06sr-2003a"])
        #expect(kyoto.first?.documented?.entryIntoForce?.description == "2004-02-01")
        // UNCLOS (1994-11-16 per the UN) is not in the table either: its manyID UNCLOS_1982A mixes the two
        // implementing agreements (Part XI, 1994; fish stocks, 1995), so every row of it is refused.
        let unclos = output.refusals.filter { $0.message.hasPrefix("agreement UNCLOS_1982A has rows with 3 titles") }
        #expect(unclos.count == 405)
        #expect(unclos.allSatisfy { $0.reason == .severalTitles && $0.column == 4 })
        #expect(loaded.corpus.treaties.filter { $0.references["manydata"] == "UNCLOS_1982A" }.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: table)))
    func importingTwiceGivesTheSameBytes() throws {
        let (output, folder, _) = try #require(Self.imported)
        let importer = ManydataImport(
            configuration: .init(dataSet: "HUGGO_MEM_env_reconciled", version: "manytreaties PR #37"))
        let again = try importer.run(memberships: Self.table)
        #expect(again.files == output.files)
        #expect(try ManydataImport.write(again, to: folder) == 0)
    }
}
