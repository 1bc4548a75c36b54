#!/usr/bin/env bash
# test-cli-card-reality.sh CLI PERSONAS EXAMPLES: `ininjo-cli card` and `diagnose
# --card-only` on the virtual card under the switches for what public
# sources do not settle (a locked PIN's answers, a card without signing),
# and the account flows' personas' cards (pkcs11-tool and `card`), inside
# with-card.sh (no --profile: each case starts its own card).
set -euo pipefail
cli=$1 personas=$2 examples=$3
. "$(dirname "$0")/../cli/tap.sh"
: "${INJ_TEST_VCARD:?run inside with-card.sh --vcard}"
work=$(mktemp -d); card_pid=""
stop_card() {
  [ -z "$card_pid" ] && return 0
  kill "$card_pid" 2>/dev/null || true; wait "$card_pid" 2>/dev/null || true; card_pid=""
  for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes' || break; sleep 0.05; done
}
trap 'stop_card; rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data
ca=$personas/ca/sign-ca.pem
"$cli" new -i "$examples/corporation.ini" -o "$work/d.xml" > /dev/null
sign() { bash -c '"$1" sign "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"TESTPASS1"' _ "$cli" "$work/d.xml" "$work/signed.xml" "$ca"; }

# start_card PROFILE [ARG...]: a card, seen by pcscd before returning
start_card() {
  local profile=$1; shift
  stop_card
  : > "$work/apdu.jsonl"
  "$INJ_TEST_VCARD" --profile "$profile" --log "$work/apdu.jsonl" --exit-with-parent "$@" \
    > "$work/vcard.out" 2>&1 &
  card_pid=$!
  for _ in $(seq 200); do pcsc_seen && return 0; sleep 0.05; done
  echo "# the virtual card did not appear"; cat "$work/vcard.out"; return 1
}
pcsc_seen() { opensc-tool -l 2>/dev/null | grep -q 'Yes'; }
data_verifies() { grep '"ins":"VERIFY"' "$work/apdu.jsonl" | grep -c '"empty":false' || true; }

rep=$personas/personas/representative
# A card issued to a child under 15: the representative's authentication side only.
child=$work/child; mkdir -p "$child"
cp "$rep"/auth-ca.der "$rep"/auth-cert.der "$rep"/auth-key.pem "$rep"/sign-ca.der "$child"/
printf '[card]\n[auth-pin]\npin = %s\n' "$(sed -n 's/^pin = \([0-9]*\)$/\1/p' "$rep/profile.ini")" > "$child/profile.ini"

start_card "$rep"
expect_exit "a card: listed" 0 "$cli" card
check "its kind, trimmed, is a My Number card" contains "JPKIAPICCTOKEN2 (マイナンバーカード)"
check "EF 0008" contains "EF 0008: 8F 8F 00"
check "the signing certificate is there" contains "署名用電子証明書（EF 0001）: あり"

for query in 63C0 6984; do
  for verify in 6983 6984; do
    for pin in sign auth; do
      what="locked $pin, empty VERIFY $query, VERIFY $verify"
      start_card "$rep" --locked-query "$query" --locked-verify "$verify" --"$pin"-tries 0
      # With 63 C0 OpenSC lists the card (a report: exit 0); with 69 84 it
      # shows no token, and the card cannot be used (5).
      expect_exit "$what: card reports it" "$([ "$query" = 6984 ] && echo 5 || echo 0)" "$cli" card
      check "$what: never \"no My Number card\"" lacks "マイナンバーカードが見つかりません"
      check "$what: locked, with the municipal office" contains "市区町村の窓口で初期化（再設定）"
      if [ "$pin" = sign ]; then
        check "$what: the signing password is named" contains "署名用電子証明書のパスワードは誤入力"
      else
        check "$what: the authentication PIN is named" contains "利用者証明用電子証明書の暗証番号は誤入力"
      fi
      if [ "$query" = 6984 ]; then
        check "$what: OpenSC shows no token, said so" contains "OpenSC はこのカードの JPKI トークンを表示しません"
      fi
      expect_exit "$what: diagnose --card-only --json" 0 "$cli" diagnose --card-only --json
      check "$what: diagnostics name the finding" contains "\"finding\" : \"$pin-locked\""
      if [ "$pin" = sign ]; then
        expect_exit "$what: sign fails with 5" 5 sign
        check "$what: sign says locked, with the municipal office" contains "市区町村の窓口で初期化（再設定）"
        check "$what: sign never says there is no card" lacks "カードリーダーにカードがありません"
      fi
      check "$what: no PIN was ever presented" test "$(data_verifies)" = 0
    done
  done
done

for ef in present absent; do
  what="no signing certificate, EF 001B $ef"
  start_card "$child" --sign-pin-ef "$ef"
  if [ "$ef" = present ]; then
    expect_exit "$what: card lists it" 0 "$cli" card
    expect_exit "$what: --signing-certificate fails with 5" 5 \
      bash -c '"$1" card --signing-certificate --password-fd 3 3<<<"TESTPASS1"' _ "$cli"
    check "$what: and no password reached the card" test "$(data_verifies)" = 0
  else
    expect_exit "$what: card fails with 5 (OpenSC shows no token)" 5 "$cli" card
    check "$what: never \"no My Number card\"" lacks "マイナンバーカードが見つかりません"
  fi
  check "$what: it cannot sign" contains "このカードでは署名できません"
  check "$what: it can authenticate for uploads" contains "アップロードのための本人確認"
  expect_exit "$what: sign fails with 5" 5 sign
  check "$what: sign says the card cannot sign" contains "このカードでは署名できません"
  expect_exit "$what: diagnose --card-only --json" 0 "$cli" diagnose --card-only --json
  check "$what: EF 0008 in the diagnostics" contains "\"ef_0008\" : \"00 8F 00\""
  check "$what: diagnostics name the finding" contains "\"finding\" : \"no-signing\""
done

# The account flows' personas (issue 16) through pcscd and OpenSC: each card
# serves its own two certificates, the signing one with its own password.
ini() { sed -n "s/^$2 *= *//p" "$personas/personas/$1/$3"; }
sign_password() { sed -n '/^\[sign-pin\]/,/^\[/s/^pin *= *//p' "$personas/personas/$1/profile.ini"; }
fingerprint() { openssl x509 -inform DER -in "$1" -noout -fingerprint -sha256 | cut -d= -f2; }
rep_name=$(ini representative name persona.ini) rep_address=$(ini representative address persona.ini)
for who in representative-renewed representative-moved representative-impostor; do
  pd=$personas/personas/$who
  start_card "$pd"
  expect_exit "$who: pkcs11-tool lists the authentication token's certificates" 0 \
    pkcs11-tool --module opensc-pkcs11.so --token-label 'JPKI (User Authentication PIN)' -O --type cert
  check "$who: its authentication certificate, by serial" \
    contains "serial:     $(openssl x509 -inform DER -in "$pd/auth-cert.der" -noout -serial | cut -d= -f2)"
  expect_exit "$who: pkcs11-tool reads the authentication certificate" 0 \
    pkcs11-tool --module opensc-pkcs11.so --token-label 'JPKI (User Authentication PIN)' \
      --read-object --type cert --id 01 -o "$work/auth-cert.der"
  check "$who: the card serves auth-cert.der byte for byte" cmp -s "$work/auth-cert.der" "$pd/auth-cert.der"
  expect_exit "$who: the signing certificate with its own password" 0 \
    bash -c '"$1" card --signing-certificate --show-personal --password-fd 3 3<<<"$2"' _ "$cli" \
      "$(sign_password "$who")"
  check "$who: the card serves sign-cert.der (SHA-256)" contains "$(fingerprint "$pd/sign-cert.der")"
  check "$who: its name" contains "$(ini "$who" name persona.ini)"
  check "$who: its address" contains "$(ini "$who" address persona.ini)"
  case $who in
    representative-moved) check "$who: not representative's old address" lacks "$rep_address" ;;
    representative-impostor) check "$who: not representative's name" lacks "$rep_name" ;;
  esac
done
finish
