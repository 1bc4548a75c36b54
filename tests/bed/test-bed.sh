#!/usr/bin/env bash
# test-bed.sh BED BUILD: runs the test bed the way ./quickstart run does on a
# machine without a display (under Xvfb, a picture of the window), then
# again with the options support staff use, and checks what it left: the
# picture, the service's ready file and answer, the cards read by the
# application, the bed's own settings (the user's untouched), the state
# kept between runs, and no process of its own still running.
set -euo pipefail
bed=$1 build=$2
. "$(dirname "$0")/../cli/tap.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
state=$work/state
mark="ininjo-bed-test-$$-$RANDOM"
mkdir -p "$work/home"

# png_size FILE: "WIDTH HEIGHT" of a PNG, nothing when it is not one
png_size() {
  python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read(33)
if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
    print(*struct.unpack(">II", data[16:24]))
PY
}
# left: the processes still carrying this test's mark in their environment
left() {
  local f
  for f in /proc/[0-9]*/environ; do
    if tr '\0' '\n' < "$f" 2>/dev/null | grep -qx "INJ_BED_TEST_MARK=$mark"; then
      echo "${f#/proc/}" | cut -d/ -f1
    fi
  done
}
run_bed() {
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS INJ_BED_TEST_MARK="$mark" \
    HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
    bash "$bed" --build "$build" --state "$state" "$@"
}
apdus() { grep -c '"event":"apdu"' "$1" 2>/dev/null || true; }

# --- 1. as ./quickstart run without a display
expect_exit "the bed without a display runs Ininjo under Xvfb and ends by itself" 0 run_bed
shot=$state/screenshot.png
check "it says where the picture is" contains "$shot"
check "the picture of the window exists, readable by its owner only" \
  test -s "$shot" -a "$(stat -c %a "$shot" 2>/dev/null)" = 600
read -r w h < <(png_size "$shot"; echo "0 0")
check "it is a PNG of a whole window (${w}x${h})" test "$w" -ge 600 -a "$h" -ge 400
# for a person to look at, with the widget tests' pictures
[ -z "${G_TEST_BUILDDIR:-}" ] || cp "$shot" "$G_TEST_BUILDDIR/screenshot-bed-card.png" 2>/dev/null || true
check "the service wrote its ready file (kept by the bed)" \
  grep -qx 'url=https://localhost:8443' "$state/run/service.ready"
check "on the embedded profile's port" grep -qx 'port=8443' "$state/run/service.ready"
check "and answered the profile request" \
  bash -c 'jq -e ".name | length > 0" "$1" > /dev/null' _ "$state/run/profile.json"
check "the application read the card in slot 0 (its APDU log)" test "$(apdus "$state/run/apdu-slot0.jsonl")" -gt 0
check "and the agent's card in slot 1" test "$(apdus "$state/run/apdu-slot1.jsonl")" -gt 0
presented=$(cat "$state/run/apdu-slot0.jsonl" "$state/run/apdu-slot1.jsonl" | grep '"ins":"VERIFY"' \
  | grep -vc '"empty":true' || true)
check "no PIN was presented to either card (only empty VERIFYs, which count tries)" test "$presented" = 0
keyfile=$state/config/glib-2.0/settings/keyfile
check "the settings are the bed's key file: its service CA" \
  grep -qx "service-ca='$build/tests/service/pki/service-ca.pem'" "$keyfile"
check "the personas' signing CA as a trust anchor" \
  grep -qx "trust-anchors=\['$build/tests/card/personas/ca/sign-ca.pem'\]" "$keyfile"
check "the card as the client credential" grep -qx "client-credential='card'" "$keyfile"
check "the user's own configuration and data are untouched" test -z "$(ls -A "$work/home")"
check "the service's database is in the state directory" test -s "$state/service.db"
check "nothing the bed started is still running" test -z "$(left)"
check "no process uses its state directory" test -z "$(pgrep -f -- "$state" || true)"

# --- 2. again, as support staff would: another persona, no agent, a page
db_inode=$(stat -c %i "$state/service.db")
sqlite3 "$state/service.db" "CREATE TABLE bed_test_marker (x); INSERT INTO bed_test_marker VALUES (42);"
expect_exit "--persona expired --agent none --page editor --screenshot FILE" 0 \
  run_bed --persona expired --agent none --page editor --screenshot "$work/editor.png"
read -r w h < <(png_size "$work/editor.png"; echo "0 0")
check "the picture is where it was asked for (${w}x${h})" test "$w" -ge 600 -a "$h" -ge 400
[ -z "${G_TEST_BUILDDIR:-}" ] || cp "$work/editor.png" "$G_TEST_BUILDDIR/screenshot-bed-editor.png" 2>/dev/null || true
check "the service's database survived the first run" \
  test "$(sqlite3 "$state/service.db" 'SELECT x FROM bed_test_marker;')" = 42 \
       -a "$(stat -c %i "$state/service.db")" = "$db_inode"
check "the expired persona's card was read" test "$(apdus "$state/run/apdu-slot0.jsonl")" -gt 0
check "there was no second card" test ! -e "$state/run/apdu-slot1.jsonl"
check "nothing is left running this time either" test -z "$(left)"

# --- 3. mistakes are explained, and start nothing
expect_exit "an unknown persona is refused" 1 run_bed --persona no-such-persona
check "naming the personas there are" contains "representative"
check "and nothing was started" test -z "$(left)"
finish
