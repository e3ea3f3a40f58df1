/// ISO 3166-2 subdivision codes (`US-HI` for Hawaii), from Debian's `iso-codes`
/// (`Scripts/generate-subdivision-codes.py`): the places a scenario or a region may name below a State.
public enum SubdivisionCodes {
    /// Every code. Parsed once from the generated ``codes``.
    public static let all: Set<String> = Set(codes.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Whether `code` is an ISO 3166-2 subdivision code.
    public static func contains(_ code: String) -> Bool { all.contains(code) }
}
