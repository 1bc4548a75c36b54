#!/usr/bin/env bash
# test-service.sh SERVICE MAKE-PACKAGE PKI PERSONAS MAKE-ACCOUNT: the local delegation
# service over real HTTPS with the curl command (OpenSSL, so a second TLS
# implementation) against data/ininjo-service-api.yaml: every call, the
# idempotency of registrations, rejections with their reasons, renewal,
# validity, client certificates refused in the handshake, each knob, a
# restart, and a kill -9 in the middle of a registration; the account
# (issue 16: 基本情報, confirmation, renewed and moved cards, an impostor,
# recipients, 委任の終了). Loopback only, a free port per run.
set -euo pipefail
service=$1 make_package=$2 pki=$3 personas=$4 make_account=$5
. "$(dirname "$0")/../cli/tap.sh"
for tool in curl sqlite3 openssl jq xmlsec1; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool not found (Debian package $tool)"; exit 1; }
done

work=$(mktemp -d)
svc_pid=""
cleanup() {
  [ -z "$svc_pid" ] || kill -9 "$svc_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
db=$work/service.db
log=$work/service.log

# The accounts of the two clients, registered on the operator's page
# (--account; a restart finds them bound): the service PKI's client as the
# representative's company, the 弁護士's card as the 弁護士's own office.
"$make_account" "$personas" representative registration >"$work/account-client.xml"
"$make_account" "$personas" agent-bengoshi registration >"$work/account-bengoshi.xml"
openssl x509 -inform DER -in "$personas/personas/agent-bengoshi/auth-cert.der" -out "$work/persona.pem"
accounts=(--account "$work/account-client.xml:$pki/client.pem" --account "$work/account-bengoshi.xml:$work/persona.pem")

# start [OPTION...]: the service on a free port with $db; sets $port and $url
start() {
  rm -f "$work/ready"
  "$service" --port 0 --pki "$pki" --client-ca "$personas/ca/auth-ca.pem" \
    --trust "$personas/ca/sign-ca.pem" --db "$db" --ready-file "$work/ready" "${accounts[@]}" "$@" >>"$log" 2>&1 &
  svc_pid=$!
  for _ in $(seq 200); do
    [ -f "$work/ready" ] && break
    kill -0 "$svc_pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ ! -f "$work/ready" ]; then
    echo "# the service did not start:"; sed 's/^/#   /' "$log"
    return 1
  fi
  port=$(sed -n 's/^port=//p' "$work/ready")
  url=https://localhost:$port/api/v1
}
# stop: SIGTERM and wait; the exit status in $stopped
stop() {
  kill -TERM "$svc_pid"
  set +e; wait "$svc_pid"; stopped=$?; set -e
  svc_pid=""
}
# restart [OPTION...]: a clean exit (no sanitizer report either), then start
restart() {
  local d="(a clean exit, then a start${1:+ with ${*//$pki\//}})"
  stop
  if [ "$stopped" -eq 0 ]; then ok "$d"; else not_ok "$d" "exit status $stopped" "$(tail -20 "$log")"; fi
  start "$@"
}

client=(--cert "$pki/client.pem" --key "$pki/client.key")
# A second principal: the JPKI authentication certificate of a persona.
persona=(--cert "$work/persona.pem" --key "$personas/personas/agent-bengoshi/auth-key.pem")

# api METHOD PATH [CURL-ARG...]: $code (000: no HTTP answer), $rc, body in $work/body
api() {
  local method=$1 path=$2
  shift 2
  set +e
  code=$(curl -sS --max-time 30 -o "$work/body" -D "$work/headers" -w '%{http_code}' \
    --cacert "$pki/service-ca.pem" -X "$method" "$@" "$url$path" 2>"$work/curl.err")
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then : >"$work/body"; fi
}
as_client() { api "$@" "${client[@]}"; }
as_persona() { api "$@" "${persona[@]}"; }
# post PATH KEY FILE [CURL-ARG...]: a registration as the file-key client
post() {
  local path=$1 key=$2 file=$3
  shift 3
  as_client POST "$path" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
    --data-binary "@$file" "$@"
}
# jget PATH [FILE]: a member of the JSON answer ("a.b.0.c"); empty when absent
jget() {
  jq -rc "$(sed -E 's/\.([0-9]+)/[\1]/g; s/^/./' <<<"$1") // empty" "${2:-$work/body}" 2>/dev/null || true
}
header() { tr -d '\r' <"$work/headers" | sed -n "s/^$1: //Ip" | tail -1; }
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:    $2" "wanted: $3" "$(head -c 600 "$work/body")"; fi; }
has() { case "$2" in *"$3"*) ok "$1" ;; *) not_ok "$1" "'$2' lacks '$3'" ;; esac; }
problem_is() { # DESCRIPTION HTTP-STATUS TYPE
  if [ "$code" = "$2" ] && [ "$(jget type)" = "urn:ininjo:problem:$3" ] &&
     [ "$(jget status)" = "$2" ] && header Content-Type | grep -q '^application/problem+json'; then
    ok "$1"
  else
    not_ok "$1" "HTTP $code (rc $rc), wanted $2 $3" "$(head -c 600 "$work/body")" "$(cat "$work/curl.err")"
  fi
}
# wait_decided RECEIPT: until the receipt is no longer "received"
wait_decided() {
  for _ in $(seq 200); do
    as_client GET "/receipts/$1"
    [ "$(jget status)" != received ] && return 0
    sleep 0.05
  done
}
sql() { sqlite3 -batch "$db" "$@"; }
uuid() { cat /proc/sys/kernel/random/uuid; }
pkg() { # pkg NAME [MAKE-PACKAGE-OPTION...]: a package in $work/NAME; prints its ID
  local name=$1
  shift
  "$make_package" "$work/$name" "$personas" "$@"
}
registration() { # DELEGATION.xml SUBMISSION.xml > JSON
  printf '{"delegation":"%s","agentSubmission":"%s"}' "$(base64 -w0 "$1")" "$(base64 -w0 "$2")"
}
# verify_record JSON-PATH: the SignedRecord there verifies with its
# certificate, which the service CA issued; its payload goes to $work/payload.json
verify_record() {
  jget "$1.payload" | base64 -d >"$work/payload.json" &&
  jget "$1.signature" | base64 -d >"$work/signature.bin" &&
  jget "$1.certificate" | base64 -d >"$work/record.der" &&
  openssl x509 -inform DER -in "$work/record.der" -out "$work/record.pem" &&
  openssl verify -CAfile "$pki/service-ca.pem" "$work/record.pem" >/dev/null &&
  openssl x509 -in "$work/record.pem" -pubkey -noout >"$work/record.pub" &&
  openssl dgst -sha256 -verify "$work/record.pub" -signature "$work/signature.bin" \
    "$work/payload.json" >/dev/null
}
# seconds: how long one GET of the profile takes
seconds() {
  curl -sS -o "$work/timed" -w '%{time_total}' --cacert "$pki/service-ca.pem" "${client[@]}" \
    "$url/profile"
}
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }

# ------------------------------------------------------------------ PKI
check "the service PKI: keys are the owner's only" \
  test "$(stat -c %a "$pki"/*.key | sort -u)" = 600
check "the server certificate names localhost and 127.0.0.1" \
  sh -c "openssl x509 -in '$pki/server.pem' -noout -ext subjectAltName | grep -q 'DNS:localhost, IP Address:127.0.0.1'"
check "the client key is RSA-2048" \
  sh -c "openssl pkey -in '$pki/client.key' -noout -text | grep -q 'Private-Key: (2048 bit'"
id1=$(pkg p1)
check "make-package prints the 電子委任状ID" sh -c "echo '$id1' | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'"
check "make-package writes the two documents and the Registration (0600)" \
  test "$(stat -c %a "$work/p1/delegation.xml" "$work/p1/agent-submission.xml" "$work/p1/registration.json" | sort -u)" = 600
# xmlsec1's --trusted-pem reads only a file's first certificate: one per generation
check "the package verifies with xmlsec1 (independent implementation)" \
  sh -c 'xmlsec1 --verify --trusted-pem "$1" --trusted-pem "$2" --trusted-pem "$3" "$4" >/dev/null 2>&1' _ \
  "$personas/ca/sign-ca-2023.pem" "$personas/ca/sign-ca-2019.pem" "$personas/ca/sign-ca-2015.pem" "$work/p1/delegation.xml"

# ---------------------------------------------------------------- start
set +e; "$service" --cert "$pki/server.pem" --key "$pki/server.key" --db "$work/x.db" >"$work/out" 2>&1; s=$?; set -e
is "without a client CA the service does not start (usage error)" "$s" 2
start
check "listening on a free port, said in the ready file" test "$port" -gt 0
check "the database is the owner's only" test "$(stat -c %a "$db")" = 600

as_client GET /profile
is "GET profile" "$code" 200
is "as JSON" "$(header Content-Type)" application/json
has "the service's name" "$(jget name)" "(TEST)"
is "the validity URL is this service's" "$(jget validityUrl)" "$url/validity"
is "the API version" "$(jget apiVersion)" 1.0

# --------------------------------------------------------- registration
k1=$(uuid)
as_client POST /delegations -H 'Content-Type: application/json' --data-binary "@$work/p1/registration.json"
problem_is "no Idempotency-Key: 400" 400 bad-request
has "the detail is Japanese" "$(jget detail)" "Idempotency-Key ヘッダーが必要です"
post /delegations "$k1" <(echo '{"delegation": 1}')
problem_is "a body without the documents: 400" 400 bad-request
post /delegations "$k1" <(echo '{"delegation":"PA==","agentSubmission":"PA=="}')
problem_is "a delegation that is not one: 422" 422 invalid-delegation
as_client POST /delegations -H 'Content-Type: text/plain' -H "Idempotency-Key: $k1" \
  --data-binary "@$work/p1/registration.json"
problem_is "not JSON: 415" 415 bad-request

post /delegations "$k1" "$work/p1/registration.json"
is "register: 202" "$code" 202
r1=$(jget receipt)
check "a receipt R- and 16 base32 characters" sh -c "echo '$r1' | grep -Eq '^R-[0-9A-Z]{16}$'"
is "received" "$(jget status)" received
is "for this delegation" "$(jget delegationId)" "$id1"
is "Location: the receipt" "$(header Location)" "/api/v1/receipts/$r1"
wait_decided "$r1"
is "then stored (checked after the answer)" "$(jget status)" stored
check "with the service's counter-signature, which openssl verifies" verify_record record
is "the record names the delegation" "$(jget delegationId "$work/payload.json")" "$id1"
is "and the receipt" "$(jget receipt "$work/payload.json")" "$r1"
is "and the digest of the signed delegation" "$(jget digest "$work/payload.json")" \
  "$(grep -o '<ds:DigestValue>[^<]*' "$work/p1/delegation.xml" | head -1 | cut -d'>' -f2)"

post /delegations "$k1" "$work/p1/registration.json"
is "the same key and body again: 202" "$code" 202
is "with the same receipt" "$(jget receipt)" "$r1"
is "one receipt in the database" "$(sql "SELECT count(*) FROM receipts WHERE delegation_id = '$id1'")" 1
is "one idempotency key" "$(sql "SELECT count(*) FROM idempotency_keys WHERE idempotency_key = '$k1'")" 1
jq . "$work/p1/registration.json" >"$work/p1/respaced.json"
post /delegations "$k1" "$work/p1/respaced.json"
is "the same documents in other JSON spacing are the same request" "$(jget receipt)" "$r1"
id2=$(pkg p2)
post /delegations "$k1" "$work/p2/registration.json"
problem_is "the same key with another body: 409" 409 idempotency-conflict
post /delegations "$(uuid)" "$work/p1/registration.json"
problem_is "the same delegation under a new key: 409" 409 invalid-delegation

as_client GET /delegations
is "list: 200" "$code" 200
is "one delegation" "$(jget items.0.delegationId)/$(jget items.1.delegationId)" "$id1/"
is "active" "$(jget items.0.status)" active
as_client GET "/delegations/$id1"
is "get one: 200" "$code" 200
is "the delegation byte for byte" "$(jget delegation)" "$(base64 -w0 "$work/p1/delegation.xml")"
is "the agent's submission byte for byte" "$(jget agentSubmission)" "$(base64 -w0 "$work/p1/agent-submission.xml")"
zeirishi=$personas/personas/agent-zeirishi/persona.ini
is "the agent's name from the certificate (4.1.5)" "$(jget agent.name)" "$(sed -n 's/^name = //p' "$zeirishi")"
is "the agent's address" "$(jget agent.address)" "$(sed -n 's/^address = //p' "$zeirishi")"
is "the agent's date of birth (era digit + YYYYMMDD)" "$(jget agent.birthDate)" "$(sed -n 's/^birth-date = //p' "$zeirishi")"
check "with the record" verify_record record
as_client GET "/receipts/R-AAAAAAAAAAAAAAAA"
problem_is "an unknown receipt: 404" 404 not-found

as_persona GET /delegations
is "another principal (a JPKI authentication certificate) sees none of it" "$code $(jget items)" "200 []"
as_persona GET "/delegations/$id1"
problem_is "nor gets it: 404" 404 not-found
as_persona GET "/receipts/$r1"
problem_is "nor its receipt: 404" 404 not-found
as_persona GET "/validity/$id1"
problem_is "another account, not a registered recipient, may not check its validity: 403" \
  403 recipient-not-registered
has "the detail says how to register" "$(jget detail)" "受領者等として登録してから"
"$make_account" "$personas" agent-bengoshi recipient >"$work/recipient.xml"
as_persona POST /recipients -H 'Content-Type: application/json' \
  --data-binary "{\"statement\":\"$(base64 -w0 "$work/recipient.xml")\"}"
is "a recipient registers (§5.2, signed by the 申告者): 201" "$code" 201
check "a recipient ID P- and 16 characters" sh -c "echo '$(jget recipientId)' | grep -Eq '^P-[0-9A-Z]{16}$'"
as_persona GET "/validity/$id1"
is "but may check its validity" "$code $(jget status)" "200 active"
is "the period" "$(jget start) $(jget end)" \
  "$(grep -o '<Start>[^<]*' "$work/p1/delegation.xml" | cut -d'>' -f2) $(grep -o '<End>[^<]*' "$work/p1/delegation.xml" | cut -d'>' -f2)"
check "signed by the service" verify_record record
is "the signed answer says the same" "$(jget status "$work/payload.json") $(jget delegationId "$work/payload.json")" "active $id1"
as_client GET "/validity/$(uuid)"
is "an ID never stored: unknown" "$code $(jget status)" "200 unknown"
check "signed too" verify_record record
as_client GET /validity/not-an-id
problem_is "a malformed ID: 400" 400 bad-request
as_client GET /nothing/here
problem_is "an unknown path: 404" 404 not-found
as_client DELETE "/delegations/$id1"
problem_is "an unknown method: 405" 405 bad-request
is "with Allow" "$(header Allow)" GET

# ------------------------------------------------------------ rejected
pkg p3 >/dev/null
sed 's/電子申告に関する一切の権限/電子入札に関する一切の権限/' "$work/p3/delegation.xml" >"$work/p3/tampered.xml"
registration "$work/p3/tampered.xml" "$work/p3/agent-submission.xml" >"$work/p3/tampered.json"
post /delegations "$(uuid)" "$work/p3/tampered.json"
is "a tampered delegation is received" "$code $(jget status)" "202 received"
rt=$(jget receipt)
wait_decided "$rt"
is "then rejected" "$(jget status)" rejected
has "with the reason, in Japanese" "$(jget reason)" "署名後に文書が変更されています"
check "and no record" test -z "$(jget record)"

ide=$(pkg pe --expired)
post /delegations "$(uuid)" "$work/pe/registration.json"
wait_decided "$(jget receipt)"
is "an expired period is rejected" "$(jget status)" rejected
has "for its period" "$(jget reason)" "委任期間の終了日時を既に過ぎています"

pkg pu --representative unknown-ca >/dev/null
post /delegations "$(uuid)" "$work/pu/registration.json"
wait_decided "$(jget receipt)"
is "a signer outside the trusted JPKI roots is rejected" "$(jget status)" rejected
has "for the chain" "$(jget reason)" "信頼する公的個人認証の署名用ルートが発行したものではありません"

pkg p4 >/dev/null
registration "$work/p4/delegation.xml" "$work/p2/agent-submission.xml" >"$work/p4/mixed.json"
post /delegations "$(uuid)" "$work/p4/mixed.json"
wait_decided "$(jget receipt)"
is "an agent's submission for another delegation is rejected" "$(jget status)" rejected
has "saying so" "$(jget reason)" "受任者の電子証明書の提出: "
has "why" "$(jget reason)" "別の電子委任状"
pkg pn --name "別人　花子" >/dev/null
post /delegations "$(uuid)" "$work/pn/registration.json"
wait_decided "$(jget receipt)"
is "a 代表者名 other than the signer's name: rejected (a warning in the client)" "$(jget status)" rejected
has "saying so" "$(jget reason)" "代表者名（個人事業主の場合は氏名）と一致しません"
as_client GET "/validity/$ide"
is "a rejected delegation is unknown to the validity check" "$(jget status)" unknown

# -------------------------------------------------------------- renewal
idr=$(pkg pr --supersedes "$id1")
post /delegations "$(uuid)" "$work/pr/registration.json"
problem_is "a renewal sent as a new registration: 422" 422 invalid-delegation
as_persona POST "/delegations/$id1/renewal" -H "Idempotency-Key: $(uuid)" \
  -H 'Content-Type: application/json' --data-binary "@$work/pr/registration.json"
problem_is "another principal cannot renew it: 404" 404 not-found
post "/delegations/$id2/renewal" "$(uuid)" "$work/pr/registration.json"
problem_is "a renewal of another ID than its Supersedes: 422" 422 not-renewable
kr=$(uuid)
post "/delegations/$id1/renewal" "$kr" "$work/pr/registration.json"
is "renew: 202" "$code $(jget delegationId)" "202 $idr"
rr=$(jget receipt)
wait_decided "$rr"
is "the renewal is stored" "$(jget status)" stored
check "with its record" verify_record record
as_client GET /delegations
is "list, newest first" "$(jget items.0.delegationId) $(jget items.1.delegationId)" "$idr $id1"
is "the new one is active and supersedes the old" "$(jget items.0.status) $(jget items.0.supersedes)" "active $id1"
is "the old one is retired, superseded by the new" "$(jget items.1.status) $(jget items.1.supersededBy)" "retired $idr"
as_client GET "/validity/$id1"
is "validity of the old ID: retired" "$(jget status)" retired
check "signed" verify_record record
is "the signed answer says retired" "$(jget status "$work/payload.json")" retired
as_client GET "/validity/$idr"
is "validity of the new ID: active" "$(jget status)" active
pkg pp --supersedes "$idr" --representative proprietor >/dev/null
post "/delegations/$idr/renewal" "$(uuid)" "$work/pp/registration.json"
wait_decided "$(jget receipt)"
is "a renewal by another 委任者 is rejected" "$(jget status)" rejected
has "saying so" "$(jget reason)" "更新前の電子委任状と委任者が異なります"
as_client GET "/validity/$idr"
is "and the delegation it named stays active" "$(jget status)" active
pkg pr2 --supersedes "$id1" >/dev/null
post "/delegations/$id1/renewal" "$(uuid)" "$work/pr2/registration.json"
problem_is "a retired delegation cannot be renewed again: 409" 409 not-renewable

# ----------------------------------------------------------- too large
head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' 'A' >"$work/big.json"
post /delegations "$(uuid)" "$work/big.json"
problem_is "a body over 4 MiB: 413" 413 too-large
post /delegations "$(uuid)" "$work/big.json" -H 'Transfer-Encoding: chunked'
problem_is "also without Content-Length: 413" 413 too-large

# ---------------------------------------------------------- concurrency
pids=()
for i in 1 2 3 4; do
  pkg "c$i" >/dev/null
  curl -sS -o "$work/c$i/answer" -w '%{http_code}' --cacert "$pki/service-ca.pem" "${client[@]}" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuid)" \
    --data-binary "@$work/c$i/registration.json" "$url/delegations" >"$work/c$i/code" 2>&1 &
  pids+=("$!")
done
for p in "${pids[@]}"; do wait "$p" || true; done
is "four registrations at once: four receipts" "$(cat "$work"/c?/code | tr -d '\n')" 202202202202
all_stored=yes
for i in 1 2 3 4; do
  wait_decided "$(jget receipt "$work/c$i/answer")"
  [ "$(jget status)" = stored ] || all_stored=no
done
is "all four stored" "$all_stored" yes

# ------------------------------------------------------------------ TLS
api GET /profile
is "no client certificate: the handshake is refused (TLS 1.3)" "$code" 000
has "with a certificate_required alert" "$(cat "$work/curl.err")" "alert certificate required"
api GET /profile --tls-max 1.2
is "no client certificate under TLS 1.2: refused too" "$code" 000
has "with a handshake_failure alert" "$(cat "$work/curl.err")" "alert handshake failure"
api GET /profile --cert "$pki/client-untrusted.pem" --key "$pki/client-untrusted.key"
is "a client certificate from another CA: refused" "$code" 000
has "as an unknown CA" "$(cat "$work/curl.err")" "alert unknown ca"
has "the service says why in its log" "$(cat "$log")" "refused: The certificate is NOT trusted"
as_client GET /profile --tls-max 1.2
is "TLS 1.2 with a client certificate" "$code" 200
as_client GET /profile --tlsv1.3
is "TLS 1.3 with a client certificate" "$code" 200

# ---------------------------------------------------- stop and restart
as_client GET /delegations
before=$(jget items)
stop
is "SIGTERM: a clean exit" "$stopped" 0
check "the ready file is gone" test ! -e "$work/ready"
start --profile-name "別名の検証サービス (TEST)"
as_client GET /delegations
is "a restart keeps everything" "$(jget items)" "$before"
as_client GET "/receipts/$r1"
is "receipts too" "$(jget status)" stored
as_client GET /profile
is "--profile-name" "$(jget name)" "別名の検証サービス (TEST)"

# ---------------------------------------------------------------- knobs
restart --tls13-only
api GET /profile --tls-max 1.2 "${client[@]}"
is "--tls13-only: a TLS 1.2 client is refused" "$code" 000
has "in the handshake, with a protocol_version alert" "$(cat "$work/curl.err")" "alert protocol version"
as_client GET /profile
is "--tls13-only: TLS 1.3 works" "$code" 200

restart --delay-ms 700
t=$(seconds)
check "--delay-ms 700: the answer takes 0.7 s or more ($t s)" at_least "$t" 0.7

restart --slow-body-ms 20
as_client GET "/delegations/$id1"
cp "$work/body" "$work/slow-expected"
s0=$(date +%s%N)
as_client GET "/delegations/$id1"
t=$(( ($(date +%s%N) - s0) / 1000000 ))
size=$(stat -c %s "$work/body")
check "--slow-body-ms 20: $size bytes in 256-byte pieces take $t ms" \
  test "$t" -ge $(( size / 256 * 20 ))
check "and arrive whole" cmp -s "$work/body" "$work/slow-expected"

restart --fail-rate 1
as_client GET /profile
problem_is "--fail-rate 1: every request 503" 503 server-error
is "with Retry-After" "$(header Retry-After)" 1
post /delegations "$(uuid)" "$work/p2/registration.json"
is "and nothing registered" "$code/$(sql "SELECT count(*) FROM receipts WHERE delegation_id = '$id2'")" 503/0

draws() { local s=""; for _ in $(seq 20); do as_client GET /profile; s+="${code:0:1}"; done; echo "$s"; }
restart --fail-rate 0.5 --seed 7
first=$(draws)
restart --fail-rate 0.5 --seed 7
second=$(draws)
check "--fail-rate 0.5: some fail, some do not ($first)" sh -c "echo '$first' | grep -q 2 && echo '$first' | grep -q 5"
is "--seed: the same draws again" "$second" "$first"

restart --drop-after-body
kd=$(uuid)
post /delegations "$kd" "$work/p2/registration.json"
is "--drop-after-body: no answer to a POST" "$code" 000
check "(curl: empty reply)" test "$rc" -eq 52
as_client GET /profile
is "GET is answered" "$code" 200
receipt_d=$(sql "SELECT receipt FROM idempotency_keys WHERE idempotency_key = '$kd'")
check "what was received is kept" test -n "$receipt_d"
restart
post /delegations "$kd" "$work/p2/registration.json"
is "sent again with the same key: the receipt it had" "$code $(jget receipt)" "202 $receipt_d"
wait_decided "$receipt_d"
is "and stored once" "$(jget status) $(sql "SELECT count(*) FROM receipts WHERE delegation_id = '$id2'")" "stored 1"

restart --verify-delay-ms 1500
pkg p5 >/dev/null
post /delegations "$(uuid)" "$work/p5/registration.json"
r5=$(jget receipt)
as_client GET "/receipts/$r5"
is "--verify-delay-ms: the receipt stays received" "$(jget status)" received
wait_decided "$r5"
is "until decided" "$(jget status)" stored

later=$(date -u -d '+2 years' +%Y-%m-%dT%H:%M:%SZ)
restart --now "$later"
as_client GET "/validity/$idr"
is "--now two years on: the period has ended, expired" "$(jget status)" expired
check "signed" verify_record record
check "checkedAt is the service's clock, after the end" test "$(jget checkedAt)" '>' "$(jget end)"
as_client GET /delegations
is "the list says expired, and retired stays retired" \
  "$(jq -c '[.items[].status] | unique' "$work/body")" '["expired","retired"]'
pkg pr3 --supersedes "$idr" >/dev/null
post "/delegations/$idr/renewal" "$(uuid)" "$work/pr3/registration.json"
problem_is "an expired delegation cannot be renewed: 409" 409 not-renewable

restart --cert "$pki/server-wronghost.pem" --key "$pki/server-wronghost.key"
as_client GET /profile
is "a server certificate for another host: the client refuses" "$code/$rc" 000/60
url=https://wrong.example.invalid:$port/api/v1 as_client GET /profile \
  --resolve "wrong.example.invalid:$port:127.0.0.1"
is "(it is served: under its own name it works)" "$code" 200
restart --cert "$pki/server-unknownca.pem" --key "$pki/server-unknownca.key"
as_client GET /profile
is "a server certificate from an unknown CA: the client refuses" "$code/$rc" 000/60
has "(not trusted)" "$(cat "$work/curl.err")" "unable to get local issuer certificate"

# --------------------------------------------------------- kill -9
restart --delay-ms 5000 --verify-delay-ms 60000
idk=$(pkg pk)
kk=$(uuid)
curl -sS -o /dev/null --cacert "$pki/service-ca.pem" "${client[@]}" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $kk" --data-binary "@$work/pk/registration.json" "$url/delegations" 2>/dev/null &
cpid=$!
for _ in $(seq 100); do
  [ "$(sql "SELECT count(*) FROM receipts WHERE delegation_id = '$idk'")" = 1 ] && break
  sleep 0.05
done
kill -9 "$svc_pid"
{ wait "$svc_pid"; } 2>/dev/null || true
svc_pid=""
wait "$cpid" 2>/dev/null || true
is "kill -9 while answering: the database is intact" "$(sql 'PRAGMA integrity_check')" ok
is "every key has its receipt, every delegation its receipt" "$(sql 'PRAGMA foreign_key_check')" ""
is "the registration is there whole: one receipt, one key" \
  "$(sql "SELECT count(*) FROM receipts WHERE delegation_id = '$idk'")/$(sql "SELECT count(*) FROM idempotency_keys WHERE idempotency_key = '$kk'")" 1/1
is "undecided" "$(sql "SELECT status FROM receipts WHERE delegation_id = '$idk'")" received
start
kr2=$(sql "SELECT receipt FROM idempotency_keys WHERE idempotency_key = '$kk'")
wait_decided "$kr2"
is "after a restart the check is taken up and the delegation stored" "$(jget status)" stored
post /delegations "$kk" "$work/pk/registration.json"
is "the client's retry gets the same receipt" "$code $(jget receipt)" "202 $kr2"
is "still one receipt" "$(sql "SELECT count(*) FROM receipts WHERE delegation_id = '$idk'")" 1
has "the log says it took them up" "$(cat "$log")" "left undecided by the previous run"
check "the log holds no personal data" sh -c "! grep -q -e '髙橋' -e '試験　太郎' -e '419890108' '$log'"

# --- behind a TLS front end (svc-front.c): the client certificate in a
# header is believed on the front end's own listener (plain HTTP on
# loopback) only, and verified once more there
restart --front-end-port 0 --front-end-header X-Ininjo-Client-Cert
fport=$(sed -n 's/^front-end-port=//p' "$work/ready")
fp() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f' | cut -c1-16; }
esc() { jq -sRr @uri "$1"; }
client_fp=$(fp "$pki/client.pem") persona_fp=$(fp "$work/persona.pem")
forged=(-H "X-Ininjo-Client-Cert: $(esc "$work/persona.pem")" -H "X-Ininjo-Client-Cert-Verify: SUCCESS")
hasnt() { case "$2" in *"$3"*) not_ok "$1" "'$3' found in:" "$2" ;; *) ok "$1" ;; esac; }
# new_log: the service's log since the last call of new_log_mark
new_log_mark() { mark=$(wc -l <"$log"); }
new_log() { sleep 0.2; tail -n +"$((mark + 1))" "$log"; }
new_log_mark
as_client GET /delegations "${forged[@]}"
is "a forged header on the TLS listener: answered as the TLS client" "$code" 200
has "... whose principal is the TLS certificate's" "$(new_log)" "client $client_fp"
hasnt "... never the header's" "$(new_log)" "client $persona_fp"
front_call() { # front_call [CURL-ARG...]: GET /delegations on the front end's listener
  set +e
  code=$(curl -sS --max-time 10 -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@" \
    "http://127.0.0.1:$fport/api/v1/delegations" 2>"$work/curl.err")
  set -e
}
front_call
problem_is "the front end's listener without the header: 403" 403 client-certificate
front_call -H "X-Ininjo-Client-Cert: $(esc "$work/persona.pem")" \
  -H "X-Ininjo-Client-Cert-Verify: FAILED:certificate has expired"
problem_is "... with the header but not the front end's SUCCESS: 403" 403 client-certificate
front_call -H "X-Ininjo-Client-Cert: $(esc "$pki/client-untrusted.pem")" -H "X-Ininjo-Client-Cert-Verify: SUCCESS"
problem_is "... a certificate of a CA the service does not accept, SUCCESS or not: 403" 403 client-certificate
front_call -H "X-Ininjo-Client-Cert: $(esc "$pki/client-expired.pem")" -H "X-Ininjo-Client-Cert-Verify: SUCCESS"
problem_is "... an expired one: 403" 403 client-certificate
new_log_mark
front_call "${forged[@]}"
is "... the header of a verified certificate: answered" "$code" 200
has "... as that certificate's principal" "$(new_log)" "client $persona_fp"
check "the front end's listener is on loopback only" \
  sh -c "ss -Hltn 'sport = :$fport' | awk '{print \$4}' | grep -qx '127.0.0.1:$fport'"

# Through the real nginx (front-end.sh): a client's own header of that name
# never reaches the service; nginx's verified certificate does.
if [ -x /usr/sbin/nginx ]; then
  nport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$work/nginx"
  bash "$(dirname "$0")/front-end.sh" "$work/nginx" --listen "$nport" --upstream "$fport" \
    --cert "$pki/server.pem" --key "$pki/server.key" --client-ca "$pki/client-ca.pem" \
    --client-ca "$personas/ca/auth-ca.pem" >"$work/nginx.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$nport") 2>/dev/null && break; sleep 0.05; done
  new_log_mark
  saved_url=$url url=https://localhost:$nport/api/v1
  as_client GET /delegations "${forged[@]}"
  url=$saved_url
  is "through nginx with a forged header: answered" "$code" 200
  has "... as the certificate nginx verified" "$(new_log)" "client $client_fp"
  hasnt "... never the forged header's" "$(new_log)" "client $persona_fp"
  kill -TERM "$nginx_pid"; wait "$nginx_pid" || true
  check "nginx stopped and left nothing running" sh -c "! kill -0 $nginx_pid 2>/dev/null && [ ! -e '$work/nginx/nginx.pid' ]"
else
  not_ok "nginx through front-end.sh" "/usr/sbin/nginx is missing (Debian package nginx-light)"
fi

. "$(dirname "$0")/test-service-account.sh"

stop
is "a clean exit at the end" "$stopped" 0
finish
