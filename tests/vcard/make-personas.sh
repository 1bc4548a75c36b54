#!/usr/bin/env bash
# make-personas.sh OUTDIR: synthetic JPKI test CAs and one virtual-card
# profile per persona, for ininjo-vcard and the tests.
#
#   OUTDIR/ca/{sign,auth,unknown,impostor}-ca.{pem,der,key}
#   OUTDIR/personas/NAME/{profile.ini,persona.ini,sign-cert.der,sign-ca.der,
#                         auth-cert.der,auth-ca.der,sign-key.pem,auth-key.pem}
#   OUTDIR/personas.stamp  (a complete generation; its presence makes a rerun
#                           a no-op until this script changes)
#
# Without a valid stamp, OUTDIR/ca and OUTDIR/personas are replaced whole.
#
# Everything is fictional: invented names and addresses, and TEST in every
# CA name. The certificates follow the real JPKI layout
# (../shared/docs/jpki-card.md, "Certificate contents"):
#
# - The signing certificate's SubjectAltName holds six otherName entries, each
#   an [0] EXPLICIT UTF8String, in the order a real card has them: 1 name,
#   4 date of birth, 3 gender, 5 address, 2 name substitute, 6 address
#   substitute.
# - The substitute fields are not free text but a position map: one '0' or
#   '1' per character of the name (address), '1' where the character stands
#   in for a glyph outside the JIS sets. A real card carries all zeros
#   ("00000" for a five-character name), not an empty string; the
#   empty-substitutes persona has empty UTF8Strings (which openssl encodes as
#   0C 00) so that readers cope with both.
# - Gender: 1 male, 2 female, 3 unknown (JPKI's codes).
# - Date of birth: era digit (1 明治 … 5 令和) and the Gregorian YYYYMMDD.
# - Name: surname and given name separated by an ideographic space (U+3000);
#   addresses use full-width digits and hyphens, as JIS X 0208 text does.
# - Subject: C=JP, L=<prefecture>, L=<city> (romanised), CN=<opaque issue
#   number>; never the name. The authentication certificate carries no
#   personal data: C=JP, CN=<opaque> and no SubjectAltName.
#
# Validity needs backdating, which OpenSSL 3.0's x509/req cannot do (no
# -not_before), so every certificate is issued with `openssl ca -startdate
# -enddate`, roots included (`-selfsign`): roots from 10 years ago to 10
# years ahead, cards from 1 day ago to 5 years ahead, the expired persona's
# signing certificate from 6 years ago to 1 year ago (its authentication
# certificate stays valid, so a flow reaches the signing step). notAfter is
# 14:59:59Z, midnight in Japan, like real cards.
set -euo pipefail
export LC_ALL=C.UTF-8

prog=make-personas
die() { echo "$prog: $*" >&2; exit 1; }
[ $# -eq 1 ] && [ -n "$1" ] || { echo "usage: $prog.sh OUTDIR" >&2; exit 2; }
command -v openssl >/dev/null || die "openssl not found (Debian package openssl)"
command -v flock >/dev/null || die "flock not found (Debian package util-linux)"
probe='試'
[ "${#probe}" -eq 1 ] || die "the C.UTF-8 locale is missing: characters cannot be counted"

self=${BASH_SOURCE[0]}
started=$(date +%s%N)
mkdir -p "$1"
out=$(cd "$1" && pwd)
stamp=$out/personas.stamp
version="ininjo make-personas $(sha256sum <"$self" | cut -d' ' -f1)"

# Concurrent test runs may share OUTDIR: one generates, the others wait.
exec 9>"$out/.personas.lock"
flock 9

stamp_ok() {
  [ -f "$stamp" ] || return 1
  local first f
  { read -r first; [ "$first" = "$version" ] || return 1
    while read -r f; do [ -f "$out/$f" ] || return 1; done; } <"$stamp"
}
if stamp_ok; then
  echo "$prog: $out is up to date ($(grep -c '/persona.ini$' "$stamp") personas)"
  exit 0
fi

rm -rf "$out"/.work.*   # left by a killed run: the lock says none is running
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/db/new" "$work/ca" "$work/personas" "$work/keys" "$work/csr" "$work/issued"
: >"$work/db/index.txt"
echo 01 >"$work/db/serial"
umask 022

# run COMMAND...: quiet unless it fails
run() {
  if ! "$@" >"$work/run.log" 2>&1; then
    cat "$work/run.log" >&2
    die "failed: $*"
  fi
}
# has_bytes FILE TEXT: FILE holds the bytes of TEXT as they are
has_bytes() { LC_ALL=C grep -aqF -- "$2" "$1"; }
when() { date -u -d "$1" +"${2:-%Y%m%d%H%M%S}Z"; }
# an opaque issue number, never derived from the persona
issue_number() { printf '%08X%08X%08X' "$SRANDOM" "$SRANDOM" "$SRANDOM"; }
pem_to_der() { sed '/^-----/d' "$1" | base64 -d >"$2"; }

ca_start=$(when '10 years ago'); ca_end=$(when '+10 years' '%Y%m%d145959')
card_start=$(when '1 day ago'); card_end=$(when '+5 years' '%Y%m%d145959')
old_start=$(when '6 years ago'); old_end=$(when '1 year ago' '%Y%m%d145959')

cat >"$work/openssl.cnf" <<EOF
[req]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
prompt = no
[req_dn]
[ca]
default_ca = test_ca
[test_ca]
database = $work/db/index.txt
new_certs_dir = $work/db/new
serial = $work/db/serial
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
preserve = yes
copy_extensions = none
email_in_dn = no
[policy_any]
countryName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
[root_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[auth_ext]
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
certificatePolicies = 1.2.392.200149.8.5.1.3.30
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
cnf=$work/openssl.cnf

# The personas. Columns:
#   directory | role | qualification | name | name-substitute positions |
#   gender | birth-date | address | address-substitute positions |
#   prefecture | city | auth PIN | signing password | ATR | signing CA |
#   signing-certificate validity
# Substitute positions: 0 = none (all zeros), a comma list of 1-based
# character positions marked '1', or "empty" for an empty string.
# sentinel: values that cannot occur by accident, searched for in every byte
# Ininjo writes (tests/privacy/test-sentinel.sh); change them there too.
personas() {
  cat <<'EOF'
representative|representative||試験　太郎|0|1|319750815|東京都千代田区試験町一丁目１番１号|0|Tokyo-to|Chiyoda-ku|1234|TESTPASS1|3BE000FF8131FE4514|sign|valid
proprietor|proprietor||見本　花子|0|2|419920229|大阪府大阪市北区見本町二丁目３番４号|0|Osaka-fu|Osaka-shi|2345|MIHON2|3BDA13FF8131FB468012392F31C173C601C03B|sign|valid
agent-bengoshi|agent|弁護士|検証　一郎|0|1|319890107|神奈川県横浜市中区検証町三丁目５番６号|0|Kanagawa-ken|Yokohama-shi|3456|BENGOSHI3|3BE000FF8131FE4514|sign|valid
agent-zeirishi|agent|税理士|髙橋　テスト|1|2|419890108|愛知県名古屋市中区模擬町四丁目７番８号|0|Aichi-ken|Nagoya-shi|4567|ZEIRISHI4TEST|3BE000FF8131FE4514|sign|valid
agent-gyoseishoshi|agent|行政書士|試作　次郎|0|1|319660606|北海道札幌市中央区試験崎町六丁目１１番１２号|12|Hokkaido|Sapporo-shi|5678|GYOSEI5SHOSHI|3BE000FF8131FE4514|sign|valid
agent-sharoushi|agent|社会保険労務士|模擬　ひかる|0|3|319821120|福岡県福岡市中央区試行町５－６|0|Fukuoka-ken|Fukuoka-shi|6789|ABCDEFGHIJ123456|3BE000FF8131FE4514|sign|valid
expired|proprietor||期限　切子|0|2|319700707|京都府京都市左京区見本町７番地|0|Kyoto-fu|Kyoto-shi|7890|EXPIRED7|3BE000FF8131FE4514|sign|expired
unknown-ca|representative||外部　四郎|0|1|419990909|沖縄県那覇市試験町８番９号|0|Okinawa-ken|Naha-shi|8901|UNKNOWN8CA|3BE000FF8131FE4514|unknown|valid
impostor-ca|representative||偽装　五郎|0|1|319800401|宮城県仙台市青葉区見本町一丁目２番３号|0|Miyagi-ken|Sendai-shi|9012|IMPOSTOR9|3BE000FF8131FE4514|impostor|valid
empty-substitutes|proprietor||空欄　六子|empty|2|420010303|埼玉県さいたま市浦和区試験町１０番地|empty|Saitama-ken|Saitama-shi|0123|135790|3B888001000005E0B381A1007F|sign|valid
sentinel|representative||番兵　検出子|0|2|319510327|北海道番兵郡検出町大字試験９９９番地|0|Hokkaido|Bampei-gun|6093|SNTL7PASSQ|3BE000FF8131FE4514|sign|valid
EOF
}

# position_map TEXT SPEC: the substitute field for TEXT (see above)
position_map() {
  local text=$1 spec=$2 map pos
  [ "$spec" = empty ] && return 0
  map=$(printf "%${#text}s" '' | tr ' ' 0)
  for pos in ${spec//,/ }; do
    [ "$pos" -eq 0 ] && continue
    [ "$pos" -le "${#text}" ] || die "substitute position $pos beyond \"$text\""
    map=${map:0:pos-1}1${map:pos}
  done
  printf '%s' "$map"
}

era_name() {
  case ${1:0:1} in 1) echo 明治;; 2) echo 大正;; 3) echo 昭和;; 4) echo 平成;; 5) echo 令和;;
    *) die "bad era digit in $1";; esac
}

mapfile -t rows < <(personas)
# row I: the columns of persona I as variables
row() {
  IFS='|' read -r dir role qual name name_pos gender birth address addr_pos \
    pref city auth_pin sign_pin atr issuer validity <<<"${rows[$1]}"
}

# Every key with its request, all at once: RSA key generation is most of the
# time. `openssl ca` later checks each request's signature, which ties every
# certificate to its key.
keygen_jobs=()
newkey() {
  ( umask 077
    exec openssl req -new -config "$cnf" -utf8 -newkey rsa:2048 -noenc \
      -keyout "$work/keys/$1.pem" -subj "$2" -out "$work/csr/$1.csr" ) >"$work/keys/$1.log" 2>&1 &
  keygen_jobs+=("$!:$1")
}
jpki_sign_dn='/C=JP/O=JPKI/OU=JPKI for digital signature TEST/OU=Japan Agency for Local Authority Information Systems TEST'
newkey sign-ca "$jpki_sign_dn"
newkey auth-ca '/C=JP/O=JPKI/OU=JPKI for user authentication TEST/OU=Japan Agency for Local Authority Information Systems TEST'
newkey unknown-ca '/C=JP/O=Unknown TEST CA/OU=Not JPKI digital signature TEST'
# The trusted signing root's name with another key: only the key or the
# fingerprint tells them apart.
newkey impostor-ca "$jpki_sign_dn"
declare -A auth_cn
for i in "${!rows[@]}"; do
  row "$i"
  newkey "$dir-sign" "/C=JP/L=$pref/L=$city/CN=$(issue_number)"
  auth_cn[$dir]=$(issue_number)
  newkey "$dir-auth" "/C=JP/CN=${auth_cn[$dir]}"
done
for job in "${keygen_jobs[@]}"; do
  if ! wait "${job%%:*}"; then
    cat "$work/keys/${job#*:}.log" >&2
    die "key generation failed: ${job#*:}"
  fi
done

# ca_sign ISSUER EXTFILE SECTION START END OUT CSR...
ca_sign() {
  local issuer=$1 ext=$2 section=$3 start=$4 end=$5 out=$6
  shift 6
  # to stdout: with -out, OpenSSL 3.0 keeps only the last of several
  if ! openssl ca -batch -config "$cnf" -cert "$work/ca/$issuer.pem" \
      -keyfile "$work/ca/$issuer.key" -extfile "$ext" -extensions "$section" \
      -startdate "$start" -enddate "$end" -notext -infiles "$@" >"$out" 2>"$work/run.log"; then
    cat "$work/run.log" >&2
    die "failed: openssl ca for $*"
  fi
}

for ca in sign-ca auth-ca unknown-ca impostor-ca; do
  install -m 600 "$work/keys/$ca.pem" "$work/ca/$ca.key"
  run openssl ca -batch -config "$cnf" -selfsign -keyfile "$work/ca/$ca.key" \
    -extensions root_ext -startdate "$ca_start" -enddate "$ca_end" -notext \
    -out "$work/ca/$ca.pem" -infiles "$work/csr/$ca.csr"
  pem_to_der "$work/ca/$ca.pem" "$work/ca/$ca.der"
done

# The authentication certificates are alike: one call issues them all, in
# the order of the requests; each is matched back by its issue number.
auth_csrs=()
for i in "${!rows[@]}"; do row "$i"; auth_csrs+=("$work/csr/$dir-auth.csr"); done
ca_sign auth-ca "$cnf" auth_ext "$card_start" "$card_end" "$work/issued/auth-all.pem" "${auth_csrs[@]}"
awk -v d="$work/issued" '/^-----BEGIN CERTIFICATE-----/ { f = sprintf("%s/auth-%d.pem", d, n++) } { print > f }' \
  "$work/issued/auth-all.pem"
auth_pems=()
for i in "${!rows[@]}"; do
  row "$i"
  mkdir -p "$work/personas/$dir"
  [ -f "$work/issued/auth-$i.pem" ] || die "the authentication certificate of $dir is missing"
  mv "$work/issued/auth-$i.pem" "$work/issued/$dir-auth.pem"
  pem_to_der "$work/issued/$dir-auth.pem" "$work/personas/$dir/auth-cert.der"
  has_bytes "$work/personas/$dir/auth-cert.der" "${auth_cn[$dir]}" ||
    die "$dir: the authentication certificate is not the one requested"
  auth_pems+=("$work/issued/$dir-auth.pem")
done
run openssl verify -CAfile "$work/ca/auth-ca.pem" "${auth_pems[@]}"

# verify_fails ERROR CAFILE CERT: CERT must fail against CAFILE with that
# openssl verify error number
verify_fails() {
  local got
  if got=$(openssl verify -CAfile "$2" "$3" 2>&1); then
    die "$3 verifies against $2 but must fail with error $1"
  fi
  case $got in *"error $1 at 0 depth"*) ;;
    *) die "$3 against $2: expected error $1, got: $got" ;; esac
}

trusted_valid=()
for i in "${!rows[@]}"; do
  row "$i"
  pd=$work/personas/$dir
  sign_pem=$work/issued/$dir-sign.pem
  name_sub=$(position_map "$name" "$name_pos")
  addr_sub=$(position_map "$address" "$addr_pos")
  era=$(era_name "$birth")
  case $validity in
    valid) start=$card_start end=$card_end expired=false ;;
    expired) start=$old_start end=$old_end expired=true ;;
    *) die "bad validity $validity" ;;
  esac
  case $issuer in
    sign) chain=trusted ;; unknown) chain=unknown-ca ;; impostor) chain=impostor-ca ;;
    *) die "bad issuer $issuer" ;;
  esac

  cat >"$work/$dir.ext" <<EOT
[sign_ext]
keyUsage = critical, digitalSignature, nonRepudiation
certificatePolicies = 1.2.392.200149.8.5.1.1.20
subjectAltName = @san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[san]
otherName.1 = 1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:$name
otherName.2 = 1.2.392.200149.8.5.5.4;FORMAT:UTF8,UTF8:$birth
otherName.3 = 1.2.392.200149.8.5.5.3;FORMAT:UTF8,UTF8:$gender
otherName.4 = 1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:$address
otherName.5 = 1.2.392.200149.8.5.5.2;FORMAT:UTF8,UTF8:$name_sub
otherName.6 = 1.2.392.200149.8.5.5.6;FORMAT:UTF8,UTF8:$addr_sub
EOT
  ca_sign "$issuer-ca" "$work/$dir.ext" sign_ext "$start" "$end" "$sign_pem" "$work/csr/$dir-sign.csr"
  pem_to_der "$sign_pem" "$pd/sign-cert.der"
  # FORMAT:UTF8 matters: UTF8: alone takes the bytes as Latin-1 and encodes
  # them again.
  has_bytes "$pd/sign-cert.der" "$name" && has_bytes "$pd/sign-cert.der" "$address" ||
    die "$dir: the name or address is not plain UTF-8 in the certificate"

  case $chain,$expired in
    trusted,false) trusted_valid+=("$sign_pem") ;;
    trusted,true)
      verify_fails 10 "$work/ca/sign-ca.pem" "$sign_pem"   # certificate has expired
      run openssl verify -no_check_time -CAfile "$work/ca/sign-ca.pem" "$sign_pem" ;;
    unknown-ca,false)
      verify_fails 20 "$work/ca/sign-ca.pem" "$sign_pem"   # unable to get local issuer
      run openssl verify -CAfile "$work/ca/unknown-ca.pem" "$sign_pem" ;;
    impostor-ca,false)
      # its AuthorityKeyIdentifier names the impostor's key: no issuer found
      verify_fails 20 "$work/ca/sign-ca.pem" "$sign_pem"
      run openssl verify -CAfile "$work/ca/impostor-ca.pem" "$sign_pem" ;;
    *) die "$dir: no check for chain=$chain expired=$expired" ;;
  esac

  cp "$work/ca/$issuer-ca.der" "$pd/sign-ca.der"
  cp "$work/ca/auth-ca.der" "$pd/auth-ca.der"
  install -m 600 "$work/keys/$dir-sign.pem" "$pd/sign-key.pem"
  install -m 600 "$work/keys/$dir-auth.pem" "$pd/auth-key.pem"

  cat >"$pd/profile.ini" <<EOT
# Virtual My Number card "$dir" (synthetic test data, fictional person)
[card]
atr = $atr
token-kind = JPKIAPICCTOKEN2
[auth-pin]
pin = $auth_pin
tries = 3
[sign-pin]
pin = $sign_pin
tries = 5
EOT

  {
    echo "# Persona \"$dir\": what the tests may expect of this card. Fictional."
    echo "# [san]: the exact SubjectAltName otherName values of sign-cert.der."
    echo "[san]"
    echo "name = $name"
    echo "name-substitute = $name_sub"
    echo "gender = $gender"
    echo "birth-date = $birth"
    echo "address = $address"
    echo "address-substitute = $addr_sub"
    echo "[subject]"
    echo "prefecture = $pref"
    echo "city = $city"
    echo "[card]"
    echo "sign-pin = $sign_pin"
    echo "auth-pin = $auth_pin"
    echo "atr = $atr"
    echo "[expect]"
    echo "# chain: trusted = sign-ca.der is the TEST signing root; unknown-ca = an"
    echo "# untrusted root of another name; impostor-ca = a root with the trusted"
    echo "# root's name but another key. expired: the signing certificate's"
    echo "# validity ended (the authentication certificate is valid on every card)."
    echo "chain = $chain"
    echo "expired = $expired"
    echo "role = $role"
    [ -z "$qual" ] || echo "qualification = $qual"
    echo "birth-era = $era"
  } >"$pd/persona.ini"
done
run openssl verify -CAfile "$work/ca/sign-ca.pem" "${trusted_valid[@]}"

# Publish: drop the old stamp first, so an interrupted run is never "complete".
rm -f "$stamp"
rm -rf "$out/ca" "$out/personas"
mv "$work/ca" "$work/personas" "$out/"
{
  echo "$version"
  (cd "$out" && find ca personas -type f | LC_ALL=C sort)
} >"$work/stamp"
mv "$work/stamp" "$stamp"

elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
printf '%s: %d personas and 4 test CAs in %s (%d.%03d s)\n' "$prog" "${#rows[@]}" "$out" \
  $((elapsed / 1000)) $((elapsed % 1000))
