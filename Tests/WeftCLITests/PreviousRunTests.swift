import Foundation
import Testing

/// `weft analyze --previous`: community and k-means cluster numbers follow the previous run's by
/// overlap, and report.json records the alignment.
@Suite struct PreviousRunTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    func analyze(_ flags: [String]) throws -> (report: [String: Any], out: URL) {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json,csv"] + flags)
        #expect(run.status == 0, "\(run.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any], out)
    }

    func communities(_ report: [String: Any]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (report["members"] as! [[String: Any]]).map { ($0["id"] as! String, $0["community"] as! Int) })
    }

    /// Each matched group (`noun`: community or cluster) shares exactly the reported members with
    /// the previous group whose number it took; new numbers come after every previous number.
    func checkAlignedGroups(_ rows: [[String: Any]], noun: String, before: [String: Int], after: [String: Int]) {
        for row in rows {
            let number = row[noun] as! Int
            let members = Set(after.filter { $0.value == number }.map(\.key))
            #expect(members.count == row["size"] as? Int)
            if let previous = row["previous_" + noun] as? Int {
                #expect(previous == number)
                #expect(members.filter { before[$0] == previous }.count == row["shared_members"] as? Int)
            } else {
                #expect(number > before.values.max()!)
            }
        }
    }

    @Test func numbersFollowThePreviousRunByOverlap() throws {
        let (earlier, earlierOut) = try analyze(["--to", "2023-06-30"])
        let (plain, _) = try analyze([])
        let (aligned, alignedOut) = try analyze(["--previous", earlierOut.path])
        let before = communities(earlier), after = communities(aligned), unaligned = communities(plain)
        // The same partition, renumbered: members share a community in one iff they do in the other.
        var renumbering: [Int: Int] = [:]
        for (id, c) in unaligned {
            if let seen = renumbering[c] { #expect(seen == after[id]!) } else { renumbering[c] = after[id]! }
        }
        #expect(Set(renumbering.values).count == renumbering.count)

        let alignment = try #require((aligned["communities"] as! [String: Any])["alignment"] as? [String: Any])
        #expect(alignment["previous"] as? String == RelativePathCheck.relative(earlierOut.appendingPathComponent("report.json").path, from: sampleData))
        let rows = alignment["communities"] as! [[String: Any]]
        #expect(rows.count == (aligned["communities"] as! [String: Any])["count"] as? Int)
        checkAlignedGroups(rows, noun: "community", before: before, after: after)
        #expect(alignment["matched"] as? Int == rows.filter { $0["previous_community"] is Int }.count)
        #expect((alignment["matched"] as! Int) > 0)
        // More members keep their number than without alignment.
        let kept = after.filter { before[$0.key] == $0.value }.count, keptUnaligned = unaligned.filter { before[$0.key] == $0.value }.count
        #expect(alignment["shared_members"] as? Int == kept)
        #expect(kept >= keptUnaligned)
        // communities.csv follows the new numbers, in number order.
        let table = try String(contentsOf: alignedOut.appendingPathComponent("communities.csv"), encoding: .utf8)
        let numbers = table.split(separator: "\n").dropFirst().map { Int($0.prefix { $0 != "," })! }
        #expect(numbers == rows.map { $0["community"] as! Int }.sorted())
    }

    @Test func aRunAlignedToItselfKeepsItsNumbers() throws {
        let (first, out) = try analyze([])
        let (again, _) = try analyze(["--previous", out.appendingPathComponent("report.json").path])
        #expect(communities(again) == communities(first))
        let alignment = (again["communities"] as! [String: Any])["alignment"] as! [String: Any]
        #expect(alignment["new"] as? Int == 0)
        #expect(alignment["shared_members"] as? Int == first["members"].map { ($0 as! [Any]).count })
    }

    func clusters(_ report: [String: Any]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (report["segment_members"] as! [[String: Any]]).compactMap { row in
            (row["cluster"] as? Int).map { (row["member"] as! String, $0) }
        })
    }

    /// Another seed finds the clusters in another order; aligned to the first run, every member
    /// keeps the cluster number it had wherever the partition is the same.
    @Test func clusterNumbersFollowThePreviousRun() throws {
        let (first, firstOut) = try analyze(["--seed", "1"])
        let (reseeded, _) = try analyze(["--seed", "7"])
        let (aligned, alignedOut) = try analyze(["--seed", "7", "--previous", firstOut.path])
        let before = clusters(first), plain = clusters(reseeded), after = clusters(aligned)
        #expect(!before.isEmpty && Set(after.keys) == Set(plain.keys))
        // The aligned run is the reseeded partition, renumbered one to one.
        var renumbering: [Int: Int] = [:]
        for (id, c) in plain {
            if let seen = renumbering[c] { #expect(seen == after[id]!) } else { renumbering[c] = after[id]! }
        }
        #expect(Set(renumbering.values).count == renumbering.count)
        let check = try #require((aligned["segments"] as! [String: Any])["clusters"] as? [String: Any])
        let alignment = try #require(check["alignment"] as? [String: Any])
        let rows = alignment["clusters"] as! [[String: Any]]
        #expect(rows.map { $0["cluster"] as! Int } == (check["clusters"] as! [[String: Any]]).map { $0["cluster"] as! Int })
        #expect(rows.map { $0["cluster"] as! Int } == (check["contingency"] as! [String: Any])["clusters"] as! [Int])
        checkAlignedGroups(rows, noun: "cluster", before: before, after: after)
        let kept = after.filter { before[$0.key] == $0.value }.count
        #expect(alignment["shared_members"] as? Int == kept)
        // On SampleData seed 7 finds seed 1's two clusters in the other order: unaligned, no member
        // keeps its number; aligned, every one does.
        #expect(plain.filter { before[$0.key] == $0.value }.isEmpty && kept == before.count)
        // segments.csv shows the same numbers as report.json.
        let table = try String(contentsOf: alignedOut.appendingPathComponent("segments.csv"), encoding: .utf8).split(separator: "\n")
        let header = table[0].split(separator: ",", omittingEmptySubsequences: false)
        let (memberColumn, clusterColumn) = (header.firstIndex(of: "member")!, header.firstIndex(of: "cluster")!)
        for line in table.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(Int(cells[clusterColumn]) == after[String(cells[memberColumn])])
        }
        // Without --previous there is no alignment record.
        #expect(((reseeded["segments"] as! [String: Any])["clusters"] as! [String: Any])["alignment"] is NSNull)
    }

    @Test func aMissingPreviousReportIsAnError() throws {
        let run = try WeftRun(["analyze", sampleData, "--out", try temporaryFolder().path, "--previous", "/nonexistent/run"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--previous /nonexistent/run: cannot read it"))
    }
}

/// The relative path report.json records (as `RelativePath.of`), computed independently.
enum RelativePathCheck {
    static func relative(_ path: String, from folder: String) -> String {
        let a = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents, b = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let shared = zip(a, b).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: a.count - shared) + b[shared...]).joined(separator: "/")
    }
}
