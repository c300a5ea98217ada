// The whole library for a program that writes both formats: `import ArtExportKit`.
@_exported import ArtExportCore
@_exported import ArtExportEPUB
@_exported import ArtExportPDF

extension ExportOptions {
    /// Every writer artexport has.
    package static let allWriters: [any FormatWriter] = [EPUBExporter(), PDFExporter()]
}
