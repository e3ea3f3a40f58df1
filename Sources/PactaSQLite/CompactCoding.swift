import Foundation
import PactaCore

/// A compact binary form of any `Codable` value, for what the index stores of each treaty (its model and its
/// log): written straight into one byte array and read back without building a tree of values or parsing text,
/// which made JSON a sixth of an index build and most of a whole-corpus read.
///
/// Layout (every number little-endian): a value is a tag byte and its payload.
/// - `0` nil; `1` false; `2` true;
/// - `3` a signed integer, zigzag LEB128; `4` an unsigned integer, LEB128;
/// - `5` a `Double`, its 8-byte bit pattern; `6` a `Float`, its 4-byte bit pattern;
/// - `7` a string: its UTF-8 length (LEB128) and bytes;
/// - `8` a keyed container: its entry count (4 bytes, written when the container opens and counted up as
///   entries are written), then per entry the key as a string without its tag, and the value;
/// - `9` an unkeyed container: its element count (4 bytes, as above), then the values.
///
/// Containers are written in the order the values encode them: a type that interleaves two nested containers
/// of one value (which no type of Pacta does) would be read back wrong; this is checked by the round-trip tests
/// of every treaty of the shipped corpus and of the generated ones.
enum CompactCoding {
    static let nilTag: UInt8 = 0
    static let falseTag: UInt8 = 1
    static let trueTag: UInt8 = 2
    static let signedTag: UInt8 = 3
    static let unsignedTag: UInt8 = 4
    static let doubleTag: UInt8 = 5
    static let floatTag: UInt8 = 6
    static let stringTag: UInt8 = 7
    static let keyedTag: UInt8 = 8
    static let unkeyedTag: UInt8 = 9

    /// `value` in the compact form.
    /// - Throws: what `value`'s own encoding throws.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let sink = Sink()
        try sink.value(value)
        return sink.bytes
    }

    /// `values` in the compact form, one after the other: the bytes of ``encode(_:)`` of each, joined, written into
    /// one buffer.
    /// - Parameter direct: events of the common kinds written by ``Sink/event(_:)`` (the same bytes, without
    ///   `Codable`'s containers); `false` only for the tests that compare the two.
    /// - Throws: what a value's own encoding throws.
    static func encodeEach<Values: Sequence>(_ values: Values, direct: Bool = true) throws -> [UInt8]
    where Values.Element: Encodable {
        let sink = Sink()
        sink.direct = direct
        for value in values { try sink.value(value) }
        return sink.bytes
    }

    /// The values of `type` of bytes that hold several ``encode(_:)`` wrote, one after the other.
    /// - Throws: `DecodingError` where the bytes are not such values.
    static func decodeSequence<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> LogArray<T> {
        try bytes.withUnsafeBufferPointer { buffer in
            let source = Source(buffer)
            var values: LogArray<T> = []
            var position = 0
            while position < buffer.count {
                values.append(try source.value(T.self, at: position))
                position = try source.skip(position)
            }
            return values
        }
    }

    /// A value of `type` from bytes ``encode(_:)`` wrote.
    /// - Throws: `DecodingError` where the bytes are not such a value.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            let source = Source(buffer)
            let value = try source.value(T.self, at: 0)
            guard try source.skip(0) == buffer.count else { throw source.corrupt("bytes after the value") }
            return value
        }
    }
}

// MARK: - Writing

extension CompactCoding {
    /// The bytes being written, shared by every container of one encoding.
    final class Sink {
        var bytes: [UInt8] = []
        /// Whether events of the common kinds are written by ``event(_:)``.
        var direct = true

        init() { bytes.reserveCapacity(1_024) }

        func varint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        func text(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                varint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        func string(_ value: String) {
            bytes.append(CompactCoding.stringTag)
            text(value)
        }

        func signed(_ value: Int64) {
            bytes.append(CompactCoding.signedTag)
            varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }

        func unsigned(_ value: UInt64) {
            bytes.append(CompactCoding.unsignedTag)
            varint(value)
        }

        func bool(_ value: Bool) { bytes.append(value ? CompactCoding.trueTag : CompactCoding.falseTag) }

        func double(_ value: Double) {
            bytes.append(CompactCoding.doubleTag)
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        func float(_ value: Float) {
            bytes.append(CompactCoding.floatTag)
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        /// Opens a container: its tag and a count of zero; returns where the count is.
        func open(_ tag: UInt8) -> Int {
            bytes.append(tag)
            let at = bytes.count
            bytes.append(contentsOf: [0, 0, 0, 0])
            return at
        }

        /// Counts one more entry of the container whose count is at `at`.
        func count(at: Int) {
            var count = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
            count |= UInt32(bytes[at + 3]) << 24
            count += 1
            bytes[at] = UInt8(truncatingIfNeeded: count)
            bytes[at + 1] = UInt8(truncatingIfNeeded: count >> 8)
            bytes[at + 2] = UInt8(truncatingIfNeeded: count >> 16)
            bytes[at + 3] = UInt8(truncatingIfNeeded: count >> 24)
        }

        /// Any value: strings and numbers directly, other values through their own encoding (an empty keyed
        /// container where that writes nothing).
        func value<T: Encodable>(_ value: T) throws {
            // By the type's identity, not by casts: a failed dynamic cast per value of every other type (dates,
            // codes, enumerations) was a measurable part of an index build.
            if T.self == String.self {
                string(Self.same(value, as: String.self))
            } else if T.self == Int.self {
                signed(Int64(Self.same(value, as: Int.self)))
            } else if T.self == Bool.self {
                bool(Self.same(value, as: Bool.self))
            } else if T.self == Double.self {
                double(Self.same(value, as: Double.self))
            } else if T.self == Event.self, direct, event(Self.same(value, as: Event.self)) {
                return
            } else {
                let start = bytes.count
                try value.encode(to: Writer(sink: self))
                if bytes.count == start { _ = open(CompactCoding.keyedTag) }
            }
        }

        /// Writes `event` as its synthesized `Codable` encoding writes it, byte for byte, where its kind is a
        /// signature, a consent or a denunciation (most of any log); returns `false`, having written nothing, for any
        /// other kind. The containers of `Codable` (a boxed container and dynamic dispatch per field) were most of the
        /// time an index build spent storing the compact model. `CompactCodingTests` hold the two to the same bytes.
        func event(_ event: Event) -> Bool {
            switch event.kind {
            case .signature, .consent, .denunciation: break
            default: return false
            }
            let outer = open(CompactCoding.keyedTag)
            entry("id", in: outer)
            string(event.id)
            entry("date", in: outer)
            string(event.date.description)
            if let earliest = event.earliestDate {
                entry("earliestDate", in: outer)
                string(earliest.description)
            }
            entry("kind", in: outer)
            let kind = open(CompactCoding.keyedTag)
            switch event.kind {
            case .signature(let party, let by):
                entry("signature", in: kind)
                let fields = open(CompactCoding.keyedTag)
                entry("party", in: fields)
                string(party.rawValue)
                if let by {
                    entry("by", in: fields)
                    string(by)
                }
            case .consent(let party, let form, let depositary, let effectiveFrom, let instrumentNumber):
                entry("consent", in: kind)
                let fields = open(CompactCoding.keyedTag)
                entry("party", in: fields)
                string(party.rawValue)
                entry("form", in: fields)
                string(form.rawValue)
                if let depositary {
                    entry("depositary", in: fields)
                    string(depositary.rawValue)
                }
                if let effectiveFrom {
                    entry("effectiveFrom", in: fields)
                    string(effectiveFrom.description)
                }
                if let instrumentNumber {
                    entry("instrumentNumber", in: fields)
                    signed(Int64(instrumentNumber))
                }
            case .denunciation(let party, let effective, let byAgreement):
                entry("denunciation", in: kind)
                let fields = open(CompactCoding.keyedTag)
                entry("party", in: fields)
                string(party.rawValue)
                if let effective {
                    entry("effective", in: fields)
                    string(effective.description)
                }
                entry("byAgreement", in: fields)
                bool(byAgreement)
            default: preconditionFailure("checked above")
            }
            if let recorded = event.recorded {
                entry("recorded", in: outer)
                string(recorded.description)
            }
            if let recordedBy = event.recordedBy {
                entry("recordedBy", in: outer)
                string(recordedBy)
            }
            if let source = event.source {
                entry("source", in: outer)
                string(source)
            }
            if let note = event.note {
                entry("note", in: outer)
                string(note)
            }
            return true
        }

        /// One more entry of the keyed container whose count is at `at`, and its key.
        private func entry(_ key: String, in at: Int) {
            count(at: at)
            text(key)
        }

        /// `value`, whose type is `type` (checked by the caller), as that type.
        private static func same<T, U>(_ value: T, as type: U.Type) -> U {
            withUnsafePointer(to: value) { $0.withMemoryRebound(to: U.self, capacity: 1) { $0.pointee } }
        }
    }

    struct Writer: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(KeyedWriter<Key>(sink: sink, countAt: sink.open(CompactCoding.keyedTag)))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            UnkeyedWriter(sink: sink, countAt: sink.open(CompactCoding.unkeyedTag))
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(sink: sink) }
    }

    struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        let countAt: Int
        var codingPath: [any CodingKey] { [] }

        private func key(_ key: Key) {
            sink.count(at: countAt)
            sink.text(key.stringValue)
        }

        mutating func encodeNil(forKey key: Key) throws {
            self.key(key)
            sink.bytes.append(CompactCoding.nilTag)
        }

        mutating func encode(_ value: Bool, forKey key: Key) throws {
            self.key(key)
            sink.bool(value)
        }

        mutating func encode(_ value: String, forKey key: Key) throws {
            self.key(key)
            sink.string(value)
        }

        mutating func encode(_ value: Double, forKey key: Key) throws {
            self.key(key)
            sink.double(value)
        }

        mutating func encode(_ value: Float, forKey key: Key) throws {
            self.key(key)
            sink.float(value)
        }

        mutating func encode(_ value: Int, forKey key: Key) throws {
            self.key(key)
            sink.signed(Int64(value))
        }

        mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws {
            self.key(key)
            sink.signed(value)
        }

        mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws {
            self.key(key)
            sink.unsigned(value)
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            self.key(key)
            try sink.value(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            self.key(key)
            return Writer(sink: sink).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            self.key(key)
            return Writer(sink: sink).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            sink.count(at: countAt)
            sink.text("super")
            return Writer(sink: sink)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            self.key(key)
            return Writer(sink: sink)
        }
    }

    struct UnkeyedWriter: UnkeyedEncodingContainer {
        let sink: Sink
        let countAt: Int
        private(set) var count = 0
        var codingPath: [any CodingKey] { [] }

        init(sink: Sink, countAt: Int) {
            self.sink = sink
            self.countAt = countAt
        }

        private mutating func element() {
            count += 1
            sink.count(at: countAt)
        }

        mutating func encodeNil() throws {
            element()
            sink.bytes.append(CompactCoding.nilTag)
        }

        mutating func encode(_ value: Bool) throws {
            element()
            sink.bool(value)
        }

        mutating func encode(_ value: String) throws {
            element()
            sink.string(value)
        }

        mutating func encode(_ value: Double) throws {
            element()
            sink.double(value)
        }

        mutating func encode(_ value: Float) throws {
            element()
            sink.float(value)
        }

        mutating func encode(_ value: Int) throws {
            element()
            sink.signed(Int64(value))
        }

        mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int64) throws {
            element()
            sink.signed(value)
        }

        mutating func encode(_ value: UInt) throws { try encode(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { try encode(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { try encode(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { try encode(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws {
            element()
            sink.unsigned(value)
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            element()
            try sink.value(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            element()
            return Writer(sink: sink).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            element()
            return Writer(sink: sink).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            element()
            return Writer(sink: sink)
        }
    }

    struct SingleWriter: SingleValueEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { sink.bytes.append(CompactCoding.nilTag) }
        mutating func encode(_ value: Bool) throws { sink.bool(value) }
        mutating func encode(_ value: String) throws { sink.string(value) }
        mutating func encode(_ value: Double) throws { sink.double(value) }
        mutating func encode(_ value: Float) throws { sink.float(value) }
        mutating func encode(_ value: Int) throws { sink.signed(Int64(value)) }
        mutating func encode(_ value: Int8) throws { sink.signed(Int64(value)) }
        mutating func encode(_ value: Int16) throws { sink.signed(Int64(value)) }
        mutating func encode(_ value: Int32) throws { sink.signed(Int64(value)) }
        mutating func encode(_ value: Int64) throws { sink.signed(value) }
        mutating func encode(_ value: UInt) throws { sink.unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8) throws { sink.unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16) throws { sink.unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32) throws { sink.unsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64) throws { sink.unsigned(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try sink.value(value) }
    }
}

// MARK: - Reading

extension CompactCoding {
    /// The bytes being read, shared by every container of one decoding; positions are offsets into them.
    final class Source {
        let bytes: UnsafeBufferPointer<UInt8>

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func corrupt(_ what: String) -> DecodingError {
            .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "compact model: \(what)"))
        }

        func tag(at position: Int) throws -> UInt8 {
            guard position < bytes.count else { throw corrupt("a value cut short") }
            return bytes[position]
        }

        /// A LEB128 number at `position`, and where it ends.
        func varint(at position: Int) throws -> (UInt64, Int) {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            var at = position
            while true {
                guard at < bytes.count, shift < 64 else { throw corrupt("a number cut short") }
                let byte = bytes[at]
                at += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return (value, at) }
                shift += 7
            }
        }

        /// A string without its tag at `position`, and where it ends.
        func text(at position: Int) throws -> (String, Int) {
            let (length, start) = try varint(at: position)
            guard length <= UInt64(bytes.count - start) else { throw corrupt("a string cut short") }
            let end = start + Int(length)
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), end)
        }

        /// Whether the string without its tag at `position` is `key`, and where it ends.
        func matches(_ key: String, at position: Int) throws -> (Bool, Int) {
            let (length, start) = try varint(at: position)
            guard length <= UInt64(bytes.count - start) else { throw corrupt("a key cut short") }
            let end = start + Int(length)
            var key = key
            let same = key.withUTF8 { utf8 in
                utf8.count == end - start
                    && (utf8.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress! + start, utf8.count) == 0)
            }
            return (same, end)
        }

        /// A container's count at `position` (just after its tag).
        func count(at position: Int) throws -> Int {
            guard position + 4 <= bytes.count else { throw corrupt("a container cut short") }
            return Int(bytes[position]) | Int(bytes[position + 1]) << 8 | Int(bytes[position + 2]) << 16
                | Int(bytes[position + 3]) << 24
        }

        /// Where the value at `position` ends.
        /// - Throws: `DecodingError` where the value is cut short, or nested more than 256 containers deep (no
        ///   model is; the limit keeps bytes that are not a model from exhausting the stack).
        func skip(_ position: Int, depth: Int = 0) throws -> Int {
            guard depth < 256 else { throw corrupt("containers nested too deep") }
            switch try tag(at: position) {
            case CompactCoding.nilTag, CompactCoding.falseTag, CompactCoding.trueTag: return position + 1
            case CompactCoding.signedTag, CompactCoding.unsignedTag: return try varint(at: position + 1).1
            case CompactCoding.doubleTag: return position + 9
            case CompactCoding.floatTag: return position + 5
            case CompactCoding.stringTag:
                let (length, start) = try varint(at: position + 1)
                guard length <= UInt64(bytes.count - start) else { throw corrupt("a string cut short") }
                return start + Int(length)
            case CompactCoding.keyedTag:
                var at = position + 5
                for _ in 0..<(try count(at: position + 1)) {
                    let (length, start) = try varint(at: at)
                    guard length <= UInt64(bytes.count - start) else { throw corrupt("a key cut short") }
                    at = try skip(start + Int(length), depth: depth + 1)
                }
                return at
            case CompactCoding.unkeyedTag:
                var at = position + 5
                for _ in 0..<(try count(at: position + 1)) { at = try skip(at, depth: depth + 1) }
                return at
            case let tag: throw corrupt("unknown tag \(tag)")
            }
        }

        func bool(at position: Int) throws -> Bool {
            switch try tag(at: position) {
            case CompactCoding.trueTag: return true
            case CompactCoding.falseTag: return false
            default: throw corrupt("not a Boolean")
            }
        }

        func string(at position: Int) throws -> String {
            guard try tag(at: position) == CompactCoding.stringTag else { throw corrupt("not a string") }
            return try text(at: position + 1).0
        }

        func integer<T: FixedWidthInteger>(_: T.Type, at position: Int) throws -> T {
            switch try tag(at: position) {
            case CompactCoding.signedTag:
                let raw = try varint(at: position + 1).0
                let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
                guard let result = T(exactly: value) else { throw corrupt("\(value) does not fit \(T.self)") }
                return result
            case CompactCoding.unsignedTag:
                let value = try varint(at: position + 1).0
                guard let result = T(exactly: value) else { throw corrupt("\(value) does not fit \(T.self)") }
                return result
            default: throw corrupt("not an integer")
            }
        }

        func double(at position: Int) throws -> Double {
            guard try tag(at: position) == CompactCoding.doubleTag, position + 9 <= bytes.count else {
                throw corrupt("not a Double")
            }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[position + 1 + index]) << (8 * UInt64(index)) }
            return Double(bitPattern: bits)
        }

        func float(at position: Int) throws -> Float {
            guard try tag(at: position) == CompactCoding.floatTag, position + 5 <= bytes.count else {
                throw corrupt("not a Float")
            }
            var bits: UInt32 = 0
            for index in 0..<4 { bits |= UInt32(bytes[position + 1 + index]) << (8 * UInt32(index)) }
            return Float(bitPattern: bits)
        }

        func value<T: Decodable>(_ type: T.Type, at position: Int) throws -> T {
            if T.self == String.self { return try string(at: position) as! T }
            if T.self == Int.self { return try integer(Int.self, at: position) as! T }
            if T.self == Bool.self { return try bool(at: position) as! T }
            return try T(from: Reader(source: self, position: position))
        }
    }

    struct Reader: Decoder {
        let source: Source
        let position: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(try KeyedReader<Key>(source: source, position: position))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try UnkeyedReader(source: source, position: position)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            SingleReader(source: source, position: position)
        }
    }

    struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let source: Source
        /// Each entry's key (where its string starts) and value (where it starts).
        let entries: [(key: Int, value: Int)]
        var codingPath: [any CodingKey] { [] }

        init(source: Source, position: Int) throws {
            self.source = source
            guard try source.tag(at: position) == CompactCoding.keyedTag else {
                throw source.corrupt("not a keyed container")
            }
            let count = try source.count(at: position + 1)
            var entries: [(key: Int, value: Int)] = []
            // Each entry takes two bytes at least: a count beyond the bytes is found out without reserving it.
            entries.reserveCapacity(min(count, (source.bytes.count - position) / 2))
            var at = position + 5
            for _ in 0..<count {
                let (length, start) = try source.varint(at: at)
                guard length <= UInt64(source.bytes.count - start) else { throw source.corrupt("a key cut short") }
                let value = start + Int(length)
                entries.append((at, value))
                at = try source.skip(value)
            }
            self.entries = entries
        }

        var allKeys: [Key] { entries.compactMap { try? Key(stringValue: source.text(at: $0.key).0) } }

        private func find(_ key: Key) throws -> Int? {
            let name = key.stringValue
            for entry in entries where try source.matches(name, at: entry.key).0 { return entry.value }
            return nil
        }

        private func require(_ key: Key) throws -> Int {
            guard let position = try find(key) else {
                throw DecodingError.keyNotFound(
                    key, DecodingError.Context(codingPath: [], debugDescription: "compact model: no such key"))
            }
            return position
        }

        func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            try source.tag(at: try require(key)) == CompactCoding.nilTag
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try source.bool(at: try require(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            try source.string(at: try require(key))
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try source.double(at: try require(key))
        }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try source.float(at: try require(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            try source.integer(Int.self, at: try require(key))
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
            try source.integer(Int8.self, at: try require(key))
        }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
            try source.integer(Int16.self, at: try require(key))
        }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            try source.integer(Int32.self, at: try require(key))
        }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            try source.integer(Int64.self, at: try require(key))
        }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
            try source.integer(UInt.self, at: try require(key))
        }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
            try source.integer(UInt8.self, at: try require(key))
        }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
            try source.integer(UInt16.self, at: try require(key))
        }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
            try source.integer(UInt32.self, at: try require(key))
        }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
            try source.integer(UInt64.self, at: try require(key))
        }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try source.value(T.self, at: try require(key))
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let position = try find(key), try source.tag(at: position) != CompactCoding.nilTag else {
                return nil
            }
            return try source.value(T.self, at: position)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            KeyedDecodingContainer(try KeyedReader<NestedKey>(source: source, position: try require(key)))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try UnkeyedReader(source: source, position: try require(key))
        }

        func superDecoder() throws -> any Decoder {
            guard let position = try entries.first(where: { try source.matches("super", at: $0.key).0 }) else {
                throw source.corrupt("no super")
            }
            return Reader(source: source, position: position.value)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            Reader(source: source, position: try require(key))
        }
    }

    struct UnkeyedReader: UnkeyedDecodingContainer {
        let source: Source
        let count: Int?
        private(set) var currentIndex = 0
        /// Where the next element starts.
        private var position: Int
        var codingPath: [any CodingKey] { [] }
        var isAtEnd: Bool { currentIndex >= (count ?? 0) }

        init(source: Source, position: Int) throws {
            self.source = source
            guard try source.tag(at: position) == CompactCoding.unkeyedTag else {
                throw source.corrupt("not an unkeyed container")
            }
            count = try source.count(at: position + 1)
            self.position = position + 5
        }

        /// The next element's position, moving past it.
        private mutating func next() throws -> Int {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    Any.self, DecodingError.Context(codingPath: [], debugDescription: "compact model: no more elements")
                )
            }
            let at = position
            position = try source.skip(at)
            currentIndex += 1
            return at
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, try source.tag(at: position) == CompactCoding.nilTag else { return false }
            _ = try next()
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try source.bool(at: try next()) }
        mutating func decode(_ type: String.Type) throws -> String { try source.string(at: try next()) }
        mutating func decode(_ type: Double.Type) throws -> Double { try source.double(at: try next()) }
        mutating func decode(_ type: Float.Type) throws -> Float { try source.float(at: try next()) }
        mutating func decode(_ type: Int.Type) throws -> Int { try source.integer(Int.self, at: try next()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try source.integer(Int8.self, at: try next()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try source.integer(Int16.self, at: try next()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try source.integer(Int32.self, at: try next()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try source.integer(Int64.self, at: try next()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try source.integer(UInt.self, at: try next()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try source.integer(UInt8.self, at: try next()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
            try source.integer(UInt16.self, at: try next())
        }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
            try source.integer(UInt32.self, at: try next())
        }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
            try source.integer(UInt64.self, at: try next())
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try source.value(T.self, at: try next()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            KeyedDecodingContainer(try KeyedReader<NestedKey>(source: source, position: try next()))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try UnkeyedReader(source: source, position: try next())
        }

        mutating func superDecoder() throws -> any Decoder { Reader(source: source, position: try next()) }
    }

    struct SingleReader: SingleValueDecodingContainer {
        let source: Source
        let position: Int
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { (try? source.tag(at: position)) == CompactCoding.nilTag }
        func decode(_ type: Bool.Type) throws -> Bool { try source.bool(at: position) }
        func decode(_ type: String.Type) throws -> String { try source.string(at: position) }
        func decode(_ type: Double.Type) throws -> Double { try source.double(at: position) }
        func decode(_ type: Float.Type) throws -> Float { try source.float(at: position) }
        func decode(_ type: Int.Type) throws -> Int { try source.integer(Int.self, at: position) }
        func decode(_ type: Int8.Type) throws -> Int8 { try source.integer(Int8.self, at: position) }
        func decode(_ type: Int16.Type) throws -> Int16 { try source.integer(Int16.self, at: position) }
        func decode(_ type: Int32.Type) throws -> Int32 { try source.integer(Int32.self, at: position) }
        func decode(_ type: Int64.Type) throws -> Int64 { try source.integer(Int64.self, at: position) }
        func decode(_ type: UInt.Type) throws -> UInt { try source.integer(UInt.self, at: position) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try source.integer(UInt8.self, at: position) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try source.integer(UInt16.self, at: position) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try source.integer(UInt32.self, at: position) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try source.integer(UInt64.self, at: position) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try source.value(T.self, at: position) }
    }
}
