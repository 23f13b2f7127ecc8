/// How numbers and dates are written in each report language: decimal and thousands separators,
/// the percent sign's spacing and month names, after the Unicode CLDR's data for en, fr, es and
/// pt (v44: `numbers/symbols`, `percentFormats`, `dateFormats/medium`). Written out here rather
/// than asked of the platform, so a report's bytes do not depend on the machine's ICU data.
///
/// English keeps ISO 8601 dates (2024-12-31), as Weft's other outputs do; the other languages
/// write "31 déc. 2024", "31 dic 2024", "31 de dez. de 2024".
struct ReportLocale: Sendable {
    let decimal: String
    let group: String
    /// Spanish groups only numbers of five digits or more (CLDR minimumGroupingDigits 2).
    let minimumGroupingDigits: Int
    /// Between the number and "%": none, or a no-break space.
    let percentSpace: String
    /// Abbreviated month names, January first; nil: ISO dates.
    let months: [String]?
    /// The medium date pattern's pieces: day, month, year joined by these.
    let dayMonth: String
    let monthYear: String

    static func of(_ language: ReportLanguage) -> ReportLocale {
        switch language {
        case .en: return ReportLocale(decimal: ".", group: ",", minimumGroupingDigits: 1, percentSpace: "", months: nil, dayMonth: "", monthYear: "")
        case .fr: return ReportLocale(decimal: ",", group: "\u{202F}", minimumGroupingDigits: 1, percentSpace: "\u{A0}",
                                      months: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
                                      dayMonth: " ", monthYear: " ")
        case .es: return ReportLocale(decimal: ",", group: ".", minimumGroupingDigits: 2, percentSpace: "\u{A0}",
                                      months: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
                                      dayMonth: " ", monthYear: " ")
        case .pt: return ReportLocale(decimal: ",", group: ".", minimumGroupingDigits: 1, percentSpace: "",
                                      months: ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
                                      dayMonth: " de ", monthYear: " de ")
        }
    }

    /// A number written with "." and no grouping (as `String(format:)` gives it) in this locale.
    func localise(_ plain: String) -> String {
        var sign = "", digits = Substring(plain)
        if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var grouped = whole
        if whole.count >= 4 && whole.count >= 3 + minimumGroupingDigits && whole.allSatisfy(\.isNumber) {
            grouped = ""
            for (i, c) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped += group }
                grouped.append(c)
            }
        }
        return sign + grouped + (parts.count > 1 ? decimal + parts[1] : "")
    }

    /// A date "YYYY-MM-DD…" (the first ten characters are read) in this locale; any other text unchanged.
    func date(_ iso: String) -> String {
        let c = Array(iso.prefix(10))
        guard c.count == 10, c[4] == "-", c[7] == "-", let year = Int(String(c[0..<4])), let month = Int(String(c[5..<7])),
              let day = Int(String(c[8..<10])), (1...12).contains(month) else { return iso }
        guard let months else { return String(c) }
        return "\(day)\(dayMonth)\(months[month - 1])\(monthYear)\(year)"
    }
}
