import Foundation
import PactaCore
import PactaFormats
import PactaQuestions
import PactaStore
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// The layer of questions on the shipped corpus: names, parties, narrowing, allies and dyads, as every front end
/// gets them.
@Suite struct QuestionsTests {
    let questions = Questions(corpus: Fixtures.shipped.corpus, index: MemoryIndex())

    /// Work asked for by a cancelled task (a request past its deadline) stops at the next treaty.
    @Test func aCancelledTaskStopsTheWholeCorpusQuestions() async throws {
        let questions = questions
        let on = CalendarDate(iso: "2025-01-01")!
        let counts = await Task { () -> (list: Int, memberships: Int) in
            withUnsafeCurrentTask { $0?.cancel() }
            return (questions.list(on: on).count, questions.overview(of: "USA", on: on).memberships.count)
        }.value
        #expect(counts.list == 0)
        #expect(counts.memberships == 0)
        #expect(questions.list(on: on).count == questions.corpus.treaties.count)
        #expect(questions.overview(of: "USA", on: on).memberships.count > 5)
    }

    @Test func treatiesAreFoundByIdAliasOrTitle() throws {
        #expect(try questions.treaty(named: "NORTH-ATLANTIC-1949").id == "north-atlantic-1949")
        #expect(try questions.treaty(named: "nato").id == "north-atlantic-1949")
        #expect(try questions.treaty(named: "ANZUS").id == "anzus-1951")
        let error = try #require(throws: QuestionError.self) { try questions.treaty(named: "north-atlantic-1950") }
        #expect(error.kind == .unknownTreaty)
        #expect(error.suggestions.first == "north-atlantic-1949")
        #expect(error.description.hasPrefix("no treaty 'north-atlantic-1950' in the corpus ("))
    }

    /// An empty name asks for one, instead of suggesting treaties.
    @Test func anEmptyNameAsksForOne() throws {
        for name in ["", "  "] {
            let error = try #require(throws: QuestionError.self) { try questions.treaty(named: name) }
            #expect(error.description == "give a treaty's id, title or alias; 'pacta list' shows them all.")
            #expect(error.suggestions == [])
        }
    }

    /// A treaty whose file could not be read is named as such, not as unknown.
    @Test func aTreatyWhoseFileCouldNotBeReadIsNamed() throws {
        let withFault = Questions(corpus: Fixtures.shipped.corpus, faulty: ["zz-broken"])
        let error = try #require(throws: QuestionError.self) { try withFault.treaty(named: "zz-broken") }
        #expect(
            error.description
                == "the file zz-broken.yaml has errors and could not be read as a treaty; 'pacta check' shows them.")
    }

    /// A file without an id is known by its file name (its error stands), never as a treaty with an empty id.
    @Test func aFileWithoutAnIdIsKnownByItsName() throws {
        let text = try String(contentsOfFile: "\(Fixtures.corpusPath)/anzus-1951.yaml", encoding: .utf8)
        let withoutID = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("id:") }.joined(separator: "\n")
        let result = TreatyFileReader().read(text: withoutID, file: "corpus/anzus-1951.yaml")
        #expect(result.treaty?.id == "anzus-1951")
        #expect(result.diagnostics.contains { $0.message.contains("missing the field 'id'") })
    }

    @Test func aLongUnknownNameCostsNothing() throws {
        let name = String(repeating: "x", count: 80_000)
        let error = try #require(throws: QuestionError.self) { try questions.treaty(named: name) }
        #expect(error.kind == .unknownTreaty)
        #expect(error.suggestions == [])
    }

    @Test func partiesAreParsedByOneRule() throws {
        #expect(try questions.party("fin") == "FIN")
        #expect(try questions.party(" Org:EU ") == "org:eu")
        #expect(try questions.party("SUN") == "SUN")
        let uk = try #require(throws: QuestionError.self) { try questions.party("UK") }
        #expect(uk.kind == .unknownParty)
        #expect(uk.description.hasSuffix("Did you mean GBR (United Kingdom)?"))
        let nato = try #require(throws: QuestionError.self) { try questions.party("org:nato") }
        #expect(nato.kind == .undeclaredOrganisation)
    }

    @Test func aStatusNarrowedToOneParty() throws {
        let treaty = try questions.treaty(named: "north-atlantic-1949")
        let status = questions.status(of: treaty, on: d("2023-04-04"), party: "FIN")
        #expect(status.states.map(\.code) == ["FIN"])
        #expect(status.states.first?.status == .party)
        // A State the log does not name gets one row, status none.
        let brazil = questions.status(of: treaty, on: d("2023-04-04"), party: "BRA")
        #expect(brazil.states.map(\.status) == [.none])
    }

    @Test func asKnownOnIsCarriedByTheStatus() throws {
        let treaty = try questions.treaty(named: "ru-kp-2024-partnership")
        #expect(
            questions.status(of: treaty, on: d("2025-01-01"), asKnownOn: d("2024-12-31")).asKnownOn == d("2024-12-31"))
    }

    @Test func alliesCarryTheirCoverage() {
        let answer = questions.allies(of: "RUS", on: d("2000-01-01"))
        #expect(Set(answer.allies.map(\.ally.rawValue)).isSuperset(of: ["ARM", "BLR", "KAZ", "KGZ", "TJK"]))
        #expect(answer.coverage.partial.contains("collective-security-1992"))
    }

    /// An article holding two pledges is named once: the 1948 Finno-Soviet treaty binds by arts. 1, 2 and 4.
    @Test func anAllysArticlesAreNamedOnce() throws {
        let finland = try #require(
            questions.allies(of: "SUN", on: d("1980-01-01")).allies.first { $0.ally.rawValue == "FIN" })
        #expect(finland.treaty == "fi-su-1948-fcma")
        #expect(finland.articles == ["1", "2", "4"])
    }

    /// A suspension is named while its treaty lasts, not after it ended, and only in a treaty with pledges: New
    /// START's suspension by Russia (2023-02-28; the treaty ended 2026-02-05) says nothing of Russia's allies, as
    /// the treaty pledges none, unless it is given a pledge.
    @Test func aSuspensionIsNamedOnlyWhileItsTreatyLastsAndOnlyWhereItHoldsPledges() throws {
        let shipped = Fixtures.shipped.corpus
        var newStart = try #require(shipped["new-start-2010"])
        #expect(newStart.provisions.isEmpty)
        func names(_ on: String, in questions: Questions) -> Bool {
            questions.allies(of: "RUS", on: d(on)).coverage.caveats.contains {
                $0.hasPrefix("New START (new-start-2010): its operation is suspended")
            }
        }
        #expect(!names("2024-01-01", in: questions))
        newStart.provisions = try #require(shipped["anzus-1951"]).provisions
        let pledging = Questions(
            corpus: Corpus(
                treaties: shipped.treaties.map { $0.id == newStart.id ? newStart : $0 }, entities: shipped.entities,
                regions: shipped.regions, scope: shipped.scope, successions: shipped.successions))
        #expect(names("2024-01-01", in: pledging))
        #expect(!names("2026-02-05", in: pledging))
        #expect(!names("2026-12-06", in: pledging))
    }

    /// The USSR asked about after it ceased: the answer says when and who continues it, first, and no treaty is
    /// said to "may bind" it for want of a record (on 1985-01-01, before, the Soviet bilateral treaties still are).
    @Test func aStateThatCeasedIsSaidToHaveCeased() {
        let after = questions.allies(of: "SUN", on: d("2000-01-01"))
        #expect(after.allies.isEmpty)
        #expect(
            after.coverage.caveats == [
                "SUN ceased on 1991-12-25 (successions.yaml): continued by RUS, which holds its treaties from that date. A State that has ceased is bound by no treaty after that date: ask about RUS."
            ])
        let dissolved = questions.allies(of: "CSK", on: d("1995-01-01")).coverage.caveats
        #expect(
            dissolved.first
                == "CSK ceased on 1993-01-01 (successions.yaml): succeeded by CZE, SVK, each bound by its own notification of succession. A State that has ceased is bound by no treaty after that date: ask about CZE or SVK."
        )
        let before = questions.allies(of: "SUN", on: d("1985-01-01")).coverage.caveats
        #expect(!before.contains { $0.contains("ceased") })
        #expect(before.contains { $0.hasPrefix("USSR–Bulgaria Treaty of Friendship") && $0.contains("may bind them") })
    }

    /// Russia and Kazakhstan asked about before they were States of their own: the answer says from when and whom
    /// to ask about, first, and no Soviet treaty is said to "may bind" them for want of a record.
    @Test func aStateNotYetInBeingIsSaidToBeNotYet() {
        let russia = questions.allies(of: "RUS", on: d("1985-06-01"))
        #expect(russia.allies.isEmpty)
        #expect(
            russia.coverage.caveats.first
                == "RUS was not yet a State of its own on 1985-06-01: it continues SUN from 1991-12-25 (successions.yaml). Its territory was SUN's then: ask about SUN."
        )
        #expect(!russia.coverage.caveats.contains { $0.contains("may bind") }, "\(russia.coverage.caveats)")
        let kazakhstan = questions.allies(of: "KAZ", on: d("1985-06-01")).coverage.caveats
        #expect(
            kazakhstan.first
                == "KAZ was not yet a State of its own on 1985-06-01: it became a State of its own on 1991-12-16, separating from SUN (successions.yaml). Its territory was SUN's then: ask about SUN."
        )
        // Once in being, no such sentence; Germany, a successor by unification, is never said to be not yet one.
        #expect(
            !questions.allies(of: "RUS", on: d("1992-01-01")).coverage.caveats.contains {
                $0.contains("not yet a State")
            })
        #expect(
            !questions.allies(of: "DEU", on: d("1985-06-01")).coverage.caveats.contains {
                $0.contains("not yet a State")
            })
    }

    @Test func dyadsStopWhereTheRecordEnds() {
        let dyads = questions.dyads(from: 2025, to: 2030, directed: false)
        #expect(dyads.through == 2026)
        #expect(dyads.rows.allSatisfy { $0.year <= 2026 })
        #expect(dyads.caveats.first?.hasPrefix("The corpus's record runs to 2026-11-30") == true)
    }

    @Test func searchAsksTheIndexOrTheCorpus() async throws {
        let withoutIndex = Questions(corpus: Fixtures.shipped.corpus)
        let hits = try await withoutIndex.search("военной помощи", language: "ru", limit: 5)
        #expect(hits.first?.document.treaty == "ru-kp-2024-partnership")
    }
}
