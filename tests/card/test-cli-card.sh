#!/usr/bin/env bash
# test-cli-card.sh CLI: `ininjo-cli card` against the virtual card of the
# "representative" persona, inside with-card.sh --profile.
set -euo pipefail
cli=$1
. "$(dirname "$0")/../cli/tap.sh"
: "${INJ_TEST_VCARD_LOG:?run inside with-card.sh --profile}"

control() {
  python3 -c 'import socket,sys
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2]+"\n").encode())
print(s.makefile().readline().strip())' "$INJ_TEST_VCARD_CONTROL" "$1"
}

expect_exit "card lists readers, tokens, tries and certificates" 0 "$cli" card
check "the vpcd reader" contains "Virtual PCD 00 00"
check "the authentication token" contains "JPKI (User Authentication PIN)"
check "the signing token, as a My Number card" contains "マイナンバーカード（署名用）"
check "the card kind from EF 0006" contains "JPKIAPICCTOKEN2"
check "the signing password's tries" contains "署名用電子証明書のパスワード: 残り 5 回"
check "the PIN's tries" contains "暗証番号: 残り 3 回"
check "the authentication certificate" contains "利用者証明用電子証明書:"
check "the TEST CA" contains "JPKI for digital signature TEST"
check "without the password, the signing certificate is not read" contains "--signing-certificate"

expect_exit "the signing certificate with the password" 0 \
  bash -c '"$1" card --signing-certificate --password-fd 3 3<<<"TESTPASS1"' _ "$cli"
check "personal data masked by default" contains "試＊＊＊"
check "the name is not shown" lacks "試験　太郎"
check "nor the date of birth" lacks "1975"
check "and it says how to show it" contains "--show-personal"

expect_exit "--show-personal, with a lower-case password" 0 \
  bash -c '"$1" card --signing-certificate --show-personal --password-fd 3 3<<<"testpass1"' _ "$cli"
check "the name" contains "試験　太郎"
check "the date of birth in 和暦 and 西暦" contains "昭和50年8月15日（1975年8月15日）"
check "the address" contains "東京都千代田区試験町一丁目１番１号"

expect_exit "a wrong password fails with 5" 5 \
  bash -c '"$1" card --signing-certificate --password-fd 3 3<<<"WRONG1234"' _ "$cli"
check "and says how many tries are left" contains "残り 4 回"
expect_exit "the tries are shown again" 0 "$cli" card
check "4 tries left, read without using one" contains "署名用電子証明書のパスワード: 残り 4 回"

status=$(control status)
check "the card is not left verified" sh -c "echo '$status' | grep -q '\"sign_verified\":false'"
check "the password never reaches the APDU log" sh -c "! grep -qi -e TESTPASS1 -e 'WRONG1234' -e 5445535450415353 '$INJ_TEST_VCARD_LOG'"

control remove >/dev/null
for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q 'Yes' || break; sleep 0.05; done
expect_exit "no card: exit 5" 5 "$cli" card
check "says so" contains "マイナンバーカードが見つかりません"
control insert >/dev/null
finish
