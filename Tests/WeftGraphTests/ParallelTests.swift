import Foundation
import Synchronization
import Testing
@testable import WeftGraph

/// `Parallel`: results in chunk order whatever the thread count, every chunk run once, and a
/// workspace never used by two threads at once — also when the caller makes the workspaces and
/// passes them to several calls.
@Suite struct ParallelTests {
    /// Scratch that notices being entered by a second thread while one is inside.
    final class Scratch: Sendable {
        let inside = Atomic<Bool>(false)
        let overlaps = Atomic<Int>(0)
        let uses = Atomic<Int>(0)
        func use<T>(_ body: () -> T) -> T {
            if inside.exchange(true, ordering: .acquiringAndReleasing) { overlaps.wrappingAdd(1, ordering: .relaxed) }
            uses.wrappingAdd(1, ordering: .relaxed)
            var spin = 0
            for i in 0..<2_000 { spin &+= i }   // long enough for the threads to meet
            let value = body()
            inside.store(false, ordering: .releasing)
            return spin >= 0 ? value : value
        }
    }

    @Test(arguments: [1, 2, 4])
    func resultsComeInChunkOrder(threads: Int) {
        let made = Atomic<Int>(0)
        let results = Parallel.map(chunks: 37, threads: threads, workspace: { () -> Scratch in
            made.wrappingAdd(1, ordering: .relaxed)
            return Scratch()
        }) { scratch, chunk in scratch.use { chunk * chunk } }
        #expect(results == (0..<37).map { $0 * $0 })
        #expect(made.load(ordering: .relaxed) == threads)   // one workspace per thread
    }

    @Test(arguments: [1, 2, 3])
    func workspacesMadeBeforehandServeEveryCall(count: Int) {
        let workspaces = (0..<count).map { _ in Scratch() }
        for call in 0..<5 {
            let results = Parallel.map(chunks: 11, workspaces: workspaces) { scratch, chunk in scratch.use { call * 100 + chunk } }
            #expect(results == (0..<11).map { call * 100 + $0 })
        }
        #expect(workspaces.reduce(0) { $0 + $1.uses.load(ordering: .relaxed) } == 55)
        #expect(workspaces.allSatisfy { $0.overlaps.load(ordering: .relaxed) == 0 })
        // Fewer chunks than workspaces: only as many threads as chunks.
        let few = (0..<4).map { _ in Scratch() }
        #expect(Parallel.map(chunks: 2, workspaces: few) { scratch, chunk in scratch.use { chunk } } == [0, 1])
        #expect(few[2].uses.load(ordering: .relaxed) == 0 && few[3].uses.load(ordering: .relaxed) == 0)
    }

    struct Failure: Error, Equatable { let which: Int }

    @Test func bothReturnsBothAndRethrowsTheFirstError() throws {
        let (a, b) = Parallel.both({ "first" }, { 2 })
        #expect(a == "first" && b == 2)
        #expect(throws: Failure(which: 1)) {
            _ = try Parallel.both({ () throws -> Int in throw Failure(which: 1) }, { () throws -> Int in throw Failure(which: 2) })
        }
    }

    /// `streamChunks`: every range made once, consumed once and in order, by one thread at a time,
    /// never more than the window ahead; ranges of very different cost (the slow ones force the
    /// fast thread to run ahead and wait); the first error of `consume` is rethrown and nothing is
    /// consumed after it.
    @Test(arguments: [1, 2, 3, 4])
    func streamedChunksAreConsumedInOrder(threads: Int) throws {
        let consuming = Scratch()
        var consumed: [Range<Int>] = []
        let made = Atomic<Int>(0)
        try Parallel.streamChunks(count: 1_003, chunkSize: 10, threads: threads, make: { range -> Range<Int> in
            made.wrappingAdd(1, ordering: .relaxed)
            var spin = 0
            for i in 0..<(range.lowerBound % 70 == 0 ? 200_000 : 100) { spin &+= i }   // a few slow ranges
            return spin >= 0 ? range : range
        }, consume: { range in consuming.use { consumed.append(range) } })
        #expect(consumed == (0..<101).map { $0 * 10..<min(1_003, $0 * 10 + 10) })
        #expect(made.load(ordering: .relaxed) == 101)
        #expect(consuming.overlaps.load(ordering: .relaxed) == 0)
        try Parallel.streamChunks(count: 0, chunkSize: 10, threads: threads, make: { $0 }, consume: { _ in Issue.record("no range") })

        var after: [Int] = []
        #expect(throws: Failure(which: 30)) {
            try Parallel.streamChunks(count: 100, chunkSize: 10, threads: threads, make: { $0.lowerBound }, consume: { start in
                after.append(start)
                if start >= 30 { throw Failure(which: start) }
            })
        }
        #expect(after == [0, 10, 20, 30])
    }

    /// Counts a background work's runs (a class: the work's closure outlives the test's frame).
    final class Runs: Sendable {
        let count = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)
    }

    @Test(arguments: [(1, true), (2, true), (2, false)])
    func backgroundWorkRunsOnceAndGivesItsResult(threads: Int, startNow: Bool) {
        let runs = Runs()
        let work = BackgroundWork(threads: threads, startNow: startNow) { () -> [Int] in
            runs.count.add(1, ordering: .relaxed)
            return (0..<100_000).map { $0 &* 3 }
        }
        // Not started (one thread, or startNow false): nothing runs until it is collected.
        let runsBefore = runs.count.load(ordering: .relaxed)
        if threads == 1 || !startNow { #expect(runsBefore == 0) }
        #expect(work.result() == (0..<100_000).map { $0 &* 3 })
        #expect(work.result().count == 100_000)   // a second collection gives the same result
        let runsAfter = runs.count.load(ordering: .relaxed)
        #expect(runsAfter == 1)
    }

    @Test func backgroundWorkNeverCollectedEndsCleanly() {
        let runs = Runs()
        do {
            _ = BackgroundWork(threads: 2) { runs.finished.store(true, ordering: .relaxed); return 1 }
        }
        // The thread holds its work until it ends, then detaches itself; nothing waits for it here.
        for _ in 0..<10_000 where !runs.finished.load(ordering: .relaxed) { usleep(100) }
        let finished = runs.finished.load(ordering: .relaxed)
        #expect(finished)
    }
}
