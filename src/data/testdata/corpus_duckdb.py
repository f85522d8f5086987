"""Writes the DuckDB part of the `aglais data` test corpus into DIR (argv[1]): another writer's
encodings (DuckDB writes its own dictionary/plain/delta choices), decimals stored as INT32/INT64/
FIXED_LEN_BYTE_ARRAY, timestamps with and without time zone, lists, structs, maps, nulls,
several row groups, and snappy/zstd/gzip/uncompressed."""
import os
import sys

import duckdb

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
con = duckdb.connect()
con.execute("SET TimeZone='UTC'")
query = """
SELECT
  i::BIGINT AS id,
  (i % 120 - 60)::TINYINT AS tiny,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 31 END::INTEGER AS num,
  (i * 0.125)::DOUBLE AS dbl,
  (i / 7)::REAL AS flt,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'row ' || (i % 23) END AS label,
  ((i % 1000) * 3 - 500)::DECIMAL(5,1) AS d4,
  (i * 1234567 - 99999999)::DECIMAL(15,3) AS d15,
  CASE WHEN i % 4 = 0 THEN NULL ELSE ((i::HUGEINT * 1000000000000000000000) + 7)::DECIMAL(38,2) END AS d38,
  DATE '2021-06-01' + i::INTEGER AS day,
  TIMESTAMP '2022-03-04 05:06:07.123456' + to_microseconds(i * 1000003) AS ts,
  TIMESTAMPTZ '2022-03-04 05:06:07.654321+00' + to_microseconds(i * 7) AS tstz,
  CASE WHEN i % 6 = 0 THEN NULL ELSE list_transform(range(i % 4), lambda x: x * i) END AS ints,
  {'a': i, 'b': CASE WHEN i % 3 = 0 THEN NULL ELSE 'b' || i END} AS rec,
  MAP {'m': i, 'n': -i} AS kv,
  i % 2 = 0 AS even
FROM range(2500) t(i)
"""
for codec in ["snappy", "zstd", "gzip", "uncompressed"]:
    con.execute(f"COPY ({query}) TO '{out}/duck_{codec}.parquet' (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 1000)")
print("duckdb corpus written")
