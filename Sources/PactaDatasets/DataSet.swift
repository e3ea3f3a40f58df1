/// The alliance data set a treaty file was imported from: its name, version and id column.
public struct DataSet: Sendable, Hashable {
    /// The source key and `references` key: `cow` or `atop`.
    public let key: String
    public let name: String
    public let version: String
    /// The column of the alliance id: `version4id` or `atopid`.
    public let idColumn: String
    public let url: String

    /// Correlates of War Formal Alliances v4.1 (Gibler 2009), by-member table.
    public static let cow = DataSet(
        key: "cow", name: "Correlates of War Formal Alliances", version: "4.1", idColumn: "version4id",
        url: "https://correlatesofwar.org/data-sets/formal-alliances/")
    /// A manydata memberships table (one row per agreement and State, as the manytreaties package's HUGGO table):
    /// memberships and their dates, no obligations.
    public static let manydata = DataSet(
        key: "manydata", name: "manydata memberships", version: "", idColumn: "manyID",
        url: "https://github.com/globalgov/manytreaties")
    /// Alliance Treaty Obligations and Provisions (ATOP) 5.1, alliance-level and member-level tables.
    public static let atop = DataSet(
        key: "atop", name: "Alliance Treaty Obligations and Provisions (ATOP)", version: "5.1", idColumn: "atopid",
        url: "http://www.atopdata.org/data.html")
}
