#!/usr/bin/env bash
# The validation-fidelity suite against every Kubernetes version the engine emulates, one after
# another: for each, build (or reuse) its control plane from the official Go modules, start it in
# a state dir and on ports of its own, send the corpus as dry-run creates (test/cluster/fidelity.ts,
# which rewrites docs/fidelity/<minor>.md), check the Endpoints conversion's output
# (migration.test.ts), stop it, and go on to the next even when one fails. Ends with a summary.
#
#   bash scripts/test-fidelity.sh              # all five (npm run test:fidelity-all)
#   bash scripts/test-fidelity.sh 1.34 1.36    # only these minors (npm run test:fidelity-1.34, ...)
#
# Each minor runs its latest patch release the Go module proxy serves for k8s.io/kubernetes (the
# staging modules such as k8s.io/api have later tags than the proxy holds for k8s.io/kubernetes
# itself; see docs/fidelity/README.md). Ports default to 2<minor><suffix> (1.33: apiserver 23343,
# etcd 23379-23380, controller manager 23344); ENDPOINTSLICES_APISERVER_PORT / _ETCD_PORT /
# _KCM_PORT set them for every version instead (safe: versions run one at a time), and the state
# dir is ${ENDPOINTSLICES_CLUSTER_DIR:-/tmp/endpointslices-fidelity}-<version>.
set -uo pipefail
cd "$(dirname "$0")/.."

declare -A patch=([1.33]=1.33.13 [1.34]=1.34.4 [1.35]=1.35.4 [1.36]=1.36.3 [1.37]=1.37.2)
minors=("$@")
[ ${#minors[@]} -gt 0 ] || minors=(1.33 1.34 1.35 1.36 1.37)
for minor in "${minors[@]}"; do
  [ -n "${patch[$minor]:-}" ] || { echo "test-fidelity: no such minor: $minor (1.33 … 1.37)" >&2; exit 2; }
done

state_base="${ENDPOINTSLICES_CLUSTER_DIR:-/tmp/endpointslices-fidelity}"
apiserver_port="${ENDPOINTSLICES_APISERVER_PORT:-}"
etcd_port="${ENDPOINTSLICES_ETCD_PORT:-}"
kcm_port="${ENDPOINTSLICES_KCM_PORT:-}"

# Make sure the compiled suite is there when this script runs alone.
[ -f out/test/cluster/fidelity.js ] || npx tsc -b

# run_version MINOR: one version end to end in a subshell, so its environment and its trap stay its own.
run_version() (
  set -euo pipefail
  local minor="$1" n="${1#1.}"
  export K8S_VERSION="${patch[$minor]}"
  export ENDPOINTSLICES_CLUSTER_DIR="$state_base-$K8S_VERSION"
  export ENDPOINTSLICES_APISERVER_PORT="${apiserver_port:-2${n}43}"
  export ENDPOINTSLICES_ETCD_PORT="${etcd_port:-2${n}79}"
  export ENDPOINTSLICES_KCM_PORT="${kcm_port:-2${n}44}"
  source cluster/lib.sh

  local started=$(date +%s)
  bash cluster/build.sh >&2
  echo "control-plane binaries for v$ES_VERSION ready in $(( $(date +%s) - started ))s"
  local kubeconfig
  kubeconfig="$(bash cluster/up.sh)"
  [ "${ENDPOINTSLICES_KEEP_CLUSTER:-}" = "1" ] || trap 'bash cluster/down.sh >/dev/null 2>&1 || true' EXIT
  # Both run even when the first fails, so one run shows everything that disagrees.
  local failed=0
  node out/test/cluster/fidelity.js --version "$minor" --server-version "$ES_VERSION" \
    --kubeconfig "$kubeconfig" --dryrun "$ES_BIN/dryrun" || failed=1
  KUBECONFIG="$kubeconfig" ENDPOINTSLICES_DRYRUN="$ES_BIN/dryrun" node --test out/test/cluster/migration.test.js \
    || failed=1
  return "$failed"
)

summary=()
failed=0
for minor in "${minors[@]}"; do
  echo "=== fidelity against kube-apiserver v${patch[$minor]}"
  log="$(mktemp)"
  started=$(date +%s)
  run_version "$minor" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  line="$(grep -E "^fidelity $minor: " "$log" | tail -1)"
  summary+=("v${patch[$minor]}: ${line:-no fidelity result} ($( [ "$status" = 0 ] && echo ok || echo "FAILED, exit $status" ), $(( $(date +%s) - started ))s)")
  [ "$status" = 0 ] || failed=$((failed + 1))
  rm -f "$log"
done

echo
echo "=== fidelity summary (reports in docs/fidelity/)"
printf '%s\n' "${summary[@]}"
echo "$(( ${#minors[@]} - failed )) of ${#minors[@]} versions passed"
[ "$failed" = 0 ]
