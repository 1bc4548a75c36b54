#!/usr/bin/env bash
# sentinel-run.sh TREE BUILD SRC: the full run of the sentinel test, inside
# the bed (ininjo-bed.sh --persona sentinel --run …): the sentinel persona's
# card in slot 0, agent-zeirishi's in slot 1, the local service, the bed's
# Secret Service. Every ininjo-cli command runs with --verbose (the worst
# case for the logs), failures included. TAP on stdout (numbered from 1;
# test-sentinel.sh goes on from where this ends).
#
# TREE/test/     the test's own files (the input file, TAP records)
# TREE/docs/     the documents the user asks for (-o …, --bundle)
# TREE/output/   what each command printed: STEP.out (stdout), STEP.err
#                (stderr: the log as the user sees it), searched like a log
#                (TREE/test/cmd/STEP.log: both, for the messages checked)
set -euo pipefail
tree=$1 build=$2 src=$3
. "$src/tests/cli/tap.sh"
: "${INJ_BED_RUN_DIR:?run by ininjo-bed.sh --run}"
cli=$build/app/ininjo-cli personas=$INJ_BED_PERSONAS
ca=$personas/ca/sign-ca.pem pki=$build/tests/service/pki
db=$(dirname "$INJ_BED_RUN_DIR")/service.db
docs=$tree/docs output=$tree/output
mkdir -p -m 700 "$docs" "$output" "$tree/test/cmd"
secret() {  # PERSONA sign-pin|auth-pin
  sed -n "/^\[$2\]/,/^\[/s/^pin *= *//p" "$personas/personas/$1/profile.ini"
}
sign_pw=$(secret sentinel sign-pin) auth_pin=$(secret sentinel auth-pin)
agent_pw=$(secret agent-zeirishi sign-pin)
wrong_pw=$(cat "$tree/test/wrong-password")
svc_pid=$INJ_BED_SERVICE_PID

# cli STEP PASSWORD|- ARG…: ininjo-cli --verbose ARG…, the password (if
# any) on descriptor 3 through a pipe (no temporary file), and $sign_fd_pw
# (when set) on descriptor 4; its output in output/STEP.out and STEP.err,
# both in $log and $out, its exit status in $got
log=""
sign_fd_pw=""
cli() {
  local step=$1 pw=$2
  shift 2
  log=$tree/test/cmd/$step.log
  set +e
  if [ "$pw" = - ]; then
    "$cli" --verbose "$@" > "$output/$step.out" 2> "$output/$step.err"
  elif [ -n "$sign_fd_pw" ]; then
    "$cli" --verbose "$@" 3< <(printf '%s\n' "$pw") 4< <(printf '%s\n' "$sign_fd_pw") \
      > "$output/$step.out" 2> "$output/$step.err"
  else
    "$cli" --verbose "$@" 3< <(printf '%s\n' "$pw") > "$output/$step.out" 2> "$output/$step.err"
  fi
  got=$?
  set -e
  cat "$output/$step.out" "$output/$step.err" > "$log"
  out=$(cat "$log")
}
# step DESCRIPTION WANT STEP PASSWORD|- ARG…: cli, and the exit status checked
step() {
  local d=$1 want=$2
  shift 2
  cli "$@"
  if [ "$got" = "$want" ]; then ok "$d (exit $got)"
  else not_ok "$d" "exit $got, wanted $want: ininjo-cli $*" "$(sed 's/^/  /' <<<"$out")"; fi
}
# shows MSGID [PLURAL N]: $out holds the message translated (LANGUAGE), its
# conversions matching anything (or N)
shows() {
  python3 - "$log" "$build/data/po" "${LANGUAGE:-}" "$@" <<'PY'
import gettext, re, sys
path, localedir, langs, msgid = sys.argv[1:5]
plural, n = (sys.argv[5], int(sys.argv[6])) if len(sys.argv) > 6 else (None, 1)
tr = gettext.translation("ininjo", localedir, languages=[l for l in langs.split(":") if l] or None,
                         fallback=True)
t = tr.ngettext(msgid, plural, n) if plural else tr.gettext(msgid)
parts = re.split(r"%(?:\d+\$)?[-+ #0]*\d*(?:l|z)?[sdu]", t)
fill = [".*?"] * (len(parts) - 1)
if plural:
    fill = [str(n) if "d" in c else ".*?" for c in re.findall(r"%(?:\d+\$)?[-+ #0]*\d*(?:l|z)?[sdu]", t)]
pattern = "(?s)" + "".join(re.escape(p) + (fill[i] if i < len(fill) else "") for i, p in enumerate(parts))
if re.search(pattern, open(path, encoding="utf-8", errors="replace").read()):
    sys.exit(0)
print("# the output lacks the message: " + t)
sys.exit(1)
PY
}
json_ok() { jq -e . "$1" > /dev/null; }
tar_ok() { tar -tf "$1" > /dev/null; }
outbox_ids() { ls "$XDG_DATA_HOME/ininjo/outbox" 2>/dev/null || true; }

# The bed's Secret Service answers before anything is encrypted.
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
  sleep 0.05
done
echo "# the sentinel's card in slot 0, agent-zeirishi in slot 1; every command with --verbose"

# --- the delegation: the sentinel is the representative
step "new: a delegation whose representative is the sentinel" 0 new - \
  new -i "$tree/test/sentinel.ini" -o "$docs/delegation.xml"

# --- signing: a wrong password first
step "sign with a wrong password fails" 5 sign-wrong "$wrong_pw" \
  sign "$docs/delegation.xml" -o "$docs/signed.xml" --trust "$ca" -r "Virtual PCD 00 00" --password-fd 3
check "saying so, with the tries left (4)" \
  shows "Wrong %s. %d try is left before the card locks it." "Wrong %s. %d tries are left before the card locks it." 4
check "and no signed file" test ! -e "$docs/signed.xml"
step "sign with the right password" 0 sign "$sign_pw" \
  sign "$docs/delegation.xml" -o "$docs/signed.xml" --trust "$ca" -r "Virtual PCD 00 00" --password-fd 3
name=$(sed -n 's/^name *= *//p' "$personas/personas/sentinel/persona.ini")
check "the signed delegation holds the sentinel's name (the sentinel was used)" \
  grep -qF "${name/　/ }" "$docs/signed.xml"
id=$(grep -o '<DelegationId>[^<]*' "$docs/signed.xml" | cut -d'>' -f2 || true)
check "the signed delegation has its ID ($id)" test -n "$id"

# --- the agent's submission (slot 1) and the package
step "agent submit with the agent's card" 0 agent-submit "$agent_pw" \
  agent submit -d "$docs/signed.xml" -o "$docs/submission.xml" -r "Virtual PCD 00 01" \
  --trust "$ca" --password-fd 3
step "package into the outbox" 0 package - \
  package -d "$docs/signed.xml" -s "$docs/submission.xml" --trust "$ca"
check "the package is in the outbox" test -d "$XDG_DATA_HOME/ininjo/outbox/$id"
enc=1
for f in "$XDG_DATA_HOME/ininjo/outbox/$id"/*; do
  case $(basename "$f") in *.xml|*.ini) [ "$(head -c 8 "$f")" = INJVAULT ] || { enc=0; echo "# not encrypted: $f"; } ;; esac
done
check "its documents are encrypted at rest (INJVAULT)" test "$enc" = 1

# --- upload: the service unreachable, then failing, then working
kill "$svc_pid"
for _ in $(seq 100); do kill -0 "$svc_pid" 2>/dev/null || break; sleep 0.05; done
check "the bed's service is stopped" sh -c "! kill -0 $svc_pid 2>/dev/null"
step "upload with the service unreachable fails" 6 upload-unreachable "$auth_pin" upload --password-fd 3
check "saying it cannot connect" \
  shows "Cannot connect to %s. Check that the service is running and that the address and port in the settings are right, or try again later."
start_service() {
  rm -f "$INJ_BED_RUN_DIR/sentinel-service.ready"
  "$build/tests/service/ininjo-service" --pki "$pki" --port 8443 --db "$db" \
    --client-ca "$personas/ca/auth-ca.pem" --client-ca "$pki/client-ca.pem" --trust "$ca" \
    --ready-file "$INJ_BED_RUN_DIR/sentinel-service.ready" "$@" >> "$INJ_BED_RUN_DIR/service.log" 2>&1 &
  svc_pid=$!
  for _ in $(seq 200); do [ -s "$INJ_BED_RUN_DIR/sentinel-service.ready" ] && return 0; sleep 0.05; done
  echo "# the service did not start"; return 1
}
stop_service() { kill "$svc_pid" 2>/dev/null || true; wait "$svc_pid" 2>/dev/null || true; }
start_service --fail-rate 1
step "upload to a service answering 503 fails" 6 upload-503 "$auth_pin" upload --password-fd 3
check "the package stays in the outbox" test -d "$XDG_DATA_HOME/ininjo/outbox/$id"
stop_service
start_service
step "upload to the working service" 0 upload "$auth_pin" upload --password-fd 3
rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM receipts WHERE delegation_id='$id';" 2>&1 || true)
check "one row stored in the service ($rows)" test "$rows" = 1
check "the package left the outbox" test -z "$(outbox_ids)"

# --- what the user looks at afterwards
step "status" 0 status "$auth_pin" status --password-fd 3
step "list" 0 list "$auth_pin" list --password-fd 3
step "show the stored delegation" 0 show-id "$auth_pin" show "$id" --trust "$ca" --password-fd 3
step "show the signed file" 0 show-file - show "$docs/signed.xml"
# the delegation a person reads (issue 17 §3), revealed (the worst case):
# the stored one, fetched with the PIN, as a PDF the search reads as text
# (fontconfig's caches, reached through Pango, are never freed by design)
cat "$src/tests/lsan-dbus.supp" "$src/tests/printout/lsan.supp" > "$tree/test/lsan-render.supp"
LSAN_OPTIONS="suppressions=$tree/test/lsan-render.supp:print_suppressions=0" \
  step "render the stored delegation as a PDF, personal data shown" 0 render-id "$auth_pin" \
  render "$id" -o "$docs/delegation.pdf" --reveal-personal --trust "$ca" --password-fd 3
check "a PDF" test "$(head -c 5 "$docs/delegation.pdf" 2>/dev/null)" = "%PDF-"
step "validity" 0 validity "$auth_pin" validity "$id" --password-fd 3
# the window's Print… of the signed delegation to a file, personal data
# shown (sentinel-print: the print operation and the drawing the window
# runs), its log verbose; the search reads the PDF as text, and whatever
# printing left in TMPDIR or the cache
set +e
LSAN_OPTIONS="suppressions=$tree/test/lsan-render.supp:print_suppressions=0" GDK_DEBUG=gl-disable \
  GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 ADW_DISABLE_PORTAL=1 GTK_USE_PORTAL=0 \
  xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
  "$build/tests/ui/sentinel-print" "$docs/signed.xml" "$ca" "$docs/printed.pdf" \
  > "$output/print.out" 2> "$output/print.err"
got=$?
set -e
if [ "$got" = 0 ]; then ok "Print… to a file: the signed delegation, personal data shown (exit 0)"
else not_ok "Print… to a file" "exit $got" "$(sed 's/^/  /' "$output/print.out" "$output/print.err")"; fi
check "the print output is a PDF" test "$(head -c 5 "$docs/printed.pdf" 2>/dev/null)" = "%PDF-"
# the card's signing password changed, and changed back (issue 17 §1): the
# new value (test/new-password) is searched like the password
new_pw=$(cat "$tree/test/new-password")
step "card change-password: a new password" 0 change-password "$sign_pw"$'\n'"$new_pw"$'\n'"$new_pw" \
  card change-password -r "Virtual PCD 00 00" --password-fd 3
step "card change-password: back to the first" 0 change-password-back "$new_pw"$'\n'"$sign_pw"$'\n'"$sign_pw" \
  card change-password -r "Virtual PCD 00 00" --password-fd 3
step "card" 0 card - card
step "diagnose --json" 0 diagnose-json "$auth_pin" diagnose --json --password-fd 3
check "the JSON report parses" json_ok "$output/diagnose-json.out"
step "diagnose --bundle" 0 diagnose-bundle "$auth_pin" diagnose --bundle "$docs/bundle.tar" --password-fd 3
check "the bundle is a tar archive" tar_ok "$docs/bundle.tar"
step "audit show" 0 audit-show - audit show
step "audit verify" 0 audit-verify - audit verify
has_actions() {
  local a
  for a in "$@"; do case " $actions" in *" $a "*) ;; *) echo "# no $a"; return 1 ;; esac; done
}

# --- the account (issue 16): the bed registered the sentinel's 基本情報 as
# the operator's page does; the CLI keeps the copy the service answers
# (encrypted), changes the 代表者電話番号 to the sentinel's own (test/phone),
# registers the sentinel as a recipient with its 現住所 and 生年月日, and
# shows the kept copy when the service is down.
sealed() { [ "$(head -c 8 "$1")" = INJVAULT ]; }
copies=$XDG_DATA_HOME/ininjo/account
step "account show: the account the bed registered" 0 account-show "$auth_pin" \
  account show --trust "$ca" --password-fd 3
check "its copy is kept on this computer, encrypted" sealed "$copies/account"
sign_fd_pw=$sign_pw
step "account change: the sentinel's own telephone number" 0 account-change "$auth_pin" \
  account change -i "$tree/test/account.ini" --trust "$ca" --password-fd 3 --sign-password-fd 4
check "the change shown first, masked" shows "These items of the user information will change:"
step "recipient register: the sentinel with its address and date of birth" 0 recipient-register \
  "$auth_pin" recipient register -i "$tree/test/recipient.ini" --trust "$ca" --password-fd 3 \
  --sign-password-fd 4
sign_fd_pw=""
check "the account's copy, encrypted after the change" sealed "$copies/account"
check "the recipient's copy, encrypted" sealed "$copies/recipient"
check "both readable by the user only" \
  test "$(stat -c %a "$copies/account" "$copies/recipient" "$copies" | tr '\n' ' ')" = "600 600 700 "
step "account show: the new telephone number (masked)" 0 account-show-changed "$auth_pin" \
  account show --trust "$ca" --password-fd 3
# the control: the same copies written with the encryption off, under
# test/control (test-sentinel.sh searches them apart, and must find them):
# the account's copy by account show, a recipient's by the agent's card
# (slot 1) with the sentinel's address and date of birth
control=$tree/test/control
mkdir -p -m 700 "$control/data"
XDG_DATA_HOME=$control/data DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/ininjo-control \
  "$cli" --allow-unencrypted account show --trust "$ca" --password-fd 3 3< <(printf '%s\n' "$auth_pin") \
  > "$tree/test/cmd/control-account.log" 2>&1 || true
agent_pin=$(secret agent-zeirishi auth-pin)
XDG_DATA_HOME=$control/data DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/ininjo-control \
  "$cli" --allow-unencrypted recipient register -i "$tree/test/recipient-control.ini" --trust "$ca" \
  --reader "Virtual PCD 00 01" --password-fd 3 --sign-password-fd 4 \
  3< <(printf '%s\n' "$agent_pin") 4< <(printf '%s\n' "$agent_pw") \
  >> "$tree/test/cmd/control-account.log" 2>&1 || true
check "the control's copies are written unencrypted" \
  sh -c "! head -c 8 '$control/data/ininjo/account/account' | grep -q INJVAULT && ! head -c 8 '$control/data/ininjo/account/recipient' | grep -q INJVAULT" 

actions=$(jq -r '.action + ":" + .result' "$XDG_STATE_HOME/ininjo/audit.jsonl" 2>/dev/null | sort -u | tr '\n' ' ' || true)
check "the audit log recorded the signatures, the uploads, the bundle, the account, the password change ($actions)" \
  has_actions sign:failed sign:ok submission:ok upload:failed upload:ok bundle-export:ok \
  account:ok recipient:ok password-change:ok
stop_service
step "account show without the service: the copy kept here" 6 account-show-offline "$auth_pin" \
  account show --trust "$ca" --password-fd 3
check "saying it is the copy kept on this computer, and of when" \
  shows "The service cannot be reached. This is the copy kept on this computer, as the service answered at %s:"$'\n'

# --- the GUI: a few pages, a draft of the sentinel's delegation in the
# editor (the draft put there by the test, as a plaintext draft from before
# encryption, which Ininjo still reads)
start_service
drafts=$XDG_DATA_HOME/ininjo/drafts
mkdir -p -m 700 "$drafts" "$tree/shots"
draft=$drafts/$(cat /proc/sys/kernel/random/uuid).ini
cp "$tree/test/sentinel.ini" "$draft"
echo "$draft" > "$tree/test/draft-path"
cat "$src/tests/ui/lsan.supp" "$src/tests/lsan-dbus.supp" > "$tree/test/lsan.supp"
for page in editor sign card support; do
  set +e
  LSAN_OPTIONS="suppressions=$tree/test/lsan.supp:print_suppressions=0" GDK_DEBUG=gl-disable \
    GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 ADW_DISABLE_PORTAL=1 GTK_USE_PORTAL=0 INJ_LOG_VERBOSE=1 \
    xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
    "$build/ui/ininjo" --page "$page" --screenshot "$tree/shots/$page.png" > "$output/gui-$page.out" 2> "$output/gui-$page.err"
  got=$?
  set -e
  if [ "$got" = 0 ] && [ -s "$tree/shots/$page.png" ]; then ok "the GUI's $page page drawn (verbose log)"
  else not_ok "the GUI's $page page drawn" "exit $got" "$(cat "$output/gui-$page.out" "$output/gui-$page.err" | sed 's/^/  /')"; fi
  [ -z "${G_TEST_BUILDDIR:-}" ] || cp "$tree/shots/$page.png" "$G_TEST_BUILDDIR/screenshot-sentinel-$page.png" 2>/dev/null || true
done
stop_service
finish
