/// The world the samples live in: the countries of a health-policy learning network, their time
/// zones, naming traditions and institutions.

/// A broad region; country exchanges prefer visiting countries from the host's region.
enum Region: Sendable {
    case africa, asia, latinAmerica
}

/// One member country of the network.
struct Country: Sendable {
    var name: String
    /// Country-code top-level domain, used for organisation email domains.
    var code: String
    var region: Region
    /// Offset of local time from UTC in minutes (members message during local working hours).
    var utcOffsetMinutes: Int
    var names: NameCulture
    /// Relative size of the country's membership.
    var weight: Double
    /// The country's main public-health university or institute.
    var university: String
}

/// The 24 countries of the sample network: 12 in Africa, 7 in Asia, 5 in Latin America.
let sampleCountries: [Country] = [
    Country(name: "Kenya", code: "ke", region: .africa, utcOffsetMinutes: 180, names: .eastAfrican, weight: 1.6, university: "University of Nairobi"),
    Country(name: "Nigeria", code: "ng", region: .africa, utcOffsetMinutes: 60, names: .westAfrican, weight: 1.6, university: "University of Ibadan"),
    Country(name: "Ghana", code: "gh", region: .africa, utcOffsetMinutes: 0, names: .westAfrican, weight: 1.3, university: "University of Ghana"),
    Country(name: "Uganda", code: "ug", region: .africa, utcOffsetMinutes: 180, names: .eastAfrican, weight: 1.2, university: "Makerere University"),
    Country(name: "Tanzania", code: "tz", region: .africa, utcOffsetMinutes: 180, names: .eastAfrican, weight: 1.0, university: "Muhimbili University of Health and Allied Sciences"),
    Country(name: "Ethiopia", code: "et", region: .africa, utcOffsetMinutes: 180, names: .ethiopian, weight: 1.2, university: "Addis Ababa University"),
    Country(name: "Rwanda", code: "rw", region: .africa, utcOffsetMinutes: 120, names: .eastAfrican, weight: 0.8, university: "University of Rwanda"),
    Country(name: "Malawi", code: "mw", region: .africa, utcOffsetMinutes: 120, names: .southernAfrican, weight: 0.7, university: "Kamuzu University of Health Sciences"),
    Country(name: "Zambia", code: "zm", region: .africa, utcOffsetMinutes: 120, names: .southernAfrican, weight: 0.6, university: "University of Zambia"),
    Country(name: "South Africa", code: "za", region: .africa, utcOffsetMinutes: 120, names: .southernAfrican, weight: 1.0, university: "University of Cape Town"),
    Country(name: "Senegal", code: "sn", region: .africa, utcOffsetMinutes: 0, names: .francophone, weight: 0.7, university: "Université Cheikh Anta Diop"),
    Country(name: "Côte d'Ivoire", code: "ci", region: .africa, utcOffsetMinutes: 0, names: .francophone, weight: 0.6, university: "Université Félix Houphouët-Boigny"),
    Country(name: "India", code: "in", region: .asia, utcOffsetMinutes: 330, names: .southAsian, weight: 1.5, university: "Public Health Foundation of India"),
    Country(name: "Bangladesh", code: "bd", region: .asia, utcOffsetMinutes: 360, names: .bengali, weight: 0.9, university: "BRAC University"),
    Country(name: "Nepal", code: "np", region: .asia, utcOffsetMinutes: 345, names: .southAsian, weight: 0.7, university: "Tribhuvan University"),
    Country(name: "Indonesia", code: "id", region: .asia, utcOffsetMinutes: 420, names: .indonesian, weight: 1.3, university: "Universitas Indonesia"),
    Country(name: "Philippines", code: "ph", region: .asia, utcOffsetMinutes: 480, names: .filipino, weight: 1.1, university: "University of the Philippines Manila"),
    Country(name: "Viet Nam", code: "vn", region: .asia, utcOffsetMinutes: 420, names: .vietnamese, weight: 0.9, university: "Hanoi University of Public Health"),
    Country(name: "Cambodia", code: "kh", region: .asia, utcOffsetMinutes: 420, names: .khmer, weight: 0.5, university: "University of Health Sciences, Cambodia"),
    Country(name: "Mexico", code: "mx", region: .latinAmerica, utcOffsetMinutes: -360, names: .hispanic, weight: 1.0, university: "Instituto Nacional de Salud Pública"),
    Country(name: "Colombia", code: "co", region: .latinAmerica, utcOffsetMinutes: -300, names: .hispanic, weight: 0.8, university: "Universidad Nacional de Colombia"),
    Country(name: "Peru", code: "pe", region: .latinAmerica, utcOffsetMinutes: -300, names: .hispanic, weight: 0.7, university: "Universidad Peruana Cayetano Heredia"),
    Country(name: "Guatemala", code: "gt", region: .latinAmerica, utcOffsetMinutes: -360, names: .hispanic, weight: 0.5, university: "Universidad de San Carlos de Guatemala"),
    Country(name: "Brazil", code: "br", region: .latinAmerica, utcOffsetMinutes: -180, names: .brazilian, weight: 0.8, university: "Fundação Oswaldo Cruz"),
]

/// The learning topics of the network's events.
let sampleTopics: [String] = [
    "health financing", "primary health care", "digital health", "data use",
    "health workforce", "quality of care", "community health", "strategic purchasing",
]

/// What kind of institution a member works for.
enum OrganisationKind: Int, CaseIterable, Sendable {
    case ministryOfHealth, ministryOfFinance, insuranceAgency, publicHealthInstitute,
         university, regionalHealthOffice, ngo, whoOffice, secretariat

    /// The organisation's name in a country.
    func name(in country: Country, ngoIndex: Int = 0) -> String {
        switch self {
        case .ministryOfHealth: return "Ministry of Health, \(country.name)"
        case .ministryOfFinance: return "Ministry of Finance, \(country.name)"
        case .insuranceAgency: return "National Health Insurance Agency, \(country.name)"
        case .publicHealthInstitute: return "National Institute of Public Health, \(country.name)"
        case .university: return country.university
        case .regionalHealthOffice: return "Regional Health Directorate, \(country.name)"
        case .ngo: return "\(ngoNames[ngoIndex % ngoNames.count]) (\(country.name))"
        case .whoOffice: return "WHO Country Office, \(country.name)"
        case .secretariat: return "Learning Network Secretariat"
        }
    }

    /// The email domain of the organisation in a country.
    func emailDomain(in country: Country, ngoIndex: Int = 0) -> String {
        switch self {
        case .ministryOfHealth: return "health.go.\(country.code)"
        case .ministryOfFinance: return "finance.go.\(country.code)"
        case .insuranceAgency: return "nhia.\(country.code)"
        case .publicHealthInstitute: return "niph.\(country.code)"
        case .university: return initials(country.university) + ".edu.\(country.code)"
        case .regionalHealthOffice: return "rhd.health.go.\(country.code)"
        case .ngo: return initials(ngoNames[ngoIndex % ngoNames.count]) + ".org"
        case .whoOffice: return "who.int"
        case .secretariat: return "learningnetwork.org"
        }
    }
}

/// Fictional non-governmental organisations active in several countries.
let ngoNames: [String] = [
    "Health Equity Action Network", "Community Health Alliance", "Centre for Health Policy and Systems",
    "Primary Care Partners", "Data for Health Initiative", "Financing for Health Collaborative",
]

/// Lower-case initials of the capitalised words of a name ("University of Nairobi" → "un").
func initials(_ name: String) -> String {
    var out = ""
    for word in name.split(whereSeparator: { $0 == " " || $0 == "," }) {
        if let first = word.first, first.isUppercase { out += asciiHandle(String(first)) }
    }
    return out.isEmpty ? "org" : out
}
