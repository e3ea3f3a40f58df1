import HTTPTypes
import Hummingbird
import Mustache

/// A page as the answer to a request: the layout around a body that a page template rendered.
enum HTML {
    /// The layout's view: the title in the head, the body as rendered.
    struct Layout {
        let title: String
        let body: String
    }

    /// A whole page: `body` (a fragment a page template rendered) in the layout, with `title` in its head.
    /// - Throws: ``Problem`` `500` where the templates did not load.
    static func page(_ title: String, body: String) throws -> String {
        try PageTemplates.render(Layout(title: title, body: body), "layout")
    }

    /// A page as the answer to a request: `text/html` in UTF-8.
    static func response(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// `text` as HTML text or an attribute's value: `&`, `<`, `>`, `"` and `'` as entities, and the control
    /// characters but tab and line breaks left out (they are not text, and NUL is not allowed in HTML). Text without
    /// any of them is returned as is.
    /// - Complexity: O(n) in the UTF-8 length; a byte below 0x80 is never part of a longer character.
    static func escape(_ text: String) -> String {
        func special(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F:
                true
            case 0x09, 0x0A, 0x0D: false
            default: byte < 0x20
            }
        }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case _ where special(byte): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Read by name

// The templates read a view by name through `child(named:)`, never by reflection (see PageViews.swift).

extension HTML.Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "body": self.body
        default: nil
        }
    }
}
