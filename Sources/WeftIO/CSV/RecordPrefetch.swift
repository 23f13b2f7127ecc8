import Dispatch
import Synchronization
import WeftGraph

/// Reads a `RecordReader`'s records on a thread of its own, a batch ahead of the caller, so that
/// reading (decoding, splitting fields, handing the bytes to the hash, hashing the ids the caller
/// will look up) and what the caller does with each record (looking up ids, parsing dates and
/// numbers) run on two cores instead of taking turns on one.
///
/// The caller sees exactly the records the reader gives, in the same order, and the reader's
/// error after the records read before it. Records are handed over by swapping: the caller's
/// record goes back to the batch, where the reader refills its storage in place, so no record's
/// bytes are copied or allocated twice. A ring of `batchCount` batches turns: the reader fills
/// the next empty one while the caller empties the oldest full one, each handed over with a
/// semaphore. With two, each side waited on the other's slower batches (on L's interactions the
/// ingesting thread was busy 80% of the time and the reader 60%); with four, the ingesting
/// thread is busy 90%.
///
/// The reader belongs to the reading thread from `init` until `next` has returned false or
/// thrown: the caller must not touch it in between (its `fingerprint` is complete after that).
/// Without a second thread (`Parallel.threadCount` 1), use the reader itself.
final class RecordPrefetch {
    /// Records per batch: small enough to start ingesting soon (a few milliseconds), large enough
    /// that handing a batch over (two semaphore operations, and waking the other thread: tens of
    /// microseconds on a virtual machine) costs little beside reading it. With 1,024, L's
    /// `weft validate` spent about 5% more CPU time than with 8,192.
    static var batchSize: Int { 8192 }
    /// A batch ends early once its records hold this many bytes, and a record kept between
    /// batches holds at most `slotBytes`: long records (a field may have 64 KiB) then cost a few
    /// MiB ahead of the caller, not a batch of them, and never pile up in the batches' slots.
    static var batchBytes: Int { 1 << 20 }
    static var slotBytes: Int { 4096 }
    /// Batches in the ring: the reader may run this many minus one batches ahead.
    static var batchCount: Int { 4 }

    /// Records read ahead, and what came after them.
    private final class Batch: @unchecked Sendable {
        let records: UnsafeMutablePointer<CSVRecord>
        let capacity: Int
        var count = 0
        /// The reader had no record after these (`error` says whether it threw).
        var isLast = false
        var error: (any Error)?
        // Both start at 0 and are signalled to start (a semaphore released below its initial
        // value when it is freed would be a libdispatch error).
        let filled = DispatchSemaphore(value: 0)
        let emptied = DispatchSemaphore(value: 0)

        init(capacity: Int) {
            self.capacity = capacity
            records = .allocate(capacity: capacity)
            for i in 0..<capacity { (records + i).initialize(to: CSVRecord()) }
            emptied.signal()
        }

        deinit {
            records.deinitialize(count: capacity)
            records.deallocate()
        }
    }

    private let batches: [Batch]
    private var reading: BackgroundWork<Void>?
    // The caller's place, read for every record: the batch being emptied (nil before it is handed
    // over), its records and how many, and the next one. Only the calling thread touches them,
    // so they go unchecked for exclusive access.
    @exclusivity(unchecked) private var current = 0
    @exclusivity(unchecked) private var holding: Batch?
    @exclusivity(unchecked) private var records: UnsafeMutablePointer<CSVRecord>?
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var position = 0
    /// Set when the caller stops before the end: the reading thread then stops at its next batch.
    private let stop = StopFlag()

    /// - Parameter keyFields: two fields whose identifier hashes the reading thread takes
    ///   (`CSVRecord.keyHashes`); nil: none.
    init<Reader: RecordReader>(_ reader: Reader, hashing keyFields: (Int, Int)? = nil) {
        let batches = (0..<RecordPrefetch.batchCount).map { _ in Batch(capacity: RecordPrefetch.batchSize) }
        self.batches = batches
        let stop = self.stop
        reading = BackgroundWork(threads: 2) {
            var b = 0
            while true {
                let batch = batches[b]
                batch.emptied.wait()
                var n = 0
                if stop.isSet {
                    batch.isLast = true
                } else {
                    do {
                        var bytes = 0, more = true
                        while more, n < batch.capacity, bytes < RecordPrefetch.batchBytes {
                            batch.records[n].release(above: RecordPrefetch.slotBytes)
                            more = try reader.next(&batch.records[n])
                            if more {
                                batch.records[n].keyHashes = keyFields.map { KeyHashes($0, of: batch.records[n]) } ?? KeyHashes()
                                bytes += batch.records[n].heldBytes
                                n += 1
                            }
                        }
                        batch.isLast = !more
                    } catch {
                        batch.error = error
                        batch.isLast = true
                    }
                }
                batch.count = n
                let last = batch.isLast
                batch.filled.signal()
                if last { return }
                b = (b + 1) % batches.count
            }
        }
    }

    /// The next record, in `record`; false after the last. Rethrows the reader's error where it
    /// occurred.
    func next(_ record: inout CSVRecord) throws -> Bool {
        if position < count, let records {
            swap(&record, &records[position])
            position += 1
            return true
        }
        return try nextBatch(&record)
    }

    /// The record `k` places after the one `next` gave last, when it is already read (in the
    /// batch at hand): valid until the next call to `next`.
    @inline(__always)
    func record(ahead k: Int) -> UnsafePointer<CSVRecord>? {
        let i = position + k - 1
        guard i < count, let records else { return nil }
        return UnsafePointer(records + i)
    }

    /// Hands the emptied batch back to the reading thread and takes the next (or ends).
    private func nextBatch(_ record: inout CSVRecord) throws -> Bool {
        while true {
            if let batch = holding {
                if batch.isLast {
                    finish()
                    if let error = batch.error {
                        batch.error = nil
                        throw error
                    }
                    return false
                }
                holding = nil
                batch.emptied.signal()
                current = (current + 1) % batches.count
            }
            let batch = batches[current]
            batch.filled.wait()
            (holding, records, count, position) = (batch, batch.records, batch.count, 0)
            if count > 0 {
                swap(&record, &batch.records[0])
                position = 1
                return true
            }
        }
    }

    /// Waits for the reading thread to end (it has, or is about to, once the last batch is handed over).
    private func finish() {
        reading?.result()
        reading = nil
    }

    deinit {
        guard reading != nil else { return }
        // The caller stopped early: let the reading thread see the flag at its next batch.
        stop.set()
        for batch in batches { batch.emptied.signal() }
        finish()
    }
}

/// A flag one thread sets and another reads.
private final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
