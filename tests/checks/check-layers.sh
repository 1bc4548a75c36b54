#!/usr/bin/env bash
# check-layers.sh SRCROOT BUILDROOT: the folders are the layers (design.md).
# No GTK outside ui/ (and the GUI's main), no curl outside net/, no PKCS#11
# calls outside pkcs11/ — in the sources, and in the compiler's include path.
set -euo pipefail
src=$1 build=$2
. "$src/tests/cli/tap.sh"

# forbidden PATTERN in the C sources of FOLDER (GUI main allowed GTK)
forbid() {
  local folder=$1 what=$2 pattern=$3 hits
  [ -d "$src/$folder" ] || { not_ok "$folder exists" "no folder $folder"; return; }
  hits=$(grep -rnE --include='*.c' --include='*.h' "$pattern" "$src/$folder" \
           | grep -v -E '/ininjo(-gui)?-main\.c:' || true)
  if [ -z "$hits" ]; then ok "no $what in $folder/"; else not_ok "no $what in $folder/" "$hits"; fi
}

gtk='#include *<(gtk|gdk|adwaita|adw)[/.]'
curl='#include *<curl/|curl_easy_|curl_multi_'
p11='#include *<(p11-kit/|pkcs11|PCSC/|winscard)|\bC_(Initialize|GetSlotList|OpenSession|Login|SignInit|Sign|FindObjects)\b|\bSCard[A-Z][a-zA-Z]+ *\('

for layer in app pkcs11 net ui; do
  [ -d "$src/$layer" ] || continue
  [ "$layer" = ui ] || forbid "$layer" "GTK" "$gtk"
  [ "$layer" = net ] || forbid "$layer" "curl" "$curl"
  [ "$layer" = pkcs11 ] || forbid "$layer" "PKCS-11 call" "$p11"
done

# The compiler must not even see GTK's headers outside ui/.
cc_json="$build/compile_commands.json"
if [ -f "$cc_json" ]; then
  bad=$(python3 - "$cc_json" <<'PY'
import json, sys, re
for e in json.load(open(sys.argv[1])):
    f = e["file"]
    cmd = e.get("command", " ".join(e.get("arguments", [])))
    if "/ui/" in f:
        continue
    if re.search(r"-I\S*(gtk-4|libadwaita|curl)", cmd):
        print(f)
PY
)
  if [ -z "$bad" ]; then ok "no GTK or curl include path outside ui/ and net/"; else not_ok "include paths" "$bad"; fi
else
  not_ok "compile_commands.json exists" "missing $cc_json"
fi
finish
