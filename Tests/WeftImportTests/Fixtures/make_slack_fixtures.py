#!/usr/bin/env python3
"""Writes the Slack fixtures of WeftImportTests (slack/) from the workspace export layout Slack
documents ("How to read Slack data exports", slack.com/help/articles/220556107).

Run from this folder: python3 make_slack_fixtures.py. Deterministic (no randomness, no clock; the
.zip's entries carry a fixed date).

Layout followed: users.json (id, team_id, name, deleted, real_name, tz, profile{real_name,
display_name, email, …}, is_bot, is_restricted, …), channels.json (id, name, created, creator,
members, topic, purpose), dms.json for direct messages, and one folder per conversation of day
files YYYY-MM-DD.json, each a JSON array of messages pretty-printed with 4 spaces: type, user,
text, ts ("seconds.micro"), client_msg_id, blocks, team, user_profile, thread_ts, reply_count,
reply_users, replies, parent_user_id (replies; older exports lack it), reactions[{name, users,
count}], subtypes (channel_join, channel_topic, bot_message, thread_broadcast, file_share,
tombstone). Quirks kept: a join message whose text mentions the joiner, a bot user and a
bot_message, USLACKBOT, a deleted user, a guest with an outside email, an email in upper case, a
Slack Connect user absent from users.json, a reply whose thread began before the export's range, a
day file cut short, and the .zip holding everything under one top folder.
"""
import calendar
import json
import os
import shutil
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "slack", "export")
TEAM = "T0CLN1234"


def ts(day, hh, mm, ss=0, micro=100):
    return f"{calendar.timegm((2024, 3, day, hh, mm, ss)):d}.{micro:06d}"


def user(uid, name, real, email, **flags):
    first, _, last = real.partition(" ")
    profile = {"title": "", "phone": "", "skype": "", "real_name": real, "real_name_normalized": real,
               "display_name": name.split(".")[0], "display_name_normalized": name.split(".")[0], "fields": None,
               "status_text": "", "status_emoji": "", "avatar_hash": "g" + uid[-6:].lower(), "first_name": first,
               "last_name": last, "image_72": f"https://avatars.slack-edge.com/{uid}_72.png", "team": TEAM}
    if email:
        profile["email"] = email
    record = {"id": uid, "team_id": TEAM, "name": name, "deleted": flags.get("deleted", False), "color": "9f69e7",
              "real_name": real, "tz": "Europe/Lisbon", "tz_label": "Western European Time", "tz_offset": 0,
              "profile": profile, "is_admin": flags.get("admin", False), "is_owner": False, "is_primary_owner": False,
              "is_restricted": flags.get("guest", False), "is_ultra_restricted": flags.get("guest", False),
              "is_bot": flags.get("bot", False), "is_app_user": False, "updated": 1709251200}
    if flags.get("bot"):
        record["profile"]["bot_id"] = "B0POLLY01"
        record["profile"]["api_app_id"] = "A0POLLY01"
    return record


USERS = [
    user("U01HOST00", "host.team", "Host Team", "host@cln.example", admin=True),
    user("U02ANA000", "ana.silva", "Ana Silva", "ana.silva@cln.example"),
    user("U03KWAME0", "kwame", "Kwame Mensah", "KWAME@cln.example"),
    user("U04PRIYA0", "priya.raman", "Priya Raman", "priya.raman@partner.example", guest=True),
    user("U05JOSE00", "jose", "Jose Alvarez", "jose@cln.example"),
    user("U06FATIMA", "fatima", "Fatima Zahra El Idrissi", "fatima@cln.example", deleted=True),
    user("U07POLLY0", "polly", "Polly", None, bot=True),
]
NAMES = {u["id"]: u for u in USERS}


def message(uid, when, text, **extra):
    u = NAMES.get(uid)
    m = {"client_msg_id": f"{zlib.crc32((uid + when).encode()):08x}-5c1e-4a8e-9b7d-1f2e3d4c5b6a", "type": "message",
         "text": text, "user": uid, "ts": when,
         "blocks": [{"type": "rich_text", "block_id": "b" + when[-4:],
                     "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}],
         "team": TEAM}
    if u:
        m["user_profile"] = {"avatar_hash": u["profile"]["avatar_hash"], "image_72": u["profile"]["image_72"],
                             "first_name": u["profile"]["first_name"], "real_name": u["real_name"],
                             "display_name": u["profile"]["display_name"], "team": TEAM, "name": u["name"],
                             "is_restricted": u["is_restricted"], "is_ultra_restricted": u["is_ultra_restricted"]}
    m.update(extra)
    return m


def system(subtype, uid, when, text, **extra):
    m = {"type": "message", "subtype": subtype, "ts": when, "user": uid, "text": text}
    m.update(extra)
    return m


def reactions(*pairs):
    return [{"name": name, "users": users, "count": len(users)} for name, users in pairs]


def write_json(path, value, cut=None):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    text = json.dumps(value, indent=4, ensure_ascii=False)
    if cut:   # a copy interrupted part-way through the last message
        text = text[:text.rindex(cut)]
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if os.path.exists(os.path.join(HERE, "slack")):
        shutil.rmtree(os.path.join(HERE, "slack"))
    write_json("users.json", USERS)
    members = [u["id"] for u in USERS if not u["is_bot"]]
    write_json("channels.json", [
        {"id": "C01GENERAL", "name": "general", "created": 1704067200, "creator": "U01HOST00", "is_archived": False,
         "is_general": True, "members": members, "topic": {"value": "", "creator": "", "last_set": 0},
         "purpose": {"value": "Everyone in the network", "creator": "U01HOST00", "last_set": 1704067200}},
        {"id": "C02CIRCLE", "name": "learning-circle", "created": 1706745600, "creator": "U04PRIYA0", "is_archived": False,
         "is_general": False, "members": ["U02ANA000", "U03KWAME0", "U04PRIYA0", "U06FATIMA"],
         "topic": {"value": "Water tariffs", "creator": "U04PRIYA0", "last_set": 1706745600},
         "purpose": {"value": "", "creator": "", "last_set": 0}},
    ])
    write_json("dms.json", [{"id": "D0DMANAKWA", "created": 1706745600, "members": ["U02ANA000", "U03KWAME0"]}])
    welcome = ts(11, 9, 0)
    write_json("general/2024-03-11.json", [
        system("channel_join", "U05JOSE00", ts(11, 8, 55), "<@U05JOSE00> has joined the channel"),
        message("U01HOST00", welcome, "Welcome <@U05JOSE00>! Please meet <@U02ANA000>, who ran the pilot.",
                thread_ts=welcome, reply_count=2, reply_users_count=2, latest_reply=ts(11, 9, 20),
                reply_users=["U05JOSE00", "U02ANA000"],
                replies=[{"user": "U05JOSE00", "ts": ts(11, 9, 10)}, {"user": "U02ANA000", "ts": ts(11, 9, 20)}],
                is_locked=False, subscribed=True, last_read=ts(11, 9, 20),
                reactions=reactions(("wave", ["U02ANA000", "U05JOSE00", "U07POLLY0"]))),
        message("U05JOSE00", ts(11, 9, 10), "Thanks <@U01HOST00>!", thread_ts=welcome, parent_user_id="U01HOST00"),
        # An older export: no parent_user_id on the reply.
        message("U02ANA000", ts(11, 9, 20), "Happy to share the notes.", thread_ts=welcome,
                reactions=reactions(("+1", ["U02ANA000"]))),
        {"type": "message", "subtype": "bot_message", "text": "Reminder: the learning circle meets on Wednesday.",
         "ts": ts(11, 10, 0), "bot_id": "B0POLLY01", "username": "Polly", "icons": {"emoji": ":parrot:"}},
    ])
    write_json("general/2024-03-12.json", [
        message("U03KWAME0", ts(12, 11, 0), "Also sharing this here: the tariff model.", subtype="thread_broadcast",
                thread_ts=welcome, parent_user_id="U01HOST00", root={"user": "U01HOST00", "ts": welcome, "text": "Welcome"}),
        message("U03KWAME0", ts(12, 11, 5), "Good morning all"),
        system("channel_topic", "U01HOST00", ts(12, 12, 0), "set the channel topic: Network news", topic="Network news"),
        {"type": "message", "user": "USLACKBOT", "text": "Reminder: submit your monthly update.", "ts": ts(12, 16, 0)},
        message("U07POLLY0", ts(12, 17, 0), "Poll: which date suits you?", bot_id="B0POLLY01", app_id="A0POLLY01"),
    ])
    question = ts(13, 14, 0)
    write_json("learning-circle/2024-03-13.json", [
        message("U04PRIYA0", question, "Question for <@U06FATIMA|fatima> and <@U03KWAME0>: how did you set the lifeline block?",
                thread_ts=question, reply_count=2, reply_users=["U06FATIMA", "UEXT00001"]),
        message("U06FATIMA", ts(13, 14, 30), "We used household size.", thread_ts=question, parent_user_id="U04PRIYA0",
                reactions=reactions(("pray", ["U04PRIYA0", "U03KWAME0"]))),
        # A Slack Connect user from a partner's workspace: not in users.json.
        {"type": "message", "text": "Same in our utility.", "user": "UEXT00001", "ts": ts(13, 15, 0), "thread_ts": question,
         "parent_user_id": "U04PRIYA0", "team": "T0PARTNER", "user_team": "T0PARTNER", "source_team": "T0PARTNER",
         "user_profile": {"real_name": "Guest Visitor", "display_name": "guest", "team": "T0PARTNER", "name": "guest"}},
        message("U03KWAME0", ts(13, 15, 30), "<@U02ANA000> the report I mentioned", subtype="file_share", upload=True,
                files=[{"id": "F0REPORT1", "name": "tariff-report.pdf", "title": "tariff-report.pdf", "mimetype": "application/pdf"}]),
        # A reply in a thread begun before the export's range.
        message("U02ANA000", ts(13, 16, 0), "Following up on this.", thread_ts=ts(1, 10, 0)),
    ])
    write_json("learning-circle/2024-03-14.json", [
        message("U02ANA000", ts(14, 9, 0), "<@U05JOSE00> you might like this thread"),
        message("U03KWAME0", ts(14, 9, 30), "Another thought"),
    ], cut='"Another thought"')
    write_json("D0DMANAKWA/2024-03-15.json", [
        message("U02ANA000", ts(15, 10, 0), "<@U03KWAME0> can we talk tomorrow?"),
        {"type": "message", "subtype": "tombstone", "text": "This message was deleted.", "user": "USLACKBOT",
         "hidden": True, "ts": ts(15, 10, 5), "thread_ts": ts(15, 10, 5), "reply_count": 1},
    ])
    # The .zip Slack hands out, here as a user re-zipped the unzipped folder: under one top folder.
    top = "CLN Slack export Mar 1 2024 - Mar 31 2024"
    with zipfile.ZipFile(os.path.join(HERE, "slack", "export.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for folder, _, files in sorted(os.walk(ROOT)):
            for name in sorted(files):
                full = os.path.join(folder, name)
                info = zipfile.ZipInfo(top + "/" + os.path.relpath(full, ROOT), date_time=(2024, 4, 1, 9, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(full, "rb") as f:
                    z.writestr(info, f.read())


if __name__ == "__main__":
    main()
