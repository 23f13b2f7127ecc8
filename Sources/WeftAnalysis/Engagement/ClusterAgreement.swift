/// How far two partitions of the same items agree: their contingency table and the adjusted Rand
/// index (Hubert & Arabie 1985), computed from the pair confusion matrix as scikit-learn's
/// `adjusted_rand_score`: ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)),
/// 1 when the partitions are identical (also when fn = fp = 0), about 0 for chance agreement,
/// negative below chance.
/// Reference: Hubert & Arabie, "Comparing partitions", Journal of Classification 2 (1985).
public struct ClusterAgreement: Sendable, Equatable {
    /// counts[a][b]: items in class a of the first partition and class b of the second.
    public let counts: [[Int]]
    public let adjustedRandIndex: Double

    /// - Parameters: labels in 0..<aCount and 0..<bCount, one pair per item.
    public init(_ a: [Int32], _ b: [Int32], aCount: Int, bCount: Int) throws {
        try ArgumentError.require(a.count == b.count, "ClusterAgreement", "a, b",
                                  "must label the same items (got \(a.count) and \(b.count) labels)")
        try ArgumentError.require(a.allSatisfy { $0 >= 0 && Int($0) < aCount } && b.allSatisfy { $0 >= 0 && Int($0) < bCount },
                                  "ClusterAgreement", "a, b", "must hold labels in 0 ..< aCount and 0 ..< bCount")
        self.init(checked: a, b, aCount: aCount, bCount: bCount)
    }

    /// The agreement of two labellings its caller built consistent (same items, labels in range).
    init(checked a: [Int32], _ b: [Int32], aCount: Int, bCount: Int) {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: bCount), count: aCount)
        for i in a.indices { counts[Int(a[i])][Int(b[i])] += 1 }
        self.counts = counts
        adjustedRandIndex = ClusterAgreement.ari(counts, n: a.count)
    }

    static func ari(_ counts: [[Int]], n: Int) -> Double {
        // Doubles: the pair counts of half a million items overflow 64-bit products.
        let total = Double(n)
        var sumSquares = 0.0
        var rowSums = [Double](repeating: 0, count: counts.count)
        var columnSums = [Double](repeating: 0, count: counts.first?.count ?? 0)
        for (a, row) in counts.enumerated() {
            for (b, c) in row.enumerated() {
                let x = Double(c)
                sumSquares += x * x
                rowSums[a] += x
                columnSums[b] += x
            }
        }
        let rowSquares = rowSums.reduce(0) { $0 + $1 * $1 }, columnSquares = columnSums.reduce(0) { $0 + $1 * $1 }
        let tp = sumSquares - total
        let fp = columnSquares - sumSquares   // together in the second partition only
        let fn = rowSquares - sumSquares      // together in the first partition only
        let tn = total * total - fp - fn - sumSquares
        if fn == 0 && fp == 0 { return 1 }
        return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
    }
}
