import ArgumentParser
import Foundation
import WeftReport

/// `weft diff OLD NEW`: what changed between two runs (`RunDiff`), printed and optionally
/// written as JSON — the history a monthly refresh keeps.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two runs of weft analyze: headline figures, members who joined, left or moved segment, ties gained and lost.",
        discussion: "OLD and NEW are output folders of weft analyze (or their report.json files)."
    )

    @Argument(help: "The earlier run: its output folder or report.json.")
    var old: String

    @Argument(help: "The later run: its output folder or report.json.")
    var new: String

    @Option(help: "Also write the differences as JSON to this file (layout: Schemas/diff.schema.json).")
    var out: String?

    func run() throws {
        let (oldFile, before) = try ReportFile.digest(old)
        let (newFile, after) = try ReportFile.digest(new)
        let diff = RunDiff(old: before, oldPath: oldFile, new: after, newPath: newFile)
        print("\(oldFile) (\(diff.old.dataAsOf ?? "no records")) → \(newFile) (\(diff.new.dataAsOf ?? "no records"))")
        for f in diff.figures {
            guard let change = f.change, change != 0, let a = f.old, let b = f.new else { continue }
            print("\(f.figure): \(format(a)) → \(format(b)) (\(change > 0 ? "+" : "")\(format(change)))")
        }
        print("members joined \(diff.membersJoined.count), left \(diff.membersLeft.count), moved segment \(diff.segmentMoves.count); "
              + "ties gained \(diff.tiesGained.count), lost \(diff.tiesLost.count), kept \(diff.keptTieCount)")
        if let out {
            try ReportWriters.writeJSON(diff, to: out)
            print("wrote \(out)")
        }
    }

    private func format(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4f", x)
    }
}
