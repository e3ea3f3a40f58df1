@testable import PactaCore
import PactaTestSupport
import Testing

private func d(_ text: String) -> CalendarDate { Fixtures.date(text) }

/// The status table (``Lifecycle/statusTable(on:)``): the compact engine's rows for plain treaties are the full
/// engine's, on every date that can change them; the others come from the full engine.
@Suite struct StatusTableTests {
    /// The differences between the table the compact engine gives and the full engine's, treaty by treaty.
    static func differences(_ compact: StatusTable, _ full: StatusTable, corpus: Corpus) -> [String] {
        var found: [String] = []
        guard compact.treatyCount == full.treatyCount else {
            return ["\(compact.treatyCount) treaties, not \(full.treatyCount)"]
        }
        for t in 0..<compact.treatyCount where found.count < 10 {
            let id = corpus.treaties[t].id
            if compact.treaty(t) != full.treaty(t) {
                found.append("\(id) on \(compact.date): \(compact.treaty(t)), not \(full.treaty(t))")
                continue
            }
            let (mine, theirs) = (compact.rows(of: t), full.rows(of: t))
            guard mine.count == theirs.count else {
                found.append("\(id) on \(compact.date): \(mine.count) State rows, not \(theirs.count)")
                continue
            }
            for (a, b) in zip(mine, theirs) {
                var (row, expected) = (compact.row(a), full.row(b))
                let code = full.parties[expected.party]
                guard compact.parties[row.party] == code else {
                    found.append("\(id) on \(compact.date): row of \(compact.parties[row.party]), not \(code)")
                    break
                }
                (row.party, expected.party) = (0, 0)
                if row != expected { found.append("\(id) on \(compact.date), \(code): \(row), not \(expected)") }
            }
        }
        return found
    }

    /// The days on which a treaty's rows can change, and the day before each: its events', its adoption's, and
    /// the dates the engine computes (entry into force, for each State and for all, withdrawals, the end).
    static func telling(_ treaty: Treaty, engine: Lifecycle) -> [CalendarDate] {
        var days = Set(treaty.events.map(\.date))
        days.insert(treaty.adopted.date)
        let last = engine.status(of: treaty, on: .latest, explain: false)
        days.formUnion([last.entryIntoForce, last.conditionsMet, last.termination].compactMap { $0 })
        for state in last.states {
            days.formUnion([state.entryIntoForce, state.withdrawal?.effective].compactMap { $0 })
        }
        return days.flatMap { [$0.adding(days: -1), $0] }.sorted() + [.latest]
    }

    /// Random plain treaties (see ``CompactLogs``): signatures, consents, exchanges, notifications,
    /// denunciations, terminations and acts that change nothing, by the negotiating States, others and an
    /// organisation (counted or not, with a later-consent rule of its own or not), many on the same day,
    /// some out of turn (a consent while bound, a notice without a consent, two notices, a consent after a
    /// notice or after the withdrawal took effect), under every condition, delay, floor, later-consent rule,
    /// denunciation clause and term the subset holds, some as partial records.
    static func plainTreaties(count: Int, seed: UInt64) -> [Treaty] {
        var random = SplitMix64(state: seed)
        let codes: [PartyCode] = ["FRA", "DEU", "ITA", "ESP", "POL", "AUT", "SWE", "NOR", "JPN", "BRA", "KEN", "NZL"]
        func delay() -> Delay {
            switch Int.random(in: 0...7, using: &random) {
            case 0: .none
            case 1: .days(Int.random(in: 0...90, using: &random))
            case 2: .months(Int.random(in: 1...12, using: &random))
            case 3: .years(1)
            case 4: .firstDayOfMonthAfterDays(Int.random(in: 0...60, using: &random))
            case 5: .firstDayOfMonth(Int.random(in: 1...3, using: &random))
            case 6: .fixedDate(CalendarDate(iso: "1993-06-30")!, ifMetLater: .days(30))
            default: .days(30)
            }
        }
        return (0..<count).map { index in
            let bilateral = Bool.random(using: &random)
            var pool = Array(
                codes.shuffled(using: &random).prefix(bilateral ? 2 : Int.random(in: 3...9, using: &random)))
            // An organisation now and then, among the negotiating States or joining later.
            if !bilateral, Int.random(in: 0...2, using: &random) == 0 {
                pool.insert("org:eu", at: Int.random(in: 0...pool.count, using: &random))
            }
            let negotiating = bilateral ? pool : Array(pool.prefix(max(2, pool.count - 2)))
            let adopted = CalendarDate(iso: "1990-01-01")!.adding(days: Int.random(in: 0...2000, using: &random))
            var events: [Event] = []
            var days: [CalendarDate] = [adopted]
            for number in 0..<Int.random(in: 0...16, using: &random) {
                // A third of the acts fall on a day already used; one in forty before the adoption.
                let date =
                    Int.random(in: 0...2, using: &random) == 0
                    ? days.randomElement(using: &random)!
                    : adopted.adding(days: Int.random(in: -40...2500, using: &random))
                days.append(date)
                let party = pool.randomElement(using: &random)!
                let kind: Event.Kind
                switch Int.random(in: 0...12, using: &random) {
                case 0, 1: kind = .signature(party: party, by: nil)
                case 2, 3, 4:
                    kind = .consent(
                        party: party,
                        form: [.ratification, .accession, .acceptance, .succession].randomElement(using: &random)!)
                case 5:
                    let parties = bilateral ? pool : pool.filter { _ in Bool.random(using: &random) }
                    kind = .exchangeOfInstruments(parties: parties.isEmpty ? [party] : parties, place: nil)
                case 6, 7: kind = .denunciation(party: party, effective: nil)
                case 8:
                    kind = .notification(
                        party: party, of: Bool.random(using: &random) ? "internal-procedures" : "other")
                case 9: kind = .domesticStep(party: party, body: nil, step: "approval")
                case 10: kind = .reservation(party: party, articles: ["3"], summary: nil)
                case 11 where Int.random(in: 0...3, using: &random) == 0:
                    kind = .termination(cause: "agreement", by: nil)
                default: kind = .invocation(party: party, provision: "art-5", summary: nil)
                }
                events.append(Event(id: "plain-\(index)-e\(number)", date: date, kind: kind))
            }
            // The organisation's consent, most often late (where a later-consent rule of its own governs it).
            if pool.contains("org:eu"), Int.random(in: 0...9, using: &random) < 7 {
                let date = adopted.adding(days: Int.random(in: 300...2500, using: &random))
                events.append(
                    Event(id: "plain-\(index)-o", date: date, kind: .consent(party: "org:eu", form: .approval)))
            }
            // Now and then both parties of a bilateral treaty denounce it on one day: the first one's notice ends it.
            if bilateral, Int.random(in: 0...4, using: &random) == 0 {
                let day = adopted.adding(days: Int.random(in: 100...900, using: &random))
                for (number, party) in pool.enumerated() {
                    events.append(
                        Event(
                            id: "plain-\(index)-c\(number)", date: adopted,
                            kind: .consent(party: party, form: .ratification)))
                    let denunciation = Event.Kind.denunciation(party: party, effective: nil)
                    events.append(Event(id: "plain-\(index)-d\(number)", date: day, kind: denunciation))
                }
                let exchange = Event.Kind.exchangeOfInstruments(parties: pool, place: nil)
                events.append(Event(id: "plain-\(index)-x", date: adopted, kind: exchange))
            }
            // `nil`: the treaty states no rule (VCLT art. 24(2): every negotiating State's consent).
            let condition: Condition? =
                switch Int.random(in: 0...9, using: &random) {
                case 0: nil
                case 1:
                    .allOf(
                        .named("negotiating-states"),
                        // Not States alone where an organisation negotiated: its consent could never count.
                        ConsentFilter(
                            statesOnly: !negotiating.contains { $0.isOrganisation } && Bool.random(using: &random)))
                case 2: .lastNotification
                case 3, 4: .exchangeOfInstruments
                default:
                    .consents(
                        bilateral ? 2 : Int.random(in: 0...pool.count + 1, using: &random),
                        ConsentFilter(statesOnly: Bool.random(using: &random)))
                }
            let floor: Floor? =
                switch Int.random(in: 0...6, using: &random) {
                case 0: .date(adopted.adding(days: Int.random(in: 100...1500, using: &random)))
                case 1: .afterAdoption(Span(years: 2))
                default: nil
                }
            let later: LaterConsentRule? =
                Bool.random(using: &random)
                ? nil
                : LaterConsentRule(
                    after: Bool.random(using: &random) ? .conditionsMet : .entryIntoForce, delay: delay(),
                    organisations: Bool.random(using: &random)
                        ? nil
                        : LaterConsentRule(
                            after: .entryIntoForce, delay: .months(Int.random(in: 1...6, using: &random))))
            let denunciation: DenunciationRule?
            switch Int.random(in: 0...4, using: &random) {
            case 0: denunciation = nil
            case 1: denunciation = DenunciationRule(allowed: false)
            case 2: denunciation = DenunciationRule(notice: Span(months: Int.random(in: 0...18, using: &random)))
            case 3:
                let from = [DenunciationRule.EarliestFrom.partyEntryIntoForce, .treatyEntryIntoForce, .adopted]
                    .randomElement(using: &random)!
                denunciation = DenunciationRule(
                    notice: Span(years: 1), earliest: (Span(years: Int.random(in: 1...4, using: &random)), from))
            default: denunciation = DenunciationRule(notice: Span(months: 6))
            }
            let duration: Rules.Duration =
                Int.random(in: 0...5, using: &random) == 0
                ? .fixed(term: Span(years: Int.random(in: 1...8, using: &random)), renewal: nil, article: nil)
                : .indefinite
            var treaty = Treaty(
                id: "plain-\(index)", titles: ["en": "Plain treaty \(index)"],
                kind: bilateral ? .bilateral : .multilateral, adopted: .init(date: adopted),
                negotiatingStates: negotiating, events: LogArray(events),
                rules: Rules(
                    entryIntoForce: condition.map {
                        EntryIntoForceRule(condition: $0, delay: delay(), notBefore: floor)
                    },
                    laterConsent: later, denunciation: denunciation, duration: duration))
            // A partial record without a documented date counts its consents as a complete one does.
            if Int.random(in: 0...4, using: &random) == 0 { treaty.record = .partial }
            return treaty
        }
    }

    /// Each random plain treaty, on every day its rows can change and the day before: the compact engine's rows
    /// are the full engine's, and the compact engine answered for every one of them.
    @Test func plainTreatiesAgreeWithTheEngineOnEveryTellingDay() async throws {
        let (differences, dates, compact) = try await onOwnThread {
            var differences: [String] = []
            var dates = 0
            var compact = 0
            for treaty in Self.plainTreaties(count: 600, seed: 11) {
                let corpus = Corpus(treaties: [treaty])
                let engine = Lifecycle(corpus: corpus)
                for date in Self.telling(treaty, engine: engine) {
                    let table = engine.statusTable(on: date)
                    compact += table.compactTreaties
                    dates += 1
                    differences += Self.differences(table, engine.statusTable(on: date, compact: false), corpus: corpus)
                }
                if differences.count > 10 { break }
            }
            return (differences, dates, compact)
        }
        #expect(differences == [])
        #expect(dates > 6_000)
        #expect(compact == dates)
    }

    /// Whole corpora on dates across their history: the treaty files the other differential tests use (every
    /// rule and act the engine knows: most are not plain, and go through the full engine), the shipped corpus
    /// and the real treaties kept for tests.
    @Test func corporaAgreeWithTheEngine() async throws {
        let results = try await onOwnThread {
            [GeneratedTreaties.corpus(count: 400), Fixtures.shippedCorpusAsRead, Fixtures.realTreatiesCorpus].map {
                corpus in
                let engine = Lifecycle(corpus: corpus)
                var differences: [String] = []
                var plain = 0
                for year in stride(from: 1945, through: 2035, by: 3) {
                    for date in [
                        CalendarDate(year: year, month: 1, day: 1)!, CalendarDate(year: year, month: 8, day: 24)!,
                    ] {
                        let table = engine.statusTable(on: date)
                        plain = table.compactTreaties
                        differences += Self.differences(
                            table, engine.statusTable(on: date, compact: false), corpus: corpus)
                    }
                }
                return (differences, plain, corpus.treaties.count)
            }
        }
        for (differences, _, _) in results { #expect(differences == []) }
        // Some of the generated and of the shipped treaties are plain, not all (the real treaties kept for tests
        // are partial records or use other rules: none is).
        // (The shipped corpus's count is not pinned: it changes as its files are edited; 14 of 69 on 2026-12-07.)
        #expect(results[0].1 == 81 && results[0].2 == 400)
        #expect(results[1].1 > 0 && results[1].1 < results[1].2)
        #expect(results[2].1 == 0 && results[2].2 == 5)
    }

    /// The values themselves, on a treaty of the kind the benchmark generates: a bilateral treaty in force on the
    /// exchange of instruments (VCLT art. 16(a)) and ended for both by a denunciation with six months' notice.
    @Test func aBilateralTreatyEndedByADenunciation() throws {
        let treaty = Fixtures.treaty(
            TreatyYAML.bilateral(
                rules:
                    "entry-into-force: {when: {exchange-of-instruments: true}}\ndenunciation: {notice: {months: 6}}",
                events: [
                    "date: 2000-01-01, type: signature, party: RUS",
                    "date: 2000-01-01, type: signature, party: PRK",
                    "date: 2000-03-01, type: consent, form: ratification, party: RUS",
                    "date: 2000-03-21, type: consent, form: ratification, party: PRK",
                    "date: 2000-04-30, type: exchange-of-instruments",
                    "date: 2010-08-31, type: denunciation, party: PRK",
                ]))
        let engine = Lifecycle(corpus: Corpus(treaties: [treaty]))
        let inForce = engine.statusTable(on: d("2005-01-01"))
        #expect(inForce.compactTreaties == 1)
        #expect(
            inForce.treaty(0)
                == .init(
                    status: .inForce, entryIntoForce: d("2000-04-30"), conditionsMet: d("2000-04-30"), termination: nil)
        )
        let rows = inForce.rows(of: 0).map { inForce.row($0) }
        #expect(rows.map { inForce.parties[$0.party] } == ["RUS", "PRK"])
        #expect(rows.map(\.status) == [.party, .party])
        #expect(rows[1].consent?.form == .ratification)
        #expect(rows[1].consent?.date == d("2000-03-21"))
        // 31 August + 6 months is the end of February.
        let ended = engine.statusTable(on: d("2011-03-01"))
        #expect(ended.treaty(0).status == .terminated)
        #expect(ended.treaty(0).termination == d("2011-02-28"))
        let after = ended.rows(of: 0).map { ended.row($0) }
        #expect(after.map(\.status) == [.none, .withdrawn])
        #expect(after[1].withdrawal?.notified == d("2010-08-31"))
        #expect(after[1].withdrawal?.effective == d("2011-02-28"))
    }

    /// An organisation's late consent under the later-consent rule's own rule for organisations (three months,
    /// where a State's takes thirty days), and a count of States alone that does not count it.
    @Test func anOrganisationUnderItsOwnRule() throws {
        let treaty = Fixtures.treaty(
            TreatyYAML.multilateral(
                id: "with-eu", negotiating: ["FRA", "DEU"],
                rules: """
                    entry-into-force: {when: {consents: 3, states-only: true}}
                    later-consent: {after: entry-into-force, delay: {days: 30}, organisations: {after: entry-into-force, delay: {months: 3}}}
                    """,
                events: [
                    "date: 2000-01-10, type: consent, form: ratification, party: FRA",
                    "date: 2000-02-10, type: consent, form: approval, party: org:eu",
                    "date: 2000-03-10, type: consent, form: ratification, party: DEU",
                    "date: 2000-04-10, type: consent, form: accession, party: ITA",
                    "date: 2003-01-31, type: consent, form: accession, party: ESP",
                    "date: 2003-01-31, type: consent, form: accession, party: org:un",
                ]), organisations: ["org:eu", "org:un"])
        let engine = Lifecycle(corpus: Corpus(treaties: [treaty]))
        let table = engine.statusTable(on: d("2004-01-01"))
        #expect(table.compactTreaties == 1)
        // Three States on 10 April 2000: the EU's approval is not counted.
        #expect(table.treaty(0).entryIntoForce == d("2000-04-10"))
        let rows = Dictionary(
            uniqueKeysWithValues: table.rows(of: 0).map { (table.parties[table.row($0).party], table.row($0)) })
        #expect(rows["org:eu"]?.entryIntoForce == d("2000-04-10"))
        #expect(rows["ESP"]?.entryIntoForce == d("2003-03-02"))
        // 31 January + 3 months is the end of April.
        #expect(rows["org:un"]?.entryIntoForce == d("2003-04-30"))
        let before = engine.statusTable(on: d("2000-04-09")).treaty(0)
        #expect(before.status == .notInForce)
    }

    /// A treaty outside the plain subset (a revocation of consent) is answered by the full engine, in its place.
    @Test func aTreatyOutsideTheSubsetIsAnsweredByTheEngine() throws {
        let revoked = Fixtures.treaty(
            TreatyYAML.multilateral(
                id: "revoked", negotiating: ["FRA", "DEU"], rules: "entry-into-force: {when: {consents: 2}}",
                events: [
                    "date: 2001-01-10, type: consent, form: ratification, party: FRA",
                    "date: 2001-02-10, type: revocation, party: FRA, of: consent",
                    "date: 2001-03-10, type: consent, form: ratification, party: DEU",
                    "date: 2001-04-10, type: consent, form: accession, party: ITA",
                ]))
        let engine = Lifecycle(corpus: Corpus(treaties: [revoked]))
        let table = engine.statusTable(on: d("2002-01-01"))
        #expect(table.compactTreaties == 0)
        #expect(table.treaty(0).entryIntoForce == d("2001-04-10"))
        let rows = table.rows(of: 0).map { table.row($0) }
        #expect(rows.first { table.parties[$0.party] == "FRA" }?.status == StateStatus.Value.none)
        #expect(rows.first { table.parties[$0.party] == "ITA" }?.status == .party)
    }
}
