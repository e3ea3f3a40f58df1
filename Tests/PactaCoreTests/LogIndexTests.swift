import PactaTestSupport
import Testing

@testable import PactaCore

/// The desk appends acts one by one (``Treaty/appendEvent(_:)``) and reads the status after each: the engine then
/// extends the log's index by the one event instead of building it again. The extended index must be the one a
/// build from scratch gives, and so must every status.
@Suite struct LogIndexAppendTests {
    /// Consents, a reservation and objections to it by id, a State that appears first in the log (AUT), an
    /// act dated before the last one (which cannot be appended at the end of the order), and a same-day act of
    /// a lower rank (a signature after a consent of that day), and a separation.
    static let whole = Fixtures.treaty(
        TreatyYAML.multilateral(
            adopted: "1999-01-01", negotiating: ["FRA", "DEU", "ITA", "ESP", "PRT"],
            rules: "entry-into-force: {when: {consents: 2}, delay: {days: 30}}",
            events: [
                "date: 2000-01-01, type: consent, form: acceptance, party: PRT",
                "date: 2000-06-01, type: consent, form: acceptance, party: DEU",
                "date: 2001-01-10, type: consent, form: acceptance, party: FRA",
                "date: 2001-01-10, type: reservation, party: FRA, articles: [\"12\"], summary: excludes art. 12",
                "date: 2001-06-01, type: objection, party: ESP, to: e4, precludes-entry-into-force: true",
                "date: 2001-03-01, type: consent, form: accession, party: AUT",
                "date: 2002-03-01, type: objection, party: PRT, to: e4",
                "date: 2002-03-01, type: domestic-step, party: ITA, step: parliament",
                "date: 2003-05-05, type: consent, form: acceptance, party: ITA",
                "date: 2004-01-01, type: withdrawal-of-reservation, party: FRA, to: e4",
                "date: 2004-06-01, type: state-succession, predecessor: ESP, successor: AND, mode: separation",
            ]))

    /// ``Treaty/event(dated:where:)`` finds a day's events through the index (the file's order is not the
    /// date order here) and, for a log with a correction (no index), by reading the log: the same answers.
    @Test func aDaysMatchingEventIsFoundWithOrWithoutTheIndex() throws {
        var corrected = Self.whole
        corrected.events.append(
            Event(id: "fix", date: Fixtures.date("2005-01-01"), kind: .correction(corrects: "e1", replacement: nil)))
        #expect(Self.whole.logIndex != nil)
        #expect(corrected.logIndex == nil)
        for treaty in [Self.whole, corrected] {
            let any: (UnsafePointer<Event>) -> Bool = { _ in true }
            #expect(treaty.event(dated: Fixtures.date("2001-01-10"), where: any)?.id == "e3")
            #expect(
                treaty.event(dated: Fixtures.date("2001-01-10")) { $0.pointee.typeName == "reservation" }?.id
                    == "e4")
            #expect(["e7", "e8"].contains(treaty.event(dated: Fixtures.date("2002-03-01"), where: any)?.id))
            #expect(
                treaty.event(dated: Fixtures.date("2002-03-01")) { $0.pointee.typeName == "objection" }?.id == "e7")
            #expect(treaty.event(dated: Fixtures.date("2001-03-01"), where: any)?.id == "e6")
            #expect(treaty.event(dated: Fixtures.date("2004-01-01"), where: any)?.id == "e10")
            #expect(treaty.event(dated: Fixtures.date("2001-03-02"), where: any) == nil)
            #expect(treaty.event(dated: Fixtures.date("2001-01-10")) { $0.pointee.typeName == "signature" } == nil)
        }
    }

    @Test func anIndexExtendedActByActIsTheIndexBuiltFromScratch() throws {
        let day = Fixtures.date("2005-01-01")
        var grown = Self.whole
        grown.events = []
        _ = Lifecycle().status(of: grown, on: day, explain: false)
        for (count, event) in Self.whole.events.enumerated() {
            grown.appendEvent(event)
            var fresh = Self.whole
            fresh.events = LogArray(Self.whole.events.prefix(count + 1))
            let extended = try #require(grown.logIndex)
            let built = try #require(fresh.logIndex)
            #expect(extended.events.map(\.id) == built.events.map(\.id), "after \(event.id)")
            #expect(extended.dates == built.dates)
            #expect(extended.parties == built.parties)
            #expect(extended.eventSlot == built.eventSlot)
            #expect(extended.reservationPosition == built.reservationPosition)
            #expect(extended.reservationOf == built.reservationOf)
            #expect(extended.formerParties.map(\.slot) == built.formerParties.map(\.slot))
            #expect(extended.successions == built.successions)
            #expect(
                Lifecycle().status(of: grown, on: day, explain: false)
                    == Lifecycle().status(of: fresh, on: day, explain: false), "after \(event.id)")
        }
        // The values the engine gives at the end, from the index extended act by act.
        let status = Lifecycle().status(of: grown, on: day)
        #expect(status.entryIntoForce == Fixtures.date("2000-07-01"))
        #expect(status.state("AUT")?.entryIntoForce == Fixtures.date("2001-03-01"))
        // In effect order the domestic step of 2002-03-01 comes before that day's objection by PRT, which names e4.
        #expect(grown.logIndex?.events[7].id == "e7")
        #expect(grown.logIndex?.reservationPosition[7] == 0)
    }

    /// Appending one by one keeps the log's storage: a thousand events cost a thousand appends, not a thousand
    /// copies (the log is changed in place).
    @Test func appendingInPlaceKeepsTheLogsStorageWhereNothingElseHoldsIt() {
        var grown = Self.whole
        grown.events.reserveCapacity(64)
        let start = grown.events.withUnsafeBufferPointer { $0.baseAddress }
        for event in Self.whole.events { grown.events.append(event) }
        #expect(grown.events.withUnsafeBufferPointer { $0.baseAddress } == start)
        #expect(grown.events.count == 2 * Self.whole.events.count)
    }
}
