extension DefaultStringInterpolation {
    /// `"\(date)"` writes `YYYY-MM-DD` directly, without the generic `String(describing:)` path: explanations
    /// interpolate dates in every row.
    public mutating func appendInterpolation(_ date: CalendarDate) {
        appendLiteral(date.description)
    }

    /// `"\(code)"` writes the code directly.
    public mutating func appendInterpolation(_ code: PartyCode) {
        appendLiteral(code.rawValue)
    }
}
