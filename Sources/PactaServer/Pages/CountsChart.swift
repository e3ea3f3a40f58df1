import PactaCore

/// A multilateral treaty's counts over time as an SVG step chart: the consents in effect and the parties, from the
/// first signature to the page's date, with the entry-into-force threshold as a dashed line where the rule is a
/// count of consents (`consents: N`), and, where the page names a State, that State's own dates marked on the axis.
///
/// The counts come from the State rows of the status on the page's date: a State counts as consenting from its
/// consent to its withdrawal's effect (or the day it ceased), and as a party from the date the treaty entered into
/// force for it to the same end. The same facts are in the table below the chart (its text alternative).
enum CountsChart {
    /// One count at a day.
    struct Step {
        var date: CalendarDate
        var consents: Int
        var parties: Int
    }

    /// The steps: a point at every date where a count changes, in date order.
    static func steps(_ status: TreatyStatus) -> [Step] {
        var changes: [CalendarDate: (consents: Int, parties: Int)] = [:]
        for row in status.states {
            let end = row.withdrawal?.effective ?? row.ceased
            if let consent = row.consent?.date, consent <= status.on {
                changes[consent, default: (0, 0)].consents += 1
                if let end, end <= status.on { changes[end, default: (0, 0)].consents -= 1 }
            }
            if let from = row.entryIntoForce, from <= status.on {
                changes[from, default: (0, 0)].parties += 1
                if let end, end <= status.on, end > from { changes[end, default: (0, 0)].parties -= 1 }
            }
        }
        var consents = 0
        var parties = 0
        return changes.keys.sorted().map { date in
            consents += changes[date]!.consents
            parties += changes[date]!.parties
            return Step(date: date, consents: consents, parties: parties)
        }
    }

    /// The threshold of a `consents: N` rule, else `nil`.
    static func threshold(_ treaty: Treaty) -> Int? {
        if case .consents(let count, _)? = treaty.rules.entryIntoForce?.condition { return count }
        return nil
    }

    /// The chart, or `nil` where there is nothing to draw (a bilateral treaty, no consent on record).
    static func render(_ treaty: Treaty, status: TreatyStatus, state: PartyCode? = nil) -> String? {
        let steps = steps(status)
        guard treaty.kind == .multilateral, let first = steps.first?.date else { return nil }
        let last = max(status.on, first.adding(days: 1))
        let (width, height, left, top, bottom) = (900.0, 260.0, 50.0, 20.0, 40.0)
        let plotWidth = width - left - 20
        let plotHeight = height - top - bottom
        let highest = max(1, steps.map { max($0.consents, $0.parties) }.max() ?? 1, threshold(treaty) ?? 0)
        let span = Double(max(1, first.days(to: last)))
        func x(_ date: CalendarDate) -> Double { left + plotWidth * Double(first.days(to: date)) / span }
        func y(_ count: Int) -> Double { top + plotHeight * (1 - Double(count) / Double(highest)) }
        func path(_ value: (Step) -> Int) -> String {
            var d = "M \(x(first)) \(y(0))"
            var previous = 0
            for step in steps {
                d += " L \(x(step.date)) \(y(previous)) L \(x(step.date)) \(y(value(step)))"
                previous = value(step)
            }
            return d + " L \(x(last)) \(y(previous))"
        }
        let title = "Consents in effect and parties of \(treaty.id), \(first) to \(status.on)"
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" aria-label="\(HTML.escape(title))" font-family="system-ui,sans-serif" class="counts-chart">
            <title>\(HTML.escape(title))</title>
            <line x1="\(left)" y1="\(y(0))" x2="\(left + plotWidth)" y2="\(y(0))" stroke="#5d6d7e"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(y(0))" stroke="#5d6d7e"/>
            <text x="\(left - 6)" y="\(y(highest) + 4)" font-size="11" text-anchor="end" fill="#5d6d7e">\(highest)</text>
            <text x="\(left - 6)" y="\(y(0) + 4)" font-size="11" text-anchor="end" fill="#5d6d7e">0</text>
            <text x="\(left)" y="\(height - 8)" font-size="11" fill="#5d6d7e">\(first)</text>
            <text x="\(left + plotWidth)" y="\(height - 8)" font-size="11" text-anchor="end" fill="#5d6d7e">\(status.on)</text>
            <path d="\(path { $0.consents })" fill="none" stroke="#9a6700" stroke-width="2"><title>consents in effect</title></path>
            <path d="\(path { $0.parties })" fill="none" stroke="#1e7b34" stroke-width="2.5"><title>parties</title></path>
            <text x="\(left + 8)" y="\(top + 12)" font-size="12" fill="#9a6700">— consents in effect (\(steps.last?.consents ?? 0))</text>
            <text x="\(left + 8)" y="\(top + 28)" font-size="12" fill="#1e7b34">— parties (\(steps.last?.parties ?? 0))</text>

            """
        if let threshold = threshold(treaty) {
            let article = treaty.rules.entryIntoForce?.article.map { "art. \($0): " } ?? ""
            svg +=
                "<line x1=\"\(left)\" y1=\"\(y(threshold))\" x2=\"\(left + plotWidth)\" y2=\"\(y(threshold))\" stroke=\"#b03a2e\" stroke-dasharray=\"6 4\"/>"
                + "<text x=\"\(left + plotWidth)\" y=\"\(y(threshold) - 4)\" font-size=\"12\" text-anchor=\"end\" fill=\"#b03a2e\">\(HTML.escape(article))\(threshold) consents for entry into force</text>\n"
        }
        if let state, let row = status.state(state) {
            let marks: [(CalendarDate?, String)] = [
                (row.signature, "signature"), (row.consent?.date, "consent"), (row.entryIntoForce, "in force"),
                (row.withdrawal?.effective, "withdrawal"),
            ]
            for case (let date?, let what) in marks where date >= first && date <= last {
                svg +=
                    "<circle cx=\"\(x(date))\" cy=\"\(y(0))\" r=\"5\" fill=\"#1f4e79\"><title>\(HTML.escape("\(state) \(what): \(date)"))</title></circle>\n"
            }
        }
        return svg + "</svg>"
    }
}
