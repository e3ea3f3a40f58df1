/// A party code: an ISO 3166-1 alpha-3 code for a State (`RUS`), a former code kept by ISO 3166-3
/// for a State that no longer exists (`SUN`), or `org:<slug>` for an international organisation.
///
/// The code is only a name; whether it is known is checked against ``PartyCodeTable`` and the
/// corpus's declared entities when files are read.
public struct PartyCode: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Whether this is an international organisation (`org:<slug>`).
    public var isOrganisation: Bool { rawValue.hasPrefix("org:") }

    /// Whether the text has the shape of a party code: three capital letters, or `org:` and a slug of
    /// `[a-z0-9-]`.
    public var isWellFormed: Bool {
        if isOrganisation {
            let slug = rawValue.dropFirst(4)
            return !slug.isEmpty
                && slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        return rawValue.count == 3 && rawValue.allSatisfy { ("A"..."Z").contains($0) }
    }

    public var description: String { rawValue }

    public static func == (lhs: PartyCode, rhs: PartyCode) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes a short code (every ISO code) as one integer of its bytes: codes are dictionary keys on the
    /// engine's hot path.
    public func hash(into hasher: inout Hasher) {
        var packed: UInt64 = 0
        var count = 0
        for byte in rawValue.utf8 {
            guard count < 8 else {
                hasher.combine(rawValue)
                return
            }
            packed = packed << 8 | UInt64(byte)
            count += 1
        }
        hasher.combine(packed)
    }
    public static func < (lhs: PartyCode, rhs: PartyCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension PartyCode: Codable {
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
