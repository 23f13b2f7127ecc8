import Foundation
import FuzzSupport
import WeftIO
import WeftReport

/// Feeds arbitrary bytes to the members reader as a file, with a small field limit so that long
/// records take the skip-unread path, and checks what issue 19 promised of attribute headers and
/// ids: every row accounted for; accepted ids distinct and free of refused characters; attribute
/// names as written distinct (ignoring case) and never one of Weft's own columns; and a members
/// table written from them reads back with the same header and ids, no cell left as a formula.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMembers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = scratchFile("members.csv")
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    var limits = InputLimits()
    limits.maxFieldBytes = 256
    guard let dataset = try? DatasetLoader(limits: limits).load(InputPaths(members: path)) else { return 0 }
    precondition(dataset.files.allSatisfy { $0.isBalanced }, "rows lost")
    let ids = dataset.members.ids.identifiers
    precondition(Set(ids).count == ids.count, "two members share an id")
    for id in ids { precondition(IdentifierRules.problem(in: id) == nil, "a refused id was accepted") }

    let names = AttributeColumnNames.written(dataset.members.attributes.names)
    let lowered = names.map { $0.lowercased() }
    precondition(Set(lowered).count == lowered.count, "two attribute columns share a name")
    precondition(lowered.allSatisfy { !AttributeColumnNames.reserved.contains($0) }, "an attribute takes a computed column's name")

    let header = ["id"] + names
    let text = CSVTableWriter.render(header: header, rows: ids.map { [CSVCell.text($0)] + names.map { _ in CSVCell.text("") } })
    guard let reader = try? CSVReader(bytes: Array(text.utf8), label: "written") else {
        preconditionFailure("a written members table does not read back")
    }
    precondition(reader.header.count == header.count, "the written header splits differently")
    for cell in reader.header { precondition(!isFormula(cell), "a header cell is a formula") }
    var back: [String] = []
    try? reader.forEachRecord { back.append($0.displayString(0)) }
    precondition(back.count == ids.count, "written rows read back as another number of rows")
    for cell in back { precondition(!isFormula(cell), "an id cell is a formula") }
    return 0
}

/// Whether a spreadsheet would run `cell` as a formula.
private func isFormula(_ cell: String) -> Bool {
    guard let first = cell.unicodeScalars.first else { return false }
    return ["=", "+", "-", "@", "\t", "\r"].contains(first)
}

/// SwiftPM links the executable's entry point as `FuzzMembers_main`.
@_cdecl("FuzzMembers_main")
func fuzzMembersMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzMembers(data!, size) }
}
