import Foundation
import PactaCore

extension Alliance {
    /// The treaty file's id: `cow-<version4id>` or `atop-<atopid>`.
    func treatyID(_ dataSet: DataSet) -> String { "\(dataSet.key)-\(id)" }

    /// The treaty file's text, in the treaty format, `record: partial`, every event citing the data set.
    func file(_ dataSet: DataSet) -> String {
        let treaty = treatyID(dataSet)
        let key = dataSet.key
        var out = """
            # Written by pacta import \(key) from \(dataSet.name) \(dataSet.version); a new import overwrites it. \
            See docs/import-alliances.md.
            format: 1
            id: \(treaty)
            titles:
              en: \(quoted("\(dataSet.name) alliance \(dataSet.idColumn) \(id)"))
            kind: multilateral
            adopted: {date: \(start.earliest)}
            references: {\(key): \(quoted(id))}
            record: partial
            documented: {entry-into-force: \(start.earliest), source: \(key)}
            note: \(quoted(note(dataSet)))
            sources:
              \(key): {title: \(quoted("\(dataSet.name), version \(dataSet.version) (\(dataSet.idColumn) \(id))")), url: \(quoted(dataSet.url))}
            events:

            """
        var lines: [(date: CalendarDate, rank: Int, code: PartyCode, text: String)] = []
        var seen: [PartyCode: Int] = [:]
        let spells = spells
        for member in spells {
            seen[member.code, default: 0] += 1
            var slug = member.code.rawValue.lowercased().replacingOccurrences(of: ":", with: "-")
            if seen[member.code]! > 1 { slug += "-\(seen[member.code]!)" }
            let entryNote =
                "\(dataSet.name) \(dataSet.version): \(member.label) is a member from \(member.entry). The data set "
                + "does not say how the State consented nor when it deposited; the format needs a form, and "
                + "ratification is written for that reason only."
            lines.append(
                (
                    member.entry.latest, 0, member.code,
                    "{id: \(treaty)-\(slug)-in, date: \(member.entry.yaml), type: consent, form: ratification, "
                        + "party: \(member.code), source: \(key), note: \(quoted(entryNote))}"
                ))
            if let exit = member.exit {
                var exitNote =
                    "\(dataSet.name) \(dataSet.version): \(member.label)'s membership ends on \(exit). The data set "
                    + "does not say whether the State denounced the treaty, nor when a notice was received; the exit "
                    + "is written as a denunciation taking effect that day."
                var effective = ""
                if let full = exit.full {
                    effective = ", effective: \(full)"
                } else {
                    exitNote += " The day is not given, so no effective day is written."
                }
                lines.append(
                    (
                        exit.latest, 1, member.code,
                        "{id: \(treaty)-\(slug)-out, date: \(exit.yaml), type: denunciation, party: \(member.code)"
                            + "\(effective), source: \(key), note: \(quoted(exitNote))}"
                    ))
            }
        }
        lines.sort { ($0.date, $0.rank, $0.code) < ($1.date, $1.rank, $1.code) }
        for line in lines { out += "  - \(line.text)\n" }
        // Without a denunciation rule the engine applies VCLT art. 56(2) (twelve months); the data set's exit is
        // the day membership ended, so the file says that a notice takes effect on the day it is dated.
        out += "rules:\n  denunciation: {allowed: true}\n"
        if obligations.isEmpty {
            out += "provisions: []\n"
        } else {
            out += "provisions:\n"
            for obligation in obligations.sorted() {
                var summary =
                    "\(dataSet.name) \(dataSet.version) codes a \(obligation.rawValue) obligation; this is the data "
                    + "set's coding, not a reading of the treaty's text."
                // COW codes obligations member by member: say so where not every member has this one.
                let without = Set(spells.filter { !($0.obligations?.contains(obligation) ?? true) }.map(\.code))
                if !without.isEmpty {
                    let all = Set(spells.map(\.code))
                    summary +=
                        " It codes it for \(all.count - without.count) of the \(all.count) members, not for "
                        + without.sorted().map(\.rawValue).joined(separator: ", ") + "."
                }
                out +=
                    "  - {id: \(obligation.rawValue), article: \"unknown\", category: \(obligation.rawValue), "
                    + "summary: {en: \(quoted(summary))}}\n"
            }
        }
        return out
    }

    /// The file's note: where the facts come from and what the data set does not say.
    func note(_ dataSet: DataSet) -> String {
        var note =
            "Imported by pacta import \(dataSet.key) from \(dataSet.name), version \(dataSet.version), "
            + "\(dataSet.idColumn) \(id): members with the days they entered and left, and the obligations the data "
            + "set codes. The data set starts the alliance on \(start) (taken as the date of adoption and the "
            + "documented entry into force)"
        if let end { note += " and ends it on \(end)" }
        note +=
            ". It does not give the treaty's title or text, the dates of signature or deposit, the form of each "
            + "consent, nor the treaty's own rules on entry into force, later consents and denunciation; statuses "
            + "computed from this file follow the format's defaults. The denunciation rule written here (no "
            + "notice) is not the treaty's: it makes each exit take effect on the day the data set ends the "
            + "membership."
        return note
    }
}

/// A YAML double-quoted scalar.
func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
