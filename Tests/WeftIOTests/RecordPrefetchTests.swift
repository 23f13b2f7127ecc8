import Testing
import WeftGraph
@testable import WeftIO

/// `RecordPrefetch` hands over exactly what its reader reads: every record in order (across batch
/// boundaries), the reader's error after the records before it, and nothing hangs when the caller
/// stops early.
@Suite struct RecordPrefetchTests {
    /// A CSV reader that throws after `failAfter` records (nil: never).
    final class FailingReader: RecordReader {
        struct Broken: Error, Equatable { let after: Int }
        let inner: CSVReader
        let failAfter: Int?
        private var given = 0

        init(rows: Int, failAfter: Int?, long: (Int) -> Int = { _ in 0 }) throws {
            let text = "id,value\n" + (0..<rows).map { "m\($0),\"v \($0)\(String(repeating: "x", count: long($0)))\"\n" }.joined()
            inner = try CSVReader(bytes: Array(text.utf8), label: "t.csv")
            self.failAfter = failAfter
        }

        var label: String { inner.label }
        var header: [String] { inner.header }
        var headerLine: Int { inner.headerLine }
        var layout: InputLayout { inner.layout }
        var fingerprint: SHA256 { inner.fingerprint }
        var estimatedRecordCount: Int? { nil }

        func next(_ record: inout CSVRecord) throws -> Bool {
            if let failAfter, given == failAfter { throw Broken(after: given) }
            given += 1
            return try inner.next(&record)
        }
    }

    /// The fields and lines `next` gives until it returns false or throws.
    func drain(_ next: (inout CSVRecord) throws -> Bool) -> (rows: [[String]], lines: [Int], error: (any Error)?) {
        var rows: [[String]] = [], lines: [Int] = []
        var record = CSVRecord()
        do {
            while try next(&record) {
                rows.append((0..<record.fieldCount).map { record.displayString($0) })
                lines.append(record.line)
            }
            #expect(try !next(&record), "the end stays the end")
        } catch {
            return (rows, lines, error)
        }
        return (rows, lines, nil)
    }

    @Test(arguments: [0, 1, RecordPrefetch.batchSize - 1, RecordPrefetch.batchSize, RecordPrefetch.batchSize + 1, 3 * RecordPrefetch.batchSize + 17])
    func givesTheReadersRecordsInOrder(rows: Int) throws {
        let direct = try FailingReader(rows: rows, failAfter: nil)
        let expected = drain { try direct.next(&$0) }
        let prefetch = RecordPrefetch(try FailingReader(rows: rows, failAfter: nil))
        let got = drain { try prefetch.next(&$0) }
        #expect(got.rows == expected.rows && got.lines == expected.lines)
        #expect(got.rows.count == rows && got.error == nil)
    }

    /// With key fields, every record handed over (across batches, records reused in place) carries
    /// the identifier hashes of exactly its own trimmed fields; without, none.
    @Test(arguments: [5, 2 * RecordPrefetch.batchSize + 3])
    func hashesEachRecordsOwnKeyFields(rows: Int) throws {
        let prefetch = RecordPrefetch(try FailingReader(rows: rows, failAfter: nil, long: { $0 % 7 }), hashing: (1, 0))
        var record = CSVRecord(), seen = 0
        while try prefetch.next(&record) {
            let expected = record.withTrimmedBytes(1, 0) { (IdentifierRegistry.hash($0), IdentifierRegistry.hash($1)) }
            #expect(record.keyHashes.pair.map { $0 == expected } == true)
            #expect(record.keyHashes.hash(ofField: 0) == expected.1 && record.keyHashes.hash(ofField: 1) == expected.0)
            #expect(record.keyHashes.hash(ofField: 2) == nil)
            seen += 1
        }
        #expect(seen == rows)
        let plain = RecordPrefetch(try FailingReader(rows: rows, failAfter: nil))
        while try plain.next(&record) { #expect(record.keyHashes.pair == nil && record.keyHashes.hash(ofField: 0) == nil) }
    }

    /// `record(ahead: k)` shows the record `next` gives k calls later, or nil when that one is
    /// not in the batch at hand (ingest's lookahead only hints, so it may miss, never mislead).
    @Test(arguments: [1, 8, RecordPrefetch.batchSize])
    func looksAheadAtTheRecordsToCome(k: Int) throws {
        let rows = 3 * RecordPrefetch.batchSize + 17
        let prefetch = RecordPrefetch(try FailingReader(rows: rows, failAfter: nil))
        var record = CSVRecord(), seen: [[String]] = [], promised: [Int: [String]] = [:], shown = 0
        while try prefetch.next(&record) {
            let row = (0..<record.fieldCount).map { record.displayString($0) }
            if let promise = promised[seen.count] { #expect(promise == row) }
            seen.append(row)
            if let ahead = prefetch.record(ahead: k) {
                promised[seen.count - 1 + k] = (0..<ahead.pointee.fieldCount).map { ahead.pointee.displayString($0) }
                shown += 1
            }
        }
        #expect(seen.count == rows && seen.last == ["m\(rows - 1)", "v \(rows - 1)"])
        // Within a batch every record but the last k is shown ahead.
        #expect(shown >= rows - 4 * k && (k < RecordPrefetch.batchSize || shown == 0))
    }

    @Test func longRecordsComeThroughWholeAndInOrder() throws {
        // Records of up to 60 KB among short ones, so that batches end at `batchBytes` and slots
        // let go of their long buffers: every record still arrives whole and in order.
        let long: (Int) -> Int = { $0 % 7 == 3 ? 60_000 - $0 : ($0 % 50 == 0 ? 5_000 : 0) }
        let direct = try FailingReader(rows: 700, failAfter: nil, long: long)
        let expected = drain { try direct.next(&$0) }
        let prefetch = RecordPrefetch(try FailingReader(rows: 700, failAfter: nil, long: long))
        let got = drain { try prefetch.next(&$0) }
        #expect(got.rows.count == 700 && got.error == nil)
        #expect(got.rows == expected.rows && got.lines == expected.lines)
        #expect(got.rows[3][1].count == 2 + 1 + 60_000 - 3)
    }

    @Test(arguments: [0, 5, RecordPrefetch.batchSize, 2 * RecordPrefetch.batchSize + 3])
    func rethrowsTheReadersErrorAfterTheRecordsBeforeIt(failAfter: Int) throws {
        let prefetch = RecordPrefetch(try FailingReader(rows: 3 * RecordPrefetch.batchSize, failAfter: failAfter))
        let got = drain { try prefetch.next(&$0) }
        #expect(got.rows.count == failAfter)
        #expect(got.rows.last == (failAfter > 0 ? ["m\(failAfter - 1)", "v \(failAfter - 1)"] : nil))
        #expect(got.error as? FailingReader.Broken == FailingReader.Broken(after: failAfter))
    }

    @Test func stoppingEarlyEndsTheReadingThread() throws {
        // Dropped after a few records, before the first batch, and after several: each returns.
        for taken in [0, 3, 2 * RecordPrefetch.batchSize + 1] {
            let reader = try FailingReader(rows: 10 * RecordPrefetch.batchSize, failAfter: nil)
            do {
                let prefetch = RecordPrefetch(reader)
                var record = CSVRecord()
                for _ in 0..<taken { #expect(try prefetch.next(&record)) }
            }
            // The reading thread has stopped, having read at least what was taken: the reader is
            // the caller's again, past those records (or at its end).
            var record = CSVRecord()
            let more = try reader.next(&record)
            #expect(!more || record.line >= taken + 2)
        }
    }
}
