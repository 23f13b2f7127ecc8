import Dispatch
import Synchronization

/// Splits work across the machine's cores. Results are always combined in chunk order, so the
/// output is the same whatever the number of threads.
public enum Parallel {
    /// Threads to use: `WEFT_THREADS` if set (≥ 1), otherwise the number of active cores.
    public static let threadCount: Int = {
        if let text = getenv("WEFT_THREADS").map({ String(cString: $0) }), let n = Int(text), n >= 1 { return n }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// Runs `body(chunk)` for chunk in 0..<chunks on at most `threads` threads and returns the
    /// results in chunk order.
    public static func map<T>(chunks: Int, threads: Int = threadCount, _ body: (Int) -> T) -> [T] {
        map(chunks: chunks, threads: threads, workspace: { () }) { _, chunk in body(chunk) }
    }

    /// Runs `body(workspace, chunk)` for chunk in 0..<chunks on at most `threads` threads. Each
    /// thread makes one workspace with `makeWorkspace` and reuses it for every chunk it takes;
    /// threads take the next chunk as they become free. Results come back in chunk order.
    public static func map<Workspace, T>(chunks: Int, threads: Int = threadCount, workspace makeWorkspace: () -> Workspace,
                                         _ body: (Workspace, Int) -> T) -> [T] {
        run(chunks: chunks, workers: max(1, min(threads, chunks)), workspace: { _ in makeWorkspace() }, body)
    }

    /// `map(chunks:threads:workspace:)` with workspaces made beforehand, one per thread (as many
    /// threads as `workspaces` has entries, at most `chunks`), for work that calls `map` several
    /// times with the same scratch: each call reuses them instead of allocating its own, which on
    /// large networks would leave the freed buffers of every call scattered in the heap.
    public static func map<Workspace, T>(chunks: Int, workspaces: [Workspace], _ body: (Workspace, Int) -> T) -> [T] {
        precondition(!workspaces.isEmpty, "Parallel.map needs at least one workspace")
        return run(chunks: chunks, workers: max(1, min(workspaces.count, chunks)), workspace: { workspaces[$0] }, body)
    }

    /// The workers of `map`: worker w gets `workspace(w)` and takes chunks until none is left.
    private static func run<Workspace, T>(chunks: Int, workers: Int, workspace: (Int) -> Workspace,
                                          _ body: (Workspace, Int) -> T) -> [T] {
        if workers == 1 {
            let space = workspace(0)
            return (0..<chunks).map { body(space, $0) }
        }
        let results = ResultSlots<T>(count: chunks)
        let counter = ChunkCounter()
        withoutActuallyEscaping(workspace) { workspace in
            withoutActuallyEscaping(body) { body in
                let work = UncheckedSendable((workspace, body))
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let space = work.value.0(worker)
                    while true {
                        let chunk = counter.take()
                        if chunk >= chunks { break }
                        results.set(chunk, work.value.1(space, chunk))
                    }
                }
            }
        }
        return results.values()
    }

    /// Makes `make(range)` for consecutive ranges of `chunkSize` positions covering `0..<count`
    /// on `threads` threads and hands each result to `consume`, in range order, one at a time:
    /// for streaming writers whose rows cost more to format than to write and must be written in
    /// order. Threads take ranges as they become free; whichever finds the next result in order
    /// ready consumes it (and those after it), so that no thread waits on a round's slowest range.
    /// What `consume` sees is the same for any thread count. A thread does not run more than
    /// `4 × threads` ranges ahead of the last consumed, which bounds the results held. The first
    /// error `consume` throws is rethrown at the end (no result is consumed after it).
    public static func streamChunks<T>(count: Int, chunkSize: Int, threads: Int = threadCount,
                                       make: (Range<Int>) -> T, consume: (T) throws -> Void) throws {
        let chunks = (count + chunkSize - 1) / chunkSize
        @Sendable func range(_ c: Int) -> Range<Int> { c * chunkSize..<min(count, (c + 1) * chunkSize) }
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            for c in 0..<chunks { try consume(make(range(c))) }
            return
        }
        let handOver = OrderedHandOver<T>()
        let counter = ChunkCounter()
        let window = 4 * workers
        withoutActuallyEscaping(make) { make in
            withoutActuallyEscaping(consume) { consume in
                let work = UncheckedSendable((make, consume))
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while true {
                        let c = counter.take()
                        if c >= chunks { break }
                        while c >= handOver.taken + window {
                            handOver.drain(work.value.1)
                            sched_yield()
                        }
                        handOver.deposit(c, work.value.0(range(c)))
                        handOver.drain(work.value.1)
                    }
                }
                handOver.drain(work.value.1)
            }
        }
        if let failure = handOver.failure { throw failure }
    }

    /// Runs two independent pieces of work, side by side when `threads` allows (one after the other
    /// on one thread), and returns both results. For stages that depend on nothing of each other:
    /// each keeps its own thread-count-independent result.
    ///
    /// `first` runs on a thread of its own (`BackgroundWork`) and `second` on the caller's, not as
    /// two iterations of one `concurrentPerform`: GCD runs a `concurrentPerform` made inside
    /// another's iteration on that one thread, so work inside either piece that splits itself
    /// (`map`, `streamChunks`) would get one core even after the other piece had ended. This way
    /// each piece's own splitting gets every core (measured: two units of work split inside a
    /// nested `concurrentPerform` took 0.60 s against 0.30 s, and 0.30 s from a thread of its own).
    public static func both<A, B>(threads: Int = threadCount, _ first: () -> A, _ second: () -> B) -> (A, B) {
        guard threads > 1 else { return (first(), second()) }
        return withoutActuallyEscaping(first) { first in
            let background = BackgroundWork(threads: threads, first)
            let b = second()
            return (background.result(), b)   // joins the thread before `first` stops being valid
        }
    }

    /// `both` for work that can throw: both pieces run to their end, and the first one's error
    /// (else the second's) is rethrown.
    public static func both<A, B>(threads: Int = threadCount, _ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        let (a, b) = both(threads: threads, { Result { try first() } }, { Result { try second() } })
        return (try a.get(), try b.get())
    }

    /// Splits `0..<total` into `parts` contiguous ranges whose `weight` sums are about equal.
    /// `prefix` is a prefix-sum array of length total + 1 (prefix[i] = weight of items before i).
    public static func balancedRanges(prefix: [Int], parts: Int) -> [Range<Int>] {
        let total = prefix.count - 1
        guard parts > 1, total > 0 else { return [0..<total] }
        var ranges: [Range<Int>] = []
        var lower = 0
        for part in 1..<parts {
            let goal = prefix[total] / parts * part
            var lo = lower, hi = total
            while lo < hi {
                let mid = (lo + hi) / 2
                if prefix[mid] < goal { lo = mid + 1 } else { hi = mid }
            }
            ranges.append(lower..<lo)
            lower = lo
        }
        ranges.append(lower..<total)
        return ranges
    }
}

/// One long piece of work started on a thread of its own and collected later with `result()`: for
/// a stage that cannot split itself and whose inputs are ready long before its result is needed,
/// so that it fills the core the stages in between leave idle. The work must not touch anything
/// the caller changes meanwhile. With one thread (`threads` 1), or when `startNow` is false, the
/// work runs in `result()` on the caller's thread instead: the result is the same either way.
public final class BackgroundWork<T>: @unchecked Sendable {
    private var work: (() -> T)?
    private var value: T?
    private var thread: pthread_t?

    public init(threads: Int = Parallel.threadCount, startNow: Bool = true, _ work: @escaping () -> T) {
        self.work = work
        guard threads > 1, startNow else { return }
        // The thread holds this object until its work is done.
        let start = ThreadStart { self.value = self.work!() }
        let context = Unmanaged.passRetained(start).toOpaque()
        var thread = pthread_t()
        if pthread_create(&thread, nil, { context in
            let start = Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue()
            start.body()
            return nil
        }, context) == 0 {
            self.thread = thread
        } else {
            Unmanaged<ThreadStart>.fromOpaque(context).release()   // no thread: `result()` runs the work
        }
    }

    /// The work's result: waits for its thread, or runs the work here if it was not started.
    public func result() -> T {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        } else if value == nil, let work {
            value = work()
        }
        work = nil
        return value!
    }

    deinit {
        // Never collected: the last reference went with the thread's own, so this runs on it.
        if let thread { pthread_detach(thread) }
    }
}

/// The closure a `BackgroundWork` thread runs (a class, so one pointer carries it through pthreads).
private final class ThreadStart {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Write-once result slots shared by the chunks of `Parallel.map`; each chunk writes only its own.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ value: T) { slots[i] = value }
    func values() -> [T] { slots.map { $0! } }
}

/// The in-order hand-over of `Parallel.streamChunks`: results deposited by any thread, and
/// consumed in chunk order by whichever thread finds the next one ready, one thread at a time.
private final class OrderedHandOver<T>: @unchecked Sendable {
    private struct State {
        var ready: [Int: UncheckedSendable<T>] = [:]   // each result is handed from one thread to one other
        /// The next chunk to consume.
        var next = 0
        var draining = false
        var failure: Error?
    }
    private let state = Mutex(State())

    /// Chunks taken for consuming so far.
    var taken: Int { state.withLock { $0.next } }
    var failure: Error? { state.withLock { $0.failure } }

    func deposit(_ chunk: Int, _ value: T) {
        let result = UncheckedSendable(value)
        state.withLock { $0.ready[chunk] = result }
    }

    /// Consumes every result ready in order, unless another thread is doing so: that thread then
    /// sees this one's deposit (it looks for the next result under the same lock).
    func drain(_ consume: (T) throws -> Void) {
        let mine = state.withLock { s -> Bool in
            if s.draining { return false }
            s.draining = true
            return true
        }
        guard mine else { return }
        while true {
            let item = state.withLock { s -> (T, skip: Bool)? in
                guard let value = s.ready.removeValue(forKey: s.next) else {
                    s.draining = false
                    return nil
                }
                s.next += 1
                return (value.value, s.failure != nil)
            }
            guard let (value, skip) = item else { return }
            if skip { continue }
            do { try consume(value) } catch { state.withLock { s in s.failure = s.failure ?? error } }
        }
    }
}

/// Hands out chunk numbers 0, 1, 2, … to the threads: one atomic counter (no lock, no stored
/// pthread mutex whose address Swift would not promise to keep).
private final class ChunkCounter: Sendable {
    private let next = Atomic<Int>(0)
    func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).oldValue }
}

private struct UncheckedSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
