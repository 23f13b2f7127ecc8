import Foundation
import WeftGraph
/// Parses decimal numbers from CSV fields without allocating.
///
/// The common forms (`3`, `-2.5`, `0.125`) take a fast path that is exact: when the digits fit in
/// 15 significant digits and the fraction has at most 22 digits, both the integer mantissa and the
/// power of ten are exact doubles, and one IEEE division rounds correctly (Clinger 1990). Anything
/// else (exponents, long mantissas, `inf`, `nan`) goes through the standard library's parser.
public enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var v = 1.0
        for _ in 0..<exponent { v *= 10 }
        return v
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 { hi -= 1 }
        guard lo < hi else { return nil }
        var p = lo
        var negative = false
        if bytes[p] == UInt8(ascii: "-") || bytes[p] == UInt8(ascii: "+") {
            negative = bytes[p] == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        var digitCount = 0, fractionDigits = 0
        var seenPoint = false, anyDigit = false
        var fast = p < hi
        while p < hi {
            let c = bytes[p]
            if c >= 48 && c <= 57 {
                anyDigit = true
                if mantissa != 0 || c != 48 { digitCount += 1 }
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                if seenPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                fast = false
                break
            }
            p += 1
        }
        if fast && anyDigit && digitCount <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        let text = UTF8Text.decoded(UnsafeRawBufferPointer(rebasing: bytes[lo..<hi]))
        // Decimal notation only (no hexadecimal floats such as 0x1p4), plus the words for the
        // non-finite values so that they can be rejected with their own reason.
        let word = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        let decimal = text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 69 || $0 == 101 }
        guard decimal || ["nan", "inf", "infinity"].contains(word) else { return nil }
        return Double(text)
    }
}
