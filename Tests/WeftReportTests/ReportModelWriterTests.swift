import Foundation
import Testing
import WeftAnalysis
import WeftGraph
import WeftIO
@testable import WeftReport

/// A report model built by hand — four members, two ties, one period, one segment snapshot — with
/// no analysis run, rendered by every writer that takes only the model. Each check reads a value
/// the model was given, so a writer that computed its own figure (or dropped one) fails here.
struct ReportModelWriterTests {
    /// 2024-01-10T10:00:00Z and 2024-02-10T10:00:00Z.
    static let january: Int64 = 1_704_880_800, february: Int64 = 1_707_559_200

    static func handModel(map: NetworkMap? = nil, page: PageFigures? = nil) throws -> ReportModel {
        let report = try ReportWriters.decoder.decode(Report.self, from: Data(handReportJSON.utf8))
        var log = InteractionLog()
        try log.append(source: 0, target: 1, time: january, weight: 2)
        try log.append(source: 1, target: 2, time: february, weight: 1)
        let graph = GraphBuilder().build(log, nodeCount: 4)
        var attributes = AttributeColumns()
        let country = attributes.addColumn("country")
        for value in ["Kenya", "Kenya", "Peru", ""] { attributes.append(value, toColumn: country) }
        let nodes = NodeTable(ids: IdentifierRegistry(["a", "b", "c", "d"]), names: ["Ann", "Bo & <Co>", "Cy", ""], attributes: attributes)
        let members: [MemberRow] = (0..<4).map { v in
            var row = MemberRow(name: nodes.names[v], active: v < 3, inDegree: [0, 1, 1, 0][v], outDegree: [1, 1, 0, 0][v],
                                degree: [1, 2, 1, 0][v], neighbours: [1, 2, 1, 0][v],
                                inStrength: [0, 2, 1, 0][v], outStrength: [2, 1, 0, 0][v], strength: [2, 3, 1, 0][v],
                                betweenness: v == 1 ? 1 : 0, betweennessNormalized: v == 1 ? 0.1666 : 0,
                                closeness: 0.25 * Double(v), closenessOut: 0, harmonic: 0.5, eigenvector: 0.125, pagerank: 0.3125,
                                katz: 0.0625, hub: 0.5, authority: 0.5, clustering: 0, clusteringWeighted: 0,
                                coreNumber: v == 3 ? 0 : 1, reach2: [2, 2, 2, 0][v], isolate: v == 3,
                                weakComponent: v == 3 ? 1 : 0, strongComponent: v)
            row.community = v == 3 ? 2 : 1
            row.eiIndex = v == 1 ? 0 : nil
            row.firstActivity = v < 3 ? january : nil
            return row
        }
        let timeline = [TimelineRow(periodStart: january - 36_000 - 9 * 86_400, periodEnd: february + 4 * 86_400, activeMembers: 3, ties: 2,
                                    density: 0.1667, averageDegree: 0.5, reciprocity: 0, transitivity: 0, components: 2,
                                    largestComponentShare: 0.75, tiesNew: 2, tiesKept: 0, tiesDropped: 0, turnover: nil,
                                    changes: TieChange.counted.map { $0 == .new ? 2 : 0 }, membersNew: 3, membersReturning: 0,
                                    retention: nil, eiIndex: -0.5)]
        let ties = [TieRow(source: "a", target: "b", records: 1, firstRecord: january, lastRecord: january, types: "message",
                           multiplex: false, reciprocated: false, strength: 1.75, peakStrength: 2, peakPeriod: january,
                           change: "new", overlap: 0, sharedNeighbours: 0, bridging: true)]
        let segments = [SegmentRow(member: "a", segment: "crew", rule: "messages >= 1", reasons: "1 message", nextStep: "keep going",
                                   cluster: 1, previousSegment: nil, movement: nil, history: "crew", clusterSegment: "crew", label: nil,
                                   features: EngagementFeature.allCases.indices.map { Double($0) })]
        let transitions = [TransitionRow(fromWindowEnd: "2024-01-31", toWindowEnd: "2024-02-29", fromSegment: "passenger",
                                         toSegment: "crew", members: 1, movement: "up")]
        let communities = [StructureAnalysis.CommunityRow(community: 1, size: 3, tiesInside: 2, weightInside: 3, tiesOutside: 0,
                                                          strength: 6, modularityContribution: 0.25, topGroup: "Kenya", topGroupShare: 0.6667)]
        let rejects = [Reject(file: "interactions.csv", line: 4, column: 2, field: "target", value: "zed\u{0}", reason: "unknown member 'zed'")]
        return ReportModel(report: report, nodes: nodes, graph: graph, members: RowList(members), timeline: timeline,
                           ties: RowStream(ties), segmentRows: RowList(segments), transitions: transitions, communities: communities,
                           memberSegments: .init(names: ["crew", "passenger"], segment: [0, 1, 1, 1]),
                           tieSpells: .init(runs: { $0 == 0 ? [0...0] : [] }, start: ["2024-01-01"], lastDay: ["2024-02-29"]),
                           rejects: rejects, pseudonymised: false, map: map, page: page)
    }

    /// report.html's figures by hand: values no analysis of the hand model would give, so that a
    /// page that computed its own would show something else.
    static func handPage() throws -> (NetworkMap, PageFigures) {
        let map = NetworkMap(members: [0, 1, 2, 3], x: [10, 60, 110, 160], y: [10, 60, 10, 60], width: 200, height: 100,
                             position: [0, 1, 2, 3], methods: [.stress], subset: nil)
        let periods = try Periods(starts: [january - 36_000 - 9 * 86_400, february - 36_000 - 9 * 86_400],
                                  ends: [february - 36_000 - 9 * 86_400, february + 4 * 86_400])
        let country = try NodeGroups(group: [0, 0, 1, -1], labels: ["Kenya", "Peru"])
        let mixing = [EIIndex(externalTies: 7, internalTies: 5, externalWeight: 7, internalWeight: 5),
                      EIIndex(externalTies: 3, internalTies: 0, externalWeight: 3, internalWeight: 0)]
        let figures = PageFigures(
            connections: [41, 42, 43, 44], betweenness: [0.0123, 0.9876, 0.5555, 0],
            structure: .init(isCore: [false, true, false, false], coreness: [0.1, 0.9, 0.2, 0], constraint: [0.111, 0.222, 0.333, 0.444],
                             effectiveSize: [1.5, 2.5, 3.5, 4.5], brokerage: [0, 77, 5, 0],
                             primary: .init(attribute: "country", groups: country, mixing: mixing), groupAttributes: ["country"],
                             communities: try NodeGroups(group: [0, 0, 0, 1], labels: ["1", "2"])),
            time: .init(periods: periods, active: [true, false, true, true, false, true, false, false],
                        lastActivity: [january, february, february, nil],
                        drifting: [.init(member: 2, peak: 8.5, now: 1.25)], unit: "month", emptyPeriodsSkipped: 0),
            segments: .init(rules: [SegmentRule(segment: "crew", conditions: [SegmentCondition(.records, .atLeast, .value(99))])],
                            governanceColumn: "governance", rule: [0, -1, -1, -1], lastTransitions: [[1, 0], [1, 2]]),
            communityNumbers: nil, showsGroupLabels: true, windowLabels: Report.Window(),
            sizes: [1, 4, 2, 0],
            findings: Findings(members: 4, activeMembers: 3, connectedMembers: 3, largestComponent: 3, groupValues: 2, brokers: [1],
                               brokerShare: 0.75, drifting: [2], driftingMembers: [2], movementSpan: nil),
            mapTies: [0, 1, 1, 2], periodTies: [[0, 1], [1, 2]],
            settings: .init(network: .interactions, seed: 7, pseudonymise: false, groupAttributesGiven: true, skipEmptyPeriods: false,
                            timeZone: "UTC", fileNames: ["interactions.csv"], hasGovernanceColumn: false))
        return (map, figures)
    }

    private func written(_ write: (String) throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-model-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func reportJSONIsTheModelAndItsRows() throws {
        let model = try Self.handModel()
        let text = try written { try ReportWriters.writeReport(model, to: $0) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let network = try #require(json["network"] as? [String: Any])
        #expect(network["tie_count"] as? Int == 2 && network["average_neighbours"] as? Double == model.report.network.averageNeighbours)
        let members = try #require(json["members"] as? [[String: Any]])
        #expect(members.map { $0["id"] as? String } == ["a", "b", "c", "d"])
        #expect(members[1]["name"] as? String == "Bo & <Co>" && members[1]["betweenness_normalized"] as? Double == 0.1666)
        #expect(members[1]["ei_index"] as? Double == 0 && members[0]["ei_index"] is NSNull)
        #expect((members[2]["attributes"] as? [String: Any])?["country"] as? String == "Peru")
        #expect((members[3]["attributes"] as? [String: Any])?["country"] is NSNull)
        let ties = try #require(json["ties"] as? [[String: Any]])
        #expect(ties.count == 1 && ties[0]["decayed_strength"] as? Double == 1.75 && ties[0]["bridging"] as? Bool == true)
        let timeline = try #require(json["timeline"] as? [[String: Any]])
        #expect(timeline.count == 1 && timeline[0]["ei_index"] as? Double == -0.5)
        #expect((json["segment_members"] as? [[String: Any]])?.first?["next_step"] as? String == "keep going")
        // The model's Report round-trips: report.json without its streamed rows decodes to it.
        var object = json
        for key in ["timeline", "ties", "segment_members", "members"] { object[key] = nil }
        let again = try ReportWriters.decoder.decode(Report.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(again == model.report)
    }

    @Test func tablesAreTheModelsRows() throws {
        let model = try Self.handModel()
        let members = try written { try ReportWriters.writeMembers(model, to: $0) }.split(separator: "\n")
        #expect(members.count == 5)
        #expect(members[0].hasPrefix("id,name,active,in_degree,out_degree,degree,neighbours,") && members[0].hasSuffix(",country"))
        #expect(members[2].hasPrefix("b,Bo & <Co>,1,1,1,2,2,2,1,3,1,0.1666,0.25,"))
        #expect(members[4].hasPrefix("d,,0,0,0,0,0,") && members[4].hasSuffix(","))
        let communities = try written { try ReportWriters.writeCommunities(model, to: $0) }
        #expect(communities.contains("\n1,3,2,3,0,6,0.25,Kenya,0.6667\n"))
        let timeline = try written { try ReportWriters.writeTimeline(model, to: $0) }.split(separator: "\n")
        #expect(timeline.count == 2 && timeline[1].contains(",3,2,0.1667,0.5,0,0,2,0.75,2,0,0,") && timeline[1].hasSuffix(",-0.5"))
        let ties = try written { try ReportWriters.writeTies(model, to: $0) }.split(separator: "\n")
        #expect(ties.count == 2 && ties[1].hasPrefix("a,b,1,2024-01-10T10:00:00Z,2024-01-10T10:00:00Z,message,0,0,1.75,2,"))
        let segments = try written { try ReportWriters.writeSegments(model.segmentRows, to: $0) }.split(separator: "\n")
        #expect(segments.count == 2 && segments[1].hasPrefix("a,crew,messages >= 1,1 message,keep going,1,,,crew,crew,,0,1,2,"))
        let transitions = try written { try ReportWriters.writeTransitions(model.transitions, to: $0) }
        #expect(transitions.hasSuffix("\n2024-01-31,2024-02-29,passenger,crew,1,up\n"))
        let rejects = try written { try ReportWriters.writeRejects(model, to: $0) }
        #expect(rejects.hasSuffix("\ninteractions.csv,4,2,target,zed\\u{0},unknown member 'zed'\n"))
        let summary = try written { try ReportWriters.writeJSON(Report.SummaryDocument(model.report), to: $0) }
        #expect(summary.contains("\"average_connections\" : 1,"))
    }

    @Test func networkFilesCarryTheModelsNodesAndTies() throws {
        let model = try Self.handModel()
        let graphml = try written { try GraphMLWriter.write(model, to: $0) }
        #expect(graphml.contains("<node id=\"b\"><data key=\"label\">Bo &amp; &lt;Co&gt;</data>"))
        #expect(graphml.contains("<node id=\"d\"><data key=\"label\">d</data>"))
        #expect(graphml.contains("<edge source=\"a\" target=\"b\"><data key=\"e0\">2</data><data key=\"e1\">1</data><data key=\"e2\">2024-01-10T10:00:00Z</data>"))
        #expect(graphml.contains("attr.name=\"segment\"") && graphml.contains(">passenger</data>"))
        let gexf = try written { try GEXFWriter.write(model, to: $0) }
        #expect(gexf.contains("mode=\"dynamic\"") && gexf.contains("<node id=\"a\" label=\"Ann\" start=\"2024-01-10\">"))
        #expect(gexf.contains("<spells><spell start=\"2024-01-01\" end=\"2024-02-29\"/></spells></edge>"))
        #expect(gexf.contains("<edge id=\"1\" source=\"b\" target=\"c\" weight=\"1\">") && gexf.contains("<spells></spells>"))
        let nodeLink = try written { try NodeLinkWriter.write(model, to: $0) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(nodeLink.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["label"] as? String } == ["Ann", "Bo & <Co>", "Cy", "d"])
        #expect(nodes[3]["community"] as? Int == 2 && nodes[0]["segment"] as? String == "crew" && nodes[0]["x"] is NSNull)
        #expect((nodes[1]["measures"] as? [String: Any])?["pagerank"] as? Double == 0.3125)
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.count == 2 && links[0]["weight"] as? Double == 2 && links[1]["first_record"] as? String == "2024-02-10T10:00:00Z")
    }

    @Test func terminalSummaryStatesTheModelsFigures() throws {
        let model = try Self.handModel()
        let summary = TerminalSummary(model)
        #expect(summary.inputLines == ["rows read \(model.report.rows.read) = accepted \(model.report.rows.accepted) + rejected \(model.report.rows.rejected)"])
        let figures = summary.figureLines
        // "average connections" is the report's summary figure (average_connections), the same the
        // page's card shows.
        #expect(figures[0] == "members 4 (active \(model.report.membership.active)), ties 2, density \(String(format: "%.4f", model.report.network.density)), average connections 1.0000")
        #expect(figures.contains { $0.hasPrefix("groups by country: ") })
    }

    @Test func pageShowsTheModelsFigures() throws {
        let (map, page) = try Self.handPage()
        let model = try Self.handModel(map: map, page: page)
        let html = HTMLReport(model: model, extras: HTMLReport.Extras(model: model)).render()
        // The brokers table: the hand-given betweenness, connections, constraint, effective size
        // and brokerage, Bo (escaped) first.
        let brokers = try #require(html.range(of: "id=\"brokers\"")).upperBound
        let table = String(html[brokers...].prefix(4000))
        #expect(table.contains("Bo &amp; &lt;Co&gt;"))
        for cell in ["0.9876", "42", "0.222", "2.50", "77", "0.5555", "0.333"] { #expect(table.contains(">\(cell)<"), "\(cell)") }
        #expect(table.range(of: "0.9876")!.lowerBound < table.range(of: "0.5555")!.lowerBound)
        // Drifting away: Cy, peak 8.5, now 1.25, last active in February.
        let drifting = String(html[try #require(html.range(of: "id=\"drifting\"")).upperBound...].prefix(3000))
        #expect(drifting.contains(">Cy<") && drifting.contains("8.5") && drifting.contains("1.25") && drifting.contains("2024"))
        // The groups table: the hand-given ties inside and outside per country.
        let groups = String(html[try #require(html.range(of: "id=\"groups\"")).upperBound...].prefix(3000))
        #expect(groups.contains(">Kenya<") && groups.contains(">5<") && groups.contains(">7<"))
        // The map explorer's data: connections, betweenness and brokerage per drawn member, the
        // segment rule that placed Ann, and each period's active members and ties.
        let data = String(html[try #require(html.range(of: "id=\"weft-map-data\"")).upperBound...].prefix(6000))
        #expect(data.contains("\"c\":42,\"b\":\"0.9876\",\"r\":77"))
        #expect(data.contains("\"active\":\"1100\",\"ties\":[0,1]") && data.contains("\"active\":\"0110\",\"ties\":[1,2]"))
        #expect(data.contains("\"why\":"))
        // The segment movement: the last transition matrix as given.
        let segments = String(html[try #require(html.range(of: "id=\"segments\"")).upperBound...].prefix(3000))
        #expect(segments.contains(">2<"))
        // The same model renders the same bytes.
        #expect(HTMLReport(model: model, extras: HTMLReport.Extras(model: model)).render() == html)
    }
}
