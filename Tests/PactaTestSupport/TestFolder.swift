import Foundation

/// Paths for the tests' temporary files and folders, all under one folder of this test process
/// (`$TMPDIR/pacta-tests-PID`), which is removed when the process exits: a test run leaves nothing in the
/// temporary folder, whatever its tests remove themselves.
public enum TestFolder {
    /// The folder of this process, made the first time a path is asked for.
    public static let root: String = {
        let root = NSTemporaryDirectory() + "pacta-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestFolder.root) }
        return root
    }()

    /// A new path under ``root``: `NAME-UUID` followed by `suffix` (`.sqlite`, `.yaml`), not created.
    public static func path(_ name: String, suffix: String = "") -> String {
        "\(root)/\(name)-\(UUID().uuidString)\(suffix)"
    }

    /// ``path(_:suffix:)`` as a file URL.
    public static func url(_ name: String, suffix: String = "") -> URL {
        URL(fileURLWithPath: path(name, suffix: suffix))
    }
}
