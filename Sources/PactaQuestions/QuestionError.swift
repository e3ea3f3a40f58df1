import PactaCore

/// Why a question cannot be answered: a treaty or party that the corpus does not know, said as a sentence a
/// user understands. The front ends decide what it becomes (an exit code, an HTTP status).
public struct QuestionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for the front ends to map (HTTP 404 for an unknown treaty or State, 400 for the rest).
    public enum Kind: String, Sendable, Equatable {
        case unknownTreaty = "unknown-treaty"
        case ambiguousTreaty = "ambiguous-treaty"
        case unknownParty = "unknown-party"
        case undeclaredOrganisation = "undeclared-organisation"
    }

    public let kind: Kind
    /// The sentence, without a trailing location (the front end adds where the input came from).
    public let description: String
    /// Ids or codes that the user may have meant, closest first.
    public let suggestions: [String]

    public init(_ kind: Kind, _ description: String, suggestions: [String] = []) {
        self.kind = kind
        self.description = description
        self.suggestions = suggestions
    }
}
