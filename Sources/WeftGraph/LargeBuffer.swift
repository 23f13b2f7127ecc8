#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for a large temporary array, on transparent huge pages where Linux offers them
/// (`madvise(MADV_HUGEPAGE)`): filling a fresh 2 MB page costs one page fault where 512 small
/// pages cost 512, which adds up for a buffer written once per run, and more so when two threads
/// fault at once (they queue on the process's memory map lock). Elsewhere, plain aligned memory.
public enum LargeBuffer {
    static let hugePage = 1 << 21

    /// `count` uninitialised values of `T` (free them with `deallocate`).
    public static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        let bytes = max(1, count * MemoryLayout<T>.stride)
        var memory: UnsafeMutableRawPointer?
        let alignment = bytes >= hugePage ? hugePage : max(16, MemoryLayout<T>.alignment)
        guard posix_memalign(&memory, alignment, bytes) == 0, let memory else {
            fatalError("out of memory allocating \(bytes) bytes")
        }
        #if os(Linux)
        if bytes >= hugePage { _ = madvise(memory, bytes, Int32(MADV_HUGEPAGE)) }
        #endif
        return UnsafeMutableBufferPointer(start: memory.bindMemory(to: T.self, capacity: count), count: count)
    }

    public static func deallocate<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        free(buffer.baseAddress)
    }
}
