#!/usr/bin/env bash
# check-man.sh SRCROOT INININJO-CLI: the manual pages (data/man/, English and
# Japanese) render without a single groff warning, and say what the program
# and the test bed know: every verb and option "ininjo-cli --help" lists is
# in both ininjo-cli(1) pages, every group and key of a scenario file is in
# both ininjo-scenario(5) pages. First it proves the check itself can fail,
# on a page broken on purpose.
set -euo pipefail
src=$1
cli=$2
. "$src/tests/cli/tap.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE=en MANROFFSEQ='' MANOPT='' MANPAGER=cat PAGER=cat

if ! command -v man >/dev/null || ! command -v groff >/dev/null; then
  not_ok "man and groff are installed (Debian: man-db, groff-base)"
  finish
  exit 1
fi

# warnings FILE: groff's warnings (all of them) at three widths, with and
# without hyphenation; nothing on standard output when there are none
warnings() {
  local w
  for w in 60 80 120; do
    MANWIDTH=$w man --warnings=w -E UTF-8 -l "$1" 2>&1 >/dev/null
    MANWIDTH=$w man --nh --nj --warnings=w -E UTF-8 -l "$1" 2>&1 >/dev/null
  done
}
# text FILE: the page as plain text, one paragraph to a line where it can,
# no hyphenation (so that an option is never cut in two)
text() { MANWIDTH=250 man --nh --nj -E UTF-8 -l "$1" 2>/dev/null | col -bx; }

# The check catches what it must: a page with an unknown macro, an unknown
# escape and a Japanese line no one can break.
cat >"$work/broken.1" <<'PAGE'
.TH BROKEN 1 2026-01-01 "Ininjo" "Ininjo"
.SH NAME
broken \- a page broken on purpose
.XY unknown macro
.SH DESCRIPTION
Text with an unknown escape \[nosuchglyph] here.
.PP
電子委任状を作成・署名・登録するためのデスクトップアプリケーションです事業者の代表者が電子委任状を書き受任者の署名用電子証明書を受け取りマイナンバーカードで署名します。
PAGE
out=$(warnings "$work/broken.1")
check "a broken page is caught (an unknown macro, glyph, unbreakable line)" \
  test -n "$out"
case "$out" in *"XY"*|*"macro"*) ok "the unknown macro is named";; *) not_ok "the unknown macro is named" "$out";; esac

pages=()
for f in "$src"/data/man/*.[0-9] "$src"/data/man/ja/*.[0-9]; do pages+=("$f"); done
check "eight pages, four in each language (${#pages[@]})" test "${#pages[@]}" -eq 8
for f in "${pages[@]}"; do
  name=${f#"$src"/data/man/}
  out=$(warnings "$f")
  if [ -z "$out" ]; then ok "$name renders without a warning"; else not_ok "$name renders without a warning" "$out"; fi
  t=$(text "$f")
  case "$t" in *ininjo*) ok "$name has text";; *) not_ok "$name has text" "$t";; esac
done

# Verbs (and an agent's or audit's sub-verbs) and their options, from the
# program itself.
en=$(text "$src/data/man/ininjo-cli.1")
ja=$(text "$src/data/man/ja/ininjo-cli.1")
help=$("$cli" --help)
verbs=$(printf '%s\n' "$help" | sed -n '/^Verbs:/,/^$/{s/^  \([a-z][a-z0-9-]*\)  .*/\1/p}')
check "ininjo-cli --help lists verbs ($(echo $verbs))" test "$(printf '%s\n' "$verbs" | wc -w)" -ge 15
# options HELP: the long options of a verb's --help, but --help itself
options() { printf '%s\n' "$1" | grep -oE -- '--[a-z][a-z0-9-]*' | grep -vx -- '--help' | sort -u || true; }
# documented WHAT OPTIONS: the heading "ininjo-cli WHAT" and every option, in both pages
documented() {
  local what=$1 opts=$2 lang page missing o
  for lang in en ja; do
    if [ "$lang" = en ]; then page=$en; else page=$ja; fi
    missing=""
    grep -qE "^   ininjo-cli $what( |\$)" <<<"$page" || missing+=" (its heading)"
    for o in $opts; do
      grep -qE -- "$o([^a-z0-9-]|\$)" <<<"$page" || missing+=" $o"
    done
    if [ -z "$missing" ]; then ok "ininjo-cli $what in ininjo-cli(1) ($lang)"
    else not_ok "ininjo-cli $what in ininjo-cli(1) ($lang)" "missing:$missing"; fi
  done
}
for v in $verbs; do
  vhelp=$("$cli" "$v" --help 2>&1 </dev/null || true)
  subs=$(printf '%s\n' "$vhelp" | sed -n "s/^  $v \([a-z][a-z0-9-]*\)  .*/\1/p" | sort -u)
  if [ -z "$subs" ]; then
    documented "$v" "$(options "$vhelp")"
  else
    for s in $subs; do
      documented "$v $s" "$(options "$("$cli" "$v" "$s" --help 2>&1 </dev/null || true)")"
    done
  fi
done
# the options any verb takes, and every exit status (a tag of its own)
both() {
  local d=$1 re=$2
  if grep -qE -- "$re" <<<"$en" && grep -qE -- "$re" <<<"$ja"; then ok "$d"
  else not_ok "$d" "not matched in both: $re"; fi
}
for o in --verbose --allow-unencrypted --version; do
  both "$o in both ininjo-cli(1) pages" "$o([^a-z-]|\$)"
done
for s in 0 1 2 3 4 5 6; do
  both "exit status $s in both ininjo-cli(1) pages" "^       $s( |\$)"
done

# Scenario files: every group and key tests/bed/scenario.sh accepts.
sen=$(text "$src/data/man/ininjo-scenario.5")
sja=$(text "$src/data/man/ja/ininjo-scenario.5")
known=$(sed -n 's/^  \[\([a-z-]*\)\]="\(.*\)"$/\1 \2/p' "$src/tests/bed/scenario.sh")
check "scenario.sh lists groups and keys" test "$(printf '%s\n' "$known" | wc -l)" -ge 7
while read -r group keys; do
  for lang in en ja; do
    if [ "$lang" = en ]; then page=$sen; else page=$sja; fi
    missing=""
    grep -qF "[$group]" <<<"$page" || missing+=" [$group]"
    for k in $keys; do
      grep -qE "(^|[^a-z-])$k([^a-z-]|\$)" <<<"$page" || missing+=" $k"
    done
    if [ -z "$missing" ]; then ok "[$group] in ininjo-scenario(5) ($lang)"
    else not_ok "[$group] in ininjo-scenario(5) ($lang)" "missing:$missing"; fi
  done
done <<<"$known"
finish
