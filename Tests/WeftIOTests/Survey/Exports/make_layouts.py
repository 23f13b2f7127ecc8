#!/usr/bin/env python3
"""Writes survey exports in layouts the hand-made fixtures beside them do not cover, as the tools
write them (run from this folder: python3 make_layouts.py):

- qualtrics-form-field.csv / qualtrics-form-field-numeric.csv: a Qualtrics "Export data" CSV
  (three header rows: question ids, question text, ImportId JSON) of a survey with a matrix
  question (one row per member, "How often … - Ana Silva") and a multiple text entry (form field)
  question ("Whom do you trust … - Name 1" … "- Name 3", names typed in the boxes), downloaded
  once with "Use choice text" and once with "Use numeric values" (the matrix's recode values
  1 = Never … 5 = Daily, Qualtrics' defaults for a five-point scale).
- kobo-groups.csv / kobo-groups-choices.csv: a KoboToolbox CSV export ("XML values and headers",
  group names in headers joined by "/", ";"-delimited) of a form whose respondent is a
  select_one question (respondent/member_id), with a select_one country question, a
  select_multiple advice question and its "other, specify" text, and a select_multiple question
  named without a relation word (go_around_with); and the form's choices sheet as CSV.

(The tools' .xlsx downloads are made by ../../Workbook/make_workbooks.py.)
"""
import csv, json

MATRIX = "How often do you seek advice from each person?"
TRUST = "Whom do you trust with sensitive questions? Write up to three names."
METADATA = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
            ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
            ("Status", "Response Type", '{"ImportId":"status"}'),
            ("Progress", "Progress", '{"ImportId":"progress"}'),
            ("Finished", "Finished", '{"ImportId":"finished"}'),
            ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
            ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}')]
MATRIX_ROWS = ["Ana Silva", "José Ramírez", "Bo Chen"]
SCALE = {"Never": 1, "Rarely": 2, "Monthly": 3, "Weekly": 4, "Daily": 5}
RESPONSES = [  # email, matrix answers (choice text), typed names
    ("ana.silva@example.org", ["", "Weekly", "Monthly"], ["Jean-Pierre Dubois", "Kwame Mensah", ""]),
    ("jose.ramirez@example.org", ["Daily", "", "Never"], ["Ana Silva", "", ""]),
    ("bo.chen@example.org", ["Rarely", "Weekly", ""], ["Maria Gonzalez", "Olusegun Obasanjo", "Fatima Al-Hassan"]),
]


def qualtrics(path, numeric):
    ids = [m[0] for m in METADATA] + [f"Q2_{i + 1}" for i in range(3)] + [f"Q4_{i + 1}" for i in range(3)]
    text = ([m[1] for m in METADATA] + [f"{MATRIX} - {name}" for name in MATRIX_ROWS]
            + [f"{TRUST} - Name {i + 1}" for i in range(3)])
    imports = ([m[2] for m in METADATA] + [json.dumps({"ImportId": f"QID2_{i + 1}"}, separators=(",", ":")) for i in range(3)]
               + [json.dumps({"ImportId": f"QID4_{i + 1}_TEXT"}, separators=(",", ":")) for i in range(3)])
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerows([ids, text, imports])
        for k, (email, answers, names) in enumerate(RESPONSES):
            cells = [str(SCALE[a]) if numeric and a else a for a in answers]
            w.writerow([f"2024-03-0{k + 1} 09:00:00", f"2024-03-0{k + 1} 09:11:00", "IP Address", "100", "True",
                        f"R_{k + 1}xYz", email] + cells + names)


KOBO_HEADER = ["start", "end", "today", "respondent/member_id", "profile/country", "network/advice", "network/advice_other",
               "network/go_around_with", "_id", "_uuid", "_submission_time", "_validation_status", "_index"]
KOBO_ROWS = [
    ["ana_silva", "br", "jose_ramirez bo_chen", "my supervisor", "maria_gonzalez"],
    ["jose_ramirez", "mx", "ana_silva", "", "ana_silva bo_chen"],
    ["wanjiru_kamau", "ke", "", "the ministry", "jose_ramirez"],
]
CHOICES = [("members", "ana_silva", "Ana Silva"), ("members", "jose_ramirez", "José Ramírez"),
           ("members", "wanjiru_kamau", "Dr. Wanjiru Kamau"), ("members", "bo_chen", "Bo Chen"),
           ("members", "maria_gonzalez", "Maria Gonzalez"),
           ("countries", "br", "Brazil"), ("countries", "mx", "Mexico"), ("countries", "ke", "Kenya")]


def kobo_rows():
    out = []
    for k, answers in enumerate(KOBO_ROWS):
        out.append([f"2024-03-0{k + 1}T09:00:00.000+03:00", f"2024-03-0{k + 1}T09:10:00.000+03:00", f"2024-03-0{k + 1}"]
                   + answers + [str(2001 + k), f"uuid-{k + 1}", f"2024-03-0{k + 1}T06:10:00", "", str(k + 1)])
    return out


def kobo():
    with open("kobo-groups.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(KOBO_HEADER)
        w.writerows(kobo_rows())
    with open("kobo-groups-choices.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["list_name", "name", "label::English (en)"])
        w.writerows(CHOICES)


qualtrics("qualtrics-form-field.csv", numeric=False)
qualtrics("qualtrics-form-field-numeric.csv", numeric=True)
kobo()
