#!/usr/bin/env python3
"""Writes the benchmark workbook: an interactions sheet of ROWS rows (default 1,000,000) as
Excel stores one — member ids and types as shared strings, timestamps as date-time serials with
a date format, weights as numbers — with openpyxl's write-only mode.

usage: make_big_workbook.py OUT.xlsx [ROWS]
Seeded, so every run writes the same cells. Never committed: Benchmarks/data/ is ignored.
"""
import datetime as dt
import random
import sys

import openpyxl
from openpyxl.cell import WriteOnlyCell


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(42)
    members = [f"m{i:05d}" for i in range(1, 5001)]
    types = ["message", "call", "meeting", "pairing", "co-presenting"]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("interactions")
    sheet.append(["source", "target", "timestamp", "weight", "type"])
    start = dt.datetime(2020, 1, 1)
    for k in range(rows):
        source, target = rng.sample(members, 2)
        when = WriteOnlyCell(sheet, value=start + dt.timedelta(seconds=k * 60 + rng.randrange(60)))
        when.number_format = "yyyy-mm-dd hh:mm:ss"
        sheet.append([source, target, when, rng.choice((1, 1, 2, 0.5)), rng.choice(types)])
    book.save(out)


if __name__ == "__main__":
    main()
