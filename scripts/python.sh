#!/usr/bin/env bash
# Prints the Python interpreter that has the project's peers (see scripts/setup/20-python.sh),
# or fails with a message saying how to get it.
venv="${HOME}/.cache/aglais/venv"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import pyarrow, duckdb, pyspark, numpy' 2>/dev/null; then
  echo "$venv/bin/python"
else
  echo "python peers missing: run 'bash scripts/setup/20-python.sh'" >&2
  exit 1
fi
