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
    ],
    targets: [
        // Pure engines: model, dates, rule language, lifecycle. No I/O, no clock.
        .target(name: "PactaCore", swiftSettings: swiftSettings),
        // Treaty files (YAML/JSON) to the model, with located errors; JSON output shapes.
        .target(
            name: "PactaFormats",
            dependencies: [
                "PactaCore", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command-line tool.
        .executableTarget(
            name: "pacta",
            dependencies: [
                "PactaCore", "PactaFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmark: generated corpus at the scale of the UN Treaty Series.
        .executableTarget(
            name: "PactaBenchmarks",
            dependencies: ["PactaCore", "PactaFormats"],
            path: "Benchmarks/PactaBenchmarks",
            swiftSettings: swiftSettings
        ),
        // Fixtures shared by the test targets (not a product).
        .target(
            name: "PactaTestSupport",
            dependencies: ["PactaCore", "PactaFormats"],
            path: "Tests/PactaTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaCoreTests", dependencies: ["PactaCore", "PactaTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PactaFormatsTests",
            dependencies: ["PactaCore", "PactaFormats", "PactaTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PactaCLITests",
            dependencies: ["pacta", "PactaTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
