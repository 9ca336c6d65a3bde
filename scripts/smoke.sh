#!/usr/bin/env bash
# Smoke test of the real program: generate a demo practice, check it,
# open the real window under Xvfb in screenshot mode, photograph the
# window with an X screenshot, and fail on any missing or blank image.
# Output stays in out/smoke for people to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

out=out/smoke
rm -rf "$out"
mkdir -p "$out"
bin=./frontdesk
[ -x "$bin" ] || { echo "smoke: build ./frontdesk first (make build)" >&2; exit 1; }

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

echo "smoke: generating a demo practice"
"$bin" demo --data "$out/data" --patients 600 --days 40 --practitioners 3 --seed 3 >"$out/demo.log" || { cat "$out/demo.log"; fail "demo generation"; }
tail -1 "$out/demo.log"
"$bin" check --data "$out/data" || fail "check of the demo practice"

# The window: screenshot mode writes one PNG per screen, then holds the
# window open for a few seconds while we take an X screenshot of it.
cat >"$out/window.sh" <<'INNER'
set -u
out=$1
"./frontdesk" --data "$out/data" --screenshots "$out/screens" >"$out/window.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "screenshots written" "$out/window.log" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.2
done
sleep 0.5
import -window root "$out/x-window.png" || echo "import failed" >>"$out/window.log"
wait $pid
echo "exit status $?" >>"$out/window.log"
INNER
xvfb-run -a -s "-screen 0 1366x768x24" bash "$out/window.sh" "$out" || true
cat "$out/window.log"
grep -q "exit status 0" "$out/window.log" || fail "screenshot mode did not exit 0"
grep -q "first frame after" "$out/window.log" || fail "no first-frame time printed"

# A PNG is blank when all its pixels are the same colour.
check_png() {
  [ -s "$1" ] || fail "missing $1"
  local sd
  sd=$(convert "$1" -format '%[fx:standard_deviation]' info:)
  awk -v sd="$sd" 'BEGIN { exit !(sd > 0.01) }' || fail "$1 is blank (standard deviation $sd)"
  local size
  size=$(identify -format '%wx%h' "$1")
  echo "smoke: $1 $size ok (standard deviation $sd)"
}
for screen in calendar day week booking waiting-room reminders patients patient-search patient-file patient-clinical patient-edit letters billing reports settings settings-practitioner; do
  check_png "$out/screens/$screen.png"
done
[ "$(identify -format '%wx%h' "$out/screens/calendar.png")" = "1366x768" ] || fail "screens are not 1366x768"
check_png "$out/x-window.png"

# The day list of a demo day: the first day from today with a booking,
# found in the appointments export. It must name that day's practitioner
# and patient, and render.
"$bin" export appointments --data "$out/data" -o "$out/appointments.csv" || fail "export appointments"
today=$(TZ=Europe/Paris date +%F)
# Columns: id,start,end,practitioner,patient,chart_number,type,status,…;
# names with commas are quoted and skipped here.
pick=$(awk -F, -v t="$today" 'NR > 1 && substr($2, 1, 10) >= t && $8 != "cancelled" && $5 ~ /^[A-Za-z][A-Za-z .-]*$/ && $0 !~ /"/ {
  print substr($2, 1, 10) "\t" $4 "\t" $5; exit }' "$out/appointments.csv")
[ -n "$pick" ] || fail "no booked day from $today in the demo"
IFS=$'\t' read -r day practitioner patient <<<"$pick"
"$bin" daylist pdf "$day" --data "$out/data" -o "$out/daylist.pdf" || fail "daylist pdf $day"
pdftotext -enc UTF-8 "$out/daylist.pdf" "$out/daylist.txt" || fail "pdftotext of the day list"
grep -qF "$practitioner" "$out/daylist.txt" || fail "the day list of $day lacks $practitioner"
grep -qF "$patient" "$out/daylist.txt" || fail "the day list of $day lacks $patient"
pdftoppm -png -r 60 "$out/daylist.pdf" "$out/daylist" || fail "pdftoppm could not render the day list"
for page in "$out"/daylist-*.png; do check_png "$page"; done
echo "smoke: day list of $day names $practitioner and $patient ($(ls "$out"/daylist-*.png | wc -l) pages)"

# The patients export: a header and one row per patient of the demo (it
# has no merged duplicates), the same bytes twice.
"$bin" export patients --data "$out/data" -o "$out/patients.csv" || fail "export patients"
"$bin" export patients --data "$out/data" -o "$out/patients2.csv" || fail "export patients (again)"
cmp -s "$out/patients.csv" "$out/patients2.csv" || fail "two exports of the same patients differ"
head -1 "$out/patients.csv" | grep -q '^chart_number,family_name,given_name,birth_date,sex,' || fail "the patients export has no header"
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))) - 1)' "$out/patients.csv")
[ "$rows" = 600 ] || fail "the patients export has $rows rows, want 600"
echo "smoke: patients export of $rows rows, stable"

echo "smoke: passed; images in $out"
