#!/usr/bin/env bash
# preregister.sh MAKE-ACCOUNT PERSONAS OUTDIR PERSONA:CERT...: the accounts a
# test's service starts with, as the operator's web page registers them
# (seed 000 §3.1; issue 16): for each PERSONA:CERT, that persona's signed
# AccountRegistration in OUTDIR, and on standard output the two lines
# "--account" and "STATEMENT.xml:CERT" that ininjo-service takes (the
# certificate, PEM or DER, is bound to the account, which starts 確認済み).
# One account per certificate, as the principal was the certificate before.
#   mapfile -t accounts < <(bash preregister.sh "$make_account" "$personas" \
#     "$work/accounts" representative:"$pki/client.pem")
#   "$service" … "${accounts[@]}"
set -euo pipefail
make_account=$1 personas=$2 outdir=$3
shift 3
mkdir -p "$outdir"
n=0
for spec in "$@"; do
  persona=${spec%%:*} cert=${spec#*:}
  n=$((n + 1))
  "$make_account" "$personas" "$persona" registration >"$outdir/account-$n-$persona.xml"
  printf '%s\n' --account "$outdir/account-$n-$persona.xml:$cert"
done
