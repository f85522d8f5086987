/**
 * The default notebook suite of `aglais check`: works on any aglais platform
 * whose data sets are registered as Spark tables. Operators tune it by printing
 * it (`aglais check --print-suite > suite.yaml`), editing, and passing
 * `--suite suite.yaml`; single values change with `--set name=value`.
 *
 * Every paragraph gets its own SparkSession handle, so each test also runs
 * alone, and prints `key=value` lines that its `expect` pattern checks.
 */
export const defaultSuiteYaml = `# aglais check: the notebook suite each simulated user runs, in order.
# A test is SLOW above its expected time, SUSPECT below half of it, ERROR when it
# fails or its output does not match 'expect'; otherwise PASS.
# Durations: 90, "90s", "1m30s", "2h". {{name}} in code is replaced by params.name.

interpreter: spark.pyspark   # default for every test; override with --interpreter
params:
  database: gaiadr3          # Spark database holding the registered tables
  table: gaia_source         # positions (ra, dec), magnitudes (phot_g_mean_mag), colours (bp_rp), parallax
  joinTable: astrophysical_parameters   # joined with 'table' on source_id
  coneRa: 45.0               # cone centre and radius, degrees
  coneDec: 30.0
  coneRadius: 5.0
  sampleFraction: 0.01       # fraction of 'table' the ML fit trains on

tests:
  - name: setup
    expected: 45s
    expect: 'spark=\\d'
    code: |
      from pyspark.sql import SparkSession
      spark = SparkSession.builder.getOrCreate()
      print(f"spark={spark.version}")

  - name: row-counts
    expected: 55s
    expect: 'tables=[1-9]'
    code: |
      from pyspark.sql import SparkSession
      spark = SparkSession.builder.getOrCreate()
      names = sorted(t.name for t in spark.catalog.listTables("{{database}}"))
      for name in names:
          print(f"table={name} rows={spark.table('{{database}}.' + name).count()}")
      print(f"tables={len(names)}")

  - name: cone-search
    expected: 60s
    expect: 'cone_count=\\d+'
    code: |
      from pyspark.sql import SparkSession
      spark = SparkSession.builder.getOrCreate()
      # The dec band prunes before the exact angular distance (haversine-free: acos form).
      n = spark.sql("""
        SELECT COUNT(*) AS n FROM {{database}}.{{table}}
        WHERE dec BETWEEN {{coneDec}} - {{coneRadius}} AND {{coneDec}} + {{coneRadius}}
          AND DEGREES(ACOS(LEAST(1.0, SIN(RADIANS(dec)) * SIN(RADIANS({{coneDec}}))
              + COS(RADIANS(dec)) * COS(RADIANS({{coneDec}})) * COS(RADIANS(ra - {{coneRa}}))))) <= {{coneRadius}}
      """).first()["n"]
      print(f"cone_count={n}")

  - name: magnitude-histogram
    expected: 60s
    expect: 'histogram_total=\\d+'
    code: |
      from pyspark.sql import SparkSession
      spark = SparkSession.builder.getOrCreate()
      rows = spark.sql("""
        SELECT CAST(FLOOR(phot_g_mean_mag) AS INT) AS mag, COUNT(*) AS n
        FROM {{database}}.{{table}} WHERE phot_g_mean_mag IS NOT NULL
        GROUP BY 1 ORDER BY 1
      """).collect()
      for r in rows:
          print(f"mag={r['mag']} n={r['n']}")
      print(f"histogram_bins={len(rows)} histogram_total={sum(r['n'] for r in rows)}")

  - name: join
    expected: 125s
    expect: 'join_count=\\d+'
    code: |
      from pyspark.sql import SparkSession
      spark = SparkSession.builder.getOrCreate()
      n = spark.sql("""
        SELECT COUNT(*) AS n
        FROM {{database}}.{{table}} s JOIN {{database}}.{{joinTable}} a ON s.source_id = a.source_id
      """).first()["n"]
      print(f"join_count={n}")

  - name: ml-fit
    expected: 650s
    expect: 'ml_rows=[1-9]\\d* ml_r2=-?\\d'
    code: |
      from pyspark.sql import SparkSession
      from pyspark.ml.feature import VectorAssembler
      from pyspark.ml.regression import LinearRegression
      spark = SparkSession.builder.getOrCreate()
      sample = (spark.table("{{database}}.{{table}}")
                .select("phot_g_mean_mag", "bp_rp", "parallax").dropna()
                .sample(fraction={{sampleFraction}}, seed=42))
      data = VectorAssembler(inputCols=["bp_rp", "parallax"], outputCol="features").transform(sample).cache()
      model = LinearRegression(featuresCol="features", labelCol="phot_g_mean_mag", maxIter=10).fit(data)
      print(f"ml_rows={data.count()} ml_r2={model.summary.r2:.4f}")
`;
