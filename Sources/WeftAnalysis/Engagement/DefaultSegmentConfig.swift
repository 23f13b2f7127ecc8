/// The default segments config, as committed in config/segments.toml (a test keeps the two equal).
extension SegmentConfig {
    public static let defaultText = #"""
# Weft engagement segments: passengers, deep divers and crew.
#
# Edit this file to change how members are grouped, then run
#   weft segments DATA --segments-config config/segments.toml --out OUT
# (or `weft analyze … --segments-config …`). Lines starting with # are comments.
#
# Each [[segment]] block names a segment and lists its rules. Blocks are tried from the top:
# a member gets the first segment one of whose rules holds. Within a rule, every condition
# joined by "and" must hold. A condition compares a feature with a number (3, 0.6) or with a
# percentile of the members active in the window (p75 = the value three quarters of them are at
# or below). A bare feature name, such as governance, holds when the feature is not zero.
# Comparisons: >=  >  <=  <  ==  !=
#
# Features (see README, "segments.csv"): records, events_attended, attendance_rate,
# active_role_events, role_score, topic_breadth, topic_focus, topic_herfindahl, partners,
# repeat_partners, strength, initiated, core_number, coreness, betweenness, ei_index,
# survey_in_degree (empty until survey data is read), governance, tenure_days,
# days_since_last_activity.
#
# Two segments are built in and need no block: "inactive" (a member during the window with no
# record in it) and "unclassified" (not a member during the window, or matched by no rule).

[settings]
window_months = 12           # the rolling window each segmentation looks back over (0: all data)
period = "year"              # a snapshot at the end of each: month, quarter, year, or none
governance_column = "governance"   # members.csv column: yes/true/1 marks governance
joined_column = "joined"     # members.csv columns with join and leave dates (may be absent)
left_column = "left"
clusters_min = 2             # k-means check: k is chosen by silhouette in this range
clusters_max = 6
cluster_restarts = 10
cluster_features = ["events_attended", "active_role_events", "role_score", "topic_breadth",
                    "topic_focus", "partners", "strength", "initiated", "core_number",
                    "betweenness", "governance"]
cluster_sample = 20000       # k-means on at most this many members (a seeded sample beyond)
silhouette_sample = 2000     # the silhouette on at most this many
sensitivity = 0.2            # move each threshold down and up by 20% to see who changes segment

[[segment]]
name = "crew"                # help steer: governance, hosting and facilitating, the core
rules = [
  "governance",
  "active_role_events >= 2",
  "events_attended >= p75 and core_number >= p75",
]

[[segment]]
name = "deep_diver"          # repeated participation focused on one or two topics
rules = [                    # (focus, not volume: 80% of their events in their top two topics)
  "events_attended >= 2 and topic_focus >= 0.8 and active_role_events >= 1",
  "events_attended >= 1 and topic_focus >= 0.8 and repeat_partners >= 3",
]

[[segment]]
name = "passenger"           # any other activity
rules = [
  "records >= 1",
]
"""#

    /// The default rules and settings.
    public static let defaultRules: SegmentRules = {
        do { return try parse(defaultText, file: "default segments config") } catch { fatalError("\(error)") }
    }()
}
