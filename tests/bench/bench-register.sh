#!/usr/bin/env bash
# bench-register.sh BENCH SERVICE MAKE-PACKAGE PERSONAS PKI [N]: inside
# with-card.sh --profile representative, with the local service in the same
# namespace: N registrations through net/ with a file key (a new client, so
# a new TLS handshake, each time) against N `curl` commands sending the same
# request with the same key and certificate; then one card workflow
# (profile + register + receipt polling): handshakes and card operations.
set -euo pipefail
bench=$1 service=$2 make=$3 personas=$4 pki=$5 n=${6:-20}
work=$(mktemp -d); pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
# the accounts (issue 16): the file client's and the card's, as the
# operator's page registers them (make-account is make-package's neighbour)
mapfile -t accounts < <(bash "$(dirname "$0")/../service/preregister.sh" "$(dirname "$make")/make-account" \
  "$personas" "$work/accounts" "representative:$pki/client.pem" \
  "representative:$personas/personas/representative/auth-cert.der")
"$service" --pki "$pki" --port 8443 --db "$work/db" --client-ca "$personas/ca/auth-ca.pem" \
  --client-ca "$pki/client-ca.pem" --trust "$personas/ca/sign-ca.pem" --ready-file "$work/ready" \
  "${accounts[@]}" > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 200); do [ -f "$work/ready" ] && break; sleep 0.05; done
url=https://localhost:8443
for i in $(seq $((2 * n + 1))); do "$make" "$work/p$i" "$personas" > /dev/null; done

read -r _ _ ms_ours hs_ours < <("$bench" file "$url" "$pki/service-ca.pem" "$pki/client.pem" "$pki/client.key" $(for i in $(seq "$n"); do echo "$work/p$i"; done))

start=$(date +%s%N)
for i in $(seq $((n + 1)) $((2 * n))); do
  curl -s -o /dev/null --fail --tlsv1.2 --cacert "$pki/service-ca.pem" --cert "$pki/client.pem" --key "$pki/client.key" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
    --data-binary @"$work/p$i/registration.json" "$url/api/v1/delegations"
done
ms_curl=$(awk -v a="$start" -v b="$(date +%s%N)" -v n="$n" 'BEGIN { printf "%.3f", (b - a) / 1e6 / n }')

before=$(grep -c '"ins":"COMPUTE DIGITAL SIGNATURE".*"ef":"0017"' "$INJ_TEST_VCARD_LOG" || true)
read -r _ _ ms_card hs_card < <(BENCH_PIN=1234 "$bench" card "$url" "$pki/service-ca.pem" x x "$work/p$((2 * n + 1))")
after=$(grep -c '"ins":"COMPUTE DIGITAL SIGNATURE".*"ef":"0017"' "$INJ_TEST_VCARD_LOG" || true)

printf 'one registration, file key:  ininjo %s ms (%s handshakes for %s), curl %s ms\n' "$ms_ours" "$hs_ours" "$n" "$ms_curl"
awk -v a="$ms_ours" -v b="$ms_curl" 'BEGIN { printf "ratio ininjo/curl: %.2f\n", a / b }'
printf 'one card workflow (profile + register + 3 receipt polls): %s ms, %s TLS handshake(s), %s card signature(s)\n' \
  "$ms_card" "$hs_card" "$((after - before))"
