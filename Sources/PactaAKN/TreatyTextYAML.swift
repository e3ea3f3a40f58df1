import Foundation
import PactaCore
import Yams

/// A treaty file's `text:` block, written from the model, and put in the place of a file's own: what `pacta import
/// akn` writes into a treaty file.
public enum TreatyTextYAML {
    /// `text:` and its block, YAML, ending with a newline: `preamble` by language, then `articles`, each with
    /// `number` (quoted), `heading`, `summary` and `paragraphs` by language, languages in sorted order.
    public static func block(_ text: TreatyText) throws -> String {
        // As the corpus writes them: `{en: "...", ru: "..."}`, one line per map.
        func strings(_ map: [String: String]) -> Node {
            Node.mapping(
                Node.Mapping(
                    map.keys.sorted().map { (Node($0), Node(map[$0]!, Tag(.str), .doubleQuoted)) }, Tag(.map), .flow))
        }
        var top: [(Node, Node)] = []
        if !text.preamble.isEmpty { top.append((Node("preamble"), strings(text.preamble))) }
        let articles = text.articles.map { article -> Node in
            var pairs: [(Node, Node)] = [(Node("number"), Node(article.number, Tag(.str), .doubleQuoted))]
            if !article.heading.isEmpty { pairs.append((Node("heading"), strings(article.heading))) }
            if !article.summary.isEmpty { pairs.append((Node("summary"), strings(article.summary))) }
            if !article.paragraphs.isEmpty {
                pairs.append((Node("paragraphs"), Node.sequence(Node.Sequence(article.paragraphs.map(strings)))))
            }
            return Node.mapping(Node.Mapping(pairs))
        }
        top.append((Node("articles"), Node.sequence(Node.Sequence(articles))))
        let root = Node.mapping(Node.Mapping([(Node("text"), Node.mapping(Node.Mapping(top)))]))
        return try Yams.serialize(node: root, width: -1, allowUnicode: true)
    }

    /// `file` with its top-level `text:` block (from the line `text:` to the next top-level key, or the end)
    /// replaced by `block`, or `block` appended where the file has none. Every other line is kept as it was.
    public static func replacingText(in file: String, with block: String) -> String {
        var lines = file.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("text:") }) else {
            return lines.joined(separator: "\n") + "\n" + block
        }
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            if let first = line.first, first != " ", first != "#", first != "-" { break }
            end += 1
        }
        let replaced =
            Array(lines[..<start])
            + block.split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init) + Array(lines[end...])
        return replaced.joined(separator: "\n") + "\n"
    }

    /// `text` with the texts of `language` from `reading` put in: the preamble, and for each article the heading,
    /// summary and paragraphs in that language, replacing what the file had in that language (an article the file
    /// lacks is added at the end).
    public static func merging(_ reading: TreatyText, language: String, into text: TreatyText) -> TreatyText {
        var merged = text
        merged.preamble[language] = reading.preamble[language]
        for article in reading.articles {
            let index =
                merged.articles.firstIndex { $0.number == article.number }
                ?? {
                    merged.articles.append(TreatyText.Article(number: article.number))
                    return merged.articles.count - 1
                }()
            merged.articles[index].heading[language] = article.heading[language]
            merged.articles[index].summary[language] = article.summary[language]
            var paragraphs = merged.articles[index].paragraphs.map { paragraph -> [String: String] in
                var kept = paragraph
                kept[language] = nil
                return kept
            }
            for (position, paragraph) in article.paragraphs.enumerated() {
                if position < paragraphs.count {
                    paragraphs[position][language] = paragraph[language]
                } else {
                    paragraphs.append(paragraph)
                }
            }
            merged.articles[index].paragraphs = paragraphs.filter { !$0.isEmpty }
        }
        return merged
    }
}
