#!/usr/bin/env python3
"""Writes large platform exports for the import benchmarks: python3 make_big_exports.py KIND PATH COUNT.

KIND is `mbox` (COUNT messages in Gmail Takeout's layout: a `From ` line, X-GM-THRID,
X-Gmail-Labels, From, To with 1-4 recipients, sometimes Cc, Date, Subject, a ~700-byte body: about
1.1 KB a message, so 1,000,000 messages are ~1.1 GB), `whatsapp` (COUNT Android chat lines among
200 senders, a mention in one message of ten) or `slack` (a workspace export folder at PATH with
users.json and COUNT messages in day files of 200 messages across 5 channels: threads, mentions,
reactions). Seeded (random.Random(42)), no clock: the same COUNT gives the same bytes.
"""
import calendar
import json
import os
import random
import sys

PEOPLE = 500
BODY = ("Thanks for the notes from the learning circle. " * 14).strip() + "\n"


def mbox(path, count, rng):
    names = [f"Member {i:03d}" for i in range(PEOPLE)]
    emails = [f"member{i:03d}@network.example" for i in range(PEOPLE)]
    start = calendar.timegm((2020, 1, 1, 8, 0, 0))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for k in range(count):
            t = start + k * 90
            y, mo, d, h, mi, s, wd, _, _ = __import__("time").gmtime(t)
            sender = rng.randrange(PEOPLE)
            to = rng.sample(range(PEOPLE), rng.randrange(1, 5))
            lines = [f"From 1{t:018d}@xxx {calendar.day_abbr[wd]} {calendar.month_abbr[mo]} {d:2d} {h:02d}:{mi:02d}:{s:02d} +0000 {y}",
                     f"X-GM-THRID: 1{rng.getrandbits(60):018d}", "X-Gmail-Labels: Inbox,Opened",
                     f"From: {names[sender]} <{emails[sender]}>",
                     "To: " + ",\n ".join(f"{names[i]} <{emails[i]}>" for i in to)]
            if k % 3 == 0:
                lines.append("Cc: " + emails[(sender + 1) % PEOPLE])
            lines += [f"Date: {calendar.day_abbr[wd]}, {d} {calendar.month_abbr[mo]} {y} {h:02d}:{mi:02d}:{s:02d} +0000",
                      f"Subject: Circle notes {k}", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8"]
            f.write("\n".join(lines) + "\n\n" + BODY + "\n")


def whatsapp(path, count, rng):
    names = [f"Member {i:03d}" for i in range(200)]
    start = calendar.timegm((2020, 1, 1, 8, 0, 0))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for k in range(count):
            y, mo, d, h, mi = __import__("time").gmtime(start + k * 37)[:5]
            sender = rng.randrange(200)
            text = "Agreed, see you at the circle"
            if k % 10 == 0:
                text = "@" + names[(sender + 7) % 200] + " " + text
            f.write(f"{d:02d}/{mo:02d}/{y}, {h:02d}:{mi:02d} - {names[sender]}: {text}\n")


def slack(path, count, rng):
    users = [{"id": f"U{i:08d}", "name": f"member{i}", "real_name": f"Member {i:03d}",
              "profile": {"real_name": f"Member {i:03d}", "email": f"member{i:03d}@network.example"}, "is_bot": False}
             for i in range(PEOPLE)]
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "users.json"), "w") as f:
        json.dump(users, f, indent=4)
    channels = [f"channel-{c}" for c in range(5)]
    with open(os.path.join(path, "channels.json"), "w") as f:
        json.dump([{"id": f"C{c:08d}", "name": n} for c, n in enumerate(channels)], f, indent=4)
    start = calendar.timegm((2020, 1, 1, 8, 0, 0))
    per_file, written, day = 200, 0, 0
    while written < count:
        for channel in channels:
            n = min(per_file, count - written)
            if n <= 0:
                break
            base = start + day * 86400
            messages, parents = [], []
            for k in range(n):
                author = rng.randrange(PEOPLE)
                ts = f"{base + k * 60}.{k:06d}"
                m = {"client_msg_id": f"{rng.getrandbits(64):016x}", "type": "message", "user": users[author]["id"],
                     "text": "Thanks, very useful", "ts": ts, "team": "T00000001"}
                if parents and k % 3 == 1:
                    p = rng.choice(parents)
                    m.update(thread_ts=p["ts"], parent_user_id=p["user"])
                else:
                    parents.append(m)
                if k % 5 == 0:
                    m["text"] = f"<@{users[(author + 3) % PEOPLE]['id']}> " + m["text"]
                if k % 4 == 0:
                    m["reactions"] = [{"name": "+1", "users": [users[(author + 1) % PEOPLE]["id"]], "count": 1}]
                messages.append(m)
            folder = os.path.join(path, channel)
            os.makedirs(folder, exist_ok=True)
            y, mo, d = __import__("time").gmtime(base)[:3]
            with open(os.path.join(folder, f"{y:04d}-{mo:02d}-{d:02d}.json"), "w") as f:
                json.dump(messages, f, indent=4)
            written += n
        day += 1


if __name__ == "__main__":
    kind, path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"mbox": mbox, "whatsapp": whatsapp, "slack": slack}[kind](path, count, random.Random(42))
