#!/usr/bin/env bash
# make-personas.sh OUTDIR: synthetic JPKI test CAs and one virtual-card
# profile per persona, for ininjo-vcard and the tests.
#
#   OUTDIR/ca/{sign,auth}-ca-{2015,2019,2023}.{pem,der,key}  one per TEST generation
#   OUTDIR/ca/{sign,auth}-ca.pem  the bundle a client trusts: 2023, 2019, 2015
#   OUTDIR/ca/{sign,auth}-ca.{der,key}  the current generation (2023)
#   OUTDIR/ca/{unknown,impostor}-ca.{pem,der,key}
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
# Three TEST generations of each root mirror J-LIS's (2015, 2019, 2023):
# every generation of a kind has the same DN (only the key tells them
# apart), and their validity mirrors reality relative to today: the 2015
# roots expired a year ago, 2019 and 2023 are valid. A persona's generation
# (the "signing CA" column) gives both its signing and its authentication
# issuer, as one issue of a real card does.
#
# The end-entity certificates have the real profile: certificatePolicies
# critical with a CPS qualifier (a fictional URL), issuerAltName
# DirName C=JP, O=公的個人認証サービス TEST, 4-byte serials, the signing CN an
# issue number YYYYMMDDhhmmss + 4-digit sequence + 10-digit office code (28
# characters), the authentication CN YYYYMMDDhhmmss + 6 digits (20).
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
# 4-byte serials like the real cards': a random start below 0x80000000 (so
# the INTEGER needs no leading zero byte), incremented by openssl ca
printf '%08X\n' $((0x10000000 + SRANDOM % 0x60000000)) >"$work/db/serial"
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
# issue numbers of the real shape, never derived from the persona: the issue
# time (JST), then random digits
digits() { local n=$1 out=; while ((${#out} < n)); do out+=$(printf '%09d' $((SRANDOM % 1000000000))); done; printf '%s' "${out:0:n}"; }
# ($1 is YYYYMMDDhhmmssZ, UTC. Never "date -d" on the bare 14 digits: GNU date
# reads some of them, e.g. 20261206170702, as something else and answers
# 20 digits, and the CNs came out 6 digits too long at such times of day.)
issue_ts() { TZ=Asia/Tokyo date -d "@$(date -u -d "${1:0:8} ${1:8:2}:${1:10:2}:${1:12:2}" +%s)" +%Y%m%d%H%M%S; }
sign_cn() { printf '%s%s%s' "$(issue_ts "$1")" "$(digits 4)" "$(digits 10)"; }
auth_cn() { printf '%s%s' "$(issue_ts "$1")" "$(digits 6)"; }
pem_to_der() { sed '/^-----/d' "$1" | base64 -d >"$2"; }

ca_start=$(when '10 years ago'); ca_end=$(when '+10 years' '%Y%m%d145959')
declare -A gen_start gen_end card_start card_end
gen_start[2015]=$(when '11 years ago'); gen_end[2015]=$(when '1 year ago' '%Y%m%d145959')
gen_start[2019]=$(when '7 years ago');  gen_end[2019]=$(when '+3 years' '%Y%m%d145959')
gen_start[2023]=$(when '3 years ago');  gen_end[2023]=$(when '+7 years' '%Y%m%d145959')
# a card's certificates, by the generation that issued them: always inside
# the root's validity (2015: issued 8 years ago, expired 3 years ago)
card_start[2023]=$(when '1 day ago');   card_end[2023]=$(when '+5 years' '%Y%m%d145959')
card_start[2019]=$(when '4 years ago'); card_end[2019]=$(when '+1 year' '%Y%m%d145959')
card_start[2015]=$(when '8 years ago'); card_end[2015]=$(when '3 years ago' '%Y%m%d145959')
old_start=$(when '6 years ago'); old_end=$(when '1 year ago' '%Y%m%d145959')

# der TAG HEX: one DER element (definite length)
der() {
  local n=$((${#2} / 2))
  if ((n < 128)); then printf '%s%02X%s' "$1" "$n" "$2"
  elif ((n < 256)); then printf '%s81%02X%s' "$1" "$n" "$2"
  else printf '%s82%04X%s' "$1" "$n" "$2"; fi
}
utf8_hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }
# issuerAltName DirName C=JP, O=公的個人認証サービス TEST as DER: openssl's
# dirName section would take the UTF-8 bytes for Latin-1
ian_name=$(der 30 "$(der 31 "$(der 30 "0603550406$(der 13 4A50)")")$(der 31 "$(der 30 "060355040A$(der 0C "$(utf8_hex '公的個人認証サービス TEST')")")")")
ian_der="DER:$(der 30 "$(der A4 "$ian_name")")"
ian_der=${ian_der#DER:}; ian_der="DER:$(sed 's/../&:/g; s/:$//' <<<"$ian_der")"

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
certificatePolicies = critical, @auth_policy
issuerAltName = $ian_der
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[auth_policy]
policyIdentifier = 1.2.392.200149.8.5.1.3.30
CPS.1 = "https://jpki.test.example/cps/auth"
EOF
cnf=$work/openssl.cnf

# The personas. Columns:
#   directory | role | qualification | name | name-substitute positions |
#   gender | birth-date | address | address-substitute positions |
#   prefecture | city | auth PIN | signing password | ATR | signing CA |
#   signing-certificate validity | certificate policy
# Signing CA: sign (the 2023 generation), sign-2019, sign-2015, unknown,
# impostor. Policy: production (…8.5.1.1.20) or test-card (J-LIS's test
# cards, …8.5.1.0.20). A birth date with era digit 0 (era not recorded) is
# a date too (agent-2019).
# Substitute positions: 0 = none (all zeros), a comma list of 1-based
# character positions marked '1', or "empty" for an empty string.
# sentinel: values that cannot occur by accident, searched for in every byte
# Ininjo writes (tests/privacy/test-sentinel.sh); change them there too.
# The account flows (issue 16): representative-renewed is representative's
# person on a new card after the 5-year renewal (same name, birth date,
# gender and address; new keys, certificates, issue numbers and passwords);
# representative-moved is the same person's new card after a move (a new
# address in another city; a move revokes the old card, which the bed does
# not model); representative-impostor is another person, trusted and valid,
# at the same address, whose name differs from 試験　太郎 in one character
# (太朗), so that only the name comparison can refuse him.
personas() {
  cat <<'EOF'
representative|representative||試験　太郎|0|1|319750815|東京都千代田区試験町一丁目１番１号|0|Tokyo-to|Chiyoda-ku|1234|TESTPASS1|3BE000FF8131FE4514|sign|valid|production
proprietor|proprietor||見本　花子|0|2|419920229|大阪府大阪市北区見本町二丁目３番４号|0|Osaka-fu|Osaka-shi|2345|MIHON2|3BDA13FF8131FB468012392F31C173C601C03B|sign|valid|production
agent-bengoshi|agent|弁護士|検証　一郎|0|1|319890107|神奈川県横浜市中区検証町三丁目５番６号|0|Kanagawa-ken|Yokohama-shi|3456|BENGOSHI3|3BE000FF8131FE4514|sign|valid|production
agent-zeirishi|agent|税理士|髙橋　テスト|1|2|419890108|愛知県名古屋市中区模擬町四丁目７番８号|0|Aichi-ken|Nagoya-shi|4567|ZEIRISHI4TEST|3BE000FF8131FE4514|sign|valid|production
agent-gyoseishoshi|agent|行政書士|試作　次郎|0|1|319660606|北海道札幌市中央区試験崎町六丁目１１番１２号|12|Hokkaido|Sapporo-shi|5678|GYOSEI5SHOSHI|3BE000FF8131FE4514|sign|valid|production
agent-sharoushi|agent|社会保険労務士|模擬　ひかる|0|3|319821120|福岡県福岡市中央区試行町５－６|0|Fukuoka-ken|Fukuoka-shi|6789|ABCDEFGHIJ123456|3BE000FF8131FE4514|sign|valid|production
expired|proprietor||期限　切子|0|2|319700707|京都府京都市左京区見本町７番地|0|Kyoto-fu|Kyoto-shi|7890|EXPIRED7|3BE000FF8131FE4514|sign-2019|expired|production
unknown-ca|representative||外部　四郎|0|1|419990909|沖縄県那覇市試験町８番９号|0|Okinawa-ken|Naha-shi|8901|UNKNOWN8CA|3BE000FF8131FE4514|unknown|valid|production
impostor-ca|representative||偽装　五郎|0|1|319800401|宮城県仙台市青葉区見本町一丁目２番３号|0|Miyagi-ken|Sendai-shi|9012|IMPOSTOR9|3BE000FF8131FE4514|impostor|valid|production
empty-substitutes|proprietor||空欄　六子|empty|2|420010303|埼玉県さいたま市浦和区試験町１０番地|empty|Saitama-ken|Saitama-shi|0123|135790|3B888001000005E0B381A1007F|sign|valid|production
sentinel|representative||番兵　検出子|0|2|319510327|北海道番兵郡検出町大字試験９９９番地|0|Hokkaido|Bampei-gun|6093|SNTL7PASSQ|3BE000FF8131FE4514|sign|valid|production
representative-2019|representative||旧鍵　三郎|0|1|319720214|千葉県千葉市中央区試験町二丁目３番４号|0|Chiba-ken|Chiba-shi|1357|GEN2019REP|3BE000FF8131FE4514|sign-2019|valid|production
agent-2019|agent|司法書士|前世代　四季|0|2|019780512|兵庫県神戸市中央区見本町五丁目６番７号|0|Hyogo-ken|Kobe-shi|2468|GEN2019AGENT|3BE000FF8131FE4514|sign-2019|valid|production
signed-2015|representative||初代　五郎|0|1|319650303|静岡県静岡市葵区試行町八丁目９番１０号|0|Shizuoka-ken|Shizuoka-shi|3579|GEN2015REP|3BE000FF8131FE4514|sign-2015|valid|production
test-card|representative||試験用　カード|0|3|419950505|広島県広島市中区見本町三丁目２番１号|0|Hiroshima-ken|Hiroshima-shi|4680|TESTCARD0|3BE000FF8131FE4514|sign|valid|test-card
representative-renewed|representative||試験　太郎|0|1|319750815|東京都千代田区試験町一丁目１番１号|0|Tokyo-to|Chiyoda-ku|1470|RENEWED5YREP|3BE000FF8131FE4514|sign|valid|production
representative-moved|representative||試験　太郎|0|1|319750815|神奈川県川崎市中原区見本町二丁目３番４号|0|Kanagawa-ken|Kawasaki-shi|2581|MOVED2REP|3BE000FF8131FE4514|sign|valid|production
representative-impostor|representative||試験　太朗|0|1|319780130|東京都千代田区試験町一丁目１番１号|0|Tokyo-to|Chiyoda-ku|3692|IMPOSTOR3REP|3BE000FF8131FE4514|sign|valid|production
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
  case ${1:0:1} in 0) echo none;; 1) echo 明治;; 2) echo 大正;; 3) echo 昭和;; 4) echo 平成;; 5) echo 令和;;
    *) die "bad era digit in $1";; esac
}

mapfile -t rows < <(personas)
# row I: the columns of persona I as variables
row() {
  IFS='|' read -r dir role qual name name_pos gender birth address addr_pos \
    pref city auth_pin sign_pin atr issuer validity policy <<<"${rows[$1]}"
  case $issuer in
    sign) gen=2023 ;; sign-2019) gen=2019 issuer=sign ;; sign-2015) gen=2015 issuer=sign ;;
    unknown|impostor) gen=2023 ;;
    *) die "bad signing CA ${rows[$1]}" ;;
  esac
  case $validity in
    valid) start=${card_start[$gen]} end=${card_end[$gen]} ;;
    expired) start=$old_start end=$old_end ;;
    *) die "bad validity $validity" ;;
  esac
  # the 2015 generation's cards expired with it; the others' authentication
  # certificates are valid (so a flow reaches the signing step)
  auth_start=${card_start[$gen]} auth_end=${card_end[$gen]}
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
jpki_auth_dn='/C=JP/O=JPKI/OU=JPKI for user authentication TEST/OU=Japan Agency for Local Authority Information Systems TEST'
generations=(2023 2019 2015)   # newest first: the bundles' order
for g in "${generations[@]}"; do
  newkey "sign-ca-$g" "$jpki_sign_dn"
  newkey "auth-ca-$g" "$jpki_auth_dn"
done
newkey unknown-ca '/C=JP/O=Unknown TEST CA/OU=Not JPKI digital signature TEST'
# The trusted signing root's name with another key: only the key or the
# fingerprint tells them apart.
newkey impostor-ca "$jpki_sign_dn"
declare -A auth_cn sign_cn
for i in "${!rows[@]}"; do
  row "$i"
  sign_cn[$dir]=$(sign_cn "$start")
  newkey "$dir-sign" "/C=JP/L=$pref/L=$city/CN=${sign_cn[$dir]}"
  auth_cn[$dir]=$(auth_cn "$auth_start")
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

# root_sign NAME START END
root_sign() {
  install -m 600 "$work/keys/$1.pem" "$work/ca/$1.key"
  run openssl ca -batch -config "$cnf" -selfsign -keyfile "$work/ca/$1.key" \
    -extensions root_ext -startdate "$2" -enddate "$3" -notext \
    -out "$work/ca/$1.pem" -infiles "$work/csr/$1.csr"
  pem_to_der "$work/ca/$1.pem" "$work/ca/$1.der"
}
for g in "${generations[@]}"; do
  root_sign "sign-ca-$g" "${gen_start[$g]}" "${gen_end[$g]}"
  root_sign "auth-ca-$g" "${gen_start[$g]}" "${gen_end[$g]}"
done
for ca in unknown-ca impostor-ca; do root_sign "$ca" "$ca_start" "$ca_end"; done
# sign-ca.pem and auth-ca.pem, which every test and the bed point at: the
# bundle of the generations a client trusts (the expired 2015 one too: a
# signature made under it is judged at its signing time). Newest first, so
# that a tool reading only the first certificate gets the current root,
# whose key is sign-ca.key.
for kind in sign auth; do
  for g in "${generations[@]}"; do cat "$work/ca/$kind-ca-$g.pem"; done >"$work/ca/$kind-ca.pem"
  cp "$work/ca/$kind-ca-2023.der" "$work/ca/$kind-ca.der"
  install -m 600 "$work/ca/$kind-ca-2023.key" "$work/ca/$kind-ca.key"
done

# The authentication certificates, each from its generation's root.
auth_pems=()
for i in "${!rows[@]}"; do
  row "$i"
  mkdir -p "$work/personas/$dir"
  ca_sign "auth-ca-$gen" "$cnf" auth_ext "$auth_start" "$auth_end" "$work/issued/$dir-auth.pem" \
    "$work/csr/$dir-auth.csr"
  pem_to_der "$work/issued/$dir-auth.pem" "$work/personas/$dir/auth-cert.der"
  has_bytes "$work/personas/$dir/auth-cert.der" "${auth_cn[$dir]}" ||
    die "$dir: the authentication certificate is not the one requested"
  run openssl verify -no_check_time -CAfile "$work/ca/auth-ca-$gen.pem" "$work/issued/$dir-auth.pem"
  [ "$gen" = 2015 ] || auth_pems+=("$work/issued/$dir-auth.pem")
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
  expired=false
  [ "$validity" = expired ] || [ "$gen" = 2015 ] && expired=true
  case $issuer in
    sign) chain=trusted ca_name=sign-ca-$gen ;;
    unknown) chain=unknown-ca ca_name=unknown-ca ;; impostor) chain=impostor-ca ca_name=impostor-ca ;;
    *) die "bad issuer $issuer" ;;
  esac
  case $policy in
    production) policy_oid=1.2.392.200149.8.5.1.1.20 ;; test-card) policy_oid=1.2.392.200149.8.5.1.0.20 ;;
    *) die "bad policy $policy" ;;
  esac

  cat >"$work/$dir.ext" <<EOT
[sign_ext]
keyUsage = critical, digitalSignature, nonRepudiation
certificatePolicies = critical, @sign_policy
subjectAltName = @san
issuerAltName = $ian_der
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[sign_policy]
policyIdentifier = $policy_oid
CPS.1 = "https://jpki.test.example/cps/sign"
[san]
otherName.1 = 1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:$name
otherName.2 = 1.2.392.200149.8.5.5.4;FORMAT:UTF8,UTF8:$birth
otherName.3 = 1.2.392.200149.8.5.5.3;FORMAT:UTF8,UTF8:$gender
otherName.4 = 1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:$address
otherName.5 = 1.2.392.200149.8.5.5.2;FORMAT:UTF8,UTF8:$name_sub
otherName.6 = 1.2.392.200149.8.5.5.6;FORMAT:UTF8,UTF8:$addr_sub
EOT
  ca_sign "$ca_name" "$work/$dir.ext" sign_ext "$start" "$end" "$sign_pem" "$work/csr/$dir-sign.csr"
  pem_to_der "$sign_pem" "$pd/sign-cert.der"
  # FORMAT:UTF8 matters: UTF8: alone takes the bytes as Latin-1 and encodes
  # them again.
  has_bytes "$pd/sign-cert.der" "$name" && has_bytes "$pd/sign-cert.der" "$address" ||
    die "$dir: the name or address is not plain UTF-8 in the certificate"

  case $chain,$expired in
    trusted,false) trusted_valid+=("$sign_pem") ;;
    trusted,true)
      # certificate has expired (the 2015 root too: it fails first, at depth 1)
      [ "$gen" = 2015 ] && ! openssl verify -CAfile "$work/ca/sign-ca.pem" "$sign_pem" >/dev/null 2>&1 ||
        verify_fails 10 "$work/ca/sign-ca.pem" "$sign_pem"
      run openssl verify -no_check_time -CAfile "$work/ca/$ca_name.pem" "$sign_pem" ;;
    unknown-ca,false)
      verify_fails 20 "$work/ca/sign-ca.pem" "$sign_pem"   # unable to get local issuer
      run openssl verify -CAfile "$work/ca/unknown-ca.pem" "$sign_pem" ;;
    impostor-ca,false)
      # its AuthorityKeyIdentifier names the impostor's key: no issuer found
      verify_fails 20 "$work/ca/sign-ca.pem" "$sign_pem"
      run openssl verify -CAfile "$work/ca/impostor-ca.pem" "$sign_pem" ;;
    *) die "$dir: no check for chain=$chain expired=$expired" ;;
  esac

  cp "$work/ca/$ca_name.der" "$pd/sign-ca.der"
  cp "$work/ca/auth-ca-$gen.der" "$pd/auth-ca.der"
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
    echo "# generation: the TEST root generation of both certificates (2015 has"
    echo "# expired, with the card's certificates); policy: production or test-card"
    echo "generation = $gen"
    echo "policy = $policy"
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
printf '%s: %d personas and 8 test CAs in %s (%d.%03d s)\n' "$prog" "${#rows[@]}" "$out" \
  $((elapsed / 1000)) $((elapsed % 1000))
