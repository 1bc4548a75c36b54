#!/usr/bin/env bash
# test-sentinel.sh BUILD SRC: the sentinel test (issue 7, security.md items
# 12 and 13). With the sentinel persona's distinctive password, PIN, name,
# address and date of birth used throughout a full run, failures included,
# none of them appears in any log, bundle, audit line or file Ininjo wrote.
#
#  1. One fresh directory tree of the test's own: HOME, XDG_STATE_HOME,
#     XDG_CACHE_HOME, XDG_RUNTIME_DIR, TMPDIR and the bed's state directory
#     (its XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME) all in it, so that every file
#     Ininjo can write lands there.
#  2. The run, inside the test bed (sentinel in slot 0, agent-zeirishi in
#     slot 1): sentinel-run.sh, every ininjo-cli command with --verbose, a
#     wrong password and two failed uploads among them, then the GUI's pages.
#  3. The search: sentinel-search.py reads every byte under the tree (what
#     it leaves out is listed in its output, with why).
#  4. The control: the account's copies written by the same commands with
#     the encryption off (--allow-unencrypted, no Secret Service; under
#     TREE/test/control, which the search of step 3 leaves out): there the
#     search must find the address, the telephone number and the date of
#     birth.
# TAP on stdout. INJ_TEST_KEEP=1 keeps the tree (its path is printed).
set -euo pipefail
build=$1 src=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

tree=$(mktemp -d "${TMPDIR:-/tmp}/ininjo-sentinel.XXXXXX")
cleanup() { if [ -n "${INJ_TEST_KEEP:-}" ]; then echo "# kept: $tree"; else rm -rf "$tree"; fi; }
trap cleanup EXIT
mkdir -p -m 700 "$tree/test" "$tree/home" "$tree/state" "$tree/cache" "$tree/tmp" "$tree/runtime" \
  "$tree/config" "$tree/data"
export HOME=$tree/home XDG_STATE_HOME=$tree/state XDG_CACHE_HOME=$tree/cache TMPDIR=$tree/tmp
export XDG_RUNTIME_DIR=$tree/runtime XDG_CONFIG_HOME=$tree/config XDG_DATA_HOME=$tree/data
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS INJ_LOG_VERBOSE

# The personas (nothing to do when the build's are current)
personas=$build/tests/card/personas
bash "$src/tests/vcard/make-personas.sh" "$personas" > /dev/null
pini=$personas/personas/sentinel/persona.ini
get() { sed -n "/^\[$1\]/,/^\[/s/^$2 *= *//p" "$pini"; }
name=$(get san name) address=$(get san address)
echo "# sentinel: name $(get san name | sed 's/./＊/g'), born $(get expect birth-era), its password, PIN and address (not shown)"

# The test's own files: the wrong password typed first (a sentinel too),
# the new password the run changes to and back from (a sentinel too),
# the input of `new` — data/examples/corporation.ini with the sentinel as
# the representative and its address as the head office's
printf 'SNTL7WRONGQ\n' > "$tree/test/wrong-password"
printf 'SNTL8CHANGED\n' > "$tree/test/new-password"
sed -e "s/^representative-name = .*/representative-name = ${name/　/ }/" \
    -e "s/^head-office-address = .*/head-office-address = $address/" \
    "$src/data/examples/corporation.ini" > "$tree/test/sentinel.ini"
grep -qF "${name/　/ }" "$tree/test/sentinel.ini" && grep -qF "$address" "$tree/test/sentinel.ini"
# The account (issue 16): the bed registers the sentinel's 基本情報 (a 法人,
# the TEST organisation's items, the card's name and address) as the
# operator's page does; the run changes its 代表者電話番号 to a number of
# the sentinel's own, and registers the sentinel as a recipient (受領者等,
# a 個人事業者 with its 現住所 and 生年月日). The control registers the
# agent as a recipient with the sentinel's address and date of birth.
phone=0155-77-3141
printf '%s\n' "$phone" > "$tree/test/phone"
sentinel_birth=$(get san birth-date)
born="${sentinel_birth:1:4}-${sentinel_birth:5:2}-${sentinel_birth:7:2}"
printf '%s\n' "[account]" "kind = corporation" "corporate-number = 7000012050002" \
  "organization-name = テスト商事株式会社" "organization-address = 東京都千代田区試験町一丁目1番1号" \
  "representative-title = 代表取締役" "representative-name = $name" \
  "representative-address = $address" "phone = $phone" > "$tree/test/account.ini"
recipient_ini() {  # NAME: a recipient's items with the sentinel's address and birth
  printf '%s\n' "[recipient]" "kind = sole-proprietor" "organization-name = 番兵検出事務所" \
    "organization-address = 東京都千代田区試験町一丁目1番1号" "representative-name = $1" \
    "representative-address = $address" "birth-date = $born" "declarant-name = $1"
}
recipient_ini "$name" > "$tree/test/recipient.ini"
agent_name=$(sed -n '/^\[san\]/,/^\[/s/^name *= *//p' "$personas/personas/agent-zeirishi/persona.ini")
recipient_ini "$agent_name" > "$tree/test/recipient-control.ini"

# --- 1b. the search finds what it must, and only that: two small trees of
# the test's own, one with a sentinel planted in each group in a form the
# search must know (in a .tar, gzipped, as APDU hex…), one with look-alikes
# that are no leak (the PIN inside longer digit and hex runs, the address on
# the head office's line of standard output, the name in a document)
birth=$(get san birth-date)
wareki="$(get expect birth-era)$((10#${birth:1:4} - 1925))年$((10#${birth:5:2}))月$((10#${birth:7:2}))日"
[ "$(get expect birth-era)" = 昭和 ]   # the 和暦 year above counts from 1925
sign_pw=$(get card sign-pin) auth_pin=$(get card auth-pin)
selftest() {  # DIR: a tree for sentinel-search.py
  mkdir -p "$1/test" "$1/state" "$1/output" "$1/docs"
  cp "$tree/test/wrong-password" "$tree/test/new-password" "$tree/test/phone" "$1/test/"
}
leaky=$tree/test/selftest-leaky clean=$tree/test/selftest-clean
selftest "$leaky"
printf 'verify: PIN=%s\n' "$auth_pin" > "$leaky/state/a.log"
printf 'APDU: 00 20 00 80 0A %s\n' "$(printf %s "$sign_pw" | od -An -tx1 | tr -s ' \n' ' ' | tr a-f A-F)" > "$leaky/state/b.log"
mkdir "$leaky/member" && printf 'born %s\n' "$wareki" > "$leaky/member/report.txt"
tar -cf "$leaky/state/c.tar" -C "$leaky/member" report.txt && rm -r "$leaky/member"
tr A-Z a-z < "$tree/test/wrong-password" > "$leaky/state/d.txt"
printf '%s\n' "${address#北海道}" | sed 'y/０１２３４５６７８９/0123456789/' | gzip > "$leaky/state/e.gz"
printf 'signer %s\n' "${name/　/}" > "$leaky/state/f.txt"
printf 'tel %s\n' "${phone//-/}" > "$leaky/state/g.log"
# the address inside a base64-encoded statement (as a key file keeps it)
printf 'statement=%s\n' "$(printf '<Address>%s</Address>' "$address" | base64 -w0)" > "$leaky/state/h.ini"
selftest "$clean"
printf 'fingerprint ab%scd serial 1%s5 size=1%s\n' "$auth_pin" "$auth_pin" "$auth_pin" > "$clean/state/x.log"
# an audit line whose chain hash happens to begin with the PIN's digits
printf '{"result":"ok","prev":"%sc24ac8a59249a34b"}\n' "$auth_pin" >> "$clean/state/x.log"
printf '  %s: %s\n' "$(python3 -c 'import gettext,sys; print(gettext.translation("ininjo", sys.argv[1], fallback=True).gettext("Head office address"))' "$build/data/po")" \
  "$address" > "$clean/output/show.out"
# a corporation's 代表者名 is shown unmasked: the name on that line only
printf '  %s: %s\n' "$(python3 -c 'import gettext,sys; print(gettext.translation("ininjo", sys.argv[1], fallback=True).gettext("Representative\x27s name"))' "$build/data/po")" \
  "${name/　/ }" >> "$clean/output/show.out"
printf '  signer: %s\n' "${name/　/ }" > "$leaky/output/show.out"
printf '<RepresentativeName>%s</RepresentativeName>\n' "${name/　/ }" > "$clean/docs/signed.xml"
python3 "$here/sentinel-search.py" "$leaky" "$personas/personas/sentinel" 1 "$build/data/po" > "$tree/test/selftest-leaky.tap" || true
python3 "$here/sentinel-search.py" "$clean" "$personas/personas/sentinel" 1 "$build/data/po" > "$tree/test/selftest-clean.tap" || true
n=0 self_failed=0
for what in "the signing password" "the wrong password typed first" "the date of birth" "the name" \
            "the address" "the authentication PIN" "the telephone number"; do
  n=$((n + 1))
  if grep -q "^not ok [0-9]* - $what " "$tree/test/selftest-leaky.tap" && grep -q "^ok [0-9]* - $what " "$tree/test/selftest-clean.tap"; then
    echo "ok $n - the search finds $what planted in a test tree, and no look-alike"
  else
    echo "not ok $n - the search finds $what planted in a test tree, and no look-alike"
    grep -A3 -- "- $what " "$tree/test/selftest-leaky.tap" "$tree/test/selftest-clean.tap" | sed 's/^/#   /'
    self_failed=$((self_failed + 1))
  fi
done
n=$((n + 1))
if grep -q "state/h.ini at byte [0-9]*: whole, base64" "$tree/test/selftest-leaky.tap"; then
  echo "ok $n - the search finds the address inside base64 (a statement kept in a key file)"
else
  echo "not ok $n - the search finds the address inside base64 (a statement kept in a key file)"
  self_failed=$((self_failed + 1))
fi

# --- 2. the run
set +e
bash "$src/tests/bed/ininjo-bed.sh" --build "$build" --persona sentinel --agent agent-zeirishi \
  --state "$tree/bed" --run bash "$here/sentinel-run.sh" "$tree" "$build" "$src" \
  > "$tree/test/run.tap" 2> "$tree/test/bed.err"
run_status=$?
set -e
# its TAP numbered on from the self-test's
awk -v base="$n" '/^(not )?ok [0-9]+/ { sub(/ok [0-9]+/, "ok " base + $(($1 == "not") ? 3 : 2)) } !/^1\.\./' "$tree/test/run.tap"
n=$((n + $(grep -cE '^(not )?ok ' "$tree/test/run.tap" || true)))
run_failed=$(grep -c '^not ok ' "$tree/test/run.tap" || true)
n=$((n + 1))
if [ "$run_status" = 0 ] && [ "$run_failed" = 0 ] && [ "$n" -gt 26 ]; then
  echo "ok $n - the run in the bed ended well"
else
  echo "not ok $n - the run in the bed ended well (status $run_status, $run_failed failed)"
  sed 's/^/#   /' "$tree/test/bed.err" | tail -n 40
  run_failed=$((run_failed + 1))
fi

# --- 3. the search
set +e
python3 "$here/sentinel-search.py" "$tree" "$personas/personas/sentinel" $((n + 1)) "$build/data/po" > "$tree/test/search.tap"
search_status=$?
set -e
cat "$tree/test/search.tap"
n=$(( n + $(grep -cE '^(not )?ok ' "$tree/test/search.tap" || true) ))

# --- 4. the control: the same copies written unencrypted are found
control=$tree/test/control
control_failed=0
if [ -d "$control/data/ininjo/account" ]; then
  mkdir -p "$control/test"
  cp "$tree/test/wrong-password" "$tree/test/new-password" "$tree/test/phone" "$control/test/"
  python3 "$here/sentinel-search.py" "$control" "$personas/personas/sentinel" 1 "$build/data/po" \
    > "$tree/test/control.tap" || true
fi
for what in "the address" "the telephone number" "the date of birth"; do
  n=$((n + 1))
  if grep -q "^not ok [0-9]* - $what " "$tree/test/control.tap" 2>/dev/null; then
    echo "ok $n - with the encryption off, the search finds $what in the account's copies"
  else
    echo "not ok $n - with the encryption off, the search finds $what in the account's copies"
    ls -lR "$control" 2>&1 | sed 's/^/#   /'
    control_failed=$((control_failed + 1))
  fi
done
echo "1..$n"
[ "$self_failed" = 0 ] && [ "$run_failed" = 0 ] && [ "$search_status" = 0 ] && [ "$control_failed" = 0 ]
