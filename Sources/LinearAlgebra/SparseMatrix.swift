/// A sparse matrix in compressed sparse row (CSR) form: row i's non-zeros are
/// `columnIndices[rowOffsets[i] ..< rowOffsets[i+1]]` with values `values[...]`.
/// Column indices within a row are sorted ascending and unique.
public struct SparseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public let rowOffsets: [Int]
    public let columnIndices: [Int32]
    public let values: [Double]

    public init(rows: Int, columns: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Double]) {
        precondition(rowOffsets.count == rows + 1, "rowOffsets must have rows + 1 entries")
        precondition(columnIndices.count == values.count && rowOffsets.last == values.count, "inconsistent CSR arrays")
        self.rows = rows
        self.columns = columns
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Builds a CSR matrix from (row, column, value) triplets; duplicates are summed.
    public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Double)]) {
        let sorted = triplets.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        var offsets = [Int](repeating: 0, count: rows + 1)
        var cols: [Int32] = []
        var vals: [Double] = []
        cols.reserveCapacity(sorted.count)
        vals.reserveCapacity(sorted.count)
        var lastRow = -1, lastColumn = -1
        for t in sorted {
            precondition(t.row >= 0 && t.row < rows && t.column >= 0 && t.column < columns, "triplet out of range")
            if t.row == lastRow && t.column == lastColumn {
                vals[vals.count - 1] += t.value
            } else {
                cols.append(Int32(t.column))
                vals.append(t.value)
                offsets[t.row + 1] += 1
                (lastRow, lastColumn) = (t.row, t.column)
            }
        }
        for i in 0..<rows { offsets[i + 1] += offsets[i] }
        self.init(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: cols, values: vals)
    }

    public var nonZeroCount: Int { values.count }

    /// y = A·x (sparse matrix–vector product).
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "SpMV: x has \(x.count) entries, expected \(columns)")
        var y = [Double](repeating: 0, count: rows)
        rowOffsets.withUnsafeBufferPointer { off in
            columnIndices.withUnsafeBufferPointer { col in
                values.withUnsafeBufferPointer { val in
                    x.withUnsafeBufferPointer { px in
                        y.withUnsafeMutableBufferPointer { py in
                            for i in 0..<rows {
                                var sum = 0.0
                                for p in off[i]..<off[i + 1] { sum += val[p] * px[Int(col[p])] }
                                py[i] = sum
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// The dense equivalent (for small matrices and tests).
    public var dense: Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for p in rowOffsets[i]..<rowOffsets[i + 1] { m[i, Int(columnIndices[p])] += values[p] }
        }
        return m
    }
}
