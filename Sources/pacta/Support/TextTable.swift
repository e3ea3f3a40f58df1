/// A plain-text table with aligned columns, for terminal output.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// A cell's first line: later lines (a note under the row) do not count for the column's width.
    static func firstLine(_ cell: String) -> Substring {
        cell.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// The table, columns padded to their widest cell (counted in characters), two spaces apart. Where a row
    /// would be wider than `width`, its last cell is folded onto continuation lines under the last column.
    func render(width: Int = Terminal.width) -> String {
        let all = [header] + rows
        var widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? Self.firstLine($0[column]).count : 0 }.max() ?? 0
        }
        let start = widths.dropLast().reduce(0, +) + 2 * max(0, widths.count - 1)
        let room = width - start
        let fold = room >= 24 && (widths.last ?? 0) > room
        if fold { widths[widths.count - 1] = room }
        func line(_ cells: [String]) -> String {
            let fixed = cells.enumerated().dropLast().map { index, cell in
                cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }
            // A cell's own further lines (a note under a row) follow the folded first line as they are.
            let parts = (cells.last ?? "").split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let last = String(parts.first ?? "")
            let rest = parts.count > 1 ? "\n" + parts[1] : ""
            guard fold, last.count > room else { return (fixed + [last]).joined(separator: "  ") + rest }
            let pieces = Terminal.fold(last, first: "", next: "", width: room)
            let indent = String(repeating: " ", count: start)
            return (fixed + [pieces[0]]).joined(separator: "  ")
                + pieces.dropFirst().map { "\n" + indent + $0 }.joined() + rest
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(header), line(rule)] + rows.map(line)).joined(separator: "\n")
    }
}
