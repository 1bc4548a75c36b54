#!/usr/bin/env bash
# check-desktop.sh SRCROOT BUILDROOT: the desktop integration files in data/
# (desktop file, AppStream metainfo, icons, GSettings schema) pass their own
# validators, and every GSettings key the sources use exists in the schema.
set -euo pipefail
src=$1 build=$2
. "$src/tests/cli/tap.sh"

app_id=io.github.ininjo.Ininjo
desktop=$build/data/$app_id.desktop
metainfo=$build/data/$app_id.metainfo.xml
schema=$src/data/$app_id.gschema.xml
icon=$src/data/icons/hicolor/scalable/apps/$app_id.svg
symbolic=$src/data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_clean DESCRIPTION COMMAND...: passes when COMMAND exits 0 and prints
# nothing (validators print hints and warnings even when they exit 0)
run_clean() {
  local d=$1; shift
  set +e; out=$("$@" 2>&1); local got=$?; set -e
  if [ "$got" = 0 ] && [ -z "$out" ]; then ok "$d"; else not_ok "$d" "exit $got: $*" "$out"; fi
}

# The desktop file, as configured by meson
if [ -f "$desktop" ]; then
  # errors fail with a status, warnings do not: neither is allowed. Hints
  # (such as "Security can be extended with System") are advice only.
  set +e; out=$(desktop-file-validate "$desktop" 2>&1); got=$?; set -e
  if [ "$got" = 0 ] && ! grep -qE ': (error|warning):' <<<"$out"; then
    ok "desktop-file-validate $app_id.desktop"
  else
    not_ok "desktop-file-validate $app_id.desktop" "exit $got" "$out"
  fi
  out=$(cat "$desktop")
  check "desktop file has no unsubstituted @VAR@" lacks "@"
  check "desktop file: Exec=ininjo" contains $'\nExec=ininjo\n'
  check "desktop file: Icon=$app_id" contains $'\nIcon='"$app_id"$'\n'
  check "desktop file: Name[ja]" contains "Name[ja]=Ininjo（電子委任状）"
  check "desktop file: Japanese keywords" contains "Keywords[ja]="
else
  not_ok "configured desktop file exists" "missing $desktop"
fi

# The AppStream metainfo, as configured by meson
if [ -f "$metainfo" ]; then
  # No error, warning or info. (--pedantic would add only "the component ID
  # should be lower case", which the reverse-DNS app ID cannot be.)
  set +e; out=$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1); got=$?; set -e
  if [ "$got" = 0 ] && ! grep -qE '^[EWI]:' <<<"$out"; then
    ok "appstreamcli validate --no-net $app_id.metainfo.xml"
  else
    not_ok "appstreamcli validate --no-net $app_id.metainfo.xml" "exit $got" "$out"
  fi
  out=$(cat "$metainfo")
  check "metainfo has no unsubstituted @VAR@" lacks "@"
  check "metainfo: launchable is the desktop file" contains "<launchable type=\"desktop-id\">$app_id.desktop</launchable>"
  check "metainfo: provides the ininjo binary" contains "<binary>ininjo</binary>"
  check "metainfo: Japanese description" contains '<p xml:lang="ja">'
else
  not_ok "configured metainfo exists" "missing $metainfo"
fi

# The GSettings schema
run_clean "glib-compile-schemas --strict --dry-run data/" \
  glib-compile-schemas --strict --dry-run "$src/data"

if glib-compile-schemas --strict --targetdir="$tmp" "$src/data" 2>/dev/null; then
  keys=$(gsettings --schemadir "$tmp" list-keys "$app_id" | sort)
  want=$(printf '%s\n' service-url service-ca client-credential client-certificate \
           client-key pkcs11-module card-reader trust-anchors idle-timeout reveal-personal-data \
           allow-unencrypted-local-data verbose-logging start-role | sort)
  if [ "$keys" = "$want" ]; then ok "the schema has exactly the settings keys"; else
    not_ok "the schema has exactly the settings keys" "got: $(echo $keys)" "want: $(echo $want)"; fi

  # Every key the C sources name through g_settings_* exists in the schema.
  used=$(grep -rhoE --include='*.c' \
           'g_settings_(get|set|bind|reset|get_[a-z]+|set_[a-z]+|bind_[a-z]+|create_action|get_default_value|get_user_value|is_writable)(_[a-z]+)? *\([^,]+, *"[a-z0-9-]+"' \
           "$src/app" "$src/ui" "$src/net" "$src/pkcs11" 2>/dev/null \
         | sed -E 's/.*"([a-z0-9-]+)"$/\1/' | sort -u || true)
  missing=$(comm -23 <(printf '%s\n' $used | sed '/^$/d') <(printf '%s\n' $keys))
  if [ -z "$missing" ]; then ok "every key the sources use exists ($(echo $used | wc -w) used)"; else
    not_ok "every key the sources use exists" "not in the schema: $(echo $missing)"; fi

  expect_exit "service-url defaults to https://localhost:8443" 0 \
    gsettings --schemadir "$tmp" get "$app_id" service-url
  check "service-url default value" contains "'https://localhost:8443'"
  expect_exit "client-credential is an enum card|file" 0 \
    gsettings --schemadir "$tmp" range "$app_id" client-credential
  check "client-credential choices" contains $'enum\n\'card\'\n\'file\''
  expect_exit "idle-timeout ranges 60..3600" 0 \
    gsettings --schemadir "$tmp" range "$app_id" idle-timeout
  check "idle-timeout range" contains $'range u 60 3600'
  expect_exit "start-role is an enum unset|representative|agent|support" 0 \
    gsettings --schemadir "$tmp" range "$app_id" start-role
  check "start-role choices" contains $'enum\n\'unset\'\n\'representative\'\n\'agent\'\n\'support\''
  expect_exit "start-role defaults to unset (the welcome asks)" 0 \
    gsettings --schemadir "$tmp" get "$app_id" start-role
  check "start-role default value" contains "'unset'"
else
  not_ok "the schema compiles" "$(glib-compile-schemas --strict --targetdir="$tmp" "$src/data" 2>&1)"
fi

# The icons: well-formed SVG
for f in "$icon" "$symbolic"; do
  if [ -f "$f" ]; then
    run_clean "$(basename "$f") is well-formed XML" xmllint --noout "$f"
    check "$(basename "$f") is an SVG" grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$f"
  else
    not_ok "$(basename "$f") exists" "missing $f"
  fi
done
finish
