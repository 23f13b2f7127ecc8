import Testing
@testable import WeftAnalysis
import WeftGraph

/// A caller's bad argument to a measure is an `ArgumentError` naming the function, the parameter
/// and the value, not a trap.
@Suite struct MeasureArgumentTests {
    let path = makeGraph(3, [(0, 1), (1, 2)])

    @Test func groupsMustFitTheGraph() throws {
        #expect(throws: ArgumentError("NodeGroups", "group", "must hold codes from -1 to 1 (got 2 at node 1)")) {
            try NodeGroups(group: [0, 2, -1], labels: ["A", "B"])
        }
        #expect(throws: ArgumentError("NodeGroups", "group", "must hold codes from -1 to 1 (got -2 at node 0)")) {
            try NodeGroups(group: [-2, 0, 1], labels: ["A", "B"])
        }
        let two = try NodeGroups(group: [0, 1], labels: ["A", "B"])
        #expect(throws: ArgumentError("GroupMixing", "groups", "must hold one code per node (got 2 for 3)")) {
            try GroupMixing(path, groups: two)
        }
        #expect(throws: ArgumentError("BrokerageRoles", "groups", "must hold one code per node (got 2 for 3)")) {
            try BrokerageRoles(path, groups: two)
        }
        #expect(throws: ArgumentError("DiscreteCorePeriphery", "isCore", "must hold one label per node (got 1 for 3)")) {
            try DiscreteCorePeriphery(path, isCore: [true])
        }
        // The valid forms still work.
        #expect(try GroupMixing(path, groups: NodeGroups(group: [0, 1, 1], labels: ["A", "B"])).groupCount == 2)
    }

    @Test func samplesNeedASource() throws {
        #expect(throws: ArgumentError("Betweenness", "sampleSources", "must be at least 1 (got 0)")) {
            try Betweenness(path, sampleSources: 0)
        }
        #expect(throws: ArgumentError("Closeness", "sampleSources", "must be at least 1 (got -3)")) {
            try Closeness(path, sampleSources: -3)
        }
        #expect(throws: ArgumentError("Betweenness.sampledWithCloseness", "sampleSources", "must be at least 1 (got 0)")) {
            try Betweenness.sampledWithCloseness(path, sampleSources: 0)
        }
        #expect(try Betweenness(path, sampleSources: 1).raw.count == 3)
    }

    @Test func engagementInputsMustAgree() throws {
        #expect(throws: ArgumentError("MemberFacts", "governance, joined, left", "must be of one length (got 2, 1 and 2)")) {
            try MemberFacts(governance: [false, true], joined: [nil], left: [nil, nil])
        }
        #expect(throws: ArgumentError("EngagementFeatures", "window", "must have an end")) {
            try EngagementFeatures(interactions: InteractionLog(), attendance: AttendanceLog(), facts: MemberFacts(count: 2),
                                   window: TimeWindow(start: nil, end: nil))
        }
    }
}
