#!/usr/bin/env bash
# test-cli-diagnose.sh CLI SERVICE EXAMPLES PERSONAS PKI: `ininjo-cli diagnose`
# on the virtual card (representative) against the local service, inside
# with-card.sh --profile representative: versions, the card's ATR and tries
# (no try consumed: the vcard's log), the TLS version, the clock offset; then
# a diagnostic bundle after a signing run with the persona's data: its files
# listed, mode 0600, and none of the persona's name, address, date of birth,
# PIN or password in any byte of it.
set -euo pipefail
cli=$1 service=$2 examples=$3 personas=$4 pki=$5
. "$(dirname "$0")/../cli/tap.sh"
: "${INJ_TEST_VCARD_LOG:?run inside with-card.sh --profile}"
work=$(mktemp -d); svc_pid=""
cleanup() { [ -n "$svc_pid" ] && kill "$svc_pid" 2>/dev/null; [ -n "${card_pid:-}" ] && kill "$card_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ca=$personas/ca/sign-ca.pem
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state
# the settings the window uses too, in a key file of the test
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$(dirname "$cli")/../data
"$cli" config set service-url https://localhost:8443 2>/dev/null
"$cli" config set service-ca "$pki/service-ca.pem" 2>/dev/null

"$service" --pki "$pki" --port 8443 --db "$work/service.db" --client-ca "$personas/ca/auth-ca.pem" \
  --client-ca "$pki/client-ca.pem" --trust "$ca" --ready-file "$work/ready" >> "$work/service.log" 2>&1 &
svc_pid=$!
for _ in $(seq 200); do [ -f "$work/ready" ] && break; sleep 0.05; done
check "the local service started" test -f "$work/ready"

verifies() { grep '"ins":"VERIFY"' "$INJ_TEST_VCARD_LOG" | grep -c '"empty":false' || true; }
keys=(--client-cert "$pki/client.pem" --client-key "$pki/client.key")

before=$(verifies)
expect_exit "diagnose --json" 0 "$cli" diagnose --json --trust "$ca" "${keys[@]}"
json=$out
for v in ininjo opensc p11-kit pcsc-lite libcurl gnutls libxml2 xmlsec; do
  check "the version of $v is there" contains "\"$v\" : \""
done
check "OpenSC's version is read from its module" bash -c 'grep -Eq "\"opensc\" : \"[0-9]+\.[0-9]+ " <<<"$1"' _ "$json"
check "the reader" contains "Virtual PCD 00 00"
check "the card's ATR" contains "\"atr\" : \"3B E0 00 FF 81 31 FE 45 14\""
check "the card's kind (EF 0006)" contains "\"kind\" : \"JPKIAPICCTOKEN2\""
check "the token labels" contains "JPKI (User Authentication PIN)"
check "the authentication PIN's tries: 3 of 3" bash -c 'tr -d "\n " <<<"$1" | grep -q "\"auth\":{\"tries_left\":3,\"max_tries\":3,\"exact\":true"' _ "$json"
check "the signing password's tries: 5 of 5" bash -c 'tr -d "\n " <<<"$1" | grep -q "\"sign\":{\"tries_left\":5,\"max_tries\":5,\"exact\":true"' _ "$json"
check "certificates by fingerprint" contains "\"sha256\" : \""
check "the authentication certificate chains to the card's CA" contains "\"chain_to_card_ca\" : \"trusted\""
check "p11-kit's registered modules are listed" contains "\"p11kit_modules\""
check "no try was consumed (no VERIFY with a PIN in the vcard's log)" test "$(verifies)" = "$before"
check "the name was resolved" bash -c 'tr -d "\n " <<<"$1" | grep -q "\"name_resolution\":{\"ok\":true"' _ "$json"
check "TCP connected" bash -c 'tr -d "\n " <<<"$1" | grep -q "\"tcp\":{\"ok\":true"' _ "$json"
check "the TLS version is shown" bash -c 'grep -Eq "\"version\" : \"TLS1\.[23]\"" <<<"$1"' _ "$json"
check "the server certificate was verified" contains "\"server_certificate_verified\" : \"yes\""
check "the client certificate was accepted" contains "\"client_certificate_accepted\" : \"yes\""
check "the server certificate by fingerprint" contains "sha256="
offset=$(grep -Eo '"clock_offset_s" : -?[0-9]+' <<<"$json" | grep -Eo -- '-?[0-9]+$' || echo none)
check "the clock offset is a small number ($offset s)" bash -c '[ "$1" != none ] && [ "${1#-}" -le 5 ]' _ "$offset"

expect_exit "diagnose as text, card only" 0 "$cli" diagnose --card-only
check "readable" contains "Virtual PCD 00 00"
check "the service was not tried" lacks "name_resolution"
expect_exit "an unreachable service is reported, not fatal" 0 \
  "$cli" diagnose --service-only --json --service https://localhost:1 "${keys[@]}"
check "as unreachable" contains "\"failure\" : \"unreachable\""
check "TCP refused" bash -c 'tr -d "\n " <<<"$1" | grep -q "\"tcp\":{\"ok\":false"' _ "$out"
expect_exit "an untrusted server certificate is reported" 0 \
  "$cli" diagnose --service-only --json --service-ca "$pki/client-ca.pem" "${keys[@]}"
check "as not verified" contains "\"server_certificate_verified\" : \"no\""
expect_exit "a refused client certificate is reported" 0 \
  "$cli" diagnose --service-only --json --client-cert "$pki/client-untrusted.pem" --client-key "$pki/client-untrusted.key"
check "as not accepted" bash -c 'grep -Eq "\"client_certificate_accepted\" : \"(no|unknown)\"" <<<"$1"' _ "$out"

# A signing run with the persona's data and verbose logging, a wrong
# password first (a failure in the log), then the bundle.
"$cli" new -i "$examples/corporation.ini" -o "$work/d.xml" > /dev/null
expect_exit "a wrong signing password fails" 5 \
  bash -c '"$1" --verbose sign "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"WRONGPASS9"' _ "$cli" "$work/d.xml" "$work/s.xml" "$ca"
expect_exit "signing with the right password" 0 \
  bash -c '"$1" --verbose sign "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"TESTPASS1"' _ "$cli" "$work/d.xml" "$work/s.xml" "$ca"
expect_exit "card with the signing certificate, verbose" 0 \
  bash -c '"$1" --verbose card -s --password-fd 3 3<<<"TESTPASS1"' _ "$cli"
check "the log file exists" test -s "$XDG_STATE_HOME/ininjo/logs/ininjo.log"
check "the log file is 0600" test "$(stat -c %a "$XDG_STATE_HOME/ininjo/logs/ininjo.log")" = 600

expect_exit "diagnose --bundle" 0 "$cli" diagnose --bundle "$work/bundle.tar" --trust "$ca" "${keys[@]}"
check "names the files" contains "diagnostics.json"
check "the bundle is 0600" test "$(stat -c %a "$work/bundle.tar")" = 600
listing=$(tar -tf "$work/bundle.tar" | tr '\n' ' ')
check "it holds the five files ($listing)" test "$listing" = "README.txt diagnostics.json diagnostics.txt card-operations.txt ininjo.log "
mkdir "$work/unpacked"
tar -xf "$work/bundle.tar" -C "$work/unpacked"
check "the card operations were counted" grep -q "pin-status auth-pin → ok" "$work/unpacked/card-operations.txt"
check "the earlier runs' signatures are in the log" grep -q "card operation: sign sign-key → ok" "$work/unpacked/ininjo.log"
check "and the wrong password" grep -q "card operation: sign sign-key → CKR_PIN_INCORRECT" "$work/unpacked/ininjo.log"
check "the log is in it" test -s "$work/unpacked/ininjo.log"
for s in "試験　太郎" "試験太郎" "試験 太郎" "東京都千代田区試験町" "試験町一丁目" "1975-08-15" "19750815" "昭和50年8月15日" \
         "1975年8月15日" "TESTPASS1" "WRONGPASS9" "BEGIN CERTIFICATE"; do
  check "no “$s” in any byte of the bundle" bash -c '! grep -rqF -- "$1" "$2" && ! grep -qF -- "$1" "$3"' _ "$s" "$work/unpacked" "$work/bundle.tar"
done
check "no PIN 1234 in the bundle" bash -c '! grep -rqw 1234 "$1"' _ "$work/unpacked"
check "no persona text in the log file either" bash -c '! grep -qF -e "試験　太郎" -e "TESTPASS1" -e "WRONGPASS9" "$1"' _ "$XDG_STATE_HOME/ininjo/logs/ininjo.log"

# A card's CA certificates (EF 000B, EF 0002) are a pinned root only for
# their own kind: a second card (reader 01) holding J-LIS's public 2019
# roots, then the same roots swapped between the two files.
: "${INJ_TEST_VCARD:?run inside with-card.sh --vcard}"
jpki=$examples/../jpki-ca
card_pid=""
pem_der() { openssl x509 -in "$1" -outform DER -out "$2"; }
second_card() {  # AUTH-CA-PEM SIGN-CA-PEM: the representative's card with those CAs in reader 01
  local dir=$work/card-$RANDOM
  cp -r "$personas/personas/representative" "$dir"
  pem_der "$1" "$dir/auth-ca.der"
  pem_der "$2" "$dir/sign-ca.der"
  "$INJ_TEST_VCARD" --profile "$dir" --port 35964 --exit-with-parent > "$work/card.out" 2>&1 &
  card_pid=$!
  for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01' && return 0; sleep 0.05; done
  echo "# the second card did not appear"; sed 's/^/# /' "$work/card.out"
}
stop_card() {
  kill "$card_pid" 2>/dev/null; wait "$card_pid" 2>/dev/null || true; card_pid=""
  for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01' || return 0; sleep 0.05; done
}
# pinned JSON FILE: "auth-ca=BOOL sign-ca=BOOL" of reader 01's card
pinned() {
  python3 -c 'import json, sys
cards = json.load(open(sys.argv[1]))["cards"]["cards"]
c = [c for c in cards if c.get("reader") == "Virtual PCD 00 01"][0]["certificates"]
print("auth-ca=%s sign-ca=%s" % (c["auth-ca"].get("pinned_root"), c["sign-ca"].get("pinned_root")))' "$1"
}
second_card "$jpki/auth_ca_2019.pem" "$jpki/sign_ca_2019.pem"
"$cli" diagnose --card-only --json > "$work/roots.json" 2>/dev/null || true
got=$(pinned "$work/roots.json" 2>&1 || true)
check "J-LIS's 2019 roots on a card: each pinned for its kind ($got)" test "$got" = "auth-ca=True sign-ca=True"
stop_card
second_card "$jpki/sign_ca_2019.pem" "$jpki/auth_ca_2019.pem"
"$cli" diagnose --card-only --json > "$work/swapped.json" 2>/dev/null || true
got=$(pinned "$work/swapped.json" 2>&1 || true)
check "the same roots in each other's file: neither pinned ($got)" test "$got" = "auth-ca=False sign-ca=False"
stop_card
finish
