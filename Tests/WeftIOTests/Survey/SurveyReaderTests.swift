import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// survey.csv (long form) read into the dataset's survey log.
@Suite struct SurveyReaderTests {
    let members = "id,name,country\na,Ana,KE\nb,Bo,UG\nc,Cy,KE\nd,Di,UG\n"

    @Test func rowsAreAcceptedOrRejectedAndMembersInterned() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", members)
        let s = try folder.write("survey.csv", """
            respondent,alter,relation,value,wave
            a,b,advice,3,2024-06-01
            a,c,advice,Weekly,2024-06-01
            b,a,advice,,2024-06-01
            c,c,advice,1,2024-06-01
            d,zed,advice,1,2024-06-01
            a,b,trust,Fortnightly,2024-06-01
            b,a,advice,0,2023-01-15
            c,a,advice,2,2023-01-15

            """)
        let d = try DatasetLoader(unknownMembers: .reject).load(InputPaths(members: m, survey: s))
        let file = try #require(d.files.first { $0.kind == .survey })
        #expect(file.rowsRead == 8 && file.accepted == 5 && file.rejected == 3 && file.isBalanced)
        #expect(d.rejects.map { "\($0.line):\($0.column ?? 0)" } == ["5:2", "6:2", "7:4"])
        #expect(d.rejects[0].reason.contains("names themself"))
        #expect(d.rejects[1].reason.contains("unknown member 'zed'"))
        let log = d.survey
        #expect(log.count == 4, "the 0 answer is accepted and stores no tie")
        #expect(log.waves.identifiers == ["2023-01-15", "2024-06-01"], "date waves are ordered by date")
        #expect(log.value == [3, 3, 1, 2])
        #expect(log.wave == [1, 1, 1, 0])
        #expect(log.respondents(wave: 0) == [2], "b answered 0 only: without a list, not a respondent")
        #expect(log.respondents(wave: 1) == [0, 1])
    }

    @Test func aRespondentsListCoversTheWavesItNames() throws {
        let folder = try TempFolder()
        let m = try folder.write("members.csv", members)
        let s = try folder.write("survey.csv", "respondent,alter,relation,wave\na,b,advice,w1\nb,a,advice,w1\na,b,advice,w2\n")
        let r = try folder.write("respondents.csv", "respondent,wave\na,w1\nb,w1\nd,w1\n")
        let d = try DatasetLoader().load(InputPaths(members: m, survey: s, respondents: r))
        #expect(d.survey.waves.identifiers == ["w1", "w2"], "labels keep the order of first appearance")
        #expect(d.survey.respondents(wave: 0) == [0, 1, 3], "d answered and named nobody")
        #expect(d.survey.hasList(wave: 0) && !d.survey.hasList(wave: 1))
        #expect(d.survey.respondents(wave: 1) == [0])
        #expect(d.rowsRead == d.rowsAccepted + d.rowsRejected)
    }

    @Test func aDataFolderIsSearchedForSurveyFiles() throws {
        let paths = InputPaths().filling(from: "/data") { $0 == "/data/survey.csv" || $0 == "/data/respondents.csv" }
        #expect(paths.survey == "/data/survey.csv" && paths.respondents == "/data/respondents.csv")
    }
}
