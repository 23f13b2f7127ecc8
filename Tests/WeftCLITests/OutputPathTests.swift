import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every kind of path an output can be given (regular file, missing, symbolic link, FIFO,
/// character device, folder, an input file, standard output), for a command that writes one
/// file and for one that writes a folder; stale temporaries; a second run into a busy folder.
@Suite(.serialized) struct OutputPathTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    /// A small data folder: three members, four interactions (one rejected: a self-loop).
    func smallData(in folder: URL) throws -> String {
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "id,name\nm1,Ann\nm2,Bo\nm3,Cy\n".write(to: data.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try "source,target,timestamp\nm1,m2,2024-01-05\nm2,m3,2024-02-05\nm3,m1,2024-03-05\nm1,m1,2024-03-06\n"
            .write(to: data.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        return data.path
    }

    static let rejectsTable = "file,line,column,field,value,reason\n"

    func fileKind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test func regularMissingAndLinkedFilesAreWrittenAndLinksKept() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try smallData(in: folder)
        let regular = folder.appendingPathComponent("old.csv").path
        try "old\n".write(toFile: regular, atomically: true, encoding: .utf8)
        let missing = folder.appendingPathComponent("new/sub/rejects.csv").path
        let target = folder.appendingPathComponent("target.csv").path, link = folder.appendingPathComponent("link.csv").path
        try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for path in [regular, missing, link] {
            let run = try WeftRun(["validate", data, "--rejects", path])
            #expect(run.status == 0, "\(path): \(run.stderr)")
        }
        for path in [regular, missing, target] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix(Self.rejectsTable) && text.contains("self-loop"), "\(path): \(text)")
        }
        #expect(fileKind(link) == S_IFLNK)   // the link stays a link; its target got the table
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        // No temporary file is left anywhere.
        let left = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func devicesAndFIFOsAreWrittenThroughNotReplaced() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try smallData(in: folder)
        let null = try WeftRun(["validate", data, "--rejects", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(fileKind("/dev/null") == S_IFCHR)
        let metricsToNull = try WeftRun(["metrics", data, "--out", "/dev/null", "--network-json", "/dev/null"])
        #expect(metricsToNull.status == 0 && fileKind("/dev/null") == S_IFCHR, "\(metricsToNull.stderr)")

        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        let run = try WeftRun(["validate", data, "--rejects", fifo])
        while !reader.isFinished { usleep(10_000) }
        #expect(run.status == 0, "\(run.stderr)")
        let text = String(decoding: received, as: UTF8.self)
        #expect(text.hasPrefix(Self.rejectsTable) && text.contains("self-loop"), "\(text)")
        #expect(fileKind(fifo) == S_IFIFO)
    }

    @Test func dashIsStandardOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try smallData(in: folder)
        let validate = try WeftRun(["validate", data, "--rejects", "-"], in: folder)
        #expect(validate.status == 0 && validate.stdout.hasPrefix(Self.rejectsTable) && validate.stdout.contains("self-loop"))
        #expect(validate.stderr.contains("rows read 4 = accepted 3 + rejected 1"))   // the account moves to stderr
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
        let metrics = try WeftRun(["metrics", data, "--out", "-"], in: folder)
        #expect(metrics.status == 0 && metrics.stdout.hasPrefix("id,name,active,"))
    }

    @Test func foldersDanglingLinksAndInputsAreRefusedWithTheirPath() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try smallData(in: folder)
        let members = data + "/members.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: members))
        let dangling = folder.appendingPathComponent("dangling.csv").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder.appendingPathComponent("nowhere/x.csv").path)
        let cases: [([String], String)] = [
            (["validate", data, "--rejects", folder.path], "it is a folder"),
            (["metrics", data, "--out", data], "it is a folder"),
            (["validate", data, "--rejects", dangling], "symbolic link to a file that does not exist"),
            (["validate", data, "--rejects", members], "it is the input file"),
            (["metrics", data, "--out", data + "/../data/interactions.csv"], "it is the input file"),
            (["analyze", data, "--out", data], "it is the input file"),
            (["analyze", data, "--out", members], "it is a file, not a folder"),
            (["analyze", data, "--out", members + "/sub"], "it is a file, not a folder"),
        ]
        for (arguments, message) in cases {
            let run = try WeftRun(arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: members)) == before)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: data)) == ["members.csv", "interactions.csv"])
    }

    @Test func staleTemporariesAndStagingFoldersAreRemovedByTheNextRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try smallData(in: folder)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent(".weft-staging-Ab12Cd"), withIntermediateDirectories: true)
        try "partial".write(to: out.appendingPathComponent(".weft-staging-Ab12Cd/report.json"), atomically: false, encoding: .utf8)
        try "partial".write(to: out.appendingPathComponent(".network.graphml.tmp-x1Y2z3"), atomically: false, encoding: .utf8)
        try "mine".write(to: out.appendingPathComponent(".notes.tmp"), atomically: false, encoding: .utf8)   // not Weft's naming
        let run = try WeftRun(["analyze", data, "--out", out.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(entries == [".notes.tmp", "members.csv", "communities.csv", "timeline.csv", "ties.csv", "segments.csv",
                            "transitions.csv", "rejects.csv"])
        // The same for a single file: a killed writer's temporary beside it goes.
        let stale = folder.appendingPathComponent(".r.csv.tmp-Q9w8E7").path
        try "partial".write(toFile: stale, atomically: false, encoding: .utf8)
        #expect(try WeftRun(["validate", data, "--rejects", folder.appendingPathComponent("r.csv").path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test func aSecondRunIntoABusyFolderFailsClearlyAndLeavesItAlone() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try smallData(in: folder)
        let out = folder.appendingPathComponent("out").path
        #expect(try WeftRun(["analyze", data, "--out", out]).status == 0)
        let report = try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))
        let held = open(out, O_RDONLY | O_DIRECTORY)   // a first run holds the folder
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        let second = try WeftRun(["analyze", sampleData, "--out", out])
        close(held)
        #expect(second.status == 1)
        #expect(second.stderr.contains("another weft run is writing into \(out)"), "\(second.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.json")) == report)
        #expect(try WeftRun(["analyze", data, "--out", out, "--format", "json"]).status == 0)   // released
    }
}
