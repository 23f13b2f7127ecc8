import WeftGraph

/// The machine's sustainable memory bandwidth as the STREAM benchmark's triad measures it:
/// a[i] = b[i] + s·c[i] over three arrays far larger than the caches, split evenly across the
/// threads, counting 24 bytes per element (two reads, one write). The best of `reps` passes.
/// Reference: McCalpin, "Memory bandwidth and machine balance in current high performance
/// computers", IEEE TCCA Newsletter, 1995.
enum StreamTriad {
    static func bytesPerSecond(threads: Int, count: Int = 1 << 24, reps: Int = 5) -> Double {
        let a = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let c = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        let parts = (0..<threads).map { t in (count * t / threads)..<(count * (t + 1) / threads) }
        // First touch by the thread that will use each part.
        _ = Parallel.map(chunks: threads, threads: threads) { t in
            for i in parts[t] { a[i] = 0; b[i] = 1; c[i] = 2 }
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<reps {
            let start = clock.now
            _ = Parallel.map(chunks: threads, threads: threads) { t in
                for i in parts[t] { a[i] = b[i] + 3 * c[i] }
            }
            let elapsed = start.duration(to: clock.now).components
            best = min(best, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        }
        return Double(3 * count * MemoryLayout<Double>.size) / best
    }
}
