"""Writes the pyarrow part of the `aglais data` test corpus into DIR (argv[1]).

Covers codecs (snappy, zstd, gzip, none), dictionary and plain encodings, nested lists/structs/maps,
nulls, decimals (int32/int64/fixed-length), timestamps (ms/us/ns, with and without zone), dates,
multiple row groups, a partitioned table, and broken files (not Parquet, truncated).
Nothing here is committed as Parquet: the tests run this at test time.
"""
import datetime as dt
import decimal
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

N = 300


def table():
    d = decimal.Decimal
    base = dt.datetime(2024, 2, 29, 12, 34, 56, 123456)
    return pa.table(
        {
            "id": pa.array(range(N), pa.int64()),
            "small": pa.array([i % 100 - 50 for i in range(N)], pa.int8()),
            "i32": pa.array([None if i % 7 == 0 else i * 1000 - 5 for i in range(N)], pa.int32()),
            "u32": pa.array([4000000000 - i for i in range(N)], pa.uint32()),
            "big": pa.array([(2**62 + i) * (-1 if i % 2 else 1) for i in range(N)], pa.int64()),
            "f32": pa.array([i / 3 for i in range(N)], pa.float32()),
            "f64": pa.array([None if i % 11 == 0 else i * 1.5e-3 for i in range(N)], pa.float64()),
            "flag": pa.array([None if i % 5 == 0 else i % 2 == 0 for i in range(N)], pa.bool_()),
            "name": pa.array([None if i % 13 == 0 else f"name-{i % 17}-é" for i in range(N)], pa.string()),
            "blob": pa.array([bytes([i % 256, 0, 255]) for i in range(N)], pa.binary()),
            "dec_small": pa.array([d(i * 7 - 1000).scaleb(-2) for i in range(N)], pa.decimal128(9, 2)),
            "dec_mid": pa.array([d(i * 123456789 - 10**12).scaleb(-4) for i in range(N)], pa.decimal128(18, 4)),
            "dec_big": pa.array(
                [None if i % 9 == 0 else d(10**30 + i * 10**20 + 12345).scaleb(-10) * (-1 if i % 2 else 1) for i in range(N)],
                pa.decimal128(38, 10),
            ),
            "day": pa.array([dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(N)], pa.date32()),
            "ts_ms": pa.array([base + dt.timedelta(seconds=i) for i in range(N)], pa.timestamp("ms")),
            "ts_us_utc": pa.array([base + dt.timedelta(microseconds=i * 1001) for i in range(N)], pa.timestamp("us", tz="UTC")),
            "ts_ns": pa.array([1_700_000_000_123_456_789 + i for i in range(N)], pa.timestamp("ns")),
            "tags": pa.array([None if i % 6 == 0 else [f"t{j}" for j in range(i % 4)] for i in range(N)], pa.list_(pa.string())),
            "point": pa.array(
                [None if i % 8 == 0 else {"x": i * 0.5, "y": None if i % 3 == 0 else -i, "label": f"p{i}"} for i in range(N)],
                pa.struct([("x", pa.float64()), ("y", pa.int32()), ("label", pa.string())]),
            ),
            "nested": pa.array(
                [[{"a": i, "b": [i, i + 1]}] * (i % 3) for i in range(N)],
                pa.list_(pa.struct([("a", pa.int32()), ("b", pa.list_(pa.int64()))])),
            ),
            "attrs": pa.array([[("k", i), ("z", -i)] if i % 4 else None for i in range(N)], pa.map_(pa.string(), pa.int64())),
        }
    )


t = table()
# every codec; dictionary on by default; row groups of 100 rows → 3 row groups
for codec in ["snappy", "zstd", "gzip", "none"]:
    pq.write_table(t, f"{out}/pa_{codec}.parquet", compression=codec, row_group_size=100)
# plain encoding only (no dictionary), statistics on
pq.write_table(t, f"{out}/pa_plain.parquet", compression="snappy", use_dictionary=False, row_group_size=128)
# one row group, no statistics at all
pq.write_table(t, f"{out}/pa_nostats.parquet", compression="zstd", write_statistics=False)

# a partitioned table (Hive style k=v directories)
part = pa.table(
    {
        "id": pa.array(range(60), pa.int64()),
        "value": pa.array([i * 0.25 for i in range(60)], pa.float64()),
        "year": pa.array([2020 + i % 3 for i in range(60)], pa.int32()),
        "band": pa.array(["G", "BP", "RP"][i % 3] for i in range(60)),
    }
)
pq.write_to_dataset(part, f"{out}/partitioned", partition_cols=["year", "band"])

# broken files
os.makedirs(f"{out}/broken", exist_ok=True)
with open(f"{out}/broken/not_parquet.parquet", "w") as f:
    f.write("id,name\n1,a\n" * 50)
whole = open(f"{out}/pa_snappy.parquet", "rb").read()
with open(f"{out}/broken/truncated.parquet", "wb") as f:
    f.write(whole[: len(whole) // 2])
pq.write_table(t.slice(0, 10), f"{out}/broken/good.parquet")
print("pyarrow corpus written")
