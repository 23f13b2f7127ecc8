import WeftGraph

extension MemberTable {
    /// Each member's value of the attribute column `name` read as an ISO 8601 date or date-time
    /// (`ISO8601.parse`: seconds since 1970-01-01 UTC, a date alone being its midnight); nil where
    /// the member has no value or one that is not a date, and for everyone when the column is
    /// absent. Each distinct value is parsed once.
    public func instants(inColumn name: String) -> [Int64?] {
        guard let column = attributes.column(named: name) else { return Array(repeating: nil, count: count) }
        let byCode: [Int64?] = (0..<column.values.count).map { code in
            guard case .success(let value) = ISO8601.parse(column.values[Int32(code)]) else { return nil }
            return value.seconds
        }
        return (0..<count).map { v in v < column.codes.count ? byCode[Int(column.codes[v])] : nil }
    }

    /// members.csv's `joined` and `left` columns as instants (see `instants(inColumn:)`): when each
    /// member joined and left the network, as survey waves and the survey model export read them.
    public var membershipInstants: (joined: [Int64?], left: [Int64?]) {
        (instants(inColumn: "joined"), instants(inColumn: "left"))
    }
}
