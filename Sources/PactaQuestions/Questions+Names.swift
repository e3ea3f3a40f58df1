import PactaCore

extension Questions {
    /// The treaty a user means: its id in any case, else the one treaty whose alias, short title or title it is.
    /// - Throws: ``QuestionError`` `unknownTreaty` with the closest ids, or `ambiguousTreaty` where a name is
    ///   shared.
    public func treaty(named name: String) throws -> Treaty {
        if let treaty = corpus[name] ?? corpus[name.lowercased()] { return treaty }
        // Bound the work an unknown name can cause: a long name is no treaty's name.
        guard name.count <= 200 else {
            throw QuestionError(
                .unknownTreaty, "no treaty '\(name.prefix(40))…' in the corpus (\(corpus.treaties.count) treaties).")
        }
        if name.allSatisfy(\.isWhitespace) {
            throw QuestionError(.unknownTreaty, "give a treaty's id, title or alias; 'pacta list' shows them all.")
        }
        let named = corpus.treaties.filter { $0.isNamed(name) }
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            throw QuestionError(
                .ambiguousTreaty,
                "'\(name)' names \(named.count) treaties: \(named.map(\.id).joined(separator: ", ")); give the id.",
                suggestions: named.map(\.id))
        }
        if faulty.contains(name) {
            throw QuestionError(
                .unknownTreaty,
                "the file \(name).yaml has errors and could not be read as a treaty; 'pacta check' shows them.")
        }
        let suggestions = corpus.suggestions(for: name)
        let count = corpus.treaties.count
        var message = "no treaty '\(name)' in the corpus (\(count) treat\(count == 1 ? "y" : "ies"))."
        message +=
            suggestions.isEmpty
            ? " 'pacta list' shows them all." : " Did you mean: \(suggestions.joined(separator: ", "))?"
        throw QuestionError(.unknownTreaty, message, suggestions: suggestions)
    }

    /// A party code as a user types it: a State's ISO 3166-1 alpha-3 code (or a former ISO 3166-3 code) in any
    /// case, or an organisation's `org:<slug>` declared in the corpus's `entities.yaml`. One rule for every front
    /// end.
    /// - Throws: ``QuestionError`` `unknownParty` (with the code a name or an alpha-2 code suggests) or
    ///   `undeclaredOrganisation`.
    public func party(_ text: String) throws -> PartyCode {
        let code = PartyCode(parsing: text)
        if code.isOrganisation {
            guard corpus.entities[code] != nil else {
                let known = corpus.entities.keys.map(\.rawValue).sorted().joined(separator: ", ")
                throw QuestionError(
                    .undeclaredOrganisation,
                    "the organisation '\(text)' is not declared in the corpus's entities.yaml (declared: \(known.isEmpty ? "none" : known))."
                )
            }
            return code
        }
        guard PartyCodeTable.country(code) != nil else {
            throw Self.unknownCode(
                text,
                "unknown party code '\(text)': expected an ISO 3166-1 alpha-3 code (RUS, PRK ...), a former ISO 3166-3 code (SUN ...), or an org: code declared in entities.yaml."
            )
        }
        return code
    }

    /// The error for a code that is no State's: `sentence`, then the closest code where one is close.
    static func unknownCode(_ text: String, _ sentence: String) -> QuestionError {
        let suggestion = PartyCodeTable.suggestion(for: text)
        return QuestionError(
            .unknownParty, sentence + (suggestion.map { " Did you mean \($0.code) (\($0.name))?" } ?? ""),
            suggestions: suggestion.map { [$0.code] } ?? [])
    }

    /// A State's code (not an organisation), as ``party(_:)`` reads it.
    public func state(_ text: String) throws -> PartyCode {
        let code = PartyCode(parsing: text)
        guard !code.isOrganisation else {
            throw QuestionError(
                .unknownParty, "'\(text)' is an organisation; a State's code is needed here (RUS, PRK ...).")
        }
        guard PartyCodeTable.country(code) != nil else {
            throw Self.unknownCode(
                text,
                "unknown State code '\(text)'; expected an ISO 3166-1 alpha-3 code such as PRK, USA, RUS (or a former code such as SUN)."
            )
        }
        return code
    }
}

extension PartyCode {
    /// A code as a user types it: an organisation's `org:<slug>` as written, a State's code in upper case.
    public init(parsing text: String) {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        self.init(
            trimmed.lowercased().hasPrefix("org:") ? "org:" + trimmed.dropFirst(4).lowercased() : trimmed.uppercased())
    }
}
