#!/usr/bin/env bash
# test-cli-sign.sh CLI XSD EXAMPLES PERSONAS: create → sign → verify on the
# representative's virtual card (reader 00), the agent's submission made on
# a second virtual card (reader 01), imported and packaged; xmlsec1 checks
# every signature. Inside with-card.sh --profile representative.
set -euo pipefail
cli=$1 examples=$2 personas=$3
. "$(dirname "$0")/../cli/tap.sh"
: "${INJ_TEST_VCARD_LOG:?run inside with-card.sh --profile}"
work=$(mktemp -d); agent_pid=""
trap '[ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null; rm -rf "$work"' EXIT
ca=$personas/ca/sign-ca.pem
# xmlsec1's --trusted-pem reads only a file's first certificate: one per generation
xmlsec_trust=(--trusted-pem "$personas/ca/sign-ca-2023.pem" --trusted-pem "$personas/ca/sign-ca-2019.pem"
              --trusted-pem "$personas/ca/sign-ca-2015.pem")
export XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state

control() {
  python3 -c 'import socket,sys
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2]+"\n").encode())
print(s.makefile().readline().strip())' "$1" "$2"
}

"$cli" new -i "$examples/corporation.ini" -o "$work/d.xml"

expect_exit "a wrong password: exit 5, nothing written" 5 \
  bash -c '"$1" sign "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"WRONG1234"' _ "$cli" "$work/d.xml" "$work/bad.xml" "$ca"
check "no file" test ! -e "$work/bad.xml"

expect_exit "sign on the card" 0 \
  bash -c '"$1" sign "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"testpass1"' _ "$cli" "$work/d.xml" "$work/signed.xml" "$ca"
check "shows what it signs before asking" contains "次の電子委任状に署名します"
check "and verified it" contains "署名（RSA-SHA256）は文書全体を対象とし、変更されていません"
check "the signer's name matches 代表者名" contains "署名者の氏名が「代表者名」と一致しています"
check "the signed file is readable by its owner only" test "$(stat -c %a "$work/signed.xml")" = 600
check "xmlsec1 verifies it (independent implementation)" xmlsec1 --verify "${xmlsec_trust[@]}" "$work/signed.xml"
check "the unsigned part is byte for byte the file that was shown" \
  cmp <(head -n -2 "$work/d.xml") <(head -n "$(( $(wc -l < "$work/d.xml") - 2 ))" "$work/signed.xml")

status=$(control "$INJ_TEST_VCARD_CONTROL" status)
check "the card is not left verified" sh -c "echo '$status' | grep -q '\"sign_verified\":false'"
check "the signing password was presented (a VERIFY before the signature)" sh -c "grep '\"ins\":\"VERIFY\"' '$INJ_TEST_VCARD_LOG' | grep -q '001B'"
check "the password never reaches the APDU log" sh -c "! grep -qi -e TESTPASS1 -e 5445535450415353 '$INJ_TEST_VCARD_LOG'"

expect_exit "verify" 0 "$cli" verify --trust "$ca" "$work/signed.xml"
check "reports the chain" contains "設定された信頼点が発行しています"
expect_exit "without the TEST CA, the signature is not trusted" 1 "$cli" verify "$work/signed.xml"
check "and says whom it would need" contains "信頼する公的個人認証の署名用ルートが発行したものではありません"
sed 's/テスト商事株式会社/テスト商事株式会杜/' "$work/signed.xml" > "$work/tampered.xml"
expect_exit "a changed character is caught" 1 "$cli" verify --trust "$ca" "$work/tampered.xml"
check "as a change after signing" contains "署名後に文書が変更されています"
expect_exit "signing twice is refused" 1 "$cli" sign "$work/signed.xml" -o "$work/twice.xml" --trust "$ca"

# The agent: a second virtual card in the second vpcd slot.
"$INJ_TEST_VCARD" --profile "$personas/personas/agent-zeirishi" --port 35964 \
  --log "$work/agent.jsonl" --control "$work/agent.sock" > "$work/agent.out" 2>&1 &
agent_pid=$!
for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01' && break; sleep 0.05; done

# Two people's cards at one desk: without --reader nothing is signed and no
# password reaches either card (never "whichever comes first").
verifies() { grep '"ins":"VERIFY"' "$1" | grep -vc '"empty":true' || true; }
rep_before=$(verifies "$INJ_TEST_VCARD_LOG"); agent_before=$(verifies "$work/agent.jsonl")
expect_exit "two cards and no --reader: sign is refused" 5 \
  bash -c '"$1" sign "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"TESTPASS1"' _ "$cli" "$work/d.xml" "$work/two.xml" "$ca"
check "saying to choose the card" contains "複数のカードリーダーにマイナンバーカードが入っています"
check "nothing written" test ! -e "$work/two.xml"
check "no password presented to either card" \
  test "$(verifies "$INJ_TEST_VCARD_LOG") $(verifies "$work/agent.jsonl")" = "$rep_before $agent_before"
expect_exit "two cards and no --reader: the agent's submission is refused too" 5 \
  bash -c '"$1" agent submit -d "$2" -o "$3" --trust "$4" --password-fd 3 3<<<"ZEIRISHI4TEST"' \
  _ "$cli" "$work/signed.xml" "$work/sub-two.xml" "$ca"
check "no submission written" test ! -e "$work/sub-two.xml"

expect_exit "the agent submits for the delegation" 0 \
  bash -c '"$1" agent submit -d "$2" -o "$3" -r "Virtual PCD 00 01" --trust "$4" --password-fd 3 3<<<"ZEIRISHI4TEST"' \
  _ "$cli" "$work/signed.xml" "$work/sub.xml" "$ca"
check "xmlsec1 verifies the submission" xmlsec1 --verify "${xmlsec_trust[@]}" "$work/sub.xml"
expect_exit "the request code" 0 "$cli" agent request-code "$work/signed.xml"
code=$out
check "looks like XXXX-XXXX-XXXX-XXXX" sh -c "echo '$code' | grep -Eq '^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$'"
expect_exit "the agent submits for the request code (typed in lower case)" 0 \
  bash -c '"$1" agent submit -c "$2" -o "$3" -r "Virtual PCD 00 01" --trust "$4" --password-fd 3 3<<<"ZEIRISHI4TEST"' \
  _ "$cli" "$(echo "$code" | tr A-Z a-z)" "$work/sub-code.xml" "$ca"

expect_exit "the representative imports it" 0 "$cli" agent import "$work/sub.xml" -d "$work/signed.xml" --trust "$ca"
check "what the service stores, masked" contains "髙＊＊＊"
check "not the agent's name" lacks "髙橋　テスト"
expect_exit "--reveal shows it" 0 "$cli" agent import "$work/sub-code.xml" -d "$work/signed.xml" --trust "$ca" --reveal
check "the agent's name" contains "髙橋　テスト"
check "the agent's date of birth in 和暦" contains "平成元年1月8日"

"$cli" new -i "$examples/corporation.ini" -o "$work/other.xml"
expect_exit "a submission for another delegation is refused" 1 "$cli" agent import "$work/sub.xml" -d "$work/other.xml" --trust "$ca"
check "saying so" contains "別の電子委任状"

id=$(grep -o '<DelegationId>[^<]*' "$work/signed.xml" | cut -d'>' -f2)
box=$XDG_DATA_HOME/ininjo/outbox/$id
# No Secret Service here (the test environment's session bus is nowhere):
# the package would be kept unencrypted, which needs the user's consent.
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/ininjo-no-bus
expect_exit "without a Secret Service, package is refused" 3 \
  "$cli" package -d "$work/signed.xml" -s "$work/sub.xml" --trust "$ca"
check "saying what to do" contains "--allow-unencrypted"
check "nothing in the outbox" test ! -e "$box"
# The application's setting allows it (settings in a key file of the test).
export XDG_CONFIG_HOME=$work/config GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR=$(dirname "$cli")/../data
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf '[io/github/ininjo/Ininjo]\nallow-unencrypted-local-data=true\n' \
  > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
expect_exit "package" 0 "$cli" package -d "$work/signed.xml" -s "$work/sub.xml" --trust "$ca"
check "in the outbox" test -f "$box/delegation.xml"
check "the outbox is the user's only" test "$(stat -c %a "$XDG_DATA_HOME/ininjo/outbox")" = 700
check "the package files are the user's only" test "$(stat -c %a "$box/agent-submission.xml")" = 600
check "the delegation is stored byte for byte" cmp "$box/delegation.xml" "$work/signed.xml"
check "nothing half-written remains" sh -c "! ls -a '$XDG_DATA_HOME/ininjo/outbox' | grep -q incoming"
expect_exit "packaging twice is refused" 3 "$cli" package -d "$work/signed.xml" -s "$work/sub.xml" --trust "$ca"
check "as already in the outbox" contains "既に送信待ちフォルダーにあります"

# With a Secret Service of its own: the package is encrypted on disk.
unset GSETTINGS_BACKEND
expect_exit "erase" 0 "$cli" erase --yes
check "the outbox is gone" test ! -e "$XDG_DATA_HOME/ininjo/outbox"
expect_exit "package with a Secret Service" 0 "$(dirname "$0")/../vault/with-keyring.sh" bash -c '
  "$1" package -d "$2/signed.xml" -s "$2/sub.xml" --trust "$3" > /dev/null || exit 1
  "$1" status' _ "$cli" "$work" "$ca"
check "the status reads it back" contains "$id"
check "the delegation is encrypted" test "$(head -c 8 "$box/delegation.xml")" = INJVAULT
check "the agent's name is not on disk" sh -c "! grep -rq '髙橋' '$XDG_DATA_HOME'"
check "the package files are still the user's only" test "$(stat -c %a "$box/agent-submission.xml")" = 600

status=$(control "$work/agent.sock" status)
check "the agent's card is not left verified" sh -c "echo '$status' | grep -q '\"sign_verified\":false'"

# The audit log: each signature with the signer's fingerprint only.
audit=$XDG_STATE_HOME/ininjo/audit.jsonl
fingerprint() { openssl x509 -inform DER -in "$1" -noout -fingerprint -sha256 | cut -d= -f2; }
rep_fp=$(fingerprint "$personas/personas/representative/sign-cert.der")
agent_fp=$(fingerprint "$personas/personas/agent-zeirishi/sign-cert.der")
check "the audit log is the user's only" test "$(stat -c %a "$audit")" = 600
check "its directory too" test "$(stat -c %a "$XDG_STATE_HOME/ininjo")" = 700
check "a sign event with the representative's certificate fingerprint and the delegation ID" \
  grep -q "\"action\":\"sign\",\"fingerprint\":\"$rep_fp\",\"serial\":\"[0-9A-F]*\",\"delegation\":\"$id\",\"result\":\"ok\"" "$audit"
check "the wrong password: a failed sign event with an error code, no message" \
  grep -q '"action":"sign",.*"result":"failed","code":"inj-pkcs11-error:[0-9]*","prev"' "$audit"
check "the agent's submissions, with the agent's fingerprint" \
  test "$(grep -c "\"action\":\"submission\",\"fingerprint\":\"$agent_fp\".*\"result\":\"ok\"" "$audit")" = 2
check "no name, address, date of birth or certificate body in it" sh -c "! grep -q -e '試験' -e '千代田' -e '19750815' -e '髙橋' -e '$(base64 -w0 "$personas/personas/representative/sign-cert.der" | cut -c 40-80)' '$audit'"
check "no password" sh -c "! grep -qi -e TESTPASS1 -e ZEIRISHI4TEST -e WRONG1234 '$audit'"
expect_exit "audit verify: intact" 0 "$cli" audit verify
expect_exit "audit show" 0 "$cli" audit show
check "shows the representative's fingerprint" contains "$rep_fp"
sed -i '2s/"result":"ok"/"result":"failed"/' "$audit"
expect_exit "a changed line 2: audit verify exits 1" 1 "$cli" audit verify
check "naming line 2" contains "audit.jsonl:2:"
finish
