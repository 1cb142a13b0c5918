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
            resources: [.copy("Resources/Signatures"), .copy("Resources/Walkthroughs")]
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
        // Pure console: state, messages, update(), view() into an in-memory Screen; widgets; themes; key table.
        .target(
            name: "ConsoleUI",
            dependencies: ["IPsecKit", .product(name: "Yams", package: "Yams")]
        ),
        // ncursesw as a Swift module: macros and globals wrapped in shim.h. No pkgConfig:
        // Debian's ncursesw.pc adds -D_DEFAULT_SOURCE/-D_XOPEN_SOURCE, which SwiftPM rejects
        // with a warning; the headers are in the default path and shim.h defines what it needs.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The only module that talks to the terminal: paints Screen diffs, reads keys.
        .target(
            name: "CursesTerminal",
            dependencies: ["ConsoleUI", "CNcursesw"]
        ),
        .executableTarget(
            name: "ipsec-console",
            dependencies: [
                "IPsecKit",
                "DeviceSession",
                "Lab",
                "ConsoleUI",
                "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Samples")]
        ),
        .executableTarget(
            name: "ipsec-bench",
            dependencies: ["IPsecKit", "ConsoleUI", "TestSupport"],
            path: "Benchmarks/ipsec-bench"
        ),
        // Helpers shared by the test targets and the benchmarks: finding the built program, running
        // it with a time limit, child processes, a private sshd on 127.0.0.1.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["TestSupport", "ipsec-console", "DeviceSession", "ConsoleUI", "IPsecKit"]
        ),
        .testTarget(
            name: "IPsecKitTests",
            dependencies: ["IPsecKit", "Lab", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LabTests",
            dependencies: ["Lab", "IPsecKit", "TestSupport"]
        ),
        .testTarget(
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "IPsecKit"],
            exclude: ["Snapshots"]
        ),
        // Runs the built ipsec-console in a private tmux server (needs tmux).
        .testTarget(
            name: "ConsoleE2ETests",
            dependencies: ["TestSupport"],
            exclude: ["Fixtures"]
        ),
        // Walkthroughs: the pure decision trees, and the headless command against the lab.
        .testTarget(
            name: "WalkthroughTests",
            dependencies: ["IPsecKit", "DeviceSession", "TestSupport"]
        ),
        .testTarget(
            name: "DeviceSessionTests",
            dependencies: ["DeviceSession", "IPsecKit", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
