#!/usr/bin/env python3
"""Writes SampleData/platform-exports/: the exports a network's tools would give for the last
quarter of SampleData (October-December 2024), in the vendors' own layouts, for the people of
SampleData/members.csv, so that `make demo` can run `weft import` on each and analyse the result
together with the bundled records.

Run from the repository root: python3 scripts/make_platform_exports.py. Deterministic: seed 42 (the
seed of `make sample`), no clock; the members are SampleData's own (still in the network at the end
of 2024), so regenerating SampleData with `make sample` and then this script keeps the two in step.

Layouts (as Tests/WeftImportTests/Fixtures/make_*fixtures.py document them):
- zoom/participants_84012345678.csv: Zoom's Participants report with "Export with meeting data":
  the meeting block, a blank line, then `Name (Original Name),User Email,Join Time,Leave Time,
  Duration (Minutes),Guest,Recording Consent`; times `MM/DD/YYYY hh:mm:ss AM`; CRLF.
- teams/Learning circle - Attendance report.csv: the Teams attendance report as downloaded: UTF-16
  LE with a byte-order mark, tab-separated, sections 1. Summary / 2. Participants / 3. In-Meeting
  Activities; en-US dates `11/12/24, 10:00:00 AM`; durations `1h 2m 3s`.
- whatsapp/WhatsApp Chat with CLN peer exchange.txt: Android "Export chat" without media,
  `DD/MM/YYYY, HH:MM - Name: text`, system lines, `<Media omitted>`, multi-line messages, @-mentions.
- slack/: a workspace export folder: users.json, channels.json, and day files
  `<channel>/YYYY-MM-DD.json` (threads with parent_user_id, `<@U…>` mentions, reactions, a bot, a
  channel_join).
- email/Secretariat.mbox: Gmail Takeout's mbox (`From <id>@xxx <asctime>` separators, X-GM-THRID,
  X-Gmail-Labels, folded To headers), a mailing-list message and a no-reply notification.
- calendar/secretariat.ics: Google Calendar's export (PRODID -//Google Inc//Google Calendar 70.9054//EN,
  X-WR-TIMEZONE, VTIMEZONE-free UTC times), a weekly recurring learning circle with an EXDATE and
  per-attendee PARTSTAT, and a one-off meeting.
No message text written here is about anyone: it is filler for the parsers to skip.
"""
import calendar
import csv
import datetime
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "SampleData", "platform-exports")
SEED = 42


def members():
    with open(os.path.join(ROOT, "SampleData", "members.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if not r["left"] and r["email"]]
    return rows


def write(path, text, encoding="utf-8", bom=b""):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(bom + (text if isinstance(text, bytes) else text.encode(encoding)))


def csv_line(fields, sep=","):
    def cell(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in sep + '"\n') else v
    return sep.join(cell(v) for v in fields) + "\r\n"


def clock12(h, m, s=0):
    return f"{h % 12 or 12:02d}:{m:02d}:{s:02d} {'AM' if h < 12 else 'PM'}"


def zoom(rng, people):
    host, *rest = people
    joins = [(host["name"], host["email"], (14, 0), (15, 30))]
    for p in rng.sample(rest, 24):
        start = (14, rng.randrange(0, 15))
        end = (15, rng.randrange(0, 31))
        if rng.random() < 0.15:   # dropped out and came back: two joins, summed by the import
            joins.append((p["name"], p["email"], start, (14, 40)))
            start = (14, 43)
        if rng.random() < 0.1:    # a short visit, below --min-minutes
            end = (start[0], start[1] + 6)
        joins.append((p["name"], p["email"] if rng.random() < 0.8 else "", start, end))
    joins.append(("Guest Visitor", "", (14, 20), (15, 0)))   # not a member: left out and counted

    def stamp(t):
        return f"10/17/2024 {clock12(*t)}"

    text = csv_line(["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"])
    text += csv_line(["840 1234 5678", "Webinar: financing primary care", stamp((14, 0)), stamp((15, 30)), host["email"], 90, len(joins)])
    text += "\r\n"
    text += csv_line(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest", "Recording Consent"])
    for name, email, a, b in joins:
        minutes = (b[0] * 60 + b[1]) - (a[0] * 60 + a[1])
        text += csv_line([name, email, stamp(a), stamp(b), minutes, "No" if email else "Yes", "Yes"])
    write("zoom/participants_84012345678.csv", text)


def duration(seconds):
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return " ".join(([f"{h}h"] if h else []) + ([f"{m}m"] if m or h else []) + ([f"{s}s"] if s else [])) or "0s"


def teams(rng, people):
    organiser, *rest = people
    present = [(organiser, "Organizer", (9, 58, 0), (11, 0, 0))]
    for i, p in enumerate(rng.sample(rest, 12)):
        present.append((p, "Presenter" if i == 0 else "Attendee", (10, rng.randrange(0, 10), rng.randrange(60)),
                        (10, rng.randrange(30, 60), rng.randrange(60))))

    def stamp(t):
        return f"11/12/24, {t[0] % 12 or 12}:{t[1]:02d}:{t[2]:02d} {'AM' if t[0] < 12 else 'PM'}"

    def secs(t):
        return t[0] * 3600 + t[1] * 60 + t[2]

    tsv = lambda fields: csv_line(fields, sep="\t")
    text = tsv(["1. Summary"]) + tsv(["Meeting title", "Learning circle: community health workers"])
    text += tsv(["Attended participants", len(present)]) + tsv(["Start time", stamp((10, 0, 0))]) + tsv(["End time", stamp((11, 0, 0))])
    text += tsv(["Meeting duration", duration(3600)]) + "\r\n"
    text += tsv(["2. Participants"])
    text += tsv(["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"])
    for p, role, a, b in present:
        text += tsv([p["name"], stamp(a), stamp(b), duration(secs(b) - secs(a)), p["email"], p["email"], role])
    text += "\r\n" + tsv(["3. In-Meeting Activities"]) + tsv(["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"])
    for p, role, a, b in present:
        text += tsv([p["name"], stamp(a), stamp(b), duration(secs(b) - secs(a)), p["email"], role])
    write("teams/Learning circle - Attendance report.csv", text, encoding="utf-16-le", bom=b"\xff\xfe")


FILLER = ["Thanks, very useful", "Agreed", "Sharing the slides from today", "Can we pick this up next week?",
          "Good point on the budget lines", "We tried this in our district too", "Is there a template?",
          "Happy to present next time", "Following up on the data question", "See you at the circle"]


def whatsapp(rng, people):
    group = rng.sample(people, 16)
    lines = [f"01/10/2024, 08:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, "
             "not even WhatsApp, can read or listen to them. Tap to learn more.",
             f"01/10/2024, 08:01 - {group[0]['name']} created group \"CLN peer exchange\""]
    when = datetime.datetime(2024, 10, 1, 9, 0)
    for i in range(160):
        when += datetime.timedelta(minutes=rng.choice([2, 5, 9, 20, 45, 240]))
        if when.hour >= 20:
            when = when.replace(hour=8, minute=rng.randrange(60)) + datetime.timedelta(days=rng.randrange(1, 3))
        date = when.strftime("%d/%m/%Y")
        sender = rng.choice(group)
        text = rng.choice(FILLER)
        roll = rng.random()
        if roll < 0.15:
            text = "@" + rng.choice([p for p in group if p is not sender])["name"] + " " + text
        elif roll < 0.2:
            text = "<Media omitted>"
        elif roll < 0.23:
            text = "This message was deleted"
        lines.append(f"{date}, {when:%H:%M} - {sender['name']}: {text}")
        if roll > 0.95:
            lines.append("A second line of the same message")
    lines.append(f"{date}, 21:00 - {group[-1]['name']} left")
    write("whatsapp/WhatsApp Chat with CLN peer exchange.txt", "\n".join(lines) + "\n")


def slack(rng, people):
    staff = rng.sample(people, 14)
    users = [{"id": f"U{i:02d}{p['id'].upper()}", "team_id": "T0CLN0042", "name": p["email"].split("@")[0],
              "deleted": False, "real_name": p["name"], "tz": "Europe/London",
              "profile": {"real_name": p["name"], "display_name": p["name"].split()[0], "email": p["email"]},
              "is_bot": False, "is_app_user": False} for i, p in enumerate(staff)]
    users.append({"id": "U99BOT000", "team_id": "T0CLN0042", "name": "reminders", "deleted": False, "real_name": "Reminders",
                  "profile": {"real_name": "Reminders", "bot_id": "B0REMIND1"}, "is_bot": True})
    channels = [{"id": "C0GENERAL", "name": "general", "created": 1727740800, "creator": users[0]["id"],
                 "members": [u["id"] for u in users[:-1]], "topic": {"value": ""}, "purpose": {"value": "Everyone"}},
                {"id": "C0CIRCLE1", "name": "learning-circle", "created": 1727740800, "creator": users[1]["id"],
                 "members": [u["id"] for u in users[:8]], "topic": {"value": ""}, "purpose": {"value": "The circle"}}]
    write("slack/users.json", json.dumps(users, indent=4, ensure_ascii=False) + "\n")
    write("slack/channels.json", json.dumps(channels, indent=4) + "\n")
    for channel, members_of in (("general", users[:-1]), ("learning-circle", users[:8])):
        for day in range(1, 31, 3):
            base = calendar.timegm((2024, 11, day, 9, 0, 0))
            messages, parents = [], []
            if day == 1:
                joiner = members_of[-1]
                messages.append({"type": "message", "subtype": "channel_join", "user": joiner["id"],
                                 "text": f"<@{joiner['id']}> has joined the channel", "ts": f"{base - 60}.000100"})
            for k in range(rng.randrange(3, 9)):
                author = rng.choice(members_of)
                ts = f"{base + 600 * k + rng.randrange(600)}.{rng.randrange(10**6):06d}"
                m = {"client_msg_id": f"{rng.getrandbits(64):016x}", "type": "message", "text": rng.choice(FILLER),
                     "user": author["id"], "ts": ts, "team": "T0CLN0042"}
                if parents and rng.random() < 0.4:
                    parent = rng.choice(parents)
                    m.update(thread_ts=parent["ts"], parent_user_id=parent["user"])
                else:
                    parents.append(m)
                if rng.random() < 0.25:
                    other = rng.choice([u for u in members_of if u is not author])
                    m["text"] = f"<@{other['id']}> " + m["text"]
                if rng.random() < 0.3:
                    reactors = rng.sample([u["id"] for u in members_of if u is not author], 2)
                    m["reactions"] = [{"name": "+1", "users": reactors, "count": len(reactors)}]
                messages.append(m)
            if day % 9 == 1:
                messages.append({"type": "message", "subtype": "bot_message", "bot_id": "B0REMIND1",
                                 "text": "Reminder: circle tomorrow", "ts": f"{base + 7200}.000200"})
            messages.sort(key=lambda m: float(m["ts"]))
            write(f"slack/{channel}/2024-11-{day:02d}.json", json.dumps(messages, indent=4, ensure_ascii=False) + "\n")


def mbox(rng, people):
    owner = people[0]
    text = ""
    for k in range(80):
        day = 1 + k * 91 // 80
        month, date = (10, day) if day <= 31 else (11, day - 31) if day <= 61 else (12, day - 61)
        t = calendar.timegm((2024, month, date, 8 + k % 9, (k * 7) % 60, 0))
        when = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][(calendar.weekday(2024, month, date))]}, {date} " \
               f"{calendar.month_abbr[month]} 2024 {8 + k % 9:02d}:{(k * 7) % 60:02d}:00 +0000"
        sender = owner if k % 2 == 0 else rng.choice(people[1:])
        to = rng.sample([p for p in people if p is not sender], rng.randrange(1, 4))
        cc = rng.sample([p for p in people if p is not sender and p not in to], rng.randrange(0, 3))
        headers = [f"From 18{t:011d}@xxx {calendar.day_abbr[calendar.weekday(2024, month, date)]} {calendar.month_abbr[month]} {date:2d} 08:00:00 +0000 2024",
                   f"X-GM-THRID: 18{rng.getrandbits(48):015d}", "X-Gmail-Labels: Inbox,Opened",
                   f"From: {sender['name']} <{sender['email']}>",
                   "To: " + ",\n ".join(f"{p['name']} <{p['email']}>" for p in to)]
        if cc:
            headers.append("Cc: " + ", ".join(p["email"] for p in cc))
        headers += [f"Date: {when}", f"Subject: {rng.choice(FILLER)}", "Content-Type: text/plain; charset=UTF-8"]
        text += "\n".join(headers) + "\n\n" + rng.choice(FILLER) + "\n>From the last call: see above\n\n"
    text += ("From 1800000000000000001@xxx Mon Dec 16 08:00:00 +0000 2024\nFrom: CLN announcements <announce@lists.learningnetwork.org>\n"
             f"To: {owner['email']}\nList-Id: <announce.lists.learningnetwork.org>\nDate: Mon, 16 Dec 2024 08:00:00 +0000\n"
             "Subject: Newsletter\n\nNews\n\n")
    text += ("From 1800000000000000002@xxx Tue Dec 17 08:00:00 +0000 2024\nFrom: Calendar <no-reply@calendar.example>\n"
             f"To: {owner['email']}\nDate: Tue, 17 Dec 2024 08:00:00 +0000\nSubject: Reminder\n\nReminder\n\n")
    write("email/Secretariat.mbox", text)


def ics(rng, people):
    organiser = people[0]
    circle = rng.sample(people[1:], 9)
    once = rng.sample(people[1:], 5)

    def attendee(p, status):
        return f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN={p['name']};X-NUM-GUESTS=0:mailto:{p['email']}"

    def fold(line):
        data, out = line.encode("utf-8"), []
        while len(data) > 75:
            cut = 75 if not out else 74
            out.append(data[:cut])
            data = data[cut:]
        out.append(data)
        return b"\r\n ".join(out)   # Google folds at 75 octets, even inside a UTF-8 character

    statuses = ["ACCEPTED"] * 6 + ["DECLINED", "TENTATIVE", "NEEDS-ACTION"]
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{organiser['email']}", "X-WR-TIMEZONE:Europe/London",
             "BEGIN:VEVENT", "DTSTART:20241008T100000Z", "DTEND:20241008T110000Z",
             "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU", "EXDATE:20241029T100000Z", "DTSTAMP:20241220T090000Z",
             f"ORGANIZER;CN={organiser['name']}:mailto:{organiser['email']}", "UID:5q1sample0circle0weekly42@google.com"]
    lines += [attendee(p, statuses[i % len(statuses)]) for i, p in enumerate(circle)]
    lines += ["CREATED:20240920T120000Z", "SUMMARY:Learning circle", "STATUS:CONFIRMED", "TRANSP:OPAQUE",
              "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-P0DT0H10M0S", "END:VALARM", "END:VEVENT",
              "BEGIN:VEVENT", "DTSTART:20241204T140000Z", "DTEND:20241204T153000Z", "DTSTAMP:20241220T090000Z",
              f"ORGANIZER;CN={organiser['name']}:mailto:{organiser['email']}", "UID:7k2sample0steering0once42@google.com"]
    lines += [attendee(p, "ACCEPTED") for p in once]
    lines += ["SUMMARY:Steering group", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    write("calendar/secretariat.ics", b"".join(fold(l) + b"\r\n" for l in lines))


def main():
    rng = random.Random(SEED)
    people = members()
    zoom(rng, people)
    teams(rng, people)
    whatsapp(rng, people)
    slack(rng, people)
    mbox(rng, people)
    ics(rng, people)


if __name__ == "__main__":
    main()
