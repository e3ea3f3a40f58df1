import Foundation
import HTTPTypes
import Hummingbird

/// The one script the pages load, `Assets/table.js` (a resource of this target), served by the server itself at
/// ``path`` (the Content-Security-Policy allows scripts from this site only): sortable columns for tables marked
/// `data-sortable`, and the filter box of a table (`data-filter-for`). The pages work without it: the table is
/// complete and in order, the filter box stays hidden.
enum TableScript {
    static let path = "/assets/table.js"

    /// The script's text, read once; `nil` where the resource is missing.
    static let source: String? = Bundle.module.url(forResource: "table", withExtension: "js", subdirectory: "Assets")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }

    /// The script as a response, cached for an hour.
    /// - Throws: ``Problem`` `500` where the script is missing beside the server's binary.
    static func response() throws -> Response {
        guard let source else {
            throw PageTemplates.broken("The pages' script (Assets/table.js) is missing beside the server's binary.")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/javascript; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: source)))
    }
}
