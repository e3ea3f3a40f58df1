import Foundation
import PactaCore
import PactaDesk

/// `--desk [acts]`: the depositary's desk alone, in one process, without HTTP: the write benchmark's
/// 200-participant treaty (200 signatures, 200 ratifications, in force after 40 plus 30 days) written into a
/// temporary corpus, then `acts` domestic steps recorded in batches of 10 (as the server's group commit takes
/// ten waiting clients), each batch checked, appended, durably written. Prints the time per act, and the CPU time
/// per act, over each stretch of the log (the log grows by one event per act), so that work growing with the log
/// shows as growing figures.
func runDeskBenchmark(acts: Int) -> Int32 {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-desk-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let codes = PartyCodeTable.byAlpha3.values.filter { !$0.isFormer }.map(\.alpha3).sorted().prefix(200)
    let new = NewTreaty(
        id: "bench-200", kind: .multilateral, title: "Benchmark convention",
        parties: [PartyCode("FRA"), PartyCode("DEU")], adopted: CalendarDate(iso: "2000-01-01")!,
        place: nil, entryIntoForce: .consents(40), delay: NewTreaty.Delay("30d"))
    var text = new.text
    for (i, code) in codes.enumerated() {
        let day = 1 + i % 28
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        text +=
            "  - {id: b-sig-\(code.lowercased()), date: 2000-01-\(two(day)), type: signature, party: \(code)}\n"
            + "  - {id: b-rat-\(code.lowercased()), date: 2001-\(two(1 + i % 12))-\(two(day)), type: consent, form: ratification, party: \(code)}\n"
    }
    do {
        try text.write(toFile: "\(folder)/bench-200.yaml", atomically: true, encoding: String.Encoding.utf8)
        let desk = try Desk(corpus: folder)
        let today = CalendarDate(iso: "2026-12-05")!
        var corpus = Corpus(treaties: [])
        var done = 0
        var stretch = (wall: 0.0, cpu: 0.0, acts: 0)
        let report = max(acts / 8, 10)
        print("desk: \(acts) domestic steps into bench-200 (400 events at the start), batches of 10")
        while done < acts {
            let requests = (0..<min(10, acts - done)).map { n in
                Desk.Request(
                    fields: [
                        Field("type", .scalar("domestic-step")), Field("party", .scalar("FRA")),
                        Field("date", .scalar("2002-01-01")), Field("step", .scalar("benchmark \(done + n)")),
                    ], user: "bench")
            }
            let startWall = Date()
            let startCPU = clock()
            let lock = try desk.lock("bench-200")
            let results = desk.record(requests, in: "bench-200", holding: lock, corpus: corpus, today: today)
            lock.unlock()
            stretch.cpu += Double(clock() - startCPU) / Double(CLOCKS_PER_SEC)
            stretch.wall += Date().timeIntervalSince(startWall)
            stretch.acts += requests.count
            for result in results {
                if case .failure(let error) = result {
                    print("refused: \(error)")
                    return 1
                }
            }
            if let last = try results.last?.get() { corpus = corpus.replacing(last.read) }
            done += requests.count
            if stretch.acts >= report || done == acts {
                print(
                    String(
                        format: "  log %5d–%5d events: %7.1f µs an act (CPU %7.1f µs)", 400 + done - stretch.acts,
                        400 + done, stretch.wall / Double(stretch.acts) * 1e6, stretch.cpu / Double(stretch.acts) * 1e6
                    ))
                stretch = (0, 0, 0)
            }
        }
    } catch {
        print("desk benchmark: \(error)")
        return 1
    }
    return 0
}
