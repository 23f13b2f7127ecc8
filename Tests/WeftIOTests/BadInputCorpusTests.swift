import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// Every case in BadInput/ is a folder with interactions.csv (and members.csv) and expected.json:
/// either `{"error": "…"}` — a file-level error whose message contains that text — or the counts
/// of the named file (`file`, default interactions) and its rejects as [line, column, reason
/// substring] in order. rows read = accepted + rejected must hold in every case.
struct BadInputCase: Decodable {
    let error: String?
    let file: String?
    let read: Int?
    let accepted: Int?
    let rejected: Int?
    let rejects: [[Reject?]]?
    let unknown: String?
    let times: [String]?

    enum Reject: Decodable {
        case number(Int), text(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
        }
        var number: Int? { if case .number(let n) = self { return n }; return nil }
        var text: String? { if case .text(let s) = self { return s }; return nil }
    }
}

@Suite struct BadInputCorpusTests {
    static let corpus = Bundle.module.url(forResource: "BadInput", withExtension: nil)!
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()) ?? []

    @Test(arguments: cases)
    func caseBehavesAsExpected(_ name: String) throws {
        let folder = BadInputCorpusTests.corpus.appendingPathComponent(name)
        let expected = try JSONDecoder().decode(BadInputCase.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let members = folder.appendingPathComponent("members.csv").path
        let paths = InputPaths(members: FileManager.default.fileExists(atPath: members) ? members : nil,
                               interactions: folder.appendingPathComponent("interactions.csv").path)
        let loader = DatasetLoader(unknownMembers: expected.unknown == "reject" ? .reject : .add)
        if let error = expected.error {
            #expect {
                try loader.load(paths)
            } throws: { thrown in
                (thrown as? InputError)?.description.contains(error) ?? false
            }
            return
        }
        let dataset = try loader.load(paths)
        #expect(dataset.files.allSatisfy { $0.isBalanced })
        #expect(dataset.rowsRead == dataset.rowsAccepted + dataset.rowsRejected)
        let summary = try #require(dataset.files.first { $0.kind.rawValue == (expected.file ?? "interactions") })
        #expect(summary.rowsRead == expected.read && summary.accepted == expected.accepted && summary.rejected == expected.rejected)
        let rejects = dataset.rejects.filter { $0.file.hasSuffix("/\(expected.file ?? "interactions").csv") }
        let wanted = expected.rejects ?? []
        #expect(rejects.count == wanted.count, "\(rejects.map(\.message))")
        for (got, want) in zip(rejects, wanted) {
            #expect(got.line == want[0]?.number, "\(got.message)")
            #expect(got.column == want[1]?.number, "\(got.message)")
            #expect(got.reason.contains(want[2]?.text ?? "\u{0}"), "\(got.message)")
        }
        if let times = expected.times {
            #expect(dataset.interactions.time.map(Timestamp.formatDateTime) == times)
        }
    }

    @Test func theCorpusIsThere() {
        #expect(BadInputCorpusTests.cases.count >= 18)
    }

    @Test func aFiftyMegabyteLineIsOneRejectedRow() throws {
        let folder = try TempFolder()
        var text = "source,target,timestamp\na,b,2024-01-01\n"
        text += "a," + String(repeating: "x", count: 50_000_000) + ",2024-01-02,extra\n"
        text += "b,c,2024-01-03\n"
        let path = try folder.write("interactions.csv", text)
        let dataset = try DatasetLoader().load(InputPaths(interactions: path))
        #expect(dataset.rowsRead == 3 && dataset.rowsAccepted == 2 && dataset.rowsRejected == 1)
        #expect(dataset.rejects.first?.line == 3)
    }

    @Test func aHundredThousandColumnsAreKeptAsAttributes() throws {
        let folder = try TempFolder()
        let extra = (0..<100_000).map { "c\($0)" }
        var text = (["source", "target", "timestamp"] + extra).joined(separator: ",") + "\n"
        text += (["a", "b", "2024-01-01"] + extra.map { _ in "v" }).joined(separator: ",") + "\n"
        text += "a,b,2024-01-02\n"
        let path = try folder.write("interactions.csv", text)
        let dataset = try DatasetLoader().load(InputPaths(interactions: path))
        #expect(dataset.rowsAccepted == 1 && dataset.rowsRejected == 1)
        #expect(dataset.interactions.attributes.columns.count == 100_000)
        #expect(dataset.interactions.attributes.column(named: "c99999")?.value(at: 0) == "v")
    }
}
