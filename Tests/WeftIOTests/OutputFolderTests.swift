import Foundation
import Testing
import WeftGraph
@testable import WeftIO

/// The output set: staged and published whole, or not at all; the folder lock; what a staged
/// file's error names; terminal-safe text; what an id may hold.
@Suite struct OutputFolderTests {
    @Test func anUnpublishedSetLeavesTheOldOneWholeAndNoStagingBehind() throws {
        let folder = try TempFolder()
        try folder.write("a.csv", "old a\n")
        try folder.write("b.csv", "old b\n")
        do {
            let set = try OutputFolder(folder.path, names: ["a.csv", "b.csv"], inputs: InputFiles([]))
            try set.write("a.csv") { try AtomicFileWriter.write("new a\n", to: $0) }
            // b.csv fails (say the disk is full): the set is never published.
        }
        #expect(try String(contentsOfFile: folder.path + "/a.csv", encoding: .utf8) == "old a\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["a.csv", "b.csv"])

        let set = try OutputFolder(folder.path, names: ["a.csv", "b.csv"], inputs: InputFiles([]))
        try set.write("a.csv") { try AtomicFileWriter.write("new a\n", to: $0) }
        try set.write("b.csv") { try AtomicFileWriter.write("new b\n", to: $0) }
        #expect(try String(contentsOfFile: folder.path + "/a.csv", encoding: .utf8) == "old a\n")   // nothing until publish
        try set.publish()
        #expect(try String(contentsOfFile: folder.path + "/a.csv", encoding: .utf8) == "new a\n")
        #expect(try String(contentsOfFile: folder.path + "/b.csv", encoding: .utf8) == "new b\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["a.csv", "b.csv"])
    }

    @Test func theFolderIsLockedWhileOpenAndErrorsNameTheFinalFile() throws {
        let folder = try TempFolder()
        let first = try OutputFolder(folder.path, names: ["a.csv"], inputs: InputFiles([]))
        #expect(throws: OutputError.folderInUse(path: folder.path)) {
            _ = try OutputFolder(folder.path, names: ["a.csv"], inputs: InputFiles([]))
        }
        #expect(throws: OutputError.cannotWrite(path: folder.path + "/a.csv", reason: "disk full")) {
            try first.write("a.csv") { throw OutputError.cannotWrite(path: $0, reason: "disk full") }
        }
        let input = try folder.write("in.csv", "x\n")
        #expect(throws: OutputError.wouldOverwriteInput(path: folder.path + "/in.csv", input: input)) {
            _ = try OutputFolder(folder.path, names: ["in.csv"], inputs: InputFiles([input]))
        }
    }

    @Test func outputTargetsByKind() throws {
        let folder = try TempFolder()
        let file = try folder.write("f.csv", "x\n")
        #expect(try OutputTarget.classify("-") == .standardOutput)
        #expect(try OutputTarget.classify(file) == .replaceable(path: file))
        #expect(try OutputTarget.classify(folder.path + "/new.csv") == .replaceable(path: folder.path + "/new.csv"))
        #expect(try OutputTarget.classify("/dev/null") == .stream(path: "/dev/null"))
        #expect(throws: OutputError.unsupportedTarget(path: folder.path, kind: "a folder")) { try OutputTarget.classify(folder.path) }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/l.csv", withDestinationPath: file)
        #expect(try OutputTarget.classify(folder.path + "/l.csv") == .replaceable(path: URL(fileURLWithPath: file).resolvingSymlinksInPath().path))
    }

    @Test func staleTemporariesAreRecognisedByWeftsNamingOnly() {
        #expect(StaleTemporaries.isTemporary(".report.json.tmp-a1B2c3"))
        #expect(StaleTemporaries.isTemporary(".report.json.tmp-a1B2c3", for: "report.json"))
        #expect(!StaleTemporaries.isTemporary(".report.json.tmp-a1B2c3", for: "members.csv"))
        #expect(!StaleTemporaries.isTemporary("report.json.tmp-a1B2c3"))
        #expect(!StaleTemporaries.isTemporary(".notes.tmp"))
        #expect(!StaleTemporaries.isTemporary(".x.tmp-a1B2c!"))
    }

    @Test func terminalTextShowsControlCharactersAsEscapes() {
        #expect(TerminalText.printable("plain\nline") == "plain\nline")
        #expect(TerminalText.printable("i\u{0}d\u{1B}[2J\r\u{85}") == "i\\u{0}d\\u{1B}[2J\\u{D}\\u{85}")
    }

    @Test func identifierRulesNameTheCharacter() {
        #expect(IdentifierRules.problem(in: "Jean Dupont (FR)") == nil)
        #expect(IdentifierRules.problem(in: "名前-é") == nil)
        #expect(IdentifierRules.problem(in: "m2\u{A0}")?.hasPrefix("member id holds U+00A0 (a no-break space) at character 3;") == true)
        #expect(IdentifierRules.problem(in: "\u{FEFF}m2", what: "event id")?.hasPrefix("event id holds U+FEFF (a byte-order mark) at character 1;") == true)
        for scalar in [0x0, 0x9, 0x1F, 0x7F, 0x85, 0xAD, 0x200B, 0x200E, 0x2028, 0x202E, 0x2060, 0x3000] {
            #expect(IdentifierRules.problem(in: "a" + String(Character(Unicode.Scalar(scalar)!))) != nil, "\(scalar)")
        }
    }

    @Test func theLatestDateIsOneYearAfterTheRun() {
        let now = Timestamp.seconds(year: 2024, month: 2, day: 29, hour: 13)
        #expect(InputLimits.defaultLatestDate(now: now) == Timestamp.seconds(year: 2025, month: 2, day: 28, hour: 23, minute: 59, second: 59))
        #expect(InputLimits(now: now).earliestDate == Timestamp.seconds(year: 1900, month: 1, day: 1))
    }
}
