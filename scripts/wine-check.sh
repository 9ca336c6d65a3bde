#!/usr/bin/env bash
# Tries frontdesk.exe for real under Debian's wine, beside the Linux
# build: its icon and version resources, `version`, a demo practice and
# its exports (patients and appointments CSV, iCalendar, FHIR) compared
# byte for byte with the Linux build's, a usage error's exit code, every
# screen in screenshot mode under Xvfb, and the first start proposing
# the time zone Windows is set to. Needs ./frontdesk and ./frontdesk.exe
# (`make wine-check` builds them). The screenshots stay in out/wine for
# a person to look at.
#
# The wine prefix is made afresh in a temporary folder each run (the
# slowest step) and removed at the end, with the wine server it started.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x frontdesk ] && [ -f frontdesk.exe ] || { echo "wine-check.sh: build ./frontdesk and ./frontdesk.exe first (make build windows)" >&2; exit 1; }

start=$SECONDS
work=$(mktemp -d)
out=out/wine
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer prompts while the prefix is made.
export WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf 'wine-check: %4d s  %s\n' $((SECONDS - start)) "$*"; }
fail() { echo "wine-check.sh: $*" >&2; exit 1; }
# win runs frontdesk.exe; paths inside the temporary folder are given
# on wine's drive Z:, which is the Linux root.
win() { wine ./frontdesk.exe "$@"; }
screens() { xvfb-run -a -s "-screen 0 1366x768x24" "$@"; }
# same fails unless two files are identical, showing the first lines
# that differ.
same() {
  cmp -s "$1" "$2" || { diff "$1" "$2" | head -20 >&2; fail "$3: the Windows build's differs from the Linux build's"; }
}

step "resources: icon and version"
field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
version="$(field Version).$(field Build)"
go run github.com/tc-hib/go-winres@v0.3.3 extract --dir="$work/res" frontdesk.exe
grep -q "\"FileVersion\": \"$version\"" "$work/res/winres.json" || fail "frontdesk.exe does not carry version $version"
icon=$(ls "$work"/res/*.ico 2>/dev/null | head -1)
[ -n "$icon" ] || fail "frontdesk.exe carries no icon"
convert assets/icon.png -resize 256x256 "$work/icon256.png"
# RMSE normalised to 0..1 between the largest icon and assets/icon.png.
rmse=$(compare -metric RMSE "$icon[0]" "$work/icon256.png" null: 2>&1 | sed 's/.*(\(.*\)).*/\1/' || true)
awk -v r="$rmse" 'BEGIN { exit !(r != "" && r < 0.02) }' || fail "the icon of frontdesk.exe is not assets/icon.png (RMSE $rmse)"

step "wine prefix (made afresh)"
wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot failed"; }
wineserver -w
# Go ≥ 1.22 needs bcryptprimitives.dll's ProcessPrng, which Debian's wine
# 8 lacks: a test-only stand-in (scripts/wine/bcryptprimitives.c).
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def

step "version"
[ "$(win version | tr -d '\r')" = "$(./frontdesk version)" ] || fail "frontdesk.exe version: $(win version)"

step "demo practice, both builds, the same seed"
demo=(--patients 60 --days 10 --practitioners 2 --seed 7)
./frontdesk demo --data "$work/linux" "${demo[@]}" >/dev/null
win demo --data "Z:$work/windows" "${demo[@]}" >/dev/null

step "exports compared byte for byte"
for kind in patients appointments; do
  ./frontdesk export "$kind" -o "$work/linux.$kind.csv" --data "$work/linux"
  win export "$kind" -o "Z:$work/windows.$kind.csv" --data "Z:$work/windows"
  same "$work/linux.$kind.csv" "$work/windows.$kind.csv" "export $kind"
done
./frontdesk export ics --from 2026-01-01 --to 2029-12-31 -o "$work/linux.ics" --data "$work/linux"
win export ics --from 2026-01-01 --to 2029-12-31 -o "Z:$work/windows.ics" --data "Z:$work/windows"
same "$work/linux.ics" "$work/windows.ics" "export ics"
./frontdesk export fhir -o "$work/linux.json" --data "$work/linux"
win export fhir -o "Z:$work/windows.json" --data "Z:$work/windows"
# The Bundle's timestamp is the moment of the export: the rest must match.
for f in linux windows; do
  sed 's/"timestamp":"[^"]*"/"timestamp":"…"/' "$work/$f.json" >"$work/$f.cmp.json"
done
same "$work/linux.cmp.json" "$work/windows.cmp.json" "export fhir"

step "a usage error's exit code"
code() { "$@" >/dev/null 2>&1 && echo 0 || echo $?; }
linux_code=$(code ./frontdesk export nonsense)
windows_code=$(code win export nonsense)
[ "$linux_code" = 2 ] && [ "$windows_code" = 2 ] || fail "export nonsense exits with $windows_code on Windows, $linux_code on Linux (2 expected)"

step "screenshot mode under Xvfb"
rm -rf "$out" && mkdir -p "$out"
screens ./frontdesk --data "$work/linux" --screenshots "$work/linux-shots" >"$work/linux-shots.log" 2>&1 \
  || { cat "$work/linux-shots.log" >&2; fail "screenshot mode of the Linux build failed"; }
screens wine ./frontdesk.exe --data "Z:$work/windows" --screenshots "Z:$PWD/$out/screens" >"$work/windows-shots.log" 2>&1 \
  || { cat "$work/windows-shots.log" >&2; fail "screenshot mode of frontdesk.exe failed"; }
[ "$(ls "$work/linux-shots")" = "$(ls "$out/screens")" ] || fail "frontdesk.exe wrote other screens than the Linux build: $(ls "$out/screens" | tr '\n' ' ')"
for png in "$out"/screens/*.png; do
  [ "$(identify -format %wx%h "$png")" = 1366x768 ] || fail "$png is not a full 1366x768 screen"
done

step "first start proposes the zone Windows is set to"
# Wine sets Windows' zone from the Linux one; TZ is then removed inside
# Windows so that the desk reads the zone from the registry, as on a real
# Windows computer. Screenshot mode of an empty folder captures the
# first-start form and exits with 1; the desk's log says what it proposed.
wineserver -w  # a new wine server, started with this TZ
status=0
TZ=Australia/Sydney screens wine cmd /c "set TZ=&& frontdesk.exe --data Z:$work/empty --screenshots Z:$PWD/$out/first-start" \
  >"$work/first-start.log" 2>&1 || status=$?
[ "$status" = 1 ] && [ -f "$out/first-start/first-start.png" ] \
  || { cat "$work/first-start.log" >&2; fail "no first-start screen (exit $status)"; }
grep -q "setup: proposing the time zone Australia/Sydney " "$work/empty/frontdesk.log" || {
  registry=$(TZ=Australia/Sydney wine reg query 'HKLM\SYSTEM\CurrentControlSet\Control\TimeZoneInformation' /v TimeZoneKeyName | tr -d '\r')
  fail "the first start did not propose Australia/Sydney: $(grep 'setup: proposing' "$work/empty/frontdesk.log"); Windows' zone: $registry"
}

step "passed; the screens are in $out"
