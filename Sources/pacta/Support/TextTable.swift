/// A plain-text table: columns padded to their widest cell, two spaces apart, a rule under the header.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// A cell's first line: later lines (a note under the row) do not count for the column's width.
    static func firstLine(_ cell: String) -> Substring {
        guard cell.utf8.contains(UInt8(ascii: "\n")) else { return cell[...] }
        return cell.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// Whether a cell has a space (a column of such cells can be folded), read from its bytes in one pass (a
    /// space byte is a space in UTF-8, and no other character's bytes hold one).
    static func hasSpace(_ cell: String) -> Bool {
        cell.utf8.contains(UInt8(ascii: " "))
    }

    /// The table, columns padded to their widest cell (counted in terminal columns). Where it would be wider
    /// than `width`, the widest column with spaces in its cells is folded onto further lines of its row (to no
    /// less than 20 columns, nor than its longest word), so
    /// that every column stays aligned. A cell's own further lines (a note under a row, in the last column)
    /// follow its row as they are.
    func render(width: Int = Terminal.width) -> String {
        var widths = header.map { Terminal.columns(Self.firstLine($0)) }
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], Terminal.columns(Self.firstLine(cell)))
            }
        }
        let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        var folded: Int?
        // Only a column with spaces in its cells can be folded (ids and dates stay whole).
        let foldable = widths.indices.filter { column in
            func spaced(_ cells: [String]) -> Bool { cells.indices.contains(column) && Self.hasSpace(cells[column]) }
            return spaced(header) || rows.contains(where: spaced)
        }
        if total > width, let widest = foldable.max(by: { widths[$0] < widths[$1] }) {
            let others = total - widths[widest]
            // Never narrower than its longest word (an id beside a marker, `collective-security-1992 *`): folded
            // there, the word would stick out of the column and push every cell after it out of line.
            let longestWord =
                ([header] + rows).lazy.filter { $0.indices.contains(widest) }.map { cells in
                    Self.firstLine(cells[widest]).split(separator: " ").map { Terminal.columns($0) }.max() ?? 0
                }.max() ?? 0
            let room = max(20, longestWord, width - others)
            if room < widths[widest] {
                widths[widest] = room
                folded = widest
            }
        }
        // A row on one line (nothing folded, no note under it): its cells padded and written at the end of `text`
        // at once, without the spaces that would end it; `false` for any other row.
        func appendLine(_ cells: [String], to text: inout String) -> Bool {
            guard let last = cells.last, !last.utf8.contains(UInt8(ascii: "\n")),
                folded.map({ $0 >= cells.count || Terminal.columns(cells[$0]) <= widths[$0] }) ?? true
            else { return false }
            var pending = 0
            for (index, cell) in cells.enumerated() {
                if index > 0 { pending += 2 }
                if !cell.isEmpty {
                    if pending > 0 { text += String(repeating: " ", count: pending) }
                    text += cell
                    pending = 0
                    // A cell that ends with spaces: they wait with the padding.
                    if cell.utf8.last == UInt8(ascii: " ") {
                        let trailing = cell.utf8.reversed().prefix { $0 == UInt8(ascii: " ") }.count
                        text.removeLast(trailing)
                        pending = trailing
                    }
                }
                if index < cells.count - 1 { pending += max(0, widths[index] - Terminal.columns(cell)) }
            }
            return true
        }
        func lines(_ cells: [String]) -> String {
            var line = ""
            if appendLine(cells, to: &line) { return line }
            var rest = ""
            let columns = cells.indices.map { index -> [String] in
                var cell = cells[index]
                if index == cells.count - 1, cell.utf8.contains(UInt8(ascii: "\n")) {
                    let parts = cell.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                    cell = String(parts.first ?? "")
                    if parts.count > 1 { rest = "\n" + parts[1] }
                }
                guard index == folded, Terminal.columns(cell) > widths[index] else { return [cell] }
                return Terminal.fold(cell, first: "", next: "", width: widths[index])
            }
            let height = columns.map(\.count).max() ?? 1
            let physical = (0..<height).map { line in
                columns.indices.map { index -> String in
                    let text = line < columns[index].count ? columns[index][line] : ""
                    guard index < columns.count - 1 else { return text }
                    return text + String(repeating: " ", count: max(0, widths[index] - Terminal.columns(text)))
                }.joined(separator: "  ").trailingSpacesRemoved
            }
            return physical.joined(separator: "\n") + rest
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        // One string written in place (a list of 250,000 treaties is as many rows).
        var text = lines(header) + "\n" + lines(rule)
        text.reserveCapacity(text.utf8.count * (rows.count + 2))
        for row in rows {
            text += "\n"
            if !appendLine(row, to: &text) { text += lines(row) }
        }
        return text
    }
}

extension String {
    /// The string without spaces at its end.
    var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
