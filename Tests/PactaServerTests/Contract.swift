import Foundation
import PactaTestSupport
import Testing

/// Checks answers of the API against `openapi.yaml`'s schemas with Python's `jsonschema` (JSON Schema 2020-12, as
/// OpenAPI 3.1 uses it): every key, type, enum and `required` list, at every depth the document describes.
enum Contract {
    /// One answer: the operation's path as the document writes it, the method, the status and the body.
    struct Answer: Encodable, Sendable {
        let path: String
        let method: String
        let status: Int
        /// The body's JSON text.
        let body: String

        init(path: String, method: String, status: Int, body: String) {
            (self.path, self.method, self.status, self.body) = (path, method, status, body)
        }

        /// An answer whose body is `object` (a JSON object or array).
        init(path: String, method: String, status: Int, object: Any) throws {
            let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            self.init(path: path, method: method, status: status, body: text)
        }
    }

    /// The violations Python's `jsonschema` finds in `answers` against `document` (the served OpenAPI JSON), one
    /// line each (`METHOD PATH STATUS: where: what`); empty where every answer fits.
    static func violations(of answers: [Answer], document: String) async throws -> [String] {
        let folder = TestFolder.url("contract")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(document.utf8).write(to: folder.appendingPathComponent("openapi.json"))
        try JSONEncoder().encode(answers).write(to: folder.appendingPathComponent("answers.json"))
        let run = try await Program.run("/usr/bin/env", ["python3", "-c", script, folder.path], joiningErrors: true)
        guard run.status == 0 else { throw CheckFailed(output: run.stdout) }
        return run.stdout.split(separator: "\n").map(String.init)
    }

    struct CheckFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "the contract check did not run: \(output)" }
    }

    static let script = #"""
        import json, sys
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
        folder = sys.argv[1]
        document = json.load(open(folder + "/openapi.json"))
        answers = json.load(open(folder + "/answers.json"))
        registry = Registry().with_resource("urn:pacta:openapi", Resource.from_contents(document, default_specification=DRAFT202012))
        def resolve(node):
            while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/components/responses/"):
                node = document["components"]["responses"][node["$ref"].split("/")[-1]]
            return node
        for answer in answers:
            operation = document["paths"][answer["path"]][answer["method"]]
            response = resolve(operation["responses"].get(str(answer["status"])))
            where = f'{answer["method"]} {answer["path"]} {answer["status"]}'
            if response is None:
                print(f"{where}: the document lists no such answer")
                continue
            content = response.get("content", {})
            media = next(iter(content.values()), None)
            if media is None:
                continue
            schema = json.loads(json.dumps(media["schema"]).replace('"#/', '"urn:pacta:openapi#/'))
            body = json.loads(answer["body"])
            validator = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
                path = "/".join(str(p) for p in error.absolute_path) or "(top)"
                print(f"{where}: {path}: {error.message[:300]}")
        """#
}
