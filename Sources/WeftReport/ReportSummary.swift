import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

extension Report {
    /// The report's headline figures, each computed here once, so that report.html's headline
    /// cards, report.json's `summary` and summary.json (`--format summary`) say the same and a
    /// dashboard never recomputes one (cross-group share from mixing cells, strong ties from the
    /// ties array, movement from `tie_changes`). A figure that does not apply is null.
    /// See docs/json.md ("summary").
    public struct Summary: Codable, Sendable, Equatable {
        /// All members (declared plus added from records).
        public var members: Int
        /// Members with at least one interaction or attendance record in the window.
        public var activeMembers: Int
        /// `active_members / members`; null without members.
        @NullCoded public var activeShare: Double?
        /// Share of the members active in the period before the last who are active in the last
        /// period; null with fewer than two periods with activity.
        @NullCoded public var retention: Double?
        /// Start of the last period (the one `retention` and `new_tie_share` describe), UTC; null
        /// when the window holds no record.
        @NullCoded public var lastPeriodStart: String?
        /// Mean number of distinct contacts per member (`network.average_neighbours`).
        public var averageConnections: Double
        public var density: Double
        /// Members with no tie in the window.
        public var isolates: Int
        /// Ties across the primary group attribute's groups; null without one.
        @NullCoded public var crossGroup: CrossGroup?
        /// Share of the last period's ties that had no record in the period before (null when
        /// the last period has no tie), with the counts behind it.
        @NullCoded public var newTieShare: Double?
        @NullCoded public var newTieCount: Int?
        @NullCoded public var lastPeriodTieCount: Int?
        /// Pairs whose decayed strength is at least the tie threshold at the window's end; null
        /// without time analysis.
        @NullCoded public var strongTieCount: Int?
        /// Engagement segments in rank order (then inactive, unclassified), with members and
        /// share of all members; empty without segments.
        public var segments: [SegmentShare]
        /// Members per movement between the last two segment snapshots; null with fewer than two.
        @NullCoded public var movement: Movement?
        /// The survey layer's response rate and where it comes from; null unless `--network survey:…`.
        @NullCoded public var survey: SurveyWaveRate?
        /// What a reader of these figures must know about the data (the inputs' warnings, such as
        /// an assumed encoding, then a partial last period, low survey response, a window without
        /// records, …), in the order found.
        public var warnings: [DataWarning]
    }

    /// How far ties cross the primary attribute's groups (among ties between members with a value).
    public struct CrossGroup: Codable, Sendable, Equatable {
        public var attribute: String
        /// Ties between members of different groups, and all ties between grouped members.
        public var crossingTieCount: Int
        public var groupedTieCount: Int
        /// `crossing_ties / grouped_ties`; null without grouped ties.
        @NullCoded public var share: Double?
        /// Krackhardt–Stern E-I index, and its value if every pair of grouped members were tied.
        @NullCoded public var eiIndex: Double?
        @NullCoded public var expectedEiIndex: Double?
    }

    public struct SegmentShare: Codable, Sendable, Equatable {
        public var segment: String
        public var members: Int
        public var share: Double
    }

    /// Members per movement (`stayed`, `up`, `down`, `left`, `joined`, `outside`) from the
    /// snapshot ending `from` to the one ending `to`.
    public struct Movement: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var stayed: Int
        public var up: Int
        public var down: Int
        public var left: Int
        public var joined: Int
        public var outside: Int
    }

    /// summary.json (`weft analyze --format summary`): the summary with what identifies the run.
    public struct SummaryDocument: Codable, Sendable, Equatable {
        public var schemaVersion = Report.currentSchemaVersion
        public var generator: Generator
        public var window: Window
        public var summary: Summary

        public init(_ report: Report) {
            (generator, window, summary) = (report.generator, report.window, report.summary)
        }
    }
}

extension Analysis {
    /// The headline figures, from this analysis and the parts of its report they restate.
    func headlineFigures(membership: Report.MemberCounts, network: Report.Network, records: Report.RecordCounts,
                         segments segmentSummary: Report.SegmentsSummary?, survey: Report.SurveySummary?) -> Report.Summary {
        let last = time?.timeline.last
        return Report.Summary(
            members: membership.total, activeMembers: membership.active,
            activeShare: membership.total > 0 ? Double(membership.active) / Double(membership.total) : nil,
            retention: last?.retention, lastPeriodStart: last.map { Timestamp.formatDateTime($0.periodStart) },
            averageConnections: network.averageNeighbours, density: network.density, isolates: network.isolates,
            crossGroup: structure.primary.map { primary in
                let e = primary.mixing.network
                let grouped = e.externalTies + e.internalTies
                return .init(attribute: primary.attribute, crossingTieCount: e.externalTies, groupedTieCount: grouped,
                             share: grouped > 0 ? Double(e.externalTies) / Double(grouped) : nil,
                             eiIndex: e.index, expectedEiIndex: primary.mixing.expectedNetworkIndex)
            },
            newTieShare: last.flatMap { $0.ties > 0 ? Double($0.tiesNew) / Double($0.ties) : nil },
            newTieCount: last?.tiesNew, lastPeriodTieCount: last?.ties,
            strongTieCount: time.flatMap { t in t.strength.map { s in s.finalStrength.filter { $0 >= t.settings.rule.threshold }.count } },
            segments: segmentSummary.map { s in
                s.segments.map { .init(segment: $0, members: s.counts[$0] ?? 0, share: s.shares[$0] ?? 0) }
            } ?? [],
            movement: segmentSummary.flatMap { s in
                guard s.overTime.count >= 2, let moves = s.overTime.last?.movements else { return nil }
                return .init(from: s.overTime[s.overTime.count - 2].windowEnd, to: s.overTime[s.overTime.count - 1].windowEnd,
                             stayed: moves["stayed"] ?? 0, up: moves["up"] ?? 0, down: moves["down"] ?? 0,
                             left: moves["left"] ?? 0, joined: moves["joined"] ?? 0, outside: moves["outside"] ?? 0)
            },
            survey: survey.map {
                .init(wave: $0.wave, respondents: $0.respondents, members: $0.members, responseRate: $0.responseRate, confidence: $0.confidence)
            },
            warnings: warnings(records: records, survey: survey))
    }

    /// The run's data-quality warnings: those of reading the inputs (`Dataset.warnings`: an
    /// assumed encoding, …), then the analysis's — a window without records, a last period the
    /// data do not cover to its end, a survey response too low for some uses.
    func warnings(records: Report.RecordCounts, survey: Report.SurveySummary?) -> [DataWarning] {
        var warnings = dataset.warnings
        if records.interactions == 0 && records.attendance == 0 && options.network != .survey {
            warnings.append(DataWarning(code: "no_records_in_window",
                                        message: "The window holds no interaction or attendance record: every member is inactive and the network has no tie."))
        }
        if let partial = time?.partialLastPeriod {
            let covered = Double(partial.dataEnd - partial.start) / Double(partial.nominalEnd - partial.start)
            warnings.append(DataWarning(
                code: "partial_last_period",
                message: "The last period (\(Timestamp.formatDate(partial.start)) to \(Timestamp.formatDate(partial.nominalEnd - 1))) is partial: the data ends on \(Timestamp.formatDate(partial.dataEnd - 1)), \(Int((covered * 100).rounded()))% of the way through it, so its activity, ties and retention read low against full periods.",
                parameters: [Timestamp.formatDate(partial.start), Timestamp.formatDate(partial.nominalEnd - 1), Timestamp.formatDate(partial.dataEnd - 1),
                             String(Int((covered * 100).rounded()))]))
        }
        if options.pseudonymise && options.pseudonymKey == nil {
            warnings.append(DataWarning(
                code: "pseudonyms_per_run",
                message: "Pseudonyms are p0001, p0002, … in the order of the member ids: re-sorting the files does not change them, but adding or removing a member renumbers those after it, so they are valid for this member list only. Use --pseudonym-key-file for pseudonyms that stay the same across runs and datasets."))
        }
        if let survey, let warning = survey.warning {
            warnings.append(DataWarning(code: "low_survey_response", message: warning,
                                        parameters: [String(format: "%.0f", survey.responseRate * 100), survey.confidence]))
        }
        return warnings
    }
}
