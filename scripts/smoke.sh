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

# An encrypted backup with the real binary (which also chooses the
# practice's backup passphrase), restored into another folder and checked;
# a wrong passphrase must exit 1.
export FRONTDESK_BACKUP_PASSPHRASE="smoke test passphrase"
"$bin" backup "$out/demo.fdbackup" --data "$out/data" || fail "backup"
"$bin" restore "$out/demo.fdbackup" --data "$out/restored" || fail "restore"
"$bin" check --data "$out/restored" || fail "check of the restored practice"
if FRONTDESK_BACKUP_PASSPHRASE="not the passphrase" "$bin" restore "$out/demo.fdbackup" --data "$out/restored" 2>/dev/null; then
  fail "a wrong passphrase was accepted"
fi
unset FRONTDESK_BACKUP_PASSPHRASE

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
for screen in sign-in calendar day week booking booking-discard waiting-room reminders patients patient-search patient-file patient-clinical \
  patient-appointments patient-attachments patient-medication patient-edit letters letter-templates letter-editor recall-letters \
  billing reports settings settings-practitioner users audit lock help \
  settings-backups backup-passphrase restore restore-question backup-close startup-damaged; do
  check_png "$out/screens/$screen.png"
done
[ "$(identify -format '%wx%h' "$out/screens/calendar.png")" = "1366x768" ] || fail "screens are not 1366x768"
check_png "$out/x-window.png"

# The translated screens, French and Spanish, for people to look at: the
# same screenshot mode with the desk in another language.
for lang in fr es; do
  xvfb-run -a -s "-screen 0 1366x768x24" "$bin" --data "$out/data" --screenshots "$out/screens-$lang" --lang "$lang" \
    >"$out/window-$lang.log" 2>&1 || { cat "$out/window-$lang.log"; fail "screenshot mode in $lang"; }
  # Every screen shot in English is shot in each language too.
  for shot in "$out"/screens/*.png; do
    screen=$(basename "$shot" .png)
    check_png "$out/screens-$lang/$screen.png"
  done
done

# Booking with the keyboard only, in the real window: Ctrl+N, the first
# letters of a returning patient's family name, Enter (chooses the
# highlighted result), Enter (books at the proposed time). xdotool types
# into the window found by its name; the appointment must then be in the
# appointments export, under the patient's chart number.
"$bin" export patients --data "$out/data" -o "$out/keys-patients.csv" || fail "export patients (keys)"
# A family name that no other patient's names start with, so that its
# first result is this patient.
read -r chart family <<<"$(python3 - "$out/keys-patients.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
words = [w.lower() for r in rows for w in (r["family_name"] + " " + r["given_name"]).replace("-", " ").split()]
for r in sorted(rows, key=lambda r: r["chart_number"]):
    f = r["family_name"]
    if f.isascii() and f.isalpha() and len(f) >= 5 and sum(w.startswith(f.lower()) for w in words) == 1:
        print(r["chart_number"], f)
        break
PY
)"
[ -n "$chart" ] || fail "no patient with a family name of its own in the demo"
"$bin" export appointments --data "$out/data" -o "$out/keys-before.csv" || fail "export appointments (before)"
before=$(grep -c ",$chart," "$out/keys-before.csv" || true)
cat >"$out/keys.sh" <<'INNER'
set -u
out=$1 family=$2 chart=$3 before=$4
"./frontdesk" --data "$out/data" >"$out/keys.log" 2>&1 &
pid=$!
booked() {
  "./frontdesk" export appointments --data "$out/data" -o "$out/keys-after.csv" 2>/dev/null &&
    [ "$(grep -c ",$chart," "$out/keys-after.csv")" -gt "$before" ]
}
# poll SECONDS: wait for the booking to reach the database.
poll() {
  for _ in $(seq 1 $(($1 * 2))); do booked && return 0; sleep 0.5; done
  return 1
}
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^Frontdesk') || { echo "no window"; kill $pid; exit 1; }
# The desk is up once it has logged its first frame.
for _ in $(seq 1 120); do grep -q "first frame after" "$out/data/frontdesk.log" 2>/dev/null && break; sleep 0.5; done
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool mousemove --window "$wid" 700 400
# A real practice opens on the sign-in form: the demo's secretary signs
# in with the keyboard (name, Tab, password, Enter).
xdotool type --delay 40 "secretary"
xdotool key Tab
xdotool type --delay 40 "frontdesk-demo"
xdotool key Return
signed_in() {
  python3 - "$out/data/frontdesk.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
n = db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND user = 'secretary'").fetchone()[0]
sys.exit(0 if n > 0 else 1)
PY
}
for _ in $(seq 1 60); do signed_in 2>/dev/null && break; sleep 0.5; done
signed_in 2>/dev/null || echo "the secretary's sign-in is not in the audit log"
sleep 1 # the calendar opens after the sign-in is written
# Keys typed ahead are kept: Enter before the results show picks the
# first one when they do, and a second Enter books.
result="not booked"
for attempt in 1 2 3; do
  xdotool key --clearmodifiers ctrl+n
  xdotool type --delay 60 "$family"
  xdotool key Return Return
  if poll 5; then result="booked with Ctrl+N, letters, Enter, Enter"; break; fi
  # The proposed slot may clash (the demo's first practitioner can be on
  # leave today): the form then offers Book anyway, which Enter presses.
  xdotool key Return
  if poll 10; then result="booked with Ctrl+N, letters, Enter, Enter, then Enter for Book anyway over a clash"; break; fi
  echo "attempt $attempt: not booked; closing what is open and trying again"
  xdotool key Escape Escape Escape # Escape asks when something was typed; Escape again discards
done
import -window root "$out/x-keys.png" || true
kill $pid
wait $pid
echo "$result"
INNER
xvfb-run -a -s "-screen 0 1366x768x24" bash "$out/keys.sh" "$out" "$family" "$chart" "$before" >"$out/keys-result.txt" 2>&1 || true
cat "$out/keys-result.txt"
grep -q "^booked" "$out/keys-result.txt" || fail "booking with the keyboard: $family ($chart) was not booked"
after=$(grep -c ",$chart," "$out/keys-after.csv")
[ "$after" = $((before + 1)) ] || fail "booking with the keyboard made $((after - before)) appointments for $chart, want 1"
new=$(grep ",$chart," "$out/keys-after.csv" | grep -vxFf "$out/keys-before.csv")
echo "$new" | grep -q ",booked," || fail "the appointment booked with the keyboard is not booked: $new"
echo "smoke: booked $family ($chart) with the keyboard only: $new"
"$bin" check --data "$out/data" || fail "check after booking with the keyboard"
check_png "$out/x-keys.png"

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

# The demo's letters: the export names each letter's patient; the first
# sent letter to a patient with a plain Latin name comes out of
# "letter pdf" as a PDF that names them, with its page number, and
# renders. An unknown letter is a failure (exit 1).
"$bin" export letters --data "$out/data" -o "$out/letters.csv" || fail "export letters"
head -1 "$out/letters.csv" | grep -q '^id,date,patient,chart_number,template,recipient,author,status$' || fail "the letters export has no header"
IFS=$'\t' read -r letter lpatient <<<"$(python3 - "$out/letters.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["status"] == "sent" and r["patient"].replace(" ", "").replace("-", "").isascii():
        print(r["id"] + "\t" + r["patient"])
        break
PY
)"
[ -n "$letter" ] || fail "no sent letter in the demo's letters export"
"$bin" letter pdf "$letter" --data "$out/data" -o "$out/letter.pdf" || fail "letter pdf $letter"
pdftotext -enc UTF-8 "$out/letter.pdf" "$out/letter.txt" || fail "pdftotext of the letter"
grep -qF "$lpatient" "$out/letter.txt" || fail "the letter $letter does not name $lpatient"
grep -qE "Page 1 (of|sur|de) [0-9]+" "$out/letter.txt" || fail "the letter $letter has no page number"
pdftoppm -png -r 60 "$out/letter.pdf" "$out/letter" || fail "pdftoppm could not render the letter"
for page in "$out"/letter-*.png; do check_png "$page"; done
if "$bin" letter pdf no-such-letter --data "$out/data" -o "$out/none.pdf" 2>"$out/letter-unknown.txt"; then
  fail "letter pdf of an unknown letter exited 0"
fi
[ ! -e "$out/none.pdf" ] || fail "letter pdf of an unknown letter left a file"
echo "smoke: letter $letter to $lpatient read back from its PDF ($(grep -c . "$out/letters.csv") lines exported)"

# The patients export: a header and one row per patient of the demo (it
# has no merged duplicates), the same bytes twice.
"$bin" export patients --data "$out/data" -o "$out/patients.csv" || fail "export patients"
"$bin" export patients --data "$out/data" -o "$out/patients2.csv" || fail "export patients (again)"
cmp -s "$out/patients.csv" "$out/patients2.csv" || fail "two exports of the same patients differ"
head -1 "$out/patients.csv" | grep -q '^chart_number,family_name,given_name,birth_date,sex,' || fail "the patients export has no header"
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))) - 1)' "$out/patients.csv")
[ "$rows" = 600 ] || fail "the patients export has $rows rows, want 600"
echo "smoke: patients export of $rows rows, stable"

# The books of the demo: the invoices export names every invoice and
# credit note; the newest invoice prints as a PDF that pdftotext reads
# back with its number and total, and renders; an unknown number exits 1.
"$bin" export invoices --data "$out/data" -o "$out/invoices.csv" || fail "export invoices"
"$bin" export payments --data "$out/data" -o "$out/payments.csv" || fail "export payments"
head -1 "$out/invoices.csv" | grep -q '^number,kind,issue_date,patient,chart_number,payer,total,tax,paid,balance,status' || fail "the invoices export has no header"
number=$(python3 -c 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if x["kind"]=="invoice"]; print(r[-1]["number"], r[-1]["total"])' "$out/invoices.csv")
total=${number#* }; number=${number% *}
"$bin" invoice pdf "$number" --data "$out/data" -o "$out/invoice.pdf" || fail "invoice pdf $number"
pdftotext -layout -enc UTF-8 "$out/invoice.pdf" "$out/invoice.txt" || fail "pdftotext of the invoice"
grep -qF "$number" "$out/invoice.txt" || fail "the invoice PDF lacks its number $number"
grep -qF "$total" "$out/invoice.txt" || fail "the invoice PDF lacks its total $total"
pdftoppm -png -r 60 -f 1 -l 1 "$out/invoice.pdf" "$out/invoice" || fail "pdftoppm could not render the invoice"
for page in "$out"/invoice-*.png; do check_png "$page"; done
if "$bin" invoice pdf A-1999-99999 --data "$out/data" -o "$out/none.pdf" 2>/dev/null; then fail "an unknown invoice number printed"; fi
echo "smoke: invoice $number ($total) printed; $(($(wc -l < "$out/invoices.csv") - 1)) invoices and credit notes exported"

echo "smoke: passed; images in $out"
