#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 server + web workbench) into a cache folder,
# offline: only the npm registry and Debian packages are reachable. The e2e suite and `npm start`
# call this; a finished install leaves a stamp, so a second run takes about a second.
#
# Why not a plain `npm install code-server`: its postinstall runs `npm install` in lib/vscode,
# where @vscode/ripgrep downloads a binary from the internet and fails. So scripts are skipped and
# the postinstall's steps are done here by hand (shared/notes/vscode-offline.md has the facts).
# 4.100.3 is the newest release whose engines ask for Node 20; newer ones need Node 22 or 24.
#
# Usage: bash scripts/e2e/install-code-server.sh        prints the install dir on the last line
set -euo pipefail

version=4.100.3
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/endpointslices-e2e"
dir="$cache_root/code-server-$version"
stamp="$dir/.installed"
start=$SECONDS

say() { printf '[install-code-server %3ds] %s\n' $((SECONDS - start)) "$*" >&2; }

# Debian packages: headers the native modules build against (kerberos needs gssapi.h), ripgrep
# for VS Code's search (replacing the download), and the browser the tests drive. They are
# checked even when the stamp exists, because a machine can keep the cache but lose packages.
debian_packages=(libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config libx11-dev ripgrep chromium
  build-essential python3 unzip)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q '^install ok installed$' ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# Two suites starting at once (npm test and npm start, say) must not install over each other.
mkdir -p "$cache_root"
exec 9> "$cache_root/.install.lock"
flock 9

if [ -f "$stamp" ]; then
  say "code-server $version already installed in $dir"
  echo "$dir"
  exit 0
fi

# A half-finished install (interrupted, or a step failed) is thrown away rather than repaired:
# the steps are not individually idempotent, and starting over is what the stamp promises.
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
# A private package.json keeps npm from walking up into some other project.
echo '{ "name": "endpointslices-e2e-code-server", "private": true }' > package.json

# npm runs with no audit/fund noise and without the project's own npmrc getting in the way.
npm_quiet=(--no-audit --no-fund --loglevel=error)

say "npm install code-server@$version --ignore-scripts"
npm install "${npm_quiet[@]}" --ignore-scripts "code-server@$version" > /dev/null

vscode="$dir/node_modules/code-server/lib/vscode"
say "lib/vscode: npm install --omit=dev --ignore-scripts"
(cd "$vscode" && npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts > /dev/null)

# @vscode/ripgrep's postinstall downloads rg unless bin/ already exists; Debian's rg stands in.
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"

# Builds the native modules (node-pty, kerberos, spdlog, …). node-pty's install calls
# `npx node-gyp`, which would stop at a prompt without npm_config_yes.
say "lib/vscode: npm rebuild (native modules; about a minute on 2 cores)"
(cd "$vscode" && npm_config_yes=true npm rebuild "${npm_quiet[@]}" > /dev/null)

# What code-server's own postinstall does after the lib/vscode install.
say "postinstall links and built-in extensions' dependencies"
ln -sfn node_modules "$vscode/node_modules.asar"
ln -sf code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sf browser-linux.sh "$vscode/bin/helpers/browser.sh"
(cd "$vscode/extensions" && npm install "${npm_quiet[@]}" --omit=dev > /dev/null)

# argon2 (password hashing) is loaded at start even with --auth none; --ignore-scripts left it
# without its binding.
say "npm rebuild argon2"
(cd "$dir" && npm rebuild "${npm_quiet[@]}" argon2 > /dev/null)

node "$dir/node_modules/code-server/out/node/entry.js" --version > /dev/null
touch "$stamp"
say "code-server $version installed in $dir ($((SECONDS - start)) s)"
echo "$dir"
