import Foundation
@testable import WeftImport
import WeftIO

/// The fixtures folder (made by Fixtures/make_fixtures.py) and the conversions the tests share.
enum ImportFixtures {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").path

    static func roster(_ name: String = "members.csv") throws -> MemberTable {
        try DatasetLoader().load(InputPaths(members: folder + "/" + name)).members
    }

    static func interactions(_ format: ImportFormat, _ files: [String], roster: MemberTable?,
                             configure: (inout InteractionImportSettings) -> Void = { _ in }) throws -> InteractionImport.Outcome {
        var settings = InteractionImportSettings(format: format)
        configure(&settings)
        return try InteractionImport(settings: settings).run(inputs: files.map { folder + "/" + $0 }, roster: roster)
    }

    /// interactions.csv as written.
    static func csv(_ rows: [InteractionImport.Row]) throws -> String {
        let path = NSTemporaryDirectory() + "/weft-import-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ImportWriter.writeInteractions(rows, to: path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Each account as [rows read, accepted, rejected].
    static func counts(_ accounts: [InputAccount]) -> [[Int]] { accounts.map { [$0.rowsRead, $0.accepted, $0.rejected] } }
}
