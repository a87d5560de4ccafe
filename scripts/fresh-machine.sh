#!/usr/bin/env bash
# Runs the README's two commands the way a new user's machine meets them: a fresh clone of the
# committed tree, with every cache this project fills empty (npm's, Go's build and module caches,
# and XDG_CACHE_HOME, which holds code-server and the control-plane binaries). CI's machine is
# warm, so this is the only check that a cold one works. It takes 20 to 30 minutes on 2 cores.
#
#   bash scripts/fresh-machine.sh            npm ci && npm test, then npm ci && npm start
#   bash scripts/fresh-machine.sh test       only the test command
#   bash scripts/fresh-machine.sh start      only the start command (stopped once VS Code answers)
#
# REF=<commit> picks what to clone (default HEAD; uncommitted changes are not part of it).
# KEEP=1 keeps the scratch folder. The local cluster gets its own state folder and ports, so a
# cluster a developer has running is left alone. The last lines say how long each command took.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-both}"
case "$mode" in both | test | start) ;; *)
  echo "usage: bash scripts/fresh-machine.sh [both|test|start]" >&2
  exit 2
  ;;
esac

scratch="$(mktemp -d /tmp/endpointslices-fresh.XXXXXX)"
cleanup() {
  # The cluster this run started is stopped even when a command failed half-way.
  (cd "$scratch/clone" 2> /dev/null && bash cluster/down.sh > /dev/null 2>&1) || true
  if [ "${KEEP:-}" = "1" ]; then
    echo "scratch kept: $scratch"
  else
    rm -rf "$scratch"
  fi
}
trap cleanup EXIT

export XDG_CACHE_HOME="$scratch/cache"
export GOCACHE="$scratch/go-build"
export GOMODCACHE="$scratch/go-mod"
export npm_config_cache="$scratch/npm-cache"
export ENDPOINTSLICES_CLUSTER_DIR="$scratch/cluster"
export ENDPOINTSLICES_APISERVER_PORT=26443 ENDPOINTSLICES_ETCD_PORT=26379 ENDPOINTSLICES_KCM_PORT=26444
mkdir -p "$XDG_CACHE_HOME" "$GOCACHE" "$GOMODCACHE" "$npm_config_cache"

git clone --quiet --no-local "$repo" "$scratch/clone"
cd "$scratch/clone"
git checkout --quiet "${REF:-HEAD}"
echo "fresh clone of $(git rev-parse --short HEAD) in $scratch/clone, caches under $scratch"

results=()
# timed NAME COMMAND...: runs one of the README's commands, its output teed to a log, and
# records its wall time and outcome.
timed() {
  local name="$1" began=$SECONDS status=0
  shift
  "$@" 2>&1 | tee "$scratch/$name.log" || status=$?
  results+=("$name: exit $status after $(((SECONDS - began) / 60)) min $(((SECONDS - began) % 60)) s")
  return "$status"
}

# `npm start` serves VS Code until Ctrl-C: here it runs until the workbench answers, then gets the
# Ctrl-C a user would send, and the clone must be as it was before (the demo is disposable).
start_until_served() {
  npm ci --no-audit --no-fund
  # What `npm test` wrote before (the fidelity step refreshes docs/fidelity/) is not the demo's.
  local before
  before="$(git status --porcelain)"
  # Its own process group, so the Ctrl-C below reaches every process, as a terminal's would.
  setsid npm start > "$scratch/start-output.log" 2>&1 &
  local pid=$! url=""
  for _ in $(seq 1 2400); do
    url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/\?folder=[^ ]*' "$scratch/start-output.log" | head -1 || true)"
    [ -n "$url" ] && curl -fsS -o /dev/null "$url" && break
    kill -0 "$pid" 2> /dev/null || break
    url=""
    sleep 1
  done
  cat "$scratch/start-output.log"
  if [ -z "$url" ]; then
    echo "npm start: VS Code never answered" >&2
    kill -INT -- "-$pid" 2> /dev/null || true
    wait "$pid" || true
    return 1
  fi
  echo "npm start: VS Code answers at $url"
  kill -INT -- "-$pid"
  wait "$pid" || true
  cat "$scratch/start-output.log" | tail -n 3
  local after
  after="$(git status --porcelain)"
  if [ "$after" != "$before" ]; then
    printf 'npm start left changes in the clone:\n%s\n' "$(diff <(echo "$before") <(echo "$after"))" >&2
    return 1
  fi
}

status=0
if [ "$mode" != start ]; then
  timed "npm-ci-and-test" bash -c 'npm ci --no-audit --no-fund && npm test' || status=1
fi
if [ "$mode" != test ]; then
  timed "npm-ci-and-start" start_until_served || status=1
fi
echo
echo "=== fresh machine ($(nproc) cores, $(date -u +%Y-%m-%d))"
printf '%s\n' "${results[@]}"
[ "$mode" = start ] || grep -E '^total: ' "$scratch/npm-ci-and-test.log" || true
exit "$status"
