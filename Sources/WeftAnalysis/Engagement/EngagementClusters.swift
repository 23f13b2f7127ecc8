import Foundation
import LinearAlgebra
import WeftGraph

/// The data-driven check on the segment rules: k-means on the members' standardised features, k
/// chosen by silhouette, each cluster described by its centroid, and the agreement between the
/// clusters and the rule segments (adjusted Rand index and contingency table).
///
/// Only members active in the window are clustered (the others have no features to speak of).
/// Count features (`EngagementFeature.isCount`) enter as log(1 + x), so that a handful of very
/// busy members do not make a cluster of their own; a missing value takes its feature's mean; each
/// feature is then standardised to mean 0 and standard deviation 1 (population SD, as
/// scikit-learn's `StandardScaler`); features constant over the members are left out. k runs from
/// `clustersMin` to `clustersMax` (at most members − 1) and the k of highest silhouette wins
/// (ties: the smaller k). Beyond `clusterSample` members k-means runs on a seeded sample and every
/// member then joins its nearest centroid; the silhouette uses at most `silhouetteSample` members.
public struct EngagementClusters: Sendable {
    /// The features clustered, in order (constant ones left out).
    public let features: [EngagementFeature]
    /// The members clustered (active in the window), ascending.
    public let members: [Int]
    public let k: Int
    /// Silhouette per k tried.
    public let silhouettes: [(k: Int, score: Double)]
    /// Cluster of each of `members`.
    public let labels: [Int32]
    public let sizes: [Int]
    /// Per cluster and feature: the mean of the members' values in the feature's own units
    /// (missing values left out), and the standardised centroid k-means found.
    public let centroids: [[Double]]
    public let standardisedCentroids: [[Double]]
    /// Rule segments (rows, indices of the segment list) against clusters (columns), over `members`.
    public let agreement: ClusterAgreement

    /// nil when fewer than `clustersMin` + 1 members are active or no feature varies.
    public init?(features data: EngagementFeatures, segments: [Int32], segmentCount: Int, config: SegmentRules,
                 seed: UInt64, threads: Int = Parallel.threadCount) {
        let members = (0..<data.memberCount).filter { data.isActive[$0] }
        let n = members.count
        guard n > config.clustersMin else { return nil }
        // Transformed, mean-imputed, standardised columns.
        var columns: [[Double]] = [], used: [EngagementFeature] = []
        for f in config.clusterFeatures {
            let raw = data.column(f)
            var x = members.map { v -> Double in
                let value = raw[raw.startIndex + v]
                return f.isCount && !value.isNaN ? log1p(max(0, value)) : value
            }
            let present = x.filter { !$0.isNaN }
            guard !present.isEmpty else { continue }
            let mean = present.reduce(0, +) / Double(present.count)
            for i in x.indices where x[i].isNaN { x[i] = mean }
            let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
            guard sd > 1e-12 * max(1, abs(mean)) else { continue }
            columns.append(x.map { ($0 - mean) / sd })
            used.append(f)
        }
        guard !columns.isEmpty else { return nil }
        let points = Matrix(rows: n, columns: columns.count, columnMajor: columns.flatMap { $0 })

        var random = SeededGenerator(seed: seed)
        let fitted = EngagementClusters.sample(n, limit: config.clusterSample, random: &random)
        let fitPoints = EngagementClusters.rows(points, fitted)
        let scored = EngagementClusters.sample(fitted.count, limit: config.silhouetteSample, random: &random)
        let scorePoints = EngagementClusters.rows(fitPoints, scored)
        var best: KMeans?, bestScore = -Double.infinity
        var silhouettes: [(Int, Double)] = []
        for k in config.clustersMin...max(config.clustersMin, min(config.clustersMax, fitted.count - 1)) {
            let run = KMeans(points: fitPoints, k: k, seed: seed &+ UInt64(k), restarts: config.clusterRestarts, threads: threads)
            guard let score = Silhouette.score(scorePoints, labels: scored.map { run.labels[$0] }, k: k, threads: threads) else { continue }
            silhouettes.append((k, score))
            if score > bestScore { best = run; bestScore = score }
        }
        guard let best else { return nil }
        let labels = fitted.count == n ? best.labels : KMeans.assign(points, to: best.centroids)
        let k = best.k
        self.labels = labels
        self.k = k
        self.members = members
        features = used
        self.silhouettes = silhouettes
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[Int(l)] += 1 }
        self.sizes = sizes
        let centre = best.centroids
        standardisedCentroids = (0..<k).map { c in (0..<used.count).map { centre[c, $0] } }
        centroids = (0..<k).map { c in
            used.map { f in
                let raw = data.column(f)
                var sum = 0.0, count = 0
                for (i, v) in members.enumerated() where labels[i] == Int32(c) && !raw[raw.startIndex + v].isNaN {
                    sum += raw[raw.startIndex + v]; count += 1
                }
                return count > 0 ? sum / Double(count) : .nan
            }
        }
        agreement = ClusterAgreement(members.map { segments[$0] }, labels, aCount: segmentCount, bCount: k)
    }

    /// Up to `limit` of 0..<n drawn without replacement (partial Fisher–Yates), ascending; all of
    /// them when n ≤ limit.
    static func sample(_ n: Int, limit: Int, random: inout SeededGenerator) -> [Int] {
        guard n > limit else { return Array(0..<n) }
        var pool = Array(0..<n)
        for i in 0..<limit { pool.swapAt(i, i + random.int(below: n - i)) }
        return pool[0..<limit].sorted()
    }

    static func rows(_ m: Matrix, _ picked: [Int]) -> Matrix {
        guard picked.count != m.rows else { return m }
        var out = Matrix(rows: picked.count, columns: m.columns)
        for j in 0..<m.columns { for (i, r) in picked.enumerated() { out[i, j] = m[r, j] } }
        return out
    }
}

