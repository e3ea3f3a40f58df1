import Foundation
import PactaCore
import PactaDesk
import PactaFormats
import PactaTables

extension Agreement {
    /// The source key every imported fact cites.
    static let sourceKey = "manydata"

    /// One event of the file and the row it comes from.
    struct Line {
        let fields: [Field]
        let row: Membership
        /// The column of the act's date, where a refusal of the row points.
        let column: String
        let date: CalendarDate
        let rank: Int
    }

    /// The treaty file's text, its rows checked by the treaty-file reader (where `configuration.check`): a row one of
    /// whose events the reader refuses is left out, with the reader's message, and the file made again.
    /// - Returns: `nil` where no row is left.
    mutating func file(configuration: ManydataImport.Configuration) -> String? {
        for _ in 0..<8 {
            guard !rows.isEmpty || !documentedOnly.isEmpty else { return nil }
            let (text, lines, firstEventLine) = render(configuration: configuration)
            guard configuration.check else { return text }
            let reader = TreatyFileReader(organisations: Set(Entities.organisations.values.map { PartyCode($0.code) }))
            let errors = reader.read(text: text, file: "\(id).yaml").diagnostics.filter(\.isError)
            if errors.isEmpty { return text }
            var refused: Set<Int> = []
            for error in errors {
                let index = error.line - firstEventLine
                guard lines.indices.contains(index) else {
                    // A fault of the file as a whole: nothing of it is written.
                    refuseAll(
                        "manyID", .check,
                        "the file made for agreement \(manyID) fails the check at line \(error.line): \(error.message)")
                    documentedOnly = []
                    return nil
                }
                let line = lines[index]
                guard refused.insert(line.row.row).inserted else { continue }
                refuse(
                    line.row, line.column, .check,
                    "\(line.row.stateID) in agreement \(manyID): the treaty-file check refuses its \(line.column) act: \(error.message)"
                )
            }
            rows = rows.filter { !refused.contains($0.row) }
        }
        return nil
    }

    /// The file's text, its event lines in file order, and the line number of the first.
    func render(configuration: ManydataImport.Configuration) -> (String, [Line], Int) {
        let adopted = adopted!
        let lines = eventLines()
        let codes = Set(rows.map(\.code))
        let bilateral =
            manyID.split(separator: "_").first?.contains("-") == true && codes.count == 2
            && !codes.contains(where: \.isOrganisation) && documentedOnly.isEmpty
        var references = [Field("manydata", .scalar(manyID))]
        if let treatyID = first.treatyID, treatyID != manyID {
            references.append(Field("manydata-treaty", .scalar(treatyID)))
        }
        references += first.references.map { Field($0.key, .scalar($0.value)) }
        var out = """
            # Written by pacta import manydata from \(configuration.dataSet) (\(configuration.version)); a new import \
            overwrites it. See docs/import.md.
            format: 1
            id: \(id)
            titles:
              en: \(quoted(first.title))
            kind: \(bilateral ? "bilateral" : "multilateral")
            adopted: {date: \(adopted)}

            """
        if bilateral {
            out += "negotiating-states: \(FieldValue.list(codes.sorted().map { .scalar($0.rawValue) }).yaml)\n"
        }
        out += "references: \(FieldValue.mapping(references).yaml)\n"
        out += "record: partial\n"
        if let force = first.force.date {
            var documented = [Field("entry-into-force", .scalar(force.description)), Field("source", "manydata")]
            if !documentedOnly.isEmpty {
                documented.append(
                    Field("parties", .list(Set(documentedOnly.map(\.code)).sorted().map { .scalar($0.rawValue) })))
            }
            out += "documented: \(FieldValue.mapping(documented).yaml)\n"
        }
        out += "note: \(quoted(note(configuration: configuration)))\n"
        var source = [
            Field(
                "title",
                .scalar(
                    "manydata data set \(configuration.dataSet), version \(configuration.version): memberships, one row per agreement (manyID) and State (stateID)"
                ))
        ]
        if let url = configuration.url { source.append(Field("url", .scalar(url))) }
        out += "sources:\n  \(Self.sourceKey): \(FieldValue.mapping(source).yaml)\n"
        let firstEventLine = out.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } + 2
        if lines.isEmpty {
            out += "events: []\n"
        } else {
            out += "events:\n"
            for line in lines { out += "  - \(FieldValue.mapping(line.fields).yaml)\n" }
        }
        return (out, lines, firstEventLine)
    }

    /// The events of the rows, in date order (one day: signatures, consents, denunciations; then by party).
    func eventLines() -> [Line] {
        var lines: [Line] = []
        for row in rows {
            let prefix = "\(id)-\(row.code.rawValue.lowercased().replacingOccurrences(of: ":", with: "-"))"
            let key = "manydata row \(manyID) \(row.stateID)"
            func fields(_ suffix: String, _ date: CalendarDate, _ type: String) -> [Field] {
                [
                    Field("id", .scalar("\(prefix)-\(suffix)")), Field("date", .scalar(date.description)),
                    Field("type", .scalar(type)),
                ]
            }
            func tail(_ note: String) -> [Field] {
                [Field("party", .scalar(row.code.rawValue)), Field("source", "manydata"), Field("note", .scalar(note))]
            }
            if let date = row.signatureDate {
                lines.append(
                    Line(
                        fields: fields("sig", date, "signature") + tail(key), row: row, column: "stateSignature",
                        date: date, rank: 0))
            }
            if let consent = row.consent {
                var note = key + " (\(consent.column))"
                if let force = row.stateForce.date { note += "; in force for it on \(force) (stateForce)" }
                if let remark = row.consentRemark { note += "; \(remark)" }
                lines.append(
                    Line(
                        fields: fields("con", consent.date, "consent") + [Field("form", .scalar(consent.form.rawValue))]
                            + tail(note), row: row, column: consent.column, date: consent.date, rank: 1))
            }
            if let date = row.stateWithdrawalNotified.date, !isFormerState(row.code) {
                let note = key + " (stateWithdrawalNotified: the day the notice was given)"
                lines.append(
                    Line(
                        fields: fields("den", date, "denunciation") + tail(note), row: row,
                        column: "stateWithdrawalNotified", date: date, rank: 2))
            } else if let date = row.stateWithdrawal.date, !isFormerState(row.code) {
                let note =
                    key
                    + " (stateWithdrawal); the data set does not say whether this is the day the notice was received or the day it took effect"
                lines.append(
                    Line(
                        fields: fields("den", date, "denunciation") + tail(note), row: row, column: "stateWithdrawal",
                        date: date, rank: 2))
            }
        }
        return lines.sorted { ($0.date, $0.rank, $0.row.code) < ($1.date, $1.rank, $1.row.code) }
    }

    func isFormerState(_ code: PartyCode) -> Bool { PartyCodeTable.country(code)?.isFormer == true }

    /// The file's note: where the facts come from and what the data set does not say.
    func note(configuration: ManydataImport.Configuration) -> String {
        var sentences = [
            "Imported from the manydata data set \(configuration.dataSet) (version \(configuration.version)) by pacta import manydata: agreement \(manyID), one row per State.",
            "The data set does not give the dates of deposit (its stateRat, Accession, Acceptance or Succession date is taken as the date of consent), the depositary, reservations or declarations, nor the treaty's own final clauses (entry into force, later consents, denunciation): statuses computed from this file follow the Vienna Convention's defaults and the documented date of entry into force (Force).",
            "The data set's date of entry into force for each State (stateForce) is in its consent's note.",
        ]
        let endDates = ends.keys.compactMap(\.date).sorted()
        if ends.count == 1, let end = endDates.first {
            sentences.append(
                "The data set gives the agreement an end, \(end) (End), which is not imported: it does not say how the agreement ended."
            )
        } else if ends.count > 1 {
            let counts = ends.sorted {
                ($0.key.date ?? .latest, $0.key == .open ? 0 : 1) < ($1.key.date ?? .latest, $1.key == .open ? 0 : 1)
            }.map { value, count in
                "\(value.date?.description ?? (value == .open ? "open-ended" : "NA")) in \(count) rows"
            }
            sentences.append(
                "The data set's rows give the agreement different ends (End: \(counts.joined(separator: ", "))); none is imported."
            )
        }
        for row in rows where isFormerState(row.code) {
            if let date = row.stateWithdrawal.date {
                sentences.append(
                    "The data set ends \(row.code)'s membership on \(date) (stateWithdrawal); \(row.code) is a former State (ISO 3166-3), whose end is a succession of States rather than a denunciation, so no event records it."
                )
            }
        }
        let unique = Array(Set(refusedStates)).sorted()
        if !unique.isEmpty {
            sentences.append(
                "Rows of the data set not imported (see the import's summary): \(unique.joined(separator: ", "))."
            )
        }
        return sentences.joined(separator: " ")
    }
}
