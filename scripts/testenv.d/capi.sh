# shellcheck shell=bash disable=SC2154  # td, repo and the flags are set by scripts/testenv
# Starts the Cluster API managers (core, kubeadm bootstrap, kubeadm control
# plane, CAPD with its in-memory backend) as local processes against the test
# env's apiserver, with their webhooks served on 127.0.0.1 and registered by URL.

CAPI_MANAGERS="core bootstrap controlplane infrastructure"

capi_bin() {
  case "$1" in
    core) echo capi-manager ;;
    bootstrap) echo kubeadm-bootstrap-manager ;;
    controlplane) echo kubeadm-control-plane-manager ;;
    infrastructure) echo capd-manager ;;
  esac
}

# Which manager serves conversion for a CRD of this API group.
capi_manager_for_group() {
  case "$1" in
    bootstrap.cluster.x-k8s.io) echo bootstrap ;;
    controlplane.cluster.x-k8s.io) echo controlplane ;;
    infrastructure.cluster.x-k8s.io) echo infrastructure ;;
    *) echo core ;;
  esac
}

capi_running() {
  local m
  [ -f "$STATE/capi.ready" ] || return 1
  for m in $CAPI_MANAGERS; do proc_running "capi-$m" || return 1; done
}

start_capi() {
  local bin ports m i=0 port_env="" ready
  bin="$(capi_dir)/bin"
  rm -f "$STATE/capi.ready"
  mapfile -t ports < <(free_ports 12)
  for m in $CAPI_MANAGERS; do
    local wh=${ports[$i]} health=${ports[$((i + 1))]} diag=${ports[$((i + 2))]}
    i=$((i + 3))
    port_env="${port_env}P_CAPI_${m^^}_WEBHOOK=$wh"$'\n'"P_CAPI_${m^^}_HEALTH=$health"$'\n'
    # AGLAIS_LISTEN_HOST is read by the listen patch (build.sh); POD_IP is
    # where CAPD's in-memory workload API servers listen and what their
    # kubeconfig Secrets point at.
    start_proc "capi-$m" env KUBECONFIG="$STATE/kubeconfig" AGLAIS_LISTEN_HOST=127.0.0.1 POD_IP=127.0.0.1 \
      "$bin/$(capi_bin "$m")" --leader-elect=false \
      --webhook-port "$wh" --webhook-cert-dir "$STATE/pki/webhook-serving" \
      --health-addr "127.0.0.1:$health" --diagnostics-address "127.0.0.1:$diag" --insecure-diagnostics=true
  done
  printf '%s' "$port_env" >"$STATE/capi-ports.env"
  for m in $CAPI_MANAGERS; do
    ready="P_CAPI_${m^^}_HEALTH"
    ready="$(grep "^$ready=" "$STATE/capi-ports.env" | cut -d= -f2)"
    wait_for 120 "capi-$m" curl -fsS "http://127.0.0.1:$ready/readyz" ||
      fail_with_log "capi-$m" "Cluster API manager $m did not become ready"
  done
  register_capi_webhooks
  touch "$STATE/capi.ready"
}

capi_webhook_port() { grep "^P_CAPI_${1^^}_WEBHOOK=" "$STATE/capi-ports.env" | cut -d= -f2; }

register_capi_webhooks() {
  local m ca crd group versions f name
  ca="$(base64 -w0 <"$STATE/pki/ca.crt")"
  # Admission webhooks exactly as each release declares them, but called by URL.
  for m in $CAPI_MANAGERS; do
    node "$td/webhooks.mjs" "$(capi_dir)/webhooks/$m.yaml" "capi-$m" "https://127.0.0.1:$(capi_webhook_port "$m")" \
      "$ca" >"$STATE/webhooks-$m.yaml"
    kubectl_ apply --server-side --force-conflicts -f "$STATE/webhooks-$m.yaml" >>"$STATE/logs/webhooks.log" 2>&1 ||
      fail_with_log webhooks "registering the $m webhooks failed"
  done
  # Conversion: CRDs of Cluster API itself that serve more than one version are
  # converted by their manager, as in a real management cluster. Provider CRDs
  # (bootstrap, control plane, infrastructure) also get the contract labels their
  # release's config/crd/kustomization.yaml adds (build.sh checks they still
  # read so): core looks a provider's API version up by them.
  for f in "$(shared_crds)"/cluster-api/*.yaml; do
    name="$(basename "$f" .yaml)"
    group="${name%%_*}"
    crd="${name#*_}.$group"
    if [ "$group" != cluster.x-k8s.io ] && [ "$(capi_manager_for_group "$group")" != core ]; then
      kubectl_ label --overwrite crd "$crd" cluster.x-k8s.io/v1beta1=v1beta1 cluster.x-k8s.io/v1beta2=v1beta2 \
        >>"$STATE/logs/webhooks.log" 2>&1 || fail_with_log webhooks "labelling $crd failed"
    fi
    versions="$(kubectl_ get crd "$crd" -o jsonpath='{.spec.versions[*].name}')"
    [ "$(wc -w <<<"$versions")" -gt 1 ] || continue
    m="$(capi_manager_for_group "$group")"
    kubectl_ patch crd "$crd" --type merge -p "{\"spec\":{\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{\"conversionReviewVersions\":[\"v1\",\"v1beta1\"],\"clientConfig\":{\"url\":\"https://127.0.0.1:$(capi_webhook_port "$m")/convert\",\"caBundle\":\"$ca\"}}}}}" \
      >>"$STATE/logs/webhooks.log" 2>&1 || fail_with_log webhooks "setting the conversion webhook of $crd failed"
  done
}
