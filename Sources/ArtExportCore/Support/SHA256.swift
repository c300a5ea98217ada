import CCrypto

/// SHA-256 by OpenSSL's libcrypto, opened on first use (Sources/CCrypto/shim.h):
/// the run report names every output by its digest, and a hand-written hash
/// would be one more thing to trust.
package enum SHA256 {
    /// The digest as 64 lower-case hex digits, as `sha256sum` prints it.
    package static func hex(_ bytes: [UInt8]) throws(ExportError) -> String {
        if let why = cr_open() {
            throw ExportError(.unavailable, "libcrypto could not be loaded (apt-get install libssl3): \(String(cString: why))")
        }
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { data in
            digest.withUnsafeMutableBufferPointer { cr_sha256(data.baseAddress, data.count, $0.baseAddress!) }
        }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }
}
