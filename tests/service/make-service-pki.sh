#!/usr/bin/env bash
# make-service-pki.sh OUTDIR: the synthetic PKI of the local delegation
# service (tests/service/), for ininjo-service and the tests that talk to it.
#
#   service-ca.{pem,key}         the CA the client trusts for the service
#   server.{pem,key}             localhost and 127.0.0.1, from service-ca
#   server-wronghost.{pem,key}   DNS:wrong.example.invalid only, from service-ca
#   unknown-ca.{pem,key}         a CA nobody trusts
#   server-unknownca.{pem,key}   localhost and 127.0.0.1, from unknown-ca
#   records.{pem,key}            the key of the service's counter-signatures
#                                (SignedRecord), from service-ca; a key of its
#                                own so that a TLS key never signs records
#   client-ca.{pem,key}          the CA of file-key test clients
#   client.{pem,key}             a file-key client (RSA-2048), from client-ca
#   client-untrusted.{pem,key}   a client from a CA the service does not trust
#   client-expired.{pem,key}     a client of client-ca whose validity ended (2020-04-01 to
#                                2021-03-31): what a TLS front end refuses as expired
#   service-pki.stamp            a complete generation: its presence makes a
#                                rerun a no-op until this script changes
#
# Everything is synthetic, with TEST in every name. Keys are 0600. The JPKI
# authentication CA of the personas (tests/vcard/make-personas.sh) is the
# other client CA the service is given; it is not made here.
set -euo pipefail
export LC_ALL=C.UTF-8

prog=make-service-pki
die() { echo "$prog: $*" >&2; exit 1; }
[ $# -eq 1 ] && [ -n "$1" ] || { echo "usage: $prog.sh OUTDIR" >&2; exit 2; }
command -v openssl >/dev/null || die "openssl not found (Debian package openssl)"
command -v flock >/dev/null || die "flock not found (Debian package util-linux)"

self=${BASH_SOURCE[0]}
mkdir -p "$1"
out=$(cd "$1" && pwd)
stamp=$out/service-pki.stamp
version="ininjo make-service-pki $(sha256sum <"$self" | cut -d' ' -f1)"
files=(service-ca.pem service-ca.key server.pem server.key server-wronghost.pem
       server-wronghost.key unknown-ca.pem unknown-ca.key server-unknownca.pem
       server-unknownca.key records.pem records.key client-ca.pem client-ca.key
       client.pem client.key client-untrusted.pem client-untrusted.key client-expired.pem
       client-expired.key)

# Concurrent test runs may share OUTDIR: one generates, the others wait.
exec 9>"$out/.service-pki.lock"
flock 9

stamp_ok() {
  [ -f "$stamp" ] || return 1
  local first f
  { read -r first; [ "$first" = "$version" ] || return 1
    while read -r f; do [ -f "$out/$f" ] || return 1; done; } <"$stamp"
}
if stamp_ok; then
  echo "$prog: $out is up to date"
  exit 0
fi

rm -rf "$out"/.work.*   # left by a killed run: the lock says none is running
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
umask 077

run() {
  if ! "$@" >"$work/run.log" 2>&1; then
    cat "$work/run.log" >&2
    die "failed: $*"
  fi
}

cat >"$work/ext.cnf" <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[wronghost]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example.invalid
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[records]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# Every key at once: RSA key generation is most of the time.
keys=(service-ca server server-wronghost unknown-ca server-unknownca records
      client-ca client untrusted-client-ca client-untrusted client-expired)
pids=()
for k in "${keys[@]}"; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/$k.key" \
    >"$work/$k.log" 2>&1 &
  pids+=("$!")
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { cat "$work/${keys[$i]}.log" >&2; die "key generation failed: ${keys[$i]}"; }
done

org='/O=Ininjo TEST/OU=Local delegation service TEST'
# root NAME CN
root() {
  run openssl req -new -x509 -key "$work/$1.key" -subj "$org/CN=$2" -days 3650 -sha256 \
    -extensions ca -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n'; cat "$work/ext.cnf") \
    -out "$work/$1.pem"
}
# leaf NAME ISSUER SECTION CN
leaf() {
  run openssl req -new -key "$work/$1.key" -subj "$org/CN=$4" -out "$work/$1.csr"
  run openssl x509 -req -in "$work/$1.csr" -CA "$work/$2.pem" -CAkey "$work/$2.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 1825 -sha256 \
    -extfile "$work/ext.cnf" -extensions "$3" -out "$work/$1.pem"
  run openssl verify -CAfile "$work/$2.pem" "$work/$1.pem"
}

root service-ca 'Ininjo service CA TEST'
root unknown-ca 'Unknown service CA TEST'
root client-ca 'Ininjo client CA TEST'
root untrusted-client-ca 'Untrusted client CA TEST'
leaf server service-ca server 'localhost'
leaf server-wronghost service-ca wronghost 'wrong.example.invalid'
leaf server-unknownca unknown-ca server 'localhost'
leaf records service-ca records 'Ininjo service records TEST'
leaf client client-ca client 'Ininjo test client TEST'
leaf client-untrusted untrusted-client-ca client 'Untrusted test client TEST'
# expired: openssl ca, the one command that sets both dates
run openssl req -new -key "$work/client-expired.key" -subj "$org/CN=Expired test client TEST" \
  -out "$work/client-expired.csr"
: >"$work/index.txt"
openssl rand -hex 16 >"$work/serial"
run openssl ca -batch -notext -config <(printf '%s\n' '[ca]' 'default_ca=d' '[d]' \
    "database=$work/index.txt" "serial=$work/serial" "new_certs_dir=$work" 'default_md=sha256' 'policy=p' \
    'unique_subject=no' '[p]' 'commonName=supplied' 'organizationName=optional' \
    'organizationalUnitName=optional') \
  -cert "$work/client-ca.pem" -keyfile "$work/client-ca.key" -in "$work/client-expired.csr" \
  -startdate 20200401000000Z -enddate 20210331235959Z \
  -extfile "$work/ext.cnf" -extensions client -out "$work/client-expired.pem"

if openssl verify -CAfile "$work/service-ca.pem" "$work/server-unknownca.pem" >/dev/null 2>&1 ||
   openssl verify -CAfile "$work/client-ca.pem" "$work/client-untrusted.pem" >/dev/null 2>&1; then
  die "a certificate meant to be untrusted verifies"
fi

# Publish: drop the old stamp first, so an interrupted run is never "complete".
rm -f "$stamp"
for f in "${files[@]}"; do
  case $f in *.key) chmod 600 "$work/$f" ;; *) chmod 644 "$work/$f" ;; esac
  mv -f "$work/$f" "$out/$f"
done
{ echo "$version"; printf '%s\n' "${files[@]}"; } >"$work/stamp"
chmod 644 "$work/stamp"
mv "$work/stamp" "$stamp"
echo "$prog: service, client and record certificates (TEST) in $out"
