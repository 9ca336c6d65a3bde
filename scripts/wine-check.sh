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
# Wine is slow to start, not to run: making the prefix takes about a
# minute, and every wine command that finds no wine server running
# starts one (with its services) again. So the prefix is made once, in a
# temporary folder, while the Linux build does its half of the work; one
# persistent wine server and one Xvfb serve every Windows command; and
# everything is removed at the end. Nothing of this machine's wine setup
# (~/.wine) is read or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x frontdesk ] && [ -f frontdesk.exe ] || { echo "wine-check.sh: build ./frontdesk and ./frontdesk.exe first (make build windows)" >&2; exit 1; }

start=$SECONDS
work=$(mktemp -d)
out=out/wine
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer prompts while the prefix is made.
export WINEDLLOVERRIDES="mscoree,mshtml="
# Windows' zone is set from the Linux one when the prefix is made: a
# zone far from the practice's (Paris), so that an export leaning on the
# computer's clock instead of the practice's differs from Linux's, and
# so that the first start has a zone to propose.
zone=Australia/Sydney
xvfb_pid=
boot_pid=
cleanup() {
  [ -n "$boot_pid" ] && kill "$boot_pid" 2>/dev/null
  wineserver -k 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf 'wine-check: %4d s  %s\n' $((SECONDS - start)) "$*"; }
fail() { echo "wine-check.sh: $*" >&2; exit 1; }
# win runs frontdesk.exe; wine gives Windows the zone of its TZ. Paths
# inside the temporary folder are given on wine's drive Z:, which is the
# Linux root.
win() { TZ=$zone wine ./frontdesk.exe "$@"; }
# same fails unless two files are identical, showing the first lines
# that differ.
same() {
  cmp -s "$1" "$2" || { diff "$1" "$2" | head -20 >&2; fail "$3: the Windows build's differs from the Linux build's"; }
}

# One X server for the whole run, on a display number it chooses.
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { cat "$work/xvfb.log" >&2; fail "Xvfb did not start"; }
export DISPLAY=":$(head -1 "$work/display")"

step "wine prefix (made afresh, in the background)"
# -p: the server stays up between commands until cleanup stops it.
mkdir "$WINEPREFIX"
TZ=$zone wineserver -p
(TZ=$zone wineboot -i >"$work/wineboot.log" 2>&1) &
boot_pid=$!

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

step "the Linux build's half: a demo practice, its exports, its screens"
demo=(--patients 60 --days 10 --practitioners 2 --seed 7)
./frontdesk demo --data "$work/linux" "${demo[@]}" >/dev/null
for kind in patients appointments; do
  ./frontdesk export "$kind" -o "$work/linux.$kind.csv" --data "$work/linux"
done
./frontdesk export ics --from 2026-01-01 --to 2029-12-31 -o "$work/linux.ics" --data "$work/linux"
./frontdesk export fhir -o "$work/linux.json" --data "$work/linux"
./frontdesk --data "$work/linux" --screenshots "$work/linux-shots" >"$work/linux-shots.log" 2>&1 \
  || { cat "$work/linux-shots.log" >&2; fail "screenshot mode of the Linux build failed"; }

step "waiting for the wine prefix"
wait "$boot_pid" || { cat "$work/wineboot.log" >&2; fail "wineboot failed"; }
boot_pid=
# Go ≥ 1.22 needs bcryptprimitives.dll's ProcessPrng, which Debian's wine
# 8 lacks: a test-only stand-in (scripts/wine/bcryptprimitives.c).
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def

step "version"
[ "$(win version | tr -d '\r')" = "$(./frontdesk version)" ] || fail "frontdesk.exe version: $(win version)"

step "demo practice, the same seed, and its exports compared byte for byte"
win demo --data "Z:$work/windows" "${demo[@]}" >/dev/null
for kind in patients appointments; do
  win export "$kind" -o "Z:$work/windows.$kind.csv" --data "Z:$work/windows"
  same "$work/linux.$kind.csv" "$work/windows.$kind.csv" "export $kind"
done
win export ics --from 2026-01-01 --to 2029-12-31 -o "Z:$work/windows.ics" --data "Z:$work/windows"
same "$work/linux.ics" "$work/windows.ics" "export ics"
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

step "screenshot mode"
rm -rf "$out" && mkdir -p "$out"
win --data "Z:$work/windows" --screenshots "Z:$PWD/$out/screens" >"$work/windows-shots.log" 2>&1 \
  || { cat "$work/windows-shots.log" >&2; fail "screenshot mode of frontdesk.exe failed"; }
[ "$(ls "$work/linux-shots")" = "$(ls "$out/screens")" ] || fail "frontdesk.exe wrote other screens than the Linux build: $(ls "$out/screens" | tr '\n' ' ')"
# Each screen has the size of the Linux build's (full 1366x768 screens,
# and the few dialogs shot alone at their own size).
for png in "$out"/screens/*.png; do
  want=$(identify -format %wx%h "$work/linux-shots/$(basename "$png")")
  [ "$(identify -format %wx%h "$png")" = "$want" ] || fail "$png is $(identify -format %wx%h "$png"), the Linux build's is $want"
done
[ "$(identify -format %wx%h "$out/screens/calendar.png")" = 1366x768 ] || fail "the screens of frontdesk.exe are not 1366x768"

step "first start proposes the zone Windows is set to"
# Screenshot mode of an empty folder captures the first-start form and
# exits with 1; the desk's log says what it proposed.
# TZ is removed inside Windows, so that the desk reads the zone from the
# registry, as on a real Windows computer.
status=0
TZ=$zone wine cmd /c "set TZ=&& frontdesk.exe --data Z:$work/empty --screenshots Z:$PWD/$out/first-start" \
  >"$work/first-start.log" 2>&1 || status=$?
[ "$status" = 1 ] && [ -f "$out/first-start/first-start.png" ] \
  || { cat "$work/first-start.log" >&2; fail "no first-start screen (exit $status)"; }
grep -q "setup: proposing the time zone $zone " "$work/empty/frontdesk.log" || {
  registry=$(TZ=$zone wine reg query 'HKLM\SYSTEM\CurrentControlSet\Control\TimeZoneInformation' /v TimeZoneKeyName | tr -d '\r')
  fail "the first start did not propose $zone: $(grep 'setup: proposing' "$work/empty/frontdesk.log"); Windows' zone: $registry"
}

step "passed; the screens are in $out"
