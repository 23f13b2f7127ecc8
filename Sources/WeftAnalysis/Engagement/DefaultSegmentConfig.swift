/// The default segments config, as committed in config/segments.toml (a test keeps the two equal).
extension SegmentConfigFile {
    public static let defaultText = #"""
# Weft engagement segments: passengers, deep divers and crew.
#
# Edit this file to change how members are grouped, then run
#   weft segments DATA --segments-config config/segments.toml --out OUT
# (or `weft analyze … --segments-config …`). Lines starting with # are comments.
# `weft segments DATA --labels known.csv` fits the thresholds below to members your team is sure
# of and writes the fitted rules as a file like this one.
#
# Each [[segment]] block names a segment and lists its rules. Blocks are tried from the top:
# a member gets the first segment one of whose rules holds. Within a rule, every condition
# joined by "and" must hold. A condition compares a feature with a number (3, 0.6) or with a
# percentile of the members active in the window (p75 = the value three quarters of them are at
# or below). A bare feature name, such as governance, holds when the feature is not zero.
# Comparisons: >=  >  <=  <  ==  !=
#
# The default rules use no percentiles: a percentile of the members moves with the network's mix
# (where most members are passengers, the 75th percentile of attendance is a handful of events).
# They compare with what the network offered instead: event_share is the share of all events held
# in the window, topic_coverage the share of the topics offered, and shrunk_focus the top topic's
# share of a member's events shrunk towards chance (1 / topics offered) by focus_prior_events
# pseudo-events, so that one or two events are not "focus".
#
# Features (see docs/outputs.md, "segments.csv"): records, events_attended, attendance_rate,
# active_role_events, role_score, topic_breadth, topic_focus, topic_herfindahl, partners,
# repeat_partners, strength, initiated, core_number, coreness, betweenness_normalized, ei_index,
# survey_in_degree (empty without survey data), governance, tenure_days,
# days_since_last_activity, steering_events, sharing_events, event_share, topic_coverage,
# focus_events, shrunk_focus, focus_sharing_events, focus_share.
#
# Two segments are built in and need no block: "inactive" (a member during the window with no
# record in it) and "unclassified" (not a member during the window, or matched by no rule).
#
# The defaults recover the planted profiles of five networks built from the definitions (60 to
# 2,000 members, crew-heavy to passenger-heavy, sparse to busy) with precision and recall of at
# least 0.9 each: see docs/segments.md.

[settings]
window_months = 12           # the rolling window each segmentation looks back over (0: all data)
period = "year"              # a snapshot at the end of each: month, quarter, year, or none
governance_column = "governance"   # members.csv column: yes/true/1 marks governance
joined_column = "joined"     # members.csv columns with join and leave dates (may be absent)
left_column = "left"
steering_roles = ["host", "facilitator", "organiser"]   # roles that steer: they run the event for others
sharing_roles = ["presenter"]   # roles that share: presenting one's own work is depth, not steering
focus_prior_events = 4       # shrunk_focus weighs a member's events against 4 pseudo-events at
                             # chance: 3 of 3 events in one topic (of 6) scores 0.52, 4 of 4 0.58
clusters_min = 2             # k-means check: k is chosen by silhouette in this range
clusters_max = 6
cluster_restarts = 10
cluster_features = ["event_share", "topic_coverage", "steering_events", "sharing_events",
                    "shrunk_focus", "focus_sharing_events", "partners", "repeat_partners",
                    "strength", "betweenness_normalized", "governance"]
cluster_sample = 20000       # k-means on at most this many members (a seeded sample beyond)
silhouette_sample = 2000     # the silhouette on at most this many
sensitivity = 0.2            # move each threshold down and up by 20% to see who changes segment

[[segment]]
name = "crew"                # help steer the ship
rules = [
  "governance",              # sits in governance
  "steering_events >= 2",    # hosted, facilitated or organised two events or more
  # one steering role, and events in at least half the topics offered
  "steering_events >= 1 and topic_coverage >= 0.5",
  # more time to give, across the topics, with many partners: a fifth of all events held, in
  # three quarters of the topics, and five partners or more (a deep diver's events sit in one
  # topic; a passenger's few events are far below a fifth, and a passenger who attends a lot
  # still has few partners)
  "event_share >= 0.2 and topic_coverage >= 0.75 and partners >= 5",
]

[[segment]]
name = "deep_diver"          # focus, not volume: most events in one topic, with enough evidence
rules = [                    # focus_share: the share of that topic's events the member attended
  # most events in one topic (four of four, or more) and a good part of what that topic offered
  "shrunk_focus >= 0.5 and focus_share >= 0.3",
  # focus on less evidence (two of two events and up), backed by presenting in that topic…
  "shrunk_focus >= 0.4 and focus_share >= 0.3 and focus_sharing_events >= 1",
  # …or by coming back to the same few partners (two or more partners met twice or more)
  "shrunk_focus >= 0.4 and focus_share >= 0.3 and repeat_partners >= 2",
  # focus split over one or two topics (80% of the events in the top two), at least two events
  # and a fifth of what the top topic offered, and four partners or more met again and again
  "topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4",
]

[[segment]]
name = "passenger"           # any other activity in the window
rules = [
  "records >= 1",
]
"""#

    /// The default rules and settings.
    public static let defaultConfig: SegmentConfig = {
        do { return try parse(defaultText, file: "default segments config") } catch { fatalError("\(error)") }
    }()
}
