import Foundation
import Testing
@testable import WeftIO

/// Several interactions and attendance files are merged into one log each, every file counted
/// apart (rows read = accepted + rejected) and its rejects naming it; an extra column of one file
/// is empty in the rows of the others.
@Suite struct SeveralRecordFilesTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-records-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func interactionsAndAttendanceFromSeveralFilesAreMerged() throws {
        let bundled = try file("source,target,timestamp,project\nm1,m2,2024-01-01,chat\nm2,m3,2024-01-03,email\nm1,,2024-01-02,x\n")
        let imported = try file("source,target,timestamp,weight\nm3,m1,2024-01-02,2\nm2,m1,2024-01-04,0.5\n")
        let sheet = try file("member,event,date\nm1,e1,2024-01-01\nm1,e1,2024-99-01\n")
        let zoom = try file("member,event,date,room\nm2,e1,2024-01-01,\nm3,e2,2024-01-05,hall\n")
        defer { for p in [bundled, imported, sheet, zoom] { try? FileManager.default.removeItem(atPath: p) } }
        let dataset = try DatasetLoader().load(InputPaths(interactionsFiles: [bundled, imported], attendanceFiles: [sheet, zoom]))
        #expect(dataset.files.map(\.path) == [bundled, imported, sheet, zoom])
        #expect(dataset.files.map(\.kind) == [.interactions, .interactions, .attendance, .attendance])
        #expect(dataset.files.map(\.rowsRead) == [3, 2, 2, 2])
        #expect(dataset.files.map(\.accepted) == [2, 2, 1, 2])
        #expect(dataset.files.map(\.rejected) == [1, 0, 1, 0])
        #expect(dataset.rejects.map { "\($0.file):\($0.line)" } == ["\(bundled):4", "\(sheet):3"])
        let log = dataset.interactions
        #expect(log.count == 4)
        #expect(log.time.map { ($0 - log.time[0]) / 86_400 } == [0, 1, 2, 3])
        #expect(log.weight == [1, 2, 1, 0.5])
        let project = try #require(log.attributes.column(named: "project"))
        #expect((0..<4).map(project.value(at:)) == ["chat", "", "email", ""])
        #expect(log.attributes.names == ["project"])
        #expect(dataset.attendance.count == 3)
        let room = try #require(dataset.attendance.attributes.column(named: "room"))
        #expect((0..<3).map(room.value(at:)).sorted() == ["", "", "hall"])
        #expect(dataset.members.count == 3)
    }

    @Test func aColumnInTwoFilesIsOneColumn() throws {
        let first = try file("source,target,timestamp,project\nm1,m2,2024-01-02,chat\n")
        let second = try file("source,target,timestamp,project\nm2,m1,2024-01-01,call\n")
        defer { for p in [first, second] { try? FileManager.default.removeItem(atPath: p) } }
        let log = try DatasetLoader().load(InputPaths(interactionsFiles: [first, second])).interactions
        #expect(log.attributes.names == ["project"])
        #expect((0..<2).map(log.attributes.column(named: "project")!.value(at:)) == ["call", "chat"])
    }
}
