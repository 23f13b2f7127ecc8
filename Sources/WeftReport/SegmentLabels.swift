import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// The members a network's team is sure of: a CSV file with columns `member` (an id from
/// members.csv) and `segment` (a segment of the config, e.g. crew, deep_diver, passenger,
/// inactive), other columns ignored, read for `--labels`.
///
/// A short file written by hand is read strictly: an unknown member or segment, a member listed
/// twice with different segments, an empty cell or a malformed record stops the read with its
/// file, line and column. A member listed twice with the same segment counts once.
public enum SegmentLabelsFile {
    public static func read(path: String, members: IdentifierRegistry, segments: [String]) throws -> [SegmentCalibration.Label] {
        let reader = try CSVReader(path: path)
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let memberColumn = header.firstIndex(of: "member"), let segmentColumn = header.firstIndex(of: "segment") else {
            throw InputError(file: reader.label, line: reader.headerLine, column: nil,
                             message: "a labels file needs columns member and segment; found: \(reader.header.joined(separator: ", "))")
        }
        var labels: [SegmentCalibration.Label] = []
        var seen: [Int: (segment: Int, line: Int)] = [:]
        try reader.forEachRecord { (record: borrowing CSVRecord) in
            func failure(_ column: Int?, _ message: String) -> InputError {
                InputError(file: reader.label, line: record.line, column: column.map { $0 + 1 }, message: message)
            }
            if let problem = record.problem { throw failure(problem.column - 1, problem.description) }
            func cell(_ column: Int) throws -> String {
                let text = record.displayString(column).trimmingCharacters(in: .whitespaces)
                if text.isEmpty { throw failure(column, "\(header[column]) is empty") }
                return text
            }
            let id = try cell(memberColumn), name = try cell(segmentColumn)
            guard let member = members.index(of: id) else { throw failure(memberColumn, "'\(id)' is not a member id in members.csv") }
            guard let segment = segments.firstIndex(of: name) else {
                throw failure(segmentColumn, "unknown segment '\(name)' (known: \(segments.joined(separator: ", ")))")
            }
            if let earlier = seen[Int(member)] {
                guard earlier.segment == segment else {
                    throw failure(segmentColumn, "member '\(id)' is labelled \(segments[earlier.segment]) on line \(earlier.line) and \(name) here")
                }
                return
            }
            seen[Int(member)] = (segment, record.line)
            labels.append(SegmentCalibration.Label(member: Int(member), segment: segment))
        }
        return labels
    }
}
