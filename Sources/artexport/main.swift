import ArtExportCLI
import ArtExportEPUB
#if canImport(Glibc)
import Glibc

// libzip sets up and frees ~300 KB of zlib state for every entry of every EPUB, and glibc
// hands memory that size back to the kernel at each free (munmap, or brk trimming the
// heap), so each entry faulted in fresh zeroed pages: a third of an EPUB batch's CPU time
// was system time. Freed memory up to 8 MiB is now kept for reuse (batch of 200: 1.05 →
// 0.87 s CPU, peak +0.5 MB). Not in artexport-pdf: measured there, it cost more than it saved.
// mallopt is declared in <malloc.h>, which no module here imports: looked up instead.
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {   // RTLD_DEFAULT
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-3, 1 << 20)   // M_MMAP_THRESHOLD
    _ = mallopt(-1, 8 << 20)   // M_TRIM_THRESHOLD
}
#endif

// EPUB only: a PDF run is handed to artexport-pdf, so this binary maps no graphics library.
CommandLineTool.main(writers: [EPUBExporter()], delegate: "artexport-pdf")
