import PactaCore

/// An index that keeps, beside each treaty, its list row as a step function of the date (``ListSteps``, made by
/// the engine), so that `pacta list` on any date reads one step per treaty instead of decoding every treaty and
/// running the engine over every log. The steps are a cache of the engine's answers, never a status of the
/// index's own: a treaty whose steps are missing is computed by the engine when asked.
///
/// Storing a treaty (``TreatyIndex/upsert(_:)``, ``TreatyIndex/append(_:after:)``) or removing it drops its
/// steps and those of every treaty whose conditions wait for it (`treaty-in-force`, at any depth); ``Indexer``
/// then stores them again (``Indexer/refresh(_:verify:chunkSize:progress:)``).
public protocol ListStepsStore: TreatyIndex {
    /// Stores these treaties' steps, by treaty id; `nil`: the engine computes the treaty's row whenever it is
    /// asked (its row changes too often to be kept as steps: ``Lifecycle/listSteps(of:limit:)``).
    func storeListSteps(_ steps: [String: ListSteps?]) async throws

    /// Ids of the stored treaties without steps (and not marked to be computed when asked): new or changed
    /// treaties whose conditions wait for another treaty, and those whose steps a change dropped.
    func treatiesWithoutListSteps() async throws -> [String]

    /// The stored treaty with this id and, transitively, the treaties its conditions wait for (what its steps are
    /// computed from); `nil` where no stored treaty has the id.
    func listStepsClosure(of id: String) async throws -> [Treaty]?
}

/// What a list reads from an index that keeps list steps, synchronously, for a command-line tool that reads the
/// index before doing anything else.
public protocol ListStepsReader {
    /// Every stored treaty's id and entry on `date`, sorted by id: the entry from its steps where they are stored,
    /// `nil` where the engine must compute it.
    func storedList(on date: CalendarDate) throws -> [(id: String, entry: ListEntry?)]

    /// Ids of the stored treaties with something recorded after `day` (``PactaCore/Treaty/lastKnownDay``): the
    /// only ones, with those whose conditions wait for them, whose statuses as known on `day` may differ from the
    /// stored ones.
    func storedKnownAfter(_ day: CalendarDate) throws -> Set<String>

    /// Ids of the stored treaties whose conditions wait, at any depth, for one of `ids` (not `ids` themselves).
    func storedDependents(of ids: Set<String>) throws -> Set<String>

    /// The stored treaties with these ids and, transitively, the treaties their conditions wait for, those that
    /// amend them and those they amend (ids no stored treaty has are passed over), in one read.
    func storedClosures(of ids: Set<String>) throws -> [Treaty]
}

/// ``ListSteps`` as bytes, for an index to store and to read one row from without decoding the rest.
///
/// Layout, little-endian: the step count (UInt32); per step, 20 bytes: the first day (Int32, the day's
/// ``CalendarDate/ordinal``), the status (UInt8, its position in ``TreatyStatus/Value/allCases``), a zero byte,
/// the position of its caveat list (UInt16), entry into force and termination (Int32 ordinals, -1 for none), the
/// number of parties (Int32); then the caveat lists: their count (UInt16), and per list its count (UInt16) and
/// per caveat its UTF-8 length (UInt32) and bytes. Steps with the same caveats share one list. Last, the days of
/// the treaty's calendar (``ListSteps/calendar``): their count (UInt32; `0xFFFF_FFFF` where not known) and each
/// day's ordinal (Int32), in order.
public enum ListStepsCoding {
    /// Bytes per step.
    static let stepSize = 20

    /// `steps` as bytes.
    public static func encode(_ steps: ListSteps) -> [UInt8] {
        var lists: [[String]] = []
        var positions: [[String]: Int] = [:]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + steps.steps.count * stepSize + 64)
        append(UInt32(steps.steps.count), to: &bytes)
        for step in steps.steps {
            let caveats = step.row.caveats
            let list: Int
            if let known = positions[caveats] {
                list = known
            } else {
                list = lists.count
                positions[caveats] = list
                lists.append(caveats)
            }
            append(UInt32(bitPattern: Int32(step.from.ordinal)), to: &bytes)
            bytes.append(UInt8(TreatyStatus.Value.allCases.firstIndex(of: step.row.status)!))
            bytes.append(0)
            append(UInt16(list), to: &bytes)
            append(UInt32(bitPattern: Int32(step.row.entryIntoForce?.ordinal ?? -1)), to: &bytes)
            append(UInt32(bitPattern: Int32(step.row.termination?.ordinal ?? -1)), to: &bytes)
            append(UInt32(bitPattern: Int32(step.row.parties)), to: &bytes)
        }
        append(UInt16(lists.count), to: &bytes)
        for list in lists {
            append(UInt16(list.count), to: &bytes)
            for caveat in list {
                let utf8 = Array(caveat.utf8)
                append(UInt32(utf8.count), to: &bytes)
                bytes += utf8
            }
        }
        if let calendar = steps.calendar {
            append(UInt32(calendar.count), to: &bytes)
            for day in calendar { append(UInt32(bitPattern: Int32(day.ordinal)), to: &bytes) }
        } else {
            append(UInt32.max, to: &bytes)
        }
        return bytes
    }

    /// The days of the calendar kept in encoded steps (``ListSteps/calendar``), as day ordinals in order, read
    /// without decoding the steps; `nil` where they are not known (not computed, or the bytes end before them).
    public static func calendar(in bytes: UnsafeRawBufferPointer) -> [Int32]? {
        guard let offset = calendarOffset(in: bytes), offset + 4 <= bytes.count else { return nil }
        let count = read(UInt32.self, bytes, offset)
        guard count != UInt32.max, offset + 4 + Int(count) * 4 <= bytes.count else { return nil }
        return (0..<Int(count)).map { Int32(bitPattern: read(UInt32.self, bytes, offset + 4 + $0 * 4)) }
    }

    /// Where the calendar starts in encoded steps: after the steps and every caveat list; `nil` where the bytes
    /// are not steps as ``encode(_:)`` writes them.
    private static func calendarOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var offset = 4 + Int(read(UInt32.self, bytes, 0)) * stepSize
        guard offset + 2 <= bytes.count else { return nil }
        let lists = Int(read(UInt16.self, bytes, offset))
        offset += 2
        for _ in 0..<lists {
            guard let next = caveatList(at: offset, in: bytes, decoding: false)?.next else { return nil }
            offset = next
        }
        return offset
    }

    /// The caveat list encoded at `offset` (its count, then each caveat's length and bytes), decoded where
    /// `decoding` (else its caveats are skipped), and where the next list starts; `nil` where the bytes end in it.
    private static func caveatList(at start: Int, in bytes: UnsafeRawBufferPointer, decoding: Bool) -> (
        caveats: [String], next: Int
    )? {
        guard start + 2 <= bytes.count else { return nil }
        let items = Int(read(UInt16.self, bytes, start))
        var offset = start + 2
        var caveats: [String] = []
        for _ in 0..<items {
            guard offset + 4 <= bytes.count else { return nil }
            let length = Int(read(UInt32.self, bytes, offset))
            offset += 4
            guard offset + length <= bytes.count else { return nil }
            if decoding {
                caveats.append(
                    String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self))
            }
            offset += length
        }
        return (caveats, offset)
    }

    /// The row on `date` from encoded steps, reading only the step that holds then and its caveats.
    /// - Returns: `nil` where the bytes are not steps as ``encode(_:)`` writes them.
    public static func row(on date: CalendarDate, in bytes: UnsafeRawBufferPointer) -> ListRow? {
        guard bytes.count >= 4 else { return nil }
        let count = Int(read(UInt32.self, bytes, 0))
        guard count > 0, bytes.count >= 4 + count * stepSize + 2 else { return nil }
        func from(_ step: Int) -> Int { Int(Int32(bitPattern: read(UInt32.self, bytes, 4 + step * stepSize))) }
        var low = 0
        var high = count
        while high - low > 1 {
            let middle = (low + high) / 2
            if from(middle) <= date.ordinal { low = middle } else { high = middle }
        }
        let base = 4 + low * stepSize
        let status = Int(bytes[base + 4])
        guard status < TreatyStatus.Value.allCases.count else { return nil }
        let list = Int(read(UInt16.self, bytes, base + 6))
        func day(_ offset: Int) -> CalendarDate? {
            let ordinal = Int32(bitPattern: read(UInt32.self, bytes, base + offset))
            return ordinal < 0 ? nil : CalendarDate(ordinal: Int(ordinal))
        }
        // The caveat lists, skipped through up to the one the step names.
        var offset = 4 + count * stepSize
        let lists = Int(read(UInt16.self, bytes, offset))
        offset += 2
        guard list < lists else { return nil }
        var caveats: [String] = []
        for position in 0...list {
            guard let found = caveatList(at: offset, in: bytes, decoding: position == list) else { return nil }
            (caveats, offset) = found
        }
        return ListRow(
            status: TreatyStatus.Value.allCases[status], entryIntoForce: day(8), termination: day(12),
            parties: Int(Int32(bitPattern: read(UInt32.self, bytes, base + 16))), caveats: caveats)
    }

    /// Every step of encoded steps (for checks and tests).
    /// - Returns: `nil` where the bytes are not steps as ``encode(_:)`` writes them.
    public static func decode(_ bytes: [UInt8]) -> ListSteps? {
        bytes.withUnsafeBytes { buffer -> ListSteps? in
            guard buffer.count >= 4 else { return nil }
            let count = Int(read(UInt32.self, buffer, 0))
            guard buffer.count >= 4 + count * stepSize else { return nil }
            var steps: [ListSteps.Step] = []
            for step in 0..<count {
                let from = CalendarDate(
                    ordinal: Int(Int32(bitPattern: read(UInt32.self, buffer, 4 + step * stepSize))))
                guard let row = row(on: from, in: buffer) else { return nil }
                steps.append(ListSteps.Step(from: from, row: row))
            }
            var decoded = ListSteps(steps: steps)
            decoded?.calendar = calendar(in: buffer)?.map { CalendarDate(ordinal: Int($0)) }
            return decoded
        }
    }

    private static func append(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, _ offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
