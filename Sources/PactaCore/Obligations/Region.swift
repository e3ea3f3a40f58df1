/// A named region that a provision's trigger names (`where: north-atlantic-area`), declared in the corpus's
/// `regions.yaml`, and the rule that decides whether a place lies in it.
///
/// A *place* is a State's code (its territory: `USA`), or an ISO 3166-2 subdivision code (`US-HI` for Hawaii),
/// or a territory with its own ISO 3166-1 code (`GUM`).
public struct Region: Sendable, Hashable {
    /// Whose territory the region covers.
    public enum Territory: Sendable, Hashable {
        /// The territory of every party to the treaty on the date (North Atlantic Treaty art. 6).
        case parties
        /// The territory of these States.
        case states([PartyCode])
    }

    public var name: String
    public var names: [String: String]
    public var territory: Territory
    /// Places inside the region although their State's territory is not.
    public var including: [String]
    /// Places outside the region although their State's territory is in it (Hawaii for art. 6).
    public var excluding: [String]
    public var note: String?

    public init(
        name: String, names: [String: String] = [:], territory: Territory, including: [String] = [],
        excluding: [String] = [], note: String? = nil
    ) {
        self.name = name
        self.names = names
        self.territory = territory
        self.including = including
        self.excluding = excluding
        self.note = note
    }

    /// The State a place belongs to: the code itself, or for an ISO 3166-2 code `XX-...` the State with alpha-2
    /// code `XX`; `nil` for a code that is neither.
    public static func state(of place: String) -> PartyCode? {
        if let dash = place.firstIndex(of: "-") {
            guard SubdivisionCodes.contains(place) else { return nil }
            let alpha2 = place[..<dash]
            return PartyCodeTable.byAlpha3.values.first { $0.alpha2 == alpha2 && !$0.isFormer }.map {
                PartyCode($0.alpha3)
            }
        }
        return PartyCodeTable.country(PartyCode(place)) == nil ? nil : PartyCode(place)
    }

    /// Whether `place` lies in the region, given the treaty's parties on the date.
    public func contains(_ place: String, parties: Set<PartyCode>) -> Bool {
        if excluding.contains(place) { return false }
        if including.contains(place) { return true }
        guard let state = Region.state(of: place) else { return false }
        if including.contains(state.rawValue) { return true }
        switch territory {
        case .parties: return parties.contains(state)
        case .states(let states): return states.contains(state)
        }
    }
}
