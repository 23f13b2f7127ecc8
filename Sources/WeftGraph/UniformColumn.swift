/// A column of per-record values that are usually all equal — interaction weights (a log without
/// a weight column is all 1), direction flags — held as that one value while every record has it,
/// and as an array from the first record that differs. On a log of ten million unit weights that
/// is 80 MB not held for as long as the records are; reading a value costs one well-predicted
/// branch more than an array.
///
/// A collection of `count` values like an array: equal to another column or an array literal
/// when the values are, whichever way either is stored. Its reads are `@inlinable`, so that the
/// kernels of other modules get them specialised (a generic call per record would cost more than
/// the memory saved).
public struct UniformColumn<Element: Equatable & Sendable>: RandomAccessCollection, Equatable, Sendable,
    ExpressibleByArrayLiteral {
    /// The value of every element while they are all equal (nil when empty or once they differ).
    public private(set) var uniformValue: Element?
    /// The elements once they differ (empty while uniform).
    @usableFromInline var values: [Element] = []
    @usableFromInline var length = 0
    /// Capacity to reserve if the values come to be held one by one.
    private var capacityHint = 0

    public init() {}

    /// `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0, "negative count")
        if count > 0 { uniformValue = value }
        length = count
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for x in elements { append(x) }
    }

    public init(arrayLiteral elements: Element...) { self.init(elements) }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { length }
    @inlinable public var count: Int { length }

    /// Whether every element is the same value (true when empty).
    @inlinable public var isUniform: Bool { values.isEmpty }

    @inlinable
    public subscript(i: Int) -> Element {
        @inline(__always) get {
            if let uniformValue {
                precondition(i >= 0 && i < length, "index out of range")
                return uniformValue
            }
            return values[i]
        }
        set {
            if let uniformValue {
                precondition(i >= 0 && i < length, "index out of range")
                if newValue == uniformValue { return }
                spell(out: uniformValue)
            }
            values[i] = newValue
        }
    }

    public mutating func append(_ value: Element) {
        if length == 0 {
            uniformValue = value
        } else if let uniformValue, value != uniformValue {
            spell(out: uniformValue)
        }
        if uniformValue == nil { values.append(value) }
        length += 1
    }

    /// Reserves room for `n` elements, taken only if they come to be held one by one.
    public mutating func reserveCapacity(_ n: Int) {
        capacityHint = Swift.max(capacityHint, n)
        if uniformValue == nil { values.reserveCapacity(n) }
    }

    /// The elements in the order `order` lists their positions (a permutation of the indices).
    public func permuted(_ order: [Int]) -> UniformColumn {
        precondition(order.count == length, "one position per element")
        guard uniformValue == nil else { return self }
        var column = self
        column.values = order.map { values[$0] }
        return column
    }

    public static func == (a: UniformColumn, b: UniformColumn) -> Bool {
        guard a.length == b.length else { return false }
        if let x = a.uniformValue, let y = b.uniformValue { return x == y }
        return a.elementsEqual(b)
    }

    /// `body` over the elements as a mutable buffer when `spelledOut` (the column holds every
    /// element from here on, for a writer that fills positions from several threads); over an
    /// empty buffer otherwise.
    public mutating func withElementBuffer<R>(spelledOut: Bool, _ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        guard spelledOut else { return try body(UnsafeMutableBufferPointer(start: nil, count: 0)) }
        if let uniformValue { spell(out: uniformValue) }
        return try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Switches to holding every element, each `value` so far.
    @usableFromInline mutating func spell(out value: Element) {
        values.reserveCapacity(Swift.max(capacityHint, length + 1))
        values.append(contentsOf: repeatElement(value, count: length))
        uniformValue = nil
    }
}
