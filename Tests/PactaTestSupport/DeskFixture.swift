import Foundation
import PactaCore
import PactaDesk

/// A temporary corpus folder for the desk's tests: the shipped `entities.yaml` and one bilateral treaty,
/// `th-vn-2026-friendship` (Thailand–Viet Nam, adopted 2026-03-01), written by `pacta new`'s template.
public enum DeskFixture {
    /// The treaty's id.
    public static let treaty = "th-vn-2026-friendship"

    /// Makes the folder and returns it with a desk over it.
    /// - Parameter delay: the treaty's entry-into-force delay after the exchange (`30d`), or none.
    public static func make(delay: String? = nil) throws -> (folder: String, desk: Desk) {
        let folder = TestFolder.path("desk")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: "\(Fixtures.corpusPath)/entities.yaml", toPath: "\(folder)/entities.yaml")
        let desk = try Desk(corpus: folder)
        _ = try desk.create(
            NewTreaty(
                id: treaty, kind: .bilateral, title: "Treaty of Friendship", parties: ["THA", "VNM"],
                adopted: CalendarDate(iso: "2026-03-01")!, delay: delay.flatMap(NewTreaty.Delay.init)))
        return (folder, desk)
    }
}
