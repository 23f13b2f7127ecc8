#!/usr/bin/env python3
"""Writes the platform-export fixtures of WeftImportTests from the vendors' documented layouts.

Run from this folder: python3 make_fixtures.py. Deterministic (no randomness, no clock).

Layouts followed:
- Zoom Participants report (web portal: Reports > Usage > Participants > Export). With "Export with
  meeting data" a one-row block `Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),
  Participants` (the host's email), a blank line, then the participant table `Name (Original Name),
  User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent`; newer reports spell
  the table `Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,In waiting room`.
  Times `MM/DD/YYYY hh:mm:ss AM`, CRLF line ends, UTF-8. The default file name is
  participants_<meeting id>.csv. A renamed participant shows as "Current (Original)".
- Microsoft Teams attendance report (download from the meeting's Attendance tab): UTF-16 LE with a
  byte-order mark, tab-separated, CRLF, sections "1. Summary" (label, value rows), "2. Participants"
  (Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN), Role) and
  "3. In-Meeting Activities" (Name, Join Time, Leave Time, Duration, Email, Role); dates in the
  organiser's locale (`3/28/24, 10:00:00 AM` in en-US, `28/03/2024, 10:00:00` in en-GB); durations
  like `1h 2m 3s`. The older (2020-2021) download: `Full Name, User Action, Timestamp` with Joined,
  Joined before and Left, file name meetingAttendanceList.csv.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# The roster: what a network's members.csv holds.
ROSTER = [
    ("m00", "Host Team", "host@cln.example", "secretariat"),
    ("m01", "Ana Silva", "ana.silva@cln.example", "Brazil"),
    ("m02", "Kwame Mensah", "kwame@cln.example", "Ghana"),
    ("m03", "Priya Raman", "", "India"),
    ("m04", "José Álvarez", "jose@cln.example", "Mexico"),
    ("m05", "Fatima Zahra El Idrissi", "fatima@cln.example", "Morocco"),
]


def write(path, text, encoding="utf-8", bom=b""):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(bom + text.encode(encoding))


def csv_line(fields):
    def cell(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
    return ",".join(cell(v) for v in fields) + "\r\n"


def zoom_time(day, hh, mm, ss=0, month=3, year=2024):
    suffix = "AM" if hh < 12 else "PM"
    h12 = hh % 12 or 12
    return f"{month:02d}/{day:02d}/{year} {h12:02d}:{mm:02d}:{ss:02d} {suffix}"


def minutes(start, end):
    (h1, m1), (h2, m2) = start, end
    return (h2 * 60 + m2) - (h1 * 60 + m1)


def zoom_with_meeting_data():
    # (name as shown, email, join, leave): one row per join, as Zoom writes it.
    joins = [
        ("Host Team", "host@cln.example", (9, 0), (10, 30)),
        ("Ana Silva", "ana.silva@cln.example", (9, 1), (9, 40)),
        ("Ana Silva", "ana.silva@cln.example", (9, 45), (10, 30)),    # rejoined: summed
        ("Kwame (Kwame Mensah)", "kwame@cln.example", (9, 5), (10, 0)),  # renamed; matched by email
        ("Priya Ramen", "", (9, 10), (10, 20)),                         # misspelt: fuzzy match
        ("Jose Alvarez", "", (9, 2), (9, 8)),                           # 6 minutes: below the minimum
        ("Visitor, Guest", "", (9, 30), (10, 0)),                        # not in the roster
    ]
    text = csv_line(["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"])
    text += csv_line(["839 1234 5678", "Peer exchange: water tariffs", zoom_time(14, 9, 0), zoom_time(14, 10, 30),
                      "host@cln.example", 90, 7])
    text += "\r\n"
    text += csv_line(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest", "Recording Consent"])
    for name, email, start, end in joins:
        text += csv_line([name, email, zoom_time(14, *start), zoom_time(14, *end), minutes(start, end),
                          "No" if email else "Yes", ""])
    # A row whose join time is not a time (a spreadsheet edit gone wrong).
    text += csv_line(["Fatima Zahra El Idrissi", "fatima@cln.example", "not recorded", zoom_time(14, 10, 0), 20, "No", ""])
    write("zoom/meeting-data.csv", text)


def zoom_participants_only():
    text = csv_line(["Name (original name)", "Email", "Join time", "Leave time", "Duration (minutes)", "Guest", "In waiting room"])
    rows = [
        ("Fatima Zahra El Idrissi", "fatima@cln.example", (13, 58), (14, 0), "Yes"),   # waiting room: skipped
        ("Fatima Zahra El Idrissi", "fatima@cln.example", (14, 0), (15, 0), "No"),
        ("Ana Silva", "ana.silva@cln.example", (14, 5), (14, 50), "No"),
    ]
    for name, email, start, end, waiting in rows:
        text += csv_line([name, email, zoom_time(21, *start), zoom_time(21, *end), minutes(start, end), "No", waiting])
    text += csv_line(["Kwame Mensah", "kwame@cln.example", zoom_time(21, 14, 0), zoom_time(21, 13, 55), 0, "No", "No"])  # leaves before joining
    write("zoom/participants_83912345679.csv", text)


def teams_time(day, hh, mm, ss=0, day_first=False):
    if day_first:
        return f"{day:02d}/03/2024, {hh:02d}:{mm:02d}:{ss:02d}"
    suffix = "AM" if hh < 12 else "PM"
    return f"3/{day}/24, {hh % 12 or 12}:{mm:02d}:{ss:02d} {suffix}"


def teams_duration(seconds):
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    parts = ([f"{h}h"] if h else []) + ([f"{m}m"] if m or h else []) + ([f"{s}s"] if s else [])
    return " ".join(parts) or "0s"


def tsv(fields):
    return "\t".join(str(f) for f in fields) + "\r\n"


def teams_sectioned(name, day_first):
    # (name, email, role, joins as ((h, m, s), (h, m, s))).
    people = [
        ("Host Team", "host@cln.example", "Organizer", [((9, 58, 0), (11, 0, 0))]),
        ("Ana Silva", "ana.silva@cln.example", "Presenter", [((10, 1, 0), (10, 30, 0)), ((10, 32, 30), (10, 59, 0))]),
        ("Priya Raman", "", "Attendee", [((10, 3, 0), (10, 9, 0))]),
        ("José Álvarez", "jose@cln.example", "Attendee", [((10, 10, 0), (10, 50, 0))]),
    ]

    def secs(t):
        return t[0] * 3600 + t[1] * 60 + t[2]

    def stamp(t):
        return teams_time(28, t[0], t[1], t[2], day_first)

    text = tsv(["1. Summary"])
    text += tsv(["Meeting title", "Learning circle: data use"])
    text += tsv(["Attended participants", len(people) + 1])
    text += tsv(["Start time", stamp((10, 0, 0))])
    text += tsv(["End time", stamp((11, 0, 0))])
    text += tsv(["Meeting duration", teams_duration(3600)])
    text += tsv(["Average attendance time", teams_duration(2415)])
    text += "\r\n"
    text += tsv(["2. Participants"])
    text += tsv(["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"])
    for person, email, role, joins in people:
        total = sum(secs(b) - secs(a) for a, b in joins)
        text += tsv([person, stamp(joins[0][0]), stamp(joins[-1][1]), teams_duration(total), email, email, role])
    # Kwame's row with a first join that is not a date-time.
    text += tsv(["Kwame Mensah", "soon", stamp((10, 45, 0)), "", "kwame@cln.example", "kwame@cln.example", "Attendee"])
    text += "\r\n"
    text += tsv(["3. In-Meeting Activities"])
    text += tsv(["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"])
    for person, email, role, joins in people:
        for a, b in joins:
            text += tsv([person, stamp(a), stamp(b), teams_duration(secs(b) - secs(a)), email, role])
    write(name, text, encoding="utf-16-le", bom=b"\xff\xfe")


def teams_legacy():
    events = [
        ("Host Team", "Joined", (14, 0)),
        ("Ana Silva", "Joined", (14, 1)),
        ("Kwame Mensah", "Joined before", (14, 0)),
        ("Ana Silva", "Left", (14, 20)),
        ("Ana Silva", "Joined", (14, 25)),      # never leaves: closed at the last time in the file
        ("Priya Raman", "Left", (14, 30)),      # left without joining: rejected
        ("Kwame Mensah", "Left", (14, 40)),
        ("Host Team", "Left", (15, 0)),
    ]
    text = tsv(["Full Name", "User Action", "Timestamp"])
    for name, action, (h, m) in events:
        suffix = "AM" if h < 12 else "PM"
        text += tsv([name, action, f"4/11/2024, {h % 12 or 12}:{m:02d}:00 {suffix}"])
    write("teams-legacy/meetingAttendanceList.csv", text, encoding="utf-16-le", bom=b"\xff\xfe")


def roster():
    text = "id,name,email,country\n" + "".join(f"{i},{n},{e},{c}\n" for i, n, e, c in ROSTER)
    write("members.csv", text)


if __name__ == "__main__":
    roster()
    zoom_with_meeting_data()
    zoom_participants_only()
    teams_sectioned("teams/attendance-en-US.csv", day_first=False)
    teams_sectioned("teams-dayfirst/attendance-en-GB.csv", day_first=True)
    teams_legacy()
