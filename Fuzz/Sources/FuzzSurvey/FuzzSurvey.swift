import Foundation
import FuzzSupport
import WeftIO

/// The roster the nominations are matched against: a few members with accents, honorifics and
/// emails, so that every matching stage (id, email, normalised name, Jaro–Winkler) runs.
let roster: MemberTable = {
    let path = scratchFile("roster.csv")
    try! "id,name,email\nm1,Ana María López,ana@example.org\nm2,Dr. Kwame Mensah,kwame@example.org\nm3,Nguyễn Văn An,an@example.org\nm4,Sipho Dlamini,\n"
        .write(toFile: path, atomically: true, encoding: .utf8)
    defer { unlink(path) }
    return try! DatasetLoader().load(InputPaths(members: path)).members
}()

/// The first byte picks the survey format; the rest is the export file. Any input must either
/// import or fail with an error — never crash.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSurvey(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let formats = SurveyFormat.allCases
    let format = formats[Int(data[0]) % formats.count]
    let path = scratchFile("survey.csv")
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data + 1, count: size - 1))
    defer { unlink(path) }
    _ = try? SurveyImport(settings: SurveyImportSettings(format: format)).run(path: path, members: roster)
    return 0
}

/// SwiftPM links the executable's entry point as `FuzzSurvey_main`.
@_cdecl("FuzzSurvey_main")
func fuzzSurveyMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzSurvey(data!, size) }
}
