import PactaCore

/// What the tests of list rows compare: one treaty's row field by field, and the dates worth asking about.
public enum ListChecks {
    /// The fields in which two rows differ, each with both values (empty where they are the same).
    public static func differences(_ found: ListRow, _ expected: ListRow) -> [String] {
        var result: [String] = []
        if found.status != expected.status { result.append("status \(found.status) != \(expected.status)") }
        if found.entryIntoForce != expected.entryIntoForce {
            result.append(
                "entry into force \(found.entryIntoForce?.description ?? "-") != \(expected.entryIntoForce?.description ?? "-")"
            )
        }
        if found.termination != expected.termination {
            result.append(
                "termination \(found.termination?.description ?? "-") != \(expected.termination?.description ?? "-")")
        }
        if found.parties != expected.parties { result.append("parties \(found.parties) != \(expected.parties)") }
        if found.caveats != expected.caveats { result.append("caveats \(found.caveats) != \(expected.caveats)") }
        return result
    }

    /// The fields in which two list entries differ.
    public static func differences(_ found: ListEntry, _ expected: ListEntry) -> [String] {
        var result = differences(found.row, expected.row)
        if found.id != expected.id { result.append("id \(found.id) != \(expected.id)") }
        if found.title != expected.title { result.append("title \(found.title) != \(expected.title)") }
        if found.shortTitle != expected.shortTitle {
            result.append("short title \(found.shortTitle ?? "-") != \(expected.shortTitle ?? "-")")
        }
        if found.kind != expected.kind { result.append("kind \(found.kind) != \(expected.kind)") }
        if found.record != expected.record { result.append("record \(found.record) != \(expected.record)") }
        return result
    }

    /// The dates on which to compare `treaty`'s rows: every date of its log and of the treaties it waits for
    /// (each event's day, and the first day of one dated only to a month or year), its adoption, its documented
    /// date of entry into force, every date its timeline computes and every step's first day (`starts`), each
    /// with the days before and after it; and the first of January and the fifteenth of July of every third
    /// year from 1900 to 2101.
    public static func dates(of treaty: Treaty, in corpus: Corpus, starts: [CalendarDate] = []) -> [CalendarDate] {
        var days = Set<CalendarDate>()
        func add(_ date: CalendarDate) {
            for ordinal in date.ordinal - 1...date.ordinal + 1
            where ordinal >= CalendarDate.earliest.ordinal && ordinal <= CalendarDate.latest.ordinal {
                days.insert(CalendarDate(ordinal: ordinal))
            }
        }
        var seen = Set<String>()
        var pending = [treaty]
        while let next = pending.popLast() {
            guard seen.insert(next.id).inserted else { continue }
            add(next.adopted.date)
            if let documented = next.documented?.entryIntoForce { add(documented) }
            for event in next.events {
                add(event.date)
                if let earliest = event.earliestDate { add(earliest) }
            }
            let rules = next.rules
            let conditions = [rules.entryIntoForce?.condition].compactMap { $0 } + rules.partial.map(\.condition)
            for date in conditions.flatMap(\.literalDates) { add(date) }
            pending += conditions.flatMap(\.treatyReferences).compactMap { corpus[$0] }
        }
        let lifecycle = Lifecycle(corpus: corpus)
        for entry in lifecycle.timeline(of: treaty, through: CalendarDate(year: 2101, month: 1, day: 1)!) {
            add(entry.date)
        }
        for start in starts { add(start) }
        for year in stride(from: 1900, through: 2101, by: 3) {
            days.insert(CalendarDate(year: year, month: 1, day: 1)!)
            days.insert(CalendarDate(year: year, month: 7, day: 15)!)
        }
        return days.sorted()
    }
}
