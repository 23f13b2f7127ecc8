#!/usr/bin/env python3
"""Writes the iCalendar fixtures of WeftImportTests (ics/) from the layouts Google Calendar and
Outlook export, as RFC 5545 describes them.

Run from this folder: python3 make_ics_fixtures.py. Deterministic (no randomness, no clock).

Layouts followed:
- Google Calendar (Settings > Import & export > Export, or Takeout): PRODID
  `-//Google Inc//Google Calendar 70.9054//EN`, X-WR-CALNAME and X-WR-TIMEZONE, a VTIMEZONE per
  zone used, events with UTC DTSTART/DTEND when not recurring and TZID ones when recurring,
  DTSTAMP = the export time, ATTENDEE lines `CUTYPE=…;ROLE=…;PARTSTAT=…;CN=<email or name>;
  X-NUM-GUESTS=0:mailto:…` with the organiser listed as an attendee too, VALARM blocks that carry an
  ATTENDEE of their own, moved occurrences as VEVENTs with RECURRENCE-ID, lines folded at 75
  octets even inside a UTF-8 sequence, CRLF line ends.
- Outlook (File > Save Calendar, or an exported .ics): PRODID `-//Microsoft Corporation//Outlook
  16.0 MIMEDIR//EN`, Windows zone names in TZID (`W. Europe Standard Time`) with their VTIMEZONE,
  quoted CN parameters ("Mensah, Kwame"), attendees without PARTSTAT when no reply was tracked,
  long hexadecimal UIDs, X-MICROSOFT-CDO-* properties, RRULEs with WKST=SU, DTSTAMP = last change.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def fold(line, by_octets):
    """RFC 5545 folding at 75 octets: by octets (Google: may cut a UTF-8 sequence) or by characters."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    if by_octets:
        parts = [data[:75]] + [data[i:i + 74] for i in range(75, len(data), 74)]
    else:
        parts, current = [], b""
        for ch in line:
            enc = ch.encode("utf-8")
            if len(current) + len(enc) > (75 if not parts else 74):
                parts.append(current)
                current = b""
            current += enc
        parts.append(current)
    return parts[0] + b"\r\n" + b"".join(b" " + p + b"\r\n" for p in parts[1:])


def write(path, lines, by_octets):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        for line in lines:
            f.write(fold(line, by_octets))


def google_attendee(email, status, name=None, kind="INDIVIDUAL"):
    return (f"ATTENDEE;CUTYPE={kind};ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN={name or email};"
            f"X-NUM-GUESTS=0:mailto:{email}")


LISBON = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Lisbon", "X-LIC-LOCATION:Europe/Lisbon",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:WEST", "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:WET", "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
]
NAIROBI = ["BEGIN:VTIMEZONE", "TZID:Africa/Nairobi", "X-LIC-LOCATION:Africa/Nairobi", "BEGIN:STANDARD",
           "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "TZNAME:EAT", "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE"]
STAMP = "DTSTAMP:20240520T101500Z"   # Google: the export time
ALARM = ["BEGIN:VALARM", "ACTION:EMAIL", "DESCRIPTION:This is an event reminder", "SUMMARY:Alarm notification",
         "ATTENDEE:mailto:jose@cln.example", "TRIGGER:-P0DT0H30M0S", "END:VALARM"]
DESCRIPTION = ("DESCRIPTION:Círculo de aprendizagem sobre tarifas de água — pauta\\, materiais e ligação: "
               "https://meet.google.com/abc-defg-hij\\n\\nPróxima sessão: relatório de avaliação.")


def google():
    circle = "7kukuqrfedlm2f9t2vhvc0cl9h@google.com"
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:cln.secretariat@cln.example", "X-WR-TIMEZONE:Europe/Lisbon"] + LISBON + NAIROBI
    # A weekly learning circle, Tuesdays 14:00-15:00 Lisbon, across the end of March change to summer
    # time; 2 April excluded; 19 March moved to Wednesday 20 March 10:00-11:30.
    lines += ["BEGIN:VEVENT", "DTSTART;TZID=Europe/Lisbon:20240305T140000", "DTEND;TZID=Europe/Lisbon:20240305T150000",
              "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20240430T225959Z;BYDAY=TU", "EXDATE;TZID=Europe/Lisbon:20240402T140000",
              STAMP, "ORGANIZER;CN=Host Team:mailto:host@cln.example", f"UID:{circle}",
              google_attendee("host@cln.example", "ACCEPTED", "Host Team"),
              google_attendee("ana.silva@cln.example", "ACCEPTED"),
              google_attendee("kwame@cln.example", "ACCEPTED"),
              google_attendee("priya.raman@partner.example", "TENTATIVE", "Priya Raman"),
              google_attendee("jose@cln.example", "DECLINED"),
              google_attendee("c_1888ab2cd3ef4@resource.calendar.google.com", "ACCEPTED", "Sala 2 (8)", "RESOURCE"),
              "X-MICROSOFT-CDO-OWNERAPPTID:-1120363545", "CREATED:20240226T120000Z", DESCRIPTION,
              "LAST-MODIFIED:20240318T090000Z", "LOCATION:Sala 2", "SEQUENCE:1", "STATUS:CONFIRMED",
              "SUMMARY:Learning circle: water tariffs", "TRANSP:OPAQUE"] + ALARM + ["END:VEVENT"]
    # The moved occurrence (Kwame declined it).
    lines += ["BEGIN:VEVENT", "DTSTART;TZID=Europe/Lisbon:20240320T100000", "DTEND;TZID=Europe/Lisbon:20240320T113000",
              STAMP, "ORGANIZER;CN=Host Team:mailto:host@cln.example", f"UID:{circle}",
              "RECURRENCE-ID;TZID=Europe/Lisbon:20240319T140000",
              google_attendee("host@cln.example", "ACCEPTED", "Host Team"),
              google_attendee("ana.silva@cln.example", "ACCEPTED"),
              google_attendee("kwame@cln.example", "DECLINED"),
              "CREATED:20240226T120000Z", "LAST-MODIFIED:20240318T090000Z", "SEQUENCE:2", "STATUS:CONFIRMED",
              "SUMMARY:Learning circle: water tariffs (moved)", "TRANSP:OPAQUE", "END:VEVENT"]
    # A one-off call in UTC, 23:30Z on 10 April: 00:30 on 11 April in Lisbon (the calendar's zone).
    lines += ["BEGIN:VEVENT", "DTSTART:20240410T233000Z", "DTEND:20240411T001500Z", STAMP,
              "ORGANIZER;CN=Fatima Zahra El Idrissi:mailto:fatima@cln.example", "UID:2b9o5l0q1rj3c8v6k0e7mtn4ss@google.com",
              google_attendee("fatima@cln.example", "ACCEPTED", "Fatima Zahra El Idrissi"),
              google_attendee("ana.silva@cln.example", "NEEDS-ACTION"),
              google_attendee("visitor@another.example", "ACCEPTED", "Guest Visitor"),
              "SEQUENCE:0", "STATUS:CONFIRMED", "SUMMARY:Late call with partners", "TRANSP:OPAQUE", "END:VEVENT"]
    # A personal appointment: no attendees.
    lines += ["BEGIN:VEVENT", "DTSTART:20240312T080000Z", "DTEND:20240312T090000Z", STAMP,
              "UID:5r1e0jk0u9o2sq7f9m2r2bd0v8@google.com", "SUMMARY:Dentist", "TRANSP:OPAQUE", "END:VEVENT"]
    # A cancelled meeting.
    lines += ["BEGIN:VEVENT", "DTSTART:20240314T130000Z", "DTEND:20240314T140000Z", STAMP,
              "ORGANIZER;CN=Host Team:mailto:host@cln.example", "UID:0cq3n6v9c1s4b7e2h5k8m1p4r7@google.com",
              google_attendee("host@cln.example", "ACCEPTED", "Host Team"), google_attendee("kwame@cln.example", "ACCEPTED"),
              "STATUS:CANCELLED", "SUMMARY:Steering group", "END:VEVENT"]
    # First Thursday of the month, four times from March (Nairobi time); June's is after the export.
    lines += ["BEGIN:VEVENT", "DTSTART;TZID=Africa/Nairobi:20240307T160000", "DTEND;TZID=Africa/Nairobi:20240307T173000",
              "RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=1TH", STAMP, "ORGANIZER;CN=Host Team:mailto:host@cln.example",
              "UID:3f8s0d7m2k4n6p8r0t2v4x6z8b@google.com",
              google_attendee("host@cln.example", "ACCEPTED", "Host Team"),
              google_attendee("kwame@cln.example", "ACCEPTED"), google_attendee("fatima@cln.example", "ACCEPTED"),
              "SUMMARY:Regional check-in (East Africa)", "END:VEVENT"]
    # A start written the way a spreadsheet would, not as iCalendar: rejected with its line.
    lines += ["BEGIN:VEVENT", "DTSTART:2024-03-21 10:00", "DTEND:2024-03-21 11:00", STAMP,
              "ORGANIZER;CN=Host Team:mailto:host@cln.example", "UID:9x8w7v6u5t4s3r2q1p0o9n8m7l@google.com",
              google_attendee("kwame@cln.example", "ACCEPTED"), "SUMMARY:Imported by hand", "END:VEVENT"]
    lines += ["END:VCALENDAR"]
    write("ics/google/cln.secretariat@cln.example.ics", lines, by_octets=True)


W_EUROPE = ["BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T030000",
            "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"]


def outlook():
    uid = "040000008200E00074C5B7101A82E00800000000{}0000000000000000100000003F2B7C5D9E1A4B4F8C6D2E1F0A9B8C7D"
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:PUBLISH",
             "X-CALSTART:20240415T070000Z", "X-WR-RELCALID:{0000002E-1F2A-3B4C-5D6E-7F8091A2B3C4}",
             "X-WR-CALNAME:Calendar", "X-MS-OLK-FORCEINSPECTOROPEN:TRUE"] + W_EUROPE
    # A three-day workshop every other day, 09:00-12:00 Berlin time.
    lines += ["BEGIN:VEVENT", "CLASS:PUBLIC", "CREATED:20240401T101010Z",
              "DESCRIPTION:Workshop on monitoring data. Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc\\n",
              "DTEND;TZID=W. Europe Standard Time:20240415T120000", "DTSTAMP:20240601T080000Z",
              "DTSTART;TZID=W. Europe Standard Time:20240415T090000", "LAST-MODIFIED:20240601T080000Z",
              "LOCATION:Microsoft Teams Meeting", "ORGANIZER;CN=\"Ana Silva\":mailto:ana.silva@cln.example",
              "ATTENDEE;CN=\"Mensah, Kwame\";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:kwame@cln.example",
              "ATTENDEE;CN=\"José Álvarez\";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:jose@cln.example",
              "ATTENDEE;CN=\"Priya Raman\";RSVP=TRUE:mailto:priya.raman@partner.example",
              "RRULE:FREQ=DAILY;COUNT=3;INTERVAL=2", "PRIORITY:5", "SEQUENCE:0", "SUMMARY;LANGUAGE=en-gb:Data workshop",
              "TRANSP:OPAQUE", f"UID:{uid.format('A0B1C2D3E4F5A6B7')}", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
              "X-MICROSOFT-CDO-IMPORTANCE:1", "X-MICROSOFT-DISALLOW-COUNTER:FALSE", "X-MS-OLK-AUTOFILLLOCATION:FALSE",
              "X-MS-OLK-CONFTYPE:0", "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM",
              "END:VEVENT"]
    # Mondays and Wednesdays every other week (weeks start on Sunday), until 15 May.
    lines += ["BEGIN:VEVENT", "CLASS:PUBLIC", "CREATED:20240410T090000Z",
              "DTEND;TZID=W. Europe Standard Time:20240422T100000", "DTSTAMP:20240601T080000Z",
              "DTSTART;TZID=W. Europe Standard Time:20240422T090000",
              "ORGANIZER;CN=\"Host Team\":mailto:host@cln.example",
              "ATTENDEE;CN=\"José Álvarez\";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:jose@cln.example",
              "ATTENDEE;CN=\"Priya Raman\";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:priya.raman@partner.example",
              "ATTENDEE;CN=\"Meeting Room 4\";CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:room4@cln.example",
              "RRULE:FREQ=WEEKLY;UNTIL=20240515T070000Z;INTERVAL=2;BYDAY=MO,WE;WKST=SU",
              "SEQUENCE:0", "SUMMARY;LANGUAGE=en-gb:Mentoring pairs", "TRANSP:OPAQUE",
              f"UID:{uid.format('B1C2D3E4F5A6B7C8')}", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "END:VEVENT"]
    # An hourly rule (not read by Weft): rejected with its line, the rest of the file read.
    lines += ["BEGIN:VEVENT", "DTSTART;TZID=W. Europe Standard Time:20240423T090000",
              "DTEND;TZID=W. Europe Standard Time:20240423T091500", "DTSTAMP:20240601T080000Z",
              "ORGANIZER;CN=\"Host Team\":mailto:host@cln.example",
              "ATTENDEE;CN=\"Mensah, Kwame\";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:kwame@cln.example",
              "RRULE:FREQ=HOURLY;COUNT=4", "SUMMARY:Stand-up", f"UID:{uid.format('C2D3E4F5A6B7C8D9')}", "END:VEVENT"]
    lines += ["END:VCALENDAR"]
    write("ics/outlook/Calendar.ics", lines, by_octets=False)


if __name__ == "__main__":
    google()
    outlook()
