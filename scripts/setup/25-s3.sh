#!/usr/bin/env bash
# A real S3-protocol server for the `aglais data` tests and bench: MinIO, built
# from its Go module (pinned) and cached under ~/.cache/aglais/s3. Built rather than
# downloaded because only package registries are reachable; MinIO rather than a
# mock because it implements ranged GETs, ListObjectsV2 paging and path-style
# addressing the way S3/Ceph RGW clients expect. Tests find the binary through
# scripts/s3-server.sh. Idempotent: rebuilds only when the pinned version changes.
set -euo pipefail
version="v0.0.0-20260212201848-7aac2a2c5b7c"
dir="${HOME}/.cache/aglais/s3"
bin="$dir/minio-$version"
if [ -x "$bin" ]; then
  echo "s3 server: cached $bin"
  exit 0
fi
command -v go >/dev/null || { echo "s3 server: Go toolchain missing (needed to build MinIO)" >&2; exit 1; }
mkdir -p "$dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
# CGO off: a static binary that does not depend on the machine's libc; -trimpath/-s -w keep it small.
GOBIN="$tmp" CGO_ENABLED=0 nice go install -trimpath -ldflags '-s -w' "github.com/minio/minio@$version"
mv "$tmp/minio" "$bin"
echo "s3 server: built $bin in $(( $(date +%s) - start ))s"
