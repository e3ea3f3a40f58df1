import PactaCore

/// Reads one treaty file (YAML, or JSON as a subset of YAML) into a ``Treaty``, reporting every fault with
/// its file, line and column. Spec: `treaty-format.md`, format 1; Pacta's extensions are listed in
/// `docs/corpus-conventions.md`.
///
/// Checks made here: the file's shape (unknown fields, wrong types, missing fields), dates that do not
/// exist, unknown party codes, event ids used twice in the file, unknown source keys and event references,
/// events of a bilateral treaty for a State that is not a negotiating State (or its successor), and a
/// consent before the State's signature where one is required (VCLT art. 14(1); rules `signature-required`; in a
/// `record: partial` file only a signature dated after the consent is a fault, a missing one is not).
public struct TreatyFileReader: Sendable {
    /// Organisations declared by the corpus (`org:<slug>`), which count as known party codes.
    public var organisations: Set<PartyCode>
    /// Region names declared by the corpus; `nil` skips the check of triggers' `where` (a lone file).
    public var regions: Set<String>?

    /// Which composer reads the YAML: libyaml's events (the default), or Yams' composer that the tests and the
    /// benchmarks compare with.
    @_spi(Testing) public var composer: YAMLComposer = .libyaml

    public init(organisations: Set<PartyCode> = [], regions: Set<String>? = nil) {
        self.organisations = organisations
        self.regions = regions
    }

    /// The result of reading one file.
    public struct Result: Sendable {
        /// The treaty, where the file could be read at all (it may still carry diagnostics).
        public var treaty: Treaty?
        public var diagnostics: [Diagnostic]
        /// Where each event id is declared, for corpus-wide checks.
        public var eventLocations: [String: Diagnostic]
    }

    /// The keys an event of `type` takes besides `id`, `date`, `type`, `recorded`, `recorded-by`, `source` and
    /// `note`; `nil` for a type the spec does not have. Spec: "Events".
    public static func eventFields(ofType type: String) -> [String]? { TreatyDecoder.eventFields[type] }

    /// Reads `text` as the treaty file `file` (the name used in diagnostics).
    public func read(text: String, file: String) -> Result {
        let reader = NodeReader(file: file, text: text)
        // A treaty file is plain data: an anchor would let a few lines of aliases expand into millions of nodes
        // (which every walk of the tree would visit), so none is read.
        if let (line, column) = Self.anchor(in: text) {
            reader.error(
                line: line, column: column,
                "YAML anchors and aliases (&name, *name) are not used in treaty files; write each value out")
            return Result(treaty: nil, diagnostics: reader.diagnostics, eventLocations: [:])
        }
        let root: YAMLNode?
        do {
            root = try composer.root(text)  // every scalar stays text: the decoder types it
        } catch {
            reader.error(yaml: error)
            return Result(treaty: nil, diagnostics: reader.diagnostics, eventLocations: [:])
        }
        guard let root else {
            reader.error(line: 1, column: 1, "the file is empty; a treaty file starts with 'format: 1' and 'id: ...'")
            return Result(treaty: nil, diagnostics: reader.diagnostics, eventLocations: [:])
        }
        var decoder = TreatyDecoder(reader: reader, organisations: organisations, regions: regions)
        var treaty = decoder.treaty(root)
        // A file without an id (an error, reported) is known by its name, so that it can still be asked for.
        if treaty?.id.isEmpty == true {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            treaty?.id = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        }
        return Result(
            treaty: treaty, diagnostics: CorpusLoader.sorted(reader.diagnostics), eventLocations: decoder.eventLocations
        )
    }

    /// Reads one event, `text` being its flow mapping (`{id: ..., date: ..., type: ...}`), as the next entry of
    /// `treaty`'s log, with the checks a read of the whole file would make of it: what `pacta record` needs to know
    /// of the line it appends, without reading the whole file again. Diagnostics are on line 1 of `text`. Not for
    /// corrections, nor for a treaty with a `documented` entry into force (read the whole file for those).
    /// - Returns: the event where it could be read; the diagnostics, errors and warnings.
    /// - Parameter issues: what the last call gave back for the same treaty (the record's checks,
    ///   ``Treaty/RecordChecks``), so that the whole log is not checked again; `nil` the first time.
    /// - Returns: also `treaty` with the event appended (``Treaty/appendEvent(_:)``), where the event was read.
    /// - Parameter idIsNew: `true` where the caller has made sure no event of `treaty` has the event's id (the desk
    ///   keeps the log's ids): the log is then not searched for it.
    public func read(
        event text: String, appendedTo treaty: Treaty, file: String, issues: inout Treaty.RecordChecks?,
        idIsNew: Bool = false
    ) -> (event: Event?, diagnostics: [Diagnostic], treaty: Treaty?) {
        let reader = NodeReader(file: file, text: text)
        if let (line, column) = Self.anchor(in: text) {
            reader.error(
                line: line, column: column,
                "YAML anchors and aliases (&name, *name) are not used in treaty files; write each value out")
            return (nil, reader.diagnostics, nil)
        }
        let node: YAMLNode?
        do {
            node = try composer.root(text)
        } catch {
            reader.error(yaml: error)
            return (nil, reader.diagnostics, nil)
        }
        guard let node else { return (nil, reader.diagnostics, nil) }
        var decoder = TreatyDecoder(reader: reader, organisations: organisations, regions: regions)
        var appended: Treaty?
        let event = decoder.appendedEvent(node, to: treaty, issues: &issues, appended: &appended, idIsNew: idIsNew)
        return (event, reader.diagnostics, appended)
    }

    /// Where the text sets a YAML anchor (`&name` where a node may start, outside quotes and comments), 1-based
    /// line and column; `nil` where it sets none. A plain `&` inside text ("R&D", "Trade & Commerce") is not one.
    static func anchor(in text: String) -> (Int, Int)? {
        // Most files have no `&` at all: one pass over the bytes, not over the characters of every line.
        let ampersand = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "&")) }
        guard ampersand ?? text.utf8.contains(UInt8(ascii: "&")) else { return nil }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var quote: Character?
            var previous: Character = " "
            for (column, character) in line.enumerated() {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'", " [{,:-".contains(previous) {
                    quote = character
                } else if character == "#", previous == " " || column == 0 {
                    break
                } else if character == "&", " [{,:-".contains(previous) || column == 0 {
                    let rest = line.dropFirst(column + 1)
                    if let next = rest.first, next.isLetter || next.isNumber || next == "_" || next == "-" {
                        return (number + 1, column + 1)
                    }
                }
                previous = character
            }
        }
        return nil
    }
}
