// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ipsec-console",
    products: [
        .executable(name: "ipsec-console", targets: ["ipsec-console"]),
        .library(name: "IPsecKit", targets: ["IPsecKit"]),
        .library(name: "DeviceSession", targets: ["DeviceSession"]),
        .library(name: "Lab", targets: ["Lab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Pure core: models, parsers, signature catalog, diagnosis. No I/O beyond reading its own bundled resources, no ncurses.
        .target(
            name: "IPsecKit",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/Signatures")]
        ),
        // I/O: transports (ssh, serial, telnet, lab), the CLI driver, safety rules, polling.
        .target(
            name: "DeviceSession",
            dependencies: ["IPsecKit", "CDeviceSupport"]
        ),
        // GNU system calls Swift's Glibc module does not export (ptys, spawn, peer credentials).
        .target(name: "CDeviceSupport"),
        // Simulated Cisco IOS and ASA devices: a pure, deterministic device model plus a thin terminal loop.
        .target(
            name: "Lab",
            dependencies: ["IPsecKit"]
        ),
        .executableTarget(
            name: "ipsec-console",
            dependencies: [
                "IPsecKit",
                "DeviceSession",
                "Lab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Samples")]
        ),
        .executableTarget(
            name: "ipsec-bench",
            dependencies: ["IPsecKit"],
            path: "Benchmarks/ipsec-bench"
        ),
        // Helpers shared by the test targets: finding the built program, running it with a time limit.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["TestSupport", "ipsec-console"]
        ),
        .testTarget(
            name: "IPsecKitTests",
            dependencies: ["IPsecKit", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LabTests",
            dependencies: ["Lab", "IPsecKit"]
        ),
        .testTarget(
            name: "DeviceSessionTests",
            dependencies: ["DeviceSession", "IPsecKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
