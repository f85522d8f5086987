#!/usr/bin/env bash
# Jinjava, the template engine Zeppelin's Kubernetes launcher renders interpreter
# pod templates with, and its runtime dependencies, fetched by name with Maven
# into ~/.cache/aglais/jinjava. src/platform/interpreter-template.test.ts renders
# our k8s/interpreter template with it (java's single-file source launcher runs
# src/platform/testdata/RenderTemplate.java; nothing is compiled here). Idempotent.
set -euo pipefail
version=2.7.2
dir="${HOME}/.cache/aglais/jinjava/$version"
if [ -s "$dir/jinjava-$version.jar" ]; then
  echo "jinjava: cached in $dir"
  exit 0
fi
command -v mvn >/dev/null || { echo "jinjava: Maven (mvn) is needed; install it (Debian: apt-get install maven)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>aglais.local</groupId><artifactId>jinjava-peer</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>com.hubspot.jinjava</groupId><artifactId>jinjava</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
start=$(date +%s)
mkdir -p "$dir.tmp"
(cd "$work" && nice mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DoutputDirectory="$dir.tmp" -DincludeScope=runtime)
rm -rf "$dir" && mv "$dir.tmp" "$dir"
echo "jinjava: fetched $(ls "$dir" | wc -l) jars into $dir in $(( $(date +%s) - start ))s"
