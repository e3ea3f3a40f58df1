import PactaFormats

/// What a folder's watcher answered (``FolderWatching/changes(since:)``).
public struct WatchAnswer: Sendable, Hashable {
    /// The watcher's position now, `generation:clock` (opaque to the caller): what a later question passes to learn
    /// what changed after this answer. Every change made before the question was asked is before this position.
    public var position: String
    /// The names of the folder's files that changed since the position asked about (written, created, removed,
    /// renamed, their times or permissions changed), with those the watcher cannot follow (links); `nil` where the
    /// watcher cannot say: no position was given, or it was started again or lost events since that position.
    public var changed: [String]?

    public init(position: String, changed: [String]?) {
        self.position = position
        self.changed = changed
    }
}

/// A process that is told by the kernel of every change to a corpus folder's files and says which changed since
/// a position it gave earlier, as git's fsmonitor does: what lets an index be found up to date without one `stat`
/// call per file (0.3 s at 250,000 files on a 2-core machine, the floor of a look at each file).
public protocol FolderWatching: Sendable {
    /// What changed since `position` (a ``WatchAnswer/position`` given earlier), or `nil` for the watcher's
    /// position alone. The answer is `nil` where no watcher answered (none runs for the folder, or it runs for
    /// another folder now at that path): the caller then looks at each file.
    func changes(since position: String?) -> WatchAnswer?
}

/// An index's kept seal (``FolderSealStore``) with, where a watcher was asked before its stamps were taken, the
/// watcher's position then: `seal-1:…` alone, or `seal-1:… watch=POSITION`. A kept seal whose watcher says that no
/// treaty file and no file of the corpus's context changed since that position still describes the folder.
public struct KeptSeal: Sendable, Hashable {
    /// The seal's text (``FolderSeal/description``).
    public var seal: String
    /// The watcher's position before the seal's stamps were taken.
    public var position: String?

    public init(seal: String, position: String?) {
        self.seal = seal
        self.position = position
    }

    /// A kept seal's text, as ``text`` writes it.
    public init(_ text: String) {
        if let space = text.firstIndex(of: " "), text[space...].hasPrefix(" watch=") {
            seal = String(text[..<space])
            position = String(text[text.index(space, offsetBy: 7)...])
        } else {
            seal = text
            position = nil
        }
    }

    /// What the index keeps.
    public var text: String { position.map { "\(seal) watch=\($0)" } ?? seal }
}

/// What a folder's watcher says of an index's kept seal (``Indexer/verdict(kept:by:)``).
public enum WatchVerdict: Sendable, Hashable {
    /// No treaty file and no file of the corpus's context changed since the kept seal's stamps were taken: the
    /// seal (given) still describes the folder, and no file need be looked at.
    case vouched(FolderSeal)
    /// These files changed since the kept seal's stamps were taken: they are hashed even where their size and
    /// modification time look unchanged (an edit of the same size with its time put back); the others are
    /// looked at as usual.
    case changed(Set<String>)
    /// The watcher cannot say (none answers, no seal or position kept, another generation): the files are looked
    /// at as usual.
    case unknown

    /// The files to hash whatever their stamps (``changed(_:)``'s), else none.
    public var suspects: Set<String> {
        if case .changed(let names) = self { return names }
        return []
    }

    /// Whether the watcher vouched for the kept seal.
    public var isVouched: Bool {
        if case .vouched = self { return true }
        return false
    }
}

extension Indexer {
    /// What `watch` says of the seal `kept` by an index (``KeptSeal``'s text).
    public static func verdict(kept: String?, by watch: (any FolderWatching)?) -> WatchVerdict {
        verdictAndPosition(kept: kept, by: watch).verdict
    }

    /// ``verdict(kept:by:)``, with the watcher's position when it answered (what a refresh keeps with its new seal,
    /// taken before its stamps), `nil` where it was not asked or did not answer.
    public static func verdictAndPosition(kept: String?, by watch: (any FolderWatching)?) -> (
        verdict: WatchVerdict, position: String?
    ) {
        guard let watch, let kept, !kept.isEmpty else { return (.unknown, nil) }
        let parsed = KeptSeal(kept)
        guard let position = parsed.position, let seal = FolderSeal(parsed.seal),
            let answer = watch.changes(since: position)
        else { return (.unknown, nil) }
        guard let changed = answer.changed else { return (.unknown, answer.position) }
        let relevant = Set(changed.filter(isWatched))
        return (relevant.isEmpty ? .vouched(seal) : .changed(relevant), answer.position)
    }

    /// Whether a change to the file `name` of a corpus folder can change what an index holds: a treaty file, or a
    /// file every treaty is read against.
    public static func isWatched(_ name: String) -> Bool {
        CorpusFiles.isTreatyFile(name) || contextFiles.contains(name)
    }
}
