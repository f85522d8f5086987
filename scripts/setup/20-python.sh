#!/usr/bin/env bash
# Python peers (pyarrow, DuckDB, pyspark) in a virtualenv under ~/.cache/aglais/venv.
# Idempotent: reinstalls only when requirements.txt changed. Tests find the
# interpreter through scripts/python.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${HOME}/.cache/aglais/venv"
req="$here/requirements.txt"
sum=$(sha256sum "$req" | cut -c1-16)
if [ -f "$venv/.installed-$sum" ] && "$venv/bin/python" -c 'import pyarrow, duckdb, pyspark, numpy' 2>/dev/null; then
  echo "python peers: cached in $venv"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
rm -f "$venv"/.installed-*
touch "$venv/.installed-$sum"
echo "python peers: installed in $venv"
