import PactaCore

/// A treaty's timeline as an SVG picture: recorded events above the axis (circles), computed dates below it
/// (diamonds), each labelled with its date and type. Years are spaced by time, with a floor so that events of
/// one season stay readable.
enum TimelineSVG {
    static func render(_ entries: [TimelineEntry], title: String) -> String {
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
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(total)) \(height)" width="\(Int(total))" height="\(height)" role="img" aria-label="\(HTML.escape(title))" font-family="system-ui,sans-serif">
            <title>\(HTML.escape(title))</title>
            <line x1="\(left - 20)" y1="\(axis)" x2="\(total - 20)" y2="\(axis)" stroke="#5d6d7e" stroke-width="2"/>
            <text x="\(left - 20)" y="20" font-size="12" fill="#5d6d7e">● recorded in the treaty's file (above)   ◆ computed by Pacta from the rules (below)</text>
            """
        for (index, entry) in entries.enumerated() {
            let x = xs[index]
            let recorded = entry.origin == .recorded
            let colour = entry.type.hasPrefix("entry-into-force") ? "#1e7b34" : (recorded ? "#1f4e79" : "#9a6700")
            let y = recorded ? axis - 12 : axis + 12
            let label =
                "\(entry.date) \(entry.type)"
                + (entry.parties.isEmpty ? "" : " \(entry.parties.map(\.rawValue).joined(separator: ", "))")
            if recorded {
                svg +=
                    "<circle cx=\"\(x)\" cy=\"\(axis)\" r=\"6\" fill=\"\(colour)\"><title>\(HTML.escape(entry.summary))</title></circle>\n"
                svg +=
                    "<text transform=\"translate(\(x),\(y)) rotate(-55)\" font-size=\"11\" fill=\"\(colour)\">\(HTML.escape(label))</text>\n"
            } else {
                svg +=
                    "<path d=\"M \(x) \(axis - 7) L \(x + 7) \(axis) L \(x) \(axis + 7) L \(x - 7) \(axis) Z\" fill=\"\(colour)\"><title>\(HTML.escape(entry.summary))</title></path>\n"
                svg +=
                    "<text transform=\"translate(\(x),\(y)) rotate(55)\" font-size=\"11\" fill=\"\(colour)\">\(HTML.escape(label))</text>\n"
            }
        }
        return svg + "</svg>"
    }
}
