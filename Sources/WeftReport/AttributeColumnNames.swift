/// The names under which member attributes appear in members.csv, network.graphml and
/// network.gexf, beside the columns Weft computes.
///
/// An attribute whose name (ignoring case) is that of a computed column (`id`, `label`,
/// `segment`, the map's `x` and `y`, or any of members.csv's measure columns such as `active` or `degree`) is written
/// as `attr_` + its name, with more `attr_` prefixes until the name is free, so that no file
/// carries two columns of one name and a reader (NetworkX, Gephi, a spreadsheet) never takes the
/// user's `degree` for the computed one. `weft validate` lists the renamed attributes. Options
/// such as `--group-by` and `--keep-attributes` keep using the input name.
public enum AttributeColumnNames {
    public static let prefix = "attr_"

    /// The names Weft's outputs use for their own columns, lower-cased.
    public static let reserved: Set<String> = Set((["id", "label", "segment", "x", "y"] + MemberRow.columns.map(\.name)).map { $0.lowercased() })

    /// `names` as written: each colliding one renamed, every one distinct (ignoring case).
    public static func written(_ names: [String]) -> [String] {
        var taken = reserved.union(names.map { $0.lowercased() })
        return names.map { name in
            guard reserved.contains(name.lowercased()) else { return name }
            var renamed = prefix + name
            while taken.contains(renamed.lowercased()) { renamed = prefix + renamed }
            taken.insert(renamed.lowercased())
            return renamed
        }
    }

    /// The attributes that `written` renames, as (input name, written name).
    public static func renamed(_ names: [String]) -> [(from: String, to: String)] {
        zip(names, written(names)).filter { $0 != $1 }.map { (from: $0, to: $1) }
    }
}
