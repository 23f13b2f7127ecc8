/// A kernel's working array: `count` plain values in memory it owns, freed when it goes out of
/// scope. Noncopyable, so it cannot be shared by accident; its subscript is nonmutating, so the
/// closures of a kernel (including `Parallel.map`'s, each writing its own positions) read and
/// write it without `withUnsafeMutableBufferPointer`.
///
/// Like `CSRView`, each access checks its index with `assert` (debug builds) and compiles to a
/// bare load or store in a release build.
public struct Scratch<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    /// `count` copies of `value`.
    @inlinable
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0, "negative count")
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    /// A copy of `array`.
    @inlinable
    public init(_ array: [Element]) {
        count = array.count
        base = .allocate(capacity: Swift.max(count, 1))
        array.withUnsafeBufferPointer { if let source = $0.baseAddress { base.initialize(from: source, count: count) } }
    }

    deinit { base.deallocate() }

    @inlinable
    public subscript(i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < count, "index out of range")
            return base[i]
        }
        @inline(__always) nonmutating set {
            assert(i >= 0 && i < count, "index out of range")
            base[i] = newValue
        }
    }

    /// Sets every value to `value`.
    @inlinable
    public func fill(_ value: Element) { base.update(repeating: value, count: count) }

    /// The values as a buffer, for `CSRView.with` (valid while this scratch is borrowed).
    @inlinable
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// The values as an array (a copy).
    @inlinable
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The first `length` values as an array (a copy): a scratch sized for the most a kernel
    /// could write, of which it filled the first `length`.
    @inlinable
    public func array(prefix length: Int) -> [Element] {
        precondition(length >= 0 && length <= count, "prefix out of range")
        return Array(UnsafeBufferPointer(start: base, count: length))
    }
}

extension Scratch where Element: Comparable {
    /// Sorts the first `length` values in place (ascending).
    @inlinable
    public func sortPrefix(_ length: Int) {
        precondition(length >= 0 && length <= count, "prefix out of range")
        var values = UnsafeMutableBufferPointer(start: base, count: length)
        values.sort()
    }
}
