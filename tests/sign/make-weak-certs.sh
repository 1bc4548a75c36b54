#!/usr/bin/env bash
# make-weak-certs.sh PERSONAS OUTDIR: signing certificates that must be
# refused, issued by the TEST signing CA of PERSONAS (make-personas.sh):
#   rsa1024      a 1024-bit RSA key
#   no-nonrep    key usage digitalSignature only (no nonRepudiation)
#   sha1         the certificate itself signed with SHA-1
# Each as OUTDIR/NAME/{cert.pem,cert.der,key.pem}. Synthetic data only.
set -euo pipefail
personas=$1 out=$2
ca_cert=$personas/ca/sign-ca.pem ca_key=$personas/ca/sign-ca.key
[ -f "$ca_key" ] || { echo "make-weak-certs: no CA key in $personas/ca" >&2; exit 1; }
mkdir -p "$out"
cd "$out"

san='otherName.1 = 1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:弱鍵　試験
otherName.2 = 1.2.392.200149.8.5.5.2;FORMAT:UTF8,UTF8:00000
otherName.3 = 1.2.392.200149.8.5.5.3;FORMAT:UTF8,UTF8:1
otherName.4 = 1.2.392.200149.8.5.5.4;FORMAT:UTF8,UTF8:319800401
otherName.5 = 1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:東京都千代田区試験町一丁目１番１号
otherName.6 = 1.2.392.200149.8.5.5.6;FORMAT:UTF8,UTF8:00000000000000000'

make() {
  local name=$1 bits=$2 usage=$3 digest=$4
  mkdir -p "$name"
  openssl genrsa -out "$name/key.pem" "$bits" 2>/dev/null
  chmod 600 "$name/key.pem"
  cat > "$name/ext.cnf" <<CNF
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, $usage
certificatePolicies = 1.2.392.200149.8.5.1.1.20
subjectAltName = @san
[san]
$san
CNF
  openssl req -new -key "$name/key.pem" -subj "/C=JP/L=Tokyo-to/L=Chiyoda-ku/CN=WEAK$(openssl rand -hex 10 | tr a-f A-F)" \
    -out "$name/req.csr" 2>/dev/null
  openssl x509 -req -in "$name/req.csr" -CA "$ca_cert" -CAkey "$ca_key" -set_serial "0x$(openssl rand -hex 12)" \
    -days 365 "-$digest" -extfile "$name/ext.cnf" -extensions ext -out "$name/cert.pem" 2>/dev/null
  openssl x509 -in "$name/cert.pem" -outform DER -out "$name/cert.der"
  rm -f "$name/req.csr" "$name/ext.cnf"
}

make rsa1024 1024 "digitalSignature, nonRepudiation" sha256
make no-nonrep 2048 "digitalSignature" sha256
make sha1 2048 "digitalSignature, nonRepudiation" sha1
