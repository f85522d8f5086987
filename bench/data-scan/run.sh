#!/usr/bin/env bash
# Footer-scan benchmark (design §8): `aglais data scan` against a raw footer read, hyparquet's
# parquetMetadataAsync loop, a pyarrow read_metadata loop, DuckDB parquet_metadata and parquet-cli
# meta, on a synthetic Gaia-like table (150 columns, FILES bucket files, 3 row groups each), then the
# same over the local S3 server. Wall time and peak RSS from /usr/bin/time; best of 3 where cheap.
# Usage: bash bench/data-scan/run.sh [FILES]   (needs `npm run build`, scripts/setup/20-python.sh,
# 25-s3.sh; parquet-cli is resolved with Maven into ~/.m2). Not part of the test suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
files="${1:-2048}"
py="${AGLAIS_PYTHON:-$(bash "$root/scripts/python.sh")}"
cache="${HOME}/.cache/aglais/bench"
table="$cache/gaia-$files"
mkdir -p "$cache"
cd "$root"
[ -f dist/cli/main.js ] || npm run build >/dev/null

echo "== table: $table"
start=$(date +%s)
"$py" "$here/gen.py" "$table" "$files"
echo "   (generation/cache check took $(( $(date +%s) - start )) s)"
du -sh "$table" | sed 's/^/   size: /'

results=()
# measure NAME RUNS CMD... : best wall time of RUNS runs, with that run's peak RSS
measure() {
  local name="$1" runs="$2"
  shift 2
  local best="" mem="" out
  for _ in $(seq "$runs"); do
    if ! /usr/bin/time -o /tmp/aglais-bench-time -f '%e %M' "$@" >/dev/null 2>/tmp/aglais-bench-err; then
      out="$(grep -v '^\s*$' /tmp/aglais-bench-err | tail -1)"
      results+=("$name|failed: ${out:0:100}|")
      echo "   $name: failed: $out"
      return
    fi
    local t m
    read -r t m < <(tail -1 /tmp/aglais-bench-time)
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
  done
  results+=("$name|$best|$((mem / 1024))")
  printf '   %-34s %7s s %6s MiB\n' "$name" "$best" "$((mem / 1024))"
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times)"
echo "== local disk (page cache warm)"
node "$here/raw-read.mjs" "$table" >/dev/null # warm the page cache
measure "raw footer read (node, 64 KiB)" 3 node "$here/raw-read.mjs" "$table"
measure "aglais data scan" 3 node dist/cli/main.js data scan --json "$table"
measure "aglais data scan --workers 0" 3 node dist/cli/main.js data scan --json --workers 0 "$table"
measure "hyparquet parquetMetadataAsync" 3 node "$here/hyparquet-loop.mjs" "$table"
measure "pyarrow read_metadata loop" 3 "$py" "$here/peers.py" pyarrow "$table"
measure "duckdb parquet_metadata" 3 "$py" "$here/peers.py" duckdb "$table"

# parquet-cli meta takes one file per JVM ("Cannot process multiple Parquet files"): time a sample
# of files one JVM each, as a user would run it, and extrapolate to the table.
cp_file="$cache/parquet-cli.classpath"
if [ ! -s "$cp_file" ] && command -v mvn >/dev/null; then
  mvn -q -f "$here/parquet-cli/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null 2>&1 || rm -f "$cp_file"
fi
if [ -s "$cp_file" ] && command -v java >/dev/null; then
  sample=16
  mapfile -t some < <(ls "$table"/*.parquet | head -n "$sample")
  s=$(date +%s.%N)
  peak=0
  for f in "${some[@]}"; do
    /usr/bin/time -o /tmp/aglais-bench-time -f '%M' java -cp "$(cat "$cp_file")" org.apache.parquet.cli.Main meta "$f" >/dev/null 2>&1
    m=$(tail -1 /tmp/aglais-bench-time)
    [ "$m" -gt "$peak" ] && peak=$m
  done
  e=$(date +%s.%N)
  est=$(awk "BEGIN{printf \"%.1f\", ($e - $s) / $sample * $files}")
  results+=("parquet-cli meta (1 JVM/file, est.)|$est|$((peak / 1024))")
  printf '   %-34s %7s s %6s MiB  (measured on %d files, extrapolated)\n' "parquet-cli meta" "$est" "$((peak / 1024))" "$sample"
else
  echo "   parquet-cli: not run (needs Maven and Java)"
fi

echo "== local S3 server (MinIO, path-style, 127.0.0.1)"
eval "$(node -e "import('$root/dist/data/s3-server.js').then(m => { for (const [k, v] of Object.entries(m.s3Credentials)) console.log('export ' + k + '=' + v) })")"
mkdir -p "$cache/minio-data"
fifo=$(mktemp -u)
mkfifo "$fifo"
node "$here/s3-serve.mjs" "$cache/minio-data" "$table" "gaia-$files" >"$fifo" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r endpoint <"$fifo"
echo "   endpoint $endpoint"
measure "aglais data scan (S3)" 3 node dist/cli/main.js data scan --json --endpoint "$endpoint" "s3://bench/gaia-$files"
measure "pyarrow read_metadata loop (S3)" 1 "$py" "$here/peers.py" pyarrow-s3 "${endpoint#http://}" bench "gaia-$files"
measure "duckdb parquet_metadata (S3)" 1 "$py" "$here/peers.py" duckdb-s3
kill "$server"
wait "$server" 2>/dev/null || true

echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== summary (time ratio = peer / aglais; >1 means aglais is faster)"
ours_local=""; ours_s3=""
for r in "${results[@]}"; do
  IFS='|' read -r n t m <<<"$r"
  [ "$n" = "aglais data scan" ] && ours_local=$t
  [ "$n" = "aglais data scan (S3)" ] && ours_s3=$t
done
for r in "${results[@]}"; do
  IFS='|' read -r n t m <<<"$r"
  ref=$ours_local
  [[ "$n" == *"(S3)"* ]] && ref=$ours_s3
  if grep -qE '^[0-9.]+$' <<<"$t" && [ -n "$ref" ]; then
    printf '%-36s %8s s %6s MiB  ratio %6s\n' "$n" "$t" "$m" "$(awk "BEGIN{printf \"%.2f\", $t / $ref}")"
  else
    printf '%-36s %s\n' "$n" "$t"
  fi
done
