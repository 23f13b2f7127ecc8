#!/usr/bin/env python3
"""Reference values for Weft's TOML 1.0 reader, from Python's tomllib (Python 3.11+).

For each Tests/WeftAnalysisTests/Fixtures/toml/valid/NAME.toml, writes NAME.json: the document as
tomllib reads it, every value tagged with its TOML type in the toml-test convention
({"type": "integer", "value": "42"}; date-times by kind only, as the reader keeps their text).
For each invalid/NAME.toml, checks that tomllib refuses it and writes invalid/tomllib-errors.json
(tomllib's message for each file, a record only: the Swift test states its own line and column).

Run once after changing the cases: python3 scripts/make_toml_reference.py
"""
import datetime
import json
import math
import pathlib
import sys
import tomllib

# Invalid for Weft, which holds integers in 64 bits, as TOML 1.0 requires ("if an integer cannot be
# represented losslessly, an error must be thrown"); Python's integers have no bound, so tomllib accepts.
BEYOND_TOMLLIB = {"integer-overflow"}

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Tests/WeftAnalysisTests/Fixtures/toml"


def tagged(value):
    if isinstance(value, dict):
        return {key: tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tagged(item) for item in value]
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            text = "nan"
        elif math.isinf(value):
            text = "inf" if value > 0 else "-inf"
        else:
            text = repr(value)
        return {"type": "float", "value": text}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        return {"type": "datetime" if value.tzinfo else "datetime-local"}
    if isinstance(value, datetime.date):
        return {"type": "date-local"}
    if isinstance(value, datetime.time):
        return {"type": "time-local"}
    raise TypeError(type(value))


def main():
    for path in sorted((ROOT / "valid").glob("*.toml")):
        document = tomllib.loads(path.read_bytes().decode("utf-8"))
        path.with_suffix(".json").write_text(json.dumps(tagged(document), indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    errors = {}
    for path in sorted((ROOT / "invalid").glob("*.toml")):
        try:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        except tomllib.TOMLDecodeError as error:
            errors[path.stem] = str(error)
        else:
            if path.stem in BEYOND_TOMLLIB:
                errors[path.stem] = "accepted by tomllib (integers beyond 64 bits)"
                continue
            sys.exit(f"tomllib accepts {path.name}, which should be invalid")
    (ROOT / "invalid/tomllib-errors.json").write_text(json.dumps(errors, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
