// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "artexport",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ArtExportKit", targets: ["ArtExportKit"]),
        .executable(name: "artexport", targets: ["artexport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // One shim per C library; Swift code reaches C only through these.
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CGLib", pkgConfig: "glib-2.0", providers: [.apt(["libglib2.0-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo cairo-pdf", providers: [.apt(["libcairo2-dev"])]),
        // libhyphen ships no .pc file: the modulemap links it.
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo pangoft2", providers: [.apt(["libpango1.0-dev"])]),
        .target(
            name: "ArtExportKit",
            dependencies: ["CZip", "CGLib", "CCairo", "CPangoCairo", "CHyphen"],
            // The generator of SimplifiedHan.swift (a test checks the two agree); themes
            // other than the built-in one are read from disk.
            exclude: ["Typography/simplified-han.py", "Resources/themes/letter"],
            // themes/ lives at the top level for editors; the symlink lets the
            // default theme be compiled into the library.
            resources: [
                .embedInCode("Resources/themes/default/epub.css"),
                .embedInCode("Resources/themes/default/pdf.theme"),
            ]
        ),
        .executableTarget(
            name: "artexport",
            dependencies: [
                "ArtExportKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "artexport-bench",
            dependencies: ["ArtExportKit"],
            path: "bench/Sources/artexport-bench"
        ),
        // Shared by the test targets: paths, subprocesses, validators, word lists.
        .target(name: "TestSupport", dependencies: ["ArtExportKit"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/ModelTests"),
        .testTarget(name: "ReadingTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/ReadingTests"),
        .testTarget(name: "TypographyTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/TypographyTests"),
        .testTarget(
            name: "EPUBTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/EPUBTests",
            exclude: ["Golden", "browser"]
        ),
        .testTarget(name: "PDFTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/PDFTests"),
        .testTarget(name: "ExportTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/ExportTests"),
        .testTarget(name: "CLITests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/CLITests"),
    ]
)
