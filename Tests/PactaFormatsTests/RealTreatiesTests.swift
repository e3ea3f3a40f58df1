import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

/// Real treaties kept out of the shipped corpus, written from the UN status tables (about 2013) and their
/// final clauses, to check the engine on treaties it was not tuned to. Each expected date is the official one:
/// the treaty's date from the source in its file's `documented`, each State's from the State's own treaty
/// record (Swiss SR, Australian Treaty Series, Austrian RIS, German BGBl., Dutch Tractatenblad, UNTS).
@Suite struct RealTreatiesTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/PactaFormatsTests/Fixtures/real-treaties")
        .path
    static let loaded = try! CorpusLoader().load(directory: folder)

    func status(_ id: String) throws -> TreatyStatus {
        let treaty = try #require(Self.loaded.corpus[id])
        return Lifecycle(corpus: Self.loaded.corpus).status(of: treaty, on: Fixtures.date("2026-11-29"))
    }

    func dates(_ status: TreatyStatus, _ codes: [String]) -> [String] {
        codes.map { status.state(PartyCode($0))?.entryIntoForce?.description ?? "none" }
    }

    @Test func theFilesCheckWithoutErrors() {
        #expect(Self.loaded.diagnostics.map(\.description) == [])
        #expect(
            Self.loaded.corpus.treaties.map(\.id) == [
                "cat-1984", "crc-1989", "genocide-1948", "unfccc-1992", "vienna-ozone-1985",
            ])
    }

    @Test func conventionAgainstTorture() throws {
        // Art. 27: the 30th day after the 20th instrument (Denmark's, 27 May 1987).
        let status = try status("cat-1984")
        #expect(status.entryIntoForce?.description == "1987-06-26")
        #expect(dates(status, ["CHE", "DNK", "AUS"]) == ["1987-06-26", "1987-06-26", "1989-09-07"])
    }

    @Test func conventionOnTheRightsOfTheChild() throws {
        // Art. 49: the 30th day after the 20th instrument; Bosnia and Herzegovina by succession from 6 March 1992.
        let status = try status("crc-1989")
        #expect(status.entryIntoForce?.description == "1990-09-02")
        #expect(
            dates(status, ["CHE", "DEU", "BLR", "AFG", "BIH", "SUN"]) == [
                "1997-03-26", "1992-04-05", "1990-10-31", "1994-04-27", "1992-03-06", "1990-09-15",
            ])
    }

    @Test func genocideConvention() throws {
        // Art. XIII: the 90th day after the 20th instrument; later ones on their own 90th day.
        let status = try status("genocide-1948")
        #expect(status.entryIntoForce?.description == "1951-01-12")
        #expect(dates(status, ["CHE", "AUT", "AUS"]) == ["2000-12-06", "1958-06-17", "1951-01-12"])
    }

    @Test func climateChangeConvention() throws {
        // Art. 23: the 90th day after the 50th instrument of a State (organisations' are not counted).
        let status = try status("unfccc-1992")
        #expect(status.entryIntoForce?.description == "1994-03-21")
        #expect(dates(status, ["CHE", "NLD", "TUR"]) == ["1994-03-21", "1994-03-21", "2004-05-24"])
    }
}
