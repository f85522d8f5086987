# shellcheck shell=bash disable=SC2154  # td, repo and the flags are set by scripts/testenv
# Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok
# on 127.0.0.1, installs the shared CRDs and registers simulated nodes.

# start_proc NAME CMD...: runs CMD in its own session (it outlives the caller,
# e.g. a test process), logs to $STATE/logs/NAME.log, pid in $STATE/pids.
start_proc() {
  local name="$1"
  shift
  # fd 9 is the up/down lock (scripts/testenv); a daemon must not hold it.
  setsid "$@" </dev/null >"$STATE/logs/$name.log" 2>&1 9>&- &
  echo $! >"$STATE/pids/$name.pid"
}

proc_running() { pid_alive "$STATE/pids/$1.pid"; }

# fail_with_log NAME WHAT: the component did not come up; show why.
fail_with_log() {
  say "$2; last lines of $STATE/logs/$1.log:"
  tail -n 25 "$STATE/logs/$1.log" >&2 || true
  exit 1
}

kubectl_() { "$(k8s_dir)/bin/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }

shared_crds() {
  local d="${AGLAIS_SHARED:+$AGLAIS_SHARED/crds}"
  [ -n "$d" ] || d="$repo/../shared/crds"
  [ -d "$d" ] || die "no CRD folder at $d (set AGLAIS_SHARED to the folder holding crds/)"
  (cd "$d" && pwd)
}

api_ready() {
  curl -fsS --cacert "$STATE/pki/ca.crt" --cert "$STATE/pki/admin.crt" --key "$STATE/pki/admin.key" \
    "https://127.0.0.1:$P_API/readyz"
}

start_control_plane() {
  local bin pki="$STATE/pki" ports kc="$STATE/kubeconfig" t0
  t0=$(now)
  bin="$(k8s_dir)/bin"
  mkdir -p "$STATE/logs" "$STATE/pids"
  make_certs
  mapfile -t ports < <(free_ports 5)
  P_ETCD=${ports[0]} P_ETCD_PEER=${ports[1]} P_API=${ports[2]} P_KCM=${ports[3]} P_SCHED=${ports[4]}
  printf 'P_ETCD=%s\nP_ETCD_PEER=%s\nP_API=%s\nP_KCM=%s\nP_SCHED=%s\n' \
    "$P_ETCD" "$P_ETCD_PEER" "$P_API" "$P_KCM" "$P_SCHED" >"$STATE/ports.env"

  rm -rf "$STATE/etcd"
  # A throw-away store: fsync buys nothing here and costs seconds per test run.
  start_proc etcd "$bin/etcd" --name testenv --data-dir "$STATE/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$P_ETCD" --advertise-client-urls "http://127.0.0.1:$P_ETCD" \
    --listen-peer-urls "http://127.0.0.1:$P_ETCD_PEER" \
    --initial-advertise-peer-urls "http://127.0.0.1:$P_ETCD_PEER" \
    --initial-cluster "testenv=http://127.0.0.1:$P_ETCD_PEER" --log-level warn
  wait_for 30 etcd curl -fsS "http://127.0.0.1:$P_ETCD/health" || fail_with_log etcd "etcd did not become healthy"

  # Pod Security admission is on by default; privileged pods are allowed by the
  # apiserver so that only Pod Security can be what rejects them in a namespace.
  # No kubelets: the `kubernetes` Endpoints would carry 127.0.0.1, which the
  # Endpoints validation rejects, so its reconciler is off.
  start_proc kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$P_ETCD" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$P_API" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --endpoint-reconciler-type none --profiling=false
  write_kubeconfig "$kc" "https://127.0.0.1:$P_API"
  wait_for 90 kube-apiserver api_ready || fail_with_log kube-apiserver "kube-apiserver did not become ready"
  say "etcd and kube-apiserver ready after $(($(now) - t0))s"

  start_proc kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
    --bind-address 127.0.0.1 --secure-port "$P_KCM" --leader-elect=false \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --service-cluster-ip-range 10.0.0.0/24 --profiling=false
  start_proc kube-scheduler "$bin/kube-scheduler" \
    --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
    --bind-address 127.0.0.1 --secure-port "$P_SCHED" --leader-elect=false --profiling=false

  install_crds
  say "CRDs established after $(($(now) - t0))s"
  start_kwok
  say "kwok nodes Ready after $(($(now) - t0))s"
  wait_for 60 "kube-controller-manager to create the default ServiceAccount" \
    kubectl_ get serviceaccount default -n default || fail_with_log kube-controller-manager "no default ServiceAccount"
}

install_crds() {
  local d
  d="$(shared_crds)"
  # Server-side: some CRDs (Rook's) are too large for the last-applied annotation.
  kubectl_ apply --server-side --force-conflicts -R -f "$d" >"$STATE/logs/crds.log" 2>&1 ||
    fail_with_log crds "installing the CRDs from $d failed"
  kubectl_ wait --for condition=Established crd --all --timeout 120s >>"$STATE/logs/crds.log" 2>&1 ||
    fail_with_log crds "CRDs from $d did not become Established"
  echo "$d" >"$STATE/crds-from"
}

start_kwok() {
  local kdir i docs
  kdir="$(kwok_dir)"
  start_proc kwok "$kdir/bin/kwok" --kubeconfig "$STATE/kubeconfig" --config "$kdir/stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-ip 127.0.0.1 --cidr 10.244.0.0/16
  docs=""
  for i in $(seq 1 "$NODES"); do docs="$docs$(node_yaml "kwok-node-$i")"$'\n'; done
  printf '%s' "$docs" | kubectl_ create -f - >"$STATE/logs/nodes.log" 2>&1 ||
    fail_with_log nodes "creating kwok nodes failed"
  kubectl_ wait --for condition=Ready node -l type=kwok --timeout 60s >>"$STATE/logs/nodes.log" 2>&1 ||
    fail_with_log kwok "kwok nodes did not become Ready"
  printf 'NODES=%s\nNODE_CPU=%s\nNODE_MEMORY=%s\nNODE_PODS=%s\n' "$NODES" "$NODE_CPU" "$NODE_MEMORY" \
    "$NODE_PODS" >"$STATE/nodes.env"
}

# A simulated node of the chosen flavor; capacity and allocatable are the
# flavor as given (no reserved resources are subtracted).
node_yaml() {
  cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: $1
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    type: kwok
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: $1
    kubernetes.io/os: linux
    node-role.kubernetes.io/worker: ""
    node.kubernetes.io/instance-type: testenv-${NODE_CPU}cpu-${NODE_MEMORY}
status:
  capacity: {cpu: "$NODE_CPU", memory: "$NODE_MEMORY", pods: "$NODE_PODS", ephemeral-storage: 100Gi}
  allocatable: {cpu: "$NODE_CPU", memory: "$NODE_MEMORY", pods: "$NODE_PODS", ephemeral-storage: 100Gi}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: $K8S_VERSION
EOF
}
