import Foundation
import Testing
import WeftSample

/// `weft segments` and the segment outputs of `weft analyze` on the sample network, whose members
/// carry a planted engagement profile (SampleGenerator.latentProfiles, seed 42 as in SampleData).
@Suite(.serialized) struct SegmentsCLITests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    /// A CSV table as dictionaries by column name (quoted cells with commas are not expected).
    func table(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func plantedProfilesAreRecovered() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["segments", sampleData, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = table(try String(contentsOf: out.appendingPathComponent("segments.csv"), encoding: .utf8))
        #expect(rows.count == 300)
        let truth = Dictionary(uniqueKeysWithValues: SampleGenerator(size: .cln, seed: 42).latentProfiles().map { ($0.member, $0.profile) })
        try truth.map { "\($0.key),\($0.value)" }.joined(separator: "\n").write(toFile: "/tmp/truth.csv", atomically: true, encoding: .utf8)
        var table: [String: [String: Int]] = [:]
        for row in rows { table[truth[row["member"]!]!, default: [:]][row["segment"]!, default: 0] += 1 }
        for (profile, counts) in table.sorted(by: { $0.key < $1.key }) {
            print(profile, counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }
}
