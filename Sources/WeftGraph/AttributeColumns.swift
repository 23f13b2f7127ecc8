/// Named string columns kept beside a table (member attributes such as `country`, or extra
/// columns of an input file that Weft does not interpret), stored dictionary-encoded: each
/// column holds one small integer code per row into its own table of distinct values.
/// Code 0 always means "empty".
public struct AttributeColumns: Sendable {
    public struct Column: Sendable {
        public let name: String
        public internal(set) var values: IdentifierRegistry
        public internal(set) var codes: [Int32]

        /// The value in `row` ("" when missing).
        public func value(at row: Int) -> String {
            row < codes.count ? values[codes[row]] : ""
        }
    }

    public private(set) var columns: [Column] = []
    /// The first column of each name (`index(named:)`; a search of the list per lookup is
    /// quadratic for a file of many columns).
    private var firstIndex: [String: Int] = [:]

    public init(names: [String] = []) {
        for name in names { addColumn(name) }
    }

    public var names: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        let key = name.lowercased()
        return columns.first { $0.name.lowercased() == key }
    }

    /// The index of the column named `name` exactly, or nil.
    public func index(named name: String) -> Int? { firstIndex[name] }

    /// Gives column `index` the empty value in its missing rows up to `rows` (a column added
    /// after rows were stored, or absent from the file of the last rows).
    public mutating func pad(column index: Int, toRows rows: Int) {
        let missing = rows - columns[index].codes.count
        if missing > 0 { columns[index].codes.append(contentsOf: repeatElement(0, count: missing)) }
    }

    /// `pad(column:toRows:)` for every column that holds any row (a column with none reads empty throughout).
    public mutating func pad(toRows rows: Int) {
        for c in columns.indices where !columns[c].codes.isEmpty { pad(column: c, toRows: rows) }
    }

    @discardableResult
    public mutating func addColumn(_ name: String) -> Int {
        var values = IdentifierRegistry()
        values.intern("")
        columns.append(Column(name: name, values: values, codes: []))
        if firstIndex[name] == nil { firstIndex[name] = columns.count - 1 }
        return columns.count - 1
    }

    /// Appends `value` to column `index` (the caller appends to every column once per row).
    public mutating func append(_ bytes: UnsafeRawBufferPointer, toColumn index: Int) {
        let code = columns[index].values.intern(bytes: bytes).index
        columns[index].codes.append(code)
    }

    /// Appends the empty value (code 0) to column `index`.
    public mutating func appendEmpty(toColumn index: Int) {
        columns[index].codes.append(0)
    }

    public mutating func append(_ value: String, toColumn index: Int) {
        let code = columns[index].values.intern(value).index
        columns[index].codes.append(code)
    }

    /// Reorders every column's rows: row i of the result is row `order[i]` of the input.
    public mutating func permute(_ order: [Int]) {
        for c in columns.indices where !columns[c].codes.isEmpty {
            let old = columns[c].codes
            columns[c].codes = order.map { old[$0] }
        }
    }
}

