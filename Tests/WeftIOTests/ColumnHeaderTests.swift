import WeftGraph
import Foundation
import Testing
@testable import WeftIO

/// Headers in the languages networks work in, matched ignoring case, accents and punctuation,
/// and `--columns` for any other.
@Suite struct ColumnHeaderTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-headers-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func normalisingIgnoresCaseAccentsAndPunctuation() {
        #expect(ColumnSchema.normalise("Date d'adhésion") == "date_d_adhesion")
        #expect(ColumnSchema.normalise("  E-mail ") == "e_mail")
        #expect(ColumnSchema.normalise("ORGANIZAÇÃO") == "organizacao")
        #expect(ColumnSchema.normalise("\u{FEFF}Event Type") == "event_type")
        #expect(ColumnSchema.normalise("País") == "pais")
    }

    @Test(arguments: [
        ("Identifiant;Nom;Courriel;Pays;Organisme;Date d'adhésion;Date de départ", "fr"),
        ("Identificador,Nombre,Correo electrónico,País,Organización,Fecha de ingreso,Fecha de salida", "es"),
        ("Identificador,Nome,E-mail,País,Organização,Data de adesão,Data de saída", "pt"),
    ])
    func membersInFrenchSpanishAndPortuguese(header: String, language: String) throws {
        let d = header.contains(";") ? ";" : ","
        let path = try file(header + "\n" + ["m1", "Ana", "ana@x.org", "SN", "ENDA", "2023-01-15", ""].joined(separator: d) + "\n"
                            + ["m2", "Bo", "bo@x.org", "BR", "IPEA", "2023-02-01", "2024-06-30"].joined(separator: d) + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let dataset = try DatasetLoader().load(InputPaths(members: path))
        #expect(dataset.rowsRejected == 0, "\(language): \(dataset.rejects.map(\.message))")
        #expect(dataset.members.ids.identifiers == ["m1", "m2"], "\(language)")
        #expect(dataset.members.names == ["Ana", "Bo"], "\(language)")
        #expect(dataset.members.attributes.names == ["country", "organisation", "joined", "left"], "\(language)")
        #expect(dataset.files[0].dateColumns.map(\.column) == ["joined", "left"], "\(language)")
    }

    @Test func recordsInFrench() throws {
        let interactions = try file("Expéditeur;Destinataire;Date;Poids;Canal\nm1;m2;2024-03-01;2;courriel\n")
        let attendance = try file("Participant;Événement;Date;Rôle;Thème\nm1;e1;2024-03-05;intervenant;eau\n")
        defer { for p in [interactions, attendance] { try? FileManager.default.removeItem(atPath: p) } }
        let dataset = try DatasetLoader().load(InputPaths(interactions: interactions, attendance: attendance))
        #expect(dataset.rowsRejected == 0 && dataset.interactions.count == 1 && dataset.attendance.count == 1)
        #expect(dataset.interactions.weight[0] == 2)
    }

    @Test func columnsMapAnyOtherHeader() throws {
        let path = try file("Who,Whom,When\nm1,m2,2024-03-01\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InputError.self) { try DatasetLoader().load(InputPaths(interactions: path)) }
        var reading = ReadingOptions()
        reading.columnMap = ["source": "Who", "target": "whom", "timestamp": "WHEN"]
        let dataset = try DatasetLoader(reading: reading).load(InputPaths(interactions: path))
        #expect(dataset.interactions.count == 1)
        #expect(ReadingOptions.columnMapProblem(["sender": "Who"])?.contains("'sender' is not one of Weft's columns") == true)
        #expect(ReadingOptions.columnMapProblem(["joined": "Entry"]) == nil)
    }

    @Test func headersOfPunctuationAloneAreStillColumnsGivenOnce() throws {
        // Found by FuzzMembers: `-` normalises to nothing, and two of them became two attributes of one name.
        let twice = try file("id,-,#,-\nm1,a,b,c\n")
        let once = try file("id,-,#,%\nm1,a,b,c\n")
        defer { for p in [twice, once] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(throws: InputError.self) { try DatasetLoader().load(InputPaths(members: twice)) }
        #expect(try DatasetLoader().load(InputPaths(members: once)).members.attributes.names == ["-", "#", "%"])
    }

    @Test func twoSpellingsOfOneAttributeRenameOnlyTheFirst() throws {
        // Found by FuzzMembers: `fecha de adhesión` and `adhesión` both spell `joined`.
        let path = try file("id,fecha de adhesión,adhesión,Pays,country\nm1,2023-01-02,2023-01-03,SN,FR\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let names = try DatasetLoader().load(InputPaths(members: path)).members.attributes.names
        #expect(names == ["joined", "adhesión", "Pays", "country"])
    }

    @Test func aMissingColumnPointsToTheMapping() throws {
        let path = try file("Who,Whom,When\nm1,m2,2024-03-01\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try DatasetLoader().load(InputPaths(interactions: path))
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.message.contains("missing required column 'source'") && e.message.contains("--columns source=HEADER"))
        }
    }
}
