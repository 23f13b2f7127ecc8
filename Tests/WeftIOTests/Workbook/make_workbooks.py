#!/usr/bin/env python3
"""Writes the .xlsx test workbooks in Workbooks/ (run from anywhere; needs openpyxl, and
LibreOffice's `soffice` for the LibreOffice-written ones).

Three writers, so the reader meets each one's habits:
- openpyxl 3.1 (shared strings, rich text runs, styles with custom and built-in date formats,
  the 1900 and 1904 date systems, missing cells and rows, a second sheet);
- LibreOffice Calc (`soffice --headless --convert-to xlsx`), which recalculates the formulas
  openpyxl leaves uncalculated and stores their cached values, and writes its own styles;
- this script itself, byte for byte from ECMA-376 Part 1 (SpreadsheetML) for what neither
  writes: inline strings, cells and rows without references, the `x:` namespace prefix, the
  `_xHHHH_` escape, phonetic runs, error and formula-string cells, entities, CDATA.

The survey exports (Google Forms, SurveyMonkey, KoboToolbox) follow the layouts the tools
document for their .xlsx downloads and hold the same answers as the CSV exports in
../Survey/Exports, so the tests can check that both give the same rows:
- Google Forms, "Download responses (.csv)" / Sheets "Download > Microsoft Excel": one sheet
  "Form Responses 1", a Timestamp column of date-times, one column per question, checkbox
  answers joined with ", ", grid questions as `Question [Row]`.
- SurveyMonkey, "Export > All responses data > XLS": two header rows (questions, then answer
  options / "Open-Ended Response"), question cells merged across their options, Respondent ID
  and Collector ID as numbers, Start/End Date as date-times.
- KoboToolbox, "Downloads > XLS" with "XML values and headers" and group names: one sheet named
  after the form with columns `start`, `end`, `today`, group/question paths, `_id`, `_uuid`,
  `_submission_time`, `_index`; select_multiple answers as space-separated choice names and one
  0/1 column per choice. The XLSForm's `choices` sheet (list_name, name, label::English (en)) is
  added as a second sheet, as a project that keeps form and data in one workbook has it.
"""
import csv
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Workbooks")
EXPORTS = os.path.join(HERE, "..", "Survey", "Exports")


def fixed_times(book):
    """openpyxl stamps the creation time; fix it so reruns write the same bytes."""
    stamp = dt.datetime(2024, 3, 1, 12, 0, 0)
    book.properties.created = stamp
    book.properties.modified = stamp


def members_openpyxl(path):
    """A member list as people keep one: a two-line header, dates in a custom format, a rich-text
    name, booleans, a missing cell, an empty row, a value right of the header, a second sheet."""
    book = openpyxl.Workbook()
    fixed_times(book)
    sheet = book.active
    sheet.title = "Roster"
    sheet.append(["Member\nID", "name", "email", "country", "joined", "active", "score"])
    sheet.append(["m01", "Ana Silva", "ana.silva@example.org", "BR", dt.date(2023, 1, 15), True, 3])
    sheet.append(["m02", "José Ramírez", None, "MX", dt.date(2023, 2, 1), False, 2.5])
    rich = CellRichText([TextBlock(InlineFont(b=True), "Wanjiru"), " Kamau"])
    sheet.append(["m03", rich, "wkamau@example.org", "KE", dt.date(2024, 2, 29), True, "=2+3"])
    sheet.append([])                                   # an empty row: skipped
    sheet.append(["m04", "Nguyễn Thị Lan", "lan.nguyen@example.org", "VN", dt.datetime(2023, 6, 1, 14, 30), None, None])
    sheet.append(["m05", "Bo & Chen <BC>", "bo.chen@example.org", "CN", 45000, True, 1])
    sheet["H7"] = "stray note"                # right of the header, inside the used range: a column_8 attribute
    sheet.append([None, "no id", "noid@example.org"])  # no id: rejected
    for row in range(2, 8):
        sheet.cell(row=row, column=5).number_format = "DD/MM/YYYY"
    sheet.cell(row=6, column=5).number_format = "yyyy-mm-dd hh:mm"
    other = book.create_sheet("Notes")
    other.append(["id", "note"])
    other.append(["m01", "founding member"])
    book.save(path)


def dates_1904_openpyxl(path):
    """The Mac 1904 date system: the same dates, stored as serials 1,462 days smaller."""
    book = openpyxl.Workbook()
    fixed_times(book)
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Log"
    sheet.append(["source", "target", "timestamp"])
    sheet.append(["m01", "m02", dt.datetime(2024, 3, 5, 9, 15, 30)])
    sheet.append(["m02", "m03", dt.date(1904, 1, 1)])
    sheet.append(["m03", "m01", dt.date(2024, 12, 31)])
    sheet["C2"].number_format = "yyyy-mm-dd hh:mm:ss"
    sheet["C3"].number_format = "d-mmm-yy"
    sheet["C4"].number_format = "mm-dd-yy"      # built-in 14's look, as a custom code
    book.save(path)


def dates_1900_openpyxl(path):
    """Serials around Excel's fictitious 1900-02-29 (serial 60), time-only and elapsed formats,
    and numbers that only look like dates."""
    book = openpyxl.Workbook()
    fixed_times(book)
    sheet = book.active
    sheet.title = "Serials"
    sheet.append(["serial", "shown"])
    cases = [(1, "yyyy-mm-dd"), (59, "yyyy-mm-dd"), (60, "yyyy-mm-dd"), (61, "yyyy-mm-dd"),
             (45000.75, "m/d/yyyy h:mm"), (0.5, "h:mm:ss"), (1.25, "[h]:mm"), (45000, "0.00"),
             (45000, '"day "0'), (45000, "[$-409]d mmmm yyyy;@"), (45000, 'yyyy"年"m"月"d"日"')]
    for serial, code in cases:
        sheet.append([code, serial])
        sheet.cell(row=sheet.max_row, column=2).number_format = code
    book.save(path)


def interactions_csv(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "timestamp", "weight", "type"])
        w.writerow(["m01", "m02", "2024-03-01", "2", "call"])
        w.writerow(["m02", "m03", "2024-03-02", "1.5", "message"])
        w.writerow(["m03", "m01", "2024-03-03", "", "meeting"])
        w.writerow(["m01", "m01", "2024-03-04", "1", "call"])       # a self-loop: rejected


def libreoffice_convert(source, target_name, filter_name="xlsx"):
    """Converts `source` with LibreOffice into Fixtures/target_name; returns False without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: skipping", target_name)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        subprocess.run([soffice, "--headless", "--norestore", "--convert-to", filter_name, "--outdir", tmp, source],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = os.path.join(tmp, os.path.splitext(os.path.basename(source))[0] + "." + filter_name.split(":")[0])
        shutil.move(produced, os.path.join(OUT, target_name))
    return True


# ---- Written from ECMA-376 Part 1 directly -------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="./styles.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="true"/>
<x:sheets><x:sheet name="R&amp;D log" sheetId="3" r:id="rId7"/></x:sheets>
</x:workbook>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="dd/mm/yyyy\\ hh:mm"/></x:numFmts>
<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>
<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="170" applyNumberFormat="1"/><x:xf numFmtId="14"/></x:cellXfs>
</x:styleSheet>"""
SHARED_STRINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<x:si><x:t>source</x:t></x:si>
<x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">tar</x:t></x:r><x:r><x:t>get</x:t></x:r></x:si>
<x:si><x:t>山田</x:t><x:rPh sb="0" eb="2"><x:t>ヤマダ</x:t></x:rPh></x:si>
<x:si><x:t>line one_x000D_
line two &amp; _x005F_x0041_</x:t></x:si>
</x:sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- cells and rows with and without references, every cell type -->
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:dimension ref="A1:E6"/>
<x:sheetData>
<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>time&#10;stamp</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>m01</x:t></x:is></x:c><x:c r="B3" t="s"><x:v>2</x:v></x:c><x:c r="C3" s="1"><x:v>43891.5</x:v></x:c><x:c r="D3" t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4" t="str"><x:f>"m"&amp;"02"</x:f><x:v>m02</x:v></x:c><x:c r="B4" t="inlineStr"><x:is><x:t><![CDATA[a<b>]]></x:t></x:is></x:c><x:c r="C4" s="2"><x:v>0</x:v></x:c><x:c r="D4" t="e"><x:v>#N/A</x:v></x:c></x:row>
<x:row r="5" spans="1:4"><x:c r="A5" t="b"><x:v>1</x:v></x:c><x:c r="D5" t="inlineStr"><x:is><x:r><x:t>rich</x:t></x:r><x:r><x:rPr><x:i/></x:rPr><x:t xml:space="preserve"> run</x:t></x:r></x:is></x:c><x:c r="F5" t="inlineStr"><x:is><x:t>outside</x:t></x:is></x:c></x:row>
<x:row r="6"><x:c r="B6"/><x:c r="C6" s="1"/></x:row>
<x:row r="7"><x:c r="B7" t="s"><x:v>0</x:v></x:c><x:c r="E7"><x:f>1/0</x:f></x:c></x:row>
</x:sheetData>
</x:worksheet>"""


def write_parts(path, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 1, 12, 0, 0))
            info.compress_type = compression
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)


def handmade(path):
    write_parts(path, [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                       ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                       ("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", SHARED_STRINGS),
                       ("xl/worksheets/sheet1.xml", SHEET)])


def unordered(path):
    """Cells out of column order and a header cell after its neighbours, which ECMA-376 does not
    allow but a reader must survive: placed by their references."""
    sheet = SHEET.split("<x:sheetData>")[0].replace('<x:dimension ref="A1:E6"/>', "") + """<x:sheetData>
<x:row r="1"><x:c r="C1" t="inlineStr"><x:is><x:t>target</x:t></x:is></x:c><x:c r="A1" t="inlineStr"><x:is><x:t>source</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="C2" t="inlineStr"><x:is><x:t>m02</x:t></x:is></x:c><x:c r="B2"><x:v>7</x:v></x:c><x:c r="A2" t="inlineStr"><x:is><x:t>m01</x:t></x:is></x:c></x:row>
</x:sheetData></x:worksheet>"""
    write_parts(path, [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                       ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                       ("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", SHARED_STRINGS),
                       ("xl/worksheets/sheet1.xml", sheet)])


def damaged(source):
    """Broken copies of a good workbook: each must be an error with a message, never a hang."""
    data = open(source, "rb").read()
    open(os.path.join(OUT, "truncated.xlsx"), "wb").write(data[: len(data) // 2])
    # A part whose deflate stream claims a stored block running past the end of the file.
    with zipfile.ZipFile(source) as z:
        names = z.namelist()
    parts = [(n, zipfile.ZipFile(source).read(n)) for n in names]
    path = os.path.join(OUT, "endless-stream.xlsx")
    write_parts(path, parts)
    raw = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start:start + 5] = bytes([0x00, 0xFF, 0xFF, 0x00, 0x00])   # stored block, LEN 65535
    open(path, "wb").write(bytes(raw))
    # A shared string index past the table.
    bad = [(n, SHEET.replace("<x:v>2</x:v>", "<x:v>99</x:v>") if n.endswith("sheet1.xml") else t)
           for n, t in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                        ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                        ("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", SHARED_STRINGS),
                        ("xl/worksheets/sheet1.xml", SHEET)]]
    write_parts(os.path.join(OUT, "bad-shared-string.xlsx"), bad)
    # A ZIP that is not a workbook.
    write_parts(os.path.join(OUT, "not-a-workbook.xlsx"), [("readme.txt", "hello")])


# ---- Survey exports --------------------------------------------------------------------------

def read_csv(name, delimiter=","):
    with open(os.path.join(EXPORTS, name), newline="", encoding="utf-8") as f:
        return list(csv.reader(f, delimiter=delimiter))


def googleforms(path):
    rows = read_csv("googleforms.csv")
    book = openpyxl.Workbook()
    fixed_times(book)
    sheet = book.active
    sheet.title = "Form Responses 1"
    sheet.append(rows[0])
    for row in rows[1:]:
        stamp = dt.datetime.strptime(row[0].replace(" GMT", ""), "%Y/%m/%d %I:%M:%S %p")
        sheet.append([stamp] + [cell or None for cell in row[1:]])
        sheet.cell(row=sheet.max_row, column=1).number_format = "m/d/yyyy h:mm:ss"
    book.save(path)


def surveymonkey(path):
    rows = read_csv("surveymonkey.csv")
    book = openpyxl.Workbook()
    fixed_times(book)
    sheet = book.active
    sheet.title = "Sheet"
    sheet.append([cell or None for cell in rows[0]])
    sheet.append([cell or None for cell in rows[1]])
    for row in rows[2:]:
        values = []
        for i, cell in enumerate(row):
            if i in (0, 1):
                values.append(int(cell))
            elif i in (2, 3):
                values.append(dt.datetime.strptime(cell, "%m/%d/%Y %I:%M:%S %p"))
            else:
                values.append(cell or None)
        sheet.append(values)
        for column in (3, 4):
            sheet.cell(row=sheet.max_row, column=column).number_format = "mm/dd/yyyy hh:mm:ss AM/PM"
    sheet.merge_cells("J1:L1")
    sheet.merge_cells("N1:O1")
    book.save(path)


def kobo(path):
    rows = read_csv("kobo.csv", delimiter=";")
    choices = read_csv("kobo-choices.csv")
    book = openpyxl.Workbook()
    fixed_times(book)
    sheet = book.active
    sheet.title = "ONA survey 2024"
    sheet.append(rows[0])
    header = rows[0]
    for row in rows[1:]:
        values = []
        for name, cell in zip(header, row):
            if name in ("_id", "_index") or (name.count("/") == 2 and cell in ("0", "1")):
                values.append(int(cell))
            elif name == "today":
                values.append(dt.date.fromisoformat(cell))
            else:
                values.append(cell or None)
        sheet.append(values)
        sheet.cell(row=sheet.max_row, column=header.index("today") + 1).number_format = "yyyy-mm-dd"
    choice_sheet = book.create_sheet("choices")
    for row in choices:
        choice_sheet.append(row)
    book.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    members_openpyxl(os.path.join(OUT, "members-openpyxl.xlsx"))
    dates_1904_openpyxl(os.path.join(OUT, "dates-1904.xlsx"))
    dates_1900_openpyxl(os.path.join(OUT, "dates-1900.xlsx"))
    handmade(os.path.join(OUT, "handmade.xlsx"))
    damaged(os.path.join(OUT, "handmade.xlsx"))
    unordered(os.path.join(OUT, "unordered.xlsx"))
    googleforms(os.path.join(OUT, "googleforms.xlsx"))
    surveymonkey(os.path.join(OUT, "surveymonkey.xlsx"))
    kobo(os.path.join(OUT, "kobo.xlsx"))
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "interactions.csv")
        interactions_csv(csv_path)
        libreoffice_convert(csv_path, "interactions-libreoffice.xlsx")
        libreoffice_convert(os.path.join(OUT, "members-openpyxl.xlsx"), "members-libreoffice.xlsx")
        libreoffice_convert(os.path.join(OUT, "members-openpyxl.xlsx"), "members.xls", "xls")
        libreoffice_convert(os.path.join(OUT, "members-openpyxl.xlsx"), "members.ods", "ods")


if __name__ == "__main__":
    main()
