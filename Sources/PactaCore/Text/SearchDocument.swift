/// One searchable piece of a treaty: a title, a heading, a summary, a paragraph, a provision's summary,
/// in one language.
public struct SearchDocument: Sendable, Hashable, Codable {
    /// What part of the treaty the text is; decides the weight in ranking.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case title, heading, summary, provision, text, note

        /// Ranking weight: a match in a title counts most.
        public var weight: Double {
            switch self {
            case .title: 4
            case .heading: 3
            case .summary, .provision: 2
            case .text: 1.5
            case .note: 1
            }
        }
    }

    public var treaty: String
    /// The article number, for text of one article.
    public var article: String?
    public var field: Field
    /// BCP 47 tag.
    public var language: String
    public var text: String

    public init(treaty: String, article: String?, field: Field, language: String, text: String) {
        self.treaty = treaty
        self.article = article
        self.field = field
        self.language = language
        self.text = text
    }
}

/// A search result: the document, an excerpt with the matches, and its rank score (higher is better).
public struct SearchHit: Sendable, Hashable {
    public var document: SearchDocument
    public var snippet: SearchText.Snippet
    public var score: Double

    public init(document: SearchDocument, snippet: SearchText.Snippet, score: Double) {
        self.document = document
        self.snippet = snippet
        self.score = score
    }
}

extension Treaty {
    /// Every searchable text of the treaty: titles, short titles, article headings, summaries and paragraphs,
    /// provision summaries, the note.
    public var searchDocuments: [SearchDocument] {
        var documents: [SearchDocument] = []
        func add(_ field: SearchDocument.Field, _ article: String?, _ texts: [String: String]) {
            for (language, text) in texts.sorted(by: { $0.key < $1.key }) where !text.isEmpty {
                documents.append(
                    SearchDocument(treaty: id, article: article, field: field, language: language, text: text))
            }
        }
        add(.title, nil, titles)
        add(.title, nil, shortTitles)
        if let text {
            add(.text, nil, text.preamble)
            for article in text.articles {
                add(.heading, article.number, article.heading)
                add(.summary, article.number, article.summary)
                for paragraph in article.paragraphs { add(.text, article.number, paragraph) }
            }
        }
        for provision in provisions { add(.provision, provision.article, provision.summary) }
        if let note { add(.note, nil, ["en": note]) }
        return documents
    }
}
