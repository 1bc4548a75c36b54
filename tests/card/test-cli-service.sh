#!/usr/bin/env bash
# test-cli-service.sh CLI SERVICE VCARD EXAMPLES PERSONAS PKI MAKE-ACCOUNT: the whole flow on
# the virtual cards against the local service, inside with-card.sh --profile
# representative: create → agent submission → sign → package → upload →
# receipt → stored → list → show → renew (old ID retired) → validity of
# active, retired, expired and unknown IDs; the service's knobs, TLS limits;
# then the account (issue 16): register → the operator confirms → upload →
# the renewed card bound again → list → terminate → a recipient registers
# and its validity check says ended.
# Run inside with-keyring.sh too: the packages are encrypted at rest.
# FLOW_REPRESENTATIVE and FLOW_AGENT name the personas (defaults
# representative and agent-zeirishi; with-card.sh's --profile must be the
# representative's): the same flow runs on the TEST 2019 generation.
set -euo pipefail
export LC_ALL=C.UTF-8
cli=$1 service=$2 vcard=$3 examples=$4 personas=$5 pki=$6 make_account=$7
. "$(dirname "$0")/../cli/tap.sh"
: "${INJ_TEST_VCARD_LOG:?run inside with-card.sh --profile}"
work=$(mktemp -d); svc_pid="" agent_pid=""
cleanup() { [ -n "$svc_pid" ] && kill "$svc_pid" 2>/dev/null; [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ca=$personas/ca/sign-ca.pem
rep=${FLOW_REPRESENTATIVE:-representative} agent=${FLOW_AGENT:-agent-zeirishi}
# ini_get PERSONA SECTION KEY: a value of the persona's persona.ini
ini_get() { awk -v s="[$2]" -v k="$3" '$0 == s { on = 1; next } /^\[/ { on = 0 }
  on { i = index($0, "="); key = substr($0, 1, i - 1); gsub(/ /, "", key)
       if (key == k) { v = substr($0, i + 1); sub(/^ +/, "", v); print v; exit } }' "$personas/personas/$1/persona.ini"; }
export AUTH_PIN; AUTH_PIN=$(ini_get "$rep" card auth-pin)
# passwords through the environment, never argv (a failing step prints its command)
export REP_PASSWORD AGENT_PASSWORD
REP_PASSWORD=$(ini_get "$rep" card sign-pin) AGENT_PASSWORD=$(ini_get "$agent" card sign-pin)
agent_name=$(ini_get "$agent" san name)
[ -n "$AUTH_PIN" ] && [ -n "$REP_PASSWORD" ] && [ -n "$AGENT_PASSWORD" ] && [ -n "$agent_name" ] ||
  { echo "Bail out! the personas $rep and $agent are incomplete in $personas"; exit 1; }
echo "# the flow on $rep ($(ini_get "$rep" expect generation)) and $agent ($(ini_get "$agent" expect generation))"
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
# the settings the window uses too, in a key file of the test
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$(dirname "$cli")/../data
"$cli" config set service-url https://localhost:8443 2>/dev/null
"$cli" config set service-ca "$pki/service-ca.pem" 2>/dev/null
db=$work/service.db
# the representative's account, registered on the operator's page (issue
# 16), its card's authentication certificate bound; a restart finds it bound
mapfile -t accounts < <(bash "$(dirname "$0")/../service/preregister.sh" "$make_account" "$personas" \
  "$work/accounts" "$rep:$personas/personas/$rep/auth-cert.der" "$rep:$pki/client.pem")

start_service() {
  rm -f "$work/ready"
  "$service" --pki "$pki" --port 8443 --db "$db" --client-ca "$personas/ca/auth-ca.pem" \
    --client-ca "$pki/client-ca.pem" --trust "$ca" --ready-file "$work/ready" "${accounts[@]}" "$@" >> "$work/service.log" 2>&1 &
  svc_pid=$!
  for _ in $(seq 200); do [ -f "$work/ready" ] && return 0; sleep 0.05; done
  echo "# the service did not start"; cat "$work/service.log" | sed 's/^/# /'; return 1
}
stop_service() { kill "$svc_pid" 2>/dev/null; wait "$svc_pid" 2>/dev/null || true; svc_pid=""; }
pin() { printf '%s\n' "$AUTH_PIN"; }
# the representative's card; the agent's is in the second reader
rep_reader="Virtual PCD 00 00"; export rep_reader
rows() { sqlite3 "$db" "SELECT COUNT(*) FROM receipts WHERE delegation_id='$1';"; }

# step DESCRIPTION COMMAND...: a step the rest depends on; a failure ends
# the test, saying which step and what the command said
step() {
  local d=$1; shift
  if "$@" > "$work/step.out" 2>&1; then return 0; fi
  local lines; mapfile -t lines < "$work/step.out"
  not_ok "$d" "failed: $*" "${lines[@]}"; finish; exit 1
}
make_package() {  # NAME SUPERSEDED-BY-INPUT → packages NAME
  local name=$1 input=$2
  step "$name: $rep signs" \
    bash -c '"$1" sign "$2" -o "$3" --trust "$4" -r "$rep_reader" --password-fd 3 3<<<"$REP_PASSWORD"' _ \
    "$cli" "$input" "$work/$name-signed.xml" "$ca"
  step "$name: $agent submits" \
    bash -c '"$1" agent submit -d "$2" -o "$3" -r "Virtual PCD 00 01" --trust "$4" --password-fd 3 3<<<"$AGENT_PASSWORD"' _ \
    "$cli" "$work/$name-signed.xml" "$work/$name-sub.xml" "$ca"
  step "$name: packaged" "$cli" package -d "$work/$name-signed.xml" -s "$work/$name-sub.xml" --trust "$ca"
}

"$vcard" --profile "$personas/personas/$agent" --port 35964 > "$work/agent.out" 2>&1 &
agent_pid=$!
for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01' && break; sleep 0.05; done

# --- a failing service first: the package stays, a later upload registers once
# the representative's name as on their certificate (a mismatch is only a warning)
sed "s/^representative-name = .*/representative-name = $(ini_get "$rep" san name)/" \
  "$examples/corporation.ini" >"$work/corporation.ini"
examples_ini=$work/corporation.ini
"$cli" new -i "$examples_ini" -o "$work/d.xml"
make_package first "$work/d.xml"
id=$(grep -o '<DelegationId>[^<]*' "$work/first-signed.xml" | cut -d'>' -f2)
check "the package is in the outbox" test -d "$XDG_DATA_HOME/ininjo/outbox/$id"
check "encrypted at rest (a Secret Service of the test's own)" \
  test "$(head -c 8 "$XDG_DATA_HOME/ininjo/outbox/$id/delegation.xml")" = INJVAULT

start_service
expect_exit "two cards and no --reader: nothing is sent, no PIN asked" 5 bash -c '"$1" upload --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "saying to choose the card" contains "複数のカードリーダーにマイナンバーカードが入っています"
check "the package stays" test -d "$XDG_DATA_HOME/ininjo/outbox/$id"
stop_service

start_service --fail-rate 1
expect_exit "a service answering 503 every time: upload fails" 6 bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "clearly" contains "利用できません"
check "and the package stays in the outbox" contains "送信待ちフォルダーに残っています"
check "still there" test -d "$XDG_DATA_HOME/ininjo/outbox/$id"
stop_service

start_service --drop-after-body
expect_exit "a service that loses every answer after storing: upload fails" 6 \
  bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "saying the connection was cut" contains "接続が応答の途中で切れました"
check "the package stays in the outbox" test -d "$XDG_DATA_HOME/ininjo/outbox/$id"
check "though the service has it once (the answer was lost, not the request)" test "$(rows "$id")" = 1
stop_service

start_service
expect_exit "a later upload with the same idempotency key gets the receipt" 0 \
  bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "stored" contains "保管済み"
check "one TLS handshake for the upload" contains "TLS ハンドシェイクは 1 回"
check "registered exactly once in the service's database" test "$(rows "$id")" = 1
check "the package left the outbox" test ! -d "$XDG_DATA_HOME/ininjo/outbox/$id"
check "it is kept with its receipt" test -f "$XDG_DATA_HOME/ininjo/sent/$id/package.ini"
check "still encrypted" test "$(head -c 8 "$XDG_DATA_HOME/ininjo/sent/$id/package.ini")" = INJVAULT
check "and the service's counter-signed record" test -f "$XDG_DATA_HOME/ininjo/sent/$id/record.json"
stop_service

# --- the normal service: the whole flow
start_service
before=$(grep -c '"ins":"COMPUTE DIGITAL SIGNATURE".*"ef":"0017"' "$INJ_TEST_VCARD_LOG" || true)
expect_exit "profile" 0 bash -c '"$1" profile --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "names the service" contains "Ininjo ローカル検証サービス"
check "says how many PIN tries are left before asking" contains "残り回数: 3 回"
after=$(grep -c '"ins":"COMPUTE DIGITAL SIGNATURE".*"ef":"0017"' "$INJ_TEST_VCARD_LOG" || true)
check "one handshake costs the card's authentication key 1 operation (GnuTLS's key check is declined: one PIN)" \
  test "$((after - before))" = 1
status=$(python3 -c 'import socket,sys
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"status\n"); print(s.makefile().readline())' "$INJ_TEST_VCARD_CONTROL")
check "the card is not left verified after the workflow" sh -c "echo '$status' | grep -q '\"auth_verified\":false'"

expect_exit "status shows it stored" 0 bash -c '"$1" status --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "stored" contains "$id: 保管済み"
expect_exit "list" 0 bash -c '"$1" list --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "the delegation is active, with its period in 和暦" sh -c "echo '$out' | grep -q '$id  有効  令和'"
expect_exit "show ID (verified again here)" 0 bash -c '"$1" show "$2" --trust "$3" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$id" "$ca"
check "what the service stores of the agent, masked" contains "${agent_name:0:1}＊＊＊"
# the delegation a person reads (issue 17 §3): the stored one, verified again
# here, and the signed file; pdftotext (poppler-utils) reads them back
pdftext() { command -v pdftotext >/dev/null || { echo "# pdftotext is missing: install poppler-utils"; return 1; }
  out=$(pdftotext -enc UTF-8 "$1" - | tr -d ' \n\t\f' | sed 's/　//g'); }
# a name as pdftotext gives it: without its (ideographic) space
flat() { sed 's/[ 　]//g' <<<"$1"; }
# the agent as the delegation names them (the input file's, not the card's)
d_agent=$(awk -F' *= *' '/^\[agent\]/ { a = 1; next } /^\[/ { a = 0 } a && $1 == "name" { print $2; exit }' "$examples_ini")
check "the delegation names its agent" test -n "$d_agent"
# fontconfig's caches, reached through Pango, are never freed by design:
# with-keyring.sh's suppressions and the printout's
cat "$(dirname "$0")/../lsan-dbus.supp" "$(dirname "$0")/../printout/lsan.supp" > "$work/lsan-render.supp"
export RENDER_LSAN="suppressions=$work/lsan-render.supp:print_suppressions=0"
expect_exit "render ID: the stored delegation as a PDF" 0 bash -c 'LSAN_OPTIONS=$RENDER_LSAN "$1" render "$2" -o "$3" --trust "$4" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$id" "$work/stored.pdf" "$ca"
check "says what it wrote" contains "$id を PDF として $work/stored.pdf に書き出しました"
check "and that personal items are masked" contains "--reveal-personal"
check "pdftotext reads it" pdftext "$work/stored.pdf"
check "with the ID and its validity URL" contains "https://localhost:8443/api/v1/validity/$id"
check "the signature valid" contains "有効です。署名と署名者の電子証明書は、すべての確認に合格しました。"
check "the agent's name masked" lacks "$(flat "$d_agent")"
check "its mask there" contains "${d_agent:0:1}＊＊＊"
check "no file named as the record (it is at the service)" contains "正本は署名付きのXMLファイルです。"
expect_exit "render FILE: the signed file, revealed" 0 env LSAN_OPTIONS="$RENDER_LSAN" "$cli" render "$work/first-signed.xml" -o "$work/first.pdf" --trust "$ca" --reveal-personal
check "pdftotext reads it" pdftext "$work/first.pdf"
check "naming the signed XML as the record" contains "（first-signed.xml）です。"
check "the agent's name shown on request" contains "$(flat "$d_agent")"
rep_name=$(flat "$(ini_get "$rep" san name)")
check "the signer's name from the certificate, besides the 代表者名" test "$(grep -o "$rep_name" <<<"$out" | wc -l)" -ge 2
expect_exit "an existing -o is refused without --force, before the service is asked" 3 env LSAN_OPTIONS="$RENDER_LSAN" "$cli" render "$id" -o "$work/stored.pdf"
check "saying so" contains "既に存在します"
# the card's signing password changed (issue 17 §1): the tries left first,
# the current value once, the new one twice; then signing takes the new one
# only, and the old value, given once, costs one try; changed back after, so
# that the steps below sign as before
change_password() { "$cli" card change-password --reader "$rep_reader" --password-fd 3 3< <(printf '%s\n' "$1" "$2" "$2"); }
new_password=FLOW7CHANGED
expect_exit "card change-password" 0 change_password "$REP_PASSWORD" "$new_password"
check "the tries left shown before anything is asked" contains "署名用電子証明書のパスワード：残り"
check "saying it changed" contains "署名用電子証明書のパスワードを変更しました"
check "the card left unverified" sh -c "python3 -c 'import socket,sys
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b\"status\\n\"); print(s.makefile().readline())' \"\$INJ_TEST_VCARD_CONTROL\" | grep -q '\"sign_verified\":false'"
expect_exit "signing with the old password: refused (exit 5)" 5 \
  bash -c '"$1" sign "$2" -o "$3" --trust "$4" -r "$rep_reader" --password-fd 3 3<<<"$REP_PASSWORD"' _ \
  "$cli" "$work/d.xml" "$work/after-change.xml" "$ca"
check "one try spent" contains "残り 4 回"
expect_exit "signing with the new password" 0 \
  bash -c '"$1" sign "$2" -o "$3" --trust "$4" -r "$rep_reader" --password-fd 3 3<<<"$5"' _ \
  "$cli" "$work/d.xml" "$work/after-change.xml" "$ca" "$new_password"
expect_exit "card change-password back to the first" 0 change_password "$new_password" "$REP_PASSWORD"
expect_exit "validity of an active delegation" 0 bash -c '"$1" validity "$2" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$id"
check "active" contains "$id: 有効"
expect_exit "validity of an unknown ID" 1 bash -c '"$1" validity 11111111-1111-4111-8111-111111111111 --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "unknown" contains "サービスに登録がありません"

# --- renewal: a new ID that retires the old one
expect_exit "renew writes the renewal" 0 bash -c '"$1" renew "$2" -o "$3" --trust "$4" --end today+2y --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$id" "$work/renewal.xml" "$ca"
new=$(grep -o '<DelegationId>[^<]*' "$work/renewal.xml" | cut -d'>' -f2)
check "with a new ID" test -n "$new" -a "$new" != "$id"
check "that names the old one" grep -q "<Supersedes>$id</Supersedes>" "$work/renewal.xml"
make_package renewal "$work/renewal.xml"
expect_exit "upload the renewal" 0 bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "stored" contains "$new: 保管済み"
expect_exit "the old ID is retired" 1 bash -c '"$1" validity "$2" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$id"
check "retired" contains "失効（更新済み）"
expect_exit "the new one is active" 0 bash -c '"$1" validity "$2" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$new"
stop_service

# --- expired: the same database, the service's clock three years on
start_service --now "$(date -u -d '+3 years' +%Y-%m-%dT%H:%M:%SZ)"
expect_exit "validity of an expired delegation" 1 bash -c '"$1" validity "$2" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli" "$new"
check "expired" contains "期限切れ"
stop_service

# --- TLS limits
start_service --tls13-only
expect_exit "a TLS 1.3-only service with the card's key" 6 bash -c '"$1" profile --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "explains why" contains "TLS 1.3 しか受け付けません"
expect_exit "the same service with a file key works" 0 "$cli" profile --client-cert "$pki/client.pem" --client-key "$pki/client.key"
stop_service

rows_before=$(sqlite3 "$db" "SELECT COUNT(*) FROM receipts;")
"$cli" new -i "$examples_ini" -o "$work/d3.xml"
make_package third "$work/d3.xml"
start_service --cert "$pki/server-wronghost.pem" --key "$pki/server-wronghost.key"
expect_exit "a server certificate for another host is refused" 6 bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "saying so" contains "別のホスト名"
stop_service
start_service --cert "$pki/server-unknownca.pem" --key "$pki/server-unknownca.key"
expect_exit "a server certificate from an unknown CA is refused" 6 bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
check "saying so" contains "設定されたサービスの認証局が発行したものではありません"
stop_service
check "nothing reached the service" test "$(sqlite3 "$db" "SELECT COUNT(*) FROM receipts;")" = "$rows_before"
check "the package is still in the outbox" sh -c "ls '$XDG_DATA_HOME/ininjo/outbox' | grep -q ."

start_service
expect_exit "a client certificate from a CA the service does not trust" 6 \
  "$cli" profile --client-cert "$pki/client-untrusted.pem" --client-key "$pki/client-untrusted.key"
check "is refused with a clear error" contains "クライアント証明書を拒否"
expect_exit "and the pending package goes once the service is right" 0 bash -c '"$1" upload --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"' _ "$cli"
stop_service
# --- the account (issue 16), on a service of its own whose operator confirms
# by hand: register → 確認待ち → confirmed → upload → the card renewed and
# bound again → list → terminate → a recipient's validity check says ended.
# The renewed card and the recipient's take turns in the second reader.
adb=$work/account.db
start_account_service() {
  rm -f "$work/ready"
  "$service" --pki "$pki" --port 8443 --db "$adb" --client-ca "$personas/ca/auth-ca.pem" \
    --client-ca "$pki/client-ca.pem" --trust "$ca" --confirm-accounts manual \
    --ready-file "$work/ready" >> "$work/service.log" 2>&1 &
  svc_pid=$!
  for _ in $(seq 200); do [ -f "$work/ready" ] && return 0; sleep 0.05; done
  echo "# the service did not start"; sed 's/^/# /' "$work/service.log"; return 1
}
second_card() {  # PERSONA: the card in "Virtual PCD 00 01" from now on
  kill "$agent_pid" 2>/dev/null; wait "$agent_pid" 2>/dev/null || true
  # the reader must have seen the card go before the next one counts
  for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01' || break; sleep 0.05; done
  "$vcard" --profile "$personas/personas/$1" --port 35964 > "$work/second.out" 2>&1 &
  agent_pid=$!
  for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01' && break; sleep 0.05; done
}
# the 基本情報 with the representative's name and address as on the card
rep_address=$(ini_get "$rep" san address)
sed -e "s/^representative-name = .*/representative-name = $(ini_get "$rep" san name)/" \
    -e "s/^representative-address = .*/representative-address = $rep_address/" \
  "$examples/account-corporation.ini" > "$work/account.ini"
# rep_cli ARGS...: the representative's card, its PIN on fd 3; rep_sign also
# its password on fd 4 (the verbs that sign)
rep_cli() { "$cli" "$@" --reader "$rep_reader" --password-fd 3 3<<<"$AUTH_PIN"; }
rep_sign() { rep_cli "$@" --sign-password-fd 4 4<<<"$REP_PASSWORD"; }
start_account_service
expect_exit "account show before registering" 1 rep_cli account show
check "says to register the 基本情報 first" contains "まず利用者情報（基本情報）を登録してください"
# without --input the items are asked, each checked as it is answered; the
# end of input stops before anything is signed
printf '%s\n' 会社 法人 4010001234567 テスト商事株式会社 東京都千代田区試験町一丁目1番1号 代表取締役 \
  "$(ini_get "$rep" san name)" "$rep_address" 03-abc > "$work/answers"
answered() { rep_sign "$@" < "$work/answers"; }
expect_exit "account register, answering on the terminal, stopped by the end of input" 1 \
  answered account register
check "an unknown kind is asked again" contains "「法人」または「個人事業者」と入力してください"
check "a wrong telephone number is asked again, saying why" contains "「代表者電話番号」は10桁または11桁の数字で入力してください"
check "nothing was signed or sent" lacks "次の利用者情報に署名して登録します"
expect_exit "account register -i FILE: shown, signed, registered" 0 rep_sign account register -i "$work/account.ini" --trust "$ca"
check "what is signed is shown first, the address masked" contains "代表者住所: ＊＊＊＊＊＊"
check "and the address itself is not printed" lacks "$rep_address"
check "registered, 確認待ち" contains "確認待ち"
check "the account's copy is kept on this computer, encrypted" \
  test "$(head -c 8 "$XDG_DATA_HOME/ininjo/account/account")" = INJVAULT
account=$(printf '%s\n' "$out" | grep -o 'A-[0-9A-Z]\{16\}' | head -1)
check "with its account ID" test -n "$account"
"$cli" new -i "$examples_ini" -o "$work/d-account.xml"
make_package account "$work/d-account.xml"
aid=$(grep -o '<DelegationId>[^<]*' "$work/account-signed.xml" | cut -d'>' -f2)
expect_exit "upload before the operator confirms: refused" 1 rep_cli upload
check "saying the account awaits the registry check" contains "利用者情報は確認待ちです"
check "the package stays in the outbox" test -d "$XDG_DATA_HOME/ininjo/outbox/$aid"
operator_confirms() { "$service" confirm "$1" --db "$adb" > "$work/confirm.out" 2>&1; }
check "the operator confirms (ininjo-service confirm)" operator_confirms "$account"
expect_exit "account show" 0 rep_cli account show --trust "$ca"
check "確認済み" contains "確認済み"
check "the 基本情報 read from the signed statement, masked" contains "代表者住所: ＊＊＊＊＊＊"
check "one card bound, this one" contains "（このカード）"
expect_exit "upload once confirmed" 0 rep_cli upload
check "stored" contains "$aid: 保管済み"
if [ "$rep" = representative ]; then
  renewed=representative-renewed
  second_card "$renewed"
  RENEWED_PIN=$(ini_get "$renewed" card auth-pin) RENEWED_PASSWORD=$(ini_get "$renewed" card sign-pin)
  export RENEWED_PIN RENEWED_PASSWORD
  new_cli() { "$cli" "$@" --reader "Virtual PCD 00 01" --password-fd 3 3<<<"$RENEWED_PIN"; }
  new_sign() { new_cli "$@" --sign-password-fd 4 4<<<"$RENEWED_PASSWORD"; }
  expect_exit "the renewed card is not bound yet: list refused" 1 new_cli list
  check "saying to register the new card" contains "新しいカードを登録し直してください"
  expect_exit "account rebind with the renewed card" 0 new_sign account rebind --account "$account" --trust "$ca"
  check "two cards, the old one on record" contains "カードは 2 枚"
  sed "s/^phone = .*/phone = 03-1111-2222/" "$work/account.ini" > "$work/account-phone.ini"
  expect_exit "account change with the bound renewed card" 0 new_sign account change -i "$work/account-phone.ini" --trust "$ca" --reveal
  check "shows only what changes, before signing" contains "代表者電話番号: 03-0000-0000 → 03-1111-2222"
  check "and nothing else" lacks "組織名称"
  check "a new telephone number keeps the account confirmed" contains "確認済み"
  expect_exit "list with the renewed card" 0 new_cli list
  check "sees the account's delegation" contains "$aid  有効"
  expect_exit "terminate without --yes and no answer: nothing ends" 4 new_sign terminate "$aid" --trust "$ca" </dev/null
  expect_exit "terminate ID --yes with the renewed card" 0 new_sign terminate "$aid" --trust "$ca" --yes --reason "受任者が退職したため"
  check "shows what ends before signing" contains "次の電子委任状を今終了します"
  check "ended" contains "終了しました: $aid"
  expect_exit "terminate it once more: refused" 1 new_sign terminate "$aid" --trust "$ca" --yes
  check "saying it has already ended" contains "既に終了しています"
  # the representative moved: a new card with a new address, the old one revoked
  moved=representative-moved
  second_card "$moved"
  MOVED_PIN=$(ini_get "$moved" card auth-pin) MOVED_PASSWORD=$(ini_get "$moved" card sign-pin)
  export MOVED_PIN MOVED_PASSWORD
  moved_cli() { "$cli" "$@" --reader "Virtual PCD 00 01" --password-fd 3 3<<<"$MOVED_PIN"; }
  # the change and the card's binding are two signatures: the password twice
  moved_sign() { moved_cli "$@" --sign-password-fd 4 4<<<"$MOVED_PASSWORD"$'\n'"$MOVED_PASSWORD"; }
  expect_exit "account rebind with the moved representative's card: refused" 1 moved_sign account rebind --account "$account" --trust "$ca"
  check "saying to change the address first, then bind the card" contains "先に利用者情報の住所を変更し、それから新しいカードを登録し直してください"
  sed "s/^representative-address = .*/representative-address = $(ini_get "$moved" san address)/" \
    "$work/account.ini" > "$work/account-moved.ini"
  expect_exit "account change --account with the new card: the new address and the card together" 0 \
    moved_sign account change -i "$work/account-moved.ini" --account "$account" --trust "$ca"
  check "what changes is shown before signing, masked" contains "代表者住所: ＊＊＊＊＊＊"
  check "a 法人's changed address awaits the operator again" contains "確認待ち"
  expect_exit "account show with the new card" 0 moved_cli account show --trust "$ca"
  check "three cards on record, this one among them" sh -c "echo '$out' | grep -c '…  ' | grep -qx 3 && echo '$out' | grep -q '（このカード）'"
else
  expect_exit "terminate ID --yes" 0 rep_sign terminate "$aid" --trust "$ca" --yes
  check "ended" contains "終了しました: $aid"
fi
check "an audit event of the termination" grep -q "\"termination\".*$aid" "$XDG_STATE_HOME/ininjo/audit.jsonl"
# the recipient: the agent's card, registered with the §5.2 items
second_card "$agent"
AGENT_PIN=$(ini_get "$agent" card auth-pin); export AGENT_PIN
agent_cli() { "$cli" "$@" --reader "Virtual PCD 00 01" --password-fd 3 3<<<"$AGENT_PIN"; }
agent_sign() { agent_cli "$@" --sign-password-fd 4 4<<<"$AGENT_PASSWORD"; }
birth=$(ini_get "$agent" san birth-date) agent_address=$(ini_get "$agent" san address)
# JPKI's birth date: era digit and YYYYMMDD
printf '%s\n' "[recipient]" "kind = sole-proprietor" "organization-name = 検証会計事務所" \
  "organization-address = $agent_address" "representative-name = $agent_name" \
  "representative-address = $agent_address" \
  "birth-date = ${birth:1:4}-${birth:5:2}-${birth:7:2}" "declarant-name = $agent_name" > "$work/recipient.ini"
expect_exit "validity before registering as a recipient: refused" 1 agent_cli validity "$aid"
check "saying how to register" contains "先に受領者等として登録してください"
expect_exit "recipient register -i FILE" 0 agent_sign recipient register -i "$work/recipient.ini" --trust "$ca"
check "registered" contains "受領者等として登録しました"
expect_exit "the recipient's validity check of the ended delegation" 1 agent_cli validity "$aid"
check "says it has ended" contains "$aid: 終了（委任の終了）"
check "with the day it ended" contains "終了日時: "
check "and the service's signature on the answer confirmed" contains "回答に付いたサービスの署名を確認しました"
check "the recipient's copy is kept, encrypted" \
  test "$(head -c 8 "$XDG_DATA_HOME/ininjo/account/recipient")" = INJVAULT
stop_service
# without the service: the copy kept on this computer, saying so, masked
expect_exit "account show without the service: the kept copy (still exit 6)" 6 rep_cli account show --trust "$ca"
check "saying it is the copy kept here, and of when" contains "時点の控えです"
check "the account, as the service last answered it" contains "利用者番号: $account"
check "the address masked" contains "代表者住所: ＊＊＊＊＊＊"
check "and not printed" lacks "$rep_address"
if [ "$rep" = representative ]; then
  check "確認待ち again after the move" contains "状態: 確認待ち"
  check "the moved address not printed either" lacks "$(ini_get representative-moved san address)"
  check "the three cards, none called this card (the copy cannot tell)" \
    sh -c "echo '$out' | grep -c '…  ' | grep -qx 3 && ! echo '$out' | grep -q '（このカード）'"
else
  check "確認済み" contains "状態: 確認済み"
fi

finish
