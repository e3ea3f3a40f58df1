import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who may write through the server, and how much.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Records acts in existing treaties.
    case clerk
    /// Also creates treaties and manages users.
    case admin
}

/// A user the server knows: the name recorded as `recorded-by`, and the role.
public struct User: Sendable, Hashable {
    public var name: String
    public var role: Role
    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// The users and their bearer tokens, kept in a JSON file readable by its owner only (mode 0600). A token is
/// shown once, when it is issued; the file keeps only its SHA-256 (swift-crypto), so that reading the file does
/// not give a token. A revoked user's token stops working at once, in a running server too: the file is looked
/// at each check, and read again whenever it changed (its inode, size or time of change differ).
public struct UserStore: Sendable {
    /// Why the store refused.
    public struct StoreError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    struct Entry: Codable, Sendable {
        var name: String
        var role: Role
        var tokenSHA256: String
        var issued: String
        var revoked: String?

        enum CodingKeys: String, CodingKey {
            case name, role, issued, revoked
            case tokenSHA256 = "token-sha256"
        }
    }

    struct File: Codable, Sendable {
        var format = 1
        var users: [Entry] = []
    }

    /// The file's path.
    public let path: String
    /// The file as last read, with what `stat` said of it then: a server checks a token on every write, and
    /// decoding the file each time cost more than the rest of the check.
    private let lastRead = LastRead()

    private final class LastRead: Sendable {
        let value = Mutex<(identity: [Int], file: File)?>(nil)
    }

    public init(path: String) {
        self.path = path
    }

    /// The default file for a corpus folder: `.pacta-users.json` in it (kept out of git by `.gitignore`).
    public static func defaultPath(corpus: String) -> String { "\(corpus)/.pacta-users.json" }

    /// Issues a new user with a new token.
    /// - Parameters:
    ///   - name: 1 to 64 letters, digits, `.`, `_` or `-`; written as `recorded-by`.
    ///   - now: the timestamp stored as `issued` (the caller reads the clock).
    /// - Returns: the token, 43 characters of base64url (256 random bits): shown once, never stored.
    /// - Throws: ``StoreError`` where the name is taken by an active user, is not a valid name, or the file cannot
    ///   be written.
    public func add(_ name: String, role: Role, now: String) throws(StoreError) -> String {
        guard Self.isValidName(name) else {
            throw StoreError(
                description:
                    "'\(name)' cannot be a user name: use 1 to 64 letters, digits, '.', '_' or '-' (it is written into the files as recorded-by)."
            )
        }
        var file = try read()
        if file.users.contains(where: { $0.name == name && $0.revoked == nil }) {
            throw StoreError(description: "the user \(name) exists already; revoke it first to issue a new token.")
        }
        let token = Self.newToken()
        file.users.append(Entry(name: name, role: role, tokenSHA256: Self.digest(token), issued: now))
        try write(file)
        return token
    }

    /// Revokes every active token of `name`.
    /// - Throws: ``StoreError`` where no active user has that name.
    public func revoke(_ name: String, now: String) throws(StoreError) {
        var file = try read()
        var found = false
        for index in file.users.indices where file.users[index].name == name && file.users[index].revoked == nil {
            file.users[index].revoked = now
            found = true
        }
        guard found else { throw StoreError(description: "no active user named \(name).") }
        try write(file)
    }

    /// The active users, by name.
    public func list() throws(StoreError) -> [User] {
        try read().users.filter { $0.revoked == nil }.map { User(name: $0.name, role: $0.role) }
    }

    /// The active user whose token this is, or `nil`. The token's SHA-256 is compared with each stored digest in
    /// constant time.
    public func user(forToken token: String) throws(StoreError) -> User? {
        guard !token.isEmpty, token.utf8.count <= 256 else { return nil }
        let digest = Array(Self.digest(token).utf8)
        var match: User?
        for entry in try read().users where entry.revoked == nil {
            let stored = Array(entry.tokenSHA256.utf8)
            guard stored.count == digest.count else { continue }
            var difference: UInt8 = 0
            for (a, b) in zip(stored, digest) { difference |= a ^ b }
            if difference == 0 { match = User(name: entry.name, role: entry.role) }
        }
        return match
    }

    /// Whether `name` can be a user name: 1 to 64 letters, digits, `.`, `_` or `-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }
    }

    /// 32 random bytes from the system's secure generator, base64url without padding.
    public static func newToken() -> String {
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of the token's UTF-8, as lowercase hex.
    public static func digest(_ token: String) -> String {
        // Hex by table: formatting each byte with `String(format:)` cost more than the hash, on every write.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    func read() throws(StoreError) -> File {
        var info = stat()
        guard stat(path, &info) == 0 else { return File() }
        #if os(Linux)
            let changed = info.st_ctim
        #else
            let changed = info.st_ctimespec
        #endif
        let identity = [
            Int(info.st_dev), Int(info.st_ino), Int(info.st_size), Int(changed.tv_sec), Int(changed.tv_nsec),
        ]
        if let last = lastRead.value.withLock({ $0 }), last.identity == identity { return last.file }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(description: "cannot read the users file \(path).")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw StoreError(description: "the users file \(path) is not a Pacta users file: \(error)")
        }
        lastRead.value.withLock { $0 = (identity, file) }
        return file
    }

    func write(_ file: File) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(file) else { throw StoreError(description: "cannot encode the users.") }
        do {
            // Owner only: the digests are not tokens, but nobody else needs to read them.
            try DurableFile.replace(path, with: String(decoding: data, as: UTF8.self) + "\n", mode: 0o600)
        } catch {
            throw StoreError(description: error.description)
        }
    }
}
