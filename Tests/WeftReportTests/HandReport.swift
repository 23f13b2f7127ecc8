/// report.json's model (without its streamed arrays) for a network of four members — a, b, c, d
/// with a country each — and two ties, a→b (weight 2, 2024-01-10) and b→c (weight 1, 2024-02-10):
/// `ReportModelWriterTests` decodes it into `Report` and builds the rest of a `ReportModel` by hand,
/// so that the writers are tested without running an analysis. Made once with `weft analyze
/// --format json` on those two files (run.arguments emptied); the values are data, not a reference.
let handReportJSON = #"""
{
 "brokerage": {
  "attribute": "country",
  "density": 0.16666666666666666,
  "members": 4,
  "roles": {
   "coordinator": {
    "expected": 0,
    "observed": 0,
    "sd": 0,
    "z": null
   },
   "gatekeeper": {
    "expected": 0.18518518518518517,
    "observed": 0,
    "sd": 0.44981325190707844,
    "z": -0.41169348479630913
   },
   "itinerant": {
    "expected": 0.18518518518518517,
    "observed": 0,
    "sd": 0.47394384785443433,
    "z": -0.39073233258228174
   },
   "liaison": {
    "expected": 0,
    "observed": 0,
    "sd": 0,
    "z": null
   },
   "representative": {
    "expected": 0.18518518518518517,
    "observed": 1,
    "sd": 0.44981325190707844,
    "z": 1.8114513331037605
   },
   "total": {
    "expected": 0.5555555555555556,
    "observed": 1,
    "sd": 0.9378857231185629,
    "z": 0.47387910220727386
   }
  },
  "tied_pairs": 2
 },
 "communities": {
  "alignment": null,
  "count": 2,
  "method": "leiden",
  "modularity": 0,
  "resolution": 1,
  "restarts": 10,
  "seed": 42,
  "singletons": 1,
  "sizes": [
   3
  ]
 },
 "core_periphery": {
  "core_density": 1,
  "core_size": 2,
  "coreness_converged": false,
  "coreness_correlation": 0.9999929523550618,
  "correlation": 1,
  "cross_density": 0.25,
  "periphery_density": 0
 },
 "generator": {
  "commit": "not recorded at build time",
  "name": "weft",
  "version": "0.1.0"
 },
 "graph": {
  "directed": true,
  "network": "interactions",
  "symmetrisation": "sum"
 },
 "groups": {
  "country": {
   "assortativity": 0,
   "crossing_share_of_connected": 0.6666666666666666,
   "crossing_share_of_grouped": 0.5,
   "ei_index": 0,
   "ei_index_weighted": -0.3333333333333333,
   "expected_ei_index": 0.3333333333333333,
   "groups": 2,
   "mixing": {
    "cells": [
     [
      0,
      0,
      1
     ],
     [
      0,
      1,
      1
     ]
    ],
    "labels": [
     "Kenya",
     "Peru"
    ]
   },
   "modularity": -0.05555555555555568,
   "per_group": [
    {
     "ei_index": 0,
     "external_tie_count": 1,
     "group": "Kenya",
     "internal_tie_count": 1,
     "members": 2
    },
    {
     "ei_index": 1,
     "external_tie_count": 1,
     "group": "Peru",
     "internal_tie_count": 0,
     "members": 2
    }
   ],
   "ungrouped": 0
  }
 },
 "inputs": [
  {
   "accepted": 4,
   "bytes": 59,
   "delimiter": ",",
   "encoding": "utf-8",
   "extra_columns": [
    "country"
   ],
   "kind": "members",
   "path": "members.csv",
   "rejected": 0,
   "rows_read": 4,
   "sha256": "f548575ac768c727f1131c8a574665cc607aff85cb1df4a1d2e6f529e4be6847",
   "sheet": null
  },
  {
   "accepted": 2,
   "bytes": 103,
   "delimiter": ",",
   "encoding": "utf-8",
   "extra_columns": [],
   "kind": "interactions",
   "path": "interactions.csv",
   "rejected": 0,
   "rows_read": 2,
   "sha256": "1fd7164f94a276dfd1264c81c192611a747b05189e93bbb351e77f1b09c5af86",
   "sheet": null
  }
 ],
 "measures": {
  "betweenness_error_bound": null,
  "betweenness_method": "exact",
  "closeness_method": "exact",
  "distances": "exact",
  "eigenvector_unique": true,
  "katz_alpha": 0.1,
  "kernel": "dense",
  "pagerank_alpha": 0.85,
  "pagerank_seeds": [],
  "path_sources": 4,
  "seed": 42,
  "timings": null,
  "weighted_paths": false
 },
 "membership": {
  "active": 3,
  "added_from_records": 0,
  "declared": 4,
  "total": 4
 },
 "network": {
  "average_clustering": 0,
  "average_clustering_weighted": 0,
  "average_degree": 1,
  "average_neighbours": 1,
  "average_path_length": 1.3333333333333333,
  "betweenness_centralization": 0.16666666666666666,
  "components": 2,
  "core_max": 1,
  "degree_assortativity": -1,
  "degree_centralization": 0.6666666666666666,
  "density": 0.16666666666666666,
  "diameter": 2,
  "directed_degree_assortativity": null,
  "isolates": 1,
  "members": 4,
  "reciprocated_tie_count": 0,
  "reciprocity": 0,
  "strong_components": {
   "count": 4,
   "largest": 1,
   "sizes": [
    1,
    1,
    1,
    1
   ]
  },
  "tie_count": 2,
  "transitivity": 0,
  "weak_components": {
   "count": 2,
   "largest": 3,
   "sizes": [
    3,
    1
   ]
  }
 },
 "primary_group": "country",
 "records": {
  "attendance": 0,
  "events": 0,
  "first_record": "2024-01-10T10:00:00Z",
  "interaction_types": {
   "call": 1,
   "message": 1
  },
  "interactions": 2,
  "last_record": "2024-02-10T10:00:00Z"
 },
 "rows": {
  "accepted": 6,
  "read": 6,
  "rejected": 0
 },
 "run": {
  "arguments": [],
  "data_as_of": "2024-02-10",
  "pseudonymisation": {
   "kept_attributes": [
    "country"
   ],
   "method": "none"
  },
  "settings": {
   "missing_data_treatment": null,
   "missing_data_treatment_from": null,
   "unknown_members": "add",
   "wave_dates": {}
  },
  "window_end": null,
  "window_start": null
 },
 "schema_version": "2.0.0",
 "segments": {
  "calibration": null,
  "clusters": {
   "adjusted_rand_index": 0,
   "alignment": null,
   "cluster_segments": [
    "passenger",
    "passenger"
   ],
   "clusters": [
    {
     "centroid": {
      "betweenness_normalized": 0,
      "partners": 1,
      "strength": 1.5
     },
     "cluster": 1,
     "size": 2,
     "standardised_centroid": {
      "betweenness_normalized": 0,
      "partners": 0,
      "strength": -0.7891144134728398
     }
    },
    {
     "centroid": {
      "betweenness_normalized": 0.16666666666666666,
      "partners": 2,
      "strength": 3
     },
     "cluster": 2,
     "size": 1,
     "standardised_centroid": {
      "betweenness_normalized": 2.698,
      "partners": 2.697999999999999,
      "strength": 1.1197711730543216
     }
    }
   ],
   "contingency": {
    "clusters": [
     1,
     2
    ],
    "counts": [
     [
      0,
      0
     ],
     [
      0,
      0
     ],
     [
      2,
      1
     ],
     [
      0,
      0
     ],
     [
      0,
      0
     ]
    ],
    "segments": [
     "crew",
     "deep_diver",
     "passenger",
     "inactive",
     "unclassified"
    ]
   },
   "disagreeing": 0,
   "features": [
    "partners",
    "strength",
    "betweenness_normalized"
   ],
   "k": 2,
   "members": 3,
   "segment_agreement": [
    {
     "agreeing": 3,
     "members": 3,
     "segment": "passenger",
     "share": 1
    }
   ],
   "silhouettes": [
    {
     "k": 2,
     "silhouette": 0.4217931970314825
    }
   ]
  },
  "config": {
   "source": "default",
   "text": "[settings]\nwindow_months = 12\nperiod = \"year\"\ngovernance_column = \"governance\"\njoined_column = \"joined\"\nleft_column = \"left\"\nclusters_min = 2\nclusters_max = 6\ncluster_restarts = 10\ncluster_features = [\"event_share\", \"topic_coverage\", \"steering_events\", \"sharing_events\", \"shrunk_focus\", \"focus_sharing_events\", \"partners\", \"repeat_partners\", \"strength\", \"betweenness_normalized\", \"governance\"]\ncluster_sample = 20000\nsilhouette_sample = 2000\nsensitivity = 0.2\nsteering_roles = [\"host\", \"facilitator\", \"organiser\"]\nsharing_roles = [\"presenter\"]\nfocus_prior_events = 4\n\n[[segment]]\nname = \"crew\"\nrules = [\n  \"governance\",\n  \"steering_events >= 2\",\n  \"steering_events >= 1 and topic_coverage >= 0.5\",\n  \"event_share >= 0.2 and topic_coverage >= 0.75 and partners >= 5\",\n]\n\n[[segment]]\nname = \"deep_diver\"\nrules = [\n  \"shrunk_focus >= 0.5 and focus_share >= 0.3\",\n  \"shrunk_focus >= 0.4 and focus_share >= 0.3 and focus_sharing_events >= 1\",\n  \"shrunk_focus >= 0.4 and focus_share >= 0.3 and repeat_partners >= 2\",\n  \"topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4\",\n]\n\n[[segment]]\nname = \"passenger\"\nrules = [\n  \"records >= 1\",\n]\n"
  },
  "counts": {
   "crew": 0,
   "deep_diver": 0,
   "inactive": 1,
   "passenger": 3,
   "unclassified": 0
  },
  "members": 4,
  "notes": [
   "attendance_rate: events attended / events held in the window while a member (invitations are not in the input format)",
   "survey_in_degree: members who named the member (any relation) in the last survey wave dated before the snapshot's end; empty without survey data",
   "percentile thresholds are taken over the members active in the window"
  ],
  "over_time": [
   {
    "counts": {
     "crew": 0,
     "deep_diver": 0,
     "inactive": 1,
     "passenger": 3,
     "unclassified": 0
    },
    "mostly_threshold_noise": null,
    "moved": null,
    "moved_sensitive": null,
    "movements": null,
    "sensitive": 2,
    "shares": {
     "crew": 0,
     "deep_diver": 0,
     "inactive": 0.25,
     "passenger": 0.75,
     "unclassified": 0
    },
    "window_end": "2024-02-11T00:00:00Z",
    "window_start": "2023-02-11T00:00:00Z"
   }
  ],
  "rules_fired": [
   {
    "members": 0,
    "rule": "governance",
    "segment": "crew"
   },
   {
    "members": 0,
    "rule": "steering_events >= 2",
    "segment": "crew"
   },
   {
    "members": 0,
    "rule": "steering_events >= 1 and topic_coverage >= 0.5",
    "segment": "crew"
   },
   {
    "members": 0,
    "rule": "event_share >= 0.2 and topic_coverage >= 0.75 and partners >= 5",
    "segment": "crew"
   },
   {
    "members": 0,
    "rule": "shrunk_focus >= 0.5 and focus_share >= 0.3",
    "segment": "deep_diver"
   },
   {
    "members": 0,
    "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and focus_sharing_events >= 1",
    "segment": "deep_diver"
   },
   {
    "members": 0,
    "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and repeat_partners >= 2",
    "segment": "deep_diver"
   },
   {
    "members": 0,
    "rule": "topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4",
    "segment": "deep_diver"
   },
   {
    "members": 3,
    "rule": "records >= 1",
    "segment": "passenger"
   }
  ],
  "segments": [
   "crew",
   "deep_diver",
   "passenger",
   "inactive",
   "unclassified"
  ],
  "sensitivity": {
   "step": 0.2,
   "thresholds": [
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "steering_events >= 2",
     "lower": 1.6,
     "rule": "steering_events >= 2",
     "segment": "crew",
     "threshold": 2,
     "upper": 2.4
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "steering_events >= 1",
     "lower": 0.8,
     "rule": "steering_events >= 1 and topic_coverage >= 0.5",
     "segment": "crew",
     "threshold": 1,
     "upper": 1.2
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "topic_coverage >= 0.5",
     "lower": 0.4,
     "rule": "steering_events >= 1 and topic_coverage >= 0.5",
     "segment": "crew",
     "threshold": 0.5,
     "upper": 0.6
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "event_share >= 0.2",
     "lower": 0.16000000000000003,
     "rule": "event_share >= 0.2 and topic_coverage >= 0.75 and partners >= 5",
     "segment": "crew",
     "threshold": 0.2,
     "upper": 0.24
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "topic_coverage >= 0.75",
     "lower": 0.6000000000000001,
     "rule": "event_share >= 0.2 and topic_coverage >= 0.75 and partners >= 5",
     "segment": "crew",
     "threshold": 0.75,
     "upper": 0.8999999999999999
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "partners >= 5",
     "lower": 4,
     "rule": "event_share >= 0.2 and topic_coverage >= 0.75 and partners >= 5",
     "segment": "crew",
     "threshold": 5,
     "upper": 6
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "shrunk_focus >= 0.5",
     "lower": 0.4,
     "rule": "shrunk_focus >= 0.5 and focus_share >= 0.3",
     "segment": "deep_diver",
     "threshold": 0.5,
     "upper": 0.6
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "focus_share >= 0.3",
     "lower": 0.24,
     "rule": "shrunk_focus >= 0.5 and focus_share >= 0.3",
     "segment": "deep_diver",
     "threshold": 0.3,
     "upper": 0.36
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "shrunk_focus >= 0.4",
     "lower": 0.32000000000000006,
     "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and focus_sharing_events >= 1",
     "segment": "deep_diver",
     "threshold": 0.4,
     "upper": 0.48
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "focus_share >= 0.3",
     "lower": 0.24,
     "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and focus_sharing_events >= 1",
     "segment": "deep_diver",
     "threshold": 0.3,
     "upper": 0.36
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "focus_sharing_events >= 1",
     "lower": 0.8,
     "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and focus_sharing_events >= 1",
     "segment": "deep_diver",
     "threshold": 1,
     "upper": 1.2
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "shrunk_focus >= 0.4",
     "lower": 0.32000000000000006,
     "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and repeat_partners >= 2",
     "segment": "deep_diver",
     "threshold": 0.4,
     "upper": 0.48
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "focus_share >= 0.3",
     "lower": 0.24,
     "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and repeat_partners >= 2",
     "segment": "deep_diver",
     "threshold": 0.3,
     "upper": 0.36
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "repeat_partners >= 2",
     "lower": 1.6,
     "rule": "shrunk_focus >= 0.4 and focus_share >= 0.3 and repeat_partners >= 2",
     "segment": "deep_diver",
     "threshold": 2,
     "upper": 2.4
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "topic_focus >= 0.8",
     "lower": 0.6400000000000001,
     "rule": "topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4",
     "segment": "deep_diver",
     "threshold": 0.8,
     "upper": 0.96
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "focus_events >= 2",
     "lower": 1.6,
     "rule": "topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4",
     "segment": "deep_diver",
     "threshold": 2,
     "upper": 2.4
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "focus_share >= 0.2",
     "lower": 0.16000000000000003,
     "rule": "topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4",
     "segment": "deep_diver",
     "threshold": 0.2,
     "upper": 0.24
    },
    {
     "changed_lower": 0,
     "changed_upper": 0,
     "condition": "repeat_partners >= 4",
     "lower": 3.2,
     "rule": "topic_focus >= 0.8 and focus_events >= 2 and focus_share >= 0.2 and repeat_partners >= 4",
     "segment": "deep_diver",
     "threshold": 4,
     "upper": 4.8
    },
    {
     "changed_lower": 0,
     "changed_upper": 2,
     "condition": "records >= 1",
     "lower": 0.8,
     "rule": "records >= 1",
     "segment": "passenger",
     "threshold": 1,
     "upper": 1.2
    }
   ]
  },
  "shares": {
   "crew": 0,
   "deep_diver": 0,
   "inactive": 0.25,
   "passenger": 0.75,
   "unclassified": 0
  },
  "transitions": [],
  "window_end": "2024-02-11T00:00:00Z",
  "window_start": "2023-02-11T00:00:00Z"
 },
 "summary": {
  "active_members": 3,
  "active_share": 0.75,
  "average_connections": 1,
  "cross_group": {
   "attribute": "country",
   "crossing_tie_count": 1,
   "ei_index": 0,
   "expected_ei_index": 0.3333333333333333,
   "grouped_tie_count": 2,
   "share": 0.5
  },
  "density": 0.16666666666666666,
  "isolates": 1,
  "last_period_start": "2024-02-01T00:00:00Z",
  "last_period_tie_count": 1,
  "members": 4,
  "movement": null,
  "new_tie_count": 1,
  "new_tie_share": 1,
  "retention": 0.5,
  "segments": [
   {
    "members": 0,
    "segment": "crew",
    "share": 0
   },
   {
    "members": 0,
    "segment": "deep_diver",
    "share": 0
   },
   {
    "members": 3,
    "segment": "passenger",
    "share": 0.75
   },
   {
    "members": 1,
    "segment": "inactive",
    "share": 0.25
   },
   {
    "members": 0,
    "segment": "unclassified",
    "share": 0
   }
  ],
  "strong_tie_count": 2,
  "survey": null,
  "warnings": [
   {
    "code": "partial_last_period",
    "file": null,
    "message": "The last period (2024-02-01 to 2024-02-29) is partial: the data ends on 2024-02-10, 34% of the way through it, so its activity, ties and retention read low against full periods.",
    "severity": "warning"
   }
  ]
 },
 "survey": null,
 "time": {
  "compared_with": "previous period",
  "dormancy_minimum_days": 180,
  "dormancy_multiple": 8,
  "drifting_away": [],
  "empty_periods_skipped": 0,
  "half_life_days": 180,
  "large_event_size": 10,
  "max_event_size": 100,
  "period": "month",
  "periods": 2,
  "relative_change": 0.25,
  "tie_changes": {
   "dissolved": 0,
   "dormant": 0,
   "new": 1,
   "strengthened": 0,
   "sustained": 1,
   "weakened": 0
  },
  "tie_count": 2,
  "tie_threshold": 0.25,
  "type_weights": {
   "call": 1,
   "chat": 0.5,
   "co-attendance": 0.25,
   "co-authoring": 3,
   "co-presenting": 2,
   "email": 0.5,
   "meeting": 1,
   "message": 0.5,
   "visit": 1
  }
 },
 "window": {
  "from": null,
  "to": null
 }
}
"""#
