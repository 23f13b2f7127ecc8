#!/usr/bin/env python3
"""Reads a workbook's first sheet with openpyxl in read-only mode, every cell's value, as the
side-by-side reference for Weft's sheet reader; prints rows, seconds and rows per second.

usage: openpyxl_read.py BOOK.xlsx
"""
import sys
import time

import openpyxl


def main():
    start = time.perf_counter()
    book = openpyxl.load_workbook(sys.argv[1], read_only=True)
    sheet = book.worksheets[0]
    rows = 0
    for row in sheet.iter_rows(values_only=True):
        rows += 1
    seconds = time.perf_counter() - start
    print(f"openpyxl {openpyxl.__version__} read-only: {rows} rows in {seconds:.2f} s = {rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
