import Foundation

/// Components of the machine that some tests need (a browser, a database server), and whether those tests run.
///
/// A test that needs a missing component is skipped, with the reason, so that `swift test` passes on a laptop
/// without it. Where the environment variable `PACTA_TEST_REQUIRE` names the component (a comma-separated list,
/// e.g. `PACTA_TEST_REQUIRE=chromium,postgresql`, as `.ci/run` sets it), the test runs anyway and fails with
/// the message that says what to install: CI never skips it silently.
public enum Requirements {
    /// The components `PACTA_TEST_REQUIRE` names, in lower case.
    public static let required: Set<String> = parse(ProcessInfo.processInfo.environment["PACTA_TEST_REQUIRE"] ?? "")

    /// The components a `PACTA_TEST_REQUIRE` value names: comma-separated, in any case, spaces ignored.
    public static func parse(_ value: String) -> Set<String> {
        Set(
            value.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            })
    }

    /// Headless Chromium's path (Debian's `chromium`), where installed.
    public static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// ChromeDriver's path (Debian's `chromium-driver`), where installed: the form tests drive Chromium with it.
    public static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether tests that need `component` run: it is present, or `PACTA_TEST_REQUIRE` requires it.
    public static func runs(_ component: String, present: Bool) -> Bool {
        present || required.contains(component.lowercased())
    }

    /// Whether the Chromium tests run.
    public static var chromiumTestsRun: Bool { runs("chromium", present: chromium != nil) }

    /// The reason shown where the Chromium tests are skipped.
    public static let chromiumSkipped =
        "skipped: no headless Chromium on this machine (apt-get install chromium chromium-driver fonts-noto-cjk, or run bash .ci/run); set PACTA_TEST_REQUIRE=chromium to make its absence a failure"
}

extension Requirements {
    /// Whether Python has `jsonschema` (with `referencing`), which the API's contract tests check answers with.
    public static let jsonschema: Bool = {
        // Once per test run, before the tests that ask start.
        return (try? Program.runWaiting("/usr/bin/env", ["python3", "-c", "import jsonschema, referencing"]))?.status
            == 0
    }()

    /// Whether the contract tests run.
    public static var jsonschemaTestsRun: Bool { runs("jsonschema", present: jsonschema) }

    /// The reason shown where the contract tests are skipped.
    public static let jsonschemaSkipped =
        "skipped: Python's jsonschema is missing (pip install openapi-spec-validator, or run bash .ci/run); set PACTA_TEST_REQUIRE=jsonschema to make its absence a failure"
}

extension Requirements {
    /// `xmllint`'s path (Debian's `libxml2-utils`), where installed: the Akoma Ntoso tests validate with it.
    public static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the tests that validate XML against a schema run.
    public static var xmllintTestsRun: Bool { runs("xmllint", present: xmllint != nil) }

    /// The reason shown where they are skipped.
    public static let xmllintSkipped =
        "skipped: xmllint is missing (apt-get install libxml2-utils, or run bash .ci/run); set PACTA_TEST_REQUIRE=xmllint to make its absence a failure"

    /// Graphviz's `dot` (Debian's `graphviz`), where installed: the pictures are laid out with it.
    public static let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Whether the tests of the Graphviz layout run.
    public static var graphvizTestsRun: Bool { runs("graphviz", present: dot != nil) }

    /// The reason shown where the Graphviz tests are skipped.
    public static let graphvizSkipped =
        "skipped: Graphviz's dot is missing (apt-get install graphviz, or run bash .ci/run); set PACTA_TEST_REQUIRE=graphviz to make its absence a failure"
}

extension Requirements {
    /// Whether Python has `axe_selenium_python` (which ships axe-core) and `selenium`, and Chromium and
    /// ChromeDriver are installed: the accessibility check runs with them (`Scripts/axe-check.py`).
    public static let axe: Bool = {
        guard chromium != nil, chromedriver != nil else { return false }
        // Once per test run, before the tests that ask start.
        return (try? Program.runWaiting("/usr/bin/env", ["python3", "-c", "import axe_selenium_python, selenium"]))?
            .status == 0
    }()

    /// Whether the accessibility check runs.
    public static var axeTestsRun: Bool { runs("axe", present: axe) }

    /// The reason shown where it is skipped.
    public static let axeSkipped =
        "skipped: the accessibility check needs Chromium, ChromeDriver and Python's axe-selenium-python (pip install axe-selenium-python, or run bash .ci/run); set PACTA_TEST_REQUIRE=axe to make its absence a failure"
}

extension Requirements {
    /// The PostgreSQL cluster the tests may use (`PACTA_TEST_DATABASE_URL`, a role that may create databases and
    /// roles: `.ci/run` starts one with `Scripts/pg-throwaway.sh`), where set.
    public static let postgresURL: String? = ProcessInfo.processInfo.environment["PACTA_TEST_DATABASE_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the PostgreSQL tests run: the URL is set, or `PACTA_TEST_REQUIRE` names `postgres` (they then fail
    /// on the missing URL).
    public static var postgresTestsRun: Bool {
        runs("postgres", present: postgresURL != nil) || required.contains("postgresql")
    }

    /// The reason shown where the PostgreSQL tests are skipped.
    public static let postgresSkipped =
        "skipped: PACTA_TEST_DATABASE_URL is not set (eval \"$(Scripts/pg-throwaway.sh start)\" starts a throwaway PostgreSQL and sets it, or run bash .ci/run); set PACTA_TEST_REQUIRE=postgres to make its absence a failure"
}
