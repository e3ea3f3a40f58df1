import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaPostgres
import PactaTestSupport
import Testing

@Suite struct RecordTextTests {
    /// Every shipped treaty file is cut into a head and one item per event, and joined back byte for byte.
    @Test func everyShippedFileIsCutIntoItsEventsAndJoinedByteForByte() throws {
        let corpus = Fixtures.shipped.corpus
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpusPath).filter(
            CorpusFiles.isTreatyFile)
        #expect(names.count == 69)
        for name in names {
            let text = try String(contentsOfFile: "\(Fixtures.corpusPath)/\(name)", encoding: .utf8)
            let split = RecordText(splitting: text)
            #expect(split.joined == text, "\(name)")
            // The items of the list as a reader of lines counts them: the lines of the `events` block that open
            // an item ("  - ") (the treaty's events also hold events derived from other sections).
            var inEvents = false
            var count = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("events:") {
                    inEvents = true
                } else if let first = line.first, ![" ", "#", "-"].contains(first) {
                    inEvents = false
                } else if inEvents, line.hasPrefix("  - ") {
                    count += 1
                }
            }
            #expect(split.items.count == count, "\(name)")
            #expect(split.items.allSatisfy { $0.hasPrefix("  - ") }, "\(name)")
            let treaty = try #require(corpus.treaties.first { "\($0.id).yaml" == name })
            let ids = Set(treaty.events.map(\.id))
            #expect(split.items.allSatisfy { RecordText.eventID(of: $0).map(ids.contains) == true }, "\(name)")
        }
        #expect(
            RecordText(splitting: try String(contentsOfFile: "\(Fixtures.corpusPath)/vclt-1969.yaml", encoding: .utf8))
                .items.count == 173)
        let text = try String(contentsOfFile: "\(Fixtures.corpusPath)/am-ru-1997-friendship.yaml", encoding: .utf8)
        #expect(
            RecordText(splitting: text).items.first
                == #"  - {id: amru97-sig-rus, date: 1997-08-29, type: signature, party: RUS, by: "President Boris Yeltsin", source: jamestown-1997}"#
        )
    }

    /// The items a batch of acts appends, found at the end of the text (``RecordText/items(appending:to:in:)``),
    /// are those a cut of the whole text gives after the first ones, for every shipped file with three acts
    /// appended as the desk appends them; where the text changed otherwise, none are found.
    @Test func itemsAppendedByTheDeskAreFoundAtTheEndOfTheText() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpusPath).filter(
            CorpusFiles.isTreatyFile)
        var found = 0
        for name in names {
            let text = try String(contentsOfFile: "\(Fixtures.corpusPath)/\(name)", encoding: .utf8)
            let before = RecordText(splitting: text)
            var after = text
            var point: TreatyFileText.AppendPoint?
            var lines: [String] = []
            for n in 1...3 {
                let fields = [Field("id", .scalar("appended-\(n)")), Field("type", .scalar("domestic-step"))]
                _ = try TreatyFileText.appendItem(fields, toList: "events", in: &after, point: &point)
                lines.append("- " + FieldValue.mapping(fields).yaml)
            }
            let whole = RecordText(splitting: after)
            let items = RecordText.items(appending: lines, to: before, in: after)
            if before.eventsAt != nil, before.items.count > 0 {
                #expect(items == Array(whole.items.dropFirst(before.items.count)), "\(name)")
                #expect(items?.last == "  - {id: appended-3, type: domestic-step}", "\(name)")
                #expect(whole.head == before.head && whole.eventsAt == before.eventsAt, "\(name)")
                found += 1
            }
        }
        #expect(found > 60)
        let text = "id: x\nevents:\n  - {id: a}\n  - {id: b}\nsources: {}\n"
        let before = RecordText(splitting: text)
        let appended = "id: x\nevents:\n  - {id: a}\n  - {id: b}\n  - {id: c}\nsources: {}\n"
        #expect(RecordText.items(appending: ["- {id: c}"], to: before, in: appended) == ["  - {id: c}"])
        // A comment after the last item, which the new item would take; a changed head; a line of two lines;
        // another line than the one given.
        let commented = RecordText(splitting: "id: x\nevents:\n  - {id: a}\n  # last\nsources: {}\n")
        #expect(
            RecordText.items(
                appending: ["- {id: c}"], to: commented,
                in: "id: x\nevents:\n  - {id: a}\n  # last\n  - {id: c}\nsources: {}\n") == nil)
        #expect(
            RecordText.items(
                appending: ["- {id: c}"], to: before,
                in: "id: y\nevents:\n  - {id: a}\n  - {id: b}\n  - {id: c}\nsources: {}\n") == nil)
        #expect(
            RecordText.items(
                appending: ["- {id: c,\n  x: 1}"], to: before,
                in: "id: x\nevents:\n  - {id: a}\n  - {id: b}\n  - {id: c,\n  x: 1}\nsources: {}\n") == nil)
        #expect(RecordText.items(appending: ["- {id: d}"], to: before, in: appended) == nil)
    }

    /// Comments between items go with the item before them; what follows the list stays in the head.
    @Test func itemsKeepTheirCommentsAndTheHeadKeepsTheRest() {
        let text = "id: x\nevents:\n  - {id: a}\n  # c\n  - id: b\n    date: 2020-01-01\n# end\nnote: y\n"
        let split = RecordText(splitting: text)
        #expect(split.items == ["  - {id: a}\n  # c", "  - id: b\n    date: 2020-01-01"])
        #expect(split.head == "id: x\nevents:\n\n# end\nnote: y\n")
        #expect(split.eventsAt == 14)
        #expect(split.joined == text)
        // No events yet, a flow list, and CRLF line ends.
        #expect(RecordText(splitting: "id: x\nevents: []\n").eventsAt == nil)
        #expect(RecordText(splitting: "id: x\nevents: [{id: a}]\n").items.isEmpty)
        let crlf = "id: x\r\nevents:\r\n  - {id: a}\r\n  - {id: b}\r\n"
        #expect(RecordText(splitting: crlf).items == ["  - {id: a}", "  - {id: b}"])
        #expect(RecordText(splitting: crlf).joined == crlf)
        // A file that ends without a line end.
        let bare = "id: x\nevents:\n  - {id: a}"
        #expect(RecordText(splitting: bare).items == ["  - {id: a}"])
        #expect(RecordText(splitting: bare).joined == bare)
    }
}
