"""Writes a small Gaia-like Parquet table with pyarrow: argv[1] = directory, argv[2] = rows."""
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out, n = sys.argv[1], int(sys.argv[2])
half = n // 2
for part, (lo, hi) in enumerate([(0, half), (half, n)]):
    ids = list(range(lo, hi))
    table = pa.table(
        {
            "source_id": pa.array([i * 1000 + 7 for i in ids], pa.int64()),
            "ra": pa.array([i * 0.5 for i in ids], pa.float64()),
            "dec": pa.array([-i * 0.25 for i in ids], pa.float64()),
            "phot_g_mean_mag": pa.array([10.0 + (i % 7) for i in ids], pa.float32()),
        }
    )
    # Named as Spark names bucket files (…_<bucket>.c000…), so that a bucketed scan can read them.
    pq.write_table(table, f"{out}/part-{part:05d}_{part:05d}.c000.snappy.parquet", compression="snappy")
