#!/usr/bin/env bash
# End-to-end smoke test of the local cluster tooling:
# build -> up -> seed -> checks -> down. Runs in its own state dir and ports by
# default, so it never disturbs a cluster a developer or another test has up.
#   cluster/smoke.sh                     # default version
#   K8S_VERSION=1.35.4 cluster/smoke.sh
# Ends with the plain "N passed, N failed" line; exit code 1 if anything failed.
set -uo pipefail
export ENDPOINTSLICES_CLUSTER_DIR="${ENDPOINTSLICES_CLUSTER_DIR:-/tmp/endpointslices-smoke}"
export ENDPOINTSLICES_APISERVER_PORT="${ENDPOINTSLICES_APISERVER_PORT:-18443}"
export ENDPOINTSLICES_ETCD_PORT="${ENDPOINTSLICES_ETCD_PORT:-14379}"
export ENDPOINTSLICES_KCM_PORT="${ENDPOINTSLICES_KCM_PORT:-18444}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

passed=0 failed=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}" >/dev/null 2>&1; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1"; fi
}
trap 'bash "$ES_ROOT/down.sh" >/dev/null 2>&1' EXIT

t0=$(date +%s)
bash "$ES_ROOT/build.sh" >&2 || { echo "build failed"; exit 1; }
t1=$(date +%s)
bash "$ES_ROOT/up.sh" >/dev/null || { echo "up failed"; exit 1; }
t2=$(date +%s)
seed_out="$(bash "$ES_ROOT/seed.sh" 2>&1)"; seed_rc=$?
t3=$(date +%s)
echo "build $((t1 - t0))s, up $((t2 - t1))s, seed $((t3 - t2))s (v$ES_VERSION)"

row() { echo "$seed_out" | awk -v ns="$1" -v svc="$2" '$1==ns && $2==svc {print $3, $4, $5, $6}'; }
check "seed exits 0" test "$seed_rc" = 0
check "big: 2 slices, 120 ready" test "$(row demo-large big)" = "2 120 0 0"
check "frontend: 3 ready" test "$(row demo-web frontend)" = "1 3 0 0"
check "api: one not ready" test "$(row demo-web api)" = "1 3 1 0"
check "legacy: one terminating" test "$(row demo-web legacy)" = "1 2 0 1"
check "external-db: IPv4 + IPv6 slices" test "$(row demo-external external-db)" = "2 3 1 0"
check "legacy-backend: mirrored slice" test "$(row demo-external legacy-backend)" = "1 2 1 0"

as_restricted() { # HTTP code of a GET as the restricted user
  curl -s -o /dev/null -w '%{http_code}' --cacert "$ES_STATE/pki/ca.crt" \
    --cert "$ES_STATE/pki/restricted.crt" --key "$ES_STATE/pki/restricted.key" "https://127.0.0.1:$ES_APISERVER_PORT$1"
}
check "restricted: slices in demo-restricted" test "$(as_restricted /apis/discovery.k8s.io/v1/namespaces/demo-restricted/endpointslices)" = 200
check "restricted: pods in demo-restricted" test "$(as_restricted /api/v1/namespaces/demo-restricted/pods)" = 200
check "restricted: 403 in demo-web" test "$(as_restricted /apis/discovery.k8s.io/v1/namespaces/demo-web/endpointslices)" = 403
check "restricted: 403 cluster-wide" test "$(as_restricted /apis/discovery.k8s.io/v1/endpointslices)" = 403
check "restricted: 403 secrets" test "$(as_restricted /api/v1/namespaces/demo-restricted/secrets)" = 403

dry="$(bash "$ES_ROOT/dryrun/dryrun.sh" "$ES_ROOT/dryrun/testdata")"
line() { echo "$dry" | grep "\"file\":\"$1\",\"index\":$2,"; }
check "dryrun: base slice accepted" grep -q '"status":"accepted","code":201' <<<"$(line endpointslice.yaml 0)"
check "dryrun: addressType ipv4 -> 422" grep -q '"code":422' <<<"$(line endpointslice.yaml 1)"
check "dryrun: addressType ipv4 -> NotSupported cause" grep -q '{"field":"addressType","reason":"FieldValueNotSupported"' <<<"$(line endpointslice.yaml 1)"
check "dryrun: Endpoints deprecation warning" grep -q '"warnings":\["v1 Endpoints is deprecated' <<<"$(line endpoints.yaml 0)"
check "dryrun: unknown field -> 400" grep -q '"status":"decode-error","code":400' <<<"$(line endpoints.yaml 1)"
check "dryrun: unknown kind -> not-found" grep -q '"status":"not-found"' <<<"$(line other.yaml 0)"

check "audit log: dry-run requests recorded" grep -q 'dryRun=All' "$ES_AUDIT_LOG"
check "audit log: endpointslice-controller writes" grep -q '"username":"system:serviceaccount:kube-system:endpointslice-controller"' "$ES_AUDIT_LOG"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
