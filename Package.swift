// swift-tools-version:6.2
import PackageDescription

/// One settings array for every target (STYLE.md §1).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "pacta",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pacta", targets: ["pacta"]),
        .library(name: "PactaCore", targets: ["PactaCore"]),
        .library(name: "PactaFormats", targets: ["PactaFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Writes through the server: bearer tokens and sessions (hummingbird-auth), token digests (swift-crypto).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // The pages' templates: Mustache, escaping by default, from the Hummingbird project.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Already in Hummingbird's graph: the server answers the HTTP parser's errors itself (problem+json).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // The API from its contract: openapi.yaml to the server's types and protocol, served through Hummingbird.
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        // Tests only: property-based tests (the engine's fast and explained paths agree; the reader fuzzed).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // The shared record on PostgreSQL (`pacta serve --database`, `pacta db import/export`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Pure engines: model, dates, rule language, lifecycle. No I/O, no clock.
        .target(name: "PactaCore", swiftSettings: swiftSettings),
        // libyaml's event API from the system (Debian: libyaml-dev), which the treaty reader composes itself:
        // Yams exposes only its own composer, three times slower per event.
        .systemLibrary(
            name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // Treaty files (YAML/JSON) to the model, with located errors; JSON output shapes.
        .target(
            name: "PactaFormats",
            dependencies: [
                "PactaCore", "CLibYAML", .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Akoma Ntoso 3.0 (OASIS LegalDocML): a treaty's text as an `act` document, and back.
        .target(
            name: "PactaAKN",
            dependencies: [
                "PactaCore", .product(name: "XMLCoder", package: "XMLCoder"), .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // What the importers of other data sets share: a CSV table read whole, and a row refused with its place.
        .target(
            name: "PactaTables", dependencies: [.product(name: "CSV", package: "CSV.swift")],
            swiftSettings: swiftSettings),
        // Importers: other data sets (manydata) to treaty files that say where each fact came from.
        .target(
            name: "PactaImport",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaDesk", "PactaTables",
            ],
            swiftSettings: swiftSettings
        ),
        // Alliance data sets (COW Formal Alliances, ATOP) to treaty files, and the corpus compared with them.
        .target(
            name: "PactaDatasets",
            dependencies: ["PactaCore", "PactaFormats", "PactaTables"],
            swiftSettings: swiftSettings
        ),
        // The index as a protocol, with an in-memory back end for tests; incremental refresh by content hash.
        .target(name: "PactaStore", dependencies: ["PactaCore", "PactaFormats"], swiftSettings: swiftSettings),
        // The folder's watcher (`pacta watch`): inotify and a local socket, no other dependency.
        .target(name: "PactaMonitor", dependencies: ["PactaFormats", "PactaStore"], swiftSettings: swiftSettings),
        // The embedded default index: SQLite through GRDB.
        .target(
            name: "PactaSQLite",
            dependencies: ["PactaCore", "PactaStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The record on PostgreSQL: treaties, append-only events, users and tokens, the write log, full-text
        // search; several servers on one database. Only the `pacta` executable depends on it.
        .target(
            name: "PactaPostgres",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaStore", "PactaDesk",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The depositary's desk: acts recorded in treaty files (append-only, locked, durable), users and tokens.
        .target(
            name: "PactaDesk",
            dependencies: ["PactaCore", "PactaFormats", "PactaStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        // The questions Pacta answers, asked once for every front end (CLI, API, pages), over any store.
        .target(
            name: "PactaQuestions", dependencies: ["PactaCore", "PactaStore", "PactaDesk"], swiftSettings: swiftSettings),
        // HTTP API (JSON, OpenAPI) and web pages: a front end of the questions, over any store.
        .target(
            name: "PactaServer",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaStore", "PactaQuestions", "PactaDesk", "PactaMonitor",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("openapi.yaml"), .copy("Templates"), .copy("Assets")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The command-line tool.
        .executableTarget(
            name: "pacta",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaStore", "PactaSQLite", "PactaQuestions", "PactaServer", "PactaDesk",
                "PactaAKN", "PactaImport", "PactaDatasets", "PactaTables", "PactaPostgres", "PactaMonitor",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmark: generated corpus at the scale of the UN Treaty Series.
        .executableTarget(
            name: "PactaBenchmarks",
            dependencies: ["PactaCore", "PactaDesk", "PactaFormats", "PactaImport", "PactaTables"],
            path: "Benchmarks/PactaBenchmarks",
            swiftSettings: swiftSettings
        ),
        // Fixtures shared by the test targets (not a product).
        .target(
            name: "PactaTestSupport",
            dependencies: ["PactaCore", "PactaFormats", "PactaDesk"],
            path: "Tests/PactaTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaCoreTests",
            dependencies: [
                "PactaCore", "PactaTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PactaFormatsTests",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaTestSupport", .product(name: "CSV", package: "CSV.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures", "Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaAKNTests",
            dependencies: ["PactaCore", "PactaAKN", "PactaFormats", "PactaTestSupport"],
            exclude: ["Schemas"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaStoreTests",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaStore", "PactaSQLite", "PactaQuestions", "PactaMonitor", "PactaTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaQuestionsTests",
            dependencies: ["PactaCore", "PactaFormats", "PactaQuestions", "PactaStore", "PactaDesk", "PactaTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaServerTests",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaServer", "PactaStore", "PactaQuestions", "PactaDesk", "PactaTestSupport",
                // The write tests run on the PostgreSQL record too (where PACTA_TEST_DATABASE_URL is set).
                "PactaPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaPostgresTests",
            dependencies: [
                "PactaCore", "PactaFormats", "PactaStore", "PactaSQLite", "PactaDesk", "PactaPostgres",
                "PactaQuestions", "PactaServer", "PactaTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaDeskTests",
            dependencies: ["PactaCore", "PactaFormats", "PactaDesk", "PactaStore", "PactaTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaImportTests",
            dependencies: ["PactaCore", "PactaFormats", "PactaImport", "PactaTables", "PactaTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaDatasetsTests",
            dependencies: ["PactaCore", "PactaFormats", "PactaDatasets", "PactaTables", "PactaTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaCLITests",
            dependencies: ["pacta", "PactaTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
