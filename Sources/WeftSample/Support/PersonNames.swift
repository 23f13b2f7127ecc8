import WeftGraph

/// Naming traditions of the sample countries: pools of given and family names, and the order in
/// which they are written. Names are drawn from the pools; nobody in a sample is a real person.
enum NameCulture: Int, CaseIterable, Sendable {
    case eastAfrican, westAfrican, francophone, ethiopian, southernAfrican
    case southAsian, bengali, indonesian, filipino, vietnamese, khmer
    case hispanic, brazilian

    var givenNames: [String] {
        switch self {
        case .eastAfrican:
            return ["Wanjiru", "Otieno", "Achieng", "Kamau", "Nakato", "Mugisha", "Amani", "Neema", "Baraka", "Aisha",
                    "Joseph", "Grace", "Faith", "Daniel", "Esther", "Peter", "Mercy", "Juma", "Halima", "Emmanuel"]
        case .westAfrican:
            return ["Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Ifeoma", "Babatunde", "Yetunde", "Kwame", "Akosua", "Kofi",
                    "Ama", "Yaw", "Abena", "Emeka", "Funmilayo", "Ibrahim", "Hauwa", "Musa", "Efua", "Tunde"]
        case .francophone:
            return ["Aminata", "Mamadou", "Fatou", "Ousmane", "Awa", "Cheikh", "Mariama", "Ibrahima", "Aïssatou", "Moussa",
                    "Adjoua", "Kouassi", "Aya", "Rokhaya", "Serigne", "Hélène", "Aïcha", "Jean-Baptiste"]
        case .ethiopian:
            return ["Abebe", "Almaz", "Meseret", "Tesfaye", "Hiwot", "Dawit", "Selamawit", "Yonas", "Bethlehem", "Getachew",
                    "Mekdes", "Solomon", "Tigist", "Biruk"]
        case .southernAfrican:
            return ["Thandiwe", "Sipho", "Chikondi", "Mphatso", "Lindiwe", "Themba", "Mwila", "Chanda", "Naledi", "Kagiso",
                    "Zanele", "Tiyamike", "Bongani", "Precious", "Chisomo"]
        case .southAsian:
            return ["Priya", "Rahul", "Anjali", "Arjun", "Sunita", "Vikram", "Kavita", "Rohan", "Deepa", "Sanjay",
                    "Meera", "Anil", "Pooja", "Suresh", "Bikash", "Sarita", "Prakash", "Sushila"]
        case .bengali:
            return ["Farhana", "Rafiq", "Nusrat", "Tanvir", "Shirin", "Kamrul", "Sultana", "Imran", "Nasrin", "Arif",
                    "Rumana", "Shafiq"]
        case .indonesian:
            return ["Dewi", "Budi", "Siti", "Agus", "Rina", "Hendra", "Wulan", "Rizky", "Indah", "Fajar", "Ayu", "Dimas",
                    "Putri", "Eko"]
        case .filipino:
            return ["Maria", "Jose", "Ana", "Mark", "Kristine", "Paolo", "Angelica", "Miguel", "Joanna", "Carlo", "Liza",
                    "Ramon"]
        case .vietnamese:
            return ["Lan", "Minh", "Hương", "Tuấn", "Thảo", "Hùng", "Mai", "Dũng", "Linh", "Phương", "Quang", "Hà"]
        case .khmer:
            return ["Sokha", "Dara", "Sophea", "Vannak", "Chenda", "Rithy", "Bopha", "Sovann", "Kosal", "Sreymom"]
        case .hispanic:
            return ["María", "José", "Ana", "Carlos", "Lucía", "Juan", "Gabriela", "Luis", "Sofía", "Andrés", "Daniela",
                    "Miguel", "Camila", "Jorge", "Valentina", "Diego", "Paola", "Ricardo"]
        case .brazilian:
            return ["João", "Ana", "Lucas", "Mariana", "Pedro", "Juliana", "Gabriel", "Camila", "Rafael", "Beatriz",
                    "Felipe", "Larissa", "Thiago", "Fernanda"]
        }
    }

    var familyNames: [String] {
        switch self {
        case .eastAfrican:
            return ["Mwangi", "Odhiambo", "Kariuki", "Njoroge", "Ochieng", "Wafula", "Nabirye", "Okello", "Mushi", "Mollel",
                    "Uwimana", "Habimana", "Niyonzima", "Mutua", "Chebet", "Kiprono", "Nankya", "Ssempala", "Massawe", "Kimaro"]
        case .westAfrican:
            return ["Okafor", "Adeyemi", "Eze", "Bello", "Okonkwo", "Abubakar", "Olawale", "Nwosu", "Mensah", "Asante",
                    "Owusu", "Boateng", "Appiah", "Addo", "Danjuma", "Adebayo", "Osei", "Agyeman"]
        case .francophone:
            return ["Diop", "Ndiaye", "Fall", "Sow", "Ba", "Diallo", "Sarr", "Faye", "Gueye", "Koné", "Kouamé", "Traoré",
                    "Coulibaly", "Konan", "N'Guessan", "Bamba", "Touré"]
        case .ethiopian:
            return ["Bekele", "Tadesse", "Haile", "Girma", "Alemu", "Wolde", "Mengistu", "Kebede", "Tessema",
                    "Gebremedhin", "Assefa", "Desta"]
        case .southernAfrican:
            return ["Banda", "Phiri", "Mwale", "Chirwa", "Nkhoma", "Mulenga", "Zulu", "Ndlovu", "Dlamini", "Khumalo",
                    "Mokoena", "Mumba", "Tembo", "Nkosi", "Chilufya"]
        case .southAsian:
            return ["Sharma", "Patel", "Reddy", "Iyer", "Nair", "Gupta", "Singh", "Rao", "Das", "Mehta", "Shrestha",
                    "Thapa", "Gurung", "Adhikari", "Koirala", "Joshi", "Menon"]
        case .bengali:
            return ["Rahman", "Hossain", "Ahmed", "Islam", "Chowdhury", "Akter", "Begum", "Khan", "Uddin", "Alam",
                    "Sarker", "Haque"]
        case .indonesian:
            return ["Santoso", "Wijaya", "Kusuma", "Pratama", "Hidayat", "Saputra", "Nugroho", "Lestari", "Susanto",
                    "Rahmawati", "Setiawan", "Hartono"]
        case .filipino:
            return ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Aquino", "Villanueva",
                    "Ramos", "Castillo", "Torres"]
        case .vietnamese:
            return ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
        case .khmer:
            return ["Sok", "Chea", "Kim", "Meas", "Heng", "Pich", "Chan", "Ly", "Nhem", "Keo"]
        case .hispanic:
            return ["García", "Rodríguez", "Martínez", "López", "Hernández", "González", "Pérez", "Sánchez", "Ramírez",
                    "Torres", "Flores", "Rojas", "Vargas", "Castro", "Morales", "Quispe", "Mamani", "Gutiérrez"]
        case .brazilian:
            return ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira", "Almeida", "Carvalho",
                    "Ribeiro", "Gomes", "Araújo", "Barbosa"]
        }
    }

    /// Vietnamese and Khmer names are written family name first.
    var familyNameFirst: Bool {
        self == .vietnamese || self == .khmer
    }

    /// A person's full name and the `given.family` handle for their email address.
    func person(using random: inout SeededGenerator) -> (name: String, handle: String) {
        let table = nameTables[rawValue]
        let g = random.int(below: table.given.count)
        var f = random.int(below: table.family.count)
        var family = table.family[f]
        let familyHandle = table.familyHandles[f]
        // Spanish-speaking members often carry both surnames (the email uses the first).
        if self == .hispanic && random.chance(0.35) {
            f = random.int(below: table.family.count)
            if table.family[f] != family { family += " " + table.family[f] }
        }
        let name = familyNameFirst ? family + " " + table.given[g] : table.given[g] + " " + family
        return (name, table.givenHandles[g] + "." + familyHandle)
    }
}

/// A culture's name pools with their email handles worked out once ("Dela Cruz" → "delacruz",
/// "Nguyễn" → "nguyen"), so that drawing a name costs no string processing.
struct NameTable: Sendable {
    var given: [String]
    var family: [String]
    var givenHandles: [String]
    var familyHandles: [String]

    init(_ culture: NameCulture) {
        given = culture.givenNames
        family = culture.familyNames
        givenHandles = given.map(asciiHandle)
        familyHandles = family.map(asciiHandle)
    }
}

/// Name tables indexed by `NameCulture.rawValue`.
let nameTables: [NameTable] = NameCulture.allCases.map(NameTable.init)
