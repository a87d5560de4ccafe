#!/usr/bin/env bash
# Stop the local cluster (pid files only: never by process name, so another
# cluster or a developer's own etcd is left alone) and remove its state dir.
#   cluster/down.sh          stop + delete certs, etcd data, logs, audit log
#   cluster/down.sh --keep   stop only (up.sh then restarts on the same data)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
es_lock

keep=0
[ "${1:-}" = "--keep" ] && keep=1

# CoreDNS (cluster/dns-up.sh), when started, goes first: it watches the apiserver.
if pid="$(es_dns_pid)"; then
  es_log "stopping coredns (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
fi
rm -f "$ES_STATE/pids/coredns.pid"

for (( i=${#ES_COMPONENTS[@]}-1; i>=0; i-- )); do
  c="${ES_COMPONENTS[$i]}"
  if pid="$(es_pid "$c")"; then
    es_log "stopping $c (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      es_log "$c did not stop in 10s, killing"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$ES_STATE/pids/$c.pid"
done

if [ "$keep" = 0 ] && [ -d "$ES_STATE" ]; then
  es_log "removing $ES_STATE"
  rm -rf "$ES_STATE"
fi
