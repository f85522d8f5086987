# shellcheck shell=bash disable=SC2154  # td, repo and the flags are set by scripts/testenv
# Certificates for one run of the test env (EC P-256: quick to make, and every
# component accepts it). Made fresh on each `up`, in $STATE/pki, mode 0600.

# new_key FILE
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT EXTENSIONS: NAME.key + NAME.crt signed by the run's CA.
sign() {
  local pki="$STATE/pki" name="$1" subj="$2" ext="$3"
  new_key "$pki/$name.key"
  openssl req -new -key "$pki/$name.key" -subj "$subj" -out "$pki/$name.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

make_certs() {
  local pki="$STATE/pki"
  rm -rf "$pki"
  mkdir -p "$pki"
  chmod 700 "$pki"
  new_key "$pki/ca.key"
  openssl req -x509 -new -key "$pki/ca.key" -subj "/CN=aglais-testenv-ca" -days 30 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$pki/ca.crt" 2>/dev/null
  local serving="keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth"
  sign apiserver "/CN=kube-apiserver" "$serving
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  # One serving certificate for every CAPI manager's webhook server.
  sign webhook "/CN=aglais-testenv-webhooks" "$serving
subjectAltName=IP:127.0.0.1,DNS:localhost"
  # Every local component and the tests act as a cluster admin.
  sign admin "/O=system:masters/CN=aglais-testenv-admin" "keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
  new_key "$pki/sa.key"
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  mkdir -p "$pki/webhook-serving"
  cp "$pki/webhook.crt" "$pki/webhook-serving/tls.crt"
  cp "$pki/webhook.key" "$pki/webhook-serving/tls.key"
  chmod 600 "$pki"/*.key "$pki"/webhook-serving/*
}

# write_kubeconfig FILE SERVER_URL
write_kubeconfig() {
  local pki="$STATE/pki"
  (
    umask 077
    cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: aglais-testenv
    cluster:
      server: $2
      certificate-authority-data: $(base64 -w0 <"$pki/ca.crt")
users:
  - name: aglais-testenv-admin
    user:
      client-certificate-data: $(base64 -w0 <"$pki/admin.crt")
      client-key-data: $(base64 -w0 <"$pki/admin.key")
contexts:
  - name: aglais-testenv
    context:
      cluster: aglais-testenv
      user: aglais-testenv-admin
current-context: aglais-testenv
EOF
  )
}
