import Testing
import WeftGraph
@testable import WeftReport

/// Pseudonyms without a key are numbered in the order of the ids, so a re-sorted members file
/// gives every member the same pseudonym.
@Suite struct PseudonymTests {
    func pseudonyms(_ ids: [String]) -> [String: String] {
        let table = NodeTable(ids: IdentifierRegistry(ids), names: ids.map { _ in "" }, attributes: AttributeColumns())
        let shown = table.pseudonymised(keeping: [])
        return Dictionary(uniqueKeysWithValues: ids.indices.map { (ids[$0], shown.ids[Int32($0)]) })
    }

    @Test func unkeyedPseudonymsDoNotDependOnFileOrder() {
        let ids = ["m10", "m2", "zoé", "m1", "Zed", "a"]
        let first = pseudonyms(ids)
        #expect(first == pseudonyms(ids.reversed()))
        #expect(first == pseudonyms(ids.sorted()))
        #expect(first["Zed"] == "p0001" && first["a"] == "p0002" && first["m1"] == "p0003" && first["zoé"] == "p0006")   // byte order
        #expect(Set(first.values).count == ids.count)
    }
}
