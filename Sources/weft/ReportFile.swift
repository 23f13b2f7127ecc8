import Foundation
import WeftReport

/// A previous run's report.json, named by its output folder or the file itself: read for
/// `weft analyze --previous` (community numbers) and `weft diff` (a `RunDiff.Digest`).
enum ReportFile {
    /// PATH/report.json when PATH is a folder, else PATH.
    static func resolve(_ path: String) -> String {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? (path as NSString).appendingPathComponent("report.json") : path
    }

    static func data(_ path: String, flag: String) throws -> (file: String, data: Data) {
        let file = resolve(path)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(message: "error: \(flag)\(file): cannot read it (name a run's output folder or its report.json)", exitCode: 1)
        }
        return (file, data)
    }

    /// The community and k-means cluster numbers per member id of the report at `path`; members
    /// without one are left out. Reads report.json 1.x and later (`members` rows with `id`,
    /// `segment_members` rows with `member`) and 0.x (`members` keyed by id).
    static func numbers(at path: String) throws -> (file: String, communities: [String: Int], clusters: [String: Int]) {
        let (file, data) = try data(path, flag: "--previous ")
        guard let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CommandFailure(message: "error: --previous \(file): not a JSON object (expected a report.json written by weft analyze)", exitCode: 1)
        }
        var rows: [(String, [String: Any])] = []
        if let list = report["members"] as? [[String: Any]] {
            rows = list.compactMap { row in (row["id"] as? String).map { ($0, row) } }
        } else if let keyed = report["members"] as? [String: [String: Any]] {
            rows = keyed.map { ($0.key, $0.value) }
        } else {
            throw CommandFailure(message: "error: --previous \(file): no members (expected a report.json written by weft analyze)", exitCode: 1)
        }
        var communities: [String: Int] = [:]
        for (id, row) in rows { if let c = row["community"] as? Int { communities[id] = c } }
        var clusters: [String: Int] = [:]
        for row in report["segment_members"] as? [[String: Any]] ?? [] {
            if let id = row["member"] as? String, let c = row["cluster"] as? Int { clusters[id] = c }
        }
        return (file, communities, clusters)
    }

    /// The parts of the report at `path` that `weft diff` compares.
    static func digest(_ path: String) throws -> (file: String, digest: RunDiff.Digest) {
        let (file, data) = try data(path, flag: "")
        do {
            return (file, try ReportWriters.decoder.decode(RunDiff.Digest.self, from: data))
        } catch {
            throw CommandFailure(message: "error: \(file): not a report.json of Weft's schema 1.x (\(error))", exitCode: 1)
        }
    }
}
