import PactaCore

/// COW state codes (`ccode`) as party codes: through the project's ``COWCodeTable``, read backwards.
///
/// Where several ISO codes share one COW code, the date decides for the USSR and Russia (365: SUN until
/// 1991-12-25) and North Vietnam and Vietnam (816: VDR until 1976-07-01); otherwise the code ISO still assigns is
/// taken (FRA for 220, COD for 490). COW's German Federal Republic (260) is DEU, the corpus convention, and its Yemen
/// Arab Republic (678) is YEM, the code ISO 3166-1 kept for it when the two Yemens united on 1990-05-22 (COW's
/// Yemen, 679, from that day; the People's Republic, 680, is the former code YMD). A COW state
/// ISO never coded (Bavaria 245, the Two Sicilies 329) is a historical entity, `org:cow-<ccode>`, declared in the
/// output's `entities.yaml`; its name is COW's (state system membership list).
enum COWStates {
    /// COW states of the 19th and early 20th centuries that have no ISO 3166 code, with COW's names.
    static let historical: [Int: String] = [
        89: "United Provinces of Central America", 99: "Great Colombia", 240: "Hanover", 245: "Bavaria",
        267: "Baden", 269: "Saxony", 271: "Wuerttemberg", 273: "Hesse Electoral", 275: "Hesse Grand Ducal",
        280: "Mecklenburg Schwerin", 300: "Austria-Hungary", 327: "Papal States", 329: "Two Sicilies",
        332: "Modena", 335: "Parma", 337: "Tuscany", 563: "Transvaal", 564: "Orange Free State", 711: "Tibet",
        730: "Korea",
    ]

    /// ISO codes by COW code.
    static let byCCode: [Int: [PartyCode]] = {
        var table: [Int: [PartyCode]] = [260: ["DEU"], 678: ["YEM"]]
        for (alpha3, entry) in COWCodeTable.byAlpha3 { table[entry.ccode, default: []].append(PartyCode(alpha3)) }
        return table.mapValues { $0.sorted() }
    }()

    /// The party code of a COW state on a day, or `nil` for a code COW does not assign.
    static func party(ccode: Int, on date: CalendarDate) -> PartyCode? {
        switch ccode {
        case 365: return date <= CalendarDate(year: 1991, month: 12, day: 25)! ? "SUN" : "RUS"
        case 816: return date <= CalendarDate(year: 1976, month: 7, day: 1)! ? "VDR" : "VNM"
        default: break
        }
        if let codes = byCCode[ccode] {
            return codes.first { PartyCodeTable.country($0)?.isFormer == false } ?? codes.first
        }
        if historical[ccode] != nil { return PartyCode("org:cow-\(ccode)") }
        return nil
    }
}
