import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// Writes files into a fresh temporary folder.
struct TempFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

@Suite struct IngestTests {
    let members = "id,name,country\na,Ana,KE\nb,Bo,UG\nc,Cy,KE\n"

    @Test func memberDateColumnsReadAsInstants() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", """
            id,joined,left,since
            a,2024-01-05,,2023-01-01
            b,,2024-06-30T12:00:00+02:00,not a date
            c,2024-01-05,,2025-02-30

            """)
        let i = try folder.write("interactions.csv", "source,target,timestamp\na,d,2024-03-01\n")
        let d = try DatasetLoader().load(InputPaths(members: m, interactions: i))
        let jan5 = Timestamp.seconds(year: 2024, month: 1, day: 5)
        #expect(d.members.count == 4)   // d was added from the interactions, with no attributes
        #expect(d.members.membershipInstants.joined == [jan5, nil, jan5, nil])
        #expect(d.members.membershipInstants.left == [nil, Timestamp.seconds(year: 2024, month: 6, day: 30, hour: 10), nil, nil])
        #expect(d.members.instants(inColumn: "since") == [Timestamp.seconds(year: 2023, month: 1, day: 1), nil, nil, nil])
        #expect(d.members.instants(inColumn: "absent") == [nil, nil, nil, nil])
    }

    @Test func theFourClassicProblemsAreNamedByLineAndColumn() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", members)
        let i = try folder.write("interactions.csv", """
            source,target,timestamp,weight
            a,b,2024-01-05,1
            a,"b,2024-01-06,1
            a,zed,2024-01-07,1
            b,c,2024-02-30,1
            c,a,2024-01-08,-2
            b,a,2024-01-09T10:00:00Z,2.5

            """)
        let d = try DatasetLoader(unknownMembers: .reject).load(InputPaths(members: m, interactions: i))
        let messages = d.rejects.map(\.message)
        #expect(d.rejects.map(\.location) == ["\(i):3:2", "\(i):4:2", "\(i):5:3", "\(i):6:4"])
        #expect(messages[0].contains("broken quote"))
        #expect(messages[1].contains("unknown member 'zed'"))
        #expect(messages[2].contains("impossible date") && messages[2].contains("timestamp"))
        #expect(messages[3].contains("weight must be positive"))
        let file = try #require(d.files.first { $0.kind == .interactions })
        #expect(file.rowsRead == 6 && file.accepted == 2 && file.rejected == 4 && file.isBalanced)
        #expect(d.rowsRead == d.rowsAccepted + d.rowsRejected)
        #expect(d.interactions.count == 2)
    }

    @Test func unknownMembersAreAddedAndCountedByDefault() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", members)
        let i = try folder.write("interactions.csv", "from,to,date\na,zed,2024-01-07\nzed,yo,2024-01-08\n")
        let d = try DatasetLoader().load(InputPaths(members: m, interactions: i))
        #expect(d.rejects.isEmpty)
        #expect(d.members.count == 5 && d.members.declaredCount == 3 && d.members.addedFromRecords == 2)
        #expect(d.members.ids.index(of: "zed") == 3)
    }

    @Test func headerAliasesAndAttributesAreKept() throws {
        let folder = try TempFolder()
        let m = try folder.write("nodes.csv", "Id;Label;Sector\nx;X Org;health\ny;Y Org;finance\n")
        let i = try folder.write("edges.csv", "Source;Target;Date;Type;Weight;Channel note\nx;y;2024-01-01;Undirected;2;lunch\n")
        let d = try DatasetLoader().load(InputPaths(members: m, interactions: i))
        #expect(d.rejects.isEmpty)
        #expect(d.members.names == ["X Org", "Y Org"])
        #expect(d.members.attributes.column(named: "sector")?.value(at: 1) == "finance")
        #expect(d.interactions.directed == [false])   // Gephi's Type column
        #expect(d.interactions.attributes.column(named: "Channel note")?.value(at: 0) == "lunch")
        #expect(d.files.first { $0.kind == .interactions }?.extraColumns == ["Channel note"])
    }

    @Test func kumuLabelServesAsTheId() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", "Label,Type\nAna Lopez,person\n")
        let d = try DatasetLoader().load(InputPaths(members: m))
        #expect(d.members.ids.index(of: "Ana Lopez") == 0)
    }

    @Test func memberFileProblems() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", "id,name\na,Ana\na,Again\n,Nobody\nb,Bo,extra\n")
        let d = try DatasetLoader().load(InputPaths(members: m))
        #expect(d.rejects.map(\.line) == [3, 4, 5])
        #expect(d.rejects[0].reason == "duplicate member id 'a' (first defined on line 2)")
        #expect(d.rejects[2].reason.contains("expected 2 fields"))
        #expect(d.members.count == 1 && d.files[0].isBalanced)
    }

    @Test func missingRequiredColumnIsAFileError() throws {
        let folder = try TempFolder()
        let i = try folder.write("interactions.csv", "source,target,weight\na,b,1\n")
        #expect(throws: InputError.self) { try DatasetLoader().load(InputPaths(interactions: i)) }
        do {
            _ = try DatasetLoader().load(InputPaths(interactions: i))
        } catch let error as InputError {
            #expect(error.description.hasPrefix("\(i):1: missing required column 'timestamp'"))
        }
    }

    @Test func weightsAndSelfLoops() throws {
        let folder = try TempFolder()
        let i = try folder.write("interactions.csv", """
            source,target,timestamp,weight,directed
            a,a,2024-01-01,1,
            a,b,2024-01-01,NaN,
            a,b,2024-01-01,inf,
            a,b,2024-01-01,0,
            a,b,2024-01-01,heavy,
            a,b,2024-01-01,,no
            a,b,2024-01-01,1,maybe
            """)
        let d = try DatasetLoader().load(InputPaths(interactions: i))
        #expect(d.rejects.map(\.column) == [2, 4, 4, 4, 4, 5])
        #expect(d.rejects[0].reason.hasPrefix("self-loop"))
        #expect(d.interactions.count == 1 && d.interactions.weight == [1] && d.interactions.directed == [false])
        #expect(d.members.count == 2)   // the rejected self-loop added nobody
    }

    @Test func attendanceRolesAndTopics() throws {
        let folder = try TempFolder()
        let a = try folder.write("attendance.csv", """
            member,event,date,role,topic,event_type
            a,e1,2024-03-01,Speaker,health financing,webinar
            b,e1,2024-03-01,,health financing,webinar
            c,e2,2024-02-01,organizer,data use,workshop
            c,e3,not a date,host,,
            """)
        let d = try DatasetLoader().load(InputPaths(attendance: a))
        #expect(d.attendance.count == 3 && d.rejects.count == 1 && d.rejects[0].column == 3)
        // Sorted by date: c's workshop first.
        #expect(d.attendance.date == d.attendance.date.sorted())
        #expect(d.attendance.roles[Int32(d.attendance.role[0])] == "organiser")
        #expect(d.attendance.isActiveRole(d.attendance.role[1]) && !d.attendance.isActiveRole(d.attendance.role[2]))
        #expect(d.attendance.topics[d.attendance.topic[0]] == "data use")
    }

    @Test func folderDiscoveryFindsUsualNames() throws {
        let folder = try TempFolder()
        try folder.write("members.csv", members)
        try folder.write("attendance.csv", "member,event,date\na,e1,2024-01-01\n")
        let paths = InputPaths().filling(from: folder.path) { FileManager.default.fileExists(atPath: $0) }
        #expect(paths.members != nil && paths.attendance != nil && paths.interactions == nil)
    }
}

@Suite struct OutputTests {
    @Test func csvCellsAreQuotedAndNeutralised() {
        func encode(_ cell: CSVCell) -> String {
            var bytes: [UInt8] = []
            CSVTableWriter.append(cell, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(encode(.text("plain")) == "plain")
        #expect(encode(.text("a,b")) == "\"a,b\"")
        #expect(encode(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
        #expect(encode(.text("=HYPERLINK(\"x\")")) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(encode(.text("+1")) == "'+1" && encode(.text("-2")) == "'-2" && encode(.text("@SUM(A1)")) == "'@SUM(A1)")
        #expect(encode(.real(-2.5)) == "-2.5" && encode(.real(3)) == "3" && encode(.real(0.1)) == "0.1")
        #expect(encode(.integer(-4)) == "-4" && encode(.empty) == "")
    }

    @Test func atomicWriterLeavesNothingBehindUntilCommit() throws {
        let folder = try TempFolder()
        let path = folder.path + "/out.csv"
        try AtomicFileWriter.write("old\n", to: path)
        do {
            let writer = try CSVTableWriter(path: path, header: ["a"])
            try writer.writeRow([.integer(1)])
            // Not committed: the old file stays, and the temporary file is removed on deinit.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
        let writer = try CSVTableWriter(path: path, header: ["a"])
        try writer.writeRow([.integer(1)])
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n1\n")
    }
}
