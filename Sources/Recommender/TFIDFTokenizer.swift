/// scikit-learn's `TfidfVectorizer()` tokenisation, to the letter: Python `str.lower`, then the
/// maximal runs of ≥ 2 word characters (regex `(?u)\b\w\w+\b`).
///
/// Why by hand: the evaluation reproduces the reference's tf-idf exactly, so a token must split
/// where Python's `re` splits — a word character is `_` or a Unicode letter (categories L*) or
/// number (any numeric type), judged per code point as Python does, so `Children's` gives
/// `children` (the lone `s` is dropped) and `Sci-Fi` gives `sci`, `fi`.
public enum TFIDFTokenizer {
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.count >= 2 { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().unicodeScalars {
            if isWordCharacter(scalar) {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Python's `\w` on str patterns: `_` or `str.isalnum()` of the code point.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }
}
