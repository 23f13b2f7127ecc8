import Foundation
import WeftIO

/// The bundled SampleData (members, interactions and attendance), read as `weft analyze` reads it.
func sampleDataset() throws -> Dataset {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")
    return try DatasetLoader().load(InputPaths(members: folder.appendingPathComponent("members.csv").path,
                                               interactions: folder.appendingPathComponent("interactions.csv").path,
                                               attendance: folder.appendingPathComponent("attendance.csv").path))
}
