import Foundation

/// A file a command reads as its input (a data set's table, an Akoma Ntoso document), with an error that says why
/// it cannot be read.
enum InputFile {
    /// The bytes of the file at `path`.
    /// - Throws: ``CLIError``: `cannot read PATH: no such file`, `... it is a folder; give a file`, `... not
    ///   readable (permissions)`.
    static func data(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CLIError("cannot read \(path): no such file.")
        }
        if isFolder.boolValue { throw CLIError("cannot read \(path): it is a folder; give a file.") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path): not readable (check its permissions).")
        }
        return data
    }

    /// The text of the file at `path`, which must be UTF-8.
    /// - Throws: ``CLIError`` as ``data(_:)``, and `PATH is not UTF-8 text`.
    static func text(_ path: String) throws -> String {
        guard let text = String(data: try data(path), encoding: .utf8) else {
            throw CLIError("cannot read \(path): it is not UTF-8 text (save the table as UTF-8 CSV).")
        }
        return text
    }
}
