#!/usr/bin/env bash
# Jars a local pyspark needs to read S3 through S3A the way the platform's Spark
# does: hadoop-aws matching Spark 3.5's Hadoop (3.3.4) and the AWS SDK bundle
# that hadoop-aws 3.3.4 was built against (1.12.262). Fetched by name with
# Maven from its default repository, cached under ~/.cache/aglais/spark-jars.
# Used by src/platform/spark-local.test.ts. Idempotent.
set -euo pipefail
dir="${HOME}/.cache/aglais/spark-jars"
artifacts=(
  "org.apache.hadoop:hadoop-aws:3.3.4"
  "com.amazonaws:aws-java-sdk-bundle:1.12.262"
)
have=1
for a in "${artifacts[@]}"; do
  IFS=: read -r _ id version <<<"$a"
  [ -s "$dir/$id-$version.jar" ] || have=0
done
if [ "$have" = 1 ]; then
  echo "spark jars: cached in $dir"
  exit 0
fi
command -v mvn >/dev/null || { echo "spark jars: Maven (mvn) is needed to fetch hadoop-aws; install it (Debian: apt-get install maven)" >&2; exit 1; }
mkdir -p "$dir"
start=$(date +%s)
for a in "${artifacts[@]}"; do
  nice mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$a:jar" -DoutputDirectory="$dir" -Dmdep.overWriteIfNewer=true
done
echo "spark jars: fetched into $dir in $(( $(date +%s) - start ))s"
ls -l "$dir"
