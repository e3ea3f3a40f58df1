import Foundation
import PactaCore

/// A treaty file to start: what `pacta new` and `POST /api/v1/treaties` write. The rules a user most often needs
/// are asked for; the rest are commented placeholders pointing to the format reference (`docs/treaty-format.md`).
public struct NewTreaty: Sendable, Hashable {
    /// How the treaty enters into force (spec: "Entry into force: conditions").
    public enum EntryIntoForce: Sendable, Hashable {
        /// On the exchange of instruments of ratification (bilateral treaties, VCLT art. 16(a)).
        case exchange
        /// On the last of the notifications that internal procedures are complete.
        case lastNotification
        /// When N consents are in effect (multilateral treaties).
        case consents(Int)

        /// Reads `exchange`, `last-notification` or `consents:N`.
        public init?(_ text: String) {
            switch text {
            case "exchange", "exchange-of-instruments": self = .exchange
            case "last-notification": self = .lastNotification
            default:
                guard text.hasPrefix("consents:"), let n = Int(text.dropFirst("consents:".count)), n >= 1,
                    n <= 1_000
                else { return nil }
                self = .consents(n)
            }
        }

        var condition: String {
            switch self {
            case .exchange: "{exchange-of-instruments: true}"
            case .lastNotification: "{last-notification: true}"
            case .consents(let n): "{consents: \(n)}"
            }
        }
    }

    /// A delay after the condition is met: `30d`, `3m`, `1y`.
    public struct Delay: Sendable, Hashable {
        public var count: Int
        public var unit: String

        /// Reads `30d`, `3m` or `1y` (days, months, years; 0 to 366000 days, 12000 months, 1000 years).
        public init?(_ text: String) {
            guard let last = text.last, let n = Int(text.dropLast()), n >= 0 else { return nil }
            switch last {
            case "d" where n <= 366_000: unit = "days"
            case "m" where n <= 12_000: unit = "months"
            case "y" where n <= 1_000: unit = "years"
            default: return nil
            }
            count = n
        }

        var yaml: String { "{\(unit): \(count)}" }
    }

    public var id: String
    public var kind: Treaty.Kind
    public var title: String
    public var parties: [PartyCode]
    public var adopted: CalendarDate
    public var place: String?
    public var entryIntoForce: EntryIntoForce?
    public var delay: Delay?

    public init(
        id: String, kind: Treaty.Kind, title: String, parties: [PartyCode], adopted: CalendarDate,
        place: String? = nil, entryIntoForce: EntryIntoForce? = nil, delay: Delay? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.parties = parties
        self.adopted = adopted
        self.place = place
        self.entryIntoForce = entryIntoForce
        self.delay = delay
    }

    /// ``faults``, and a text adopted after `today`: no act of it could be recorded before that day (the desk
    /// records acts once they have taken place), so its file waits for the adoption.
    public func faults(today: CalendarDate) -> [String] {
        var faults = faults
        if adopted > today {
            faults.append(
                "The text is adopted on \(adopted), after today (\(today)): create the treaty's file once its text is adopted; no act of it can be recorded before."
            )
        }
        return faults
    }

    /// What is wrong with the request before any file is written, in sentences.
    public var faults: [String] {
        var faults: [String] = []
        if !Desk.isValidID(id) {
            faults.append(
                "The id '\(id)' cannot be used: an id is lower-case letters, digits and hyphens (e.g. th-vn-2026-friendship), at most 120 characters; see docs/treaty-format.md#identity-and-metadata."
            )
        }
        if Desk.reserved.contains(id) {
            faults.append(
                "The id '\(id)' is the name of one of the corpus's own files (\(Desk.reserved.sorted().joined(separator: ", "))); choose another."
            )
        }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            faults.append("Give the treaty's title (\"Treaty of ...\").")
        } else if title.unicodeScalars.contains(where: Desk.isNotPlainText) {
            // As an act's values: a title is one line of plain text.
            faults.append(
                "The title holds control characters (a line break, a tab), a Unicode line separator or a bidirectional override; write it as one line of plain text."
            )
        }
        if kind == .bilateral, Set(parties).count == parties.count, parties.count != 2 {
            faults.append(
                "A bilateral treaty has exactly two negotiating States (its parties); \(parties.count) given.")
        }
        if Set(parties).count != parties.count {
            faults.append("A party is named twice among the parties.")
            return faults
        }
        if case .exchange = entryIntoForce, kind == .multilateral {
            faults.append(
                "An exchange of instruments brings a bilateral treaty into force; for a multilateral one use consents:N."
            )
        }
        return faults
    }

    /// The file's text: a treaty file that `pacta check` accepts, with commented placeholders for what the flags
    /// did not give.
    public var text: String {
        let codes = parties.map(\.rawValue).joined(separator: ", ")
        let rule = entryIntoForce ?? (kind == .bilateral ? .exchange : nil)
        var out = """
            # Treaty file: format reference in docs/treaty-format.md (one section per key).
            format: 1
            id: \(id)
            titles:
              en: \(FieldValue.quoted(title))
            kind: \(kind.rawValue)
            adopted: {date: \(adopted)\(place.map { ", place: \(FieldValue.quoted($0))" } ?? "")}
            negotiating-states: [\(codes)]
            # depositary: org:un        (who keeps the instruments; none for a bilateral treaty)
            # categories: [alliance]    (see docs/treaty-format.md#identity-and-metadata)
            references: {}
            # Where the facts come from; events cite a key (docs/treaty-format.md#sources):
            sources:
              # text: {title: "Official text", url: "https://...", accessed: \(adopted)}

            """
        out += "rules:\n"
        if let rule {
            out += "  entry-into-force: {when: \(rule.condition)\(delay.map { ", delay: \($0.yaml)" } ?? "")}\n"
        } else {
            out +=
                "  # entry-into-force: {when: {consents: 2}, delay: {days: 30}}   (without it: once every negotiating State has consented, VCLT art. 24(2))\n"
        }
        out += """
              # denunciation: {notice: {years: 1}}   (without it: VCLT art. 56, 12 months, open to dispute)
              # duration: indefinite
            # What happened, one line an act; record them with 'pacta record \(id) TYPE --party X --date D'
            # (docs/treaty-format.md#events):
            events:

            """
        return out
    }
}
