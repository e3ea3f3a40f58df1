import Foundation

/// Lays out a graph with Graphviz (`dot`, run as a subprocess with a time limit and a bounded input), for
/// ``NetworkSVG`` to draw: where each node is, the spline of each edge and where its label goes. `dot` places
/// edge labels as nodes of their own, so that no two overlap. Where Graphviz is missing, too slow, or the
/// graph too large, ``layout(_:)`` answers `nil` and the caller draws by hand.
enum Graphviz {
    /// A point in Graphviz's units (points), with y growing downwards as in SVG.
    struct Point: Sendable, Hashable {
        var x: Double
        var y: Double
    }

    /// The layout of one graph.
    struct Layout: Sendable {
        struct Node: Sendable {
            var centre: Point
            var width: Double
            var height: Double
        }
        struct Edge: Sendable {
            /// The edge's index in the input.
            var index: Int
            /// The cubic Bézier control points: the first point, then three for each segment.
            var points: [Point]
            /// The tip of the arrowhead, where the spline stops short of it.
            var end: Point?
            /// The centre of the label.
            var label: Point?
        }
        var width: Double
        var height: Double
        var nodes: [String: Node]
        var edges: [Edge]
    }

    /// The largest graph handed to Graphviz (nodes plus edges); larger ones are drawn by hand.
    static let maximumElements = 2_000
    /// The longest a layout may take.
    static let timeout: Double = 10

    /// The `dot` program on `PATH` (or in `/usr/bin`), if any.
    static let program: String? = {
        let paths =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin"]
        return paths.map { $0 + "/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// A DOT string literal: `text` in double quotes, with `"` and `\` escaped and line breaks removed.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// The layout of the graph `source` (DOT), computed by `program -Tjson0`; `nil` where Graphviz is missing,
    /// fails, or takes longer than ``timeout``.
    /// - Complexity: that of `dot`; the input is at most ``maximumElements`` nodes and edges (the caller checks).
    static func layout(_ source: String, program: String? = Graphviz.program) -> Layout? {
        guard let program, source.utf8.count < 1_000_000 else { return nil }
        // The graph goes in a temporary file, not through a pipe: a program that exits early (or is not dot)
        // then cannot kill this process with SIGPIPE.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-\(UUID().uuidString).dot")
        guard (try? Data(source.utf8).write(to: file)) != nil else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-Tjson0", file.path]
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let watchdog = Watchdog(process)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.disarm()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        return parse(data)
    }

    /// Ends a process that runs past its time, unless disarmed first.
    private final class Watchdog: @unchecked Sendable {
        // @unchecked: `armed` is read and written under `lock`; `process` is only terminated.
        private let process: Process
        private let lock = NSLock()
        private var armed = true
        init(_ process: Process) { self.process = process }
        func fire() {
            lock.lock()
            defer { lock.unlock() }
            if armed, process.isRunning { process.terminate() }
        }
        func disarm() {
            lock.lock()
            armed = false
            lock.unlock()
        }
    }

    /// The layout in `dot`'s JSON output (`-Tjson0`), turned so that y grows downwards.
    static func parse(_ data: Data) -> Layout? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let box = (object["bb"] as? String).map(numbers), box.count == 4
        else { return nil }
        let height = box[3]
        func point(_ pair: [Double]) -> Point { Point(x: pair[0], y: height - pair[1]) }
        var nodes: [String: Layout.Node] = [:]
        var names: [Int: String] = [:]
        for node in object["objects"] as? [[String: Any]] ?? [] {
            guard let name = node["name"] as? String, let id = node["_gvid"] as? Int,
                let pos = (node["pos"] as? String).map(numbers), pos.count == 2
            else { continue }
            names[id] = name
            nodes[name] = Layout.Node(
                centre: point(pos), width: (Double(node["width"] as? String ?? "") ?? 0) * 72,
                height: (Double(node["height"] as? String ?? "") ?? 0) * 72)
        }
        var edges: [Layout.Edge] = []
        for (index, edge) in (object["edges"] as? [[String: Any]] ?? []).enumerated() {
            guard let spline = edge["pos"] as? String else { continue }
            var points: [Point] = []
            var end: Point?
            for part in spline.split(separator: " ") {
                let values = numbers(String(part.drop { $0 == "e" || $0 == "s" || $0 == "," }))
                guard values.count == 2 else { continue }
                if part.hasPrefix("e,") {
                    end = point(values)
                } else if !part.hasPrefix("s,") {
                    points.append(point(values))
                }
            }
            let label = (edge["lp"] as? String).map(numbers).flatMap { $0.count == 2 ? point($0) : nil }
            let order = Int((edge["comment"] as? String) ?? "") ?? index
            edges.append(Layout.Edge(index: order, points: points, end: end, label: label))
        }
        return Layout(width: box[2], height: height, nodes: nodes, edges: edges)
    }

    /// The numbers of `"x,y"` or `"x0,y0,x1,y1"`.
    private static func numbers(_ text: String) -> [Double] {
        text.split(separator: ",").compactMap { Double($0) }
    }
}
