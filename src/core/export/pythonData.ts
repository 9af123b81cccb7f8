// The exported project's gce_data.py: reading and encoding the dataset file (written out as is).
export const GCE_DATA_PY = String.raw`"""Reads the dataset file and encodes it as gamma-CE Lab did: the same schema, the same fitted transforms."""
import csv
import json
import math
import os
import re

import numpy as np

DECIMAL = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
MISSING = {"NaN", "nan", "NAN", "NA", "N/A", "n/a", "null", "NULL", "?"}
FLOAT32_MAX = 3.4028234663852886e38


class DataError(Exception):
    """A problem with the dataset file: one line for the user."""


def cell_number(text):
    """The number a cell spells (blanks around allowed), NaN otherwise or beyond the float32 range."""
    trimmed = text.strip()
    if not DECIMAL.match(trimmed):
        return math.nan
    value = float(trimmed)
    return value if abs(value) <= FLOAT32_MAX else math.nan


def is_missing(text):
    return text in MISSING or text.strip() == "" or text.strip() in MISSING


def level_key(text):
    """A text cell's level: trimmed when it starts or ends with a blank, as the lab reads it."""
    if text and (ord(text[0]) <= 32 or ord(text[-1]) <= 32):
        return text.strip()
    return text


def read_table(path, fmt, delimiter):
    """The header (column names) and {1-based data row: cells}; cells are str, or numbers/None from JSON."""
    if not os.path.isfile(path):
        raise DataError(f"cannot find the dataset {path}: it was moved or deleted since the export; pass --data PATH")
    try:
        if fmt in ("csv", "tsv"):
            return _read_delimited(path, delimiter or ("\t" if fmt == "tsv" else ","))
        if fmt == "jsonl":
            with open(path, encoding="utf-8-sig") as f:
                objects = [json.loads(line) for line in f if line.strip()]
            return _from_objects(objects)
        with open(path, encoding="utf-8-sig") as f:
            return _from_objects(json.load(f))
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        raise DataError(f"cannot read {path}: {error}") from None


def _read_delimited(path, delimiter):
    header = None
    rows = {}
    number = 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        for fields in csv.reader(f, delimiter=delimiter, quotechar='"'):
            if len(fields) == 0 or (len(fields) == 1 and fields[0].strip() == ""):
                continue
            if header is None:
                header = [name.strip() for name in fields]
                continue
            number += 1
            if len(fields) == len(header):
                rows[number] = fields
    if header is None:
        raise DataError(f"{path} has no header row")
    return header, rows, number


def _from_objects(objects):
    if not isinstance(objects, list):
        raise DataError("the JSON dataset is not an array of objects")
    header = []
    seen = {}
    for obj in objects:
        for key in obj:
            if key not in seen:
                seen[key] = len(header)
                header.append(key)
    rows = {}
    for number, obj in enumerate(objects, start=1):
        rows[number] = [_json_cell(obj.get(key)) for key in header]
    return header, rows, len(objects)


def _json_cell(value):
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse(cell):
    """(number or NaN, level key or None if missing or a number) of one cell."""
    if cell is None:
        return math.nan, None
    if not isinstance(cell, str):
        value = float(cell)
        return (value, None) if abs(value) <= FLOAT32_MAX else (math.nan, str(cell))
    value = cell_number(cell)
    if value == value:
        return value, None
    return math.nan, (None if is_missing(cell) else level_key(cell))


def _level_matcher(levels):
    """Index of a cell's level among levels: the text exactly, or a number by its value; -1 if none."""
    exact = {level: k for k, level in enumerate(levels)}
    by_number = {}
    for k, level in enumerate(levels):
        value = cell_number(level)
        if value == value and value not in by_number:
            by_number[value] = k

    def match(cell):
        value, key = _parse(cell)
        if value == value:
            return by_number.get(value, -1)
        if key is None:
            return None  # missing
        return exact.get(key, -1)

    return match


def column_cells(header, rows, column, row_numbers):
    try:
        j = header.index(column)
    except ValueError:
        raise DataError(f"the dataset has no column '{column}' any more: was it edited since the export?") from None
    cells = []
    for n in row_numbers:
        row = rows.get(n)
        if row is None:
            raise DataError(f"the dataset has no row {n} any more: was it edited since the export?")
        cells.append(row[j])
    return cells


def encode_features(header, rows, transforms, row_numbers):
    """rows x features float32, exactly as the lab's encoder: (v - mean) / std in float64, then rounded."""
    x = np.zeros((len(row_numbers), len(transforms)), dtype=np.float32)
    by_column = {}
    for j, t in enumerate(transforms):
        by_column.setdefault(t["column"], []).append(j)
    for column, features in by_column.items():
        cells = column_cells(header, rows, column, row_numbers)
        kinds = {transforms[j]["kind"] for j in features}
        if kinds & {"numeric", "indicator"}:
            values = np.array([_parse(c)[0] for c in cells], dtype=np.float32).astype(np.float64)
            missing = np.isnan(values)
            for j in features:
                t = transforms[j]
                if t["kind"] == "numeric":
                    scaled = (values - t["mean"]) / t["std"]
                    x[:, j] = np.where(missing, 0.0, scaled).astype(np.float32)
                else:
                    x[:, j] = missing.astype(np.float32)
        else:
            levels = [transforms[j]["level"] for j in features if transforms[j]["kind"] == "level"]
            missing_feature = next((j for j in features if transforms[j]["kind"] == "missingLevel"), None)
            match = _level_matcher(levels)
            for r, cell in enumerate(cells):
                k = match(cell)
                if k is None:
                    if missing_feature is not None:
                        x[r, missing_feature] = 1.0
                elif k >= 0:
                    x[r, features[k]] = 1.0
    return x


def encode_labels(header, rows, label, classes, row_numbers):
    match = _level_matcher(classes)
    out = np.empty(len(row_numbers), dtype=np.int64)
    for r, (n, cell) in enumerate(zip(row_numbers, column_cells(header, rows, label, row_numbers))):
        k = match(cell)
        if k is None or k < 0:
            raise DataError(f"row {n}: the label {cell!r} is not one of the classes {classes}")
        out[r] = k
    return out


def load_splits(config, data_path):
    """{split seed: {train|validation|test: (x, y)}} of the exported splits, from the dataset file."""
    d = config["dataset"]
    if os.path.isfile(data_path) and d.get("bytes") is not None and os.path.getsize(data_path) != d["bytes"]:
        raise DataError(f"{data_path} has {os.path.getsize(data_path)} bytes, not the {d['bytes']} it had at the export: it was changed since")
    header, rows, _ = read_table(data_path, d["format"], d.get("delimiter"))
    schema = config["schema"]
    splits = {}
    for split in config["splits"]:
        out = {}
        for name in ("train", "validation", "test"):
            numbers = split["rows"][name]
            x = encode_features(header, rows, split["transforms"], numbers)
            y = encode_labels(header, rows, schema["label"], schema["classes"], numbers)
            out[name] = (x, y)
        splits[split["seed"]] = out
    return splits
`;
