"""Generates a synthetic Gaia-like table for the scan benchmark: a gaia_source-like schema of 150
columns, 2048 Spark-named bucket files, 3 row groups each, Snappy, with statistics (as Spark writes).
Rows per file are few on purpose: the benchmark is about footers (~30 KB each), not data.
Usage: gen.py DIR [FILES]. Writes DIR/.done when complete; reruns do nothing then."""
import os
import sys
import uuid

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

out = sys.argv[1]
files = int(sys.argv[2]) if len(sys.argv) > 2 else 2048
if os.path.exists(f"{out}/.done"):
    print(f"bench table cached in {out}")
    sys.exit(0)
os.makedirs(out, exist_ok=True)

ROWS_PER_GROUP = 20
GROUPS = 3
named = [
    ("solution_id", pa.int64()), ("designation", pa.string()), ("source_id", pa.int64()),
    ("random_index", pa.int64()), ("ref_epoch", pa.float64()), ("ra", pa.float64()),
    ("ra_error", pa.float32()), ("dec", pa.float64()), ("dec_error", pa.float32()),
    ("parallax", pa.float64()), ("parallax_error", pa.float32()), ("parallax_over_error", pa.float32()),
    ("pm", pa.float32()), ("pmra", pa.float64()), ("pmra_error", pa.float32()), ("pmdec", pa.float64()),
    ("pmdec_error", pa.float32()), ("ruwe", pa.float32()), ("phot_g_mean_mag", pa.float32()),
    ("phot_bp_mean_mag", pa.float32()), ("phot_rp_mean_mag", pa.float32()), ("bp_rp", pa.float32()),
    ("radial_velocity", pa.float32()), ("l", pa.float64()), ("b", pa.float64()),
    ("has_xp_continuous", pa.bool_()), ("has_rvs", pa.bool_()), ("phot_variable_flag", pa.string()),
]  # fmt: skip
# the rest of gaia_source's ~150 columns are mostly float/double/int measurement columns
extra = []
for i in range(150 - len(named)):
    t = [pa.float32(), pa.float64(), pa.int32(), pa.int16(), pa.int64()][i % 5]
    extra.append((f"col_{i:03d}", t))
schema = pa.schema(named + extra)
n = ROWS_PER_GROUP * GROUPS


def column(name, t, base):
    nulls = pc.less(pc.random(n), 0.1)
    if name == "source_id":
        return pa.array([base + k * 2048 for k in range(n)], t)
    if name == "designation":
        return pa.array([f"Gaia DR3 {base + k}" for k in range(n)], t)
    if name == "phot_variable_flag":
        return pa.array(["NOT_AVAILABLE" if k % 7 else "VARIABLE" for k in range(n)], t)
    if pa.types.is_boolean(t):
        return pc.if_else(nulls, None, pc.less(pc.random(n), 0.5))
    if pa.types.is_integer(t):
        hi = float({8: 100, 16: 30000, 32: 2**30, 64: 2**52}[t.bit_width])
        return pc.if_else(nulls, None, pc.cast(pc.floor(pc.multiply(pc.random(n), hi)), t))
    return pc.if_else(nulls, None, pc.cast(pc.multiply(pc.subtract(pc.random(n), 0.5), 200.0), t))


job = uuid.uuid4()
for f in range(files):
    base = 4295806720 + f
    table = pa.table([column(name, t, base) for name, t in zip(schema.names, schema.types)], schema=schema)
    pq.write_table(
        table,
        f"{out}/part-00000-{job}_{f:05d}.c000.snappy.parquet",
        compression="snappy",
        row_group_size=ROWS_PER_GROUP,
        store_schema=False,
    )
open(f"{out}/.done", "w").close()
print(f"bench table: {files} files in {out}")
