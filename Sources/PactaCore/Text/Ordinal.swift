/// English ordinals for the words of derivations and diagnostics: 1 → "1st", 2 → "2nd", 11 → "11th",
/// 23 → "23rd". Any integer; the suffix follows the last two digits.
public func ordinal(_ n: Int) -> String {
    let suffix =
        (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
    return "\(n)\(suffix)"
}
