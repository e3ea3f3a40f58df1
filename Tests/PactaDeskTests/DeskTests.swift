import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaStore
import PactaTestSupport
import Testing

@Suite struct TreatyFileTextTests {
    let item = [Field("id", "e9"), Field("date", "2026-01-01"), Field("type", "signature"), Field("party", "FRA")]

    @Test func anEmptyFlowListBecomesABlockWithTheItem() throws {
        let text = "format: 1\nevents: []   # none yet\nrules: {}\n"
        #expect(
            try TreatyFileText.appendingItem(item, toList: "events", in: text)
                == "format: 1\nevents:\n  - {id: e9, date: 2026-01-01, type: signature, party: FRA}\nrules: {}\n")
    }

    @Test func aNullListBecomesABlockWithTheItem() throws {
        #expect(
            try TreatyFileText.appendingItem(item, toList: "events", in: "events: ~\n")
                == "events:\n  - {id: e9, date: 2026-01-01, type: signature, party: FRA}\n")
    }

    @Test func aMissingListIsAddedAtTheEnd() throws {
        #expect(
            try TreatyFileText.appendingItem(item, toList: "events", in: "format: 1\nid: x")
                == "format: 1\nid: x\nevents:\n  - {id: e9, date: 2026-01-01, type: signature, party: FRA}\n")
    }

    @Test func itemsAtColumnZeroAndWindowsLineEndsAreKept() throws {
        let text = "events:\r\n- {id: e1, date: 2026-01-01, type: signature, party: DEU}\r\nrules: {}\r\n"
        #expect(
            try TreatyFileText.appendingItem(item, toList: "events", in: text)
                == "events:\r\n- {id: e1, date: 2026-01-01, type: signature, party: DEU}\r\n- {id: e9, date: 2026-01-01, type: signature, party: FRA}\r\nrules: {}\r\n"
        )
    }

    /// A file whose lines end with a carriage return alone is refused with the line and what to do: edited as one
    /// line, the item would go after the whole file, under a second `events:` key.
    @Test func carriageReturnOnlyLineEndsAreRefused() {
        let text = "format: 1\rid: x\revents:\r  - {id: e1, date: 2026-01-01, type: signature, party: DEU}\r"
        do {
            _ = try TreatyFileText.appendingItem(item, toList: "events", in: text)
            Issue.record("a file with CR line ends was edited")
        } catch {
            #expect(
                error.description
                    == "line 1 of the file ends with a carriage return alone (the line end of classic Mac OS); save the file with LF (or CRLF) line ends and record again"
            )
        }
    }

    @Test func aOneLineListWithItemsIsRefused() {
        #expect(throws: TreatyFileText.EditError.self) {
            try TreatyFileText.appendingItem(item, toList: "events", in: "events: [{id: e1}]\n")
        }
    }

    /// A batch appends item after item where the last one went (``TreatyFileText/AppendPoint``), without scanning
    /// the file again: the text must be byte for byte what a full scan before each item gives, whether the list
    /// is followed by another block or comments, ends the file with or without an end of line, or uses CRLF.
    @Test(arguments: [
        "format: 1\nevents:\n  - {id: e1, date: 2026-01-01, type: signature, party: DEU}\n  # reviewed\nrules: {}\n",
        "events:\n  - {id: e1, date: 2026-01-01, type: signature, party: DEU}",
        "events:\r\n- {id: e1, date: 2026-01-01, type: signature, party: DEU}\r\nrules: {}\r\n",
        "id: x\nevents:\n    - {id: e1, date: 2026-01-01, type: signature, party: DEU}\n\n",
    ])
    func itemsOfABatchGoWhereAFullScanPutsThem(text: String) throws {
        var scanned = text
        var pointed = text
        var point: TreatyFileText.AppendPoint?
        for n in 2...5 {
            let next = [Field("id", .scalar("e\(n)"))] + item.dropFirst()
            scanned = try TreatyFileText.appendingItem(next, toList: "events", in: scanned)
            pointed = try TreatyFileText.appendingItem(next, toList: "events", in: pointed, point: &point)
            #expect(pointed == scanned)
            #expect(point != nil)
        }
        #expect(pointed.contains("{id: e5, date: 2026-01-01, type: signature, party: FRA}"))
    }

    /// A point found for one text is not used on another (a file changed by hand between two batches).
    @Test func aPointForAnotherTextIsNotUsed() throws {
        var point: TreatyFileText.AppendPoint?
        let first = try TreatyFileText.appendingItem(
            item, toList: "events", in: "events:\n  - {id: e1}\n", point: &point)
        #expect(first == "events:\n  - {id: e1}\n  - {id: e9, date: 2026-01-01, type: signature, party: FRA}\n")
        let edited = "# a comment added by hand\n" + first
        let second = try TreatyFileText.appendingItem(
            [Field("id", "e10")], toList: "events", in: edited, point: &point)
        #expect(second == edited + "  - {id: e10}\n")
    }

    @Test func textIsQuotedWhereAPlainScalarWouldReadOtherwise() {
        #expect(FieldValue.scalar("THA").yaml == "THA")
        #expect(FieldValue.scalar("2026-04-02").yaml == "2026-04-02")
        #expect(FieldValue.scalar("no").yaml == "\"no\"")
        #expect(FieldValue.scalar("a: b # c").yaml == "\"a: b # c\"")
        #expect(FieldValue.scalar("say \"hi\"\n").yaml == "\"say \\\"hi\\\"\\n\"")
        #expect(FieldValue.scalar("-x").yaml == "\"-x\"")
        // A boolean field's word is written plain, as the format reads it; the same word as text stays quoted.
        #expect(
            FieldValue.mapping([Field("by-agreement", "true"), Field("note", "true")]).yaml
                == "{by-agreement: true, note: \"true\"}")
    }
}

@Suite struct GroupCommitTests {
    /// A bilateral treaty THA–VNM in a temporary corpus.
    func desk() throws -> (Desk, Corpus, String) {
        let (folder, desk) = try DeskFixture.make()
        return (desk, try CorpusLoader().load(directory: folder).corpus, folder)
    }

    func consent(_ party: String, _ date: String) -> Desk.Request {
        Desk.Request(
            fields: [
                Field("date", .scalar(date)), Field("type", "consent"), Field("party", .scalar(party)),
                Field("form", "ratification"),
            ], user: "amina")
    }

    /// `requests` recorded in the fixture's treaty as the server's write queue records a batch: under the
    /// treaty's lock, taken and released here; today is 2026-12-05 unless given.
    func recordLocked(
        _ desk: Desk, _ requests: [Desk.Request], corpus: Corpus, today: CalendarDate = CalendarDate(iso: "2026-12-05")!
    ) throws -> [Result<Recording, DeskError>] {
        let lock = try desk.lock(DeskFixture.treaty)
        defer { lock.unlock() }
        return desk.record(requests, in: DeskFixture.treaty, holding: lock, corpus: corpus, today: today)
    }

    /// A lock released twice closes its descriptor once: the second release does not close the file or
    /// connection of the process that was given the same number in between.
    @Test func aLockReleasedTwiceClosesNothingElse() throws {
        let (desk, _, _) = try desk()
        let lock = try desk.lock(DeskFixture.treaty)
        lock.unlock()
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        lock.unlock()
        #expect(fcntl(ends[0], F_GETFD) >= 0)
        #expect(fcntl(ends[1], F_GETFD) >= 0)
        // The treaty can be locked again.
        try desk.lock(DeskFixture.treaty).unlock()
    }

    /// The temporary file of a write killed in the middle (never renamed over the treaty's) is removed when a
    /// server starts, unless a writer holds the treaty now (its write is under way); nothing else is touched.
    @Test func leftoversOfUnfinishedWritesAreRemovedUnlessAWriteIsUnderWay() throws {
        let (desk, _, folder) = try desk()
        let leftover = ".\(DeskFixture.treaty).yaml.Ab12Cd"
        for name in [leftover, ".notes.txt", ".\(DeskFixture.treaty).yaml.short"] {
            #expect(FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data()))
        }
        let held = try desk.lock(DeskFixture.treaty)
        #expect(desk.removeLeftovers() == [])
        held.unlock()
        #expect(desk.removeLeftovers() == [leftover])
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/\(leftover)"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/.notes.txt"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/\(DeskFixture.treaty).yaml"))
    }

    /// A signature recorded after a consent of the same day is taken (within a day, a signature comes before the
    /// consent it prepares: VCLT arts. 12, 14); one dated after the consent is refused.
    @Test func aSignatureOnTheDayOfTheConsentIsRecordedAfterIt() throws {
        let (desk, corpus, _) = try desk()
        func signature(_ date: String) -> Desk.Request {
            Desk.Request(
                fields: [Field("date", .scalar(date)), Field("type", "signature"), Field("party", "THA")],
                user: "amina")
        }
        let results = try recordLocked(
            desk, [consent("THA", "2026-04-02"), signature("2026-04-03"), signature("2026-04-02")], corpus: corpus)
        #expect((try? results[0].get()) != nil)
        guard case .failure(.refused(let faults)) = results[1] else {
            Issue.record("a signature after the consent was not refused: \(results[1])")
            return
        }
        #expect(faults.first?.message.contains("a signature comes before the consent it prepares") == true)
        let signed = try results[2].get()
        #expect(signed.statusAfter.state("THA")?.signature == CalendarDate(iso: "2026-04-02"))
    }

    /// A second exchange is refused with the date the record now gives for the first: the corrected one.
    @Test func aRefusalNamesTheCorrectedDateOfAnEarlierAct() throws {
        let (desk, corpus, _) = try desk()
        func act(_ fields: [Field]) -> Desk.Request { Desk.Request(fields: fields, user: "amina") }
        let exchange = [
            Field("date", "2026-05-20"), Field("type", "exchange-of-instruments"),
            Field("parties", .list(["THA", "VNM"])),
        ]
        let results = try recordLocked(
            desk,
            [
                consent("THA", "2026-04-02"), consent("VNM", "2026-04-20"),
                act([Field("id", "exch")] + exchange.map { $0.key == "date" ? Field("date", "2026-05-10") : $0 }),
                act([
                    Field("date", "2026-06-01"), Field("type", "correction"), Field("corrects", "exch"),
                    Field("replace", .mapping([Field("date", "2026-05-12")])),
                ]),
                act(exchange),
            ], corpus: corpus)
        #expect(results.prefix(4).allSatisfy { (try? $0.get()) != nil }, "\(results.prefix(4))")
        guard case .failure(.refused(let faults)) = results[4] else {
            Issue.record("a second exchange was not refused: \(results[4])")
            return
        }
        #expect(
            faults.first?.message
                == "The instruments of th-vn-2026-friendship were already exchanged on 2026-05-12 (event exch); a treaty's instruments are exchanged once. To change a wrong record, record a correction of exch."
        )
    }

    @Test func eachActIsCheckedAgainstTheOnesBeforeItAndTheFileIsWrittenOnce() throws {
        let (desk, corpus, folder) = try desk()
        let id = "th-vn-2026-friendship"
        let exchange = Desk.Request(
            fields: [
                Field("date", "2026-05-10"), Field("type", "exchange-of-instruments"),
                Field("parties", .list(["THA", "VNM"])),
            ],
            user: "amina")
        let results = try recordLocked(
            desk, [consent("THA", "2026-04-02"), consent("THA", "2026-04-03"), consent("VNM", "2026-04-20"), exchange],
            corpus: corpus)
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true, true])
        if case .failure(.refused(let faults)) = results[1] {
            #expect(
                faults.first?.message.hasPrefix("THA has already consented to be bound: its ratification of 2026-04-02")
                    == true)
        } else {
            Issue.record("the second consent of THA was not refused: \(results[1])")
        }
        // Every recording carries the version of the file as written, after all of them.
        let versions = Set(results.compactMap { try? $0.get().version })
        #expect(versions == [desk.version(of: id)])
        let exchanged = try results[3].get()
        #expect(exchanged.statusAfter.entryIntoForce == CalendarDate(iso: "2026-05-10"))
        let read = try CorpusLoader().load(directory: folder)
        #expect(read.diagnostics.filter(\.isError).isEmpty)
        #expect(read.corpus[id]?.events.count == 3)
    }

    /// An act recorded already is a conflict, whether it was recorded by this desk in an earlier batch (its act
    /// kept with the log's ids) or is in the file when a desk first reads it; the same act on another day, or of
    /// another State, is not.
    @Test func anActRecordedAlreadyIsAConflictFromTheFileOrAnEarlierBatch() throws {
        let (desk, corpus, folder) = try desk()
        let id = "th-vn-2026-friendship"
        _ = try recordLocked(desk, [consent("THA", "2026-04-02")], corpus: corpus)
        let fresh = try Desk(corpus: folder)
        for (round, current) in [desk, fresh].enumerated() {
            let results = try recordLocked(
                current, [consent("THA", "2026-04-02"), consent("VNM", "2026-04-02")], corpus: corpus)
            guard case .failure(.conflict(let message)) = results[0] else {
                Issue.record("the same act again was not a conflict: \(results[0])")
                continue
            }
            #expect(message.hasPrefix("This act is already recorded for \(id), as event \(id)-ratification-tha"))
            if round == 0 { #expect((try? results[1].get()) != nil) }
        }
    }

    /// An act refused after its line went into the text (the law's check reads the act back from it) leaves no
    /// trace: the file is byte for byte the file the other acts alone make, whether the line was inserted before
    /// a block that follows the events or the act also added a source.
    @Test(arguments: [false, true])
    func anActRefusedAfterItsLineWasWrittenLeavesNoTrace(eventsFollowed: Bool) throws {
        func written(_ requests: [Desk.Request]) throws -> String {
            let (desk, corpus, folder) = try desk()
            let id = "th-vn-2026-friendship"
            let path = "\(folder)/\(id).yaml"
            if eventsFollowed {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                try (text + "note: Kept by the treaty section.\n").write(
                    toFile: path, atomically: true, encoding: .utf8)
            }
            let results = try recordLocked(desk, requests, corpus: corpus)
            #expect(results.filter { (try? $0.get()) == nil }.count == requests.count - 2)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        var again = consent("THA", "2026-04-03")
        again.fields.append(Field("source", "gazette"))
        again.source = NewSource(key: "gazette", title: "Official gazette")
        let kept = [consent("THA", "2026-04-02"), consent("VNM", "2026-04-20")]
        let withRefusals = try written([kept[0], consent("THA", "2026-04-03"), again, kept[1]])
        #expect(withRefusals == (try written(kept)))
        #expect(!withRefusals.contains("gazette"))
        #expect(withRefusals.hasSuffix(eventsFollowed ? "note: Kept by the treaty section.\n" : "\n"))
    }

    /// Batch after batch, each recording's version is the hash of the file as written, whether the file's
    /// events end it or another block follows them, and when an act adds a source (which edits the text before
    /// the events): the version is hashed from where the last batch's lines went only while the text before is
    /// unchanged.
    @Test(arguments: [false, true])
    func eachBatchsVersionIsTheHashOfTheFileAsWritten(eventsFollowed: Bool) throws {
        let (desk, corpus, folder) = try desk()
        let id = "th-vn-2026-friendship"
        let path = "\(folder)/\(id).yaml"
        if eventsFollowed {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try (text + "# reviewed by the legal service\nnote: Kept by the treaty section.\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        func step(_ n: Int, source: NewSource? = nil) -> Desk.Request {
            var fields = [
                Field("date", "2026-04-01"), Field("type", "domestic-step"), Field("party", "THA"),
                Field("step", .scalar("step \(n)")),
            ]
            if let source { fields.append(Field("source", .scalar(source.key))) }
            return Desk.Request(fields: fields, source: source, user: "amina")
        }
        var n = 0
        for batch in 0..<6 {
            let source = batch == 3 ? NewSource(key: "gazette-\(batch)", title: "Official gazette") : nil
            let requests = (0..<3).map { position in
                n += 1
                return step(n, source: position == 1 ? source : nil)
            }
            let results = try recordLocked(desk, requests, corpus: corpus)
            let written = try #require(FileManager.default.contents(atPath: path))
            #expect(results.count == 3)
            for result in results { #expect(try result.get().version == ContentHash.of(written), "batch \(batch)") }
        }
        let read = try CorpusLoader().load(directory: folder)
        #expect(read.diagnostics.filter(\.isError).isEmpty)
        #expect(read.corpus[id]?.events.count == 18)
        #expect(read.corpus[id]?.sources["gazette-3"]?.title == "Official gazette")
        if eventsFollowed {
            #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("note: Kept by the treaty section.\n"))
        }
    }

    /// Acts dated today: the law's check reads the status before the act on its day, which is then also the
    /// status before that the recording reports (computed once for both); the refusal is the same sentence.
    @Test func actsOfTodayAreCheckedAgainstTheStatusBeforeThem() throws {
        let (desk, corpus, _) = try desk()
        let id = "th-vn-2026-friendship"
        let today = CalendarDate(iso: "2026-12-05")!
        let lock = try desk.lock(id)
        defer { lock.unlock() }
        let results = desk.record(
            [consent("THA", "2026-04-02"), consent("THA", "2026-12-05"), consent("VNM", "2026-12-05")], in: id,
            holding: lock, corpus: corpus, today: today)
        #expect(results.map { (try? $0.get()) != nil } == [true, false, true])
        if case .failure(.refused(let faults)) = results[1] {
            #expect(
                faults.first?.message.hasPrefix("THA has already consented to be bound: its ratification of 2026-04-02")
                    == true)
        } else {
            Issue.record("the second consent of THA was not refused: \(results[1])")
        }
        let vnm = try results[2].get()
        #expect(vnm.on == today)
        #expect(vnm.statusBefore.state("THA")?.consent?.date == CalendarDate(iso: "2026-04-02"))
        #expect(vnm.statusBefore.state("VNM")?.consent == nil)
        #expect(vnm.statusAfter.state("VNM")?.consent?.date == today)
    }

    /// Acts of one kind and party get numbered ids in one batch and the next: the first without a number, then
    /// 2, 3 ... after the highest number given so far.
    @Test func madeUpIdsAreNumberedAfterTheHighest() throws {
        let (desk, corpus, _) = try desk()
        let id = "th-vn-2026-friendship"
        func step(_ text: String) -> Desk.Request {
            Desk.Request(
                fields: [
                    Field("date", "2026-04-01"), Field("type", "domestic-step"), Field("party", "THA"),
                    Field("step", .scalar(text)),
                ], user: "amina")
        }
        let lock = try desk.lock(id)
        defer { lock.unlock() }
        let first = desk.record(
            [step("cabinet"), step("senate"), step("assembly")], in: id, holding: lock, corpus: corpus,
            today: CalendarDate(iso: "2026-12-05")!)
        #expect(
            first.compactMap { try? $0.get().event.id } == [
                "\(id)-domestic-step-tha", "\(id)-domestic-step-tha-2", "\(id)-domestic-step-tha-3",
            ])
        // An id given by hand with a higher number: the next made-up id follows it.
        var given = step("royal assent")
        given.fields.insert(Field("id", .scalar("\(id)-domestic-step-tha-7")), at: 0)
        let next = desk.record(
            [given, step("gazette")], in: id, holding: lock, corpus: corpus, today: CalendarDate(iso: "2026-12-05")!)
        #expect(
            next.compactMap { try? $0.get().event.id } == [
                "\(id)-domestic-step-tha-7", "\(id)-domestic-step-tha-8",
            ])
    }

    /// A key is a field name of the format: one that holds YAML's punctuation (which would write `recorded-by` or a
    /// comment into the file, forging who recorded the act and when) is refused before anything is written, at
    /// the top level and inside a correction's `replace`; and any key is written quoted where it is not plain.
    @Test func aKeyThatIsNotAFieldNameIsRefused() throws {
        let (desk, corpus, folder) = try desk()
        let path = "\(folder)/th-vn-2026-friendship.yaml"
        let before = try String(contentsOfFile: path, encoding: .utf8)
        var forged = consent("THA", "2026-04-02")
        forged.fields.append(Field("recorded: 2026-01-11, recorded-by: boss} #", "y"))
        var nested = consent("THA", "2026-04-02")
        nested.fields = [
            Field("date", "2026-06-02"), Field("type", "correction"), Field("corrects", "x"),
            Field("replace", .mapping([Field("note: x}, recorded-by: boss} #", "1")])),
        ]
        for request in [forged, nested] {
            let result = try recordLocked(desk, [request], corpus: corpus)
            guard case .failure(.refused(let faults)) = result[0] else {
                Issue.record("not refused: \(result[0])")
                continue
            }
            #expect(
                faults.first?.message.hasSuffix(
                    "is not a field of an event: a field name is lower-case letters, digits and '-' (docs/treaty-format.md lists each event type's fields)."
                ) == true)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(
            FieldValue.mapping([Field("a} #", "b"), Field("recorded-by", "amina")]).yaml
                == "{\"a} #\": b, recorded-by: amina}")
    }

    /// A write that would take the file over the 10 MB limit is refused, and the file stays as it was.
    @Test func aWriteDoesNotTakeTheFileOverTheSizeLimit() throws {
        let (desk, corpus, folder) = try desk()
        let path = "\(folder)/th-vn-2026-friendship.yaml"
        let note = String(repeating: "n", count: CorpusFiles.maximumBytes - 40_000)
        let text =
            try String(contentsOfFile: path, encoding: .utf8)
            + "  - {id: big, date: 2026-03-01, type: domestic-step, party: THA, note: \"\(note)\"}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let request = Desk.Request(
            fields: [
                Field("date", "2026-03-02"), Field("type", "domestic-step"), Field("party", "VNM"),
                Field("note", .scalar(String(repeating: "m", count: 60_000))),
            ], user: "amina")
        let result = try recordLocked(desk, [request], corpus: corpus)
        guard case .failure(.refused(let faults)) = result[0] else {
            Issue.record("not refused: \(result[0])")
            return
        }
        #expect(faults.first?.message.contains("over the limit of 10000000 for a treaty file") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    /// The appended line read alone says what a read of the whole file says of it.
    @Test(arguments: [
        "{id: a1, date: 2026-04-02, type: consent, party: THA, form: ratificaton}",
        "{id: a1, date: 2026-04-02, type: consent, party: XXQ, form: ratification}",
        "{id: a1, date: 2026-02-30, type: signature, party: THA}",
        "{id: a1, date: 2026-04-02, type: signature, party: THA, source: nowhere}",
        "{id: a1, date: 2026-04-02, type: consent, party: FRA, form: ratification}",
        "{id: a1, date: 2026-04-02, type: consent, party: THA, form: ratification}",
        "{id: a1, date: 2026-04-02, type: signature, party: THA, signed-by: x}",
        "{id: a1, date: 2026-04-02, type: objection, party: THA, to: nothing}",
    ])
    func theLineAloneReadsAsTheWholeFile(line: String) throws {
        let (_, _, folder) = try desk()
        let path = "\(folder)/th-vn-2026-friendship.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let reader = TreatyFileReader(organisations: [], regions: nil)
        let treaty = try #require(reader.read(text: text, file: path).treaty)
        var issues: Treaty.RecordChecks?
        let alone = reader.read(event: line, appendedTo: treaty, file: path, issues: &issues).diagnostics
        let whole = reader.read(text: text + "  - " + line + "\n", file: path).diagnostics
        #expect(alone.map(\.message).sorted() == whole.map(\.message).sorted())
        #expect(!alone.isEmpty)
    }
}

/// A State that has ceased to exist performs no act: the desk refuses one dated after its end.
@Suite struct CeasedStateAdmissionTests {
    @Test func anActByTheSovietUnionAfter1991IsRefused() throws {
        let corpus = Fixtures.shipped.corpus
        let treaty = try #require(corpus["su-mn-1966-friendship"])
        let lifecycle = Lifecycle(corpus: corpus)
        func step(_ party: PartyCode, _ date: String) -> Event {
            Event(
                id: "x", date: Fixtures.date(date), kind: .domesticStep(party: party, body: nil, step: "a decree"))
        }
        let faults = treaty.admissionFaults(of: step("SUN", "2000-01-01"), lifecycle: lifecycle)
        #expect(faults.map(\.section) == ["state-succession"])
        #expect(faults.first?.message.hasPrefix("SUN ceased to exist on 1991-12-25, succeeded by RUS;") == true)
        #expect(treaty.admissionFaults(of: step("SUN", "1990-01-01"), lifecycle: lifecycle) == [])
        #expect(treaty.admissionFaults(of: step("RUS", "2000-01-01"), lifecycle: lifecycle) == [])
    }
}
