import PactaCore

/// Writes computed treaty dates as an iCalendar file (RFC 5545) that a calendar program can subscribe to:
/// one all-day event per date, with the derivation in its description.
public enum ICalendar {
    /// The calendar text, CRLF line endings, lines folded at 75 octets.
    /// - Parameters:
    ///   - dates: the dates to write.
    ///   - title: a treaty id → title lookup for the summaries.
    ///   - stamp: the DTSTAMP date (the day the file is made); passed in, never read from a clock here.
    ///   - caveat: a treaty id → a caveat on all its dates (an incomplete record), added to each description.
    public static func document(
        _ dates: [Lifecycle.UpcomingDate], title: (String) -> String, stamp: CalendarDate,
        caveat: (String) -> String? = { _ in nil }
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pacta//Treaty calendar//EN", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Pacta: treaty dates",
        ]
        for item in dates {
            let entry = item.entry
            let day = compact(entry.date)
            let parties = entry.parties.map(\.rawValue).joined(separator: "-")
            let uid = [item.treaty, entry.type, parties, day].filter { !$0.isEmpty }.joined(separator: "-") + "@pacta"
            lines += [
                "BEGIN:VEVENT",
                "UID:\(uid)",
                "DTSTAMP:\(compact(stamp))T000000Z",
                "DTSTART;VALUE=DATE:\(day)",
                "DTEND;VALUE=DATE:\(compact(entry.date.adding(days: 1)))",
                "SUMMARY:" + escape("\(title(item.treaty)): \(entry.summary)"),
                "DESCRIPTION:"
                    + escape(
                        ([entry.summary] + entry.explanation + (caveat(item.treaty).map { ["Caveat: " + $0] } ?? []))
                            .joined(separator: "\n")),
                "CATEGORIES:" + escape(entry.type),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `YYYYMMDD`.
    static func compact(_ date: CalendarDate) -> String {
        date.description.replacingAll("-", with: "")
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}

extension String {
    /// The string with every `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
