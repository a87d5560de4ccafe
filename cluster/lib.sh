# Shared settings for the cluster scripts (sourced, not executed).
#
# Everything is overridable through the environment so that tests can run a
# second cluster side by side (different ENDPOINTSLICES_CLUSTER_DIR + ports).
#   K8S_VERSION                   Kubernetes version (default: the one cluster/go/go.mod is generated for)
#   ENDPOINTSLICES_CLUSTER_DIR    state: certs, kubeconfigs, etcd data, logs, audit log, pid files
#   ENDPOINTSLICES_CACHE_DIR      built binaries, per version
#   ENDPOINTSLICES_APISERVER_PORT / _ETCD_PORT (peer = +1) / _KCM_PORT
#   ENDPOINTSLICES_SERVICE_CIDRS  service IP ranges (default 10.96.0.0/16; add an IPv6 range for dual-stack)

ES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ES_DEFAULT_VERSION="$(sed -n 's/^\/\/ GENERATED .* for Kubernetes v\([0-9.]*\)\.$/\1/p' "$ES_ROOT/go/go.mod")"
ES_VERSION="${K8S_VERSION:-$ES_DEFAULT_VERSION}"
ES_VERSION="${ES_VERSION#v}"
ES_STATE="${ENDPOINTSLICES_CLUSTER_DIR:-/tmp/endpointslices-cluster}"
ES_CACHE="${ENDPOINTSLICES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/endpointslices-cluster}"
ES_BIN="$ES_CACHE/$ES_VERSION/bin"
# Non-default ports so a developer's own cluster on 6443/2379 does not clash.
ES_APISERVER_PORT="${ENDPOINTSLICES_APISERVER_PORT:-16443}"
ES_ETCD_PORT="${ENDPOINTSLICES_ETCD_PORT:-12379}"
ES_ETCD_PEER_PORT="$((ES_ETCD_PORT + 1))"
ES_KCM_PORT="${ENDPOINTSLICES_KCM_PORT:-16444}"
# Service CIDRs: one IPv4 range, or an IPv4 and an IPv6 range for a dual-stack cluster
# (the DNS fidelity suite uses one, for dual-stack ClusterIP and headless Services).
ES_SERVICE_CIDRS="${ENDPOINTSLICES_SERVICE_CIDRS:-10.96.0.0/16}"
ES_KUBECONFIG="$ES_STATE/admin.kubeconfig"
ES_RESTRICTED_KUBECONFIG="$ES_STATE/restricted.kubeconfig"
ES_AUDIT_LOG="$ES_STATE/audit.log"
# Components in start order; down.sh stops them in reverse.
ES_COMPONENTS=(etcd kube-apiserver kube-controller-manager fakelet)

es_log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Install a Debian package when its command is missing (fresh machines).
es_need() { # es_need COMMAND [PACKAGE]
  command -v "$1" >/dev/null 2>&1 && return 0
  local pkg="${2:-$1}" sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  es_log "installing $pkg (apt-get)"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >/dev/null
}

# Serialise up/down for one state dir: test runners may call up.sh from several
# processes at once. The lock file sits beside the state dir, which down.sh deletes.
# up.sh closes fd 9 for the daemons it starts, or they would hold the lock forever.
es_lock() {
  mkdir -p "$(dirname "$ES_STATE")"
  exec 9> "$ES_STATE.uplock"
  flock 9
}

# es_pid COMPONENT -> prints the pid if that component is running (and really is
# that binary: pid files can outlive a reboot and the pid be reused).
es_pid() {
  local f="$ES_STATE/pids/$1.pid" pid
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$ES_BIN/$1 " || return 1
  echo "$pid"
}

# curl against the apiserver as admin (client certificate auth).
es_curl() {
  curl -sS --max-time 5 --cacert "$ES_STATE/pki/ca.crt" \
    --cert "$ES_STATE/pki/admin.crt" --key "$ES_STATE/pki/admin.key" \
    "https://127.0.0.1:$ES_APISERVER_PORT$1"
}

# es_dns_pid -> prints CoreDNS's pid if the one dns-up.sh started for this state dir runs
# (its command line names this state dir's Corefile).
es_dns_pid() {
  local f="$ES_STATE/pids/coredns.pid" pid
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "-conf $ES_STATE/coredns/Corefile" || return 1
  echo "$pid"
}
