#!/usr/bin/env bash
# Writes rsrc_windows_amd64.syso beside main.go: the icon (from
# assets/icon.png), the version and the names of frontdesk.exe (from
# FyneApp.toml), and a manifest for a GUI program, as Windows resources
# that `go build` links into the Windows build only. The file is made at
# each build, never committed, so the icon and version cannot drift from
# their sources. go-winres is run at a fixed version from the Go module
# proxy, like staticcheck in `make lint`.
set -euo pipefail
cd "$(dirname "$0")/.."

field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
name=$(field Name)
version=$(field Version)
build=$(field Build)
[ -n "$name" ] && [ -n "$version" ] && [ -n "$build" ] || { echo "winres.sh: FyneApp.toml lacks Name, Version or Build" >&2; exit 1; }

go run github.com/tc-hib/go-winres@v0.3.3 simply \
  --arch amd64 --out rsrc --manifest gui \
  --icon assets/icon.png \
  --product-name "$name" --file-description "$name, the desk of a small medical practice" \
  --product-version "$version.$build" --file-version "$version.$build" \
  --original-filename frontdesk.exe
echo "rsrc_windows_amd64.syso: $name $version.$build with assets/icon.png"
