#!/usr/bin/env bash
# test-config.sh CLI PROBE SCHEMADIR SCHEMA_XML: one configuration. ininjo-cli config
# get|set|list write the GSettings the window reads (PROBE reads them through
# the window's own code), the CLI's service, card and signature verbs read
# them with options still first, and an old ininjo.ini is imported once,
# saying what it did, with bad values reported and left out. Settings in a
# key file of the test.
set -euo pipefail
cli=$(realpath "$1") probe=$(realpath "$2") build_schemas=$3 schema_xml=$4
. "$(dirname "$0")/tap.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# as installed: the compiled schema next to its XML (where GLib reads the
# keys' summaries from)
schemas=$work/schemas; mkdir -p "$schemas"
cp "$build_schemas/gschemas.compiled" "$schema_xml" "$schemas/"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$schemas XDG_DATA_DIRS=$work/no-data
fresh() { # a new, empty configuration and log
  export XDG_CONFIG_HOME=$work/$1/config XDG_STATE_HOME=$work/$1/state
  mkdir -p "$XDG_CONFIG_HOME/ininjo"
}
ini=ininjo/ininjo.ini
keyfile() { echo "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"; }

# --- without the schema: an error that names it, not GLib's abort
fresh noschema
expect_exit "config list without the schema fails as a missing file" 3 \
  env GSETTINGS_SCHEMA_DIR="$work/no-schemas" "$cli" config list
check "naming the schema" contains "io.github.ininjo.Ininjo"
check "in Japanese" contains "インストール"
expect_exit "so does a service verb" 3 env GSETTINGS_SCHEMA_DIR="$work/no-schemas" "$cli" profile
check "naming the schema too" contains "io.github.ininjo.Ininjo"

# --- list, get, set; the window's code reads what the CLI wrote
fresh shared
expect_exit "config list" 0 "$cli" config list
check "lists service-url with its default" contains "service-url = https://localhost:8443  (既定値)"
check "with a short description, in Japanese" contains "    サービスの URL"
check "lists the card reader setting" contains "card-reader = "
keys=$(printf '%s\n' "$out" | sed -n 's/^\([a-z0-9-]*\) = .*/\1/p')
check "eleven or more keys listed" test "$(echo "$keys" | wc -l)" -ge 11
check "no PIN or password among the settings" sh -c "! echo '$keys' | grep -qiE 'pin|passw|secret'"

expect_exit "set service-url" 0 "$cli" config set service-url https://svc.example.test:9443
check "says the new value" contains "https://svc.example.test:9443"
expect_exit "get service-url" 0 "$cli" config get service-url
check "get prints it" test "$out" = "https://svc.example.test:9443"
expect_exit "list marks it set" 0 "$cli" config list
check "not the default any more" contains "service-url = https://svc.example.test:9443  (設定済み)"
check "the setting is in the key file of GSettings" grep -q "service-url='https://svc.example.test:9443'" "$(keyfile)"
check "no ininjo.ini written" test ! -e "$XDG_CONFIG_HOME/$ini"
expect_exit "the window's code reads it" 0 "$probe"
check "the window's service address" contains "base-url=https://svc.example.test:9443"

( cd "$work" && "$cli" config set service-ca ca/service.pem ) >/dev/null 2>&1
expect_exit "a relative file is made absolute" 0 "$cli" config get service-ca
check "from the current folder" test "$out" = "$work/ca/service.pem"
expect_exit "client-credential file" 0 "$cli" config set client-credential file
expect_exit "client-certificate" 0 "$cli" config set client-certificate "$work/client.pem"
expect_exit "client-key" 0 "$cli" config set client-key "$work/client.key"
expect_exit "idle-timeout 120" 0 "$cli" config set idle-timeout 120
expect_exit "the window reads them all" 0 "$probe"
check "service CA" contains "service-ca=$work/ca/service.pem"
check "certificate file, not the card" contains "uses-card=false"
check "client certificate" contains "client-certificate=$work/client.pem"
check "idle timeout" contains "idle-timeout=120"

expect_exit "a boolean" 0 "$cli" config set reveal-personal-data yes
expect_exit "read back" 0 "$cli" config get reveal-personal-data
check "as true" test "$out" = true
expect_exit "a string array, each item a VALUE" 0 "$cli" config set trust-anchors /a/one.pem /b/two.pem
expect_exit "read back" 0 "$cli" config get trust-anchors
check "one item a line" test "$out" = "$(printf '/a/one.pem\n/b/two.pem')"
expect_exit "the empty list" 0 "$cli" config set trust-anchors ""
expect_exit "read back" 0 "$cli" config get trust-anchors
check "empty" test -z "$out"

# --- refusals: each says why, nothing changes
expect_exit "an unknown key is refused (get)" 2 "$cli" config get service-pin
check "naming it" contains "service-pin"
check "saying where the keys are" contains "config list"
expect_exit "an unknown key is refused (set)" 2 "$cli" config set frobnicate 1
expect_exit "a choice outside the enum" 1 "$cli" config set client-credential smartcard
check "names the choices" contains "card, file"
expect_exit "a number out of range" 1 "$cli" config set idle-timeout 30
check "gives the range" contains "60"
expect_exit "not a number" 1 "$cli" config set idle-timeout soon
expect_exit "not a boolean" 1 "$cli" config set verbose-logging maybe
expect_exit "plain http is refused" 1 "$cli" config set service-url http://svc.example.test
check "saying https" contains "https://"
expect_exit "one value for a string" 1 "$cli" config set pkcs11-module a.so b.so
expect_exit "no value is a usage error" 2 "$cli" config set service-url
expect_exit "no subverb is a usage error" 2 "$cli" config
expect_exit "nothing changed" 0 "$probe"
check "the address stays" contains "base-url=https://svc.example.test:9443"
check "the timeout stays" contains "idle-timeout=120"

# --- the service verbs read the same settings; their options still win
expect_exit "profile uses the settings' CA file" 6 "$cli" profile
check "the CA of the settings is the one tried" contains "$work/ca/service.pem"
expect_exit "--service-ca overrides the setting" 6 "$cli" profile --service-ca "$work/other-ca.pem"
check "the option's CA is the one tried" contains "$work/other-ca.pem"
check "not the setting's" lacks "$work/ca/service.pem"
"$cli" config set client-key "" 2>/dev/null
expect_exit "file credential without its key: says what to set" 2 "$cli" profile
check "names the settings" contains "client-key"

# --- the card and signature verbs read the module and the trust anchors too
expect_exit "set pkcs11-module" 0 "$cli" config set pkcs11-module /nonexistent/module-of-the-settings.so
expect_exit "card loads the settings' module" 5 "$cli" card
check "naming it" contains "module-of-the-settings.so"
expect_exit "--module overrides it" 5 "$cli" card -m /nonexistent/module-of-the-option.so
check "the option's module" contains "module-of-the-option.so"
check "not the setting's" lacks "module-of-the-settings.so"
expect_exit "set trust-anchors" 0 "$cli" config set trust-anchors /nonexistent/anchor-of-the-settings.pem
"$cli" new -i "$(dirname "$schema_xml")/examples/corporation.ini" -o "$work/d.xml" 2>/dev/null
expect_exit "verify reads the settings' trust anchors" 3 "$cli" verify "$work/d.xml"
check "naming the anchor" contains "anchor-of-the-settings.pem"
"$cli" config set trust-anchors "" 2>/dev/null

# --- the old ininjo.ini: imported once, saying what it did
fresh import
mkdir -p "$(dirname "$(keyfile)")"
# the user has set the service CA already: it is kept
printf "[io/github/ininjo/Ininjo]\nservice-ca='/kept/ca.pem'\n" > "$(keyfile)"
cat > "$XDG_CONFIG_HOME/$ini" <<'INI'
[service]
url = https://imported.example.test:8443
ca = /from/ini/ca.pem

[client]
reader = Virtual PCD 00 00
certificate = relative/client.pem
key = /from/ini/client.key

[extra]
colour = blue
INI
expect_exit "the first run imports" 0 "$cli" config get service-url
check "saying from where" contains "$XDG_CONFIG_HOME/$ini"
check "the URL is imported" contains "[service] url: service-url = https://imported.example.test:8443"
check "the user's service CA is kept" contains "[service] ca: 取り込みませんでした。設定 service-ca は既に設定されています (/kept/ca.pem)"
check "a relative file is reported, not imported" contains "[client] certificate: 取り込みませんでした。値が正しくありません"
check "an unknown key is reported" contains "[extra] colour"
check "and where the file went" contains "ininjo.ini.imported"
check "the value printed is the imported one" contains "https://imported.example.test:8443"
check "the file is renamed" test -f "$XDG_CONFIG_HOME/$ini.imported" -a ! -e "$XDG_CONFIG_HOME/$ini"
check "the import is in the log" grep -q "imported.example.test" "$XDG_STATE_HOME/ininjo/logs/ininjo.log"
expect_exit "the reader came across" 0 "$cli" config get card-reader
check "as card-reader" test "$out" = "Virtual PCD 00 00"
check "the second run imports nothing" lacks "ininjo.ini"
expect_exit "the CA is still the user's" 0 "$cli" config get service-ca
check "kept" test "$out" = /kept/ca.pem
expect_exit "the bad certificate was left out" 0 "$cli" config get client-certificate
check "still empty" test -z "$out"
expect_exit "the window reads the imported address" 0 "$probe"
check "base-url" contains "base-url=https://imported.example.test:8443"

# a bad value alone: reported, the rest imported, credential as the CLI used it
fresh bad
cat > "$XDG_CONFIG_HOME/$ini" <<'INI'
[service]
url = http://insecure.example.test
[client]
certificate = /from/ini/client.pem
key = /from/ini/client.key
INI
expect_exit "an ini with a bad URL" 0 "$cli" config list
check "the bad URL is reported" contains "[service] url: 取り込みませんでした。値が正しくありません"
check "with the reason" contains "https://"
check "the URL stays the default" contains "service-url = https://localhost:8443  (既定値)"
check "the files are imported" contains "client-certificate = /from/ini/client.pem  (設定済み)"
check "and the file credential with them" contains "client-credential = file  (設定済み)"

# a file that is not an ini at all: said, left in place to mend
fresh broken
printf 'this is not a key file\n' > "$XDG_CONFIG_HOME/$ini"
expect_exit "an unreadable ini does not stop the CLI" 0 "$cli" config get service-url
check "it says the file cannot be read" contains "$XDG_CONFIG_HOME/$ini"
check "the file stays" test -f "$XDG_CONFIG_HOME/$ini"
finish
