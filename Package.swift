// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "artexport",
    platforms: [.macOS(.v13)],
    products: [
        // For a program that writes EPUB only: no graphics library is linked.
        .library(name: "ArtExportEPUB", targets: ["ArtExportCore", "ArtExportEPUB"]),
        // Both writers.
        .library(name: "ArtExportKit", targets: ["ArtExportKit"]),
        // `artexport` links the EPUB writer only and hands a run that asks for a
        // PDF to `artexport-pdf`, installed beside it (docs/architecture.md).
        .executable(name: "artexport", targets: ["artexport"]),
        .executable(name: "artexport-pdf", targets: ["artexport-pdf"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // One shim per C library; Swift code reaches C only through these.
        // libzip is opened on first use, not linked (Sources/CZip/shim.h).
        .systemLibrary(name: "CZip", providers: [.apt(["libzip-dev"])]),
        // HarfBuzz's subsetter and fontconfig, for the fonts an EPUB embeds: opened on
        // first use too, so no pkg-config (its flags would link them; shim.h).
        .systemLibrary(name: "CHarfBuzzSubset", providers: [.apt(["libharfbuzz-dev", "libfontconfig-dev"])]),
        // OpenSSL's libcrypto for the outputs' SHA-256, opened on first use like libzip
        // (which brings it anyway): no pkg-config, whose flags would link it (shim.h).
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CGLib", pkgConfig: "glib-2.0", providers: [.apt(["libglib2.0-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo cairo-pdf", providers: [.apt(["libcairo2-dev"])]),
        // libhyphen ships no .pc file: the modulemap links it.
        // Page content the PDF/UA update rewrites (Sources/ArtExportPDF/Accessibility).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo pangoft2", providers: [.apt(["libpango1.0-dev"])]),
        // SVG images (librsvg) and GIF and WebP ones (gdk-pixbuf, which librsvg links) in PDF,
        // opened on first use too (shim.h). A C target, not a system library, so that its
        // folder is a header search path: librsvg/ and gdk-pixbuf/ there link to the system's
        // headers, which pkg-config would find only with flags that link the libraries.
        // Debian's librsvg2-dev and webp-pixbuf-loader (Makefile, DEBIAN_BUILD).
        .target(name: "CRsvg", dependencies: ["CGLib", "CCairo"], publicHeadersPath: "."),
        // The Markdown reader's parser; Debian's .pc links the extensions library too.
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // The pipeline: readers → Article → (theme) → writers. The core links one C
        // library, cmark-gfm (the Markdown reader), and Yams for YAML front matter;
        // it opens libcrypto when it has an output to hash.
        .target(
            name: "ArtExportCore",
            dependencies: ["CCmarkGFM", "CCrypto", .product(name: "Yams", package: "Yams")],
            // The generator of SimplifiedHan.swift (a test checks the two agree).
            exclude: ["Typography/simplified-han.py"],
            // The shipped themes are compiled in, so a lone binary has them all;
            // Resources/builtin-themes/ links to themes/NAME/theme.yaml, where editors find them.
            resources: [
                .embedInCode("Resources/builtin-themes/default.yaml"),
                .embedInCode("Resources/builtin-themes/book.yaml"),
                .embedInCode("Resources/builtin-themes/sans.yaml"),
                .embedInCode("Resources/builtin-themes/newsletter.yaml"),
                .embedInCode("Resources/builtin-themes/large-print.yaml"),
            ]
        ),
        .target(name: "ArtExportEPUB", dependencies: ["ArtExportCore", "CZip", "CHarfBuzzSubset"]),
        .target(name: "ArtExportPDF", dependencies: ["ArtExportCore", "CGLib", "CCairo", "CPangoCairo", "CHyphen", "CRsvg", "CZlib", "CDeflate"]),
        .target(name: "ArtExportKit", dependencies: ["ArtExportCore", "ArtExportEPUB", "ArtExportPDF"]),

        // The command line, shared by both executables; they differ in the writers they link.
        .target(
            name: "ArtExportCLI",
            dependencies: ["ArtExportCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // The man page's generator, from the parser's description of the command (`make install`).
            exclude: ["man-page.py"]
        ),
        .executableTarget(name: "artexport", dependencies: ["ArtExportCLI", "ArtExportEPUB"]),
        .executableTarget(name: "artexport-pdf", dependencies: ["ArtExportCLI", "ArtExportEPUB", "ArtExportPDF"]),
        // A newsletter system using the library without the command line (README, Library).
        .executableTarget(name: "newsroom-example", dependencies: ["ArtExportKit"], path: "Examples/Newsroom"),
        .executableTarget(
            name: "artexport-bench",
            // TestSupport: the generated articles the scale tests also use.
            dependencies: ["ArtExportKit", "TestSupport"],
            path: "bench/Sources/artexport-bench"
        ),
        // Shared by the test targets: paths, subprocesses, validators, word lists.
        .target(name: "TestSupport", dependencies: ["ArtExportCore", "ArtExportEPUB"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["ArtExportCore", "TestSupport"], path: "Tests/ModelTests"),
        .testTarget(name: "ReadingTests", dependencies: ["ArtExportCore", "TestSupport"], path: "Tests/ReadingTests"),
        .testTarget(name: "ThemeTests", dependencies: ["ArtExportCore", "TestSupport"], path: "Tests/ThemeTests"),
        .testTarget(name: "TypographyTests", dependencies: ["ArtExportCore", "TestSupport"], path: "Tests/TypographyTests"),
        .testTarget(
            name: "EPUBTests", dependencies: ["ArtExportCore", "ArtExportEPUB", "TestSupport"], path: "Tests/EPUBTests",
            exclude: ["Golden", "browser"]
        ),
        .testTarget(name: "PDFTests", dependencies: ["ArtExportCore", "ArtExportEPUB", "ArtExportPDF", "TestSupport"], path: "Tests/PDFTests"),
        .testTarget(name: "ExportTests", dependencies: ["ArtExportCore", "ArtExportEPUB", "ArtExportPDF", "TestSupport"], path: "Tests/ExportTests"),
        .testTarget(name: "KitTests", dependencies: ["ArtExportKit", "TestSupport"], path: "Tests/KitTests"),
        .testTarget(name: "CLITests", dependencies: ["ArtExportCore", "ArtExportEPUB", "ArtExportPDF", "TestSupport"], path: "Tests/CLITests"),
    ]
)
