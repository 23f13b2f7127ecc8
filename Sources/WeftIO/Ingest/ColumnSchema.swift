import WeftGraph
/// The columns an input file must or may have, with the header spellings each accepts, in
/// English, French, Spanish and Portuguese (docs/inputs.md, "Column headers").
///
/// Headers match ignoring case, accents and punctuation: `Event Type`, `event-type`,
/// `EVENT_TYPE` are one column, and so are `Date d'adhésion` and `date_d_adhesion`. A user's
/// `--columns canonical=Header` mapping (`ReadingOptions.columnMap`) is tried before the aliases.
struct ColumnSchema {
    struct Column {
        let name: String
        let aliases: [String]
        let required: Bool
    }

    let kind: FileSummary.Kind
    let columns: [Column]

    /// The header as matched: lower case, without accents, every run of characters other than
    /// letters and digits one `_`, none at either end.
    static func normalise(_ header: String) -> String {
        var h = header.trimmingCharacters(in: .whitespacesAndNewlines)
        if h.hasPrefix("\u{FEFF}") { h.removeFirst() }
        h = h.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var out = "", pendingSeparator = false
        for scalar in h.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSeparator && !out.isEmpty { out += "_" }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        return out
    }

    /// Maps a header row to column positions. Throws naming the first missing required column.
    /// `mapping` (canonical name → header, from `--columns`) is tried first; the extra columns
    /// whose header is a spelling of a member attribute (`Pays`, `Date d'adhésion`) take the
    /// attribute's canonical name (`country`, `joined`), listed in `renamed`.
    func resolve(header: [String], file: String, line: Int, mapping: [String: String] = [:])
        throws -> (positions: [String: Int], extra: [(name: String, position: Int)]) {
        let normalised = header.map(ColumnSchema.normalise)
        var positions: [String: Int] = [:]
        var claimed = Set<Int>()
        for column in columns {
            let spellings = (mapping[column.name].map { [ColumnSchema.normalise($0)] } ?? []) + [column.name] + column.aliases
            for alias in spellings {
                if let i = normalised.firstIndex(of: alias), !claimed.contains(i) {
                    positions[column.name] = i
                    claimed.insert(i)
                    break
                }
            }
        }
        for column in columns where column.required && positions[column.name] == nil {
            let accepted = ([column.name] + column.aliases.prefix(8)).joined(separator: ", ")
            throw InputError(file: file, line: line, column: nil,
                             message: "missing required column '\(column.name)' (accepted headers include: \(accepted), …; see docs/inputs.md, 'Column headers', or map yours with --columns \(column.name)=HEADER; found: \(header.joined(separator: ", ")))")
        }
        // Two headers that match alike are one column given twice; a header of punctuation alone
        // (`-`, `#`) is compared as written.
        var seen = Set<String>()
        for (i, name) in normalised.enumerated() {
            let written = header[i].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !written.isEmpty && written != "\u{FEFF}" else { continue }
            if !seen.insert(name.isEmpty ? "\u{0}" + written : name).inserted {
                throw InputError(file: file, line: line, column: i + 1, message: "duplicate column '\(header[i])'")
            }
        }
        // Unclaimed columns are kept as attributes; one without a header (a spreadsheet's index
        // column, say) is named column_N after its position. A spelling of a member attribute
        // takes its canonical name, unless the file has that column too.
        // The first spelling of an attribute takes its name; a second one keeps its own.
        var taken = Set(normalised)
        return (positions, header.indices.filter { !claimed.contains($0) }.map { i in
            let trimmedHeader = header[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmedHeader.isEmpty || trimmedHeader == "\u{FEFF}" { return ("column_\(i + 1)", i) }
            if kind == .members, let canonical = ColumnSchema.memberAttribute(normalised[i], mapping: mapping),
               canonical != normalised[i], taken.insert(canonical).inserted {
                return (canonical, i)
            }
            return (header[i], i)
        })
    }

    /// The canonical member attribute (`country`, `joined`, …) that normalised header `h` spells, if any.
    static func memberAttribute(_ h: String, mapping: [String: String]) -> String? {
        for column in memberAttributes {
            if let given = mapping[column.name], ColumnSchema.normalise(given) == h { return column.name }
        }
        return memberAttributes.first { $0.name == h || $0.aliases.contains(h) }?.name
    }

    /// Every canonical column name, for checking `--columns`.
    static var canonicalNames: Set<String> {
        Set(([members, interactions, attendance, survey, respondents].flatMap(\.columns) + memberAttributes).map(\.name))
    }

    /// Member attributes Weft reads by name (group analysis, membership dates), with the
    /// spellings that are renamed to them.
    static let memberAttributes: [Column] = [
        Column(name: "country", aliases: ["pays", "pais", "nation", "country_name"], required: false),
        Column(name: "organisation", aliases: ["organization", "org", "organisme", "institution", "organizacion", "organizacao", "entidad", "entidade", "employer"], required: false),
        Column(name: "role", aliases: ["fonction", "poste", "rol", "cargo", "funcao", "position", "job_title", "title"], required: false),
        Column(name: "cohort", aliases: ["cohorte", "coorte", "promotion", "promocion", "turma", "intake"], required: false),
        Column(name: "joined", aliases: ["joined_on", "join_date", "date_joined", "start_date", "member_since", "date_d_adhesion", "adhesion", "date_adhesion",
                                          "fecha_de_ingreso", "fecha_de_adhesion", "fecha_ingreso", "data_de_adesao", "data_adesao", "data_de_entrada"], required: false),
        Column(name: "left", aliases: ["left_on", "leave_date", "end_date", "date_left", "date_de_depart", "date_depart", "fecha_de_salida",
                                        "fecha_salida", "fecha_de_baja", "data_de_saida", "data_saida"], required: false),
    ]

    /// Member attributes that are dates, read as dates and kept as ISO 8601 text.
    static let memberDateColumns = ["joined", "left"]

    static let members = ColumnSchema(kind: .members, columns: [
        Column(name: "id", aliases: ["member", "member_id", "memberid", "identifier", "uid", "key", "identifiant", "id_membre", "membre", "identificador", "id_miembro", "miembro", "id_membro", "membro"], required: false),
        Column(name: "name", aliases: ["label", "full_name", "fullname", "display_name", "member_name", "nom", "nom_complet", "prenom_nom", "nombre", "nombre_completo", "nome", "nome_completo"], required: false),
        Column(name: "email", aliases: ["e_mail", "mail", "email_address", "courriel", "adresse_courriel", "adresse_e_mail", "correo", "correo_electronico", "correo_e", "email_endereco", "endereco_de_email", "endereco_de_e_mail"], required: false),
    ])

    static let interactions = ColumnSchema(kind: .interactions, columns: [
        Column(name: "source", aliases: ["from", "sender", "ego", "initiator", "src", "actor", "source_id", "expediteur", "de", "emetteur", "origen", "remitente", "origem", "remetente"], required: true),
        Column(name: "target", aliases: ["to", "recipient", "receiver", "alter", "dst", "target_id", "destinataire", "a", "cible", "destino", "destinatario", "para", "alvo"], required: true),
        Column(name: "timestamp", aliases: ["date", "datetime", "date_time", "time", "when", "created_at", "sent_at", "start", "date_heure", "horodatage", "heure", "fecha", "fecha_hora", "hora", "data", "data_hora"], required: true),
        Column(name: "weight", aliases: ["strength", "value", "count", "amount", "poids", "valeur", "peso", "valor", "cantidad", "quantidade"], required: false),
        Column(name: "type", aliases: ["interaction_type", "kind", "channel", "relation", "mode", "type_d_interaction", "canal", "tipo", "tipo_de_interaccion", "tipo_de_interacao"], required: false),
        Column(name: "directed", aliases: ["is_directed", "direction"], required: false),
    ])

    static let attendance = ColumnSchema(kind: .attendance, columns: [
        Column(name: "member", aliases: ["member_id", "attendee", "participant", "person", "id", "source", "membre", "personne", "participante", "miembro", "persona", "membro", "pessoa"], required: true),
        Column(name: "event", aliases: ["event_id", "session", "activity", "meeting", "target", "evenement", "activite", "reunion", "seance", "evento", "actividad", "sesion", "atividade", "reuniao", "sessao"], required: true),
        Column(name: "date", aliases: ["event_date", "timestamp", "start", "start_date", "datetime", "date_de_l_evenement", "fecha", "fecha_del_evento", "data", "data_do_evento"], required: true),
        Column(name: "role", aliases: ["participation_role", "attendance_role", "rol", "papel", "funcao", "fonction"], required: false),
        Column(name: "topic", aliases: ["theme", "subject", "track", "sujet", "thematique", "tema", "asunto", "assunto"], required: false),
        Column(name: "event_type", aliases: ["type", "format", "kind", "modality"], required: false),
    ])

    static let survey = ColumnSchema(kind: .survey, columns: [
        Column(name: "respondent", aliases: ["ego", "respondent_id", "rater", "source", "from"], required: true),
        Column(name: "alter", aliases: ["nominee", "named", "alter_id", "target", "to"], required: true),
        Column(name: "relation", aliases: ["question", "type", "network", "layer"], required: true),
        Column(name: "value", aliases: ["weight", "strength", "score"], required: false),
        Column(name: "wave", aliases: ["survey_wave", "round", "period"], required: false),
    ])

    static let respondents = ColumnSchema(kind: .respondents, columns: [
        Column(name: "respondent", aliases: ["member", "member_id", "id", "ego"], required: true),
        Column(name: "wave", aliases: ["survey_wave", "round", "period"], required: false),
        Column(name: "wave_date", aliases: ["opened", "wave_opened", "survey_date"], required: false),
    ])
}

import Foundation
