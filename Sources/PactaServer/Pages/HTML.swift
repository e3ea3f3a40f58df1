import HTTPTypes
import Hummingbird
import PactaFormats

/// HTML building blocks: escaping (every corpus string is untrusted input) and the page layout.
enum HTML {
    /// Text and attribute escaping (the same as the SVG writer's).
    static func escape(_ text: String) -> String { NetworkSVG.escape(text) }

    /// Percent-encoding for a URL query value.
    static func query(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    static let style = """
        :root{--ink:#1b2631;--muted:#5d6d7e;--line:#d5dbdb;--accent:#1f4e79;--bg:#fbfcfc}
        form.desk{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem 1rem;align-items:end;padding:.8rem;border:1px solid var(--line);background:#fff}form.desk label{display:flex;flex-direction:column;font-size:.9rem}
        .notice{background:#e8f6ec;border-left:4px solid #1e7b34;padding:.5rem .8rem}.refused{background:#fdecea;border-left:4px solid #b03a2e;padding:.5rem .8rem}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Noto Sans KR",sans-serif;color:var(--ink);background:var(--bg)}
        header{background:var(--accent);color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
        header a{color:#fff;text-decoration:none;font-weight:600}header nav{display:flex;gap:1rem;flex-wrap:wrap}
        main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid var(--line)}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef2f5}.scroll{overflow-x:auto}.muted{color:var(--muted)}.status{font-weight:600}
        .in-force,.party{color:#1e7b34}.terminated,.withdrawn{color:#922b21}.ceased{color:#57606a}.not-in-force,.contracting-state,.signatory{color:#9a6700}
        details summary{cursor:pointer;color:var(--accent)}mark{background:#fff3a3}
        form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}label{display:flex;flex-direction:column;font-size:.85rem}
        input,select,button{font:inherit;padding:.3rem .5rem}button{background:var(--accent);color:#fff;border:0;border-radius:3px}
        .articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.75rem}.card{border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem;background:#fff}
        .authentic{font-size:.75rem;color:#1e7b34}.translation{font-size:.75rem;color:var(--muted)}.summary-label{font-size:.75rem;color:#6a1b9a}p.summary{font-style:italic}svg{max-width:100%;height:auto}
        .date,td.date{white-space:nowrap}ul.counts{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;margin:.4rem 0}ul.counts strong{font-size:1.15rem}
        ul.plain{list-style:none;padding-left:0}
        .caveats-box{background:#fff8e1;border-left:4px solid #9a6700;padding:.4rem .8rem;margin:.6rem 0}.caveats-box ul{margin:.2rem 0}
        table.participants td{padding:.2rem .45rem}table.participants details.why{display:inline;font-size:.82rem}table.participants details.why summary{display:inline;font-size:.78rem;margin-left:.3rem}table.participants details.why[open]{display:block}
        table.participants details.why[open]{max-width:36rem}sup.fn a{text-decoration:none;margin-left:.1rem}abbr.mark{font-weight:600;text-decoration:none}
        th button.sort{background:none;color:inherit;padding:0;font-weight:600;border:0;cursor:pointer;white-space:nowrap}th[aria-sort=ascending] button.sort::after{content:" ▲"}th[aria-sort=descending] button.sort::after{content:" ▼"}
        ol.footnotes{font-size:.88rem}p.legend{font-size:.85rem}
        """

    /// A whole page: `title` in the head, the navigation, `body` as given (already escaped by its builder).
    /// A page as the answer to a request: `text/html` in UTF-8.
    static func response(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Pacta</title><style>\(style)</style><script src="\(TableScript.path)" defer></script></head>
        <body><header><a href="/">Pacta</a><nav><a href="/search">Search</a><a href="/scenario">Scenario</a><a href="/upcoming">Calendar</a><a href="/api/v1/openapi.json">API</a></nav></header>
        <main>\(body)</main></body></html>
        """
    }
}
