import Mustache
import PactaCore

/// A treaty's timeline as an SVG picture: recorded events above the axis (circles), computed dates below it
/// (diamonds), each labelled with its date and type. Years are spaced by time, with a floor so that events of
/// one season stay readable.
enum TimelineSVG {
    /// `timeline.mustache`: the picture's size and axis, and each entry's mark and label (coordinates in the SVG's
    /// user units, as Swift prints a `Double`).
    struct View {
        struct Mark {
            let recorded: Bool
            let x: String
            let y: String
            let colour: String
            let summary: String
            let label: String
            /// The diamond of a computed date, as SVG path data.
            let diamond: String
        }

        let width: Int
        let height: Int
        let title: String
        let axis: String
        let axisStart: String
        let axisEnd: String
        let marks: [Mark]
    }

    /// The picture, or an empty string where there is no entry.
    /// - Throws: ``Problem`` `500` where the templates did not load.
    static func render(_ entries: [TimelineEntry], title: String) throws -> String {
        guard let first = entries.first?.date, let last = entries.last?.date else { return "" }
        let width = 1000.0
        let left = 40.0
        let right = width - 40
        let span = Double(max(1, first.days(to: last)))
        // Position by time, then push apart entries closer than `gap` pixels.
        var xs = entries.map { left + (right - left) * Double(first.days(to: $0.date)) / span }
        let gap = 26.0
        for index in xs.indices.dropFirst() where xs[index] - xs[index - 1] < gap { xs[index] = xs[index - 1] + gap }
        // Room on the right for the last labels, which slant up to the right (-55°) or down to the right (55°):
        // about 0.6 em per character at 11 px, times cos 55°.
        let longest =
            entries.indices.map { index -> Double in
                let entry = entries[index]
                let characters = "\(entry.date) \(entry.type) \(entry.parties.map(\.rawValue).joined(separator: ", "))"
                    .count
                return xs[index] + Double(characters) * 11 * 0.6 * 0.574
            }.max() ?? width
        let total = max(width, longest + 20, (xs.last ?? width) + 60)
        // Room above the axis for the longest recorded label and below it for the longest computed one, slanted
        // 55°: about 0.6 em per character at 11 px, times sin 55°.
        func reach(_ origin: TimelineEntry.Origin) -> Double {
            let characters =
                entries.filter { ($0.origin == .recorded) == (origin == .recorded) }.map {
                    "\($0.date) \($0.type) \($0.parties.map(\.rawValue).joined(separator: ", "))".count
                }.max() ?? 0
            return Double(characters) * 11 * 0.6 * 0.82
        }
        let axis = max(210.0, 50 + reach(.recorded))
        let height = Int(axis + max(220.0, 30 + reach(.computed)))
        let marks = entries.enumerated().map { index, entry in
            let x = xs[index]
            let recorded = entry.origin == .recorded
            return View.Mark(
                recorded: recorded, x: "\(x)", y: "\(recorded ? axis - 12 : axis + 12)",
                colour: entry.type.hasPrefix("entry-into-force") ? "#1e7b34" : (recorded ? "#1f4e79" : "#9a6700"),
                summary: entry.summary,
                label: "\(entry.date) \(entry.type)"
                    + (entry.parties.isEmpty ? "" : " \(entry.parties.map(\.rawValue).joined(separator: ", "))"),
                diamond: "M \(x) \(axis - 7) L \(x + 7) \(axis) L \(x) \(axis + 7) L \(x - 7) \(axis) Z")
        }
        let view = View(
            width: Int(total), height: height, title: title, axis: "\(axis)", axisStart: "\(left - 20)",
            axisEnd: "\(total - 20)", marks: marks)
        return try PageTemplates.render(view, "timeline")
    }
}

// MARK: - Read by name

// The templates read a view by name through `child(named:)`, never by reflection (see PageViews.swift).

extension TimelineSVG.View.Mark: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "recorded": self.recorded
        case "x": self.x
        case "y": self.y
        case "colour": self.colour
        case "summary": self.summary
        case "label": self.label
        case "diamond": self.diamond
        default: nil
        }
    }
}

extension TimelineSVG.View: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "width": self.width
        case "height": self.height
        case "title": self.title
        case "axis": self.axis
        case "axisStart": self.axisStart
        case "axisEnd": self.axisEnd
        case "marks": self.marks
        default: nil
        }
    }
}
