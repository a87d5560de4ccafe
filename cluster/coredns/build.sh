#!/usr/bin/env bash
# Build CoreDNS (github.com/coredns/coredns, the version go.mod pins) with only the
# plugins main.go imports, into  $ENDPOINTSLICES_CACHE_DIR/coredns-<version>/bin/coredns
# (default cache: ${XDG_CACHE_HOME:-$HOME/.cache}/endpointslices-cluster).
# Prints the binary's path on stdout; progress goes to stderr.
#
# Skipped when the binary exists and was built from the same go.sum + main.go
# (a stamp file holds their hash), so calling it before every run costs ~0.1 s.
# A cold build is ~100 s on 2 cores; it runs under `nice` and is bounded by
# ENDPOINTSLICES_COREDNS_BUILD_TIMEOUT seconds (default 900) so a stuck download
# or an overloaded machine fails the step instead of hanging the test run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's/^\(require\)\{0,1\}[[:space:]]*github.com\/coredns\/coredns v\([^ ]*\).*/\2/p' "$here/go.mod" | head -n1)"
[ -n "$version" ] || { echo "coredns/build.sh: no github.com/coredns/coredns line in go.mod" >&2; exit 1; }
cache_root="${ENDPOINTSLICES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/endpointslices-cluster}"
bindir="$cache_root/coredns-$version/bin"
bin="$bindir/coredns"
stamp="$bindir/.stamp"
log() { printf '[coredns-build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

command -v go >/dev/null || { echo "coredns/build.sh: 'go' not found in PATH" >&2; exit 1; }
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

want="$(cat "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)"
if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bindir"
# One build per binary folder at a time: `npm start` and `npm test` (or two worktrees) may ask for
# the same version together, and the second then waits and finds the binaries built.
exec 8> "$bindir/.build.lock"
flock 8
start_ts=$(date +%s)
log "building CoreDNS v$version (cold: ~100 s on 2 cores)"
cd "$here"
tmp="$bindir/.coredns.tmp.$$"
# -mod=readonly: the committed go.sum must be complete, never silently changed.
timeout "${ENDPOINTSLICES_COREDNS_BUILD_TIMEOUT:-900}" \
  nice -n 10 go build -mod=readonly -trimpath -ldflags "-s -w" -o "$tmp" .
mv "$tmp" "$bin"
echo "$want" > "$stamp"
log "done in $(( $(date +%s) - start_ts ))s: $bin"
echo "$bin"
