import Foundation
import PactaCore
import XMLCoder

/// A treaty's text and structure as an Akoma Ntoso 3.0 (OASIS LegalDocML) `act` document, in one language, and
/// back.
///
/// What is written: FRBR metadata (the Work named by the treaty's id and date of signature or adoption; the
/// Expression by language, ISO 639-2; the Manifestation as this XML), the title, the preamble, and one `article`
/// per article of the file's `text` with its number, heading and paragraphs. A one-line summary in the corpus's own
/// words (Pacta's `summary`) is not the treaty's text: it is written as a paragraph that refers to the concept
/// `#pactaSummary` ("summary (Pacta corpus)"), in the article's `content` where the article has no paragraphs in
/// that language, else in its `intro`, and read back as a summary. The document validates against the OASIS
/// schema (`akomantoso30.xsd`).
public enum AkomaNtoso {
    /// The namespace of Akoma Ntoso 3.0.
    public static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

    /// Languages Pacta's corpus uses, BCP 47 → ISO 639-2/T, as Akoma Ntoso's `FRBRlanguage` wants them.
    static let languages: [String: String] = [
        "en": "eng", "ru": "rus", "ko": "kor", "zh-Hans": "zho", "zh-Hant": "zho-Hant", "fr": "fra", "es": "spa",
        "ar": "ara", "de": "deu", "ja": "jpn", "pt": "por", "it": "ita", "nl": "nld", "hy": "hye", "kk": "kaz",
        "tg": "tgk", "uk": "ukr", "be": "bel", "tr": "tur", "fa": "fas", "el": "ell", "pl": "pol", "cs": "ces",
        "hu": "hun", "ro": "ron", "bg": "bul", "mn": "mon", "vi": "vie", "th": "tha", "ms": "msa", "id": "ind",
        "tl": "tgl", "ur": "urd",
    ]

    /// An error reading or writing a document, in a sentence.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The document for `treaty` in `language` (BCP 47, one of ``languages``' keys).
    /// - Parameters:
    ///   - generated: the date written as the Manifestation's (the date the XML was made): today's for a user,
    ///     fixed in tests, so that the output is reproducible.
    /// - Throws: ``Failure`` where the language has no ISO 639-2 code here.
    public static func document(_ treaty: Treaty, language: String, generated: CalendarDate) throws -> String {
        guard let code = languages[language] else {
            throw Failure(
                description:
                    "language '\(language)' has no ISO 639-2 code in Pacta's table (known: \(languages.keys.sorted().joined(separator: ", ")))"
            )
        }
        let work = "/akn/un/act/treaty/\(treaty.adopted.date)/\(treaty.id)"
        let expression = "\(work)/\(code)@"
        let title = treaty.titles[language] ?? treaty.title()
        let text = treaty.text ?? TreatyText()
        let act = Act(
            name: "treaty",
            meta: Meta(
                identification: Identification(
                    source: "#pacta",
                    work: FRBRWork(
                        this: Value("\(work)/!main"), uri: Value(work),
                        alias: [Alias(value: treaty.id, name: "pacta-id")],
                        date: DateElement(date: treaty.adopted.date.description, name: "signature"),
                        author: Href("#pacta"), country: Value("un"), name: [Value(title)]),
                    expression: FRBRExpression(
                        this: Value("\(expression)/!main"), uri: Value(expression),
                        date: DateElement(date: treaty.adopted.date.description, name: "signature"),
                        author: Href("#pacta"),
                        authoritative: Value(
                            treaty.authenticLanguages.contains(language) ? "true" : "false"),
                        language: Language(language: code)),
                    manifestation: FRBRManifestation(
                        this: Value("\(expression)/!main.xml"), uri: Value("\(expression).akn"),
                        date: DateElement(date: generated.description, name: "generation"), author: Href("#pacta"))),
                references: References(
                    source: "#pacta",
                    organizations: [
                        TLC(eId: "pacta", href: "/ontology/organization/pacta", showAs: "Pacta")
                    ],
                    concepts: [
                        TLC(
                            eId: "pactaSummary", href: "/ontology/concept/pacta/summary",
                            showAs: "summary (Pacta corpus)")
                    ])),
            preface: Preface(p: TitleParagraph(docTitle: title)),
            preamble: text.preamble[language].map { Preamble(p: paragraphs($0)) },
            body: Body(article: text.articles.map { article(from: $0, language: language) }))
        let encoder = XMLEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        encoder.prettyPrintIndentation = .spaces(2)
        let data = try encoder.encode(
            Root(act: act), withRootKey: "akomaNtoso", rootAttributes: ["xmlns": namespace],
            header: XMLHeader(version: 1.0, encoding: "UTF-8"))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// What a document holds: the treaty's id (from the Work's `pacta-id` alias, else its IRI), the language (BCP
    /// 47), the title, and the text in that language.
    public struct Reading: Sendable, Hashable {
        public var treaty: String
        public var language: String
        public var title: String?
        public var text: TreatyText
    }

    /// What a failure to decode a document means, in words for the person who gave the file (not the decoder's
    /// types and domains): the element missing or of the wrong form, with where it lies, or XML that cannot be
    /// read at all.
    static func plainWords(_ error: any Error) -> String {
        func place(_ path: [any CodingKey]) -> String {
            let names = path.map(\.stringValue).filter { !$0.isEmpty && Int($0) == nil }
            return names.isEmpty ? "" : " (in \(names.map { "<\($0)>" }.joined(separator: " "))"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return
                "the element or attribute '\(key.stringValue)' is missing\(place(context.codingPath))\(place(context.codingPath).isEmpty ? "" : ")")"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let where_ = place(context.codingPath)
            return "an element is not of the form expected\(where_)\(where_.isEmpty ? "" : ")")"
        case DecodingError.dataCorrupted:
            return
                "the file is not well-formed XML (or it declares a DTD or entities, which Pacta does not read)"
        default:
            return "the file is not well-formed XML"
        }
    }

    /// The largest document ``read(_:)`` takes, in bytes (10 MB): the XML parser refuses a text of more than 10 MB
    /// in one element, and a treaty's text in one language is far smaller (the United Nations Convention on the Law
    /// of the Sea, with its annexes, is under 1.5 MB).
    public static let largestDocument = 10_000_000

    /// Reads a document written by ``document(_:language:generated:)`` (or one of the same shape).
    /// - Throws: ``Failure`` where the XML is not such an `act` document, or its language is not in ``languages``,
    ///   or the document is larger than ``largestDocument``.
    public static func read(_ data: Data) throws -> Reading {
        let root: Root
        guard data.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw Failure(description: "the file is empty; an Akoma Ntoso act document is XML")
        }
        guard data.count <= largestDocument else {
            throw Failure(
                description:
                    "the file is \(data.count) bytes, more than the \(largestDocument) bytes (10 MB) Pacta reads in one Akoma Ntoso document; a treaty's text in one language is far smaller: check that this is the document meant"
            )
        }
        do {
            let decoder = XMLDecoder()
            decoder.trimValueWhitespaces = false
            root = try decoder.decode(Root.self, from: data)
        } catch {
            throw Failure(description: "not an Akoma Ntoso act document Pacta can read: \(Self.plainWords(error))")
        }
        let act = root.act
        let identification = act.meta.identification
        let code = identification.expression.language.language
        guard let language = languages.first(where: { $0.value == code })?.key else {
            throw Failure(description: "FRBRlanguage '\(code)' is not a language Pacta knows")
        }
        let id =
            identification.work.alias?.first { $0.name == "pacta-id" }?.value
            ?? identification.work.uri.value.split(separator: "/").last.map(String.init) ?? ""
        guard !id.isEmpty else { throw Failure(description: "the document names no treaty (FRBRWork FRBRuri)") }
        // The id names the treaty's file: nothing but a treaty id (no '/', no '..'), or the file would lie elsewhere.
        guard id.utf8.count <= 120,
            id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw Failure(
                description:
                    "the document names the treaty '\(id.prefix(60))', which is not a treaty id (lower-case letters, digits and hyphens)"
            )
        }
        var text = TreatyText()
        if let preamble = act.preamble {
            text.preamble[language] = preamble.p.map(\.value).joined(separator: "\n\n")
        }
        text.articles = (act.body.article ?? []).map { article in
            var read = TreatyText.Article(number: article.num)
            if let heading = article.heading { read.heading[language] = heading }
            let summaries = (article.content?.p ?? []) + (article.intro?.p ?? [])
            for p in summaries where p.refersTo == "#pactaSummary" { read.summary[language] = p.value }
            // An empty paragraph stands for an article with no text in this language.
            let plain = (article.content?.p ?? []).filter { $0.refersTo == nil && !$0.value.isEmpty }
            if !plain.isEmpty { read.paragraphs.append([language: plain.map(\.value).joined(separator: "\n\n")]) }
            for paragraph in article.paragraph ?? [] {
                read.paragraphs.append([language: paragraph.content.p.map(\.value).joined(separator: "\n\n")])
            }
            return read
        }
        return Reading(treaty: id, language: language, title: identification.work.name?.first?.value, text: text)
    }

    /// One article: number, heading, and either the paragraphs (each a `paragraph`, the summary in `intro`) or the
    /// summary alone as `content`.
    static func article(from source: TreatyText.Article, language: String) -> Article {
        let eId = "art_" + source.number.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        let summary = source.summary[language].map { [P(value: $0, refersTo: "#pactaSummary")] }
        let paragraphs = source.paragraphs.compactMap { $0[language] }
        if paragraphs.isEmpty {
            return Article(
                eId: eId, num: source.number, heading: source.heading[language], intro: nil,
                content: Content(p: summary ?? [P(value: "", refersTo: nil)]), paragraph: nil)
        }
        return Article(
            eId: eId, num: source.number, heading: source.heading[language], intro: summary.map { Content(p: $0) },
            content: nil,
            paragraph: paragraphs.enumerated().map { index, text in
                Paragraph(eId: "\(eId)__para_\(index + 1)", content: Content(p: self.paragraphs(text)))
            })
    }

    /// Text as paragraphs `p`, one per block separated by a blank line.
    static func paragraphs(_ text: String) -> [P] {
        text.components(separatedBy: "\n\n").map { P(value: $0, refersTo: nil) }
    }
}

// MARK: - The document's shape (element order as the schema requires)

/// An element whose coding keys in ``attributes`` are XML attributes and the others child elements.
protocol XMLAttributed: DynamicNodeEncoding, DynamicNodeDecoding {
    static var attributes: Set<String> { get }
}

extension XMLAttributed {
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        attributes.contains(key.stringValue) ? .attribute : .element
    }
    static func nodeDecoding(for key: any CodingKey) -> XMLDecoder.NodeDecoding {
        attributes.contains(key.stringValue) ? .attribute : .element
    }
}

extension AkomaNtoso {
    struct Root: Codable { var act: Act }

    struct Act: Codable, XMLAttributed {
        var name: String
        var meta: Meta
        var preface: Preface?
        var preamble: Preamble?
        var body: Body
        static let attributes: Set<String> = ["name"]
    }

    struct Meta: Codable {
        var identification: Identification
        var references: References
    }

    struct Identification: Codable, XMLAttributed {
        var source: String
        var work: FRBRWork
        var expression: FRBRExpression
        var manifestation: FRBRManifestation
        enum CodingKeys: String, CodingKey {
            case source
            case work = "FRBRWork"
            case expression = "FRBRExpression"
            case manifestation = "FRBRManifestation"
        }
        static let attributes: Set<String> = ["source"]
    }

    struct FRBRWork: Codable {
        var this: Value
        var uri: Value
        var alias: [Alias]?
        var date: DateElement
        var author: Href
        var country: Value
        var name: [Value]?
        enum CodingKeys: String, CodingKey {
            case this = "FRBRthis"
            case uri = "FRBRuri"
            case alias = "FRBRalias"
            case date = "FRBRdate"
            case author = "FRBRauthor"
            case country = "FRBRcountry"
            case name = "FRBRname"
        }
    }

    struct FRBRExpression: Codable {
        var this: Value
        var uri: Value
        var date: DateElement
        var author: Href
        var authoritative: Value?
        var language: Language
        enum CodingKeys: String, CodingKey {
            case this = "FRBRthis"
            case uri = "FRBRuri"
            case date = "FRBRdate"
            case author = "FRBRauthor"
            case authoritative = "FRBRauthoritative"
            case language = "FRBRlanguage"
        }
    }

    struct FRBRManifestation: Codable {
        var this: Value
        var uri: Value
        var date: DateElement
        var author: Href
        enum CodingKeys: String, CodingKey {
            case this = "FRBRthis"
            case uri = "FRBRuri"
            case date = "FRBRdate"
            case author = "FRBRauthor"
        }
    }

    /// An empty element with a `value` attribute.
    struct Value: Codable, XMLAttributed {
        var value: String
        init(_ value: String) { self.value = value }
        static let attributes: Set<String> = ["value"]
    }

    struct Alias: Codable, XMLAttributed {
        var value: String
        var name: String
        static let attributes: Set<String> = ["value", "name"]
    }

    struct DateElement: Codable, XMLAttributed {
        var date: String
        var name: String
        static let attributes: Set<String> = ["date", "name"]
    }

    struct Href: Codable, XMLAttributed {
        var href: String
        init(_ href: String) { self.href = href }
        static let attributes: Set<String> = ["href"]
    }

    struct Language: Codable, XMLAttributed {
        var language: String
        static let attributes: Set<String> = ["language"]
    }

    struct References: Codable, XMLAttributed {
        var source: String
        var organizations: [TLC]
        var concepts: [TLC]
        enum CodingKeys: String, CodingKey {
            case source
            case organizations = "TLCOrganization"
            case concepts = "TLCConcept"
        }
        static let attributes: Set<String> = ["source"]
    }

    struct TLC: Codable, XMLAttributed {
        var eId: String
        var href: String
        var showAs: String
        static let attributes: Set<String> = ["eId", "href", "showAs"]
    }

    struct Preface: Codable { var p: TitleParagraph }

    struct TitleParagraph: Codable, XMLAttributed {
        var `class` = "title"
        var docTitle: String
        static let attributes: Set<String> = ["class"]
    }

    struct Preamble: Codable { var p: [P] }

    struct Body: Codable { var article: [Article]? }

    struct Article: Codable, XMLAttributed {
        var eId: String
        var num: String
        var heading: String?
        var intro: Content?
        var content: Content?
        var paragraph: [Paragraph]?
        static let attributes: Set<String> = ["eId"]
    }

    struct Paragraph: Codable, XMLAttributed {
        var eId: String
        var content: Content
        static let attributes: Set<String> = ["eId"]
    }

    struct Content: Codable { var p: [P] }

    /// A paragraph of text, optionally referring to a concept (`#pactaSummary`).
    struct P: Codable, XMLAttributed {
        var value: String
        var refersTo: String?
        enum CodingKeys: String, CodingKey {
            case value = ""
            case refersTo
        }
        static let attributes: Set<String> = ["refersTo"]
    }
}
