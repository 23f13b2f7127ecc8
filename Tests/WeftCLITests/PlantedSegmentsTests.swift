import Foundation
import Testing
import WeftAnalysis
import WeftGraph
import WeftSample

/// The default segment rules against networks planted from the definitions (WeftSample's
/// `PlantedNetwork`, every composition of `PlantedComposition.all`, seed 21): precision and recall
/// per profile, the confusion matrices of docs/segments.md, and the committed expected profiles.
struct PlantedSegmentsTests {
    static let seed: UInt64 = 21

    /// Each member's segment under `rules` on a planted network, over its year.
    static func segments(_ network: PlantedNetwork, rules: SegmentConfig = SegmentConfigFile.defaultConfig) throws -> (names: [String], features: EngagementFeatures) {
        let features = try PlantedSegmentsTests.features(network, rules: rules)
        let segment = rules.classify(features, thresholds: rules.resolve(features)).segment
        return (segment.map { rules.segments[Int($0)] }, features)
    }

    static func features(_ network: PlantedNetwork, rules: SegmentConfig = SegmentConfigFile.defaultConfig) throws -> EngagementFeatures {
        let (interactions, attendance) = network.logs()
        let facts = try MemberFacts(governance: network.members.map(\.governance), joined: network.joinedInstants,
                                left: Array(repeating: nil, count: network.members.count))
        return try EngagementFeatures(interactions: interactions, attendance: attendance, facts: facts,
                                  window: TimeWindow(start: PlantedNetwork.yearStart, end: PlantedNetwork.yearEnd),
                                  roles: rules.engagementRoles)
    }

    /// confusion[profile][segment] with segments in the default order (crew, deep_diver,
    /// passenger, inactive, unclassified).
    static func confusion(_ profiles: [PlantedProfile], _ segments: [String]) -> [[Int]] {
        let names = SegmentConfigFile.defaultConfig.segments
        var counts = [[Int]](repeating: [Int](repeating: 0, count: names.count), count: PlantedProfile.allCases.count)
        for (p, s) in zip(profiles, segments) { counts[PlantedProfile.allCases.firstIndex(of: p)!][names.firstIndex(of: s)!] += 1 }
        return counts
    }

    /// Precision and recall of each profile (profile i against segment i).
    static func precisionRecall(_ confusion: [[Int]]) -> [(precision: Double, recall: Double)] {
        PlantedProfile.allCases.indices.map { i in
            let found = confusion.reduce(0) { $0 + $1[i] }, planted = confusion[i].reduce(0, +)
            return (found > 0 ? Double(confusion[i][i]) / Double(found) : 0, planted > 0 ? Double(confusion[i][i]) / Double(planted) : 1)
        }
    }

    /// Every composition with two seeds (21 for docs/segments.md, 22 to check it is not one draw).
    @Test(arguments: PlantedComposition.all.map(\.name), [21, 22] as [UInt64])
    func theDefaultRulesRecoverEveryPlantedProfile(_ name: String, _ seed: UInt64) throws {
        let composition = PlantedComposition.all.first { $0.name == name }!
        let network = PlantedNetwork(composition, seed: seed)
        let confusion = PlantedSegmentsTests.confusion(network.profiles, try PlantedSegmentsTests.segments(network).names)
        let scores = PlantedSegmentsTests.precisionRecall(confusion)
        print("planted \(name) seed \(seed): \(confusion) " + zip(PlantedProfile.allCases, scores).map {
            String(format: "%@ P %.3f R %.3f", $0.rawValue, $1.precision, $1.recall)
        }.joined(separator: ", "))
        for (profile, score) in zip(PlantedProfile.allCases, scores) {
            #expect(score.precision >= 0.9 && score.recall >= 0.9, "\(name) seed \(seed) \(profile): \(score)")
        }
    }

    /// The committed expected profiles (Fixtures/planted/NAME.csv, seed 21) are what the generator
    /// plants: the generator is deterministic and its truth is on record.
    @Test(arguments: PlantedComposition.all.map(\.name))
    func theCommittedProfilesAreThePlantedOnes(_ name: String) throws {
        let composition = PlantedComposition.all.first { $0.name == name }!
        let folder = try temporaryFolder()
        try PlantedNetwork(composition, seed: PlantedSegmentsTests.seed).writeProfiles(to: folder.appendingPathComponent("p.csv").path)
        let fixture = WeftRun.repository.appendingPathComponent("Tests/WeftCLITests/Fixtures/planted/\(name).csv")
        let committed = try String(contentsOf: fixture, encoding: .utf8)
        #expect(try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8) == committed)
        // The shares are the composition's.
        let rows = committed.split(separator: "\n").dropFirst()
        #expect(rows.count == composition.members)
        #expect(rows.filter { $0.contains(",crew,") }.count == Int((composition.crew * Double(composition.members)).rounded()))
    }

    /// A config whose numeric thresholds are all halved: the kind of start a team's first guess gives.
    static func halved(_ rules: SegmentConfig) -> SegmentConfig {
        var out = rules
        for r in out.rules.indices {
            for c in out.rules[r].conditions.indices {
                if case .value(let x)? = out.rules[r].conditions[c].threshold { out.rules[r].conditions[c].threshold = .value(x / 2) }
            }
        }
        return out
    }

    /// Labels drawn from the planted truth for 10% of the members raise the agreement on the other
    /// 90%, from a badly set start (every threshold halved) and without harming the defaults.
    @Test(arguments: ["balanced-medium", "passenger-heavy-large-sparse"])
    func labelsOfATenthRaiseAgreementOnTheRest(_ name: String) throws {
        let network = PlantedNetwork(PlantedComposition.all.first { $0.name == name }!, seed: PlantedSegmentsTests.seed)
        var random = SeededGenerator(seed: 5)
        var order = Array(network.members.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.int(below: i + 1)) }
        let labelled = Array(order.prefix(network.members.count / 10)), rest = Array(order.dropFirst(network.members.count / 10))
        for start in [PlantedSegmentsTests.halved(SegmentConfigFile.defaultConfig), SegmentConfigFile.defaultConfig] {
            let features = try PlantedSegmentsTests.features(network, rules: start)
            let names = start.segments
            let labels = labelled.map { SegmentCalibration.Label(member: $0, segment: names.firstIndex(of: network.members[$0].profile.rawValue)!) }
            let fit = SegmentCalibration(rules: start, features: features, labels: labels, seed: 1)
            func agreement(_ rules: SegmentConfig) -> Double {
                let segment = rules.classify(features, thresholds: rules.resolve(features)).segment
                return Double(rest.filter { names[Int(segment[$0])] == network.members[$0].profile.rawValue }.count) / Double(rest.count)
            }
            let before = agreement(start), after = agreement(fit.fitted)
            print("calibration \(name): on the other 90% \(before) → \(after); labelled \(fit.agreementBefore) → \(fit.agreementAfter), cross-validated \(fit.crossValidated!)")
            if start == SegmentConfigFile.defaultConfig {
                #expect(after >= before - 0.01, "\(name): \(before) → \(after)")
            } else {
                #expect(after > before + 0.05, "\(name): \(before) → \(after)")
                #expect(!fit.changes.isEmpty)
            }
            #expect(fit.agreementAfter >= fit.agreementBefore)
            #expect(fit.folds == 5 && fit.crossValidated! > 0.8)
            // Every disagreement left explains itself.
            for d in fit.disagreements { #expect(!d.reasons.isEmpty && d.label != d.segment) }
            // The fitted rules read back from their text.
            #expect(try! SegmentConfigFile.parse(SegmentConfigFile.text(fit.fitted)) == fit.fitted)
        }
    }

    /// `weft segments --labels` on a planted network's files: the fitted config, the report
    /// section, the label column, and a bad labels file as a usage error with its place.
    @Test func theLabelsOptionFitsWritesAndExplains() throws {
        let folder = try temporaryFolder()
        let network = PlantedNetwork(PlantedComposition.all.first { $0.name == "balanced-medium" }!, seed: PlantedSegmentsTests.seed)
        try network.write(to: folder.path)
        let start = folder.appendingPathComponent("start.toml")
        try SegmentConfigFile.text(PlantedSegmentsTests.halved(SegmentConfigFile.defaultConfig)).write(to: start, atomically: true, encoding: .utf8)
        let labelled = network.members.enumerated().filter { $0.offset % 10 == 3 }
        try ("member,segment\n" + labelled.map { "\($0.element.id),\($0.element.profile.rawValue)\n" }.joined())
            .write(to: folder.appendingPathComponent("known.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["segments", folder.path, "--out", out.path, "--segments-config", start.path,
                               "--labels", folder.appendingPathComponent("known.csv").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("fitted to 40 labelled members: agreement "), "\(run.stdout)")
        let fitted = try String(contentsOf: out.appendingPathComponent("segments-fitted.toml"), encoding: .utf8)
        #expect(fitted.hasPrefix("# Weft segments config fitted to labelled members: start.toml, thresholds fitted to known.csv (40 members)."))
        let rules = try SegmentConfigFile.parse(fitted)
        #expect(rules.rules.map(\.text) != PlantedSegmentsTests.halved(SegmentConfigFile.defaultConfig).rules.map(\.text))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("segments.json"))) as! [String: Any]
        let calibration = try #require(summary["calibration"] as? [String: Any])
        #expect(calibration["labelled"] as? Int == 40 && calibration["folds"] as? Int == 5)
        let after = calibration["agreement_after"] as! Double, before = calibration["agreement_before"] as! Double
        #expect(after > before)
        #expect(try SegmentConfigFile.parse((summary["config"] as! [String: Any])["text"] as! String) == rules)
        let disagreements = calibration["disagreements"] as! [[String: Any]]
        #expect(disagreements.count == Int(((1 - after) * 40).rounded()))
        let csv = try String(contentsOf: out.appendingPathComponent("segments.csv"), encoding: .utf8).split(separator: "\n")
        let header = csv[0].split(separator: ",").map(String.init)
        let labelColumn = try #require(header.firstIndex(of: "label"))
        #expect(csv.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[labelColumn] != "" }.count == 40)

        // A bad labels file: an unknown member, then an unknown segment, each with its place.
        let bad = folder.appendingPathComponent("bad.csv")
        try "member,segment\nm0001,crew\nnobody,crew\n".write(to: bad, atomically: true, encoding: .utf8)
        let unknown = try WeftRun(["segments", folder.path, "--out", out.path, "--labels", bad.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("\(bad.path):3:1: 'nobody' is not a member id"), "\(unknown.stderr)")
        try "member,segment\nm0001,captain\n".write(to: bad, atomically: true, encoding: .utf8)
        let segment = try WeftRun(["segments", folder.path, "--out", out.path, "--labels", bad.path])
        #expect(segment.status == 2 && segment.stderr.contains("\(bad.path):2:2: unknown segment 'captain'"), "\(segment.stderr)")
        try "member,segment\nm0001,crew\nm0001,passenger\n".write(to: bad, atomically: true, encoding: .utf8)
        let twice = try WeftRun(["segments", folder.path, "--out", out.path, "--labels", bad.path])
        #expect(twice.status == 2 && twice.stderr.contains("labelled crew on line 2 and passenger here"), "\(twice.stderr)")
        let noOut = try WeftRun(["segments", folder.path, "--labels", bad.path])
        #expect(noOut.status == 2 && noOut.stderr.contains("give --out"))
    }
}
