#!/usr/bin/env bash
# DNS fidelity: the DNS predictor (server/src/service/routing/dns.ts) against a real CoreDNS.
# Builds (or reuses) the control plane and CoreDNS from their Go modules, starts both in a state
# dir and on ports of their own (so it can run beside scripts/test-cluster.sh), puts the scenarios
# of test/cluster/dnsScenarios.ts on the cluster, compares every answer with the prediction
# (test/cluster/dnsFidelity.ts, which rewrites docs/fidelity/dns.md), and stops everything.
#
#   bash scripts/test-dns.sh        # npm run test:dns
# Environment: ENDPOINTSLICES_CLUSTER_DIR (default /tmp/endpointslices-dns), _APISERVER_PORT
# (19443), _ETCD_PORT (15379), _KCM_PORT (19444), _DNS_PORT (10053), _DNS_DOMAIN (cluster.local);
# ENDPOINTSLICES_KEEP_CLUSTER=1 leaves the cluster, CoreDNS and the test namespace up.
set -euo pipefail
cd "$(dirname "$0")/.."
export ENDPOINTSLICES_CLUSTER_DIR="${ENDPOINTSLICES_CLUSTER_DIR:-/tmp/endpointslices-dns}"
export ENDPOINTSLICES_APISERVER_PORT="${ENDPOINTSLICES_APISERVER_PORT:-19443}"
export ENDPOINTSLICES_ETCD_PORT="${ENDPOINTSLICES_ETCD_PORT:-15379}"
export ENDPOINTSLICES_KCM_PORT="${ENDPOINTSLICES_KCM_PORT:-19444}"
export ENDPOINTSLICES_DNS_PORT="${ENDPOINTSLICES_DNS_PORT:-10053}"
# Dual-stack Services: an IPv6 service range beside the IPv4 one (fakelet gives IPv6 pod
# addresses on request), so A and AAAA answers of ClusterIP and headless Services are compared.
export ENDPOINTSLICES_SERVICE_CIDRS="${ENDPOINTSLICES_SERVICE_CIDRS:-10.96.0.0/16,fd00:10:96::/112}"
domain="${ENDPOINTSLICES_DNS_DOMAIN:-cluster.local}"

started=$(date +%s)
bash cluster/coredns/build.sh > /dev/null
echo "CoreDNS binary ready in $(( $(date +%s) - started ))s"

keep=()
if [ "${ENDPOINTSLICES_KEEP_CLUSTER:-}" = "1" ]; then
  keep=(--keep)
else
  trap 'bash cluster/down.sh >/dev/null 2>&1 || true' EXIT
fi
started=$(date +%s)
kubeconfig="$(bash cluster/up.sh)"
dns="$(bash cluster/dns-up.sh)"
echo "control plane and CoreDNS ($dns, $domain) up in $(( $(date +%s) - started ))s"

# Make sure the compiled suite is there when this script runs alone.
[ -f out/test/cluster/dnsFidelity.js ] || npx tsc -b
node out/test/cluster/dnsFidelity.js --kubeconfig "$kubeconfig" --dns "$dns" --domain "$domain" "${keep[@]}"
