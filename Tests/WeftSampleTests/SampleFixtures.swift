import Foundation
import Testing
@testable import WeftSample

/// A sample generated into a temporary folder and read back into memory (the folder is removed
/// at once). Files are parsed with plain line splitting; the real CSV reader lives in WeftIO and
/// is tested there.
final class GeneratedSample: Sendable {
    let summary: SampleSummary
    let progress: [Double]
    /// File name → bytes, for every file the generator left in the folder.
    let files: [String: Data]

    init(size: SampleSize, seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("weft-sample-\(size.rawValue)-\(seed)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let box = ProgressBox()
        summary = try SampleGenerator(size: size, seed: seed).write(to: folder) { box.values.append($0) }
        progress = box.values
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        self.files = files
    }

    func bytes(_ file: String) throws -> Data {
        try #require(files[file], "\(file) was written")
    }

    /// The header and rows of a CSV file.
    func table(_ file: String) throws -> CSVTable {
        let text = String(decoding: try bytes(file), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "", "\(file) ends with a newline")
        lines.removeLast()
        let header = splitCSVLine(lines.removeFirst())
        return CSVTable(header: header, rows: lines.map(splitCSVLine))
    }
}

private final class ProgressBox: @unchecked Sendable {
    var values: [Double] = []
}

struct CSVTable {
    var header: [String]
    var rows: [[String]]

    func column(_ name: String) -> [String] {
        guard let index = header.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }

    /// Rows as dictionaries keyed by column name.
    var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

/// Splits one CSV line (no embedded line breaks) into fields, undoing RFC 4180 quoting.
func splitCSVLine(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(line)
    var i = 0
    if chars.last == "\r" { chars.removeLast() }
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" {
                    field.append("\""); i += 1
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(field); field = ""
        } else {
            field.append(c)
        }
        i += 1
    }
    fields.append(field)
    return fields
}

/// Generated once per test process and shared by the tests (Swift initialises globals lazily and
/// exactly once).
let clnSample: Result<GeneratedSample, Error> = Result { try GeneratedSample(size: .cln, seed: 7) }
let smallSample: Result<GeneratedSample, Error> = Result { try GeneratedSample(size: .s, seed: 7) }

let memberHeader = ["id", "name", "email", "country", "organisation", "role", "cohort", "joined", "left", "governance"]
let interactionHeader = ["source", "target", "timestamp", "type", "weight"]
let attendanceHeader = ["member", "event", "date", "role", "topic", "event_type"]
let surveyHeader = ["respondent", "alter", "relation", "value", "wave"]
let respondentsHeader = ["respondent", "wave", "wave_date"]

func matches(_ text: String, _ pattern: String) -> Bool {
    text.range(of: "^" + pattern + "$", options: .regularExpression) != nil
}

let datePattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
let dateTimePattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"
