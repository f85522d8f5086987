#!/usr/bin/env bash
# Runs bench/up/bench.mjs against a private test env (its own state folder,
# in its own network namespace: unshare --net, as root), so no other user of
# the shared env can restart it mid-run and CAPD's fixed ports are free.
# The env is stopped at the end. Needs the env built (scripts/setup/30-testenv.sh).
#
#   npm run build && bash bench/up/run.sh [--keep]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export AGLAIS_TESTENV_STATE="${AGLAIS_TESTENV_STATE:-${XDG_CACHE_HOME:-$HOME/.cache}/aglais-testenv/run-bench-up}"
exec unshare --net -- bash -c '
  set -euo pipefail
  ip link set lo up
  trap "\"$0/scripts/testenv\" down >&2" EXIT
  "$0/scripts/testenv" up --capi >&2
  node "$0/bench/up/bench.mjs" "$@"
' "$repo" "$@"
