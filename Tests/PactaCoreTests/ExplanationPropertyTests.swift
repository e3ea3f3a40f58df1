import PactaCore
import PropertyBased
import Testing

/// The engine computes every date and status once, whether or not it puts the derivation into words: for any
/// treaty and date, the status with explanations and the status without them agree (issue: one engine path).
@Suite struct ExplanationPropertyTests {
    static let pool: [PartyCode] = ["FRA", "DEU", "ITA", "ESP", "POL", "NLD", "BEL", "PRT", "GRC", "AUT", "SWE", "FIN"]

    /// A treaty built from a list of numbers: its kind, its rules (a count or all signatories, a delay, a later-
    /// consent rule, a denunciation notice, a fixed term with renewal), and its events (signatures, consents,
    /// revocations, denunciations, a termination), all dated from the numbers.
    static func treaty(_ numbers: [Int]) -> Treaty {
        var next = numbers.makeIterator()
        func pick(_ range: ClosedRange<Int>) -> Int {
            let value = next.next() ?? 0
            return range.lowerBound + abs(value) % (range.count)
        }
        let adopted = CalendarDate(year: 1990, month: 1, day: 1)!
        let bilateral = pick(0...4) == 0
        let states = bilateral ? Array(pool.prefix(2)) : Array(pool.prefix(pick(3...pool.count)))
        let delays: [Delay] = [
            .none, .days(30), .months(3), .years(1), .firstDayOfMonthAfterDays(30), .firstDayOfMonth(2),
        ]
        let delay = delays[pick(0...delays.count - 1)]
        let condition: Condition =
            bilateral
            ? .exchangeOfInstruments
            : (pick(0...2) == 0
                ? .allOf(.named("negotiating-states"), ConsentFilter())
                : .consents(pick(1...states.count), ConsentFilter()))
        var rules = Rules(
            entryIntoForce: EntryIntoForceRule(condition: condition, delay: delay),
            laterConsent: pick(0...1) == 0 ? nil : LaterConsentRule(after: .conditionsMet, delay: delays[pick(0...5)]),
            denunciation: DenunciationRule(notice: Span(months: pick(0...24))))
        if pick(0...3) == 0 {
            rules.duration = .fixed(
                term: Span(years: pick(1...10)),
                renewal: pick(0...1) == 0
                    ? nil : .init(term: Span(years: pick(1...5)), noticeBeforeExpiry: Span(months: pick(0...12))),
                article: nil)
        }
        var events: [Event] = []
        func day() -> CalendarDate { adopted.adding(days: pick(0...4000)) }
        for (index, code) in states.enumerated() {
            let signed = adopted.adding(days: pick(0...30))
            events.append(Event(id: "s\(index)", date: signed, kind: .signature(party: code, by: nil)))
            if pick(0...4) > 0 {
                let consented = signed.adding(days: pick(0...2000))
                events.append(
                    Event(id: "c\(index)", date: consented, kind: .consent(party: code, form: .ratification)))
                if pick(0...6) == 0 {
                    events.append(
                        Event(
                            id: "r\(index)", date: consented.adding(days: pick(1...400)),
                            kind: .revocation(party: code, of: .consent)))
                }
                if pick(0...4) == 0 {
                    events.append(
                        Event(
                            id: "d\(index)", date: consented.adding(days: pick(1...3000)),
                            kind: .denunciation(party: code, effective: nil)))
                }
            }
        }
        if bilateral, pick(0...3) > 0 {
            events.append(Event(id: "x", date: day(), kind: .exchangeOfInstruments(parties: states, place: nil)))
        }
        if pick(0...9) == 0 {
            events.append(Event(id: "t", date: day(), kind: .termination(cause: "agreement", by: nil)))
        }
        return Treaty(
            id: "generated", titles: ["en": "Generated"], kind: bilateral ? .bilateral : .multilateral,
            adopted: .init(date: adopted), negotiatingStates: states, events: LogArray(events), rules: rules)
    }

    /// What a status says, dates and statuses only.
    static func facts(_ status: TreatyStatus) -> [String] {
        [
            "\(status.status) \(status.entryIntoForce.map { "\($0)" } ?? "-") \(status.termination.map { "\($0)" } ?? "-")"
        ]
            + status.states.map { state in
                "\(state.code) \(state.status) \(state.entryIntoForce.map { "\($0)" } ?? "-") \(state.withdrawal?.effective.map { "\($0)" } ?? "-")"
            }
    }

    @Test func datesAndStatusesAreTheSameWithAndWithoutExplanations() async {
        let lifecycle = Lifecycle()
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 60...90)) { numbers in
            let treaty = Self.treaty(numbers)
            for offset in stride(from: 0, through: 6000, by: 500) {
                let date = treaty.adopted.date.adding(days: offset)
                let explained = lifecycle.status(of: treaty, on: date, explain: true)
                let quiet = lifecycle.status(of: treaty, on: date, explain: false)
                #expect(Self.facts(explained) == Self.facts(quiet), "on \(date)")
                #expect(!explained.explanation.isEmpty)
            }
        }
    }
}
