"""Runs `aglais data ddl` output in Spark 3.5 and reports what Spark made of it, as JSON:
for each DDL file given, the table's row count, bucket spec, partition columns and schema, next to
what spark.read.parquet infers from the same location. Usage: spark_ddl_check.py DDL_FILE..."""
import json
import sys
import tempfile

from pyspark.sql import SparkSession

spark = (
    SparkSession.builder.master("local[1]")
    .appName("aglais-ddl-check")
    .config("spark.ui.enabled", "false")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.sql.session.timeZone", "UTC")
    # never a spark-warehouse/ in the working directory (the repository)
    .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="aglais-ddl-warehouse-"))
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
out = {}
for path in sys.argv[1:]:
    for stmt in open(path).read().split(";\n"):
        if stmt.strip().rstrip(";"):
            spark.sql(stmt.strip().rstrip(";"))
    name = spark.catalog.listTables()[-1].name
    table = [t for t in spark.catalog.listTables() if t.name == name][0].name
    info = {r["col_name"]: r["data_type"] for r in spark.sql(f"DESCRIBE TABLE EXTENDED `{table}`").collect()}
    location = info.get("Location", "")
    direct = spark.read.parquet(location)
    out[path] = {
        "table": table,
        "count": spark.table(table).count(),
        "directCount": direct.count(),
        "numBuckets": info.get("Num Buckets"),
        "bucketColumns": info.get("Bucket Columns"),
        "sortColumns": info.get("Sort Columns"),
        "schema": spark.table(table).schema.simpleString(),
        "directSchema": direct.schema.simpleString(),
        "partitionColumns": [c.name for c in spark.catalog.listColumns(table) if c.isPartition],
    }
    spark.sql(f"DROP TABLE `{table}`")
spark.stop()
print(json.dumps(out))
