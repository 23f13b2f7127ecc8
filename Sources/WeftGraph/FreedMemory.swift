#if canImport(Glibc)
import Glibc
#endif

/// Hands the pages a run has freed back to the system, between the stages of a large analysis.
///
/// glibc's malloc keeps freed memory for the process's next allocations. Once it has seen a few
/// large arrays freed it raises its mmap threshold, so that arrays of a few megabytes (one value per
/// member of a network of half a million) come from the heap, and when a stage frees them they
/// stay resident as holes between the arrays the run keeps; the next stage's peak then adds to
/// them. `malloc_trim(0)` returns every whole free page, wherever it sits in the heap
/// (`madvise(MADV_DONTNEED)`), at the cost of a walk over the free lists (milliseconds) and of
/// faulting those pages in again when they are reused. `limitArenas()` keeps what one thread
/// frees usable by the others. A no-op where glibc is not the allocator.
public enum FreedMemory {
    /// Returns the heap's free pages to the system.
    public static func release() {
        _ = trim?(0)
    }

    /// Makes the threads share two heaps (glibc's `M_ARENA_MAX` = 2: the main thread's and one for
    /// every other), to be called before any thread starts. By default each thread that allocates
    /// gets an arena of its own, and what one thread frees only serves that thread's later
    /// allocations: when a long stage runs on a thread of its own beside the kernels' worker
    /// threads, the memory it frees stays resident beside theirs. With one arena for all, the
    /// report writers (which allocate a string per cell on two threads at once) wait for each
    /// other's malloc; two keep them apart. With the community search in the background, the L
    /// sample's peak was 1,537 MB with glibc's default arenas (one run) and 1,434–1,537 MB, mean
    /// 1,480 MB, with two (five runs); docs/performance.md has the measurements.
    public static func limitArenas() {
        _ = setOption?(-8, 2)   // M_ARENA_MAX
    }

    /// Serves every allocation of at least `bytes` from a mapping of its own, returned to the
    /// system when it is freed (glibc's `M_MMAP_THRESHOLD`, which also stops malloc raising the
    /// threshold by itself). For large networks: by default, after the first few large arrays
    /// are freed, malloc serves arrays of up to 32 MB from its heap, where a freed one stays
    /// resident until the next `release()` — holes that the next stage's peak adds to. Each
    /// array then costs fresh pages instead (the system time of faulting them in). On the L
    /// sample (500,000 members) at 3 MB: peak 1,207,984 → 1,090,160 KB, system time 9.5 → 11.0 s,
    /// one run each (docs/performance.md).
    public static func mapAllocations(atLeast bytes: Int) {
        _ = setOption?(-3, Int32(clamping: bytes))   // M_MMAP_THRESHOLD
    }

    /// glibc's `int mallopt(int param, int value)`, looked up like `malloc_trim`.
    private static let setOption: (@convention(c) (Int32, Int32) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// glibc's `int malloc_trim(size_t pad)`, looked up at run time (Swift's Glibc module does not
    /// import malloc.h); nil with another C library.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
