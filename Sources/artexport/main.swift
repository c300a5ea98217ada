import ArtExportCLI
import ArtExportEPUB

// EPUB only: a PDF run is handed to artexport-pdf, so this binary maps no graphics library.
CommandLineTool.main(writers: [EPUBExporter()], delegate: "artexport-pdf")
