#!/usr/bin/env bash
# check-po.sh SRCROOT: the Japanese catalogue is complete for the current
# sources: every message extracted now has a translation, none is fuzzy.
set -euo pipefail
src=$1
. "$src/tests/cli/tap.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$src"
# the same keywords as meson's "glib" preset for i18n.gettext
xgettext --from-code=UTF-8 --add-comments=TRANSLATORS -o "$work/now.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  -f data/po/POTFILES.in
check "every message has a Japanese entry" msgcmp data/po/ja.po "$work/now.pot"
# and no entry is left that the sources no longer use (a redesign leaves
# old wording behind, which then passes for the current one)
unused=$(msgcmp data/po/ja.po "$work/now.pot" 2>&1 | grep "not used" || true)
if [ -z "$unused" ]; then ok "no entry the sources no longer use"; else not_ok "no entry the sources no longer use" "$unused"; fi
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null data/po/ja.po 2>&1)
case "$stats" in
  *fuzzy*|*untranslated*) not_ok "no fuzzy or untranslated messages" "$stats" ;;
  *translated*) ok "no fuzzy or untranslated messages" ;;
  *) not_ok "msgfmt counted the messages" "$stats" ;;
esac
# every source file with translatable text is listed in POTFILES.in
missing=$( { grep -lE "\\b(_|N_)\\(" app/*/*.c pkcs11/*.c net/*.c ui/*.c; grep -l 'translatable="yes"' ui/*.ui; } \
  | while read -r f; do grep -qx "$f" data/po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then ok "POTFILES.in lists every file with messages"; else not_ok "POTFILES.in" "$missing"; fi
finish
