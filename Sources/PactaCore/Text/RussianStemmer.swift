/// The Snowball stemming algorithm for Russian (M. F. Porter's published description, snowballstem.org),
/// written for Pacta: it strips inflectional and derivational endings, so that "военной помощи" and
/// "военная помощь" give the same stems ("воен", "помощ").
///
/// It only removes endings, so a stem is always a beginning of its word: search stems the query's words and
/// matches them as prefixes of the indexed words, which gives the same matches as stemming both sides.
/// Input is expected folded (lower case, `ё` as `е`), as ``SearchText`` folds it.
public enum RussianStemmer {
    static let vowels: Set<Character> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я"]

    // Endings of each class; group 1 endings must follow "а" or "я" (which stays).
    static let perfectiveGerund1 = ["в", "вши", "вшись"]
    static let perfectiveGerund2 = ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]
    static let adjective = [
        "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого", "ему",
        "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
    ]
    static let participle1 = ["ем", "нн", "вш", "ющ", "щ"]
    static let participle2 = ["ивш", "ывш", "ующ"]
    static let reflexive = ["ся", "сь"]
    static let verb1 = [
        "ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно",
    ]
    static let verb2 = [
        "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило",
        "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю",
    ]
    static let noun = [
        "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й", "иям",
        "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я",
    ]
    static let superlative = ["ейш", "ейше"]
    static let derivational = ["ост", "ость"]

    /// The stem of one folded Russian word.
    /// - Complexity: O(n) in the word's length (the ending lists are fixed).
    public static func stem(_ word: String) -> String {
        var w = Array(word)
        // RV: after the first vowel. R1: after the first non-vowel that follows a vowel; R2: the same within R1.
        guard let first = w.firstIndex(where: vowels.contains) else { return word }
        let rv = first + 1
        let r1 = region(after: 0, in: w)
        let r2 = region(after: r1, in: w)

        // Step 1.
        if !removeLongest(&w, perfectiveGerund1, from: rv, afterAOrYa: true)
            && !removeLongest(&w, perfectiveGerund2, from: rv)
        {
            _ = removeLongest(&w, reflexive, from: rv)
            if !removeAdjectival(&w, from: rv), !removeLongest(&w, verb1, from: rv, afterAOrYa: true),
                !removeLongest(&w, verb2, from: rv)
            {
                _ = removeLongest(&w, noun, from: rv)
            }
        }
        // Step 2.
        if w.count > rv, w.last == "и" { w.removeLast() }
        // Step 3: a derivational ending wholly in R2.
        _ = removeLongest(&w, derivational, from: r2)
        // Step 4.
        if ends(w, "нн", from: rv) {
            w.removeLast()
        } else if removeLongest(&w, superlative, from: rv) {
            if ends(w, "нн", from: rv) { w.removeLast() }
        } else if w.count > rv, w.last == "ь" {
            w.removeLast()
        }
        return String(w)
    }

    /// The start of the region after the first non-vowel that follows a vowel, searching from `start`.
    static func region(after start: Int, in w: [Character]) -> Int {
        Snowball.region(after: start, in: w, vowels: vowels)
    }

    /// Whether `w` ends with `ending`, the ending lying wholly at or after `start`.
    static func ends(_ w: [Character], _ ending: String, from start: Int) -> Bool {
        let e = Array(ending)
        return w.count - e.count >= start && w.suffix(e.count).elementsEqual(e)
    }

    /// Removes the longest of `endings` found in the region; with `afterAOrYa`, only one preceded by "а" or
    /// "я" (which stays). - Returns: whether one was removed.
    static func removeLongest(_ w: inout [Character], _ endings: [String], from start: Int, afterAOrYa: Bool = false)
        -> Bool
    {
        let found = endings.filter { ending in
            guard ends(w, ending, from: start) else { return false }
            guard afterAOrYa else { return true }
            let before = w.count - ending.count - 1
            return before >= start && (w[before] == "а" || w[before] == "я")
        }.max { $0.count < $1.count }
        guard let ending = found else { return false }
        w.removeLast(ending.count)
        return true
    }

    /// An adjectival ending: an adjective ending, optionally preceded by a participle ending (removed with it).
    static func removeAdjectival(_ w: inout [Character], from start: Int) -> Bool {
        guard removeLongest(&w, adjective, from: start) else { return false }
        if !removeLongest(&w, participle1, from: start, afterAOrYa: true) {
            _ = removeLongest(&w, participle2, from: start)
        }
        return true
    }
}
