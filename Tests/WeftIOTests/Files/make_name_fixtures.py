#!/usr/bin/env python3
"""Writes the fixtures of records that name members by email or display name, as an MEL officer's
files have them (Tests/WeftIOTests/Files/names/). Run from this folder: python3 make_name_fixtures.py

- members.csv: the roster, saved by Excel as "CSV UTF-8" (byte-order mark, CRLF line ends).
- interactions-by-name.csv: a contact log typed in Excel ("CSV UTF-8"): people written as the
  person logging them wrote them (display names in another order or case, with titles, Zoom's
  "Display (Original)" form, an email in capitals, letters lost in an encoding round trip, a
  surname shared by two members).
- attendance-by-email.csv: an event sign-in sheet saved by French Excel as "CSV (point-virgule)":
  Windows-1252, semicolons, CRLF, dd/mm/yyyy dates, members by email address.
- respondents-by-email.csv: a survey tool's respondent list (UTF-8, commas, LF), by email.
"""
import csv, io

MEMBERS = [
    ("m01", "Ana Silva", "ana.silva@redlatam.org", "Brazil"),
    ("m02", "Kwame Asante", "kwame.asante@ghs.gov.gh", "Ghana"),
    ("m03", "Fátima Conceição", "fatima.conceicao@saude.pt", "Portugal"),
    ("m04", "John Mensah", "j.mensah@moh.gov.gh", "Ghana"),
    ("m05", "Joseph Mensah", "joseph.mensah@moh.gov.gh", "Ghana"),
    ("m06", "Marie-Claire Dubois", "mc.dubois@sante.gouv.fr", "France"),
    ("m07", "Amina Yusuf", "amina.yusuf@ncdc.gov.ng", "Nigeria"),
    ("m08", "Tomás Ortega", "tomas.ortega@minsal.cl", "Chile"),
]

# (source, target, timestamp, type) as typed; the comment says what each should resolve to.
INTERACTIONS = [
    ("Ana Silva", "KWAME.ASANTE@GHS.GOV.GH", "2024-03-04T10:00:00Z", "call"),        # m01 → m02 (name; email)
    ("Silva, Ana", "Kwame A. (Kwame Asante)", "2024-03-05T09:30:00Z", "email"),      # m01 → m02 (name; Zoom form)
    ("Dr. Ana SILVA", "m06", "2024-03-06T14:00:00Z", "call"),                        # m01 → m06 (title; id)
    ("Marie Claire Dubois", "Tomas Ortega", "2024-03-07T11:00:00Z", "meeting"),      # m06 → m08 (punctuation; accents)
    ("F\ufffdtima Concei\ufffd\ufffdo", "Amina Yusuf", "2024-03-08T08:00:00Z", "call"),  # m03 (lost letters) → m07
    ("Amina Yusuf", "Mensah", "2024-03-09T16:00:00Z", "call"),                        # → two Mensahs: waits for review
    ("Amina Yusuf", "J. Mensah", "2024-03-10T16:00:00Z", "call"),                     # → John or Joseph: never guessed
    ("Tomas Ortga", "Ana Silva", "2024-03-11T10:00:00Z", "email"),                    # typo: close to m08
    ("Guest Speaker", "Ana Silva", "2024-03-12T10:00:00Z", "meeting"),                # nobody: --unknown-members decides
]

ATTENDANCE = [
    ("Ana.Silva@redlatam.org", "Webinaire santé mentale", "14/03/2024", "intervenant"),
    ("kwame.asante@ghs.gov.gh", "Webinaire santé mentale", "14/03/2024", "participant"),
    ("FATIMA.CONCEICAO@SAUDE.PT", "Webinaire santé mentale", "14/03/2024", "participant"),
    ("mc.dubois@sante.gouv.fr", "Atelier données", "02/04/2024", "participant"),
    ("tomas.ortega@minsal.cl", "Atelier données", "02/04/2024", "participant"),
    ("m07", "Atelier données", "02/04/2024", "participant"),
]

RESPONDENTS = [
    ("ana.silva@redlatam.org", "baseline"),
    ("Kwame.Asante@ghs.gov.gh", "baseline"),
    ("amina.yusuf@ncdc.gov.ng", "baseline"),
]


def write(name, header, rows, *, encoding, delimiter=",", newline="\r\n", bom=False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    with open("names/" + name, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


write("members.csv", ["id", "name", "email", "country"], MEMBERS, encoding="utf-8", bom=True)
write("interactions-by-name.csv", ["source", "target", "timestamp", "type"], INTERACTIONS, encoding="utf-8", bom=True)
write("attendance-by-email.csv", ["Membre", "Événement", "Date", "Rôle"], ATTENDANCE, encoding="cp1252", delimiter=";")
write("respondents-by-email.csv", ["respondent", "wave"], RESPONDENTS, encoding="utf-8", newline="\n")
