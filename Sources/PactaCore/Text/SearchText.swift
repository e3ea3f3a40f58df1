/// Text normalisation for search in any language and script: what the index stores and what a query is
/// compared with. Pure; the store back ends use it so that they agree.
///
/// Each character is folded on its own, so a normalised text lines up character by character with its
/// original (snippets are cut from the original): letters to lower case, Russian `ё` to `е`, Traditional
/// Chinese to Simplified (``ChineseFolding``, OpenCC's table), full-width forms to their plain form.
public enum SearchText {
    /// The folded form of one character.
    public static func fold(_ character: Character) -> String {
        if character == "ё" || character == "Ё" { return "е" }
        var text = String(character).lowercased()
        if text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first {
            if let simplified = ChineseFolding.map[scalar] {
                text = String(Character(simplified))
            } else if (0xFF01...0xFF5E).contains(scalar.value), let plain = Unicode.Scalar(scalar.value - 0xFEE0) {
                text = String(Character(plain)).lowercased()  // full-width ASCII
            }
        }
        return text
    }

    /// The folded units of `text`, one per character of the original.
    public static func units(_ text: String) -> [String] { text.map(fold) }

    /// The folded text.
    public static func normalize(_ text: String) -> String { units(text).joined() }

    /// Whether a character is written without spaces between words (Han, Hangul, kana), so that search
    /// treats each character as a token and matches any run of them, one or two characters included.
    public static func isIdeographic(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F,  // kana, Han
            0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F:  // Hangul
            return true
        default:
            return false
        }
    }

    /// The text as the full-text index stores it: folded, with every ideographic character a token of its own.
    public static func segment(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        for character in text {
            let folded = fold(character)
            if isIdeographic(character) {
                out += " \(folded) "
            } else {
                out += folded
            }
        }
        return out
    }

    /// Whether a character belongs to a word (letters and digits of any script, combining marks included).
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
            || character.unicodeScalars.first.map { $0.properties.generalCategory == .nonspacingMark } ?? false
    }

    /// The most terms a query may have, and the longest query: longer ones are cut, so that no query can keep
    /// the index busy for long.
    public static let maximumTerms = 12
    public static let maximumLength = 500

    /// The terms of a query: runs of letters and digits, folded; an ideographic run is one term. At most
    /// ``maximumTerms`` terms from the first ``maximumLength`` characters.
    /// Russian and English words are reduced to their stems (``RussianStemmer``, ``EnglishStemmer``), which match
    /// as prefixes every inflected form of the word: "военной помощи" finds "военная помощь", "assisting" finds
    /// "assistance".
    public static func terms(_ query: String) -> [String] {
        Array(allTerms(String(query.prefix(maximumLength))).prefix(maximumTerms)).map(stemmed)
    }

    /// A term's stem where the term is a Russian or an English word: the Russian stem (a beginning of the word),
    /// or the part the English stem shares with the word's beginning ("happy" → "happi" → "happ"), where that
    /// keeps three letters or more; other terms as they are.
    static func stemmed(_ term: String) -> String {
        guard term.count > 3 else { return term }
        if term.allSatisfy({ ("а"..."я").contains($0) || $0 == "ё" }) {
            let stem = RussianStemmer.stem(term)
            return stem.count >= 2 ? stem : term
        }
        if term.allSatisfy({ ("a"..."z").contains($0) }) {
            let stem = EnglishStemmer.stem(term)
            let shared = String(zip(stem, term).prefix { $0 == $1 }.map(\.0))
            return shared.count >= 3 ? shared : term
        }
        return term
    }

    static func allTerms(_ query: String) -> [String] {
        var terms: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { terms.append(current) }
            current = ""
        }
        for character in query {
            if isWordCharacter(character) {
                if let last = current.last, isIdeographic(last) != isIdeographic(character) { flush() }
                current += fold(character)
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    /// An SQLite FTS5 query for the terms of `query`: an ideographic term becomes a phrase of its characters
    /// (so 军事 matches 軍事援助), another term a prefix query (договор matches договора). `nil` for a query
    /// with no term.
    public static func ftsExpression(_ query: String) -> String? {
        let parts = terms(query).map { term -> String in
            if term.contains(where: isIdeographic) {
                return "\"" + term.map { String($0) }.joined(separator: " ") + "\""
            }
            return "\"" + term.replacingQuotes + "\"*"
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// The tokens of a text as the full-text index sees it: words, and each ideographic character alone.
    public static func tokens(_ text: String) -> [Substring] {
        segment(text).split { !isWordCharacter($0) }
    }

    /// Whether every term of `query` occurs in `text` the way ``ftsExpression(_:)`` matches it: a word term as
    /// the beginning of a word, an ideographic term as a run of characters. The in-memory store uses it, so that
    /// it agrees with SQLite's full-text index.
    public static func matches(_ text: String, query: String) -> Bool {
        let words = tokens(text)
        let queryTerms = terms(query)
        guard !queryTerms.isEmpty else { return false }
        return queryTerms.allSatisfy { term in
            if term.contains(where: isIdeographic) {
                let characters = term.map { String($0) }
                guard characters.count <= words.count else { return false }
                return (0...(words.count - characters.count)).contains { start in
                    characters.indices.allSatisfy { words[start + $0] == characters[$0] }
                }
            }
            return words.contains { $0.hasPrefix(term) }
        }
    }

    /// An excerpt of `text` around the first match of the query's terms, with the matched ranges.
    /// - Parameter radius: how many characters to keep on each side of the first match.
    /// - Returns: the excerpt and the ranges of matched characters in it (character offsets).
    public static func snippet(_ text: String, query: String, radius: Int = 60) -> Snippet {
        snippet(text, terms: terms(query), radius: radius)
    }

    /// ``snippet(_:query:radius:)`` with the query's ``terms(_:)`` worked out once, for many texts.
    public static func snippet(_ text: String, terms: [String], radius: Int = 60) -> Snippet {
        let original = Array(text)
        let folded = original.map(fold)
        var ranges: [Range<Int>] = []
        for term in terms {
            let units = term.map { String($0) }
            guard !units.isEmpty, units.count <= folded.count else { continue }
            let ideographic = term.contains(where: isIdeographic)
            var index = 0
            while index + units.count <= folded.count {
                // A word term matches at the start of a word, as the full-text index matches it.
                if !ideographic, index > 0, isWordCharacter(original[index - 1]), !isIdeographic(original[index - 1]) {
                    index += 1
                    continue
                }
                // Compare unit by unit; a folded unit may be longer than one character (rare).
                var matched = true
                var consumed = 0
                var position = index
                var needle = term[...]
                while !needle.isEmpty, position < folded.count {
                    let unit = folded[position]
                    guard needle.hasPrefix(unit) else {
                        matched = false
                        break
                    }
                    needle = needle.dropFirst(unit.count)
                    position += 1
                    consumed += 1
                }
                if matched, needle.isEmpty {
                    // A word term (a prefix, or a Russian stem) marks the whole word it begins.
                    while !ideographic, position < original.count, isWordCharacter(original[position]),
                        !isIdeographic(original[position])
                    {
                        position += 1
                        consumed += 1
                    }
                    ranges.append(index..<(index + consumed))
                    index += consumed
                } else {
                    index += 1
                }
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        guard let first = ranges.first else {
            let end = min(original.count, radius * 2)
            return Snippet(text: String(original[0..<end]) + (end < original.count ? "…" : ""), highlights: [])
        }
        let start = max(0, first.lowerBound - radius)
        let end = min(original.count, first.upperBound + radius)
        let prefix = start > 0 ? "…" : ""
        let suffix = end < original.count ? "…" : ""
        let shift = prefix.count - start
        let highlights = ranges.filter { $0.lowerBound >= start && $0.upperBound <= end }
            .map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        return Snippet(text: prefix + String(original[start..<end]) + suffix, highlights: highlights)
    }

    /// An excerpt with the character ranges that matched the query.
    public struct Snippet: Sendable, Hashable {
        public var text: String
        /// Character offsets into `text`.
        public var highlights: [Range<Int>]

        /// The excerpt with each match wrapped in `open` and `close`, every piece passed through `escape`.
        public func marked(open: String, close: String, escape: (String) -> String = { $0 }) -> String {
            let characters = Array(text)
            var out = ""
            var position = 0
            for range in highlights where range.lowerBound >= position {
                out += escape(String(characters[position..<range.lowerBound]))
                out += open + escape(String(characters[range])) + close
                position = range.upperBound
            }
            return out + escape(String(characters[position...]))
        }
    }
}

extension String {
    /// The string with `"` doubled, as FTS5 string literals need.
    var replacingQuotes: String {
        var out = ""
        for character in self {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        return out
    }
}
