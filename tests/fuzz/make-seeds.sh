#!/usr/bin/env bash
# make-seeds.sh BUILD-FUZZ: remakes the verification targets' fixtures and
# seeds (run by hand, the results are committed; CI never runs this):
#
#   trust/sign-ca.pem         the TEST signing CAs the targets trust
#   trust/now.txt             the instant the targets verify at
#   trust/delegation.xml      a signed delegation (the submission target's binding)
#   corpus/fuzz-verify-delegation/seed-*.xml   signed delegations: valid ones
#   corpus/fuzz-verify-submission/seed-*.xml   signed agents' submissions
#   corpus/fuzz-certificate/seed-*.der         the personas' certificates
#   corpus/fuzz-service-request/seed-*         registration requests
#
# Everything is synthetic: tests/vcard/make-personas.sh's fictional personas
# and TEST CAs, keys made now and thrown away with the temporary directory.
# After a run, the targets' seeds change and the old ones no longer verify:
# replace them together (git add -A tests/fuzz).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
make_package=$build/tests/fuzz/fuzz-make-package
ninja -C "$build" tests/fuzz/fuzz-make-package >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=0

bash "$here/../vcard/make-personas.sh" "$work/personas" >/dev/null
p=$work/personas
mkdir -p "$here/trust" "$here/corpus/fuzz-verify-delegation" "$here/corpus/fuzz-verify-submission" \
         "$here/corpus/fuzz-certificate" "$here/corpus/fuzz-service-request"
rm -f "$here"/corpus/fuzz-verify-delegation/seed-* "$here"/corpus/fuzz-verify-submission/seed-* \
      "$here"/corpus/fuzz-certificate/seed-* "$here"/corpus/fuzz-service-request/seed-*
cp "$p/ca/sign-ca.pem" "$here/trust/sign-ca.pem"
# an hour after the personas were made: every certificate valid, the period begun
date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ >"$here/trust/now.txt"

n=0
make() {  # make NAME [make-package options]
  local name=$1; shift
  mkdir -p "$work/$name"
  "$make_package" "$work/$name" "$p" "$@" >/dev/null
  cp "$work/$name/delegation.xml" "$here/corpus/fuzz-verify-delegation/seed-$name.xml"
  cp "$work/$name/agent-submission.xml" "$here/corpus/fuzz-verify-submission/seed-$name.xml"
  n=$((n + 1))
}
make corporation
make proprietor --representative proprietor --agent agent-bengoshi
make other-name --name "別名　太郎"
make expired-period --expired
make signed-2015 --representative signed-2015
cp "$work/corporation/delegation.xml" "$here/trust/delegation.xml"
old=$(sed -n 's|.*<DelegationId>\(.*\)</DelegationId>.*|\1|p' "$work/corporation/delegation.xml")
make renewal --supersedes "$old"
{ printf 'POST /api/v1/delegations/%s/renewal\nIdempotency-Key: 0B1C2D3E-4F50-4a6b-8c7d-9e0f1a2b3c4d\nContent-Type: application/json\n\n' "$old"
  cat "$work/renewal/registration.json"; } >"$here/corpus/fuzz-service-request/seed-renewal"
# the submission target checks the binding against trust/delegation.xml:
# its own seed is the one that names it
# registrations (the service's request parsing): the body after a request line
for name in corporation proprietor; do
  { printf 'POST /api/v1/delegations\nIdempotency-Key: 5f0c6a52-3d52-4c1e-9d0e-6d1f7e2b8a11\nContent-Type: application/json\n\n'
    cat "$work/$name/registration.json"; } >"$here/corpus/fuzz-service-request/seed-register-$name"
done
for persona in "$p"/personas/*/; do
  for cert in sign-cert auth-cert sign-ca auth-ca; do
    [ -f "$persona/$cert.der" ] || continue
    cp "$persona/$cert.der" "$here/corpus/fuzz-certificate/seed-$(basename "$persona")-$cert.der"
  done
done
for ca in "$p"/ca/*.der; do cp "$ca" "$here/corpus/fuzz-certificate/seed-ca-$(basename "$ca")"; done
# one file per certificate: the personas share their CAs
python3 - "$here/corpus/fuzz-certificate" <<'PY'
import hashlib, os, sys, glob
seen = set()
for f in sorted(glob.glob(sys.argv[1] + "/seed-*")):
    h = hashlib.sha256(open(f, "rb").read()).digest()
    if h in seen:
        os.remove(f)
    seen.add(h)
PY
echo "make-seeds: $n packages, trust at $(cat "$here/trust/now.txt")"
