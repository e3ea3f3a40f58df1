import PactaCore
import PactaFormats

/// One digest of the stamps (name, size, modification time) of every file of a corpus folder that an index reads:
/// what lets a command tell that nothing changed since the index last matched the folder without reading the
/// index's 250,000 fingerprints, one `stat` call per file and no more.
///
/// The digest does not depend on the order in which the folder lists its files: each file's stamp is hashed on
/// its own (two 64-bit lanes) and the hashes are added. It is a check against change, not a defence against a
/// forger (one who can write the folder can write the index).
///
/// An index keeps the seal of the stamps it was last brought up to date from (``FolderSealStore``) and forgets it
/// whenever it stores or removes a file, so that a seal found in an index always describes the files it holds.
public struct FolderSeal: Sendable, Hashable, CustomStringConvertible {
    /// How many treaty files the folder has.
    public let treatyFiles: Int
    private let first: UInt64
    private let second: UInt64

    /// The seal of `stamps` (``Indexer/stamps()``): the treaty files' and the corpus's other files'.
    public init(_ stamps: Indexer.Stamps) {
        var first: UInt64 = 0
        var second: UInt64 = 0
        for (kind, list) in [(UInt8(1), stamps.treaties), (UInt8(2), stamps.context)] {
            for (name, stamp) in list {
                let (a, b) = Self.hash(kind: kind, name: name, stamp: stamp)
                first &+= a
                second &+= b
            }
        }
        self.init(treatyFiles: stamps.treaties.count, first: first, second: second)
    }

    private init(treatyFiles: Int, first: UInt64, second: UInt64) {
        self.treatyFiles = treatyFiles
        self.first = first
        self.second = second
    }

    /// `seal-1:` the number of treaty files `:` 32 hexadecimal digits; what ``init(_:)-(String)`` reads.
    public var description: String {
        "seal-1:\(treatyFiles):" + Self.hex(first) + Self.hex(second)
    }

    /// A seal as ``description`` writes it; `nil` for any other text.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "seal-1", let files = Int(parts[1]), files >= 0, parts[2].utf8.count == 32,
            let first = UInt64(parts[2].prefix(16), radix: 16), let second = UInt64(parts[2].suffix(16), radix: 16)
        else { return nil }
        self.init(treatyFiles: files, first: first, second: second)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.utf8.count) + digits
    }

    /// One file's two hashes: FNV-1a over the kind, the name, a zero byte and the stamp's five numbers (or one
    /// byte for a file that cannot be looked at), from two offsets, each finished with SplitMix64's mixer so that
    /// every input bit reaches every output bit.
    private static func hash(kind: UInt8, name: String, stamp: CorpusFiles.Stamp?) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        func add(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        func add(_ number: Int) {
            withUnsafeBytes(of: Int64(number).littleEndian) { for byte in $0 { add(byte) } }
        }
        add(kind)
        for byte in name.utf8 { add(byte) }
        add(UInt8(0))
        if let stamp {
            add(stamp.size)
            add(stamp.seconds)
            add(stamp.nanoseconds)
            add(stamp.changeSeconds)
            add(stamp.changeNanoseconds)
        } else {
            add(UInt8(1))
        }
        return (SplitMix64.mix(a), SplitMix64.mix(b &+ 0x9e37_79b9_7f4a_7c15))
    }
}

/// An index that keeps the ``FolderSeal`` of the folder it was last brought up to date from, and forgets it
/// whenever a file is stored or removed (so that a kept seal always describes the files the index holds).
public protocol FolderSealStore: TreatyIndex {
    /// The kept seal's text (``FolderSeal/description``), `nil` where none is kept.
    func folderSeal() async throws -> String?

    /// Keeps `seal` (replacing any): the seal of the stamps a refresh started from, once every file it found
    /// changed is stored. A file changed after those stamps were taken has another stamp now, so the kept seal no
    /// longer matches the folder and the next check reads the fingerprints.
    func storeFolderSeal(_ seal: String) async throws
}
