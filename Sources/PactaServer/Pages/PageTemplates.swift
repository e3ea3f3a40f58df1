import Foundation
import HTTPTypes
import Mustache

/// The pages' markup: the Mustache templates of `Templates/` (a resource of this target), loaded once, and
/// rendered with small views that the routes compute.
///
/// `{{name}}` escapes what it prints (``HTML/escape(_:)``: `&`, `<`, `>`, `"` and `'` become entities), so a
/// corpus string never opens a tag or leaves an attribute; `{{{name}}}` prints as is, and the templates use it only
/// for fragments another template rendered and for the pictures Graphviz laid out. A template's name is its file's
/// name without `.mustache`; a file's last line break is not part of the template, so that a fragment set inside a
/// line stays inside it.
enum PageTemplates {
    /// Every template, read once from the resource folder (``buildRouter(state:requestDeadline:)`` reads it, so that
    /// a server that lacks its pages says so when it starts).
    static let library: Result<MustacheLibrary, Problem> = load(
        from: Bundle.module.url(forResource: "Templates", withExtension: nil))

    /// The templates of `folder` (each `*.mustache` file), or the problem that keeps them from loading: the
    /// folder is missing (a binary moved without its resource bundle) or a template does not parse.
    static func load(from folder: URL?) -> Result<MustacheLibrary, Problem> {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return .failure(broken("The page templates (Templates/*.mustache) are missing beside the server's binary."))
        }
        MustacheContentTypes.register(Escaping(), named: Escaping.name)
        var library = MustacheLibrary()
        for file in names.sorted() where file.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else {
                return .failure(broken("The page template \(file) cannot be read."))
            }
            do {
                // Every template (a partial too) escapes with ``Escaping``: the pragma on a line of its own.
                let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
                try library.register("{{%CONTENT_TYPE: \(Escaping.name)}}\n" + body, named: String(file.dropLast(9)))
            } catch {
                return .failure(broken("The page template \(file) does not parse: \(error)."))
            }
        }
        return .success(library)
    }

    /// `view` rendered with the template `name`: the view's properties are the template's names.
    /// - Throws: ``Problem`` `500` where the templates did not load or none is called `name`.
    static func render<View: MustacheParent>(_ view: View, _ name: String) throws -> String {
        guard let text = try library.get().render(Shared(view), withTemplate: name) else {
            throw broken("No page template is called \(name).")
        }
        return text
    }

    /// How `{{name}}` escapes in every page template: ``HTML/escape(_:)``.
    struct Escaping: MustacheContentType {
        /// The name of the content type (`{{%CONTENT_TYPE: PAGE_HTML}}`).
        static let name = "PAGE_HTML"

        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    /// A view held by reference. The templates cast what they read to `MustacheParent`, for every name and at every
    /// level they look in: a view in a class is cast without copying its fields (the Rome Statute's page, with 140
    /// rows and 339 events, in 9.3 ms instead of about 11, release build).
    final class Shared<View: MustacheParent>: MustacheParent {
        let view: View

        init(_ view: View) { self.view = view }

        func child(named name: String) -> Any? { view.child(named: name) }
    }

    /// A `500` for the pages' own fault.
    static func broken(_ detail: String) -> Problem {
        Problem(.internalServerError, kind: "internal", title: "Internal error", detail: detail)
    }
}
