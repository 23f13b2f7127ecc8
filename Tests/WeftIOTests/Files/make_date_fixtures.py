#!/usr/bin/env python3
"""Writes the date and number fixtures in dates/ as spreadsheets and meeting tools write them.
Run from this folder: python3 make_date_fixtures.py

Layouts (each from the tool's documented or default output):

- Excel for Windows, French locale, "CSV (séparateur : point-virgule)": Windows-1252, ";",
  CR LF, short dates as DD/MM/YYYY (the locale's short date), date-times as DD/MM/YYYY HH:MM,
  decimal comma in numbers ("1,5"), no thousands separator unless the cell's format adds one
  (then a no-break space, U+00A0, in Windows-1252 byte 0xA0).
- Zoom's meeting participants report (CSV): "Join time" as MM/DD/YYYY HH:MM:SS AM/PM
  (12-hour clock with leading zeros), times in the account's time zone without an offset.
- Microsoft Teams attendance list (US English): M/D/YY, h:MM:SS AM/PM without leading zeros.
- JavaScript / many web APIs: Unix time in milliseconds.
- Excel serial day numbers (a date cell exported as its raw value): the 1900 system, the time of
  day as the fraction.

Each file's expected rows are checked in DateTests.swift.
"""
import csv
import datetime as dt
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dates")


def table(header, rows, delimiter=",", line_end="\n"):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue()


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding))


def french(day):
    return day.strftime("%d/%m/%Y")


def main():
    os.makedirs(OUT, exist_ok=True)
    # Members from French Excel: joined / left in DD/MM/YYYY; one impossible date (31/02/2023)
    # that must reject its row.
    members = [
        ["m1", "Amélie", "FR", french(dt.date(2023, 1, 25)), ""],
        ["m2", "Bruno", "BE", french(dt.date(2023, 3, 4)), french(dt.date(2024, 6, 30))],
        ["m3", "Chloé", "SN", "31/02/2023", ""],
        ["m4", "Didier", "CI", french(dt.date(2024, 2, 1)), ""],
    ]
    write("members-french-excel.csv", table(["id", "name", "country", "joined", "left"], members, ";", "\r\n"), "cp1252")

    # Interactions from French Excel: DD/MM/YYYY HH:MM, weights with a decimal comma and one
    # with a no-break-space thousands separator.
    interactions = [
        ["m1", "m2", dt.datetime(2024, 3, 25, 14, 30).strftime("%d/%m/%Y %H:%M"), "1,5"],
        ["m2", "m4", dt.datetime(2024, 4, 2, 9, 0).strftime("%d/%m/%Y %H:%M"), "2"],
        ["m4", "m1", dt.datetime(2024, 4, 13, 16, 45).strftime("%d/%m/%Y %H:%M"), "1\u00a0250,75"],
        ["m1", "m4", "2024-04-14 10:00", "0,25"],
    ]
    write("interactions-french-excel.csv", table(["source", "target", "timestamp", "weight"], interactions, ";", "\r\n"), "cp1252")

    # Zoom participants (US): MM/DD/YYYY hh:mm:ss AM/PM.
    zoom = [
        ["m1", "webinar-1", dt.datetime(2024, 3, 5, 9, 2, 11).strftime("%m/%d/%Y %I:%M:%S %p")],
        ["m2", "webinar-1", dt.datetime(2024, 3, 5, 12, 0, 5).strftime("%m/%d/%Y %I:%M:%S %p")],
        ["m4", "webinar-2", dt.datetime(2024, 3, 14, 0, 30, 0).strftime("%m/%d/%Y %I:%M:%S %p")],
        ["m1", "webinar-2", "03/14/2024 13:30:00 PM"],      # not a 12-hour time: rejected
    ]
    write("attendance-zoom.csv", table(["member", "event", "date"], zoom))

    # Teams attendance (US English): M/D/YY, h:MM:SS AM/PM, no leading zeros.
    def teams(t):
        return f"{t.month}/{t.day}/{t.strftime('%y')}, {int(t.strftime('%I'))}:{t.strftime('%M:%S %p')}"
    write("attendance-teams.csv", table(["member", "event", "date"], [
        ["m1", "clinic", teams(dt.datetime(2024, 1, 9, 15, 4, 0))],
        ["m2", "clinic", teams(dt.datetime(2024, 1, 23, 8, 59, 59))],
    ]))

    # Ambiguous: every day and month at most 12.
    write("interactions-ambiguous.csv", table(["source", "target", "timestamp"], [
        ["m1", "m2", "03/04/2024"], ["m2", "m4", "05/06/2024"], ["m4", "m1", "05/06/2024"],
    ]))

    # Unix milliseconds and Excel serials.
    def unix_ms(t):
        return str(int(t.replace(tzinfo=dt.timezone.utc).timestamp() * 1000))
    write("interactions-unix-ms.csv", table(["source", "target", "timestamp"], [
        ["m1", "m2", unix_ms(dt.datetime(2024, 3, 25, 14, 30, 15))],
        ["m2", "m4", unix_ms(dt.datetime(2024, 4, 2, 9, 0, 0))],
    ]))

    def excel_serial(t):
        delta = t - dt.datetime(1899, 12, 30)
        return repr(delta.days + delta.seconds / 86400)
    write("interactions-excel-serial.csv", table(["source", "target", "timestamp"], [
        ["m1", "m2", excel_serial(dt.datetime(2024, 3, 25, 12, 0, 0))],
        ["m2", "m4", excel_serial(dt.datetime(2024, 4, 2, 0, 0, 0))],
        ["m4", "m1", "60"],                                   # Excel's 1900-02-29: rejected
    ]))

    # A survey whose waves are dates written DD/MM/YYYY.
    write("survey-wave-dates.csv", table(["respondent", "alter", "relation", "wave"], [
        ["m1", "m2", "advice", "15/09/2024"],
        ["m2", "m1", "advice", "15/03/2024"],
        ["m4", "m1", "advice", "15/09/2024"],
    ]))


if __name__ == "__main__":
    main()
