#!/usr/bin/env bash
# Build the local control plane binaries for one Kubernetes version:
#   etcd, kube-apiserver, kube-controller-manager  (upstream Go modules)
#   fakelet, seed, dryrun                           (ours, cluster/go/cmd/*)
# into  $ENDPOINTSLICES_CACHE_DIR/<version>/bin/
# (default cache: ${XDG_CACHE_HOME:-$HOME/.cache}/endpointslices-cluster).
#
#   K8S_VERSION=1.37.2 cluster/build.sh      # default version, uses committed go.mod/go.sum
#   K8S_VERSION=1.35.4 cluster/build.sh      # any other: go.mod generated from the template
#
# Already-built upstream binaries are skipped (keyed by version + go.sum hash);
# our own small tools are rebuilt only when their sources are newer.
# A cold build is CPU-heavy (kube-apiserver is ~1 GB of Go packages), so it runs
# under `nice` to leave the machine usable for editors/tests running alongside.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gosrc="$here/go"
# The version whose go.mod/go.sum are committed in cluster/go (reproducible builds).
default_version="$(sed -n 's/^\/\/ GENERATED .* for Kubernetes v\([0-9.]*\)\.$/\1/p' "$gosrc/go.mod")"
version="${K8S_VERSION:-$default_version}"
version="${version#v}"
cache_root="${ENDPOINTSLICES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/endpointslices-cluster}"
bindir="$cache_root/$version/bin"
mkdir -p "$bindir"
# One build per binary folder at a time: `npm start` and `npm test` (or two worktrees) may ask for
# the same version together, and the second then waits and finds the binaries built.
exec 8> "$bindir/.build.lock"
flock 8

log() { printf '[build %s %s] %s\n' "$version" "$(date +%H:%M:%S)" "$*"; }
start_ts=$(date +%s)

command -v go >/dev/null || { echo "build.sh: 'go' not found in PATH (need Go >= the go line of go.mod)" >&2; exit 1; }
# If the generated go.mod asks for a newer Go than installed, let the go command
# fetch that toolchain from the module proxy (the only place we can get one).
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
# Static binaries like the official release builds; also avoids needing a C toolchain.
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

# --- choose the module directory ------------------------------------------------
if [ "$version" = "$default_version" ]; then
  moddir="$gosrc"
  # Committed go.sum must be complete: never silently change it during a build.
  modflag="-mod=readonly"
else
  # Other versions: a private copy of our sources with a generated go.mod, so the
  # committed files stay untouched and both versions can be cached side by side.
  moddir="$cache_root/$version/src"
  log "preparing module for v$version in $moddir"
  rm -rf "$moddir/cmd" "$moddir/internal"
  mkdir -p "$moddir"
  cp -rp "$gosrc/cmd" "$moddir/"
  [ -d "$gosrc/internal" ] && cp -rp "$gosrc/internal" "$moddir/"
  if [ ! -f "$moddir/go.sum" ] || [ "$gosrc/go.mod.tmpl" -nt "$moddir/go.mod" ] || [ "$gosrc/gen-gomod.sh" -nt "$moddir/go.mod" ]; then
    "$gosrc/gen-gomod.sh" "$version" "$moddir"
    log "go mod tidy (downloads modules from the proxy)"
    (cd "$moddir" && nice -n 10 go mod tidy)
  fi
  modflag="-mod=mod"
fi
cd "$moddir"

minor="${version#*.}"; minor="${minor%%.*}"
# Version stamping as done by upstream's hack/lib/version.sh, so /version and
# `kubectl version` report the real release instead of v0.0.0-master.
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=v$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

# --- upstream binaries ------------------------------------------------------------
stamp="$bindir/.upstream-stamp"
# go.sum pins every module version (it changes whenever a dependency does); hashing
# it rather than go.mod avoids relinking ~200 MB for comment or `// indirect` edits.
want_stamp="$(printf '%s\n' "$version" "$ldflags" | cat - go.sum | sha256sum | cut -c1-16)"
if [ -x "$bindir/kube-apiserver" ] && [ -x "$bindir/kube-controller-manager" ] && [ -x "$bindir/etcd" ] \
   && [ "$(cat "$stamp" 2>/dev/null)" = "$want_stamp" ]; then
  log "upstream binaries already built (skip): $bindir"
else
  log "go mod download"
  nice -n 10 go mod download
  log "building etcd, kube-apiserver, kube-controller-manager (cold: ~5 min on 2 cores)"
  # One `go build` for all three so shared packages are compiled once and the
  # compiler runs in parallel; -o to a directory names binaries after the
  # package path, etcd's main package is go.etcd.io/etcd/server/v3 -> "server".
  tmpout="$(mktemp -d "$bindir/.tmp.XXXX")"
  nice -n 10 go build $modflag -trimpath -ldflags "$ldflags" -o "$tmpout/" \
    go.etcd.io/etcd/server/v3 \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager
  mv "$tmpout/server" "$bindir/etcd"
  mv "$tmpout/kube-apiserver" "$tmpout/kube-controller-manager" "$bindir/"
  rmdir "$tmpout"
  echo "$want_stamp" > "$stamp"
  log "upstream binaries done"
fi

# --- our tools --------------------------------------------------------------------
for tool in $(ls cmd); do
  bin="$bindir/$tool"
  if [ -x "$bin" ] && [ -z "$(find cmd internal go.mod go.sum -newer "$bin" -print -quit 2>/dev/null)" ]; then
    continue
  fi
  log "building $tool"
  nice -n 10 go build $modflag -trimpath -ldflags "$ldflags" -o "$bin" "./cmd/$tool"
done

log "done in $(( $(date +%s) - start_ts ))s: $bindir"
