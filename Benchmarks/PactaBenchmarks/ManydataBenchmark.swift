import Foundation
import PactaCore
import PactaImport
import PactaTables

/// A generated manydata memberships table: `agreements` agreements of `states` States each (one row per
/// agreement and State), with signatures, ratifications or accessions, dates in force and a few withdrawals, and one
/// row in a hundred faulty (a day that does not exist), so that refusals are part of the measure.
func generateMemberships(agreements: Int, states: Int) -> String {
    var random = SplitMix64(state: 1949)
    let codes = PartyCodeTable.byAlpha3.values.filter { !$0.isFormer }.map(\.alpha3).sorted()
    let header =
        "manyID,treatyID,stateID,Title,Begin,End,Signature,Force,stateSignature,stateRat,stateForce,stateWithdrawal,Accession,Acceptance,Succession\n"
    var out = header
    out.reserveCapacity(agreements * states * 160)
    func text(_ date: CalendarDate) -> String {
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(date.day)).\(two(date.month)).\(date.year)"
    }
    for agreement in 0..<agreements {
        let begin = CalendarDate(year: 1950 + agreement % 60, month: 1 + agreement % 12, day: 1 + agreement % 28)!
        let force = begin.adding(days: 400 + Int(random.next() % 400))
        let manyID = "GEN\(agreement)_\(begin.year)A"
        let title = "Generated Agreement Number \(agreement)"
        for index in 0..<states {
            let code = codes[(agreement * 7 + index) % codes.count]
            let signature = begin.adding(days: Int(random.next() % 200))
            let consent = signature.adding(days: 30 + Int(random.next() % 2_000))
            let accession = random.next() % 3 == 0
            let withdrawal = random.next() % 20 == 0 ? text(consent.adding(days: 1_000)) : "NA"
            let rat = random.next() % 100 == 0 ? "31.02.\(consent.year)" : text(consent)
            out +=
                "\(manyID),\(manyID),\(code),\(title),\(text(begin)),31.12.9999,\(text(begin)),\(text(force)),"
                + "\(accession ? "NA" : text(signature)),\(rat),\(text(max(consent, force).adding(days: 90))),"
                + "\(withdrawal),\(accession ? rat : "NA"),NA,NA\n"
        }
    }
    return out
}

/// `--import-manydata [rows]`: times `pacta import manydata`'s work (read, check, write) on a generated table.
func runImportBenchmark(rows: Int) {
    let states = 100
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pacta-import-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let table = folder.appendingPathComponent("memberships.csv")
    let text = generateMemberships(agreements: max(1, rows / states), states: states)
    try! Data(text.utf8).write(to: table)
    print("generated \(rows) rows (\(text.utf8.count / 1_000_000) MB), \(rows / states) agreements of \(states) States")
    let clock = ContinuousClock()
    // Without the read-back check of each file: what reading the table and making the files cost alone.
    let unchecked = ManydataImport(configuration: .init(dataSet: "generated", version: "benchmark", check: false))
    let start = clock.now
    let output = try! unchecked.run(memberships: table.path)
    print(
        "import manydata without the check: \(output.rowsRead) rows, \(output.files.count) files: \(clock.now - start)")
    let importer = ManydataImport(configuration: .init(dataSet: "generated", version: "benchmark"))
    for round in 1...3 {
        let out = folder.appendingPathComponent("out\(round)").path
        let start = clock.now
        let output = try! importer.run(memberships: table.path)
        let built = clock.now
        let written = try! ManydataImport.write(output, to: out)
        let end = clock.now
        print(
            "import manydata, round \(round): \(output.rowsRead) rows, \(written) files, \(output.refusals.count) refused; read and check \(built - start), write \(end - built), total \(end - start)"
        )
    }
}
