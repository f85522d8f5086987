"""The peers of the scan benchmark, one per invocation so each gets its own wall time and peak RSS.
Usage: peers.py pyarrow DIR | duckdb DIR | pyarrow-s3 ENDPOINT BUCKET PREFIX"""
import os
import sys

mode = sys.argv[1]
if mode == "pyarrow":
    import pyarrow.parquet as pq

    d = sys.argv[2]
    rows = 0
    files = sorted(f for f in os.listdir(d) if f.endswith(".parquet"))
    for f in files:
        rows += pq.read_metadata(os.path.join(d, f)).num_rows
    print(f"{len(files)} files, {rows} rows")
elif mode == "duckdb":
    import duckdb

    d = sys.argv[2]
    n, rows = (
        duckdb.connect()
        .execute(
            f"SELECT count(DISTINCT file_name), sum(row_group_num_rows) FILTER (WHERE column_id = 0) "
            f"FROM parquet_metadata('{d}/*.parquet')"
        )
        .fetchone()
    )
    print(f"{n} files, {rows} rows")
elif mode == "pyarrow-s3":
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    endpoint, bucket, prefix = sys.argv[2:5]
    fs = pafs.S3FileSystem(
        endpoint_override=endpoint,
        scheme="http",
        access_key=os.environ["AWS_ACCESS_KEY_ID"],
        secret_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region="us-east-1",
    )
    infos = fs.get_file_info(pafs.FileSelector(f"{bucket}/{prefix}", recursive=True))
    files = sorted(i.path for i in infos if i.path.endswith(".parquet"))
    rows = sum(pq.read_metadata(f, filesystem=fs).num_rows for f in files)
    print(f"{len(files)} files, {rows} rows")
elif mode == "duckdb-s3":
    import duckdb

    try:
        duckdb.sql("INSTALL httpfs; LOAD httpfs")  # downloaded from DuckDB's own extension site
    except Exception as e:  # noqa: BLE001 - report and fail, the bench prints the reason
        sys.exit(f"httpfs extension not installable here ({type(e).__name__})")
    print("httpfs loaded")
