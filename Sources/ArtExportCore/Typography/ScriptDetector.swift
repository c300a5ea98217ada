/// Finds letters of scripts other than the ones the document's language uses.
package enum ScriptDetector {
    package enum Script: String, CaseIterable {
        case latin = "Latin", greek = "Greek", cyrillic = "Cyrillic", hebrew = "Hebrew", arabic = "Arabic"
        case devanagari = "Devanagari", thai = "Thai", han = "Han", kana = "Kana", hangul = "Hangul"
    }

    package static func script(of s: Unicode.Scalar) -> Script? {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F: return .cyrillic
        case 0x590...0x5FF, 0xFB1D...0xFB4F: return .hebrew
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x900...0x97F: return .devanagari
        case 0xE00...0xE7F: return .thai
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        // 々 〆 〇 are ideographs written with Han; the extensions hold rarer ideographs.
        case 0x3005...0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return .han
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .hangul
        default: return nil
        }
    }

    /// Ideographs and kana: scripts written without spaces between words, which
    /// may break between any two characters. (Korean puts spaces between words.)
    package static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    package static func native(_ language: LanguageTag) -> Set<Script> {
        switch language.primary {
        case "el": return [.greek]
        case "ru", "uk", "bg", "sr", "mk", "be", "kk": return [.cyrillic, .latin]
        case "he", "yi": return [.hebrew]
        case "ar", "fa", "ur", "ps": return [.arabic]
        case "hi", "mr", "ne": return [.devanagari]
        case "th": return [.thai]
        case "zh": return [.han]
        case "ja": return [.han, .kana]
        case "ko": return [.hangul, .han]
        default: return [.latin]
        }
    }
}
