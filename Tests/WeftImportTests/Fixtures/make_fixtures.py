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
- Google Meet attendance report (the Google Sheet Meet sends the organiser when attendance
  tracking is on, downloaded as CSV): `First name,Last name,Email,Duration,Time joined,Time exited`,
  one row per person (first join, last exit, total time), durations `1 hr 4 min` / `58 min`,
  times as the sheet shows them: clock times alone (`9:02 AM`), the date in the sheet's name
  "<title> - Attendance report - <date>"; dial-in callers with a masked number and no email.
  A second file with full date-times (`14/03/2024, 09:02:11`) as a non-US locale shows them.
- WhatsApp "Export chat" (without media): Android `DD/MM/YYYY, HH:MM - Name: text` (en-GB) in a
  .txt and the .zip that holds it (`WhatsApp Chat with <group>.txt`); iOS `[M/D/YY, h:mm:ss AM]
  Name: text` (en-US, a narrow no-break space U+202F before AM/PM) in `_chat.txt`, a left-to-right
  mark U+200E opening system messages and `image omitted`, numbers of unsaved contacts wrapped in
  U+202A/U+202C; multi-line messages; `<Media omitted>`, `This message was deleted`, joins, leaves,
  subject changes and the encryption notice; mentions `@Name` and `@447700900123`.
- mbox (RFC 4155) as Gmail Takeout writes it: `From <id>@xxx <asctime>` separators, X-GM-THRID
  and X-Gmail-Labels headers, folded To headers, RFC 2047 encoded names, `>From ` escaped body
  lines, a mailing-list message (List-Id, List-Post), a no-reply sender, a message with no Date.
- Outlook CSV mail export: Subject, Body, From: (Name), From: (Address), From: (Type), To: …,
  CC: …, BCC: …, Billing Information, Categories, Importance, Mileage, Sensitivity; `;`-separated
  recipients; Exchange (EX) entries with X.500 addresses; multi-line quoted bodies; no date.
"""
import os
import zipfile

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


def roster_with_phones():
    # The same roster with the phone column a WhatsApp group's numbers are matched through.
    phones = {"m00": "+44 20 7946 0000", "m01": "+55 11 91234 5678", "m02": "+233 24 123 4567",
              "m03": "+91 98765 43210", "m04": "+52 55 1234 5678", "m05": "+212 6 12 34 56 78"}
    text = "id,name,email,phone,country\n" + "".join(f"{i},{n},{e},{phones[i]},{c}\n" for i, n, e, c in ROSTER)
    write("members-phones.csv", text)


def meet_time_only():
    # Learning circle, 14 March 2024; first name, last name, email, duration, joined, exited.
    rows = [
        ("Host", "Team", "host@cln.example", "1 hr 30 min", "9:00 AM", "10:30 AM"),
        ("Ana", "Silva", "ana.silva@cln.example", "1 hr 4 min", "9:02 AM", "10:30 AM"),   # left and came back: Meet sums
        ("Kwame", "Mensah", "kwame@cln.example", "58 min", "9:05 AM", "10:03 AM"),
        ("Priya", "Raman", "", "45 min", "9:10 AM", "9:55 AM"),                     # personal account: no email
        ("José", "Álvarez", "jose@cln.example", "7 min", "9:20 AM", "9:27 AM"),       # below the minimum
        ("(\u202a+44 20\u202c \u2022\u2022\u2022 \u2022\u2022 12)", "", "", "20 min", "9:30 AM", "9:50 AM"),  # dial-in
        ("Fatima Zahra", "El Idrissi", "fatima@cln.example", "about an hour", "", ""),  # edited by hand: rejected
    ]
    text = csv_line(["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"])
    for r in rows:
        text += csv_line(r)
    write("meet/Learning circle - Attendance report - 2024-03-14.csv", text)


def meet_full_times():
    rows = [
        ("Ana", "Silva", "ana.silva@cln.example", "", "21/03/2024, 14:00:05", "21/03/2024, 15:00:05"),  # no duration: exit - join
        ("Kwame", "Mensah", "kwame@cln.example", "40 min", "21/03/2024, 14:10:00", "21/03/2024, 14:50:00"),
        ("Kwame", "Mensah", "kwame@cln.example", "15 min", "21/03/2024, 14:50:30", "21/03/2024, 15:05:30"),  # second device: summed
    ]
    text = csv_line(["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"])
    for r in rows:
        text += csv_line(r)
    write("meet/Data clinic - Attendance report.csv", text)


ANDROID_CHAT = [
    "14/03/2024, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
    '14/03/2024, 09:00 - Host Team created group "CLN peer exchange"',
    "14/03/2024, 09:01 - Host Team added Ana Silva",
    "14/03/2024, 09:02 - +233 24 123 4567 joined using this group's invite link",
    "14/03/2024, 09:15 - Host Team: Welcome all! Please introduce yourselves",
    "14/03/2024, 09:20 - Ana Silva: Hello, Ana from Recife, working on water tariffs",   # reply to Host (5 min)
    "and a second line of the same message",
    "",
    "a third, after a blank line",
    "14/03/2024, 09:31 - +233 24 123 4567: Kwame here, Accra. @Ana Silva we should talk tariffs",  # mention
    "14/03/2024, 09:40 - +233 24 123 4567: <Media omitted>",
    "14/03/2024, 10:30 - Ana Silva: Sure!",                       # 59 minutes after Kwame: outside the window
    "14/03/2024, 10:45 - Ana Silva: This message was deleted",
    "14/03/2024, 10:50 - Host Team: @447700900999 @Ana Silva see above",  # a number not in the roster, and Ana
    '14/03/2024, 11:00 - Host Team changed the subject from "CLN" to "CLN peer exchange 2024"',
    "31/02/2024, 11:05 - Ana Silva: a date that does not exist",      # rejected
    "15/03/2024, 08:00 - Ana Silva: Morning",
    "15/03/2024, 08:10 - Ana Silva: anyone?",                         # same sender: no record
    "15/03/2024, 08:12 - Priya R: Here! @Kwame is on his way",        # Priya's contact name; "@Kwame" names no sender
    "15/03/2024, 08:30 - +233 24 123 4567 left",
]

IOS_CHAT = [
    "[3/14/24, 9:00:00\u202fAM] CLN peer exchange: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
    "[3/14/24, 9:15:04\u202fAM] Host Team: Welcome all",
    "[3/14/24, 9:20:10\u202fAM] Ana Silva: Hello from Recife",
    "[3/14/24, 9:31:00\u202fAM] \u202a+233 24 123 4567\u202c: Kwame here",
    "[3/14/24, 9:32:00\u202fAM] \u202a+233 24 123 4567\u202c: \u200eimage omitted",
    "[3/14/24, 1:05:00\u202fPM] Host Team: Lunch session at 2 PM",
    "[3/14/24, 1:07:30\u202fPM] Ana Silva: \u200e<attached: 00000012-PHOTO-2024-03-14-13-07-30.jpg>",
    "[3/14/24, 1:08:00\u202fPM] Ana Silva: Thanks, @Host Team",
    "[3/14/24, 2:01:00\u202fPM] CLN peer exchange: \u200eAna Silva changed the group name to \u201cCLN 2024\u201d",
]


def whatsapp():
    android = "\n".join(ANDROID_CHAT) + "\n"
    write("whatsapp/WhatsApp Chat with CLN peer exchange.txt", android)
    with zipfile.ZipFile(os.path.join(HERE, "whatsapp/WhatsApp Chat - CLN peer exchange.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("WhatsApp Chat with CLN peer exchange.txt", date_time=(2024, 3, 16, 12, 0, 0))
        z.writestr(info, android.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    ios = "\r\n".join(IOS_CHAT) + "\r\n"
    with zipfile.ZipFile(os.path.join(HERE, "whatsapp/WhatsApp Chat - CLN peer exchange iOS.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("_chat.txt", date_time=(2024, 3, 16, 12, 0, 0)), ios.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


def mbox():
    def message(sep_id, asctime, headers, body):
        out = f"From {sep_id}@xxx {asctime}\n"
        out += "".join(f"{k}: {v}\n" for k, v in headers)
        out += "\n" + body + "\n\n"
        return out
    text = message("1793012345678901001", "Thu Mar 14 09:15:02 +0000 2024", [
        ("X-GM-THRID", "1793012345678901001"), ("X-Gmail-Labels", "Inbox,Opened"),
        ("MIME-Version", "1.0"), ("Date", "Thu, 14 Mar 2024 10:15:02 +0100"),
        ("From", "Ana Silva <ana.silva@cln.example>"),
        ("To", "Kwame Mensah <kwame@cln.example>,\n \"Raman, Priya\" <priya.raman@gmail.example>"),   # folded; Priya's private address
        ("Cc", "=?UTF-8?Q?Jos=C3=A9_=C3=81lvarez?= <jose@cln.example>, ana.silva@cln.example"),  # encoded name; sender copied
        ("Subject", "Tariff data"), ("Content-Type", "text/plain; charset=UTF-8"),
    ], "Hi all,\n>From the last call: the tariff sheet is attached.\nAna")
    text += message("1793012345678901002", "Thu Mar 14 11:00:00 +0000 2024", [
        ("Date", "Thu, 14 Mar 2024 11:00:00 +0000 (UTC)"), ("From", "kwame@cln.example"),
        ("To", "ana.silva@cln.example"), ("Subject", "Re: Tariff data"),
    ], "Thanks Ana.\nFrom Accra, Kwame")   # a From line in the body not after a blank line: not a separator
    text += message("1793012345678901003", "Fri Mar 15 08:00:00 +0000 2024", [
        ("Date", "Fri, 15 Mar 2024 08:00:00 GMT"), ("From", "CLN members <cln-members@googlegroups.com>"),
        ("Reply-To", "cln-members@googlegroups.com"), ("To", "cln-members@googlegroups.com"),
        ("List-Id", "<cln-members.googlegroups.com>"), ("List-Post", "<mailto:cln-members@googlegroups.com>"),
        ("Subject", "[cln] Digest"),
    ], "Digest")
    text += message("1793012345678901004", "Fri Mar 15 09:00:00 +0000 2024", [
        ("Date", "Fri, 15 Mar 2024 09:00:00 +0000"), ("From", "Host Team <host@cln.example>"),
        ("To", "cln-members@googlegroups.com, fatima@cln.example"), ("List-Post", "<mailto:cln-members@googlegroups.com>"),
        ("Subject", "Agenda"),
    ], "Agenda for next week")
    text += message("1793012345678901005", "Fri Mar 15 09:30:00 +0000 2024", [
        ("Date", "Fri, 15 Mar 2024 09:30:00 +0000"), ("From", "Zoom <no-reply@zoom.example>"),
        ("To", "host@cln.example"), ("Subject", "Cloud recording available"),
    ], "Your recording")
    text += message("1793012345678901006", "Fri Mar 15 10:00:00 +0000 2024", [
        ("From", "Fatima Zahra El Idrissi <fatima@cln.example>"), ("To", "host@cln.example"), ("Subject", "no date header"),
    ], "A draft saved without a Date")
    text += message("1793012345678901007", "Fri Mar 15 11:00:00 +0000 2024", [
        ("Date", "Fri, 15 Mar 2024 07:00:00 -0400"), ("From", "Fatima Zahra El Idrissi <fatima@cln.example>"),
        ("To", "undisclosed-recipients:;"), ("Bcc", "kwame@cln.example"), ("Subject", "Bcc only"),
    ], "Bcc is not read")
    write("email/All mail Including Spam and Trash.mbox", text)


def outlook_csv():
    header = ["Subject", "Body", "From: (Name)", "From: (Address)", "From: (Type)", "To: (Name)", "To: (Address)", "To: (Type)",
              "CC: (Name)", "CC: (Address)", "CC: (Type)", "BCC: (Name)", "BCC: (Address)", "BCC: (Type)",
              "Billing Information", "Categories", "Importance", "Mileage", "Sensitivity"]
    x500 = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=4f1c2d-kwame"
    rows = [
        ["Workshop", "Dear all,\r\nsee you, \"soon\".\r\nHost", "Host Team", "host@cln.example", "SMTP",
         "Ana Silva;Kwame Mensah", "ana.silva@cln.example;" + x500, "SMTP;EX", "Priya Raman", "priya.raman@gmail.example", "SMTP",
         "", "", "", "", "", "Normal", "", "Normal"],
        ["Re: Workshop", "Thanks", "Kwame Mensah", x500, "EX", "Host Team", "host@cln.example", "SMTP",
         "", "", "", "", "", "", "", "", "Normal", "", "Normal"],
        ["Out of office", "Automatic reply", "Microsoft Outlook", "noreply@outlook.example", "SMTP", "Host Team", "host@cln.example", "SMTP",
         "", "", "", "", "", "", "", "", "Normal", "", "Normal"],
    ]
    text = csv_line(header) + "".join(csv_line(r) for r in rows)
    text += '"Broken","a body whose quote never closes,Host Team,host@cln.example\r\n'
    write("email/outlook-inbox.csv", text)


if __name__ == "__main__":
    roster()
    roster_with_phones()
    meet_time_only()
    meet_full_times()
    whatsapp()
    mbox()
    outlook_csv()
    zoom_with_meeting_data()
    zoom_participants_only()
    teams_sectioned("teams/attendance-en-US.csv", day_first=False)
    teams_sectioned("teams-dayfirst/attendance-en-GB.csv", day_first=True)
    teams_legacy()
