"""Runs the platform's Spark settings in a local pyspark (a real Spark 3.5).

Reads SPARK_CONF_DIR/spark-defaults.conf (written by the test from the
rendered spark-defaults minus the Kubernetes-only keys), registers the data
sets' tables by running the setup notebook's %pyspark paragraphs as Zeppelin
would (with `spark` in scope), reads them and prints what it saw as JSON on
the last line of stdout.

argv: setup.json (a list of paragraph code strings), queries.json ({name: sql})
"""
import json
import sys

from pyspark.sql import SparkSession

setup = json.load(open(sys.argv[1]))
queries = json.load(open(sys.argv[2]))

spark = SparkSession.builder.master("local[2]").appName("aglais-spark-local").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
conf = spark.sparkContext.getConf()
out = {"conf": {k: v for k, v in conf.getAll()}, "results": {}, "buckets": {}}
for code in setup:
    exec(code, {"spark": spark})
for name, sql in queries.items():
    out["results"][name] = [list(r) for r in spark.sql(sql).collect()]
for db_table in [q.split(" FROM ")[1].split()[0] for q in queries.values() if " FROM " in q]:
    rows = spark.sql(f"DESCRIBE TABLE EXTENDED {db_table}").collect()
    info = {r[0]: r[1] for r in rows}
    out["buckets"][db_table] = {
        "num": info.get("Num Buckets"),
        "by": info.get("Bucket Columns"),
        "sorted": info.get("Sort Columns"),
        "location": info.get("Location"),
    }
spark.stop()
print(json.dumps(out))
