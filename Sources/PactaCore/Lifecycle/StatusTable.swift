/// The status of every treaty of a corpus and of every State under each, on one date, as columns: what a list, a
/// dyad table or a members export reads (dates and statuses, no words), at the scale of the UN Treaty Series.
/// Made by ``Lifecycle/statusTable(on:)``.
///
/// Shape: treaty `t` (its position in ``Corpus/treaties``) has one treaty row and the State rows
/// ``rows(of:)``, in the order ``TreatyStatus/states`` gives them (negotiating States first, then in order of
/// first appearance in the log). Each value is the one ``Lifecycle/status(of:on:asKnownOn:explain:)`` gives
/// for the same treaty and date (VCLT arts. 2(1)(f)–(g), 24, 54–56, as the engine applies them).
public struct StatusTable: Sendable {
    /// The date asked about.
    public let date: CalendarDate
    /// The codes of the parties the rows name, by party number (``StateRow/party``).
    public private(set) var parties: [PartyCode] = []
    /// How many treaties the compact engine answered for (the rest went through the full engine: see
    /// ``Lifecycle/statusTable(on:)``).
    public internal(set) var compactTreaties = 0

    // Treaty columns, by treaty position. Days are ``CalendarDate/ordinal``s, -1 for none.
    var treatyValue: [TreatyStatus.Value] = []
    var treatyEntryIntoForce: [Int32] = []
    var treatyConditionsMet: [Int32] = []
    var treatyTermination: [Int32] = []
    /// The rows of treaty `t` are `rowStart[t]..<rowStart[t + 1]`.
    var rowStart: [Int32] = [0]

    // State row columns.
    var rowParty: [Int32] = []
    var rowValue: [StateStatus.Value] = []
    var rowEntryIntoForce: [Int32] = []
    var rowSignature: [Int32] = []
    var rowConsent: [Int32] = []
    /// Position in ``Event/ConsentForm/allCases``; meaningful where ``rowConsent`` has a day.
    var rowConsentForm: [UInt8] = []
    var rowNotified: [Int32] = []
    var rowEffective: [Int32] = []

    /// A treaty's row: its status on the date and the dates that fix it.
    public struct TreatyRow: Sendable, Hashable {
        public var status: TreatyStatus.Value
        /// As ``TreatyStatus/entryIntoForce``: fixed by the events up to the date, possibly after it.
        public var entryIntoForce: CalendarDate?
        public var conditionsMet: CalendarDate?
        public var termination: CalendarDate?
    }

    /// A State's row under one treaty: its status and dates, as ``StateStatus`` gives them.
    public struct StateRow: Sendable, Hashable {
        /// The party's number: its code is ``StatusTable/parties``[party].
        public var party: Int
        public var status: StateStatus.Value
        public var entryIntoForce: CalendarDate?
        public var signature: CalendarDate?
        /// The consent by instrument (``StateStatus/consent``); `nil` where consent came by an exchange of
        /// instruments or a notification, or there is none.
        public var consent: (form: Event.ConsentForm, date: CalendarDate)?
        /// The notice of denunciation or withdrawal: the day received and the day it takes effect (`nil`: none).
        public var withdrawal: (notified: CalendarDate, effective: CalendarDate?)?

        public static func == (lhs: StateRow, rhs: StateRow) -> Bool {
            lhs.party == rhs.party && lhs.status == rhs.status && lhs.entryIntoForce == rhs.entryIntoForce
                && lhs.signature == rhs.signature && lhs.consent?.form == rhs.consent?.form
                && lhs.consent?.date == rhs.consent?.date && lhs.withdrawal?.notified == rhs.withdrawal?.notified
                && lhs.withdrawal?.effective == rhs.withdrawal?.effective
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(party)
            hasher.combine(status)
            hasher.combine(entryIntoForce)
        }
    }

    /// Each code's number in ``parties``.
    private var numbers: [PartyCode: Int32]

    /// An empty table for `date` whose parties are numbered as `parties` (with `numbers`) to begin with.
    init(date: CalendarDate, parties: [PartyCode], numbers: [PartyCode: Int32]) {
        self.date = date
        self.parties = parties
        self.numbers = numbers
    }

    /// The party's number, given on first sight.
    private mutating func number(of code: PartyCode) -> Int32 {
        if let found = numbers[code] { return found }
        numbers[code] = Int32(parties.count)
        parties.append(code)
        return Int32(parties.count - 1)
    }

    /// How many treaties.
    public var treatyCount: Int { treatyValue.count }
    /// How many State rows, all treaties together.
    public var rowCount: Int { rowParty.count }

    /// The row of treaty `t` (0 ≤ t < ``treatyCount``).
    public func treaty(_ t: Int) -> TreatyRow {
        TreatyRow(
            status: treatyValue[t], entryIntoForce: Self.day(treatyEntryIntoForce[t]),
            conditionsMet: Self.day(treatyConditionsMet[t]), termination: Self.day(treatyTermination[t]))
    }

    /// The positions of treaty `t`'s State rows.
    public func rows(of t: Int) -> Range<Int> { Int(rowStart[t])..<Int(rowStart[t + 1]) }

    /// State row `r` (0 ≤ r < ``rowCount``).
    public func row(_ r: Int) -> StateRow {
        let consent = Self.day(rowConsent[r]).map { (Event.ConsentForm.allCases[Int(rowConsentForm[r])], $0) }
        let withdrawal = Self.day(rowNotified[r]).map { ($0, Self.day(rowEffective[r])) }
        return StateRow(
            party: Int(rowParty[r]), status: rowValue[r], entryIntoForce: Self.day(rowEntryIntoForce[r]),
            signature: Self.day(rowSignature[r]), consent: consent, withdrawal: withdrawal)
    }

    @inline(__always)
    static func day(_ ordinal: Int32) -> CalendarDate? { ordinal < 0 ? nil : CalendarDate(ordinal: Int(ordinal)) }

    @inline(__always)
    static func ordinal(_ date: CalendarDate?) -> Int32 { date.map { Int32($0.ordinal) } ?? -1 }

    /// Appends a treaty's row.
    mutating func appendTreaty(
        _ value: TreatyStatus.Value, entryIntoForce: Int32, conditionsMet: Int32, termination: Int32
    ) {
        treatyValue.append(value)
        treatyEntryIntoForce.append(entryIntoForce)
        treatyConditionsMet.append(conditionsMet)
        treatyTermination.append(termination)
        rowStart.append(Int32(rowParty.count))
    }

    /// Appends a State row of the treaty whose row comes next.
    @inline(__always)
    mutating func appendRow(
        party: Int32, _ value: StateStatus.Value, entryIntoForce: Int32, signature: Int32, consent: Int32,
        form: UInt8, notified: Int32, effective: Int32
    ) {
        rowParty.append(party)
        rowValue.append(value)
        rowEntryIntoForce.append(entryIntoForce)
        rowSignature.append(signature)
        rowConsent.append(consent)
        rowConsentForm.append(form)
        rowNotified.append(notified)
        rowEffective.append(effective)
    }

    mutating func reserve(treaties: Int, rows: Int) {
        for column in [\Self.treatyEntryIntoForce, \.treatyConditionsMet, \.treatyTermination] {
            self[keyPath: column].reserveCapacity(treaties)
        }
        treatyValue.reserveCapacity(treaties)
        rowStart.reserveCapacity(treaties + 1)
        for column in [
            \Self.rowParty, \.rowEntryIntoForce, \.rowSignature, \.rowConsent, \.rowNotified, \.rowEffective,
        ] {
            self[keyPath: column].reserveCapacity(rows)
        }
        rowValue.reserveCapacity(rows)
        rowConsentForm.reserveCapacity(rows)
    }

    /// Appends the rows of a status the full engine computed.
    mutating func append(_ status: TreatyStatus) {
        for state in status.states {
            let form = state.consent.flatMap { consent in
                Event.ConsentForm.allCases.firstIndex(of: consent.form).map(UInt8.init)
            }
            appendRow(
                party: number(of: state.code), state.status, entryIntoForce: Self.ordinal(state.entryIntoForce),
                signature: Self.ordinal(state.signature), consent: Self.ordinal(state.consent?.date),
                form: form ?? 0, notified: Self.ordinal(state.withdrawal?.notified),
                effective: Self.ordinal(state.withdrawal?.effective))
        }
        appendTreaty(
            status.status, entryIntoForce: Self.ordinal(status.entryIntoForce),
            conditionsMet: Self.ordinal(status.conditionsMet), termination: Self.ordinal(status.termination))
    }
}
