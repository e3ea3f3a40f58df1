import Foundation
import PactaCore

/// Reads a corpus folder: every `*.yaml`, `*.yml` and `*.json` treaty file, and `entities.yaml` for the
/// organisations it declares. Reports every error of every file, and the corpus-wide ones (an event id
/// or a treaty id used twice, a file not named after its treaty).
/// The names of a corpus folder's two non-treaty files.
public enum CorpusFiles {
    public static let entities = "entities.yaml"
    public static let regions = "regions.yaml"
    /// What the corpus claims to hold (``CorpusScope``): `scope`, `record-through`, `complete-for`.
    public static let scope = "corpus.yaml"
    /// The successions of States every treaty reads (``StateSuccession``).
    public static let successions = "successions.yaml"
    /// Every file of a corpus folder that is not a treaty.
    public static let context = [entities, regions, scope, successions]

    /// Whether a file of the corpus folder, by name, holds a treaty: `.yaml`, `.yml` or `.json`, not one of the
    /// ``context`` files, and not hidden (the users file `.pacta-users.json`, lock and temporary files start with
    /// a dot). The extension in any case: `UP.YAML` is read, and refused for its name
    /// (``hasLowerCaseExtension(_:)``), rather than passed over without a word.
    public static func isTreatyFile(_ name: String) -> Bool {
        guard !name.hasPrefix("."), !context.contains(name) else { return false }
        if hasLowerCaseExtension(name) { return true }
        guard let dot = name.lastIndex(of: ".") else { return false }
        return ["yaml", "yml", "json"].contains(name[name.index(after: dot)...].lowercased())
    }

    /// Whether treaty file `name` is named after treaty `id` as a treaty's file must be: the id, then `.yaml`,
    /// `.yml` or `.json` in lower case (``hasLowerCaseExtension(_:)``).
    public static func isNamed(_ name: String, after id: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), name[..<dot] == id else { return false }
        return hasLowerCaseExtension(name)
    }

    /// Whether `name` ends in `.yaml`, `.yml` or `.json`, in lower case: a treaty's file is looked for by its id
    /// and those extensions (`ID.yaml`), so a treaty file named otherwise is refused.
    public static func hasLowerCaseExtension(_ name: String) -> Bool {
        [".yaml", ".yml", ".json"].contains(where: name.hasSuffix)
    }

    /// The largest file Pacta reads, in bytes (10 MB; the largest treaty file of the shipped corpus is under
    /// 100 KB): a larger one is refused before it is read, so that no file can hold the reader for long.
    public static let maximumBytes = 10_000_000

    /// A file's size, modification time and status change time, as one `stat` call gives them: what tells,
    /// without reading the file, that it has not changed (as git does). The status change time (`ctime`) is set by
    /// the system on every write and cannot be set back, so an edit of the same size whose modification time was
    /// put back (`touch -r`, an archive unpacked) still shows.
    public struct Stamp: Sendable, Hashable, CustomStringConvertible {
        /// Bytes.
        public var size: Int
        /// The modification time.
        public var seconds: Int
        public var nanoseconds: Int
        /// The status change time (`ctime`).
        public var changeSeconds: Int
        public var changeNanoseconds: Int
        public init(size: Int, seconds: Int, nanoseconds: Int, changeSeconds: Int = 0, changeNanoseconds: Int = 0) {
            self.size = size
            self.seconds = seconds
            self.nanoseconds = nanoseconds
            self.changeSeconds = changeSeconds
            self.changeNanoseconds = changeNanoseconds
        }

        /// `@size:seconds.nanoseconds:changeSeconds.changeNanoseconds`, the suffix of an index's fingerprints (an
        /// index written before the change time was kept has `@size:seconds.nanoseconds`: its files are hashed once
        /// again, and not parsed, as touched files are).
        public var description: String {
            "@\(size):\(seconds).\(nanoseconds):\(changeSeconds).\(changeNanoseconds)"
        }
    }

    /// The ``Stamp`` of the file at `path`; `nil` where it cannot be looked at.
    public static func stamp(ofFile path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return stamp(info)
    }

    /// The ``Stamp`` of the file `name` of the open folder `folder` (a descriptor from `dirfd`), looked at
    /// relative to it (`fstatat`: no path resolved from the root); `nil` where it cannot be looked at.
    public static func stamp(ofFile name: String, inFolder folder: Int32) -> Stamp? {
        var info = stat()
        guard fstatat(folder, name, &info, 0) == 0 else { return nil }
        return stamp(info)
    }

    /// The names of the entries of the folder at `path` (files and folders, hidden ones too, without `.` and
    /// `..`), in the order the file system lists them: one `readdir` pass (Foundation's listing costs several
    /// times more at 250,000 files).
    /// - Throws: ``Diagnostic`` where the folder cannot be opened.
    public static func names(inFolder path: String) throws -> [String] {
        guard let folder = opendir(path) else {
            throw Diagnostic(
                file: path, line: 0, column: 0, message: "cannot list the folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The size, modification and status change times `stat` gave.
    public static func stamp(_ info: stat) -> Stamp {
        #if os(Linux)
            let time = info.st_mtim
            let change = info.st_ctim
        #else
            let time = info.st_mtimespec
            let change = info.st_ctimespec
        #endif
        return Stamp(
            size: Int(info.st_size), seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec),
            changeSeconds: Int(change.tv_sec), changeNanoseconds: Int(change.tv_nsec))
    }

    /// The text of the corpus file at `path`, refused where it is larger than ``maximumBytes``, unreadable or
    /// not UTF-8. A file whose size or modification time changes while it is read (an editor or a script saving
    /// it) is read again, up to three times, so that a half-written file is not taken for the file.
    /// - Throws: ``Diagnostic`` at line 1, column 1 (the whole file).
    public static func text(ofFile path: String) throws -> String { try text(ofFile: path, afterReading: {}) }

    /// ``text(ofFile:)`` calling `afterReading` after each read, before the file is looked at again (tests
    /// change the file there).
    package static func text(ofFile path: String, afterReading: () -> Void) throws -> String {
        let (data, _) = try bytes(ofFile: path, afterReading: afterReading)
        guard let text = String(data: data, encoding: .utf8) else { throw notUTF8(data, file: path) }
        return text
    }

    /// The bytes of the corpus file at `path`, read as ``text(ofFile:)`` reads them (refused over
    /// ``maximumBytes`` or where it is not a regular file, read again where it changes while it is read), with the
    /// file's ``Stamp`` while they were read: what an index keeps as the file's fingerprint is the hash of these
    /// very bytes and that stamp.
    /// - Throws: ``Diagnostic`` at line 1, column 1 (the whole file).
    public static func bytes(ofFile path: String) throws -> (data: Data, stamp: Stamp) {
        try bytes(ofFile: path, afterReading: {})
    }

    /// ``bytes(ofFile:)`` calling `afterReading` after each read (see ``text(ofFile:afterReading:)``).
    private static func bytes(ofFile path: String, afterReading: () -> Void) throws -> (data: Data, stamp: Stamp) {
        func unreadable(_ why: String? = nil) -> Diagnostic {
            let why = why ?? String(cString: strerror(errno)).lowercased()
            return Diagnostic(file: path, line: 1, column: 1, message: "the file cannot be read: \(why)")
        }
        for _ in 0..<3 {
            // The stamps before and after are those of the open file (`fstat`), not looked up by path twice: a file
            // replaced by another while it is read is read whole as it was, and its own stamp kept with it.
            // Not blocking: a named pipe (or a device) under a treaty file's name is refused, not waited on.
            let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard file >= 0 else { throw unreadable() }
            defer { close(file) }
            var info = stat()
            guard fstat(file, &info) == 0 else { throw unreadable() }
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw unreadable("it is a folder, not a file")
            case S_IFIFO: throw unreadable("it is a named pipe, not a file")
            default: throw unreadable("it is a device or a socket, not a file")
            }
            let before = stamp(info)
            if before.size > maximumBytes {
                throw Diagnostic(
                    file: path, line: 1, column: 1,
                    message:
                        "the file is \(before.size) bytes, over the limit of \(maximumBytes) bytes for a corpus file; split it (one treaty a file) or remove what is not the treaty's record"
                )
            }
            // Read to its end (it may have grown since), never past the limit.
            var data = Data(count: before.size + 1)
            var length = 0
            while length <= maximumBytes {
                if length == data.count { data.count = min(2 * data.count, maximumBytes + 1) }
                let got = data.withUnsafeMutableBytes { buffer in
                    read(file, buffer.baseAddress! + length, buffer.count - length)
                }
                if got < 0, errno == EINTR { continue }
                guard got >= 0 else { throw unreadable() }
                if got == 0 { break }
                length += got
            }
            data.count = length
            afterReading()
            guard fstat(file, &info) == 0 else { throw unreadable() }
            guard stamp(info) == before, length == before.size else { continue }
            return (data, before)
        }
        throw Diagnostic(
            file: path, line: 1, column: 1,
            message: "the file changed each of the 3 times it was read; run the command again once it is saved")
    }

    /// Asks the kernel to start reading the named files of the folder at `folder` into its page cache, without
    /// waiting for them (`posix_fadvise` `WILLNEED`): what the indexer does for the next chunk of files while it
    /// parses one, so that a folder not yet in memory is read from the disk while the cores parse instead of
    /// each core waiting on its file in turn. A file that cannot be opened is passed over (its reader says why).
    public static func prefetch(_ names: some Sequence<String>, inFolder folder: String) {
        #if os(Linux)
            let directory = open(folder, O_RDONLY | O_DIRECTORY)
            guard directory >= 0 else { return }
            defer { close(directory) }
            for name in names {
                let file = openat(directory, name, O_RDONLY | O_NONBLOCK)
                guard file >= 0 else { continue }
                _ = posix_fadvise(file, 0, 0, POSIX_FADV_WILLNEED)
                close(file)
            }
        #endif
    }

    /// Where and how `data` is not UTF-8: a UTF-32 or UTF-16 file by its byte order mark (UTF-32's little-endian
    /// mark begins with UTF-16's, so it is looked for first); else the first byte that is not, with its line and
    /// column (the bytes before it, as UTF-8), and what to do.
    static func notUTF8(_ data: Data, file: String) -> Diagnostic {
        let bytes = [UInt8](data)
        let marks: [(bytes: [UInt8], encoding: String)] = [
            ([0xFF, 0xFE, 0x00, 0x00], "UTF-32"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32"), ([0xFF, 0xFE], "UTF-16"),
            ([0xFE, 0xFF], "UTF-16"),
        ]
        if let mark = marks.first(where: { bytes.starts(with: $0.bytes) }) {
            let shown = mark.bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
            return Diagnostic(
                file: file, line: 1, column: 1,
                message:
                    "the file is not UTF-8 text: it is \(mark.encoding) (it starts with the byte order mark \(shown)); save it as UTF-8"
            )
        }
        if let encoding = NodeReader.utf16WithoutMark(bytes) {
            return Diagnostic(
                file: file, line: 1, column: 1,
                message:
                    "the file is not UTF-8 text: it looks like \(encoding) without a byte order mark (every other byte is 0); save it as UTF-8"
            )
        }
        // The longest prefix that decodes, then the position of the byte after it.
        var valid = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                valid = offset
            case .emptyInput, .error: break decoding
            }
        }
        let before = String(decoding: bytes[..<valid], as: UTF8.self)
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.count + 1 } ?? 1
        let byte = valid < bytes.count ? String(format: "%02X", bytes[valid]) : "?"
        return Diagnostic(
            file: file, line: line, column: column,
            message:
                "the file is not UTF-8 text: byte \(byte) here is not UTF-8 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8"
        )
    }
}

public struct CorpusLoader: Sendable {
    /// The folder's treaties, and every diagnostic found.
    public struct Result: Sendable {
        public var corpus: Corpus
        public var diagnostics: [Diagnostic]
        /// The files read, relative paths as shown in diagnostics.
        public var files: [String]
    }

    public init() {}

    /// Reads the folder at `path` (or the single treaty file at `path`).
    /// - Throws: ``Diagnostic`` where the folder cannot be read at all.
    public func load(directory path: String) throws -> Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A link to nothing is there, and says where it leads; anything else is not.
            let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
            throw Diagnostic(
                file: path, line: 0, column: 0,
                message: target.map { "a symbolic link to '\($0)', which does not exist" }
                    ?? "no such corpus folder or treaty file")
        }
        guard isDirectory.boolValue else { return try load(file: path) }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let names = try FileManager.default.contentsOfDirectory(atPath: base).sorted()
        return load(base: base, names: names) { try read("\(base)/\($0)") }
    }

    /// Reads a corpus whose treaty files are given as texts, not read from disk (a database's record), against
    /// the context files (``CorpusFiles/context``) of folder `path`: the same treaties and diagnostics, with the
    /// same file paths (`path/NAME`), as ``load(directory:)`` gives for a folder holding those files.
    /// - Parameter treaties: each treaty file's name (`ID.yaml`) and text.
    public func load(context path: String, treaties: [(name: String, text: String)]) -> Result {
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        let texts = Dictionary(treaties.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
        let present = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter {
            CorpusFiles.context.contains($0)
        }
        return load(base: base, names: (present + texts.keys).sorted()) { name in
            guard let text = texts[name] else { return try read("\(base)/\(name)") }
            return text
        }
    }

    /// ``load(directory:)`` of the files `names` of folder `base`, each treaty file's text from `text`.
    private func load(base: String, names: [String], text: (String) throws -> String) -> Result {
        var diagnostics: [Diagnostic] = []
        let context = readContext(base: base, names: names, &diagnostics)
        var reader = TreatyFileReader(organisations: Set(context.entities.keys))
        reader.regions = Set(context.regions.keys)
        var collection = TreatyCollection(diagnostics: diagnostics)
        var files: [String] = []
        // A file not named after its treaty is refused for its name; it is added after the others, so that it
        // does not take its treaty's or its events' ids from the file that is (`ANZUS.YAML` sorts before
        // `anzus-1951.yaml`, and the well-named file was blamed for the ids).
        var misnamed: [(result: TreatyFileReader.Result, name: String, file: String)] = []
        for name in names where CorpusFiles.isTreatyFile(name) {
            let file = "\(base)/\(name)"
            files.append(file)
            do {
                let result = reader.read(text: try text(name), file: file)
                if let treaty = result.treaty, !treaty.id.isEmpty, !CorpusFiles.isNamed(name, after: treaty.id) {
                    misnamed.append((result, name, file))
                    continue
                }
                collection.add(result, name: name, file: file)
            } catch let problem as Diagnostic {
                collection.diagnostics.append(problem)
            } catch {
                collection.diagnostics.append(Diagnostic(file: file, line: 1, column: 1, message: "\(error)"))
            }
        }
        for (result, name, file) in misnamed { collection.add(result, name: name, file: file) }
        collection.diagnostics += Self.references(collection.treaties, files: collection.treatyFiles)
        return Result(
            corpus: Corpus(
                treaties: collection.treaties, entities: context.entities, regions: context.regions,
                scope: context.scope, successions: context.successions),
            diagnostics: Self.sorted(collection.diagnostics),
            files: files)
    }

    /// Reads the single treaty file at `path` as a corpus of one treaty, with what its folder declares, as a check
    /// of the whole folder reads it: the organisations of `entities.yaml`, the regions of `regions.yaml`, the
    /// scope of `corpus.yaml` and the successions of `successions.yaml`, where the folder has them (their own
    /// faults are reported too). A folder without `entities.yaml` declares no organisation, and one without
    /// `regions.yaml` no region.
    /// - Returns: one located error where the file cannot be read (too large, not UTF-8), as in a folder.
    private func load(file path: String) throws -> Result {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let base = folder == "/" ? "" : folder
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // A folder's file that is not a treaty (`entities.yaml` ...), checked alone: read as the folder's check
        // reads it, with its own faults, not as a treaty file that lacks every treaty's field.
        if CorpusFiles.context.contains(name) {
            var diagnostics: [Diagnostic] = []
            let context = readContext(base: base, names: [name], &diagnostics)
            // Named as the user named the file (`entities.yaml`, not `./entities.yaml`).
            for index in diagnostics.indices where diagnostics[index].file == "\(base)/\(name)" {
                diagnostics[index].file = path
            }
            return Result(
                corpus: Corpus(
                    treaties: [], entities: context.entities, regions: context.regions, scope: context.scope,
                    successions: context.successions),
                diagnostics: Self.sorted(diagnostics), files: [path])
        }
        let text: String
        do {
            text = try read(path)
        } catch let problem as Diagnostic {
            return Result(corpus: Corpus(treaties: []), diagnostics: [problem], files: [path])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var diagnostics: [Diagnostic] = []
        let context = readContext(base: base, names: names.filter(CorpusFiles.context.contains), &diagnostics)
        var reader = TreatyFileReader(organisations: Set(context.entities.keys))
        reader.regions = Set(context.regions.keys)
        // The file's own corpus-wide check: a file not named after its treaty (as in a folder's check).
        var collection = TreatyCollection(diagnostics: diagnostics)
        collection.add(reader.read(text: text, file: path), name: name, file: path)
        return Result(
            corpus: Corpus(
                treaties: collection.treaties, entities: context.entities, regions: context.regions,
                scope: context.scope, successions: context.successions),
            diagnostics: Self.sorted(collection.diagnostics), files: [path])
    }

    /// What a corpus folder declares besides its treaties: the files ``CorpusFiles/context`` names.
    private struct FolderContext {
        var entities: [PartyCode: Corpus.Entity] = [:]
        var regions: [String: Region] = [:]
        var scope: CorpusScope?
        var successions: [StateSuccession] = []
    }

    /// Reads those of the context files (entities, regions, scope, successions, in that order) that `names`,
    /// the folder's file names, holds; their faults are added to `diagnostics`.
    private func readContext(base: String, names: [String], _ diagnostics: inout [Diagnostic]) -> FolderContext {
        var context = FolderContext()
        if names.contains("entities.yaml") {
            let file = "\(base)/entities.yaml"
            let (read, problems) = readEntities(text: contextText(file, &diagnostics), file: file)
            context.entities = read
            diagnostics += problems
        }
        if names.contains("regions.yaml") {
            let file = "\(base)/regions.yaml"
            let (read, problems) = readRegions(text: contextText(file, &diagnostics), file: file)
            context.regions = read
            diagnostics += problems
        }
        if names.contains(CorpusFiles.scope) {
            let file = "\(base)/\(CorpusFiles.scope)"
            let (read, problems) = readScope(text: contextText(file, &diagnostics), file: file)
            context.scope = read
            diagnostics += problems
        }
        if names.contains(CorpusFiles.successions) {
            let file = "\(base)/\(CorpusFiles.successions)"
            let (read, problems) = readSuccessions(text: contextText(file, &diagnostics), file: file)
            context.successions = read
            diagnostics += problems
        }
        return context
    }

    /// The treaties of a folder, gathered file after file, with the corpus-wide checks made as they come: a
    /// file not named after its treaty, a treaty id or an event id used twice.
    private struct TreatyCollection {
        /// Every diagnostic so far, in the order found.
        var diagnostics: [Diagnostic]
        var treaties: [Treaty] = []
        /// The file of each treaty id (the first that holds it).
        var treatyFiles: [String: String] = [:]
        /// Where each event id is first declared.
        var eventFiles: [String: Diagnostic] = [:]

        /// Adds what reading the treaty file `name` (at `file`) gave: its diagnostics, and its treaty unless
        /// the file could not be read or the treaty's id is already used.
        mutating func add(_ result: TreatyFileReader.Result, name: String, file: String) {
            diagnostics += result.diagnostics
            guard let treaty = result.treaty else { return }
            let dot = name.lastIndex(of: ".")!
            let stem = String(name[..<dot])
            if !treaty.id.isEmpty, stem != treaty.id {
                diagnostics.append(
                    CorpusLoader.located(
                        file: file,
                        message:
                            "the file is named '\(name)' but holds treaty '\(treaty.id)'; name it '\(treaty.id).yaml'",
                        at: ["id:", treaty.id]))
            } else if !treaty.id.isEmpty, !CorpusFiles.hasLowerCaseExtension(name) {
                let ext = name[name.index(after: dot)...]
                let lower = ext.lowercased()
                let message =
                    ["yaml", "yml", "json"].contains(lower)
                    ? "the file's extension '\(ext)' is not in lower case; name it '\(treaty.id).\(lower)' (a treaty's file is found by its id and a lower-case .yaml, .yml or .json)"
                    : "'.\(ext)' is not a treaty file's extension; name it '\(treaty.id).yaml' (a treaty's file is found by its id and .yaml, .yml or .json)"
                diagnostics.append(CorpusLoader.located(file: file, message: message, at: ["id:", treaty.id]))
            }
            if let other = treatyFiles[treaty.id] {
                diagnostics.append(
                    CorpusLoader.located(
                        file: file, message: "treaty id '\(treaty.id)' is already used by \(other)",
                        at: ["id:", treaty.id]))
                return
            }
            treatyFiles[treaty.id] = file
            addEvents(result.eventLocations)
            treaties.append(treaty)
        }

        /// Records where each of a treaty's event ids is declared, in line order; one already used in the
        /// corpus is a diagnostic at its second place.
        private mutating func addEvents(_ locations: [String: Diagnostic]) {
            for (id, location) in locations.sorted(by: { $0.value.line < $1.value.line }) {
                if let first = eventFiles[id] {
                    var duplicate = location
                    duplicate.message =
                        "event id '\(id)' is already used at \(first.location); event ids are unique in a corpus"
                    diagnostics.append(duplicate)
                } else {
                    eventFiles[id] = location
                }
            }
        }
    }

    /// Corpus-wide references between treaties: a `treaty-in-force` condition or a termination's `by` that names
    /// no treaty of the corpus, and `treaty-in-force` conditions that form a cycle (no date could be computed).
    /// A diagnostic at the first line of `file` that holds every one of `needles` (the column of the last), with
    /// the line as its excerpt; line 1, column 1 (the whole file) where none does.
    static func located(file: String, message: String, at needles: [String]) -> Diagnostic {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
        else { return Diagnostic(file: file, line: 1, column: 1, message: message) }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where needles.allSatisfy({ line.contains($0) }) {
            let column =
                needles.last.flatMap { line.range(of: $0) }.map {
                    line.distance(from: line.startIndex, to: $0.lowerBound) + 1
                } ?? 1
            return Diagnostic(
                file: file, line: number + 1, column: column, message: message, sourceLine: String(line))
        }
        return Diagnostic(file: file, line: 1, column: 1, message: message)
    }

    public static func references(_ treaties: [Treaty], files: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let ids = Set(treaties.map(\.id))
        var edges: [String: [String]] = [:]
        func references(in condition: Condition) -> [String] {
            switch condition {
            case .treatyInForce(let id): [id]
            case .all(let list), .any(let list): list.flatMap(references)
            default: []
            }
        }
        for treaty in treaties {
            let file = files[treaty.id] ?? treaty.id
            var named: [String] = []
            if let rule = treaty.rules.entryIntoForce { named += references(in: rule.condition) }
            for part in treaty.rules.partial { named += references(in: part.condition) }
            for id in named where !ids.contains(id) {
                diagnostics.append(
                    Self.located(
                        file: file, message: "treaty-in-force names '\(id)', which is not a treaty of the corpus",
                        at: ["treaty-in-force", id]))
            }
            edges[treaty.id] = named.filter(ids.contains)
            if let amends = treaty.amends {
                if !ids.contains(amends.treaty) {
                    diagnostics.append(
                        Self.located(
                            file: file,
                            message: "amends names '\(amends.treaty)', which is not a treaty of the corpus",
                            at: ["amends", amends.treaty]))
                } else if let amended = treaties.first(where: { $0.id == amends.treaty }), amended.amends != nil {
                    diagnostics.append(
                        Self.located(
                            file: file,
                            message:
                                "amends names '\(amends.treaty)', which is itself an amendment (of '\(amended.amends!.treaty)'); name the treaty it amends, so that each amendment applies to the original",
                            at: ["amends", amends.treaty]))
                }
            }
            for event in treaty.events {
                if case .termination(_, let by?) = event.kind, !ids.contains(by) {
                    diagnostics.append(
                        Self.located(
                            file: file,
                            message:
                                "termination \(event.id) names '\(by)' as the treaty that replaced it, which is not a treaty of the corpus",
                            at: [by]))
                }
            }
        }
        // Cycles: depth-first search with colours.
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var reported = Set<String>()
        func visit(_ id: String, _ path: [String]) {
            state[id] = 1
            for next in edges[id] ?? [] {
                if state[next] == 1 {
                    let cycle = Array(path.drop { $0 != next }) + [id, next]
                    let key = Set(cycle).sorted().joined(separator: ",")
                    // Reported in the file of every treaty on the cycle, at its reference to the next one: each of
                    // them is faulty, and each status from them says so.
                    if reported.insert(key).inserted {
                        for (member, waited) in zip(cycle.dropLast(), cycle.dropFirst()) {
                            diagnostics.append(
                                Self.located(
                                    file: files[member] ?? member,
                                    message:
                                        "treaty-in-force conditions form a cycle (\(cycle.joined(separator: " → "))): no date of entry into force can be computed",
                                    at: ["treaty-in-force", waited]))
                        }
                    }
                } else if state[next] == nil {
                    visit(next, path + [id])
                }
            }
            state[id] = 2
        }
        for id in edges.keys.sorted() where state[id] == nil { visit(id, []) }
        return diagnostics
    }

    /// Diagnostics by file, then line and column; the order of discovery within one place.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The folder's declared organisations and regions only, without reading any treaty file.
    public func context(directory base: String) throws -> (
        entities: [PartyCode: Corpus.Entity], regions: [String: Region], diagnostics: [Diagnostic],
        scope: CorpusScope?, successions: [StateSuccession]
    ) {
        var diagnostics: [Diagnostic] = []
        var entities: [PartyCode: Corpus.Entity] = [:]
        var regions: [String: Region] = [:]
        let fm = FileManager.default
        if fm.fileExists(atPath: "\(base)/\(CorpusFiles.entities)") {
            let file = "\(base)/\(CorpusFiles.entities)"
            let (read, problems) = readEntities(text: contextText(file, &diagnostics), file: file)
            entities = read
            diagnostics += problems
        }
        if fm.fileExists(atPath: "\(base)/\(CorpusFiles.regions)") {
            let file = "\(base)/\(CorpusFiles.regions)"
            let (read, problems) = readRegions(text: contextText(file, &diagnostics), file: file)
            regions = read
            diagnostics += problems
        }
        var scope: CorpusScope?
        if fm.fileExists(atPath: "\(base)/\(CorpusFiles.scope)") {
            let file = "\(base)/\(CorpusFiles.scope)"
            let (read, problems) = readScope(text: contextText(file, &diagnostics), file: file)
            scope = read
            diagnostics += problems
        }
        var successions: [StateSuccession] = []
        if fm.fileExists(atPath: "\(base)/\(CorpusFiles.successions)") {
            let file = "\(base)/\(CorpusFiles.successions)"
            let (read, problems) = readSuccessions(text: contextText(file, &diagnostics), file: file)
            successions = read
            diagnostics += problems
        }
        return (entities, regions, diagnostics, scope, successions)
    }

    /// `successions.yaml`: `{sources: {key: {title, url, accessed}}, successions: [{predecessor, successor, mode,
    /// date, source, note}]}`. Modes: continuation, dissolution and unification (the predecessor ceases),
    /// separation and newly-independent (the predecessor continues).
    func readSuccessions(text: String, file: String) -> ([StateSuccession], [Diagnostic]) {
        let reader = NodeReader(file: file, text: text)
        if let (line, column) = TreatyFileReader.anchor(in: text) {
            reader.error(
                line: line, column: column,
                "YAML anchors and aliases (&name, *name) are not used here; write each value out")
            return ([], reader.diagnostics)
        }
        var result: [StateSuccession] = []
        do {
            guard let root = try YAMLComposer.libyaml.root(text), !NodeReader.isNull(root) else { return ([], []) }
            guard let fields = reader.mapping(root, what: "successions.yaml", allowed: ["sources", "successions"])
            else { return ([], reader.diagnostics) }
            let sources = readSources(fields["sources"], reader)
            let items = fields["successions"].flatMap { reader.sequence($0, what: "successions") } ?? []
            var seen = Set<String>()
            var nodes: [YAMLNode] = []
            for item in items {
                if let succession = readSuccession(item, sources: sources, seen: &seen, reader) {
                    result.append(succession)
                    nodes.append(item)
                }
            }
            // A State that had ceased (continued or succeeded, not one another separated from) succeeds no one
            // after: such an entry would make a State cease before it came to be (RUS continuing SUN, then SUN
            // "continuing" RUS).
            for (succession, node) in zip(result, nodes) {
                guard
                    let end = result.filter({
                        $0.predecessor == succession.successor && $0.mode != .separation && $0.date <= succession.date
                    }).min(by: { $0.date < $1.date })
                else { continue }
                reader.error(
                    node,
                    "\(succession.successor) ceased on \(end.date) (\(end.mode == .continuation ? "continued" : "succeeded") by \(end.successor)) and cannot succeed \(succession.predecessor) on \(succession.date)"
                )
            }
        } catch {
            reader.error(yaml: error)
        }
        return (result, reader.diagnostics)
    }

    /// The modes of `successions.yaml`, by name: continuation, dissolution and unification (the predecessor
    /// ceases), separation and newly-independent (the predecessor continues).
    private static let successionModes: [String: Event.SuccessionMode] = [
        "continuation": .continuation, "dissolution": .succession, "unification": .succession,
        "separation": .separation, "newly-independent": .separation,
    ]

    /// The `sources` of `successions.yaml`, by key: `{key: {title, url, accessed}}`; none where `node` is
    /// missing or not a mapping.
    private func readSources(_ node: YAMLNode?, _ reader: NodeReader) -> [String: Treaty.Source] {
        var sources: [String: Treaty.Source] = [:]
        guard let mapping = node?.mapping else { return sources }
        for (key, value) in mapping {
            guard let name = key.scalar?.string,
                let source = reader.mapping(value, what: "source \(name)", allowed: ["title", "url", "accessed"])
            else { continue }
            sources[name] = Treaty.Source(
                title: source["title"].flatMap { reader.string($0, what: "title") },
                url: source["url"].flatMap { reader.string($0, what: "url") },
                accessed: source["accessed"].flatMap { reader.date($0, what: "accessed") })
        }
        return sources
    }

    /// One entry of `successions.yaml`'s `successions`, its faults reported to `reader`: unknown State codes, a
    /// State succeeding itself, a pair given twice (`seen` holds the pairs so far), a missing or unknown source.
    /// - Returns: `nil` where a required field is missing or the mode is not known.
    private func readSuccession(
        _ item: YAMLNode, sources: [String: Treaty.Source], seen: inout Set<String>, _ reader: NodeReader
    ) -> StateSuccession? {
        guard
            let entry = reader.mapping(
                item, what: "a succession", allowed: ["predecessor", "successor", "mode", "date", "source", "note"]),
            let predecessor = reader.require(entry, "predecessor", expected: "the former State's code").flatMap({
                reader.string($0, what: "predecessor")
            }),
            let successor = reader.require(entry, "successor", expected: "the successor State's code").flatMap({
                reader.string($0, what: "successor")
            }),
            let modeName = reader.require(
                entry, "mode", expected: "continuation, dissolution, unification, separation or newly-independent"
            ).flatMap({ reader.string($0, what: "mode") }),
            let date = reader.require(entry, "date", expected: "the date of the succession, YYYY-MM-DD").flatMap({
                reader.date($0, what: "date")
            })
        else { return nil }
        for (code, field) in [(predecessor, "predecessor"), (successor, "successor")]
        where PartyCodeTable.country(PartyCode(code)) == nil {
            reader.error(entry[field], "\(field): unknown State code '\(code)'")
        }
        guard let mode = Self.successionModes[modeName] else {
            reader.error(
                entry["mode"],
                "mode '\(modeName)' is not known; expected continuation, dissolution, unification, separation or newly-independent"
            )
            return nil
        }
        if predecessor == successor { reader.error(entry["successor"], "\(successor) cannot succeed itself") }
        if !seen.insert("\(predecessor)>\(successor)").inserted {
            reader.error(item, "the succession of \(predecessor) by \(successor) is given twice")
        }
        let key = entry["source"].flatMap { reader.string($0, what: "source") }
        if let key, sources[key] == nil {
            reader.error(entry["source"], "source '\(key)' is not a key of this file's sources")
        }
        if key == nil { reader.error(item, "a succession needs a source (a key of this file's sources)") }
        return StateSuccession(
            predecessor: PartyCode(predecessor), successor: PartyCode(successor), mode: mode, date: date,
            source: key.flatMap { sources[$0] }, sourceKey: key,
            note: entry["note"].flatMap { reader.string($0, what: "note") })
    }

    /// `corpus.yaml`: `{scope: words, record-through: DATE, complete-for: [{name, states: all | [codes], from,
    /// to, categories}]}`.
    func readScope(text: String, file: String) -> (CorpusScope?, [Diagnostic]) {
        let reader = NodeReader(file: file, text: text)
        if let (line, column) = TreatyFileReader.anchor(in: text) {
            reader.error(
                line: line, column: column,
                "YAML anchors and aliases (&name, *name) are not used here; write each value out")
            return (nil, reader.diagnostics)
        }
        var scope: CorpusScope?
        do {
            guard let root = try YAMLComposer.libyaml.root(text), !NodeReader.isNull(root) else { return (nil, []) }
            guard
                let fields = reader.mapping(
                    root, what: "corpus.yaml", allowed: ["scope", "record-through", "complete-for"]),
                let words = reader.require(fields, "scope", expected: "the corpus's scope in words").flatMap({
                    reader.string($0, what: "scope")
                })
            else { return (nil, reader.diagnostics) }
            var claims: [CorpusScope.Claim] = []
            if let node = fields["complete-for"], let items = reader.sequence(node, what: "complete-for") {
                for item in items {
                    guard
                        let claim = reader.mapping(
                            item, what: "a claim of complete-for",
                            allowed: ["name", "states", "from", "to", "categories"]),
                        let name = reader.require(claim, "name", expected: "the claim in words").flatMap({
                            reader.string($0, what: "name")
                        }),
                        let from = reader.require(claim, "from", expected: "a date YYYY-MM-DD").flatMap({
                            reader.date($0, what: "from")
                        }),
                        let to = reader.require(claim, "to", expected: "a date YYYY-MM-DD").flatMap({
                            reader.date($0, what: "to")
                        })
                    else { continue }
                    var states: Set<PartyCode>?
                    if let node = claim["states"], node.scalar?.string != "all" {
                        let codes = reader.strings(node, what: "states") ?? []
                        for code in codes where PartyCodeTable.country(PartyCode(code)) == nil {
                            reader.error(node, "states: unknown State code '\(code)'")
                        }
                        states = Set(codes.map { PartyCode($0) })
                    }
                    if to < from { reader.error(claim["to"], "to (\(to)) comes before from (\(from))") }
                    claims.append(
                        CorpusScope.Claim(
                            name: name, states: states, from: from, to: to,
                            categories: claim["categories"].flatMap { reader.strings($0, what: "categories") } ?? []))
                }
            }
            scope = CorpusScope(
                description: words,
                recordThrough: fields["record-through"].flatMap { reader.date($0, what: "record-through") },
                claims: claims)
        } catch {
            reader.error(yaml: error)
        }
        return (scope, reader.diagnostics)
    }

    /// A corpus file that is not a treaty (entities, regions, scope, successions): its text, or "" with a located
    /// diagnostic where it cannot be read (not UTF-8, unreadable), so that the other files are still checked.
    private func contextText(_ file: String, _ diagnostics: inout [Diagnostic]) -> String {
        do {
            return try read(file)
        } catch let problem as Diagnostic {
            diagnostics.append(problem)
        } catch {
            diagnostics.append(Diagnostic(file: file, line: 0, column: 0, message: "\(error)"))
        }
        return ""
    }

    private func read(_ file: String) throws -> String { try CorpusFiles.text(ofFile: file) }

    /// `regions.yaml`: `name: {names, territory-of: parties | [codes], including, excluding, note}`.
    func readRegions(text: String, file: String) -> ([String: Region], [Diagnostic]) {
        let reader = NodeReader(file: file, text: text)
        if let (line, column) = TreatyFileReader.anchor(in: text) {
            reader.error(
                line: line, column: column,
                "YAML anchors and aliases (&name, *name) are not used here; write each value out")
            return ([:], reader.diagnostics)
        }
        var regions: [String: Region] = [:]
        do {
            guard let root = try YAMLComposer.libyaml.root(text), !NodeReader.isNull(root) else { return ([:], []) }
            guard let mapping = root.mapping else {
                reader.error(root, "regions.yaml must map region names to {names, territory-of, including, excluding}")
                return ([:], reader.diagnostics)
            }
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                guard
                    let fields = reader.mapping(
                        value, what: "region \(name)",
                        allowed: ["names", "territory-of", "including", "excluding", "note"]),
                    let territoryNode = reader.require(
                        fields, "territory-of", expected: "parties, or a list of State codes")
                else { continue }
                let territory: Region.Territory
                if territoryNode.scalar?.string == "parties" {
                    territory = .parties
                } else if let codes = reader.strings(territoryNode, what: "territory-of") {
                    territory = .states(codes.map { PartyCode($0) })
                    for code in codes where PartyCodeTable.country(PartyCode(code)) == nil {
                        reader.error(territoryNode, "territory-of: unknown State code '\(code)'")
                    }
                } else {
                    continue
                }
                func places(_ field: String) -> [String] {
                    let list = fields[field].flatMap { reader.strings($0, what: field) } ?? []
                    for place in list where Region.state(of: place) == nil {
                        reader.error(
                            fields[field],
                            "\(field): '\(place)' is not a State code or an ISO 3166-2 subdivision of one")
                    }
                    return list
                }
                regions[name] = Region(
                    name: name, names: fields["names"].map { reader.localized($0, what: "names") } ?? [:],
                    territory: territory, including: places("including"), excluding: places("excluding"),
                    note: fields["note"].flatMap { reader.string($0, what: "note") })
            }
        } catch {
            reader.error(yaml: error)
        }
        return (regions, reader.diagnostics)
    }

    /// `entities.yaml`: `org:<slug>: {names: {...}, kind: ...}`.
    func readEntities(text: String, file: String) -> ([PartyCode: Corpus.Entity], [Diagnostic]) {
        let reader = NodeReader(file: file, text: text)
        if let (line, column) = TreatyFileReader.anchor(in: text) {
            reader.error(
                line: line, column: column,
                "YAML anchors and aliases (&name, *name) are not used here; write each value out")
            return ([:], reader.diagnostics)
        }
        var entities: [PartyCode: Corpus.Entity] = [:]
        do {
            guard let root = try YAMLComposer.libyaml.root(text), !NodeReader.isNull(root) else { return ([:], []) }
            guard let mapping = root.mapping else {
                reader.error(root, "entities.yaml must map org:<slug> codes to {names, kind}")
                return ([:], reader.diagnostics)
            }
            for (key, value) in mapping {
                let code = PartyCode(key.scalar?.string ?? "")
                guard code.isOrganisation, code.isWellFormed else {
                    reader.error(key, "'\(code)' is not an organisation code; write org:<slug> with a-z, 0-9 and -")
                    continue
                }
                guard let fields = reader.mapping(value, what: "entity \(code)", allowed: ["names", "kind"]) else {
                    continue
                }
                entities[code] = Corpus.Entity(
                    code: code, names: fields["names"].map { reader.localized($0, what: "names") } ?? [:],
                    kind: fields["kind"].flatMap { reader.string($0, what: "kind") })
            }
        } catch {
            reader.error(yaml: error)
        }
        return (entities, reader.diagnostics)
    }
}
