import Foundation
import FuzzSupport
import WeftImport

/// A Slack export folder whose users.json is fixed and whose one day file is the input, imported
/// as `weft import slack` reads it (element splitting, JSON, subtypes, threads, mentions,
/// reactions). Any input must either import or fail with an error — never crash.
let export: String = {
    let folder = scratchFile("slack-export")
    try? FileManager.default.createDirectory(atPath: folder + "/general", withIntermediateDirectories: true)
    try! """
        [{"id": "U1", "name": "ana", "real_name": "Ana Silva", "profile": {"email": "ana@example.org"}, "is_bot": false},
         {"id": "U2", "name": "kwame", "profile": {"real_name": "Kwame Mensah"}},
         {"id": "U3", "name": "polly", "is_bot": true}]
        """.write(toFile: folder + "/users.json", atomically: true, encoding: .utf8)
    return folder
}()

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSlack(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: export + "/general/2024-03-11.json", contents: Data(bytes: data, count: size))
    _ = try? InteractionImport(settings: InteractionImportSettings(format: .slack)).run(inputs: [export], roster: nil)
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzSlack_main`.
@_cdecl("FuzzSlack_main")
func fuzzSlackMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzSlack(data!, size) }
}
