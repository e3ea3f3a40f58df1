import Foundation

/// The text labels of an SVG picture with an estimate of the box each takes, to check that none overlap.
///
/// The estimate: a character is 0.55 em wide on average (Helvetica and its metric twins, mixed case), a line
/// runs from 0.8 em above the baseline to 0.2 em below it. Translations of enclosing groups
/// (`<g transform="translate(x y)">`) are applied; rotated labels are reported with ``Label/rotated``.
public enum SVGText {
    public struct Label: Sendable, Hashable, CustomStringConvertible {
        public var text: String
        public var minX: Double
        public var minY: Double
        public var maxX: Double
        public var maxY: Double
        public var rotated: Bool

        public var description: String {
            "'\(text)' [\(Int(minX)),\(Int(minY))–\(Int(maxX)),\(Int(maxY))]"
        }

        /// Whether the two boxes share some area.
        public func overlaps(_ other: Label) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// The value of attribute `name` in the tag `tag`.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Every `<text>` element of `svg`, with its estimated box.
    public static func labels(_ svg: String) -> [Label] {
        var labels: [Label] = []
        var offsets: [(Double, Double)] = []
        var rest = svg[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[open...close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("<g") {
                var offset = (0.0, 0.0)
                if let transform = attribute("transform", in: tag), transform.hasPrefix("translate(") {
                    let numbers = transform.dropFirst("translate(".count).prefix { $0 != ")" }
                        .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
                    if numbers.count == 2 { offset = (numbers[0], numbers[1]) }
                }
                offsets.append(offset)
            } else if tag.hasPrefix("</g") {
                _ = offsets.popLast()
            } else if tag.hasPrefix("<text") {
                guard let end = rest.range(of: "</text>") else { break }
                var content = String(rest[..<end.lowerBound])
                rest = rest[end.upperBound...]
                // Leave out a hover title inside the label.
                if let title = content.range(of: "<title>"), let titleEnd = content.range(of: "</title>") {
                    content.removeSubrange(title.lowerBound..<titleEnd.upperBound)
                }
                let text = content.replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
                let size = Double(attribute("font-size", in: tag) ?? "") ?? 16
                let dx = offsets.reduce(0) { $0 + $1.0 }
                let dy = offsets.reduce(0) { $0 + $1.1 }
                let x = (Double(attribute("x", in: tag) ?? "") ?? 0) + dx
                let y = (Double(attribute("y", in: tag) ?? "") ?? 0) + dy
                let width = Double(text.count) * size * 0.55
                let minX: Double
                switch attribute("text-anchor", in: tag) {
                case "middle": minX = x - width / 2
                case "end": minX = x - width
                default: minX = x
                }
                labels.append(
                    Label(
                        text: text, minX: minX, minY: y - size * 0.8, maxX: minX + width, maxY: y + size * 0.2,
                        rotated: attribute("transform", in: tag)?.contains("rotate") ?? false))
            }
        }
        return labels
    }

    /// The pairs of labels whose boxes overlap.
    public static func overlaps(_ svg: String) -> [(Label, Label)] {
        let all = labels(svg)
        var pairs: [(Label, Label)] = []
        for i in all.indices {
            for j in all.indices where j > i && all[i].overlaps(all[j]) { pairs.append((all[i], all[j])) }
        }
        return pairs
    }
}
