import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// The files `weft export siena|statnet` writes: a survey layer's waves as the longitudinal
/// modelling tools read them, with an R script that loads them. See docs/survey.md "Export for RSiena
/// and statnet" and `SurveyPanel` for the codes.
public enum SurveyModelExport {
    public enum Tool: String, CaseIterable, Sendable {
        case siena, statnet
    }

    /// Writes the export into `folder`'s staging (each file added to its set; the caller
    /// publishes) and returns the names of the files written.
    public static func write(_ tool: Tool, panel: SurveyPanel, dataset: Dataset, into folder: OutputFolder) throws -> [String] {
        var written: [String] = []
        func path(_ name: String) throws -> String {
            try folder.add(name)
            written.append(name)
            return folder.stagingPath(for: name)
        }
        try writeWaves(panel, to: try path("waves.csv"))
        try writeEdges(panel, dataset: dataset, to: try path("edges.csv"))
        switch tool {
        case .siena:
            try writeActors(panel, dataset: dataset, to: try path("actors.csv"))
            for w in panel.waves.indices {
                try AtomicFileWriter.write(matrix(panel, wave: w, rows: Array(panel.actors.indices)), to: try path("network-w\(w + 1).txt"))
            }
            try AtomicFileWriter.write(composition(panel, dataset: dataset), to: try path("composition.txt"))
            let covariates = StructureAnalysis.groupAttributes(dataset.members.attributes, nodeCount: dataset.members.count, named: nil)
            if !covariates.isEmpty {
                try writeCovariates(covariates, panel: panel, to: try path("constant-covariates.csv"), codes: try path("covariate-codes.csv"))
            }
            if panel.waves.count > 1 { try AtomicFileWriter.write(tenure(panel, dataset: dataset), to: try path("tenure.txt")) }
            try AtomicFileWriter.write(SurveyModelScripts.siena(waves: panel.waves.count, covariates: covariates.map(\.name)), to: try path("load.R"))
        case .statnet:
            for w in panel.waves.indices {
                let rows = panel.actors.indices.filter { panel.waves[w].present[Int(panel.actors[$0])] }
                try AtomicFileWriter.write(matrix(panel, wave: w, rows: rows), to: try path("network-w\(w + 1).txt"))
                try writeVertices(panel, dataset: dataset, wave: w, rows: rows, to: try path("vertices-w\(w + 1).csv"))
            }
            try AtomicFileWriter.write(SurveyModelScripts.statnet, to: try path("load.R"))
        }
        return written
    }

    /// The code RSiena reads for an observation: 0, 1, NA (missing), 10 (structural zero).
    static func code(_ o: SurveyPanel.Observation) -> String {
        switch o {
        case .noTie: return "0"
        case .tie: return "1"
        case .missing: return "NA"
        case .absent: return "10"
        }
    }

    /// The wave's adjacency matrix over actor rows `rows`, space-separated, one line per row.
    static func matrix(_ panel: SurveyPanel, wave w: Int, rows: [Int]) -> String {
        var text = ""
        for i in rows {
            text += rows.map { code(panel.observation(wave: w, i, $0)) }.joined(separator: " ") + "\n"
        }
        return text
    }

    /// One line per actor: the times of their intervals of presence (RSiena's composition file).
    static func composition(_ panel: SurveyPanel, dataset: Dataset) -> String {
        let (joined, left) = dataset.members.membershipInstants
        return panel.actors.indices.map { i in
            let v = Int(panel.actors[i])
            return panel.presence(i, joined: joined[v], left: left[v]).map { format($0) }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    /// Years since joining at each wave but the last (RSiena's changing covariates have one
    /// column per period), NA when the joining day is unknown or the actor absent at the wave.
    static func tenure(_ panel: SurveyPanel, dataset: Dataset) -> String {
        let joined = dataset.members.membershipInstants.joined
        return panel.actors.map { v in
            panel.waves.dropLast().map { w -> String in
                guard w.present[Int(v)], let day = w.date, let start = joined[Int(v)] else { return "NA" }
                return format(Double(max(0, day - start)) / (365.25 * Double(Timestamp.secondsPerDay)))
            }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.4f", x)
    }

    static func writeWaves(_ panel: SurveyPanel, to path: String) throws {
        let table = try CSVTableWriter(path: path, header: ["wave", "label", "date", "members", "respondents"])
        for (k, w) in panel.waves.enumerated() {
            try table.writeRow([.integer(k + 1), .text(w.label), w.date.map { .plain(Timestamp.formatDate($0)) } ?? .empty,
                                .integer(w.presentCount), .integer(w.respondentCount)])
        }
        try table.commit()
    }

    /// Every nomination of the layer's relations between actors, as the survey gave it.
    static func writeEdges(_ panel: SurveyPanel, dataset: Dataset, to path: String) throws {
        let log = dataset.survey, ids = dataset.members.ids
        let codes = Set(panel.relations.compactMap { log.relations.index(of: $0).map(UInt16.init) })
        let table = try CSVTableWriter(path: path, header: ["respondent", "alter", "relation", "wave", "value", "alter_present"])
        for k in 0..<log.count where codes.contains(log.relation[k]) {
            try table.writeRow([.text(ids[log.respondent[k]]), .text(ids[log.alter[k]]), .text(log.relations[Int32(log.relation[k])]),
                                .text(log.waves[Int32(log.wave[k])]), .real(log.value[k]),
                                .flag(panel.waves[Int(log.wave[k])].present[Int(log.alter[k])])])
        }
        try table.commit()
    }

    static func writeActors(_ panel: SurveyPanel, dataset: Dataset, to path: String) throws {
        let header = ["row", "id"] + panel.waves.map { "responded_" + $0.label }
        let table = try CSVTableWriter(path: path, header: header)
        for (i, v) in panel.actors.enumerated() {
            try table.writeRow([.integer(i + 1), .text(dataset.members.ids[v])] + panel.waves.map { w in
                w.present[Int(v)] ? .flag(w.responded[Int(v)]) : .empty
            })
        }
        try table.commit()
    }

    /// The group attributes (`columns`, as `--group-by`'s default picks them) coded 1…K in label
    /// order, blank as NA, one row per actor; the codes' labels in `codes`.
    static func writeCovariates(_ columns: [AttributeColumns.Column], panel: SurveyPanel, to path: String, codes codesPath: String) throws {
        let labels = columns.map { c in Set(panel.actors.map { c.value(at: Int($0)) }).subtracting([""]).sorted() }
        let table = try CSVTableWriter(path: path, header: columns.map(\.name))
        for v in panel.actors {
            try table.writeRow(zip(columns, labels).map { c, l in
                l.firstIndex(of: c.value(at: Int(v))).map { .integer($0 + 1) } ?? .plain("NA")
            })
        }
        try table.commit()
        let codes = try CSVTableWriter(path: codesPath, header: ["attribute", "code", "label"])
        for (c, l) in zip(columns, labels) {
            for (k, label) in l.enumerated() { try codes.writeRow([.text(c.name), .integer(k + 1), .text(label)]) }
        }
        try codes.commit()
    }

    /// The wave's vertices in matrix row order: id, whether they answered, their attributes.
    static func writeVertices(_ panel: SurveyPanel, dataset: Dataset, wave w: Int, rows: [Int], to path: String) throws {
        let attributes = dataset.members.attributes.columns
        let table = try CSVTableWriter(path: path, header: ["id", "responded"] + attributes.map(\.name))
        for i in rows {
            let v = Int(panel.actors[i])
            try table.writeRow([.text(dataset.members.ids[Int32(v)]), .flag(panel.waves[w].responded[v])]
                               + attributes.map { .text($0.value(at: v)) })
        }
        try table.commit()
    }
}

/// The R scripts that load an export as it stands (run from the export folder).
enum SurveyModelScripts {
    static func siena(waves: Int, covariates: [String]) -> String {
        var r = """
        # Loads Weft's RSiena export (run from this folder). Codes: 0/1 ties, NA missing (the
        # sender did not answer the wave), 10 structural zero (not a member at the wave).
        library(RSiena)
        actors <- read.csv("actors.csv", stringsAsFactors = FALSE)
        waves <- read.csv("waves.csv", stringsAsFactors = FALSE)
        n <- nrow(actors)
        nets <- lapply(seq_len(nrow(waves)), function(k)
          as.matrix(read.table(sprintf("network-w%d.txt", k), na.strings = "NA")))
        survey <- sienaDependent(array(unlist(nets), dim = c(n, n, length(nets))))
        composition <- sienaCompositionChangeFromFile("composition.txt")

        """
        var objects = ["survey", "composition"]
        if !covariates.isEmpty { r += "constant <- read.csv(\"constant-covariates.csv\")\n" }
        for (k, name) in covariates.enumerated() {
            r += "cov\(k + 1) <- coCovar(as.numeric(constant[[\(k + 1)]]))   # \(name.replacingOccurrences(of: "\n", with: " ")), codes in covariate-codes.csv\n"
            objects.append("cov\(k + 1)")
        }
        if waves > 1 {
            r += "tenure <- varCovar(as.matrix(read.table(\"tenure.txt\", na.strings = \"NA\")))   # years since joining\n"
            objects.append("tenure")
        }
        r += "data <- sienaDataCreate(\(objects.joined(separator: ", ")))\nprint(data)\n"
        return r
    }

    static let statnet = """
        # Loads Weft's statnet export (run from this folder): one network object per wave over the
        # members at that wave; NA cells (the sender did not answer) become missing edges.
        library(network)
        waves <- read.csv("waves.csv", stringsAsFactors = FALSE)
        nets <- lapply(seq_len(nrow(waves)), function(k) {
          m <- unname(as.matrix(read.table(sprintf("network-w%d.txt", k), na.strings = "NA")))
          vertices <- read.csv(sprintf("vertices-w%d.csv", k), stringsAsFactors = FALSE, colClasses = "character")
          net <- network(m, directed = TRUE, matrix.type = "adjacency")
          network.vertex.names(net) <- vertices$id
          for (a in setdiff(names(vertices), "id")) set.vertex.attribute(net, a, vertices[[a]])
          net
        })
        names(nets) <- waves$label
        print(lapply(nets, function(net) c(edges = network.edgecount(net), missing = network.naedgecount(net))))

        """
}
