import PactaCore
import PactaStore

extension Questions {
    /// Every treaty's line in a list on a date, by id: the entries of ``list(on:asKnownOn:)`` (the engine's
    /// statuses without explanations, with the faulty-file caveat first where the file has errors).
    public func listEntries(on date: CalendarDate, asKnownOn: CalendarDate? = nil) -> [ListEntry] {
        list(on: date, asKnownOn: asKnownOn).map { ListEntry($0, ListRow($1)) }
    }

    /// One treaty's line in a list on a date, from the engine.
    public func listEntry(of treaty: Treaty, on date: CalendarDate, asKnownOn: CalendarDate? = nil) -> ListEntry {
        ListEntry(treaty, ListRow(status(of: treaty, on: date, asKnownOn: asKnownOn, explain: false)))
    }

    /// What ``list(on:from:faulty:faultyFiles:successions:)`` read.
    public struct StoredList: Sendable {
        /// Every treaty's line, by id: the same as ``listEntries(on:asKnownOn:)`` over the whole corpus.
        public var entries: [ListEntry]
        /// The ids of the treaties the engine computed (the others came from their stored steps).
        public var computed: [String]
    }

    /// The list on `date` from an index's list steps (``ListStepsReader``), with no treaty decoded but those the
    /// engine computes: the treaties the index keeps no steps for (changed since, or whose row the steps cannot
    /// hold), the treaties read from files with errors, which the index does not hold, and the treaties that wait
    /// for one of those (`treaty-in-force`), each from itself and the treaties it waits for. The same entries as
    /// ``listEntries(on:asKnownOn:)`` over the corpus the index and the faulty files make.
    ///
    /// As known on a day (`asKnownOn`), the treaties with something recorded after it
    /// (``ListStepsReader/storedKnownAfter(_:)``) and those that wait for them are computed too, as known on that
    /// day; every other treaty's stored line is its line as known on that day. Where a succession of the corpus's
    /// table (``StateSuccession``) comes after that day, `nil`.
    ///
    /// - Parameters:
    ///   - reader: the index, fresh (every file as indexed).
    ///   - faulty: the treaties read as far as they could be from the files with errors (the index's treaty wins
    ///     where it holds the same id, as when the corpus is read from the index).
    ///   - faultyFiles: the ids of every treaty read from a file with errors (by file name): their entries carry
    ///     the faulty-file caveat first.
    ///   - successions: the corpus's table of successions, which every treaty reads.
    ///   - most: the most treaties the engine may compute; past it, `nil` (reading the whole corpus is then
    ///     quicker: `pacta index` stores the missing steps, and an "as known on" day before most of the record
    ///     leaves little to read from the steps).
    ///   - asKnownOn: where given, only what was recorded by then counts (``Lifecycle/status(of:on:asKnownOn:explain:)``).
    /// - Throws: the index's errors.
    public static func list(
        on date: CalendarDate, asKnownOn: CalendarDate? = nil, from reader: some ListStepsReader, faulty: [Treaty],
        faultyFiles: Set<String>, successions: [StateSuccession], most: Int = .max
    ) throws -> StoredList? {
        let stored = try reader.storedList(on: date)
        let storedIDs = faulty.isEmpty ? [] : Set(stored.map(\.id))
        let faultyByID = Dictionary(faulty.filter { !storedIDs.contains($0.id) }.map { ($0.id, $0) }) { first, _ in
            first
        }
        var wanted = Set(stored.filter { $0.entry == nil || faultyFiles.contains($0.id) }.map(\.id))
        wanted.formUnion(faultyByID.keys)
        wanted.formUnion(try reader.storedDependents(of: Set(faultyByID.keys)))
        if let asKnownOn {
            // A succession of the corpus's table after that day changes the log of every treaty naming the State
            // as known on it, and the index does not say which treaties those are: every treaty is computed.
            guard !successions.contains(where: { $0.date > asKnownOn }) else { return nil }
            let later = try reader.storedKnownAfter(asKnownOn)
            guard later.count <= most else { return nil }
            wanted.formUnion(later)
            wanted.formUnion(try reader.storedDependents(of: later))
        }
        guard wanted.count <= most else { return nil }
        var computed: [String: ListEntry] = [:]
        if !wanted.isEmpty {
            // Each wanted treaty with those it waits for, at any depth, from the index or the faulty files.
            // The stored ones in one read of the index a round; a round ends where no faulty file waits for a
            // treaty not read yet.
            var treaties: [String: Treaty] = [:]
            var tried = Set<String>()
            var pending = wanted
            while !pending.isEmpty {
                tried.formUnion(pending)
                var next = Set<String>()
                var seeds = Set<String>()
                for id in pending where treaties[id] == nil {
                    if let treaty = faultyByID[id] {
                        treaties[id] = treaty
                        next.formUnion(treaty.rules.treatyReferences)
                    } else {
                        seeds.insert(id)
                    }
                }
                for treaty in seeds.isEmpty ? [] : try reader.storedClosures(of: seeds)
                where treaties[treaty.id] == nil {
                    treaties[treaty.id] = treaty
                    next.formUnion(treaty.rules.treatyReferences)
                }
                pending = next.subtracting(tried)
            }
            let questions = Questions(
                corpus: Corpus(treaties: Array(treaties.values), successions: successions), faulty: faultyFiles)
            for id in wanted {
                guard let treaty = questions.corpus[id] else { continue }
                computed[id] = questions.listEntry(of: treaty, on: date, asKnownOn: asKnownOn)
            }
        }
        var entries: [ListEntry] = []
        entries.reserveCapacity(stored.count + faultyByID.count)
        // The stored lines come sorted by id (an index holds only valid ids, which are ASCII): each is checked
        // against the one before it, and only where they are not in order, or faulty files add lines, are they
        // sorted here (a set and a sort of 250,000 ids took a tenth of the list).
        var sorted = faultyByID.isEmpty
        var last: String?
        for (id, entry) in stored {
            if let last {
                if id == last { continue }
                if !(last < id) { sorted = false }
            }
            last = id
            if let entry = computed.isEmpty ? entry : computed[id] ?? entry { entries.append(entry) }
        }
        if !sorted {
            var seen = Set<String>(minimumCapacity: entries.count + faultyByID.count)
            entries = entries.filter { seen.insert($0.id).inserted }
            for id in faultyByID.keys where seen.insert(id).inserted {
                if let entry = computed[id] { entries.append(entry) }
            }
            entries.sort { $0.id < $1.id }
        }
        return StoredList(entries: entries, computed: computed.keys.sorted())
    }
}
