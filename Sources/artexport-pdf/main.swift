import ArtExportCLI
import ArtExportEPUB
import ArtExportPDF

// Both writers: `artexport` execs this binary for every run that asks for a PDF.
CommandLineTool.main(writers: [EPUBExporter(), PDFExporter()], delegate: nil)
