#!/usr/bin/env bash
# Start a local Kubernetes control plane on 127.0.0.1:
#   etcd -> kube-apiserver (TLS, Node+RBAC, audit log) -> kube-controller-manager -> fakelet
# then apply the RBAC for the `restricted` user. Prints the admin kubeconfig path
# on stdout (progress goes to stderr), so `KUBECONFIG=$(cluster/up.sh)` works.
#
# Idempotent: if the cluster is already up it only prints the path; if the state
# dir survives from an earlier run (processes gone), it restarts the processes on
# the same certs and etcd data. Builds the binaries first if needed (build.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start_ts=$(date +%s)
es_lock

es_need openssl
es_need curl

if [ -f "$ES_STATE/version" ] && [ "$(cat "$ES_STATE/version")" != "$ES_VERSION" ]; then
  echo "up.sh: $ES_STATE holds a v$(cat "$ES_STATE/version") cluster; run cluster/down.sh first" >&2
  exit 1
fi

# build.sh is a no-op (~0.1s) when everything is built and up to date; otherwise
# it (re)builds only what is missing or older than its sources.
K8S_VERSION="$ES_VERSION" bash "$ES_ROOT/build.sh" >&2

all_running=1
for c in "${ES_COMPONENTS[@]}"; do es_pid "$c" >/dev/null || all_running=0; done
if [ "$all_running" = 1 ] && [ "$(es_curl /readyz 2>/dev/null)" = "ok" ]; then
  es_log "already running (v$ES_VERSION)"
  echo "$ES_KUBECONFIG"
  exit 0
fi

mkdir -p "$ES_STATE"/{pki,pids,logs,etcd}
# etcd warns about (and upstream recommends against) group/world-readable data.
chmod 700 "$ES_STATE" "$ES_STATE/etcd" "$ES_STATE/pki"
echo "$ES_VERSION" > "$ES_STATE/version"
pki="$ES_STATE/pki"

# --- certificates -------------------------------------------------------------
# openssl instead of a Go helper: it is one apt package away everywhere and the
# files are plain PEM that tests can reuse (e.g. curl --cert).
leaf() { # [signer=CA_NAME] leaf NAME SUBJECT EXTENSIONS...
  local name="$1" subj="$2" ca="${signer:-ca}"; shift 2
  [ -f "$pki/$name.crt" ] && return 0
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -keyout "$pki/$name.key" -out "$pki/$name.csr" -subj "$subj" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" "$@" > "$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/$ca.crt" -CAkey "$pki/$ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 3650 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}
ca() { # ca NAME
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -keyout "$pki/$1.key" -out "$pki/$1.crt" -days 3650 -subj "/CN=endpointslices-local-$1" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
}
# Each file is created only when missing, so a restart reuses them all.
[ -f "$pki/ca.crt" ] || { es_log "generating CAs, certificates and service-account keys in $pki"; ca ca; }
# Separate CA for the aggregation front proxy (as kubeadm does): the apiserver
# trusts X-Remote-User headers from any client cert this CA signed, so it must
# not be the CA that signs ordinary user certificates.
[ -f "$pki/front-proxy-ca.crt" ] || ca front-proxy-ca
# RSA for service-account tokens: RS256 is what every token consumer expects.
if [ ! -f "$pki/sa.pub" ]; then
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
fi
# Serving cert: loopback + the in-cluster names/ClusterIP of the `kubernetes` Service.
leaf apiserver "/CN=kube-apiserver" "extendedKeyUsage=serverAuth" \
  "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
# Client identities. system:masters bypasses RBAC (admin, fakelet); the KCM gets
# the identity the bootstrap RBAC policy grants its permissions to.
leaf admin "/O=system:masters/CN=kubernetes-admin" "extendedKeyUsage=clientAuth"
leaf fakelet "/O=system:masters/CN=system:fakelet" "extendedKeyUsage=clientAuth"
leaf kube-controller-manager "/CN=system:kube-controller-manager" "extendedKeyUsage=clientAuth"
leaf restricted "/CN=restricted" "extendedKeyUsage=clientAuth"
signer=front-proxy-ca leaf front-proxy-client "/CN=front-proxy-client" "extendedKeyUsage=clientAuth"

kubeconfig() { # kubeconfig FILE USER
  local b64="base64 -w0"
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: endpointslices-local
  cluster:
    server: https://127.0.0.1:$ES_APISERVER_PORT
    certificate-authority-data: $($b64 < "$pki/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $($b64 < "$pki/$2.crt")
    client-key-data: $($b64 < "$pki/$2.key")
contexts:
- name: $2@endpointslices-local
  context: {cluster: endpointslices-local, user: $2}
current-context: $2@endpointslices-local
EOF
  chmod 600 "$1"
}
kubeconfig "$ES_KUBECONFIG" admin
kubeconfig "$ES_RESTRICTED_KUBECONFIG" restricted
kubeconfig "$ES_STATE/fakelet.kubeconfig" fakelet
kubeconfig "$ES_STATE/kube-controller-manager.kubeconfig" kube-controller-manager

# Metadata for everything (who did what, when, with which code) and full bodies
# for writes to the objects this project is about, so tests can assert on what
# the extension or the controllers sent.
cat > "$ES_STATE/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: RequestResponse
  verbs: ["create", "update", "patch", "delete", "deletecollection"]
  resources:
  - group: "discovery.k8s.io"
    resources: ["endpointslices"]
  - group: ""
    resources: ["endpoints", "services"]
- level: Metadata
EOF

# --- processes ------------------------------------------------------------------
start() { # start NAME ARGS...
  local name="$1"; shift
  if es_pid "$name" >/dev/null; then return 0; fi
  es_log "starting $name"
  # setsid: the daemons must outlive the shell (or test runner) that called up.sh;
  # down.sh stops them through their pid files.
  setsid "$ES_BIN/$name" "$@" >> "$ES_STATE/logs/$name.log" 2>&1 < /dev/null 9>&- &
  echo $! > "$ES_STATE/pids/$name.pid"
}
wait_for() { # wait_for WHAT SECONDS COMMAND...
  local what="$1" secs="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      es_log "timed out waiting for $what; last log lines:"
      tail -n 30 "$ES_STATE/logs/"*.log >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}

etcd_url="http://127.0.0.1:$ES_ETCD_PORT"
# Plain HTTP is fine: etcd listens on loopback only and holds throw-away data.
# --unsafe-no-fsync: test data, and fsync per write makes 120-pod seeding slow on CI disks.
start etcd --name=endpointslices --data-dir="$ES_STATE/etcd" \
  --listen-client-urls="$etcd_url" --advertise-client-urls="$etcd_url" \
  --listen-peer-urls="http://127.0.0.1:$ES_ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$ES_ETCD_PEER_PORT" \
  --initial-cluster="endpointslices=http://127.0.0.1:$ES_ETCD_PEER_PORT" \
  --unsafe-no-fsync --quota-backend-bytes=2147483648 --log-level=warn
wait_for "etcd" 60 curl -sf "$etcd_url/health"

# Feature gates are left at the version's defaults on purpose: the validation
# suite must see what a stock cluster of that version does.
# --advertise-address: must not be loopback (it becomes the endpoint of the
# `kubernetes` Service, and endpoint IPs may not be loopback); 192.0.2.10 is
# TEST-NET-1 (RFC 5737), which nothing here ever dials.
start kube-apiserver \
  --bind-address=127.0.0.1 --secure-port="$ES_APISERVER_PORT" --advertise-address=192.0.2.10 \
  --etcd-servers="$etcd_url" \
  --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
  --client-ca-file="$pki/ca.crt" \
  --requestheader-client-ca-file="$pki/front-proxy-ca.crt" --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --proxy-client-cert-file="$pki/front-proxy-client.crt" --proxy-client-key-file="$pki/front-proxy-client.key" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
  --authorization-mode=Node,RBAC \
  --service-cluster-ip-range="$ES_SERVICE_CIDRS" \
  --allow-privileged=true \
  --audit-policy-file="$ES_STATE/audit-policy.yaml" --audit-log-path="$ES_AUDIT_LOG" \
  --audit-log-format=json --audit-log-mode=blocking \
  --cert-dir="$pki" --v=1
wait_for "kube-apiserver /readyz" 120 bash -c "[ \"\$(curl -sS --max-time 5 --cacert '$pki/ca.crt' --cert '$pki/admin.crt' --key '$pki/admin.key' https://127.0.0.1:$ES_APISERVER_PORT/readyz)\" = ok ]"

# --use-service-account-credentials: each controller talks as its own service
# account (e.g. system:serviceaccount:kube-system:endpointslice-controller), as in
# kubeadm clusters, which makes the audit log say which controller wrote a slice.
# --leader-elect=false: single instance; avoids a wait for the old lease after a restart.
start kube-controller-manager \
  --kubeconfig="$ES_STATE/kube-controller-manager.kubeconfig" \
  --authentication-kubeconfig="$ES_STATE/kube-controller-manager.kubeconfig" \
  --authorization-kubeconfig="$ES_STATE/kube-controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$ES_KCM_PORT" \
  --use-service-account-credentials=true --leader-elect=false \
  --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
  --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" \
  --service-cluster-ip-range="$ES_SERVICE_CIDRS" \
  --cert-dir="$pki" --v=1
wait_for "kube-controller-manager /healthz" 60 curl -skf "https://127.0.0.1:$ES_KCM_PORT/healthz"

start fakelet --kubeconfig="$ES_STATE/fakelet.kubeconfig" --nodes=3
wait_for "fakelet nodes" 60 bash -c "grep -q 'fakelet .* ready' '$ES_STATE/logs/fakelet.log'"

"$ES_BIN/kapply" -kubeconfig "$ES_KUBECONFIG" "$ES_ROOT/manifests/restricted-rbac.yaml" >&2

es_log "cluster v$ES_VERSION up in $(( $(date +%s) - start_ts ))s; admin kubeconfig:"
echo "$ES_KUBECONFIG"
