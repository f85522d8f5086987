# shellcheck shell=bash disable=SC2154,SC2034  # td, repo and the flags are set by scripts/testenv
# Shared settings of scripts/testenv: versions, cache and state paths, small helpers.
# Sourced by scripts/testenv; `td` is the scripts/testenv.d folder.

K8S_VERSION="v1.34.10"
KWOK_VERSION="v0.8.0"
CAPI_VERSION="v1.14.0"
# Bump when the way a set of binaries is built changes, so caches are rebuilt.
BUILD_REV="1"

CACHE="${AGLAIS_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aglais-testenv}"
STATE="${AGLAIS_TESTENV_STATE:-$CACHE/run}"

# etcd is built at the version k8s.io/kubernetes itself pins.
ETCD_VERSION="$(awk '$1 == "go.etcd.io/etcd/server/v3" {print $2}' "$td/k8s/go.mod")"

say() { printf 'testenv: %s\n' "$*" >&2; }
die() {
  printf 'testenv: %s\n' "$*" >&2
  exit 1
}
now() { date +%s; }

# Short content hash of the files that define a build (plus BUILD_REV), so a changed go.mod or
# a bumped BUILD_REV lands in a new cache folder instead of reusing stale binaries.
content_key() { { cat "$@"; echo "$BUILD_REV"; } | sha256sum | cut -c1-10; }

k8s_dir() { echo "$CACHE/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-$(content_key "$td/k8s/go.mod" "$td/k8s/go.sum")"; }
kwok_dir() { echo "$CACHE/kwok-$KWOK_VERSION-$(content_key "$td/controllers/go.mod" "$td/controllers/go.sum" "$td"/overlay/*.go)"; }
capi_dir() { echo "$CACHE/capi-$CAPI_VERSION-$(content_key "$td/controllers/go.mod" "$td/controllers/go.sum" "$td"/overlay/*.go)"; }

# pid_alive FILE: the process whose id FILE holds is running.
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# free_ports N: N distinct free TCP ports on 127.0.0.1, one per line. All are
# held open until every one is chosen so no two are the same.
free_ports() {
  node -e '
    const net = require("node:net");
    const n = Number(process.argv[1]);
    const servers = [];
    const next = () => {
      if (servers.length === n) {
        console.log(servers.map((s) => s.address().port).join("\n"));
        for (const s of servers) s.close();
        return;
      }
      const s = net.createServer();
      s.listen(0, "127.0.0.1", () => { servers.push(s); next(); });
    };
    next();
  ' "$1"
}

# wait_for SECONDS WHAT CMD...: retries CMD every 0.2 s until it succeeds.
wait_for() {
  local limit="$1" what="$2" start
  shift 2
  start=$(now)
  until "$@" >/dev/null 2>&1; do
    if [ $(($(now) - start)) -ge "$limit" ]; then
      say "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}
