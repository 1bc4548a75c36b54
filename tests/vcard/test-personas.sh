#!/usr/bin/env bash
# test-personas.sh [MAKE_PERSONAS]: TAP. Generates the test CAs and personas
# into a temporary directory and checks them with openssl alone: files and
# modes, keys against certificates, the JPKI certificate layout, and the
# SubjectAltName decoded here from the DER (not from openssl's text) against
# persona.ini, byte for byte.
# check's commands run through eval in single quotes, on purpose:
# shellcheck disable=SC2016
set -euo pipefail
export LC_ALL=C.UTF-8
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
make=${1:-$here/make-personas.sh}
. "$here/../cli/tap.sh"
# fail DESCRIPTION TEXT...: not_ok with every line of TEXT a TAP comment
fail() {
  local d=$1 a
  local -a lines=()
  shift
  for a in "$@"; do mapfile -t -O "${#lines[@]}" lines <<<"$a"; done
  not_ok "$d" "${lines[@]}"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

jpki_sign_dn='C=JP, O=JPKI, OU=JPKI for digital signature TEST, OU=Japan Agency for Local Authority Information Systems TEST'
jpki_auth_dn='C=JP, O=JPKI, OU=JPKI for user authentication TEST, OU=Japan Agency for Local Authority Information Systems TEST'
unknown_dn='C=JP, O=Unknown TEST CA, OU=Not JPKI digital signature TEST'
oid_arc=1.2.392.200149.8.5.5
# SubjectAltName order on a real card: name, birth date, gender, address, substitutes
san_order=(1 4 3 5 2 6)
declare -A san_key=([1]=name [2]=name-substitute [3]=gender [4]=birth-date [5]=address [6]=address-substitute)
required=(representative proprietor agent-bengoshi agent-zeirishi agent-gyoseishoshi
          agent-sharoushi expired unknown-ca sentinel representative-2019 agent-2019 signed-2015
          test-card representative-renewed representative-moved representative-impostor)
generations=(2023 2019 2015)
ian_hex=$(printf '%s' '公的個人認証サービス TEST' | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F)

# ---- the issue time in a CN, at any time of day -------------------------------
# make-personas.sh's issue_ts, alone: UTC in, JST out, always 14 digits. The
# generation below runs at one time of day; these are times at which GNU
# date once misread the bare digits (CI's personas failed at 17:07:02 UTC).
eval "$(grep '^issue_ts()' "$make")"
for t in 20261206170702Z:20261207020702 20221207170702Z:20221208020702 \
         20261206164502Z:20261207014502 20261231150000Z:20270101000000 \
         20260101000000Z:20260101090000; do
  got=$(issue_ts "${t%%:*}" 2>&1 || true)
  if [ "$got" = "${t#*:}" ]; then ok "issue time ${t%%:*} is ${t#*:} in JST"
  else not_ok "issue time ${t%%:*} is ${t#*:} in JST" "got $got"; fi
done

# ---- helpers -----------------------------------------------------------------

# load_ini ARRAY FILE: ARRAY[section.key]=value for a GKeyFile-style file
load_ini() {
  local -n arr=$1
  local s k v
  arr=()
  # shellcheck disable=SC2034  # arr names the caller's array
  while IFS=$'\x1f' read -r s k v; do arr[$s.$k]=$v; done < <(awk '
    /^[ \t]*(#|$)/ { next }
    /^\[/ { sec = substr($0, 2, index($0, "]") - 2); next }
    (i = index($0, "=")) {
      key = substr($0, 1, i - 1); gsub(/^[ \t]+|[ \t]+$/, "", key)
      v = substr($0, i + 1); sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
      printf "%s\037%s\037%s\n", sec, key, v }' "$2")
}
# hex_of_text TEXT: its bytes in hex (LC_ALL=C: one character is one byte)
hex_of_text() {
  local LC_ALL=C s=$1 i x out=
  for ((i = 0; i < ${#s}; i++)); do printf -v x '%02X' "'${s:i:1}"; out+=$x; done
  printf '%s' "$out"
}
hex_of_file() { od -An -v -tx1 "$1" | tr -d ' \n' | tr a-f A-F; }
mode_of() { stat -c %a "$1"; }
# der_to_pem DER PEM: openssl verify wants its -CAfile in PEM
der_to_pem() { { echo '-----BEGIN CERTIFICATE-----'; base64 -w 64 "$1"; echo '-----END CERTIFICATE-----'; } >"$2"; }
# field TEXT LABEL: a line's value from openssl x509 -text ("Subject: ...")
field() { local re="(^|"$'\n'") *$2: *([^"$'\n'"]*)"; [[ $1 =~ $re ]] && printf '%s' "${BASH_REMATCH[2]}"; }
# modulus TEXT: the RSA modulus in openssl x509 -text or pkey -text output
modulus() { awk 'tolower($1) == "modulus:" { on = 1; next } on && /^ *[0-9a-f:]+$/ { gsub(/[ :]/, ""); m = m $0; next } on { exit } END { print m }' <<<"$1"; }
cert_text() { openssl x509 -inform DER -in "$1" -noout -text -nameopt utf8,sep_comma_plus_space; }
# rsa2048_sha256 TEXT: a 2048-bit RSA key, signed with sha256WithRSAEncryption
rsa2048_sha256() {
  local sig='Signature Algorithm: sha256WithRSAEncryption'
  [[ $1 == *'Public-Key: (2048 bit)'* && $1 == *"$sig"*"$sig"* && $1 != *'Signature Algorithm: '[!s]* ]]
}
# policies TEXT: the certificate policy OIDs, each followed by a space
policies() {
  local line out=
  while IFS= read -r line; do [[ $line =~ ^\ *Policy:\ (.*)$ ]] && out+="${BASH_REMATCH[1]} "; done <<<"$1"
  printf '%s' "$out"
}

# ext CERT LISTING NAME: "CRITICAL HEX" of the extension NAME (as asn1parse
# names it) from CERT's asn1parse LISTING; nothing if absent
ext() {
  local line crit off hex
  line=$(awk -v n=":$3" '
    substr($0, length($0) - length(n) + 1) == n && /OBJECT/ { on = 1; crit = 0; next }
    on && /BOOLEAN/ { if ($0 ~ /:255$/) crit = 1; next }
    on && /OCTET STRING/ { split($1, a, ":"); h = "-"; if (i = index($0, "[HEX DUMP]:")) h = substr($0, i + 11)
                           print crit, a[1], h; exit }
    on { exit }' <<<"$2")
  [ -n "$line" ] || return 0
  read -r crit off hex <<<"$line"
  if [ "$hex" = - ]; then   # printable contents are shown as text: take the bytes
    openssl asn1parse -inform DER -in "$1" -strparse "$off" -noout -out "$tmp/ext.der" >/dev/null
    hex=$(hex_of_file "$tmp/ext.der")
  fi
  echo "$crit $hex"
}

# tlvs HEX: the DER elements of HEX into the arrays tag, off, len (offsets
# of the contents, in bytes); fails on anything but minimal definite lengths
tlvs() {
  local h=$1 o=0 n=$((${#1} / 2)) l nb
  tag=() off=() len=()
  while ((o < n)); do
    ((o + 2 <= n)) || return 1
    tag+=("${h:o*2:2}") l=$((16#${h:o*2+2:2})) o=$((o + 2))
    if ((l > 127)); then
      nb=$((l - 128))
      ((nb >= 1 && nb <= 3 && o + nb <= n)) || return 1
      l=$((16#${h:o*2:nb*2})) o=$((o + nb))
      ((l > 127 && l >= 1 << (8 * (nb - 1)))) || return 1
    fi
    ((o + l <= n)) || return 1
    off+=("$o") len+=("$l")
    o=$((o + l))
  done
}
oid_of_hex() {
  local h=$1 i b v=0 first
  first=$((16#${h:0:2}))
  if ((first < 40)); then oid=0.$first; elif ((first < 80)); then oid=1.$((first - 40)); else oid=2.$((first - 80)); fi
  for ((i = 2; i < ${#h}; i += 2)); do
    b=$((16#${h:i:2})) v=$(((v << 7) | (b & 127)))
    if ((b < 128)); then oid+=.$v v=0; fi
  done
}

# san_decode HEX: the arrays san_oid and san_val (hex) per otherName, in
# order; fails with a message in san_error unless HEX is one SEQUENCE of
# otherName { OID, [0] EXPLICIT UTF8String }
san_decode() {
  local seq i inner value oidhex
  local -a tag off len etag eoff elen
  san_oid=() san_val=() san_error=
  tlvs "$1" || { san_error="bad DER"; return 1; }
  ((${#tag[@]} == 1)) && [ "${tag[0]}" = 30 ] || { san_error="not one SEQUENCE"; return 1; }
  seq=${1:off[0]*2:len[0]*2}
  tlvs "$seq" || { san_error="bad DER in the SEQUENCE"; return 1; }
  etag=("${tag[@]}") eoff=("${off[@]}") elen=("${len[@]}")
  for i in "${!etag[@]}"; do
    [ "${etag[i]}" = A0 ] || { san_error="GeneralName tag ${etag[i]}, not otherName [0]"; return 1; }
    inner=${seq:eoff[i]*2:elen[i]*2}
    tlvs "$inner" || { san_error="bad DER in an otherName"; return 1; }
    ((${#tag[@]} == 2)) && [ "${tag[0]}" = 06 ] && [ "${tag[1]}" = A0 ] ||
      { san_error="otherName is ${tag[*]}, not OBJECT and [0]"; return 1; }
    oidhex=${inner:off[0]*2:len[0]*2} value=${inner:off[1]*2:len[1]*2}
    tlvs "$value" || { san_error="bad DER in a value"; return 1; }
    ((${#tag[@]} == 1)) && [ "${tag[0]}" = 0C ] ||
      { san_error="value is ${tag[*]}, not one UTF8String (0C)"; return 1; }
    oid_of_hex "$oidhex"
    san_oid+=("$oid") san_val+=("${value:off[0]*2:len[0]*2}")
  done
}

# era DATE (YYYYMMDD): the JPKI era digit of a Gregorian date
era() {
  local d=$1
  if ((d >= 20190501)); then echo 5; elif ((d >= 19890108)); then echo 4
  elif ((d >= 19261225)); then echo 3; elif ((d >= 19120730)); then echo 2
  elif ((d >= 18680125)); then echo 1; else echo '?'; fi
}
declare -A era_name=([1]=明治 [2]=大正 [3]=昭和 [4]=平成 [5]=令和)

# ---- generation ------------------------------------------------------------------

# gen DESCRIPTION: run the generator; passes on success with one line on
# stdout and nothing on stderr
gen() {
  if ! "$make" "$out" >"$tmp/stdout" 2>"$tmp/stderr"; then
    fail "$1" "make-personas failed" "$(cat "$tmp/stderr")"; return 1
  fi
  if [ "$(wc -l <"$tmp/stdout")" = 1 ] && [ ! -s "$tmp/stderr" ]; then ok "$1"
  else fail "$1" "wanted one line on stdout and nothing on stderr" "$(cat "$tmp/stdout" "$tmp/stderr")"; fi
}
snapshot() { (cd "$out" && find . -type f ! -name .personas.lock -printf '%p %s %T@\n' | sort && sha256sum ca/* personas/*/*); }

# an interrupted or older generation: no valid stamp, a stale persona
mkdir -p "$out/personas/stale"
echo stale >"$out/personas/stale/profile.ini"
printf 'ininjo make-personas 0000\npersonas/stale/profile.ini\n' >"$out/personas.stamp"
started=$(date +%s%N)
if ! gen "make-personas.sh generates over a stale, unstamped generation"; then finish; exit 1; fi
echo "# generation: $(cat "$tmp/stdout"); $((($(date +%s%N) - started) / 1000000)) ms measured here"
check "the stale generation is gone" test ! -e "$out/personas/stale"
check "the stamp lists every generated file" \
  cmp -s <(tail -n +2 "$out/personas.stamp") <(cd "$out" && find ca personas -type f | LC_ALL=C sort)
snapshot >"$tmp/before"
gen "a second run prints one line"
snapshot >"$tmp/after"
check "a second run changes nothing" cmp -s "$tmp/before" "$tmp/after"

# ---- CAs -----------------------------------------------------------------------------

declare -A ca_modulus
for ca in sign-ca-{2015,2019,2023} auth-ca-{2015,2019,2023} unknown-ca impostor-ca; do
  base=$out/ca/$ca
  if [ -f "$base.pem" ] && [ -f "$base.der" ] && [ -f "$base.key" ]; then ok "$ca: .pem .der .key present"
  else not_ok "$ca: .pem .der .key present"; continue; fi
  der_to_pem "$base.der" "$tmp/der.pem"
  check "$ca: .der is the .pem" cmp -s "$base.pem" "$tmp/der.pem"
  m=$(mode_of "$base.key")
  if [ "$m" = 600 ]; then ok "$ca: key mode 0600"; else not_ok "$ca: key mode 0600" "mode $m"; fi
  text=$(cert_text "$base.der")
  ca_modulus[$ca]=$(modulus "$text")
  check "$ca: key matches the certificate" \
    test "$(modulus "$(openssl pkey -in "$base.key" -noout -text)")" = "${ca_modulus[$ca]}"
  # shellcheck disable=SC2034  # issuer is read by an eval below
  subject=$(field "$text" Subject) issuer=$(field "$text" Issuer)
  case $subject in *TEST*) ok "$ca: TEST in the name ($subject)" ;;
    *) not_ok "$ca: TEST in the name" "$subject" ;; esac
  case $ca in
    sign-ca*|impostor-ca) want_dn=$jpki_sign_dn ;; auth-ca*) want_dn=$jpki_auth_dn ;; *) want_dn=$unknown_dn ;;
  esac
  check "$ca: name layout" test "$subject" = "$want_dn"
  check "$ca: self-signed, the signature checks" \
    eval 'test "$issuer" = "$subject" && openssl verify -no_check_time -check_ss_sig -CAfile "$base.pem" "$base.pem" >/dev/null 2>&1'
  check "$ca: RSA-2048, sha256WithRSAEncryption" rsa2048_sha256 "$text"
  listing=$(openssl asn1parse -inform DER -in "$base.der")
  bc=$(ext "$base.der" "$listing" "X509v3 Basic Constraints") ku=$(ext "$base.der" "$listing" "X509v3 Key Usage")
  # 30 03 01 01 FF: cA TRUE, no path length; 03 02 01 06: keyCertSign, cRLSign
  if [ "$bc" = "1 30030101FF" ] && [ "$ku" = "1 03020106" ]; then
    ok "$ca: CA:TRUE critical, KeyUsage critical keyCertSign+cRLSign"
  else not_ok "$ca: CA:TRUE critical, KeyUsage critical keyCertSign+cRLSign" "basicConstraints: $bc" "keyUsage: $ku"; fi
done
# the generations: one DN per kind, distinct keys, validity as J-LIS's
# relative to today (2015 expired, 2019 and 2023 valid)
now=$(date +%s)
for kind in sign auth; do
  check "$kind-ca: three generations, one DN, three keys" \
    test "$(printf '%s\n' "${ca_modulus[$kind-ca-2015]}" "${ca_modulus[$kind-ca-2019]}" "${ca_modulus[$kind-ca-2023]}" | sort -u | wc -l)" = 3
  for g in "${generations[@]}"; do
    end=$(date -d "$(openssl x509 -in "$out/ca/$kind-ca-$g.pem" -noout -enddate | cut -d= -f2)" +%s)
    start=$(date -d "$(openssl x509 -in "$out/ca/$kind-ca-$g.pem" -noout -startdate | cut -d= -f2)" +%s)
    if [ "$g" = 2015 ]; then
      check "$kind-ca-$g: expired (like J-LIS's 2015 root)" test "$end" -lt "$now"
    else
      check "$kind-ca-$g: valid now" test "$start" -le "$now" -a "$end" -gt "$now"
    fi
  done
  # the file every test and the bed point at: the bundle, newest first;
  # .der and .key are the current generation's
  check "$kind-ca.pem is the bundle of 2023, 2019, 2015" \
    cmp -s "$out/ca/$kind-ca.pem" <(cat "$out/ca/$kind-ca-2023.pem" "$out/ca/$kind-ca-2019.pem" "$out/ca/$kind-ca-2015.pem")
  check "$kind-ca.der and .key are the 2023 generation's" \
    eval 'cmp -s "$out/ca/$kind-ca.der" "$out/ca/$kind-ca-2023.der" && cmp -s "$out/ca/$kind-ca.key" "$out/ca/$kind-ca-2023.key"'
  m=$(mode_of "$out/ca/$kind-ca.key")
  check "$kind-ca.key: mode 0600" test "$m" = 600
done
check "unknown-ca: not the trusted signing root's name" \
  test "$(field "$(cert_text "$out/ca/unknown-ca.der")" Subject)" != "$jpki_sign_dn"
# (a function, not eval: an `exit` there would end the whole test)
impostor_key_differs() {
  local g
  for g in "${generations[@]}"; do [ "${ca_modulus[impostor-ca]}" != "${ca_modulus[sign-ca-$g]}" ] || return 1; done
}
check "impostor-ca: the trusted signing root's name with another key" impostor_key_differs
keys_open=$(find "$out" \( -name '*.key' -o -name '*-key.pem' \) -perm /077)
if [ -z "$keys_open" ]; then ok "no key readable or writable by group or others"
else fail "no key readable or writable by group or others" "$keys_open"; fi

# ---- personas --------------------------------------------------------------------------

expected_files='auth-ca.der auth-cert.der auth-key.pem persona.ini profile.ini sign-ca.der sign-cert.der sign-key.pem'
declare -A seen_auth_pin seen_sign_pin PI PR want want_hex
personas=()
for p in "$out"/personas/*/; do personas+=("$(basename "$p")"); done
for r in "${required[@]}"; do
  check "persona $r exists" test -d "$out/personas/$r"
done
agent_quals=() agent_substitute=0 agent_showa=0 agent_heisei=0
era0=() test_card=() gen2019_rep=() gen2019_agent=()

for who in "${personas[@]}"; do
  pd=$out/personas/$who
  files=$(cd "$pd" && ls -A | tr '\n' ' ' | sed 's/ $//')
  if [ "$files" = "$expected_files" ]; then ok "$who: exactly the profile's files"
  else not_ok "$who: exactly the profile's files" "has: $files" "want: $expected_files"; continue; fi
  check "$who: persona.ini and profile.ini are UTF-8" \
    eval 'iconv -f UTF-8 -t UTF-8 "$pd/persona.ini" >/dev/null && iconv -f UTF-8 -t UTF-8 "$pd/profile.ini" >/dev/null'
  load_ini PI "$pd/persona.ini"
  load_ini PR "$pd/profile.ini"
  sc=$pd/sign-cert.der ac=$pd/auth-cert.der
  stext=$(cert_text "$sc") atext=$(cert_text "$ac")

  # -- keys
  for k in sign auth; do
    m=$(mode_of "$pd/$k-key.pem")
    ktext=$(openssl pkey -in "$pd/$k-key.pem" -noout -text)
    if [ "$m" = 600 ] && [ "$(head -1 "$pd/$k-key.pem")" = '-----BEGIN PRIVATE KEY-----' ] &&
       grep -q '^Private-Key: (2048 bit' <<<"$ktext"; then
      ok "$who: $k-key.pem is a PEM RSA-2048 key, mode 0600"
    else not_ok "$who: $k-key.pem is a PEM RSA-2048 key, mode 0600" "mode $m"; fi
    [ $k = sign ] && ctext=$stext || ctext=$atext
    check "$who: $k-key.pem matches $k-cert.der" test "$(modulus "$ktext")" = "$(modulus "$ctext")"
  done

  # -- profile.ini and PINs
  auth_pin=${PR[auth-pin.pin]-} sign_pin=${PR[sign-pin.pin]-}
  problems=()
  [[ ${PR[card.atr]-} =~ ^([0-9A-F]{2}){2,33}$ ]] || problems+=("atr ${PR[card.atr]-}")
  [ "${PR[card.token-kind]-}" = JPKIAPICCTOKEN2 ] || problems+=("token-kind")
  [[ $auth_pin =~ ^[0-9]{4}$ ]] || problems+=("auth PIN $auth_pin")
  [[ $sign_pin =~ ^[A-Z0-9]{6,16}$ ]] || problems+=("signing password $sign_pin")
  [ "${PR[auth-pin.tries]-}" = 3 ] || problems+=("auth tries")
  [ "${PR[sign-pin.tries]-}" = 5 ] || problems+=("sign tries")
  [ "${PI[card.auth-pin]-}" = "$auth_pin" ] || problems+=("persona.ini auth-pin")
  [ "${PI[card.sign-pin]-}" = "$sign_pin" ] || problems+=("persona.ini sign-pin")
  [ "${PI[card.atr]-}" = "${PR[card.atr]-}" ] || problems+=("persona.ini atr")
  [ -z "${seen_auth_pin[x$auth_pin]:-}" ] || problems+=("auth PIN shared with ${seen_auth_pin[x$auth_pin]}")
  [ -z "${seen_sign_pin[x$sign_pin]:-}" ] || problems+=("signing password shared with ${seen_sign_pin[x$sign_pin]}")
  seen_auth_pin[x$auth_pin]=$who seen_sign_pin[x$sign_pin]=$who
  if [ ${#problems[@]} -eq 0 ]; then ok "$who: profile.ini (ATR, token kind, PINs $auth_pin/$sign_pin, tries 3/5), PINs unique"
  else not_ok "$who: profile.ini" "${problems[@]}"; fi

  # -- persona.ini's own values are well-formed
  want=() want_hex=()
  problems=()
  for num in "${san_order[@]}"; do
    if [ -n "${PI[san.${san_key[$num]}]+set}" ]; then want[$num]=${PI[san.${san_key[$num]}]}
    else want[$num]=; problems+=("no ${san_key[$num]}"); fi
  done
  [[ ${want[3]} =~ ^[123]$ ]] || problems+=("gender ${want[3]}")
  b=${want[4]}
  if [[ $b =~ ^0[0-9]{8}$ ]] && [ "$(date -u -d "${b:1:4}-${b:5:2}-${b:7:2}" +%Y%m%d 2>/dev/null)" = "${b:1}" ]; then
    # era digit 0: the era is not recorded; still a date
    era0+=("$who")
    [ "${PI[expect.birth-era]-}" = none ] || problems+=("birth-era ${PI[expect.birth-era]-}, want none")
  elif [[ $b =~ ^[1-5][0-9]{8}$ ]] && [ "$(date -u -d "${b:1:4}-${b:5:2}-${b:7:2}" +%Y%m%d 2>/dev/null)" = "${b:1}" ]; then
    [ "$(era "${b:1}")" = "${b:0:1}" ] || problems+=("era digit ${b:0:1} for ${b:1}, want $(era "${b:1}")")
    [ "${PI[expect.birth-era]-}" = "${era_name[${b:0:1}]}" ] || problems+=("birth-era ${PI[expect.birth-era]-}")
  else problems+=("birth-date $b"); fi
  for pair in "1 2" "5 6"; do
    read -r f s <<<"$pair"
    sub=${want[$s]}
    if [ -n "$sub" ] && { [[ ! $sub =~ ^[01]+$ ]] || [ ${#sub} -ne ${#want[$f]} ]; }; then
      problems+=("${san_key[$s]} \"$sub\" is not one 0/1 per character of \"${want[$f]}\"")
    fi
  done
  case ${want[1]} in *　*) ;; *) problems+=("name without an ideographic space") ;; esac
  for num in "${san_order[@]}"; do want_hex[$num]=$(hex_of_text "${want[$num]}"); done
  if [ ${#problems[@]} -eq 0 ]; then ok "$who: persona.ini SAN values well-formed (${want[1]}, ${want[4]})"
  else not_ok "$who: persona.ini SAN values" "${problems[@]}"; fi

  # -- signing certificate
  slisting=$(openssl asn1parse -inform DER -in "$sc")
  check "$who: sign cert RSA-2048, sha256WithRSAEncryption" rsa2048_sha256 "$stext"
  ku=$(ext "$sc" "$slisting" "X509v3 Key Usage")
  # 03 02 06 C0: digitalSignature, nonRepudiation
  if [ "$ku" = "1 030206C0" ]; then ok "$who: sign cert KeyUsage critical digitalSignature+nonRepudiation"
  else not_ok "$who: sign cert KeyUsage" "$ku"; fi
  pol=$(policies "$stext") gen=${PI[expect.generation]-}
  case ${PI[expect.policy]-} in
    production) want_pol=1.2.392.200149.8.5.1.1.20 ;;
    test-card) want_pol=1.2.392.200149.8.5.1.0.20 test_card+=("$who") ;;
    *) want_pol="policy ${PI[expect.policy]-}?" ;;
  esac
  check "$who: sign cert policy $want_pol only" test "$pol" = "$want_pol "
  # the real profile: policies critical with a CPS, issuerAltName DirName
  # C=JP, O=公的個人認証サービス TEST, a 4-byte serial, the CN's shape
  for k in sign auth; do
    [ $k = sign ] && c=$sc l=$slisting t=$stext || { c=$ac; l=$(openssl asn1parse -inform DER -in "$ac"); t=$(cert_text "$ac"); }
    cp_ext=$(ext "$c" "$l" "X509v3 Certificate Policies") ian=$(ext "$c" "$l" "X509v3 Issuer Alternative Name")
    serial=$(openssl x509 -inform DER -in "$c" -noout -serial | cut -d= -f2)
    problems=()
    [ "${cp_ext%% *}" = 1 ] || problems+=("certificatePolicies not critical: $cp_ext")
    grep -q 'CPS: https://jpki\.test\.example/' <<<"$t" || problems+=("no CPS qualifier")
    [[ ${ian#* } == 30??A4* && ${ian#* } == *"$ian_hex"* ]] || problems+=("issuerAltName $ian")
    [[ $serial =~ ^[1-7][0-9A-F]{7}$ ]] || problems+=("serial $serial is not 4 bytes")
    if [ ${#problems[@]} -eq 0 ]; then ok "$who: $k cert: critical policies with CPS, issuerAltName DirName, 4-byte serial $serial"
    else not_ok "$who: $k cert: the real profile" "${problems[@]}"; fi
  done
  subject=$(field "$stext" Subject)
  pref=${PI[subject.prefecture]-} city=${PI[subject.city]-}
  issued=$(TZ=Asia/Tokyo date -d "$(field "$stext" "Not Before")" +%Y%m%d%H%M%S)
  if [[ $subject =~ ^C=JP,\ L=([^,]+),\ L=([^,]+),\ CN=([0-9]{28})$ ]] && [ "${BASH_REMATCH[3]:0:14}" = "$issued" ] &&
     [ "${BASH_REMATCH[1]}" = "$pref" ] && [ "${BASH_REMATCH[2]}" = "$city" ] &&
     ! LC_ALL=C grep -q '[^ -~]' <<<"$subject"; then
    ok "$who: sign subject C=JP, L=$pref, L=$city, CN=issue time + sequence + office (28); no name in the DN"
  else not_ok "$who: sign subject layout" "$subject"; fi

  # -- SubjectAltName, decoded here from the DER
  san=$(ext "$sc" "$slisting" "X509v3 Subject Alternative Name")
  if san_decode "${san#* }"; then
    problems=()
    [ ${#san_oid[@]} -eq 6 ] || problems+=("${#san_oid[@]} entries, want 6")
    for i in "${!san_order[@]}"; do
      num=${san_order[$i]} oid=${san_oid[i]:-none} val=${san_val[i]:-}
      [ "$oid" = "$oid_arc.$num" ] || { problems+=("entry $((i + 1)) is $oid, want $oid_arc.$num"); continue; }
      [ "$val" = "${want_hex[$num]}" ] ||
        problems+=("${san_key[$num]}: bytes $val, want ${want_hex[$num]} (${want[$num]})")
    done
    [ "${san%% *}" = 0 ] || problems+=("SubjectAltName is critical")
    if [ ${#problems[@]} -eq 0 ]; then ok "$who: SubjectAltName holds persona.ini's six values byte for byte, in card order"
    else not_ok "$who: SubjectAltName values" "${problems[@]}"; fi
  else
    not_ok "$who: SubjectAltName is six otherName [0] EXPLICIT UTF8String" "$san_error"
  fi
  # the same structure as openssl lists it
  off=$(awk '/:X509v3 Subject Alternative Name$/ { on = 1; next } on && /OCTET STRING/ { split($1, a, ":"); print a[1]; exit }' <<<"$slisting")
  listing=$(openssl asn1parse -inform DER -in "$sc" -strparse "$off")
  if [ "$(grep -c 'd=1 .*cont \[ 0 \]' <<<"$listing")" = 6 ] &&
     [ "$(grep -c "d=2 .*OBJECT *:$oid_arc\.[1-6]\$" <<<"$listing")" = 6 ] &&
     [ "$(grep -c 'd=2 .*cont \[ 0 \]' <<<"$listing")" = 6 ] &&
     [ "$(grep -c 'd=3 .*UTF8STRING' <<<"$listing")" = 6 ] &&
     grep -qF ":${want[1]}" <<<"$listing" && grep -qF ":${want[5]}" <<<"$listing"; then
    ok "$who: asn1parse agrees: 6 × cont [0] { OBJECT, cont [0] { UTF8STRING } }"
  else fail "$who: asn1parse listing of the SubjectAltName" "$listing"; fi

  # -- authentication certificate: no personal data
  alisting=$(openssl asn1parse -inform DER -in "$ac")
  check "$who: auth cert RSA-2048, sha256WithRSAEncryption" rsa2048_sha256 "$atext"
  ku=$(ext "$ac" "$alisting" "X509v3 Key Usage") eku=$(ext "$ac" "$alisting" "X509v3 Extended Key Usage")
  # 03 02 07 80: digitalSignature; 30 0A 06 08 2B06010505070302: clientAuth
  if [ "$ku" = "1 03020780" ] && [ "$eku" = "0 300A06082B06010505070302" ]; then
    ok "$who: auth cert KeyUsage critical digitalSignature, EKU clientAuth"
  else not_ok "$who: auth cert KeyUsage/EKU" "keyUsage: $ku" "extendedKeyUsage: $eku"; fi
  pol=$(policies "$atext")
  check "$who: auth cert policy 1.2.392.200149.8.5.1.3.30 only" test "$pol" = "1.2.392.200149.8.5.1.3.30 "
  subject=$(field "$atext" Subject)
  ac_hex=$(hex_of_file "$ac")
  problems=()
  [[ $subject =~ ^C=JP,\ CN=[0-9]{20}$ ]] || problems+=("subject $subject, want CN of 20 digits")
  [ -z "$(ext "$ac" "$alisting" "X509v3 Subject Alternative Name")" ] || problems+=("has a SubjectAltName")
  for num in 1 4 5; do
    case $ac_hex in *"${want_hex[$num]}"*) problems+=("holds the ${san_key[$num]}") ;; esac
  done
  if [ ${#problems[@]} -eq 0 ]; then ok "$who: auth cert subject C=JP, CN=opaque; no SubjectAltName, no personal data"
  else not_ok "$who: auth cert carries no personal data" "${problems[@]}"; fi
  check "$who: auth-ca.der is the TEST $gen authentication root" cmp -s "$pd/auth-ca.der" "$out/ca/auth-ca-$gen.der"
  check "$who: auth cert verifies against the $gen authentication root" \
    eval 'openssl verify -no_check_time -CAfile "$out/ca/auth-ca-$gen.pem" "$ac" 2>&1 | grep -q ": OK$"'
  if [ "$gen" = 2015 ]; then
    check "$who: auth cert expired with its 2015 card" eval '! openssl x509 -inform DER -in "$ac" -noout -checkend 0 >/dev/null'
  else
    check "$who: auth cert verifies against the bundle" \
      eval 'openssl verify -CAfile "$out/ca/auth-ca.pem" "$ac" 2>&1 | grep -q ": OK$"'
    check "$who: auth cert valid for a day at least" eval 'openssl x509 -inform DER -in "$ac" -noout -checkend 86400 >/dev/null'
  fi

  # -- issuer names, the chain and validity persona.ini promises
  sca_subject=$(field "$(cert_text "$pd/sign-ca.der")" Subject)
  for pair in "the issuer of sign-cert.der|$(field "$stext" Issuer)" "sign-ca.der|$sca_subject" \
              "the issuer of auth-cert.der|$(field "$atext" Issuer)"; do
    case ${pair#*|} in *TEST*) ok "$who: TEST in ${pair%%|*}" ;; *) not_ok "$who: TEST in ${pair%%|*}" "${pair#*|}" ;; esac
  done
  der_to_pem "$pd/sign-ca.der" "$tmp/sign-ca.pem"
  check "$who: sign-ca.der issued sign-cert.der" \
    eval 'openssl verify -no_check_time -CAfile "$tmp/sign-ca.pem" "$sc" 2>&1 | grep -q ": OK$"'
  res=$(openssl verify -CAfile "$out/ca/sign-ca.pem" "$sc" 2>&1 || true)
  startdate=$(field "$stext" "Not Before") enddate=$(field "$stext" "Not After ")
  now=$(date +%s) begin=$(date -d "$startdate" +%s) end=$(date -d "$enddate" +%s)
  chain=${PI[expect.chain]-} expired=${PI[expect.expired]-}
  case $chain,$expired in
    trusted,false)
      check "$who: sign-ca.der is the TEST $gen signing root" cmp -s "$pd/sign-ca.der" "$out/ca/sign-ca-$gen.der"
      check "$who: sign cert verifies against the trusted signing roots" grep -q ": OK$" <<<"$res"
      # 2023: issued yesterday for 5 years; 2019: issued 4 years ago, a year left
      [ "$gen" = 2019 ] && years=0 || years=4
      check "$who: sign cert valid from the past to $years+ years ahead ($startdate – $enddate)" \
        test "$begin" -le "$now" -a "$end" -gt $((now + years * 365 * 86400 + 86400)) ;;
    trusted,true)
      check "$who: sign-ca.der is the TEST $gen signing root" cmp -s "$pd/sign-ca.der" "$out/ca/sign-ca-$gen.der"
      check "$who: sign cert expired 30+ days ago ($enddate)" test "$end" -lt $((now - 30 * 86400))
      if [ "$gen" = 2015 ]; then
        check "$who: openssl verify refuses it (the 2015 root has expired too)" eval '! grep -q ": OK$" <<<"$res"'
        r_end=$(date -d "$(openssl x509 -in "$out/ca/sign-ca-2015.pem" -noout -enddate | cut -d= -f2)" +%s)
        check "$who: issued and expired while the 2015 root was valid" test "$begin" -ge "$(date -d "$(openssl x509 -in "$out/ca/sign-ca-2015.pem" -noout -startdate | cut -d= -f2)" +%s)" -a "$end" -le "$r_end"
      else
        check "$who: openssl verify says expired (error 10)" grep -q "error 10 at 0 depth" <<<"$res"
      fi ;;
    unknown-ca,false)
      check "$who: sign-ca.der is the unknown TEST CA, another name" \
        eval 'cmp -s "$pd/sign-ca.der" "$out/ca/unknown-ca.der" && test "$sca_subject" != "$jpki_sign_dn"'
      check "$who: sign cert does not verify against the trusted signing root" \
        eval '! grep -q ": OK$" <<<"$res" && grep -q "error 20 at 0 depth" <<<"$res"' ;;
    impostor-ca,false)
      check "$who: sign-ca.der is the impostor: the trusted name, another certificate" \
        eval 'cmp -s "$pd/sign-ca.der" "$out/ca/impostor-ca.der" && test "$sca_subject" = "$jpki_sign_dn" && ! grep -qF "$(base64 -w0 "$pd/sign-ca.der" | head -c 200)" <(tr -d "\n" <"$out/ca/sign-ca.pem")'
      check "$who: sign cert does not verify against the trusted signing root" \
        eval '! grep -q ": OK$" <<<"$res"' ;;
    *) not_ok "$who: a known expectation (chain=$chain expired=$expired)" ;;
  esac

  role=${PI[expect.role]-} qual=${PI[expect.qualification]-}
  if [ "$gen" = 2019 ] && [ "$chain,$expired" = trusted,false ]; then
    case $role in agent) gen2019_agent+=("$who") ;; representative|proprietor) gen2019_rep+=("$who") ;; esac
  fi
  case $role in
    agent)
      if [ -n "$qual" ]; then ok "$who: agent with a qualification ($qual)"
      else not_ok "$who: agent with a qualification"; fi
      agent_quals+=("$qual")
      [[ ${want[2]} != *1* ]] || agent_substitute=1
      [ "${want[4]:0:1}" != 3 ] || agent_showa=1
      [ "${want[4]:0:1}" != 4 ] || agent_heisei=1 ;;
    representative|proprietor)
      check "$who: $role, no qualification" test -z "$qual" ;;
    *) not_ok "$who: role is representative, proprietor or agent" "role=$role" ;;
  esac
  case $who in
    representative|proprietor) check "$who: role $who" test "$role" = "$who" ;;
    agent-*) check "$who: role agent" test "$role" = agent ;;
  esac
done

load_ini PI "$out/personas/representative/persona.ini"
check "representative is 試験　太郎" test "${PI[san.name]-}" = '試験　太郎'
load_ini PI "$out/personas/sentinel/persona.ini"
check "sentinel (tests/privacy): 番兵　検出子, 昭和26年3月27日, its address, SNTL7PASSQ, a trusted valid representative" \
  eval 'test "${PI[san.name]-}/${PI[san.birth-date]-}/${PI[san.address]-}/${PI[card.sign-pin]-}/${PI[expect.chain]-}/${PI[expect.expired]-}/${PI[expect.role]-}" = "番兵　検出子/319510327/北海道番兵郡検出町大字試験９９９番地/SNTL7PASSQ/trusted/false/representative"'
# ---- the account flows (issue 16): a renewed card, a move, an impostor ----------
# persona.ini's [san] is checked against each certificate's bytes above, so
# comparing persona.ini compares the certificates' personal data.
# card_facts PERSONA: "sign-serial auth-serial sign-CN auth-CN sign-modulus auth-modulus"
card_facts() {
  local pd=$out/personas/$1 k t
  for k in sign auth; do
    t=$(cert_text "$pd/$k-cert.der")
    printf '%s %s ' "$(openssl x509 -inform DER -in "$pd/$k-cert.der" -noout -serial | cut -d= -f2)" \
      "$(field "$t" Subject | sed 's/.*CN=//')"
    modulus "$t" | tr -d '\n'; printf ' '
  done
}
# differ_all A B: each of A's words differs from B's word at the same place
differ_all() {
  local -a a b; local i
  read -ra a <<<"$1"; read -ra b <<<"$2"
  ((${#a[@]} == 6 && ${#b[@]} == 6)) || return 1
  for i in "${!a[@]}"; do [ -n "${a[i]}" ] && [ "${a[i]}" != "${b[i]}" ] || return 1; done
}
declare -A REP
load_ini REP "$out/personas/representative/persona.ini"
rep_facts=$(card_facts representative)
for who in representative-renewed representative-moved representative-impostor; do
  load_ini PI "$out/personas/$who/persona.ini"
  check "$who: a trusted, valid 2023 representative card" \
    test "${PI[expect.chain]-}/${PI[expect.expired]-}/${PI[expect.generation]-}/${PI[expect.role]-}" = trusted/false/2023/representative
  check "$who: new serials, issue numbers (CN) and keys for both certificates, not representative's" \
    differ_all "$(card_facts "$who")" "$rep_facts"
  check "$who: its own PIN and signing password, not representative's" \
    test "${PI[card.auth-pin]-}" != "${REP[card.auth-pin]-}" -a "${PI[card.sign-pin]-}" != "${REP[card.sign-pin]-}"
done
load_ini PI "$out/personas/representative-renewed/persona.ini"
# same_as_rep KEY...: PI has representative's non-empty value for each KEY
same_as_rep() {
  local k
  for k in "$@"; do [ -n "${PI[$k]-}" ] && [ "${PI[$k]}" = "${REP[$k]-}" ] || return 1; done
}
check "representative-renewed: representative's 氏名, 生年月日, 性別, 住所 and prefecture/city" \
  same_as_rep san.name san.birth-date san.gender san.address san.name-substitute san.address-substitute subject.prefecture subject.city
load_ini PI "$out/personas/representative-moved/persona.ini"
check "representative-moved: representative's 氏名, 生年月日, 性別" \
  same_as_rep san.name san.birth-date san.gender
check "representative-moved: another 住所, in another city (${PI[san.address]-})" \
  eval 'test -n "${PI[san.address]-}" && test "${PI[san.address]}" != "${REP[san.address]-}" && test "${PI[subject.city]-}" != "${REP[subject.city]-}"'
load_ini PI "$out/personas/representative-impostor/persona.ini"
# one_char_differs A B: same length, exactly one character differs
one_char_differs() {
  local x=$1 y=$2 i n=0
  ((${#x} == ${#y})) || return 1
  for ((i = 0; i < ${#x}; i++)); do [ "${x:i:1}" = "${y:i:1}" ] || n=$((n + 1)); done
  ((n == 1))
}
check "representative-impostor: its 氏名 (${PI[san.name]-}) differs from ${REP[san.name]-} in one character" \
  one_char_differs "${PI[san.name]-}" "${REP[san.name]-}"
check "representative-impostor: another 生年月日, representative's 住所 (only the name tells them apart)" \
  test "${PI[san.birth-date]-}" != "${REP[san.birth-date]-}" -a "${PI[san.address]-}" = "${REP[san.address]-}"
check "representative-impostor: its signing certificate verifies against the TEST signing CA bundle" \
  eval 'openssl verify -CAfile "$out/ca/sign-ca.pem" <(openssl x509 -inform DER -in "$out/personas/representative-impostor/sign-cert.der") 2>&1 | grep -q ": OK$"'

distinct=$(printf '%s\n' "${agent_quals[@]}" | sort -u | wc -l)
check "agents for 4+ different 士業 (${agent_quals[*]})" test "$distinct" -ge 4
check "an agent with a non-empty 氏名代替文字" test "$agent_substitute" = 1
check "an agent born in 昭和 and one in 平成" test "$agent_showa$agent_heisei" = 11
check "a persona whose birth date has era digit 0 (${era0[*]})" test "${#era0[@]}" -ge 1
check "a persona with the J-LIS test-card policy (${test_card[*]})" test "${#test_card[@]}" -ge 1
check "a representative on the TEST 2019 generation, valid (${gen2019_rep[*]})" test "${#gen2019_rep[@]}" -ge 1
check "an agent on the TEST 2019 generation, valid (${gen2019_agent[*]})" test "${#gen2019_agent[@]}" -ge 1

finish
