#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) and Debian's
# chromium for the in-editor and browser tests, following /work/shared/E2E.md.
# code-server's own postinstall fails offline, so the install is done in steps.
#
# Idempotent: the finished install is cached in .vscode-test/code-server-4.100.3 (ignored by git),
# marked complete by .vscode-test/code-server-4.100.3/.installed; a half-finished install is redone.
# Only npm and Debian are used. Works as root without stdin (CI), or with sudo.
#
#   bash scripts/install-code-server.sh          install if missing, print where it is
#   bash scripts/install-code-server.sh --force  reinstall code-server
set -euo pipefail

VERSION=4.100.3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PREFIX="$ROOT/.vscode-test/code-server-$VERSION"
MARKER="$PREFIX/.installed"
START=$(date +%s)

log() { printf '[install-code-server %3ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }

# --- 1. Debian packages (only when missing) ------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if ! sudo -n true 2>/dev/null; then
      echo "install-code-server: missing Debian packages: ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root." >&2
      exit 1
    fi
    SUDO="sudo -n"
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "Debian packages installed"
else
  log "Debian packages present (chromium, ripgrep, libkrb5-dev)"
fi

if [ "${1:-}" = "--force" ]; then rm -rf "$PREFIX"; fi

if [ -f "$MARKER" ] && [ -x "$PREFIX/node_modules/.bin/code-server" ]; then
  log "code-server $VERSION cached at $PREFIX"
  exit 0
fi

# --- 2. environment ---------------------------------------------------------------------------
export npm_config_unsafe_perm=true   # code-server refuses to install as root without it
export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`, which would prompt
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_loglevel=error

rm -rf "$PREFIX"
mkdir -p "$PREFIX"
# A package.json of its own, so npm never walks up into the repository's.
printf '{ "name": "code-server-cache", "private": true }\n' > "$PREFIX/package.json"

# --- 3. code-server without its scripts, then the one native module it needs itself ------------
log "npm install code-server@$VERSION (--ignore-scripts)"
npm install --prefix "$PREFIX" --ignore-scripts --no-save "code-server@$VERSION" >/dev/null
(cd "$PREFIX" && npm rebuild argon2 >/dev/null)
log "code-server package installed"

# --- 4. VS Code inside code-server ----------------------------------------------------------------
VSC="$PREFIX/node_modules/code-server/lib/vscode"
log "npm install in lib/vscode (--omit=dev --ignore-scripts)"
(cd "$VSC" && npm install --omit=dev --ignore-scripts >/dev/null)
# @vscode/ripgrep's postinstall downloads rg from GitHub unless bin/ exists: give it Debian's.
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSC/node_modules/@vscode/ripgrep/bin/rg"
log "npm rebuild in lib/vscode (kerberos, spdlog, node-pty, native-watchdog, deviceid)"
(cd "$VSC" && npm rebuild >/dev/null)
ln -sfn node_modules "$VSC/node_modules.asar"
ln -sfn code-linux.sh "$VSC/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VSC/bin/helpers/browser.sh"
log "npm install in lib/vscode/extensions (--omit=dev)"
(cd "$VSC/extensions" && npm install --omit=dev >/dev/null)

# --- 5. check and mark as complete ------------------------------------------------------------------
# (with XDG_* in a temp folder: code-server writes a default config file on every start)
tmp=$(mktemp -d)
XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_CACHE_HOME=$tmp \
  "$PREFIX/node_modules/.bin/code-server" --version | grep -E '^[0-9]' | sed 's/^/code-server /'
rm -rf "$tmp"
date -u +%FT%TZ > "$MARKER"
log "done: $PREFIX ($(du -sh "$PREFIX" | cut -f1))"
