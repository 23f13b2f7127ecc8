#!/usr/bin/env python3
"""Writes a libFuzzer dictionary for each fuzz target from the string literals of the parsers it drives.

Usage: scripts/fuzz_dict.py            (rewrites Fuzz/Dictionaries/*.dict)

A format parser branches on fixed tokens — "BEGIN:VEVENT", "RRULE", "Join Time", "subtype",
"Media omitted" — that random mutation rarely spells out; libFuzzer's -dict= inserts them whole.
Every plain string literal of 2 to 48 bytes in the listed source files becomes one entry (no
interpolations), so the dictionaries follow the parsers as they change: rerun this after editing one.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMPORT = "Sources/WeftImport/"
CSV = "Sources/WeftIO/CSV/"
SHARED_EXPORT = [IMPORT + "ExportDates.swift", IMPORT + "ExportText.swift", IMPORT + "PlatformDuration.swift",
                 IMPORT + "ImportFormat.swift"]
TARGETS = {
    "zoom": [IMPORT + "ZoomParticipantsReport.swift"] + SHARED_EXPORT,
    "teams": [IMPORT + "TeamsAttendanceReport.swift"] + SHARED_EXPORT,
    "meet": [IMPORT + "MeetAttendanceReport.swift"] + SHARED_EXPORT,
    "whatsapp": [IMPORT + "WhatsAppChat.swift", IMPORT + "ExportDates.swift", IMPORT + "ImportFormat.swift"],
    "slack": [IMPORT + "SlackExport.swift", IMPORT + "JSONArrayElements.swift"],
    "email": [IMPORT + "Mailbox.swift", IMPORT + "EmailHeaders.swift", IMPORT + "OutlookMailCSV.swift",
              IMPORT + "ImportFormat.swift"],
    "ics": [IMPORT + "CalendarContentLine.swift", IMPORT + "CalendarFile.swift", IMPORT + "CalendarTime.swift",
            IMPORT + "RecurrenceRule.swift", IMPORT + "ImportFormat.swift"],
    "members": ["Sources/WeftIO/Ingest/MembersReader.swift", "Sources/WeftIO/Ingest/ColumnSchema.swift",
                CSV + "TextEncoding.swift", CSV + "DateDetection.swift"],
}
LITERAL = re.compile(r'(?<![\\#])"((?:[^"\\\n]|\\.)*)"')
SWIFT_ESCAPE = re.compile(r"\\(u\{([0-9A-Fa-f]{1,8})\}|.)")
SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}


def swift_unescaped(body):
    """A Swift string literal's text: \\n, \\t, \\r, \\0, \\", \\\\ and \\u{…} resolved."""
    return SWIFT_ESCAPE.sub(lambda m: chr(int(m.group(2), 16)) if m.group(2) else SIMPLE.get(m.group(1), m.group(1)), body)


def literals(text):
    for match in LITERAL.finditer(text):
        body = match.group(1)
        if "\\(" in body:
            continue
        value = swift_unescaped(body).encode("utf-8", "surrogatepass")
        if 2 <= len(value) <= 48:
            yield value


def escaped(value):
    out = []
    for byte in value:
        if byte in (0x22, 0x5C):
            out.append("\\" + chr(byte))
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append("\\x%02X" % byte)
    return "".join(out)


def main():
    folder = ROOT / "Fuzz/Dictionaries"
    folder.mkdir(exist_ok=True)
    for target, files in TARGETS.items():
        tokens = set()
        for name in files:
            tokens.update(literals((ROOT / name).read_text()))
        lines = [f'# {target}: string literals of {", ".join(pathlib.Path(f).name for f in files)} (scripts/fuzz_dict.py)']
        lines += [f'"{escaped(token)}"' for token in sorted(tokens)]
        (folder / f"{target}.dict").write_text("\n".join(lines) + "\n")
        print(f"{target}: {len(tokens)} tokens")


if __name__ == "__main__":
    main()
