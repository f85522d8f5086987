#!/usr/bin/env bash
# A local Apache Zeppelin for the `aglais check` integration tests, assembled from
# Maven artifacts into ~/.cache/aglais/zeppelin (see docs/check.md).
# Idempotent: does nothing when the stamp for this script's content is present.
#
# Why 0.10.x and the python interpreter: the registry this project can reach holds
# zeppelin-server only up to 0.10.0 and no spark-scala-2.12 jar for 0.10.x, so the
# newest server we can assemble is 0.10.0, with the 0.10.1 python interpreter
# (its thrift protocol is unchanged from 0.10.0) running PySpark from our venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${HOME}/.cache/aglais/zeppelin"
server_version=0.10.0
intp_version=0.10.1
sum=$(cat "$0" | sha256sum | cut -c1-16)
home="$cache/home-$sum"

# pyspark.ml (the check suite's ML fit) needs numpy: scripts/setup/requirements.txt lists it.
python="$(bash "$here/../python.sh")"

if [ -f "$home/.assembled" ]; then
  echo "zeppelin: cached in $home"
  exit 0
fi
command -v mvn >/dev/null || { echo "zeppelin: maven (mvn) is needed: apt-get install maven" >&2; exit 1; }
command -v java >/dev/null || { echo "zeppelin: a JDK 17 is needed: apt-get install openjdk-17-jdk-headless" >&2; exit 1; }

work="$cache/build"
rm -rf "$work" "$home"
mkdir -p "$work"

# copy-dependencies on a generated pom: the artifact and its runtime closure in one folder.
fetch() { # <artifactId> <version> <out dir> [extra <dependency> elements]
  local dir="$work/$1"
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>aglais.local</groupId><artifactId>zeppelin-$1</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.zeppelin</groupId><artifactId>$1</artifactId><version>$2</version></dependency>
    ${4:-}
  </dependencies>
</project>
POM
  nice mvn -B -q -f "$dir/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$3" >"$dir/mvn.log" 2>&1 ||
    { echo "zeppelin: fetching $1 $2 failed, see $dir/mvn.log" >&2; tail -20 "$dir/mvn.log" >&2; exit 1; }
}

# commons-lang 2: the server's REST job status uses it, but its published pom does not
# bring it (the binary distribution got it from elsewhere); without it GET
# /api/notebook/job/{note} fails with NoClassDefFoundError.
fetch zeppelin-server "$server_version" "$home/lib" \
  '<dependency><groupId>commons-lang</groupId><artifactId>commons-lang</artifactId><version>2.6</version></dependency>'
fetch zeppelin-python "$intp_version" "$home/interpreter/python"
# The server reads each interpreter's settings from its folder.
"$python" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("interpreter-setting.json", sys.argv[2])' \
  "$home/interpreter/python/zeppelin-python-$intp_version.jar" "$home/interpreter/python"
# The web UI is not needed for REST; an empty folder keeps the server's web context happy.
mkdir -p "$home/web"
echo '<html><body>aglais test Zeppelin (REST only)</body></html>' >"$home/web/index.html"
echo "$server_version" >"$home/VERSION"
touch "$home/.assembled"
ln -sfn "$home" "$cache/current"
rm -rf "$work"
find "$cache" -maxdepth 1 -name "home-*" ! -name "home-$sum" -exec rm -rf {} +
echo "zeppelin: assembled $server_version in $home"
