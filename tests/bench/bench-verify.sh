#!/usr/bin/env bash
# bench-verify.sh MAKE-SIGNED CLI PERSONAS [N]: N signed delegations verified
# by one `ininjo-cli verify` and by `xmlsec1 --verify` run on each; prints
# the wall times and their ratio, and the peak memory of ininjo-cli.
set -euo pipefail
make=$1 cli=$2 personas=$3 n=${4:-1000}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
ca=$personas/ca/sign-ca.pem
# xmlsec1's --trusted-pem reads only a file's first certificate: one per generation
xmlsec_trust=(--trusted-pem "$personas/ca/sign-ca-2023.pem" --trusted-pem "$personas/ca/sign-ca-2019.pem"
              --trusted-pem "$personas/ca/sign-ca-2015.pem")
p=$personas/personas/representative
"$make" "$n" "$work/signed" "$p/sign-key.pem" "$p/sign-cert.der"

now() { date +%s%N; }
start=$(now)
/usr/bin/time -f '%M' -o "$work/rss" "$cli" verify --quiet --trust "$ca" "$work"/signed/*.xml > "$work/ours.out"
ours=$(( ($(now) - start) / 1000000 ))
tail -n 1 "$work/ours.out"

start=$(now)
ok=0
for f in "$work"/signed/*.xml; do
  xmlsec1 --verify "${xmlsec_trust[@]}" "$f" >/dev/null 2>&1 && ok=$((ok + 1))
done
theirs=$(( ($(now) - start) / 1000000 ))
echo "xmlsec1: $ok of $n verified"
printf 'ininjo-cli verify (one process): %6d ms, peak RSS %s KiB\n' "$ours" "$(cat "$work/rss")"
printf 'xmlsec1 --verify (one per file): %6d ms\n' "$theirs"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio ininjo/xmlsec1: %.2f\n", a / b }'
