/// Builders of small treaty files for engine tests: a header, and events written one per line.
public enum TreatyYAML {
    /// A multilateral treaty `id` adopted on `adopted`, with the given `rules` block (YAML, indented two spaces
    /// under `rules:`) and `events` (YAML flow mappings, one per line, without the leading dash).
    public static func multilateral(
        id: String = "test-treaty", adopted: String = "2000-01-01", negotiating: [String] = ["AAA"],
        rules: String, events: [String], extra: String = ""
    ) -> String {
        """
        format: 1
        id: \(id)
        titles: {en: Test treaty}
        kind: multilateral
        adopted: {date: \(adopted)}
        negotiating-states: [\(negotiating.joined(separator: ", "))]
        \(extra)
        rules:
        \(rules.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        events:
        \(events.enumerated().map { "  - {id: e\($0.offset + 1), \($0.element)}" }.joined(separator: "\n"))
        """
    }

    /// A bilateral treaty between `a` and `b`.
    public static func bilateral(
        id: String = "test-bilateral", a: String = "RUS", b: String = "PRK", adopted: String = "2000-01-01",
        rules: String, events: [String]
    ) -> String {
        """
        format: 1
        id: \(id)
        titles: {en: Test bilateral treaty}
        kind: bilateral
        adopted: {date: \(adopted)}
        negotiating-states: [\(a), \(b)]
        rules:
        \(rules.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        events:
        \(events.enumerated().map { "  - {id: e\($0.offset + 1), \($0.element)}" }.joined(separator: "\n"))
        """
    }
}
