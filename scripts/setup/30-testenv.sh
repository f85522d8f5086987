#!/usr/bin/env bash
# Test control plane and Cluster API controllers (issue 3): builds etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok and
# the CAPI managers from the Go module proxy into ~/.cache/aglais-testenv.
# Idempotent: a cached build is reused. It starts nothing: the integration
# tests start the env themselves (src/testenv/testenv.ts), so `npm test` works
# the same on a machine where it is cached but not running.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
command -v go >/dev/null || {
  echo "testenv setup: Go (>= 1.26) is needed to build the test control plane; install it and re-run" >&2
  exit 1
}
start=$(date +%s)
"$repo/scripts/testenv" build --capi
echo "testenv setup: binaries ready in $(($(date +%s) - start))s"
