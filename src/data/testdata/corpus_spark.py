"""Writes the Spark part of the `aglais data` test corpus into DIR (argv[1]), with Spark 3.5 itself:
  spark_int96/            INT96 timestamps (spark.sql.parquet.outputTimestampType=INT96), decimals, nested
  warehouse/gaia_mini/    a real bucketed table (saveAsTable + bucketBy(16, source_id) + sortBy) of many files
  warehouse/by_band/      a partitioned table (partitionBy band)
Small row groups (parquet.block.size) give several row groups per file. Needs Java 17.
"""
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

out = os.path.abspath(sys.argv[1])
os.makedirs(out, exist_ok=True)
spark = (
    SparkSession.builder.master("local[2]")
    .appName("aglais-data-corpus")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.warehouse.dir", f"{out}/warehouse")
    .config("spark.sql.parquet.outputTimestampType", "INT96")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.hadoop.parquet.block.size", str(8 * 1024))
    .config("spark.hadoop.parquet.page.size", str(4 * 1024))
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.sql.shuffle.partitions", "2")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

df = spark.range(0, 3000).select(
    F.col("id").alias("source_id"),
    (F.col("id") * 0.01).alias("ra"),
    (F.lit(-30.0) + F.col("id") * 0.001).alias("dec"),
    F.when(F.col("id") % 9 == 0, None).otherwise((F.col("id") % 1000) / 77.0).cast("float").alias("phot_g_mean_mag"),
    (F.col("id") % 3 == 0).alias("has_xp_continuous"),
    F.when(F.col("id") % 4 == 0, None).otherwise((F.col("id") * 1001).cast("decimal(20,6)") / 1000).cast("decimal(20,6)").alias("dec20"),
    (F.col("id").cast("decimal(9,0)") / 100).cast("decimal(9,2)").alias("dec9"),
    F.expr("timestamp_micros(1700000000000000 + id * 1000003)").alias("ts"),
    F.expr("date_add(date'2020-01-01', cast(id as int))").alias("day"),
    F.expr("case when id % 5 = 0 then null else array(id, id + 1) end").alias("arr"),
    F.expr("named_struct('band', case id % 3 when 0 then 'G' when 1 then 'BP' else 'RP' end, 'flux', id * 1.5)").alias("phot"),
    F.expr("map('a', id, 'b', -id)").alias("m"),
    F.expr("case id % 3 when 0 then 'G' when 1 then 'BP' else 'RP' end").alias("band"),
)
df.coalesce(1).write.mode("overwrite").parquet(f"{out}/spark_int96")
(
    df.repartition(2)
    .write.mode("overwrite")
    .format("parquet")
    .bucketBy(16, "source_id")
    .sortBy("source_id")
    .saveAsTable("gaia_mini")
)
df.select("source_id", "ra", "band").write.mode("overwrite").format("parquet").partitionBy("band").saveAsTable("by_band")
spark.stop()
print("spark corpus written")
