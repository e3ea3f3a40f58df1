import Foundation
import PactaCore

/// The party codes of the import: a manydata `stateID` to a Pacta party code, and the organisations it declares.
///
/// ISO 3166-1 alpha-3 codes and the former codes ISO 3166-3 keeps (DDR, SUN, YUG, CSK, YMD, SCG ...) are kept as
/// they are. The organisations manydata names by text (`IO-IAEA`, `EUU` ...) become `org:` codes, declared in the
/// output folder's `entities.yaml`. Anything else (a German Land such as `Bayern`, a code ISO does not assign) has
/// no code in the treaty format, which has no way to declare a State of its own: its rows are refused.
enum Entities {
    /// An organisation: its `org:` code, English name and kind, as `entities.yaml` declares it.
    struct Organisation: Hashable {
        let code: String
        let name: String
        let kind: String
    }

    static let eu = Organisation(
        code: "org:eu", name: "European Union", kind: "regional-economic-integration-organisation")
    static let euratom = Organisation(
        code: "org:euratom", name: "European Atomic Energy Community", kind: "international-organisation")
    static let fao = Organisation(
        code: "org:fao", name: "Food and Agriculture Organization of the United Nations",
        kind: "international-organisation")
    static let iaea = Organisation(
        code: "org:iaea", name: "International Atomic Energy Agency", kind: "international-organisation")
    static let who = Organisation(
        code: "org:who", name: "World Health Organization", kind: "international-organisation")
    static let wmo = Organisation(
        code: "org:wmo", name: "World Meteorological Organization", kind: "international-organisation")

    /// The texts manydata uses for organisations (as found in the HUGGO memberships), each with its organisation.
    /// `EUU` is the European Union (and the European Economic Community before it); `EUE` is read the same way.
    static let organisations: [String: Organisation] = [
        "EUU": eu, "EUE": eu,
        "EURATOM European Atomic Energy Community": euratom, "IO-EAEC": euratom,
        "IO-European Atomic Energy Community": euratom,
        "FAO Food and Agriculture Organization of the UN": fao, "IO-Un Food and Agriculture Organization": fao,
        "IAEA International Atomic Energy Agency": iaea, "IO-IAEA": iaea,
        "WHO World Health Organization": who, "IO-World Health Organization": who,
        "WMO World Metereological Organization": wmo, "IO-World Meteorological Organization": wmo,
    ]

    /// The party code for `stateID`, and the organisation to declare where it is one; `nil` where there is none.
    static func code(for stateID: String) -> (code: PartyCode, organisation: Organisation?)? {
        if let organisation = organisations[stateID] { return (PartyCode(organisation.code), organisation) }
        // The code Pacta itself writes (`pacta export members`): one of the organisations the import knows.
        if let organisation = Set(organisations.values).first(where: { $0.code == stateID }) {
            return (PartyCode(organisation.code), organisation)
        }
        let code = PartyCode(stateID)
        guard code.isWellFormed, !code.isOrganisation, PartyCodeTable.country(code) != nil else { return nil }
        return (code, nil)
    }

    /// The text of `entities.yaml` declaring `organisations`, in code order.
    static func text(_ organisations: Set<Organisation>) -> String {
        var out = "# Organisations that take part in the imported agreements (written by pacta import manydata).\n"
        for organisation in organisations.sorted(by: { $0.code < $1.code }) { out += line(organisation) }
        return out
    }

    static func line(_ organisation: Organisation) -> String {
        "\(organisation.code): {names: {en: \(quoted(organisation.name))}, kind: \(organisation.kind)}\n"
    }

    /// `existing` with the lines of `adding` whose `org:` key it does not declare yet, appended in order.
    static func merged(existing: String, adding: String) -> String {
        let declared = Set(existing.split(separator: "\n").compactMap(key))
        var out = existing
        if !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
        for line in adding.split(separator: "\n") {
            guard let key = key(line), !declared.contains(key) else { continue }
            out += line + "\n"
        }
        return out
    }

    /// The `org:` key a line of `entities.yaml` declares.
    private static func key(_ line: Substring) -> String? {
        guard line.hasPrefix("org:"), let colon = line.dropFirst(4).firstIndex(of: ":") else { return nil }
        return String(line[..<colon])
    }
}
