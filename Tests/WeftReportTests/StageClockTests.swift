import Foundation
import Testing
@testable import WeftReport

/// `StageClock`: stages run inside another are named under it, their time is part of its time,
/// their peaks count in its peak, and the total counts each second once.
@Suite struct StageClockTests {
    @Test func stagesInsideAStageAreNamedAndCountedUnderIt() {
        let clock = StageClock(enabled: true)
        let value = clock.measure("outer") { () -> Int in
            let a = clock.measure("first") { 1 }
            let b = clock.measure("second") { () -> Int in
                // 64 MiB written, so that this stage's peak stands above the others'.
                var bytes = [UInt8](repeating: 1, count: 64 << 20)
                bytes[12345] = 2
                return Int(bytes[12345])
            }
            return a + b
        }
        #expect(value == 3)
        #expect(clock.stages.map(\.stage) == ["outer", "outer: first", "outer: second"])
        let (outer, first, second) = (clock.stages[0], clock.stages[1], clock.stages[2])
        #expect(outer.seconds >= first.seconds + second.seconds)
        if let o = outer.peakResidentBytes, let f = first.peakResidentBytes, let s = second.peakResidentBytes {
            #expect(o >= s && s >= 64 << 20)
            if clock.record?.peakScope == "stage" { #expect(s >= f + (32 << 20)) }
        }
        let lines = clock.table.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("outer ") && lines[2].hasPrefix("  first ") && lines[3].hasPrefix("  second "))
        #expect(lines[4] == "total" + String(repeating: " ", count: lines[0].count - "total".count - 19) + String(format: "  %7.3f", outer.seconds))
    }

    @Test func aDisabledClockRecordsNothing() {
        let clock = StageClock(enabled: false)
        #expect(clock.measure("outer") { clock.measure("inner") { 7 } } == 7)
        #expect(clock.stages.isEmpty && clock.record == nil)
    }
}
