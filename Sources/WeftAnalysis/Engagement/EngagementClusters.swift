import Foundation
import LinearAlgebra
import WeftGraph

/// The data-driven check on the segment rules: k-means on the members' robustly scaled features, k
/// chosen by silhouette, each cluster described by its centroid, and the agreement between the
/// clusters and the rule segments (adjusted Rand index and contingency table).
///
/// Only members active in the window are clustered (the others have no features to speak of).
/// Count features (`EngagementFeature.isCount`) enter as log(1 + x), so that a handful of very
/// busy members do not make a cluster of their own; a missing value takes its feature's median.
/// Each feature is then scaled robustly, so that one heavy-tailed feature (strength, betweenness)
/// cannot decide the clusters: centred on its median, divided by its interquartile range / 1.349
/// (the standard deviation of a normal distribution with that IQR; the population SD when the IQR
/// is 0, as for a feature most members have 0 of), and clipped to ±3 (as scikit-learn's
/// `RobustScaler` followed by winsorising). Features constant over the members are left out.
/// Each cluster is mapped to the rule segment most of its members have (ties: the higher
/// segment), and the members whose cluster maps elsewhere are where the clusters and the rules
/// disagree. k runs from
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
    /// (missing values left out), and the centroid k-means found in the scaled units (kept under the name "standardised" in report.json).
    public let centroids: [[Double]]
    public let standardisedCentroids: [[Double]]
    /// Rule segments (rows, indices of the segment list) against clusters (columns), over `members`.
    public let agreement: ClusterAgreement
    /// The segment (index of the segment list) each cluster maps to: the one most of its members have.
    public let clusterSegments: [Int]

    /// Scaled values are clipped to ±clip robust standard deviations.
    public static let clip = 3.0

    /// The segment the clusters give member `members[i]`.
    public func clusterSegment(_ i: Int) -> Int { clusterSegments[Int(labels[i])] }

    /// Per segment (index of the segment list): the clustered members in it, and how many of them
    /// sit in a cluster that maps to it.
    public var segmentAgreement: [(members: Int, agreeing: Int)] {
        agreement.counts.enumerated().map { s, row in
            (row.reduce(0, +), row.enumerated().reduce(0) { $0 + (clusterSegments[$1.offset] == s ? $1.element : 0) })
        }
    }

    /// nil when fewer than `clustersMin` + 1 members are active or sampled (`clusterSample`), or no
    /// feature varies.
    public init?(features data: EngagementFeatures, segments: [Int32], segmentCount: Int, config: SegmentConfig,
                 seed: UInt64, threads: Int = Parallel.threadCount) {
        let members = (0..<data.memberCount).filter { data.isActive[$0] }
        let n = members.count
        guard n > config.clustersMin else { return nil }
        // Transformed, median-imputed, robustly scaled columns.
        var columns: [[Double]] = [], used: [EngagementFeature] = []
        for f in config.clusterFeatures {
            let raw = data.column(f)
            let x = members.map { v -> Double in
                let value = raw[raw.startIndex + v]
                return f.isCount && !value.isNaN ? log1p(max(0, value)) : value
            }
            guard let scaled = EngagementClusters.robustlyScaled(x) else { continue }
            columns.append(scaled)
            used.append(f)
        }
        guard !columns.isEmpty else { return nil }
        let points = Matrix(rows: n, columns: columns.count, columnMajor: columns.flatMap { $0 })

        var random = SeededGenerator(seed: seed)
        let fitted = EngagementClusters.sample(n, limit: config.clusterSample, random: &random)
        guard fitted.count > config.clustersMin else { return nil }   // every k tried has more points than clusters
        let fitPoints = EngagementClusters.rows(points, fitted)
        let scored = EngagementClusters.sample(fitted.count, limit: config.silhouetteSample, random: &random)
        let scorePoints = EngagementClusters.rows(fitPoints, scored)
        var best: KMeans?, bestScore = -Double.infinity
        var silhouettes: [(Int, Double)] = []
        let ks = (config.clustersMin...max(config.clustersMin, min(config.clustersMax, fitted.count - 1)))
            .filter { $0 >= 1 && $0 <= fitted.count }.map { (k: $0, seed: seed &+ UInt64($0)) }
        let runs = (try? KMeans.fits(points: fitPoints, ks: ks, restarts: config.clusterRestarts, threads: threads)) ?? []
        let scores = Silhouette.scores(scorePoints, labelings: runs.map { run in (scored.map { run.labels[$0] }, run.k) }, threads: threads)
        for (run, score) in zip(runs, scores) {
            guard let score else { continue }
            silhouettes.append((run.k, score))
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
        let agreement = ClusterAgreement(checked: members.map { segments[$0] }, labels, aCount: segmentCount, bCount: k)
        self.agreement = agreement
        clusterSegments = (0..<k).map { c in
            var best = 0
            for s in 0..<segmentCount where agreement.counts[s][c] > agreement.counts[best][c] { best = s }
            return best
        }
    }

    /// Missing values imputed with the median, then (x − median) / scale clipped to ±`clip`, with
    /// scale = IQR / 1.349, or the population SD when the IQR is 0; nil for a constant or empty
    /// feature. Quartiles by linear interpolation (NumPy's default).
    static func robustlyScaled(_ x: [Double]) -> [Double]? {
        let present = x.filter { !$0.isNaN }.sorted()
        guard !present.isEmpty else { return nil }
        let median = SegmentConfig.percentile(50, sorted: present)
        let filled = x.map { $0.isNaN ? median : $0 }
        let iqr = SegmentConfig.percentile(75, sorted: present) - SegmentConfig.percentile(25, sorted: present)
        let mean = filled.reduce(0, +) / Double(filled.count)
        let sd = (filled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(filled.count)).squareRoot()
        guard sd > 1e-12 * max(1, abs(mean)) else { return nil }
        let scale = iqr > 1e-12 * max(1, abs(median)) ? iqr / 1.349 : sd
        return filled.map { min(clip, max(-clip, ($0 - median) / scale)) }
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

