import Foundation
import PactaCore
import PactaFormats
import PactaTestSupport
import Testing

@testable import PactaSQLite

/// The compact binary form the SQLite index stores each treaty's model and log in (``CompactCoding``): every
/// treaty reads back equal, and bytes that are not such a value are a `DecodingError`, never a crash.
@Suite struct CompactCodingTests {
    struct Sample: Codable, Equatable {
        var name: String
        var count: Int
        var small: Int8
        var big: UInt64
        var ratio: Double
        var flag: Bool
        var missing: String?
        var present: Int?
        var list: [String]
        var nested: [String: [Int]]
    }

    @Test func everyShippedAndGeneratedTreatyReadsBackEqual() throws {
        let treaties = Array(Fixtures.shipped.corpus.treaties) + GeneratedTreaties.corpus(count: 60).treaties
        #expect(treaties.count > 100)
        for treaty in treaties {
            let stored = try SQLiteIndex.StoredModel.encoding(treaty)
            #expect(stored.count == treaty.events.count)
            var head = treaty
            head.events = []
            #expect(try CompactCoding.decode(Treaty.self, from: [UInt8](stored.model)) == head, "\(treaty.id)")
            #expect(
                try CompactCoding.decodeSequence(Event.self, from: [UInt8](stored.events)) == treaty.events,
                "\(treaty.id)")
        }
    }

    /// Events of the common kinds are written directly, not through `Codable`: the bytes are the same, for every
    /// event of the shipped and generated corpora and for events with every optional field given and none.
    @Test func eventsWrittenDirectlyAreTheBytesCodableWrites() throws {
        var events = Array(Fixtures.shipped.corpus.treaties.flatMap(\.events))
        events += GeneratedTreaties.corpus(count: 60).treaties.flatMap(\.events)
        let day = CalendarDate(year: 2001, month: 2, day: 3)!
        var full = Event(id: "e-full", date: day, kind: .signature(party: "FRA", by: "the minister"))
        full.earliestDate = CalendarDate(year: 2001, month: 1, day: 1)
        full.recorded = CalendarDate(year: 2002, month: 3, day: 4)
        full.recordedBy = "officer"
        full.source = "uno"
        full.note = "ünïcode note"
        for kind: Event.Kind in [
            .signature(party: "FRA", by: nil),
            .consent(party: "DEU", form: .ratification),
            .consent(
                party: "org:eu", form: .formalConfirmation, depositary: "USA", effectiveFrom: day,
                instrumentNumber: -60),
            .denunciation(party: "ITA", effective: nil),
            .denunciation(party: "ITA", effective: day, byAgreement: true),
            .exchangeOfInstruments(parties: ["FRA", "DEU"], place: nil),
        ] {
            var event = full
            event.kind = kind
            events.append(event)
            events.append(Event(id: "e-bare", date: day, kind: kind))
        }
        let kinds = Set(events.map(\.typeName))
        #expect(kinds.isSuperset(of: ["signature", "consent", "denunciation", "exchange-of-instruments"]))
        for event in events {
            let direct = try CompactCoding.encodeEach([event])
            #expect(direct == (try CompactCoding.encodeEach([event], direct: false)), "\(event.id)")
        }
        #expect(
            try CompactCoding.decodeSequence(Event.self, from: CompactCoding.encodeEach(events)) == LogArray(events))
    }

    @Test func valuesOfEveryKindReadBackEqual() throws {
        let sample = Sample(
            name: "Договор 條約 ✓", count: -123_456_789, small: -128, big: .max, ratio: -0.1, flag: true, missing: nil,
            present: 0, list: ["", "a"], nested: ["x": [1, -1, Int.min, Int.max], "": []])
        let bytes = try CompactCoding.encode(sample)
        #expect(try CompactCoding.decode(Sample.self, from: bytes) == sample)
        // Smaller than the same value as JSON.
        #expect(bytes.count < (try JSONEncoder().encode(sample)).count)
    }

    @Test func bytesThatAreNoValueAreADecodingError() throws {
        let bytes = try CompactCoding.encode(
            Sample(
                name: "n", count: 300, small: 1, big: 1, ratio: 1, flag: false, missing: "m", present: nil, list: ["l"],
                nested: [:]))
        // Every shorter prefix, a byte more, an unknown tag, a number too large for its type.
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: Array(bytes[..<length])) }
        }
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: bytes + [0]) }
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: [42]) }
        #expect(throws: DecodingError.self) {
            try CompactCoding.decode(Int8.self, from: try CompactCoding.encode(300))
        }
        // A count far beyond the bytes there are: an error, not a long loop.
        #expect(throws: DecodingError.self) {
            try CompactCoding.decode([String].self, from: [CompactCoding.unkeyedTag, 0xFF, 0xFF, 0xFF, 0x7F])
        }
        #expect(throws: DecodingError.self) {
            try CompactCoding.decode(Sample.self, from: [CompactCoding.keyedTag, 0xFF, 0xFF, 0xFF, 0xFF])
        }
        // Containers nested 100,000 deep: an error, not a stack overflow.
        let nesting: [UInt8] = [CompactCoding.unkeyedTag, 1, 0, 0, 0]
        let deep: [UInt8] =
            [CompactCoding.keyedTag, 1, 0, 0, 0, 4] + Array("name".utf8)
            + Array(repeating: nesting, count: 100_000).flatMap { $0 }
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: deep) }
    }
}
