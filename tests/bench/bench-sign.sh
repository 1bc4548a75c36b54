#!/usr/bin/env bash
# bench-sign.sh BENCH-SIGN N: inside with-card.sh --profile, signs N digests
# with our pkcs11/ layer and N with `pkcs11-tool --sign` (OpenSC's own tool)
# on the same virtual card; prints wall time per signature, APDUs per
# signature and the ratios. The password is the synthetic persona's.
set -euo pipefail
bench=$1 n=${2:-10}
: "${INJ_TEST_VCARD_LOG:?run inside with-card.sh --profile}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
password=$(sed -n 's/^sign-pin *= *//p' "$INJ_TEST_PROFILE/persona.ini")
printf '%s\n' "$password" > "$work/pw"
apdus() { grep -c '"event":"apdu"' "$INJ_TEST_VCARD_LOG" || true; }

read -r _ n_ours ms_ours apdu_ours < <("$bench" "$n" "$work/pw")
read -r _ n_doc ms_doc apdu_doc < <("$bench" "$n" "$work/pw" delegation)

# SHA-256 DigestInfo of 32 zero bytes, as our layer sends it
printf '\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20' > "$work/in"
head -c 32 /dev/zero >> "$work/in"
before=$(apdus)
start=$(date +%s%N)
for _ in $(seq "$n"); do
  pkcs11-tool --module opensc-pkcs11.so --token-label 'JPKI (Digital Signature PIN)' \
    --login --pin "$password" --sign --mechanism RSA-PKCS --id 02 \
    -i "$work/in" -o "$work/sig" >/dev/null 2>&1
done
end=$(date +%s%N)
after=$(apdus)
ms_tool=$(awk -v a="$start" -v b="$end" -v n="$n" 'BEGIN { printf "%.3f", (b - a) / 1e6 / n }')
apdu_tool=$(awk -v a="$before" -v b="$after" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')

printf '%-14s %10s %16s\n' "" "ms/signature" "APDUs/signature"
printf '%-14s %10s %16s\n' "ininjo" "$ms_ours" "$apdu_ours"
printf '%-14s %10s %16s\n' "ininjo (whole delegation)" "$ms_doc" "$apdu_doc"
printf '%-14s %10s %16s\n' "pkcs11-tool" "$ms_tool" "$apdu_tool"
awk -v a="$ms_ours" -v b="$ms_tool" -v c="$apdu_ours" -v d="$apdu_tool" \
  'BEGIN { printf "ratio ininjo/pkcs11-tool: time %.2f, APDUs %.2f\n", a / b, c / d }'
awk -v a="$ms_doc" -v b="$ms_tool" -v c="$apdu_doc" -v d="$apdu_tool" \
  'BEGIN { printf "ratio ininjo whole delegation/pkcs11-tool: time %.2f, APDUs %.2f\n", a / b, c / d }'
