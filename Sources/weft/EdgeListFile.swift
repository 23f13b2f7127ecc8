import Foundation
import WeftGraph
import WeftIO

/// An undirected, weighted edge list read from CSV — the aggregated form other network libraries
/// read and write: columns `source` and `target` (member ids, any text) and optionally `weight`
/// (a positive number, default 1); other columns are ignored.
///
/// Every row is one undirected tie; rows repeating a pair are summed, as `GraphBuilder` sums
/// records. Members are numbered in order of first appearance, so a member appears only if it
/// has a tie. An aggregated edge list has no timestamps, so its rows enter the log at one instant
/// (time 0); interactions.csv, which `analyze` reads, still requires its timestamp column.
/// Unlike interactions.csv, nothing is rejected and skipped: a malformed row, a self-loop or a
/// weight that is not a positive number stops the read, because a benchmark must run on exactly
/// the input it was given.
struct EdgeListFile {
    let ids: IdentifierRegistry
    let graph: Graph

    init(path: String) throws {
        let reader = try InputSource.open(path: path)
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let source = header.firstIndex(of: "source"), let target = header.firstIndex(of: "target") else {
            throw InputError(file: reader.label, line: reader.headerLine, column: nil,
                             message: "an edge list needs columns source and target (and optionally weight); found: \(reader.header.joined(separator: ", "))")
        }
        let weight = header.firstIndex(of: "weight")
        var ids = IdentifierRegistry()
        var log = InteractionLog()
        if let estimate = reader.estimatedRecordCount { log.reserve(estimate) }
        try reader.forEachRecord { (record: borrowing CSVRecord) in
            func failure(_ column: Int?, _ message: String) -> InputError {
                InputError(file: reader.label, line: record.line, column: column.map { $0 + 1 }, message: message)
            }
            if let problem = record.problem { throw failure(problem.column - 1, problem.description) }
            if record.fieldCount != header.count {
                throw failure(nil, "expected \(header.count) fields as in the header, found \(record.fieldCount)")
            }
            func member(_ column: Int) throws -> Int32 {
                let index: Int32?? = record.withTrimmedBytes(column) { bytes in   // nil: empty; .some(nil): not UTF-8
                    if bytes.isEmpty { return nil }
                    if let known = ids.index(ofBytes: bytes) { return known }
                    return UTF8Text.isValid(bytes) ? ids.intern(bytes: bytes).index : .some(nil)
                }
                guard let index else { throw failure(column, "member id is empty") }
                guard let index else { throw failure(column, "member id is not valid UTF-8") }
                return index
            }
            let s = try member(source), t = try member(target)
            var w = 1.0
            if let weight, !record.isBlank(weight) {
                guard let parsed = record.decimal(weight) else { throw failure(weight, "weight is not a number") }
                w = parsed
            }
            do {
                try log.append(source: s, target: t, time: 0, weight: w, directed: false)
            } catch {
                throw failure(nil, "\(error)")
            }
        }
        self.ids = ids
        graph = GraphBuilder(undirected: true).build(log, nodeCount: ids.count)
    }
}
