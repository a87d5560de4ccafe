#!/usr/bin/env bash
# Start CoreDNS (built by cluster/coredns/build.sh) on 127.0.0.1, its kubernetes plugin
# pointed at the local control plane that cluster/up.sh started for the same state dir:
# the cluster DNS that real clusters run, answering for this cluster's Services.
# Prints "127.0.0.1:<port>" on stdout (progress on stderr). Idempotent: returns at once
# when it already runs. cluster/down.sh stops it with the rest of the cluster.
#
#   ENDPOINTSLICES_DNS_PORT     UDP+TCP port on 127.0.0.1 (default 10053)
#   ENDPOINTSLICES_DNS_DOMAIN   the cluster domain it serves (default cluster.local)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

port="${ENDPOINTSLICES_DNS_PORT:-10053}"
domain="${ENDPOINTSLICES_DNS_DOMAIN:-cluster.local}"
dir="$ES_STATE/coredns"
pidfile="$ES_STATE/pids/coredns.pid"

[ -f "$ES_KUBECONFIG" ] || { echo "dns-up.sh: no cluster in $ES_STATE (run cluster/up.sh first)" >&2; exit 1; }
bin="$(bash "$ES_ROOT/coredns/build.sh")"

if pid="$(es_dns_pid)"; then
  es_log "CoreDNS already running (pid $pid)"
  echo "127.0.0.1:$port"
  exit 0
fi

mkdir -p "$dir" "$ES_STATE/pids" "$ES_STATE/logs"
# kubernetes: the plugin as kubeadm configures it, minus the pods/fallthrough options the
# fidelity suite does not ask about; bind keeps it on loopback; log records every query.
cat > "$dir/Corefile" <<COREFILE
.:$port {
    bind 127.0.0.1
    errors
    log
    kubernetes $domain {
        kubeconfig $ES_KUBECONFIG
    }
}
COREFILE
log="$ES_STATE/logs/coredns.log"
es_log "starting CoreDNS on 127.0.0.1:$port for $domain"
setsid "$bin" -conf "$dir/Corefile" >> "$log" 2>&1 < /dev/null 9>&- &
coredns_pid=$!
echo "$coredns_pid" > "$pidfile"

alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat"; }

# The kubernetes plugin holds the server back until its caches synced with the apiserver
# (or 5 s passed), then CoreDNS prints its banner: serving from then on.
for _ in $(seq 1 100); do
  if grep -q "^CoreDNS-" "$log" 2>/dev/null; then
    echo "127.0.0.1:$port"
    exit 0
  fi
  # Whether the process lives (an exited child stays a zombie until this script ends), not what
  # its command line says: until the forked shell has exec'd CoreDNS its command line is still
  # this script's, and reading it then took a starting CoreDNS for an exited one.
  alive "$coredns_pid" || { echo "dns-up.sh: CoreDNS exited; see $log" >&2; tail -5 "$log" >&2; exit 1; }
  sleep 0.2
done
echo "dns-up.sh: CoreDNS did not start in 20 s; see $log" >&2
exit 1
