# shellcheck shell=bash disable=SC2154  # td, repo and the flags are set by scripts/testenv
# Builds the test env's binaries from the Go module proxy into the cache.
# Each set lands in a temporary folder first and is renamed into place only
# when complete, so an interrupted build never leaves a half-filled cache.

# Small binaries, reproducible paths, and no VCS stamping (modules have none).
# The go command's chatter (module downloads) goes to $CACHE/build.log; its
# tail is shown when a build fails.
go_build() {
  local dir="$1"
  shift
  echo "+ go build $*" >>"$CACHE/build.log"
  if ! (cd "$dir" && GOFLAGS="-trimpath -mod=readonly -buildvcs=false" nice -n 10 go build "$@") \
    >>"$CACHE/build.log" 2>&1; then
    tail -n 40 "$CACHE/build.log" >&2
    die "go build failed in $dir (full log: $CACHE/build.log)"
  fi
}

# Module cache folder of a module at the version the helper go.mod selected.
mod_dir() { (cd "$1" && go mod download "$2" 2>>"$CACHE/build.log" && go list -mod=readonly -m -f '{{.Dir}}' "$2"); }

build_k8s() {
  local out tmp start x
  out="$(k8s_dir)"
  [ -x "$out/bin/kube-apiserver" ] && return 0
  say "building etcd $ETCD_VERSION and kube-* $K8S_VERSION (cold: tens of minutes on 2 cores)"
  start=$(now)
  rm -rf "$out".tmp.* # left by an interrupted build (builds hold the lock)
  tmp="$out.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp/bin"
  # Without these the binaries report v0.0.0, which version checks (CAPI's
  # minimum management cluster version, kubectl skew) would reject.
  x="-X k8s.io/component-base/version.gitVersion=$K8S_VERSION"
  x="$x -X k8s.io/component-base/version.gitMajor=1"
  x="$x -X k8s.io/component-base/version.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2)"
  x="$x -X k8s.io/component-base/version.gitTreeState=clean"
  x="$x -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"
  go_build "$td/k8s" -ldflags="-s -w" -o "$tmp/bin/etcd" go.etcd.io/etcd/server/v3
  go_build "$td/k8s" -ldflags="-s -w $x" -o "$tmp/bin/" \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler \
    k8s.io/kubernetes/cmd/kubectl
  rm -rf "$out" && mv "$tmp" "$out"
  say "built k8s binaries in $(($(now) - start))s into $out"
}

build_kwok() {
  local out tmp start src
  out="$(kwok_dir)"
  [ -x "$out/bin/kwok" ] && return 0
  say "building kwok $KWOK_VERSION"
  start=$(now)
  rm -rf "$out".tmp.* # left by an interrupted build (builds hold the lock)
  tmp="$out.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp/bin"
  # Same module (and patched copies) as the CAPI managers: they share compiled packages.
  go_build "$td/controllers" -modfile="$(controllers_modfile)" \
    -ldflags="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}" \
    -o "$tmp/bin/kwok" sigs.k8s.io/kwok/cmd/kwok
  # kwok ships no default stages in its controller binary; take kwokctl's
  # defaults (fast node init, heartbeat with lease, fast pod ready/complete/delete).
  src="$(mod_dir "$td/controllers" sigs.k8s.io/kwok)/kustomize/stage"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---"
    cat "$src/$f"
  done >"$tmp/stages.yaml"
  rm -rf "$out" && mv "$tmp" "$out"
  say "built kwok in $(($(now) - start))s into $out"
}

# The CAPI managers (controller-runtime's webhook server, CAPD's in-memory API
# server mux) listen on every interface and have no flag to change that. So the
# controllers are built from a patched copy of those two modules: each listen
# call goes through a helper (scripts/testenv.d/overlay/*.go) that reads
# AGLAIS_LISTEN_HOST, and `up` sets it to 127.0.0.1. The copies are made from
# the module cache at build time, under the cache, never in this repository;
# the committed go.mod stays as it is (go build -modfile uses a patched twin).
controllers_modfile() {
  local dir cr inmem
  dir="$CACHE/controllers-src-$(content_key "$td/controllers/go.mod" "$td/controllers/go.sum" \
    "$td/overlay/webhook_listen.go" "$td/overlay/inmemory_listen.go")"
  if [ ! -f "$dir/go.mod" ]; then
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    cr="$dir.tmp/controller-runtime"
    inmem="$dir.tmp/cluster-api-test"
    cp -r "$(mod_dir "$td/controllers" sigs.k8s.io/controller-runtime)" "$cr"
    cp -r "$(mod_dir "$td/controllers" sigs.k8s.io/cluster-api/test)" "$inmem"
    chmod -R u+w "$dir.tmp"
    sed -i 's/net\.JoinHostPort(s\.Options\.Host, /net.JoinHostPort(aglaisListenHost(s.Options.Host), /g' \
      "$cr/pkg/webhook/server.go"
    sed -i 's/fmt\.Sprintf(":%d", \([^)]*\))/aglaisListenAddr(\1)/g' "$inmem/infrastructure/inmemory/pkg/server/mux.go"
    grep -q 'aglaisListenHost(s.Options.Host)' "$cr/pkg/webhook/server.go" ||
      die "controllers: controller-runtime's webhook server.go no longer matches; update build.sh"
    [ "$(grep -c 'aglaisListenAddr(' "$inmem/infrastructure/inmemory/pkg/server/mux.go")" -ge 3 ] ||
      die "controllers: CAPD's in-memory mux.go no longer matches; update build.sh"
    ! grep -q 'fmt.Sprintf(":%d"' "$inmem/infrastructure/inmemory/pkg/server/mux.go" ||
      die "controllers: CAPD's in-memory mux.go has an unpatched listener; update build.sh"
    cp "$td/overlay/webhook_listen.go" "$cr/pkg/webhook/zz_aglais_listen.go"
    cp "$td/overlay/inmemory_listen.go" "$inmem/infrastructure/inmemory/pkg/server/zz_aglais_listen.go"
    cp "$td/controllers/go.sum" "$dir.tmp/go.sum"
    {
      cat "$td/controllers/go.mod"
      echo
      echo "replace sigs.k8s.io/controller-runtime => $dir/controller-runtime"
      echo "replace sigs.k8s.io/cluster-api/test => $dir/cluster-api-test"
    } >"$dir.tmp/go.mod"
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "$dir/go.mod"
}

build_capi() {
  local out tmp start x modfile src
  out="$(capi_dir)"
  [ -x "$out/bin/capd-manager" ] && return 0
  say "building Cluster API $CAPI_VERSION controllers (cold: tens of minutes on 2 cores)"
  start=$(now)
  rm -rf "$out".tmp.* # left by an interrupted build (builds hold the lock)
  tmp="$out.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp/bin"
  modfile="$(controllers_modfile)"
  x="-X sigs.k8s.io/cluster-api/version.gitVersion=$CAPI_VERSION"
  x="$x -X sigs.k8s.io/cluster-api/version.gitMajor=1"
  x="$x -X sigs.k8s.io/cluster-api/version.gitMinor=$(echo "$CAPI_VERSION" | cut -d. -f2)"
  x="$x -X sigs.k8s.io/cluster-api/version.gitTreeState=clean"
  for p in core:capi-manager bootstrap/kubeadm:kubeadm-bootstrap-manager \
    controlplane/kubeadm:kubeadm-control-plane-manager test/infrastructure/docker:capd-manager; do
    go_build "$td/controllers" -modfile="$modfile" -ldflags="-s -w $x" -o "$tmp/bin/${p#*:}" \
      "sigs.k8s.io/cluster-api/${p%%:*}"
  done
  # Webhook configurations as each manager's release would install them; `up --capi`
  # points them at the local managers.
  src="$(mod_dir "$td/controllers" sigs.k8s.io/cluster-api)"
  mkdir -p "$tmp/webhooks"
  cp "$src/core/config/webhook/manifests.yaml" "$tmp/webhooks/core.yaml"
  cp "$src/bootstrap/kubeadm/config/webhook/manifests.yaml" "$tmp/webhooks/bootstrap.yaml"
  cp "$src/controlplane/kubeadm/config/webhook/manifests.yaml" "$tmp/webhooks/controlplane.yaml"
  cp "$(mod_dir "$td/controllers" sigs.k8s.io/cluster-api/test)/infrastructure/docker/config/webhook/manifests.yaml" \
    "$tmp/webhooks/infrastructure.yaml"
  # capi.sh labels provider CRDs with these contract versions; fail loudly if a
  # release changes them.
  for f in "$src/bootstrap/kubeadm/config/crd/kustomization.yaml" \
    "$src/controlplane/kubeadm/config/crd/kustomization.yaml" \
    "$(mod_dir "$td/controllers" sigs.k8s.io/cluster-api/test)/infrastructure/docker/config/crd/kustomization.yaml"; do
    if ! grep -q 'cluster.x-k8s.io/v1beta1: v1beta1$' "$f" || ! grep -q 'cluster.x-k8s.io/v1beta2: v1beta2$' "$f"; then
      die "capi: contract labels in $f changed; update capi.sh"
    fi
  done
  rm -rf "$out" && mv "$tmp" "$out"
  say "built Cluster API controllers in $(($(now) - start))s into $out"
}
