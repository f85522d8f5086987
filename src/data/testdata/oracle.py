"""pyarrow's reading of Parquet files, as JSON in the shapes `aglais data … --json` uses, so the
tests can compare field by field. Usage: oracle.py MODE FILE... (MODE: file | stats).

Conventions (the same ones aglais documents): decimals as exact strings, timestamps as ISO 8601 UTC
with the column's unit digits (INT96 read as nanoseconds), dates YYYY-MM-DD, binaries base64,
maps as objects, integers beyond 2^53 as strings (JSON numbers would lose digits in JavaScript).
"""
import base64
import datetime as dt
import decimal
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq

EPOCH = dt.datetime(1970, 1, 1)
DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9, "milliseconds": 3, "microseconds": 6, "nanoseconds": 9}


def iso(v, digits):
    secs, frac = divmod(int(v), 10**digits)
    t = (EPOCH + dt.timedelta(seconds=secs)).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{t}.{str(frac).zfill(digits)}Z" if digits else f"{t}Z"


def plain(v):
    """A Python value from as_py() in aglais' JSON conventions."""
    if v is None or isinstance(v, (bool, float, str)):
        return v
    if isinstance(v, int):
        return str(v) if abs(v) > 2**53 else v
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, dt.datetime):
        raise ValueError("timestamps are converted column-wise")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        if v and all(isinstance(x, tuple) and len(x) == 2 for x in v):
            return {str(k): plain(x) for k, x in v}
        return [plain(x) for x in v]
    raise TypeError(f"unexpected {type(v)}")


def rows(path):
    t = pq.read_table(path)
    cols = {}
    for name, col in zip(t.column_names, t.columns):
        if pa.types.is_timestamp(col.type):
            ints = col.cast(pa.int64()).to_pylist()
            cols[name] = [None if x is None else iso(x, DIGITS[col.type.unit]) for x in ints]
        elif pa.types.is_map(col.type):
            cols[name] = [None if x is None else {str(k): plain(v) for k, v in x} for x in col.to_pylist()]
        else:
            cols[name] = [plain(x) for x in col.to_pylist()]
    return [{n: cols[n][i] for n in t.column_names} for i in range(t.num_rows)]


def logical(col):
    return json.loads(col.logical_type.to_json()) if col.logical_type.type != "NONE" else None


def stat_value(st, which, col):
    raw = getattr(st, f"{which}_raw")
    lt = logical(col)
    if lt and lt.get("Type") == "Timestamp":
        return iso(raw, DIGITS[lt["timeUnit"]])
    if col.converted_type in ("TIMESTAMP_MILLIS", "TIMESTAMP_MICROS"):
        return iso(raw, 3 if col.converted_type.endswith("MILLIS") else 6)
    v = getattr(st, which)
    if col.physical_type == "BYTE_ARRAY" and isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if col.physical_type == "FIXED_LEN_BYTE_ARRAY" and isinstance(v, bytes):
        return base64.b64encode(v).decode()
    return plain(v)


def file_view(path):
    pf = pq.ParquetFile(path)
    md = pf.metadata
    schema = []
    for i in range(md.num_columns):
        c = pf.schema.column(i)
        lt = logical(c)
        schema.append(
            {
                "path": c.path,
                "physicalType": c.physical_type,
                "convertedType": None if c.converted_type == "NONE" else c.converted_type,
                "logicalType": lt,
                "maxDefinitionLevel": c.max_definition_level,
                "maxRepetitionLevel": c.max_repetition_level,
                "precision": c.precision if c.converted_type == "DECIMAL" else None,
                "scale": c.scale if c.converted_type == "DECIMAL" else None,
            }
        )
    groups = []
    for r in range(md.num_row_groups):
        rg = md.row_group(r)
        cols = []
        for i in range(rg.num_columns):
            cc = rg.column(i)
            st = cc.statistics
            has = st is not None and st.has_min_max
            cols.append(
                {
                    "path": cc.path_in_schema,
                    "type": cc.physical_type,
                    "codec": cc.compression,
                    "encodings": sorted(cc.encodings),
                    "compressed": cc.total_compressed_size,
                    "uncompressed": cc.total_uncompressed_size,
                    "numValues": cc.num_values,
                    "nullCount": st.null_count if st is not None and st.has_null_count else None,
                    "min": stat_value(st, "min", pf.schema.column(i)) if has else None,
                    "max": stat_value(st, "max", pf.schema.column(i)) if has else None,
                }
            )
        groups.append({"numRows": rg.num_rows, "totalByteSize": rg.total_byte_size, "columns": cols})
    return {
        "createdBy": md.created_by,
        "numRows": md.num_rows,
        "keyValues": sorted((k.decode(), v.decode()) for k, v in (md.metadata or {}).items()),
        "schema": schema,
        "rowGroups": groups,
        "rows": rows(path),
    }


def order_key(st, which, col):
    """pyarrow's logical value orders correctly (signed decimals); timestamps only as raw integers."""
    lt = logical(col)
    if (lt and lt.get("Type") == "Timestamp") or col.physical_type == "INT96":
        return getattr(st, f"{which}_raw")
    return getattr(st, which)


def stats_view(paths):
    """min/max/nulls per column across all row groups of all files (pyarrow's statistics)."""
    acc = {}
    for p in paths:
        pf = pq.ParquetFile(p)
        md = pf.metadata
        for r in range(md.num_row_groups):
            for i in range(md.num_columns):
                cc = md.row_group(r).column(i)
                col = pf.schema.column(i)
                a = acc.setdefault(cc.path_in_schema, {"min": None, "max": None, "nulls": 0, "lo": None, "hi": None})
                st = cc.statistics
                if st is None or not st.has_null_count:
                    a["nulls"] = None
                elif a["nulls"] is not None:
                    a["nulls"] += st.null_count
                if st is not None and st.has_min_max:
                    lo, hi = order_key(st, "min", col), order_key(st, "max", col)
                    if a["lo"] is None or lo < a["lo"]:
                        a["lo"], a["min"] = lo, stat_value(st, "min", col)
                    if a["hi"] is None or hi > a["hi"]:
                        a["hi"], a["max"] = hi, stat_value(st, "max", col)
    return {k: {"min": v["min"], "max": v["max"], "nulls": v["nulls"]} for k, v in acc.items()}


if __name__ == "__main__":
    mode, files = sys.argv[1], sys.argv[2:]
    if mode == "file":
        print(json.dumps({f: file_view(f) for f in files}))
    else:
        print(json.dumps(stats_view(files)))
