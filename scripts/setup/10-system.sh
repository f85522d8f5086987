#!/usr/bin/env bash
# System tools the suites use directly: openssl (test certificates), iproute2 and
# util-linux (ip netns and unshare for the lifecycle suite's private network
# namespace). Usually already there; installs only what is missing.
set -euo pipefail
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system tools: present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "system tools: installed ${missing[*]}"
