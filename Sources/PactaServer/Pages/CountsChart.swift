import Mustache
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

    /// `counts-chart.mustache`: the chart's coordinates (in the SVG's user units, as Swift prints a `Double`)
    /// and words.
    struct View {
        struct Threshold {
            let lineY: String
            let labelY: String
            /// `art. N: `, or empty.
            let article: String
            let count: Int
        }

        struct Mark {
            let x: String
            let what: String
        }

        let width: Int
        let height: Int
        let title: String
        let left: String
        let right: String
        let top: String
        let baseline: String
        let tickX: String
        let highestY: String
        let highest: Int
        let zeroY: String
        let dateY: String
        let first: String
        let last: String
        let consentsPath: String
        let partiesPath: String
        let legendX: String
        let legendY1: String
        let legendY2: String
        let consents: Int
        let parties: Int
        let threshold: Threshold?
        let stateMarks: [Mark]
    }

    /// The chart, or `nil` where there is nothing to draw (a bilateral treaty, no consent on record).
    /// - Throws: ``Problem`` `500` where the templates did not load.
    static func render(_ treaty: Treaty, status: TreatyStatus, state: PartyCode? = nil) throws -> String? {
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
        // SVG path data: a step at each change of the count.
        func path(_ value: (Step) -> Int) -> String {
            var d = "M \(x(first)) \(y(0))"
            var previous = 0
            for step in steps {
                d += " L \(x(step.date)) \(y(previous)) L \(x(step.date)) \(y(value(step)))"
                previous = value(step)
            }
            return d + " L \(x(last)) \(y(previous))"
        }
        var marks: [View.Mark] = []
        if let state, let row = status.state(state) {
            let dates: [(CalendarDate?, String)] = [
                (row.signature, "signature"), (row.consent?.date, "consent"), (row.entryIntoForce, "in force"),
                (row.withdrawal?.effective, "withdrawal"),
            ]
            for case (let date?, let what) in dates where date >= first && date <= last {
                marks.append(View.Mark(x: "\(x(date))", what: "\(state) \(what): \(date)"))
            }
        }
        let view = View(
            width: Int(width), height: Int(height),
            title: "Consents in effect and parties of \(treaty.id), \(first) to \(status.on)", left: "\(left)",
            right: "\(left + plotWidth)", top: "\(top)", baseline: "\(y(0))", tickX: "\(left - 6)",
            highestY: "\(y(highest) + 4)", highest: highest, zeroY: "\(y(0) + 4)", dateY: "\(height - 8)",
            first: first.description, last: status.on.description, consentsPath: path { $0.consents },
            partiesPath: path { $0.parties }, legendX: "\(left + 8)", legendY1: "\(top + 12)",
            legendY2: "\(top + 28)", consents: steps.last?.consents ?? 0, parties: steps.last?.parties ?? 0,
            threshold: threshold(treaty).map { count in
                View.Threshold(
                    lineY: "\(y(count))", labelY: "\(y(count) - 4)",
                    article: treaty.rules.entryIntoForce?.article.map { "art. \($0): " } ?? "", count: count)
            },
            stateMarks: marks)
        return try PageTemplates.render(view, "counts-chart")
    }
}

// MARK: - Read by name

// The templates read a view by name through `child(named:)`, never by reflection (see PageViews.swift).

extension CountsChart.View: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "width": self.width
        case "height": self.height
        case "title": self.title
        case "left": self.left
        case "right": self.right
        case "top": self.top
        case "baseline": self.baseline
        case "tickX": self.tickX
        case "highestY": self.highestY
        case "highest": self.highest
        case "zeroY": self.zeroY
        case "dateY": self.dateY
        case "first": self.first
        case "last": self.last
        case "consentsPath": self.consentsPath
        case "partiesPath": self.partiesPath
        case "legendX": self.legendX
        case "legendY1": self.legendY1
        case "legendY2": self.legendY2
        case "consents": self.consents
        case "parties": self.parties
        case "threshold": self.threshold
        case "stateMarks": self.stateMarks
        default: nil
        }
    }
}

extension CountsChart.View.Threshold: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lineY": self.lineY
        case "labelY": self.labelY
        case "article": self.article
        case "count": self.count
        default: nil
        }
    }
}

extension CountsChart.View.Mark: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": self.x
        case "what": self.what
        default: nil
        }
    }
}
