#!/usr/bin/env python3
"""Writes the encoding fixtures in encodings/ as spreadsheet programs and collaboration tools
save tables as text. Run from this folder: python3 make_encoding_fixtures.py

What each tool writes (documented behaviour, reproduced with Python's codecs and csv module):

- Excel for Windows, "CSV (Comma delimited) (*.csv)": the system's ANSI code page (Windows-1252
  for Western European locales), no byte-order mark, CR LF line ends, the locale's list
  separator as delimiter (";" for French, Spanish, Portuguese, German locales), fields quoted
  only when they hold the delimiter, a quote or a line break ("minimal" quoting).
  https://support.microsoft.com/office/import-or-export-text-txt-or-csv-files-5250ac4c-663c-47ce-937b-339e391393ba
- Excel, "CSV UTF-8 (Comma delimited) (*.csv)": UTF-8 with a byte-order mark (EF BB BF), CR LF.
- Excel, "Unicode Text (*.txt)": UTF-16 little-endian with a byte-order mark (FF FE),
  tab-delimited, CR LF. Microsoft Teams' meeting attendance download (.csv) is the same
  encoding and delimiter.
- UTF-16 big-endian with a byte-order mark (FE FF): some Mac and Java exporters.
- LibreOffice Calc, "Text CSV" with "Western Europe (ISO-8859-1)": Latin-1, LF line ends.

The members are the same in every file, so a test can check that each encoding reads to the
same rows. The broken files hold one byte that is not valid in the file's encoding, at a
known line and column.
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "encodings")

HEADER = ["id", "name", "email", "country", "organisation"]
MEMBERS = [
    ["m01", "Amélie Dupré", "amelie.dupre@example.org", "Côte d'Ivoire", "Ministère de l'Éducation"],
    ["m02", "Fátima Conceição", "fatima@example.org", "Moçambique", "Direção Nacional"],
    ["m03", "José Ñúñez", "jose@example.org", "España", "Consejería; Salud"],
    ["m04", "Zoë Œuvre", "zoe@example.org", "France", "Œuvres “Sociales” – Lyon"],
    ["m05", "Kwame Asante", "kwame@example.org", "Ghana", "Ghana Education Service € fund"],
]
INTERACTIONS_HEADER = ["source", "target", "timestamp", "type"]
INTERACTIONS = [
    ["m01", "m02", "2024-03-01", "réunion"],
    ["m02", "m03", "2024-03-02", "appel"],
    ["m03", "m04", "2024-03-03", "réunion"],
    ["m05", "m01", "2024-03-04", "e-mail"],
]


def table(header, rows, delimiter, line_end):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    # Excel for Windows (French locale), "CSV (séparateur : point-virgule)".
    write("members-excel-windows-1252.csv", table(HEADER, MEMBERS, ";", "\r\n").encode("cp1252"))
    write("interactions-excel-windows-1252.csv", table(INTERACTIONS_HEADER, INTERACTIONS, ";", "\r\n").encode("cp1252"))
    # Excel "CSV UTF-8".
    write("members-excel-utf8-bom.csv", table(HEADER, MEMBERS, ",", "\r\n").encode("utf-8-sig"))
    # Excel "Unicode Text" and Teams: UTF-16 LE with BOM, tab-delimited.
    write("members-excel-unicode-text.txt", table(HEADER, MEMBERS, "\t", "\r\n").encode("utf-16"))  # BOM + LE on every platform Python runs on
    write("interactions-teams-utf16le.csv", b"\xff\xfe" + table(INTERACTIONS_HEADER, INTERACTIONS, "\t", "\r\n").encode("utf-16-le"))
    # UTF-16 LE without a byte-order mark (some web exporters): recognised by "i\0" at the start.
    write("members-utf16le-no-bom.csv", table(HEADER, MEMBERS, ",", "\r\n").encode("utf-16-le"))
    # UTF-16 BE with BOM.
    write("members-utf16be.csv", b"\xfe\xff" + table(HEADER, MEMBERS, ",", "\r\n").encode("utf-16-be"))
    # LibreOffice, Western Europe (ISO-8859-1), LF. Only Latin-1 letters (no Œ, no €, no curly quotes).
    latin = [[cell.replace("Œ", "Oe").replace("“", '"').replace("”", '"').replace("–", "-").replace("€", "EUR")
              for cell in row] for row in MEMBERS]
    write("members-libreoffice-latin1.csv", table(HEADER, latin, ",", "\n").encode("latin-1"))
    # UTF-8 without BOM, as most tools write it.
    write("members-utf8.csv", table(HEADER, MEMBERS, ",", "\n").encode("utf-8"))

    # Broken files. Windows-1252 with the undefined byte 0x81 on line 4 (header is line 1),
    # after "m03;Jos": column 8.
    broken = table(HEADER, MEMBERS, ";", "\r\n").encode("cp1252")
    lines = broken.split(b"\r\n")
    lines[3] = lines[3].replace("José".encode("cp1252"), b"Jos\x81", 1)
    write("members-windows-1252-undefined-byte.csv", b"\r\n".join(lines))
    # UTF-16 LE with a lone high surrogate on line 3, column 5 ("m02,<D800>…").
    text = table(HEADER, MEMBERS, ",", "\r\n")
    rows = text.split("\r\n")
    encoded = [r.encode("utf-16-le") for r in rows]
    encoded[2] = "m02,".encode("utf-16-le") + b"\x00\xd8" + rows[2][4:].encode("utf-16-le")
    write("members-utf16le-lone-surrogate.csv", b"\xff\xfe" + "\r\n".encode("utf-16-le").join(encoded))
    # UTF-16 LE with an odd number of bytes: the last character is cut.
    whole = b"\xff\xfe" + table(HEADER, MEMBERS, ",", "\r\n").encode("utf-16-le")
    write("members-utf16le-cut.csv", whole[:-1])


if __name__ == "__main__":
    main()
