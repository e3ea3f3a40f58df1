/// What the Snowball stemming algorithms (``EnglishStemmer``, ``RussianStemmer``) share: the regions R1 and R2
/// in which endings may be removed.
enum Snowball {
    /// The start of the region after the first non-vowel that follows a vowel, searching from `start` (R1 from
    /// 0; R2 from R1). The word's length where there is none.
    static func region(after start: Int, in w: [Character], vowels: Set<Character>) -> Int {
        var index = start
        while index + 1 < w.count {
            if vowels.contains(w[index]), !vowels.contains(w[index + 1]) { return index + 2 }
            index += 1
        }
        return w.count
    }
}
