# shellcheck shell=bash disable=SC2154  # $work, $personas, $make_account…: test-service.sh's
# test-service-account.sh: sourced by test-service.sh (its helpers, its
# running service and database): the account of issue 16 through the real
# service, with the personas' cards' certificates as TLS clients and their
# software keys signing the statements (make-account).
#   register (確認待ち) → list works, a delegation waits → the operator
#   confirms → upload → change (version + 1, a 法人 back to 確認待ち) → a
#   replay → an impostor → a renewed card → a moved representative → a
#   recipient's validity → 委任の終了 → its renewal refused.

# card PERSONA: the curl arguments of that persona's authentication certificate
card() {
  [ -f "$work/auth-$1.pem" ] ||
    openssl x509 -inform DER -in "$personas/personas/$1/auth-cert.der" -out "$work/auth-$1.pem"
  printf '%s\n' --cert "$work/auth-$1.pem" --key "$personas/personas/$1/auth-key.pem"
}
# as_card PERSONA METHOD PATH [CURL-ARG...]
as_card() {
  local p=$1
  shift
  local args
  mapfile -t args < <(card "$p")
  api "$@" "${args[@]}"
}
# statement FILE [REBINDING-FILE] > JSON
statement() {
  if [ $# -eq 2 ]; then
    printf '{"statement":"%s","rebinding":"%s"}' "$(base64 -w0 "$1")" "$(base64 -w0 "$2")"
  else
    printf '{"statement":"%s"}' "$(base64 -w0 "$1")"
  fi
}
# send PERSONA METHOD PATH JSON-FILE: a statement's call from that card
send() { as_card "$1" "$2" "$3" -H 'Content-Type: application/json' --data-binary "@$4"; }
acct() { "$make_account" "$personas" "$@"; }
auth_der() { echo "$personas/personas/$1/auth-cert.der"; }
corp="テスト商事株式会社"

# ----------------------------------------------------- 基本情報 (§3.1)
as_card proprietor GET /delegations
problem_is "a certificate bound to no account: 403" 403 no-account
has "saying to register the 基本情報 first" "$(jget detail)" "先に基本情報を登録してください"

acct representative registration >"$work/a-reg.xml"
statement "$work/a-reg.xml" >"$work/a-reg.json"
send representative POST /account "$work/a-reg.json"
is "register the 基本情報 from the representative's card: 201" "$code" 201
aid=$(jget accountId)
check "an account ID A- and 16 characters ($aid)" sh -c "echo '$aid' | grep -Eq '^A-[0-9A-Z]{16}$'"
is "確認待ち until the operator has checked the registry (§3.1.3)" "$(jget state) $(jget kind) $(jget version)" \
  "pending corporation 1"
is "the card's certificate is bound, and is this call's" "$(jget bindings.0.current) $(jget bindings.1.fingerprint)" "true "
is "the stored statement is the one signed" "$(jget info)" "$(base64 -w0 "$work/a-reg.xml")"
send representative POST /account "$work/a-reg.json"
problem_is "the same certificate registers again: 409" 409 already-registered
send proprietor POST /account "$work/a-reg.json"
problem_is "the same statement from another card: a replay, 409" 409 replayed-statement

as_card representative GET /delegations
is "確認待ち: the list works (empty)" "$code $(jget items)" "200 []"
ida=$(pkg pa)
as_card representative POST /delegations -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $(uuid)" --data-binary "@$work/pa/registration.json"
problem_is "確認待ち: a delegation is not accepted, 409" 409 account-not-confirmed
has "saying why" "$(jget detail)" "確認待ち"

set +e; confirmed=$("$service" confirm "$aid" --db "$db" 2>&1); s=$?; set -e
is "the operator confirms, on the running service's database" "$s $confirmed" "0 $aid confirmed"
set +e; "$service" confirm A-0000000000000000 --db "$db" >/dev/null 2>&1; s=$?; set -e
is "an unknown account cannot be confirmed" "$s" 1
as_card representative GET /account
is "GET account: 確認済み" "$code $(jget accountId) $(jget state)" "200 $aid confirmed"
as_card representative POST /delegations -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $(uuid)" --data-binary "@$work/pa/registration.json"
is "確認済み: the delegation is received" "$code" 202
wait_decided_card() {
  for _ in $(seq 200); do
    as_card representative GET "/receipts/$1"
    [ "$(jget status)" != received ] && return 0
    sleep 0.05
  done
}
wait_decided_card "$(jget receipt)"
is "and stored" "$(jget status)" stored
as_card representative GET "/validity/$ida"
is "its own account may check its validity" "$code $(jget status)" "200 active"

# ------------------------------------------------------- change (§3.2)
acct representative change --account-id "$aid" --organization "テスト商事ホールディングス株式会社" >"$work/a-change.xml"
statement "$work/a-change.xml" >"$work/a-change.json"
send representative PUT /account "$work/a-change.json"
is "change the 基本情報: 200, version 2" "$code $(jget version)" "200 2"
is "a 法人's new 組織名称: 確認待ち again" "$(jget state)" pending
send representative PUT /account "$work/a-change.json"
problem_is "the same change again: a replay, 409" 409 replayed-statement
corp="テスト商事ホールディングス株式会社"
"$service" confirm "$aid" --db "$db" >/dev/null

# ---------------------------------------------------- an impostor's card
acct representative-impostor rebinding --account-id "$aid" --cert "$(auth_der representative-impostor)" >"$work/imp.xml"
statement "$work/imp.xml" >"$work/imp.json"
send representative-impostor POST /account/bindings "$work/imp.json"
problem_is "an impostor (another 氏名, the same address) cannot bind his card: 422" 422 representative-mismatch
has "the detail names the item, not the value" "$(jget detail)" "氏名が、基本情報の代表者名と一致しません"
hasnt "... nor the names" "$(jget detail)" "試験"
acct representative registration --name "試験　太朗" >"$work/imp-reg.xml"
statement "$work/imp-reg.xml" >"$work/imp-reg.json"
send representative-impostor POST /account "$work/imp-reg.json"
problem_is "a registration whose 代表者名 is not the signer's: 422" 422 representative-mismatch

# --------------------------------------------------------- a renewed card
as_card representative-renewed GET /delegations
problem_is "the renewed card alone: no account yet" 403 no-account
acct representative-renewed rebinding --account-id "$aid" --cert "$(auth_der representative)" >"$work/ren-wrong.xml"
statement "$work/ren-wrong.xml" >"$work/ren-wrong.json"
send representative-renewed POST /account/bindings "$work/ren-wrong.json"
problem_is "a re-binding naming another certificate than the call's: 422" 422 invalid-statement
acct representative-renewed rebinding --account-id "$aid" --cert "$(auth_der representative-renewed)" >"$work/ren.xml"
statement "$work/ren.xml" >"$work/ren.json"
send representative-renewed POST /account/bindings "$work/ren.json"
is "the renewed card binds itself with its new signing certificate: 201" "$code $(jget accountId)" "201 $aid"
is "the old binding stays on record" "$(jq -c '[.bindings[].current]' "$work/body")" "[false,true]"
as_card representative-renewed GET /delegations
is "the renewed card lists the account's delegations" "$code $(jget items.0.delegationId)" "200 $ida"
send representative-renewed POST /account/bindings "$work/ren.json"
problem_is "the same re-binding again: 409" 409 already-registered

# ----------------------------------------------- a moved representative
acct representative-moved rebinding --account-id "$aid" --cert "$(auth_der representative-moved)" >"$work/mv.xml"
statement "$work/mv.xml" >"$work/mv.json"
send representative-moved POST /account/bindings "$work/mv.json"
problem_is "a moved representative's new card: the address differs, 422" 422 address-mismatch
has "saying to change the 基本情報 first" "$(jget detail)" "先に基本情報を変更してください"
acct representative-moved change --account-id "$aid" --organization "$corp" >"$work/mv-change.xml"
acct representative-moved rebinding --account-id "$aid" --cert "$(auth_der representative-moved)" >"$work/mv2.xml"
acct representative-renewed rebinding --account-id "$aid" --cert "$(auth_der representative-moved)" >"$work/mv-other.xml"
statement "$work/mv-change.xml" >"$work/mv-alone.json"
send representative-moved PUT /account "$work/mv-alone.json"
problem_is "the change alone from the new card, not bound yet: 403" 403 no-account
statement "$work/mv-change.xml" "$work/mv-other.xml" >"$work/mv-other.json"
send representative-moved PUT /account "$work/mv-other.json"
problem_is "a change whose re-binding another card signed: 422" 422 invalid-statement
statement "$work/mv-change.xml" "$work/mv2.xml" >"$work/mv-change.json"
send representative-moved PUT /account "$work/mv-change.json"
is "the change with its re-binding, from the new card: 200, version 3" "$code $(jget version)" "200 3"
is "a 法人's new 代表者住所: 確認待ち again (the registry holds it)" "$(jget state)" pending
is "three certificates bound" "$(jq -c '[.bindings[].current]' "$work/body")" "[false,false,true]"
"$service" confirm "$aid" --db "$db" >/dev/null

# ------------------------------------------------------ 委任の終了
acct representative-moved termination --account-id "$aid" --delegation-id "$ida" \
  --delegation "$work/pa/delegation.xml" >"$work/end.xml"
statement "$work/end.xml" >"$work/end.json"
send agent-bengoshi POST "/delegations/$ida/termination" "$work/end.json"
problem_is "another account cannot end it: 422 (its representative did not sign)" 422 invalid-statement
acct representative termination --account-id "$aid" --delegation-id "$ida" \
  --delegation "$work/pa/delegation.xml" >"$work/end-old.xml"
statement "$work/end-old.xml" >"$work/end-old.json"
send representative POST "/delegations/$ida/termination" "$work/end-old.json"
problem_is "signed with the card from before the move: the address differs, 422" 422 address-mismatch
send representative-moved POST "/delegations/$ida/termination" "$work/end.json"
is "the representative ends the delegation: 200" "$code $(jget delegationId)" "200 $ida"
ended=$(jget endedAt)
check "with the time it ended" test -n "$ended"
check "and the service's signed record" verify_record record
is "the record says terminated, and when" "$(jget status "$work/payload.json") $(jget endedAt "$work/payload.json")" "terminated $ended"
send representative-moved POST "/delegations/$ida/termination" "$work/end.json"
problem_is "ended twice: 409" 409 delegation-terminated
as_persona GET "/validity/$ida"
is "a recipient's validity check: terminated" "$code $(jget status)" "200 terminated"
is "with endedAt" "$(jget endedAt)" "$ended"
check "signed by the service" verify_record record
is "the signed answer says terminated, and when" \
  "$(jget status "$work/payload.json") $(jget endedAt "$work/payload.json")" "terminated $ended"
as_card representative-renewed GET /delegations
is "the list says terminated" "$(jget items.0.status)" terminated
pkg pat --supersedes "$ida" --representative representative-moved >/dev/null
as_card representative-moved POST "/delegations/$ida/renewal" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $(uuid)" --data-binary "@$work/pat/registration.json"
problem_is "a terminated delegation cannot be renewed: 409" 409 delegation-terminated
has "saying why" "$(jget detail)" "委任を終了しているため"
# ------------------------------------------------- the knobs of §3.1.3
restart --confirm-accounts auto
acct proprietor registration >"$work/p-reg.xml"
statement "$work/p-reg.xml" >"$work/p-reg.json"
send proprietor POST /account "$work/p-reg.json"
is "--confirm-accounts auto: a 個人事業者 registered is 確認済み at once" "$code $(jget kind) $(jget state)" \
  "201 sole-proprietor confirmed"
set +e
"$service" --pki "$pki" --db "$work/x.db" --port 0 --confirm-accounts sometimes >"$work/out" 2>&1; s=$?
acct unknown-ca registration >"$work/u-reg.xml"
"$service" --pki "$pki" --db "$work/x.db" --port 0 --client-ca "$personas/ca/auth-ca.pem" \
  --trust "$personas/ca/sign-ca.pem" --account "$work/u-reg.xml:$pki/client.pem" >"$work/out2" 2>&1; s2=$?
set -e
is "--confirm-accounts takes auto or manual only (usage error)" "$s" 2
is "an --account the service cannot verify (a signer outside the trusted roots): it does not start" "$s2" 1
has "saying which and why" "$(cat "$work/out2")" "--account $work/u-reg.xml"

check "the account's statements are kept, each version" \
  test "$(sql "SELECT count(*) FROM account_info WHERE account_id = '$aid'")" = 3
check "no statement's Nonce twice" test "$(sql 'SELECT count(*) - count(DISTINCT nonce) FROM nonces')" = 0
check "the log holds no personal data of the account" \
  sh -c "! grep -q -e '試験　太郎' -e '見本町二丁目' -e '03-0000-0000' '$log'"
