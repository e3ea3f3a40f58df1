/// The Snowball stemming algorithm for English ("Porter2", M. F. Porter's published description at
/// snowballstem.org, in its Snowball 3 revision: more prefixes that fix R1, and the special words of step 1b
/// handled in that step), written for Pacta: "assisting", "assistance" and "assisted" give "assist".
///
/// Search stems the query's English words and matches them as prefixes of the indexed words. Unlike the Russian
/// algorithm, Porter2 sometimes rewrites a word's end (`y` to `i`, `ational` to `ate`), so a stem is not always
/// a beginning of its word; ``SearchText`` keeps the unstemmed word where the stem is not such a beginning.
/// Input is expected folded (lower case).
public enum EnglishStemmer {
    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
    static let doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]
    static let liEndings: Set<Character> = ["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]

    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli",
        "only": "onli", "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
        "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
    /// Beginnings after which R1 starts, whatever the vowels.
    static let prefixes = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"]
    /// Words kept whole before "-eed" (proceed, exceed, succeed) and before "-ing" (evening, inning ...).
    static let beforeEed: Set<String> = ["succ", "proc", "exc"]
    static let beforeIng: Set<String> = ["even", "cann", "inn", "earr", "herr", "out"]
    static let step2: [(String, String)] = [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("entli", "ent"), ("ation", "ate"),
        ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"), ("enci", "ence"),
        ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"), ("alli", "al"), ("bli", "ble"),
        ("ogist", "og"), ("ogi", "og"), ("li", ""),
    ]
    static let step3: [(String, String)] = [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ative", ""),
        ("ical", "ic"), ("ness", ""), ("ful", ""),
    ]
    static let step4 = [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
        "ion", "al", "er", "ic",
    ]

    /// The stem of one folded English word.
    /// - Complexity: O(n) in the word's length (the suffix lists are fixed).
    public static func stem(_ word: String) -> String {
        guard word.count > 2 else { return word }
        if let exception = exceptions[word] { return exception }
        var w = Array(word)
        if w.first == "'" { w.removeFirst() }
        // y at the start or after a vowel is a consonant: written Y until the end.
        for index in w.indices where w[index] == "y" && (index == 0 || vowels.contains(w[index - 1])) {
            w[index] = "Y"
        }
        let r1 = regionOne(w)
        let r2 = region(after: r1, in: w)

        // Step 0: apostrophe endings.
        for suffix in ["'s'", "'s", "'"] where ends(w, suffix) {
            w.removeLast(suffix.count)
            break
        }
        // Step 1a.
        if ends(w, "sses") {
            w.removeLast(2)
        } else if ends(w, "ied") || ends(w, "ies") {
            w.removeLast(w.count > 4 ? 2 : 1)
        } else if ends(w, "us") || ends(w, "ss") {
            // unchanged
        } else if ends(w, "s"), w.dropLast(2).contains(where: vowels.contains) {
            w.removeLast()
        }
        // Step 1b.
        if let suffix = longest(w, ["eedly", "eed"]) {
            let before = String(w.dropLast(suffix.count))
            if w.count - suffix.count >= r1, !beforeEed.contains(before) { w.removeLast(suffix.count - 2) }
        } else if let suffix = longest(w, ["ingly", "edly", "ing", "ed"]) {
            let before = Array(w.dropLast(suffix.count))
            if suffix == "ing", before.count == 2, before[1] == "y", !vowels.contains(before[0]) {
                w = [before[0], "i", "e"]  // dying, lying, tying
            } else if suffix == "ing", beforeIng.contains(String(before)) {
                // evening, inning, outing ... stay whole
            } else if before.contains(where: vowels.contains) {
                w = before
                if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
                    w.append("e")
                } else if doubles.contains(where: { ends(w, $0) }) {
                    // A double after a lone a, e or o at the start stays (add, egg, off).
                    if !(w.count == 3 && ["a", "e", "o"].contains(w[0])) { w.removeLast() }
                } else if r1 == w.count, endsInShortSyllable(w) {
                    w.append("e")
                }
            }
        }
        // Step 1c.
        if w.count > 2, w.last == "y" || w.last == "Y", !vowels.contains(w[w.count - 2]) {
            w[w.count - 1] = "i"
        }
        // Step 2.
        if let (suffix, replacement) = step2.filter({ ends(w, $0.0) }).max(by: { $0.0.count < $1.0.count }),
            w.count - suffix.count >= r1
        {
            let before = w.count - suffix.count - 1
            switch suffix {
            case "ogi":
                if before >= 0, w[before] == "l" { replace(&w, suffix, replacement) }
            case "li":
                if before >= 0, liEndings.contains(w[before]) { w.removeLast(2) }
            default:
                replace(&w, suffix, replacement)
            }
        }
        // Step 3.
        if let (suffix, replacement) = step3.filter({ ends(w, $0.0) }).max(by: { $0.0.count < $1.0.count }),
            w.count - suffix.count >= r1
        {
            if suffix != "ative" || w.count - suffix.count >= r2 { replace(&w, suffix, replacement) }
        }
        // Step 4.
        if let suffix = longest(w, step4), w.count - suffix.count >= r2 {
            if suffix == "ion" {
                let before = w.count - 4
                if before >= 0, w[before] == "s" || w[before] == "t" { w.removeLast(3) }
            } else {
                w.removeLast(suffix.count)
            }
        }
        // Step 5.
        if w.last == "e" {
            if w.count - 1 >= r2 || (w.count - 1 >= r1 && !endsInShortSyllable(Array(w.dropLast()))) {
                w.removeLast()
            }
        } else if w.last == "l", w.count - 1 >= r2, w.count >= 2, w[w.count - 2] == "l" {
            w.removeLast()
        }
        return String(w.map { $0 == "Y" ? "y" : $0 })
    }

    /// R1, with the exceptional prefixes gener-, commun- and arsen-.
    static func regionOne(_ w: [Character]) -> Int {
        for prefix in prefixes where w.starts(with: Array(prefix)) { return prefix.count }
        return region(after: 0, in: w)
    }

    /// The start of the region after the first non-vowel that follows a vowel, searching from `start`.
    static func region(after start: Int, in w: [Character]) -> Int {
        Snowball.region(after: start, in: w, vowels: vowels)
    }

    static func ends(_ w: [Character], _ suffix: String) -> Bool {
        let s = Array(suffix)
        return w.count >= s.count && w.suffix(s.count).elementsEqual(s)
    }

    static func longest(_ w: [Character], _ suffixes: [String]) -> String? {
        suffixes.filter { ends(w, $0) }.max { $0.count < $1.count }
    }

    static func replace(_ w: inout [Character], _ suffix: String, _ replacement: String) {
        w.removeLast(suffix.count)
        w.append(contentsOf: replacement)
    }

    /// A short syllable at the end: a non-vowel, a vowel, then a non-vowel other than w, x or Y; or, at the start
    /// of the word, a vowel followed by a non-vowel.
    static func endsInShortSyllable(_ w: [Character]) -> Bool {
        let n = w.count
        if ends(w, "past") { return true }
        if n == 2 { return vowels.contains(w[0]) && !vowels.contains(w[1]) }
        guard n >= 3 else { return false }
        return !vowels.contains(w[n - 3]) && vowels.contains(w[n - 2]) && !vowels.contains(w[n - 1])
            && !["w", "x", "Y"].contains(w[n - 1])
    }

}
