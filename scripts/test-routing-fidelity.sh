#!/usr/bin/env bash
# Controller fidelity (issue 16): the routing engine's prediction of every scenario Service's
# endpoints against what a real kube-controller-manager writes into its EndpointSlices
# (test/cluster/routingFidelity.ts; report in docs/fidelity/routing.md). Runs on a control plane
# of its own (state /tmp/endpointslices-routing, apiserver 17443, etcd 17579-17580, controller
# manager 17444; ENDPOINTSLICES_CLUSTER_DIR / _APISERVER_PORT / _ETCD_PORT / _KCM_PORT override),
# stopped at the end unless ENDPOINTSLICES_KEEP_CLUSTER=1. `--report` rewrites the report.
set -euo pipefail
cd "$(dirname "$0")/.."
export ENDPOINTSLICES_CLUSTER_DIR="${ENDPOINTSLICES_CLUSTER_DIR:-/tmp/endpointslices-routing}"
export ENDPOINTSLICES_APISERVER_PORT="${ENDPOINTSLICES_APISERVER_PORT:-17443}"
export ENDPOINTSLICES_ETCD_PORT="${ENDPOINTSLICES_ETCD_PORT:-17579}"
export ENDPOINTSLICES_KCM_PORT="${ENDPOINTSLICES_KCM_PORT:-17444}"
source cluster/lib.sh

report=()
[ "${1:-}" = "--report" ] && report=(--report docs/fidelity/routing.md)

started=$(date +%s)
kubeconfig="$(bash cluster/up.sh)"
echo "control plane v$ES_VERSION up in $(( $(date +%s) - started ))s ($ES_STATE)"
if [ "${ENDPOINTSLICES_KEEP_CLUSTER:-}" != "1" ]; then
  trap 'bash cluster/down.sh >/dev/null 2>&1 || true' EXIT
fi
[ -f out/test/cluster/routingFidelity.js ] || npx tsc -b
# The suite waits at most 90 s for the controllers to settle; the whole step is bounded too.
timeout --foreground 5m node out/test/cluster/routingFidelity.js --kubeconfig "$kubeconfig" "${report[@]}"
